/**
 * IIS native log format (`in*.log`): 15 comma-and-space separated values and a trailing comma,
 * times in the server's local time with M/D/YYYY or MM/DD/YY dates. There is no quoting: values
 * are split at IIS's `, ` separator, so a URI's own commas (no space after them) stay in it.
 * Spec: https://learn.microsoft.com/previous-versions/iis/6.0-sdk/ms525807(v=vs.90)
 */
import type { LogRecord } from './record.js';
import { parseClockTime } from './time.js';
import {
  LINE_RECORD,
  LINE_REJECTED,
  type FieldSet,
  type LineKind,
  type LineParser,
  type LogFormat,
  type ParseContext,
  type Rejection,
} from './types.js';
import { COMMA, SPACE } from './char-codes.js';
import { describedBy } from './formats/format-info.js';
import { IIS_NATIVE } from './formats/iis.js';

/** The 15 columns in the order IIS writes them, by W3C name. */
export const IIS_NATIVE_FIELDS = [
  'c-ip',
  'cs-username',
  'date',
  'time',
  's-sitename',
  's-computername',
  's-ip',
  'time-taken',
  'cs-bytes',
  'sc-bytes',
  'sc-status',
  'sc-win32-status',
  'cs-method',
  'cs-uri-stem',
  'cs-uri-query',
] as const;

const NUMERIC = new Set(['time-taken', 'cs-bytes', 'sc-bytes', 'sc-status', 'sc-win32-status']);
const DATE = 2;
const TIME = 3;
const STEM = 13;

const digitsOf = (s: string, start: number, end: number): number => {
  if (end === start) return NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
};

/** `2/23/2013`, `03/20/01` → UTC midnight ms of that calendar day. Two-digit years pivot at 70, as Windows does. */
export function parseSlashDate(s: string, start: number, end: number): number {
  const first = s.indexOf('/', start);
  const second = first === -1 ? -1 : s.indexOf('/', first + 1);
  if (second === -1 || second >= end) return NaN;
  const month = digitsOf(s, start, first);
  const day = digitsOf(s, first + 1, second);
  let year = digitsOf(s, second + 1, end);
  if (end - second - 1 === 2) year += year < 70 ? 2000 : 1900;
  else if (end - second - 1 !== 4) return NaN;
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
  return Date.UTC(year, month - 1, day);
}

/** `7:55:20` (IIS native writes single-digit hours) → ms since midnight. */
function parseLooseClock(s: string, start: number, end: number): number {
  return s.charCodeAt(start + 1) === 58 ? parseClockTime('0' + s.slice(start, end), 0, end - start + 1) : parseClockTime(s, start, end);
}

const isWanted = (field: string, wanted: FieldSet): boolean =>
  wanted === 'all' || (field === 'date' || field === 'time' ? wanted.has('timestamp') : wanted.has(field));

const SEPARATOR = ', ';

class IisNativeParser implements LineParser {
  rejection: Rejection = { reason: 'no-match' };
  private readonly wanted: boolean[];
  /** Characters between values in the line last split: 2 for `, `, 1 for bare commas. */
  private separatorWidth = SEPARATOR.length;
  /** The time is wanted for sampled lines only, as a best effort: one that does not read leaves the record without a time (ParseContext.sampledOnly). */
  private readonly sampledTime: boolean;

  constructor(private readonly ctx: ParseContext) {
    this.wanted = IIS_NATIVE_FIELDS.map((f) => isWanted(f, ctx.wanted));
    this.sampledTime = ctx.sampledOnly?.has('timestamp') === true && ctx.errorOnly?.has('timestamp') !== true;
  }

  layout(): string {
    return 'iis-native';
  }

  notes(): string[] {
    return [`IIS native times read as local time ${this.ctx.localTime.label} (set with --tz)`];
  }

