/**
 * The fast path of an access-log layout: its lines as servers write them almost always, read in one
 * pass with no retries. Each field ends at the first place the general matcher (access-log.ts) would
 * try first: a quoted value at its first quote, `[time]` at its fixed width, any other value at the
 * first occurrence of the literal after it. When that reading is exact (every value fits its field,
 * no quote escaped or guessed), it is the general matcher's reading too, so the record is the same;
 * any other line (a quote inside a user agent, an X-Forwarded-For list, a user name with a blank, a
 * line of a sibling layout) returns false and goes to the general matcher.
 *
 * What it adds to that reading: the time `[10/Oct/2000:13:55:36 -0700]` by fixed positions with the
 * day cached (lines are in time order, so the date prefix is the previous line's), and the fields a
 * consumer wants only for errors (the request of the default report) decoded only for errors.
 */
import {
  type CompiledAccessFormat,
  type FieldSpec,
  fitsCharset,
  hasDecimals,
  isDash,
  isDecimal,
  isDigitRun,
  listEnd,
  parseIsoTime,
  type Writer,
  writerFor,
} from './access-log.js';
import type { LocalTime } from './local-time.js';
import type { LogRecord } from './record.js';
import type { FieldSet, ParseContext } from './types.js';
import { BACKSLASH, CLOSE_BRACKET, COLON, DASH, OPEN_BRACKET, QUOTE, SPACE } from './char-codes.js';

/** How a field's first candidate end is found. */
const QUOTED = 0; // "value": the first quote, not escaped
const BRACKETED = 1; // [value]: the first `]` followed by the literal after it
const TO_LINE_END = 2; // the last field, nothing after it
const TO_LITERAL = 3; // the first occurrence of the literal after it

/** What checks a candidate value (the general matcher's `accept`), by field. */
const ANY = 0;
const STATUS = 1;
const INT = 2;
const DURATION = 3;
const UNQUOTED_EXTRA = 4;
const CLF_TIME = 5;
const ISO_TIME = 6;
const EPOCH_TIME = 7;

/** Record keys a field's writer may fill, for deciding whether it is read only for errors. */
function keysOf(spec: FieldSpec): string[] {
  switch (spec.kind) {
    case 'request':
      return ['cs-method', 'cs-uri-stem', 'cs-uri-query', 'cs-version', 'cs-host'];
    case 'uri':
      return ['cs-uri-stem', 'cs-uri-query'];
    case 'host-uri':
      return [spec.target, 'cs-uri-stem', 'cs-uri-query'];
    case 'extra':
      return [spec.target, 'time-taken'];
    default:
      return [spec.target];
  }
}

const isWanted = (key: string, wanted: FieldSet): boolean => wanted === 'all' || wanted.has(key);

function checkOf(spec: FieldSpec): number | undefined {
  switch (spec.kind) {
    case 'status':
      return STATUS;
    case 'int':
      return INT;
    case 'duration':
      return DURATION;
    case 'extra':
      return spec.unquoted === true ? UNQUOTED_EXTRA : ANY;
    case 'clf-time':
      return CLF_TIME;
    case 'iso-time':
      return ISO_TIME;
    case 'epoch-time':
      return EPOCH_TIME;
    // A time in parts is assembled from several fields: left to the general matcher.
    case 'time-parts':
      return undefined;
    default:
      return ANY;
  }
}

/** Width of `10/Oct/2000:13:55:36 -0700`. */
const CLF_WIDTH = 26;
const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** Two digits at s[at]; NaN when they are not. */
function twoDigits(s: string, at: number): number {
  const tens = s.charCodeAt(at) - 48;
  const ones = s.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : NaN;
}

/**
 * `10/Oct/2000:13:55:36 -0700` → UTC ms, the date's epoch kept for the next line with the same date.
 * Only this exact shape (no fraction, a colon after the date, an offset): the rest of what
 * parseClfTime reads goes to the general matcher. The value equals parseClfTime's.
 */
class ClfTimeReader {
  private date = '';
  private dayMs = NaN;

