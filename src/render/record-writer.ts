/**
 * Records as export rows (NDJSON, CSV) at parse speed: the path every export takes (`records`,
 * loaders). The output is byte for byte what `safeJson` and `csvField` give per value; the speed
 * comes from not allocating per field when a cheap scan says a value needs no escaping (nearly
 * every log value), caching the ISO text of the current second, and collecting rows into large
 * chunks so the stream is written once per chunk rather than once per record.
 */
import type { LocatedRecord, LogRecord } from '../../parsers/record.js';
import { toIso } from '../../parsers/time.js';
import type { ChunkPool } from './chunk-pool.js';
import { csvField, safeJson } from './sanitize.js';

/** One record as one row of text, line end included. */
export type RowEncoder = (r: LocatedRecord) => string;

/**
 * Whether `text` is the same inside a JSON string as raw and is terminal-safe: printable ASCII
 * without `"` and `\`. Anything else takes safeJson's path.
 */
function jsonClean(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/**
 * Whether `text` is its own CSV cell: printable ASCII without `"` or `,`, and not starting like a
 * formula. Anything else takes csvField's path (control escapes, formula guard, quoting).
 */
function csvClean(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  // = + - @ start a formula.
  if (first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x2c) return false;
  }
  return true;
}

/** toIso with the text of the last second kept: a log's consecutive records mostly share it. */
export function isoTimeCache(): (ms: number) => string {
  let second = Number.NaN;
  let prefix = '';
  return (ms) => {
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      const iso = toIso(s * 1000);
      // toIso drops a zero fraction: '…:05Z'; the prefix is the text before the 'Z'.
      prefix = iso.slice(0, -1);
      second = s;
    }
    const fraction = ms - s * 1000;
    if (fraction === 0) return `${prefix}Z`;
    if (!Number.isInteger(fraction)) return toIso(ms);
    return `${prefix}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}Z`;
  };
}

/** A JSON string literal of `text`, as safeJson writes it inside a row. */
export const jsonString = (text: string): string => (jsonClean(text) ? `"${text}"` : safeJson(text));

/** `"key":` for each key seen, escaped once. */
function keyCache(): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let text = cache.get(key);
    if (text === undefined) {
      text = `${jsonString(key)}:`;
      cache.set(key, text);
    }
    return text;
  };
}

/** The reference shape: timestamp first, the record's fields in order, then file and line. */
function ndjsonReference(r: LocatedRecord): string {
  const { timestamp, ...fields } = r.record;
  const row = { timestamp: timestamp === undefined ? undefined : toIso(timestamp), ...fields, file: r.file, line: r.line };
  return `${safeJson(row)}\n`;
}

/** Digits first: JSON.stringify puts array-index keys ahead of the others, so such a record takes the reference path. */
const reordersKeys = (key: string): boolean => {
  const c = key.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || key === 'file' || key === 'line';
};

/**
 * NDJSON: one JSON object per record with only the fields present, `timestamp` (ISO-8601 UTC)
 * first, then the record's fields in the order the parser set them, then `file` and `line`.
 */
export function ndjsonEncoder(): RowEncoder {
  const keyOf = keyCache();
  const iso = isoTimeCache();
  let lastFile = '';
  let fileJson = '""';
  const fieldsOf = (record: LogRecord): string | undefined => {
    let out = '';
    for (const key in record) {
      if (key === 'timestamp' || !Object.hasOwn(record, key)) continue;
      const value = record[key];
      if (value === undefined) continue;
      if (reordersKeys(key)) return undefined;
      const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'null') : jsonString(value);
      out += `,${keyOf(key)}${text}`;
    }
    return out;
  };
  return (r) => {
    const record = r.record;
    const timestamp = record.timestamp;
    if (timestamp !== undefined && typeof timestamp !== 'number') return ndjsonReference(r);
    const fields = fieldsOf(record);
    if (fields === undefined) return ndjsonReference(r);
    if (r.file !== lastFile) {
      lastFile = r.file;
      fileJson = jsonString(r.file);
    }
    const head = timestamp === undefined ? '' : `"timestamp":"${iso(timestamp)}"`;
    const body = head === '' ? fields.slice(1) : head + fields;
    return `{${body}${body === '' ? '' : ','}"file":${fileJson},"line":${r.line}}\n`;
  };
}

