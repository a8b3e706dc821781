/**
 * Records as TabSeparated rows for the `requests` table (columns in schema.ts order).
 *
 * TabSeparated rather than RowBinary: measured on 100,000 generated W3C records into 18.16
 * (bench/clickhouse-load.mjs, docs/benchmarks.md), JavaScript builds TSV as fast as it fills a
 * binary buffer (within the noise of runs), the body is 5% larger, and the server takes either in
 * less time than logtally needs to decode the lines, so the format that stays readable in a failed
 * request and in `clickhouse-client` wins.
 */
import { basename, dirname } from 'node:path';
import type { LocatedRecord } from '../../parsers/record.js';
import { toIso } from '../../parsers/time.js';
import { FIELD_COLUMNS, FIELD_OF_COLUMN } from './schema.js';

/** The last millisecond a DateTime (UInt32 seconds) holds. */
const MAX_DATETIME_MS = 4_294_967_295_999;

const NULL = '\\N';

const TSV_SPECIAL = /[\\\t\n\r\0]/;
const TSV_REPLACE = /[\\\t\n\r\0]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' };

/** A TSV field: backslash, tab, newline, CR and NUL escaped as ClickHouse reads them. */
export const tsvText = (text: string): string => (TSV_SPECIAL.test(text) ? text.replace(TSV_REPLACE, (c) => ESCAPES[c]!) : text);

/** An array element inside TSV: a quoted literal, so quotes are escaped too. */
const quoted = (text: string): string => `'${text.replace(/[\\'\t\n\r\0]/g, (c) => (c === "'" ? "\\'" : ESCAPES[c]!))}'`;

const tsvArray = (values: readonly string[]): string => `[${values.map(quoted).join(',')}]`;

/** W3C sites log to folders named W3SVC<site id>; the folder names the site when the log does not. */
export function siteFolder(file: string): string {
  const folder = basename(dirname(file));
  return /^(W3SVC|FTPSVC|SMTPSVC)\d+$/i.test(folder) ? folder : '';
}

/** One row, newline included. */
export function tsvRow(located: LocatedRecord): string {
  const { record } = located;
  const t = record.timestamp;
  const customKeys: string[] = [];
  const customValues: string[] = [];
  const inRange = t !== undefined && t >= 1000 && t <= MAX_DATETIME_MS;
  // A time DateTime cannot hold (before 1970, after 2106) is kept as text; 0 stands for "no time".
  if (t !== undefined && !inRange) {
    customKeys.push('timestamp');
    customValues.push(Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? toIso(t) : String(t));
  }
  const seconds = inRange ? Math.floor(t / 1000) : 0;
  let row = `${String(seconds).padStart(10, '0')}\t${inRange ? Math.floor(t - seconds * 1000) : 0}`;
  for (const column of FIELD_COLUMNS) {
    const value = record[column.field];
    if (value === undefined) row += `\t${NULL}`;
    else if (column.kind === 'string') row += `\t${tsvText(String(value))}`;
    else if (typeof value === 'number' && Number.isFinite(value) && (column.kind === 'float' || fitsInteger(value, column.max!)))
      row += `\t${value}`;
    else {
      // A value the typed column cannot hold is kept, as text, among the custom fields.
      row += `\t${NULL}`;
      customKeys.push(column.field);
      customValues.push(String(value));
    }
  }
  for (const field in record) {
    if (field === 'timestamp' || FIELD_OF_COLUMN.has(field)) continue;
    const value = record[field];
    if (value === undefined) continue;
    customKeys.push(field);
    customValues.push(String(value));
  }
  const file = located.file === cached.file && located.format === cached.format ? cached : origin(located.file, located.format);
  return `${row}\t${tsvArray(customKeys)}\t${tsvArray(customValues)}\t${file.fileCell}\t${located.line}\t${file.tail}\n`;
}

/** The cells that depend on the file only, computed once per file rather than per row. */
interface Origin {
  file: string;
  format: string;
  fileCell: string;
  /** format and site_folder. */
  tail: string;
}

let cached: Origin = { file: '', format: '', fileCell: '', tail: '' };

function origin(file: string, format: string): Origin {
  cached = { file, format, fileCell: tsvText(file), tail: `${tsvText(format)}\t${tsvText(siteFolder(file))}` };
  return cached;
}

const fitsInteger = (value: number, max: number): boolean => Number.isInteger(value) && value >= 0 && value <= max;