  read(s: string, start: number): number {
    if (!s.startsWith(this.date, start) || this.date === '') {
      const dayMs = this.dayOf(s, start);
      if (Number.isNaN(dayMs)) return NaN;
      this.date = s.slice(start, start + 11);
      this.dayMs = dayMs;
    }
    if (s.charCodeAt(start + 11) !== COLON || s.charCodeAt(start + 14) !== COLON || s.charCodeAt(start + 17) !== COLON) return NaN;
    if (s.charCodeAt(start + 20) !== SPACE) return NaN;
    const hours = twoDigits(s, start + 12);
    const minutes = twoDigits(s, start + 15);
    const seconds = twoDigits(s, start + 18);
    const sign = s.charCodeAt(start + 21);
    const offset = twoDigits(s, start + 22) * 60 + twoDigits(s, start + 24);
    if (!(hours < 24 && minutes < 60 && seconds < 61) || (sign !== 43 && sign !== 45) || Number.isNaN(offset)) return NaN;
    const wall = this.dayMs + ((hours * 60 + minutes) * 60 + seconds) * 1000;
    return wall - (sign === DASH ? -1 : 1) * offset * 60_000;
  }

  /** `10/Oct/2000` at s[start] → the UTC epoch of that day; NaN when it is not such a date. */
  private dayOf(s: string, start: number): number {
    if (s.charCodeAt(start + 2) !== 47 || s.charCodeAt(start + 6) !== 47) return NaN;
    const day = twoDigits(s, start);
    const month = MONTHS[s.slice(start + 3, start + 6)];
    const year = twoDigits(s, start + 7) * 100 + twoDigits(s, start + 9);
    if (month === undefined || !(day >= 1 && day <= 31) || Number.isNaN(year)) return NaN;
    return Date.UTC(year, month, day);
  }
}

export class AccessReader {
  private readonly n: number;
  private readonly first: string;
  /** Per field: how its end is found, what checks it, and the literal after it. */
  private readonly ends: Uint8Array;
  private readonly checks: Uint8Array;
  private readonly afters: string[];
  private readonly specs: FieldSpec[];
  /** Writers of the fields read for every record, and of those read only for errors (after the status). */
  private readonly writers: { field: number; write: Writer }[] = [];
  private readonly errorWriters: { field: number; write: Writer }[] = [];
  private readonly clientField: number;
  private readonly starts: Int32Array;
  private readonly stops: Int32Array;
  private readonly clf = new ClfTimeReader();
  private time = NaN;

  constructor(
    format: CompiledAccessFormat,
    checks: number[],
    wanted: FieldSet,
    errorOnly: ReadonlySet<string>,
    private readonly localTime: LocalTime,
  ) {
    this.n = format.fields.length;
    this.first = format.literals[0]!;
    this.specs = format.fields;
    this.afters = format.literals.slice(1);
    this.checks = Uint8Array.from(checks);
    this.ends = Uint8Array.from(
      format.fields.map((_, i) =>
        format.wraps[i] === '"'
          ? QUOTED
          : format.wraps[i] === '['
            ? BRACKETED
            : i === this.n - 1 && this.afters[i] === ''
              ? TO_LINE_END
              : TO_LITERAL,
      ),
    );
    this.starts = new Int32Array(this.n);
    this.stops = new Int32Array(this.n);
    this.clientField = format.fields.findIndex((f) => f.target === 'c-ip');
    format.fields.forEach((spec, field) => {
      const write = writerFor(spec, wanted);
      if (write === undefined) return;
      const wantedKeys = keysOf(spec).filter((k) => isWanted(k, wanted));
      const forErrors = spec.target !== 'sc-status' && wantedKeys.length > 0 && wantedKeys.every((k) => errorOnly.has(k));
      (forErrors ? this.errorWriters : this.writers).push({ field, write });
    });
  }

  /** Reads the line into `out` when it has the layout's common shape; false (out untouched) otherwise. */
  read(line: string, out: LogRecord): boolean {
    if (!this.scan(line)) return false;
    const { starts, stops } = this;
    for (const { field, write } of this.writers) write(line, starts[field]!, stops[field]!, out);
    if (this.errorWriters.length > 0 && !((out['sc-status'] as number) < 400)) {
      for (const { field, write } of this.errorWriters) write(line, starts[field]!, stops[field]!, out);
    }
    if (!Number.isNaN(this.time)) out.timestamp = this.time;
    return true;
  }

