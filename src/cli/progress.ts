/**
 * A progress bar on stderr for long runs, only when stderr is a terminal: pipes and CI logs get
 * nothing. It appears after a short delay so quick runs never flash it, redraws at most ten times a
 * second, and erases itself before the report is written.
 */
import type { Readable, Writable } from 'node:stream';
import type { Source } from '../sources/sources.js';

const SHOW_AFTER_MS = 500;
const REDRAW_MS = 100;
const BAR_WIDTH = 30;

export interface Progress {
  /** The sources, wrapped so the bar knows which file is being read. */
  sources: Source[];
  /** For RunOptions.onBytes; undefined when there is no bar. */
  onBytes?: (bytes: number) => void;
  /** Erases the bar. */
  done(): void;
}

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

export function createProgress(stderr: Writable, isTTY: boolean, sources: Source[], now: () => number = Date.now): Progress {
  if (!isTTY) return { sources, done: () => {} };
  const total = sources.reduce((n, s) => n + (s.size ?? 0), 0);
  const start = now();
  let base = 0;
  let currentSize = 0;
  let lastDraw = 0;
  let drawn = false;
  // Each source reports bytes from 0; remember the sizes of the files before the current one.
  const starting = (i: number): void => {
    base = sources.slice(0, i).reduce((n, s) => n + (s.size ?? 0), 0);
    currentSize = sources[i]!.size ?? 0;
  };
  const wrapped = sources.map((source, i): Source => {
    const open = (): Readable => {
      starting(i);
      return source.open();
    };
    if (source.chunks === undefined) return { ...source, open };
    const chunks = source.chunks.bind(source);
    return {
      ...source,
      open,
      chunks: () => {
        starting(i);
        return chunks();
      },
    };
  });
  const onBytes = (bytes: number): void => {
    const t = now();
    if (t - start < SHOW_AFTER_MS || t - lastDraw < REDRAW_MS) return;
    lastDraw = t;
    // Gzip files read more bytes than their size on disk; a file never counts past its size.
    // Worker threads report bytes over every file at once (base stays 0), gzip ones uncapped.
    const done = Math.min(base + (currentSize > 0 ? Math.min(bytes, currentSize) : bytes), total > 0 ? total : Infinity);
    const line =
      total > 0
        ? `[${'#'.repeat(Math.round((done / total) * BAR_WIDTH)).padEnd(BAR_WIDTH, '.')}] ${Math.floor((done / total) * 100)}% ${mb(done)} / ${mb(total)}`
        : `${mb(done)} read`;
    stderr.write(`\r${line}\u001b[K`);
    drawn = true;
  };
  return {
    sources: wrapped,
    onBytes,
    done: () => {
      if (drawn) stderr.write('\r\u001b[K');
    },
  };
}