/** One CSV cell, as csvField gives it. */
export function csvCell(value: string | number | null | undefined): string {
  if (typeof value === 'string') return csvClean(value) ? value : csvField(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return '';
}

/**
 * CSV (RFC 4180, CRLF) with the given columns: record keys, `file` and `line`. `seen` collects the
 * columns some record had a value for, so a misspelt one can be named.
 */
export function csvEncoder(columns: readonly string[], seen: Set<string>): RowEncoder {
  const iso = isoTimeCache();
  const seenAt = columns.map(() => false);
  let lastFile = '';
  let fileCell = '';
  const helpers = {
    markSeen(i: number): void {
      seenAt[i] = true;
      seen.add(columns[i]!);
    },
    fileCellOf(file: string): string {
      if (file !== lastFile) {
        lastFile = file;
        fileCell = csvCell(file);
      }
      return fileCell;
    },
    stringCell: (value: string): string => (csvClean(value) ? value : csvField(value)),
    timeCell: (value: string | number): string => csvCell(typeof value === 'number' ? iso(value) : value),
    csvCell,
    seenAt,
  };
  return compileCsvRow(columns)(helpers);
}

/**
 * The row as straight-line code: one literal property load per column. A load by a computed name
 * (`record[column]`) takes V8's megamorphic path, and was a quarter of the export's time. Names
 * are JSON string literals, so a hostile --columns cannot inject code.
 */
function compileCsvRow(columns: readonly string[]): (helpers: object) => RowEncoder {
  const cells = columns.map((column, i) => {
    if (column === 'line') return 'row += r.line;';
    if (column === 'file') return 'row += h.fileCellOf(r.file);';
    const cell = column === 'timestamp' ? 'h.timeCell(v)' : "typeof v === 'string' ? h.stringCell(v) : h.csvCell(v)";
    return `v = record[${JSON.stringify(column)}]; if (v !== undefined) { if (!seenAt[${i}]) h.markSeen(${i}); row += ${cell}; }`;
  });
  const body = ['const record = r.record;', "let row = '';", 'let v;', cells.join("\nrow += ',';\n"), "return row + '\\r\\n';"];
  return new Function('h', `const seenAt = h.seenAt;\nreturn function csvRow(r) {\n${body.join('\n')}\n};`) as (
    helpers: object,
  ) => RowEncoder;
}

/** The CSV header row. */
export const csvHeader = (columns: readonly string[]): string => `${columns.map(csvCell).join(',')}\r\n`;

/** Rows are collected into chunks of about this many bytes before they are written. */
export const ROW_CHUNK_BYTES = 1 << 20;

/**
 * Rows encoded as UTF-8 into one buffer as they come, so each row's text dies young (a long
 * string of rows built by concatenation lives through many collections and costs more to collect
 * than to build). `take` hands over the bytes so far; the next rows go to a fresh buffer, since a
 * stream keeps the one it was given until it is written: from `pool` when one is given (buffers
 * given back to it once written), else a new one.
 */
export class RowBuffer {
  private bytes: Buffer;
  private used = 0;
  /** Rows not yet encoded: a few dozen at a time, since each Buffer#write has a fixed cost. */
  private pending = '';

  constructor(
    private readonly chunkBytes = ROW_CHUNK_BYTES,
    private readonly pool?: ChunkPool,
  ) {
    this.bytes = this.fresh(chunkBytes * 2);
  }

  add(row: string): void {
    this.pending += row;
    if (this.pending.length >= PENDING_CHARS) this.encodePending();
  }

  get full(): boolean {
    return this.used + this.pending.length >= this.chunkBytes;
  }

  get size(): number {
    return this.used + this.pending.length;
  }

  /**
   * The buffer to write up to `bytes` more bytes of rows into, from `end` on, for a writer that
   * encodes rows as bytes itself; `commit` then takes them. Rows added as text come first.
   */
  reserve(bytes: number): Buffer {
    if (this.pending !== '') this.encodePending();
    if (this.used + bytes > this.bytes.length) this.grow(bytes);
    return this.bytes;
  }

  /** Where the next row's bytes go (see `reserve`). */
  get end(): number {
    return this.used;
  }

  /** Takes the bytes written into the reserved buffer up to `end`. */
  commit(end: number): void {
    this.used = end;
  }

  take(): Buffer {
    this.encodePending();
    const chunk = this.bytes.subarray(0, this.used);
    // Room for as much as this chunk took, and a quarter more: rows of one input chunk (NDJSON is
    // about twice its input) then fit without growing, which copies.
    this.bytes = this.fresh(Math.max(this.chunkBytes * 2, this.used + (this.used >> 2)));
    this.used = 0;
    return chunk;
  }

  /** Drops the rows not yet taken. */
  clear(): void {
    this.pending = '';
    this.used = 0;
  }

  private fresh(bytes: number): Buffer {
    return this.pool === undefined ? Buffer.allocUnsafeSlow(bytes) : this.pool.get(bytes);
  }

  private encodePending(): void {
    const text = this.pending;
    this.pending = '';
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > this.bytes.length) this.grow(text.length * 3);
    this.used += this.bytes.write(text, this.used);
  }

  private grow(needed: number): void {
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + needed));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }
}

const PENDING_CHARS = 16 * 1024;