  parse(line: string, out: LogRecord): LineKind {
    const values = this.split(line);
    if (values === undefined) return LINE_REJECTED;
    for (let i = 0; i < 15; i++) {
      if (!this.wanted[i] || i === DATE || i === TIME) continue;
      const value = values[i]!;
      const start = valueStart(value);
      if (value.length === start || (value.length - start === 1 && value.charCodeAt(start) === 45)) continue;
      const name: string = IIS_NATIVE_FIELDS[i]!;
      if (NUMERIC.has(name)) {
        const n = digitsOf(value, start, value.length);
        if (Number.isNaN(n) || (name === 'sc-status' && !(n >= 100 && n <= 999))) {
          this.rejection = {
            reason: name === 'sc-status' ? 'invalid-status' : 'invalid-number',
            column: columnOf(values, i, this.separatorWidth),
            detail: `${name} is not a valid value`,
          };
          return LINE_REJECTED;
        }
        out[name] = n;
      } else {
        out[name] = start === 0 ? value : value.slice(start);
      }
    }
    if (this.wanted[DATE] && !this.sampledTime) {
      const ms = this.timeOf(values);
      if (Number.isNaN(ms)) {
        this.rejection = { reason: 'invalid-time', column: columnOf(values, DATE, this.separatorWidth), detail: 'date or time unreadable' };
        return LINE_REJECTED;
      }
      out.timestamp = this.ctx.localTime.toUtc(ms);
    }
    return LINE_RECORD;
  }

  /** The time, when it is read for sampled lines only (see ParseContext.sampledOnly); a time that does not read is left out. */
  readSample(line: string, sample: LogRecord): void {
    if (!this.wanted[DATE] || !this.sampledTime) return;
    const values = this.split(line);
    if (values === undefined) return;
    const ms = this.timeOf(values);
    if (!Number.isNaN(ms)) sample.timestamp = this.ctx.localTime.toUtc(ms);
  }

  /** Local time in ms, NaN when the date or time does not read. */
  private timeOf(values: readonly string[]): number {
    const date = values[DATE]!;
    const time = values[TIME]!;
    return parseSlashDate(date, valueStart(date), date.length) + parseLooseClock(time, valueStart(time), time.length);
  }

  /**
   * The 15 values, split at IIS's `, ` (at bare commas for a line written without the spaces,
   * each value but the first then led by nothing). A URI's commas have no space after them, so a
   * query such as `ids=1,2` stays whole. More values than 15 come from a `, ` inside the stem: the
   * first 13 are taken from the left and the query from the right, and the stem is rejoined from
   * what lies between, so the columns do not shift.
   */
  private split(line: string): string[] | undefined {
    let end = line.length;
    while (end > 0 && line.charCodeAt(end - 1) === SPACE) end--;
    if (line.charCodeAt(end - 1) === COMMA) end--;
    const text = line.slice(0, end);
    let separator = SEPARATOR;
    let cells = text === '' ? [] : text.split(separator);
    if (cells.length < 15 && text.indexOf(',') !== -1) cells = text.split((separator = ','));
    if (cells.length < 15) {
      this.rejection = { reason: 'field-count-mismatch', detail: `${cells.length} values, not 15 comma-separated IIS native values` };
      return undefined;
    }
    if (cells.length > 15) cells.splice(STEM, cells.length - 14, cells.slice(STEM, -1).join(separator));
    this.separatorWidth = separator.length;
    return cells;
  }
}

/** Where a value starts past a space left before it (values split at bare commas). */
const valueStart = (value: string): number => (value.charCodeAt(0) === SPACE ? 1 : 0);

/** 1-based column of value `i` in the line, for the rejection. */
function columnOf(values: readonly string[], i: number, separatorWidth: number): number {
  let column = 1;
  for (let j = 0; j < i; j++) column += values[j]!.length + separatorWidth;
  return column + valueStart(values[i]!);
}

/** A line shaped like IIS native: a slash date in the third column and at least 14 commas. */
function looksNative(line: string): boolean {
  const parts = line.split(',');
  return parts.length >= 15 && /^\s?\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(parts[2]!) && /^\s?\d{1,2}:\d{2}:\d{2}$/.test(parts[3]!);
}

export const iisNativeFormat: LogFormat = {
  ...describedBy(IIS_NATIVE),
  detect(firstLines) {
    if (firstLines.length === 0) return 0;
    return firstLines.filter(looksNative).length / firstLines.length;
  },
  create: (ctx) => new IisNativeParser(ctx),
};