  private scan(line: string): boolean {
    let lineEnd = line.length;
    while (lineEnd > 0 && (line.charCodeAt(lineEnd - 1) === SPACE || line.charCodeAt(lineEnd - 1) === 9)) lineEnd--;
    if (!line.startsWith(this.first)) return false;
    this.time = NaN;
    let pos = this.first.length;
    for (let i = 0; i < this.n; i++) {
      const after = this.afters[i]!;
      let start = pos;
      let end: number;
      switch (this.ends[i]) {
        case QUOTED:
          if (line.charCodeAt(pos) !== QUOTE) return false;
          start = pos + 1;
          end = line.indexOf('"', start);
          if (end === -1 || line.charCodeAt(end - 1) === BACKSLASH) return false;
          pos = end + 1;
          break;
        case BRACKETED:
          if (line.charCodeAt(pos) !== OPEN_BRACKET) return false;
          start = pos + 1;
          end = this.checks[i] === CLF_TIME ? start + CLF_WIDTH : line.indexOf(']', start);
          if (line.charCodeAt(end) !== CLOSE_BRACKET) return false;
          pos = end + 1;
          break;
        case TO_LINE_END:
          end = lineEnd;
          pos = lineEnd;
          break;
        default:
          end = line.indexOf(after, start);
          if (this.specs[i]!.charset === 'list') end = listEnd(line, start, end, after);
          if (end === -1) return false;
          pos = end;
      }
      // The literal after the value, and nothing past the line's end.
      if (!line.startsWith(after, pos)) return false;
      pos += after.length;
      if (pos > lineEnd || !this.accepts(i, line, start, end)) return false;
      this.starts[i] = start;
      this.stops[i] = end;
    }
    if (pos !== lineEnd) return false;
    // A `-` client means a shifted reading (see the general matcher): its call.
    const client = this.clientField;
    return client === -1 || !isDash(line, this.starts[client]!, this.stops[client]!);
  }

  /** The general matcher's check of a candidate value. */
  private accepts(i: number, line: string, start: number, end: number): boolean {
    const spec = this.specs[i]!;
    if (spec.charset !== 'any' && !fitsCharset(spec.charset, line, start, end)) return false;
    switch (this.checks[i]) {
      case STATUS:
        return isDash(line, start, end) || (end - start === 3 && isDigitRun(line, start, end));
      case INT:
        return isDash(line, start, end) || isDigitRun(line, start, end);
      case DURATION:
        if (isDash(line, start, end)) return true;
        return spec.decimals === undefined ? isDecimal(line, start, end) : hasDecimals(line, start, end, spec.decimals);
      case UNQUOTED_EXTRA:
        return line.charCodeAt(start) !== QUOTE;
      case CLF_TIME:
        if (isDash(line, start, end)) return true;
        this.time = end - start === CLF_WIDTH ? this.clf.read(line, start) : NaN;
        return !Number.isNaN(this.time);
      case ISO_TIME:
        if (isDash(line, start, end)) return true;
        this.time = parseIsoTime(line, start, end, this.localTime);
        return !Number.isNaN(this.time);
      case EPOCH_TIME:
        if (isDash(line, start, end) || !isDecimal(line, start, end)) return false;
        this.time = Math.round(Number(line.slice(start, end)) * (spec.toMs ?? 1000));
        return true;
      default:
        return true;
    }
  }
}

/**
 * The fast reader of a layout, or undefined for a layout it does not cover (a time in parts, two
 * fields with nothing between them).
 */
export function compileAccessReader(format: CompiledAccessFormat, ctx: ParseContext): AccessReader | undefined {
  const checks = format.fields.map(checkOf);
  if (checks.some((c) => c === undefined)) return undefined;
  const n = format.fields.length;
  // A value followed by an empty literal ends wherever the next begins: only the last may.
  if (format.literals.slice(1, n).some((literal, i) => literal === '' && format.wraps[i] === undefined)) return undefined;
  return new AccessReader(format, checks as number[], ctx.wanted, ctx.errorOnly ?? new Set(), ctx.localTime);
}
