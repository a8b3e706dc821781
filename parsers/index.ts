/**
 * Every format logtally reads, in detection order. Detection asks each for its confidence on a
 * file's first lines; the best one above zero wins (the first listed on a tie, so the more specific
 * name comes first).
 */
import { ACCESS_FORMATS, customAccessFormat } from './access-formats.js';
import { csvFormat } from './csv.js';
import { httperrFormat } from './httperr.js';
import { iisNativeFormat } from './iis-native.js';
import { jsonArrayFormat, jsonLinesFormat } from './json-lines.js';
import type { DetectionHints, LogFormat } from './types.js';
import { w3cHeaderlessFormat } from './w3c-headerless.js';
import { guessLayout } from './w3c-layouts.js';
import { SERVICE_LOG_NAMES, serviceLogOf, w3cFormat } from './w3c.js';

export const FORMATS: readonly LogFormat[] = [httperrFormat, w3cFormat, w3cHeaderlessFormat, iisNativeFormat, jsonLinesFormat, jsonArrayFormat, csvFormat, ...ACCESS_FORMATS];

/** Other names users give the built-in formats. */
const ALIASES: Record<string, string> = {
  ncsa: 'common',
  clf: 'common',
  apache: 'combined',
  nginx: 'combined',
  'nginx-combined': 'combined',
  iis: 'w3c',
  jsonl: 'json',
  ndjson: 'json',
};

export function findFormat(name: string): LogFormat | undefined {
  const wanted = ALIASES[name] ?? name;
  return FORMATS.find((f) => f.name === wanted);
}

/**
 * A `--log-format` value: a format name, or `apache:…`/`nginx:…` with a nickname or format string.
 * Throws Error with a message for the user when a format string cannot be compiled.
 */
export function resolveFormat(spec: string): LogFormat | undefined {
  return findFormat(spec) ?? customAccessFormat(spec);
}

export interface Detection {
  format?: LogFormat;
  tried: string[];
}

export function detectFormat(firstLines: readonly string[], hints?: DetectionHints): Detection {
  let best: LogFormat | undefined;
  let bestScore = 0;
  for (const format of FORMATS) {
    const score = format.detect(firstLines, hints);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  return { format: best, tried: FORMATS.map((f) => f.name) };
}

/**
 * Why a file no format claimed is a log but not a web log, for the skip message: IIS FTP and SMTP
 * service logs (with a header, or IIS FTP's default layout without one), and Exchange Server logs
 * other than its web request logs (message tracking, SMTP protocol, ECP activity …). Undefined otherwise.
 */
export function notWebLogReason(firstLines: readonly string[]): string | undefined {
  const service = serviceLogOf(firstLines) ?? (guessLayout(firstLines)?.fields.includes('x-session') ? 'ftp' : undefined);
  if (service !== undefined) return `${SERVICE_LOG_NAMES[service]}: its sc-status holds ${service.toUpperCase()} reply codes, not HTTP statuses, so it is not read as a web log`;
  const exchangeLog = exchangeLogType(firstLines);
  if (exchangeLog !== undefined) return `an Exchange Server ${exchangeLog}, which logs no web requests (its HttpProxy and EWS logs do)`;
  return undefined;
}

/** The `#Log-type:` of an Exchange Server log (`Message Tracking Log`); undefined for any other file. */
function exchangeLogType(firstLines: readonly string[]): string | undefined {
  if (!firstLines.some((l) => l.startsWith('#Software: Microsoft Exchange'))) return undefined;
  return firstLines.find((l) => l.startsWith('#Log-type:'))?.slice(10).trim() ?? 'log';
}

export type { DetectionHints, LogFormat, LineParser, ParseContext, FieldSet, RejectReason } from './types.js';
