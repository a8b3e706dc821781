/**
 * Every format logtally reads, in detection order. Detection asks each for its confidence on a
 * file's first lines; the best one above zero wins.
 */
import type { LogFormat } from './types.js';
import { w3cFormat } from './w3c.js';

export const FORMATS: readonly LogFormat[] = [w3cFormat];

export function findFormat(name: string): LogFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}

export interface Detection {
  format?: LogFormat;
  tried: string[];
}

export function detectFormat(firstLines: readonly string[]): Detection {
  let best: LogFormat | undefined;
  let bestScore = 0;
  for (const format of FORMATS) {
    const score = format.detect(firstLines);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  return { format: best, tried: FORMATS.map((f) => f.name) };
}

export type { LogFormat, LineParser, ParseContext, FieldSet, RejectReason } from './types.js';
