/**
 * W3C extended log format, as IIS, HTTP.sys and other servers write it.
 * Spec: https://www.w3.org/TR/WD-logfile.html
 * IIS fields: https://learn.microsoft.com/windows/win32/http/w3c-logging
 *
 * Directives (`#Software`, `#Version`, `#Date`, `#Fields`) may appear anywhere: IIS writes a new
 * header block after every restart, and the field list can change between blocks, so every
 * `#Fields:` line recompiles the per-line function.
 */
import type { LogRecord } from '../src/record.js';
import { formatOffset, parseIsoDate, parseClockTime } from '../src/time.js';
import {
  LINE_DIRECTIVE,
  LINE_RECORD,
  LINE_REJECTED,
  type FieldSet,
  type LineKind,
  type LineParser,
  type LogFormat,
  type ParseContext,
  type Rejection,
} from './types.js';

const SPACE = 32;
const QUOTE = 34;
const DASH = 45;

/** Writes one field's value from `line[start, end)` into the record. */
type FieldHandler = (line: string, start: number, end: number, out: LogRecord, state: RowState) => boolean;

/** Per-line scratch for fields that combine into one record value (date + time). */
interface RowState {
  dayMs: number;
  timeMs: number;
}

const isDash = (line: string, start: number, end: number): boolean =>
  end - start === 1 && line.charCodeAt(start) === DASH;

function stringField(name: string): FieldHandler {
  return (line, start, end, out) => {
    if (end > start && !isDash(line, start, end)) out[name] = line.slice(start, end);
    return true;
  };
}

/** IIS encodes spaces in header-derived fields as `+`. */
function plusEncodedField(name: string): FieldHandler {
  return (line, start, end, out) => {
    if (end > start && !isDash(line, start, end)) {
      const value = line.slice(start, end);
      out[name] = value.indexOf('+') === -1 ? value : value.replaceAll('+', ' ');
    }
    return true;
  };
}

/**
 * Unsigned decimal read without building a string. An unreadable value leaves the field absent:
 * only sc-status is essential enough to reject the line for (see statusField).
 */
function numberField(name: string): FieldHandler {
  return (line, start, end, out) => {
    if (isDash(line, start, end) || end === start) return true;
    let value = 0;
    for (let i = start; i < end; i++) {
      const digit = line.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return true;
      value = value * 10 + digit;
    }
    out[name] = value;
    return true;
  };
}

const statusField: FieldHandler = (line, start, end, out) => {
  if (isDash(line, start, end)) return true;
  const length = end - start;
  if (length !== 3) return false;
  const value = (line.charCodeAt(start) - 48) * 100 + (line.charCodeAt(start + 1) - 48) * 10 + (line.charCodeAt(start + 2) - 48);
  if (!(value >= 100 && value <= 999) || !isDigits(line, start, end)) return false;
  out['sc-status'] = value;
  return true;
};

const isDigits = (line: string, start: number, end: number): boolean => {
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

const dateField: FieldHandler = (line, start, end, _out, state) => {
  state.dayMs = parseIsoDate(line, start, end);
  return !Number.isNaN(state.dayMs);
};

const timeField: FieldHandler = (line, start, end, _out, state) => {
  state.timeMs = parseClockTime(line, start, end);
  return !Number.isNaN(state.timeMs);
};

const PLUS_ENCODED = new Set(['cs(User-Agent)', 'cs(Referer)', 'cs(Referrer)', 'cs(Cookie)', 'sc(Set-Cookie)']);
const NUMBER_FIELDS = new Set([
  'sc-substatus',
  'sc-win32-status',
  'sc-bytes',
  'cs-bytes',
  'time-taken',
  's-port',
  'c-port',
]);
/** Other writers' spellings of standard fields, mapped to the W3C names reports use. */
const FIELD_ALIASES: Record<string, string> = {
  'cs(Referrer)': 'cs(Referer)',
  'cs(user-agent)': 'cs(User-Agent)',
  'cs(referer)': 'cs(Referer)',
  'cs(Host)': 'cs-host',
  // IIS Advanced Logging
  TimeTakenMS: 'time-taken',
  'date-local': 'date',
  'time-local': 'time',
};

function handlerFor(field: string): FieldHandler {
  const name = FIELD_ALIASES[field] ?? field;
  if (name === 'date') return dateField;
  if (name === 'time') return timeField;
  if (name === 'sc-status') return statusField;
  if (NUMBER_FIELDS.has(name)) return numberField(name);
  if (PLUS_ENCODED.has(field)) return plusEncodedField(name);
  return stringField(name);
}

const TIME_FIELDS = new Set(['date', 'time']);

function isWanted(field: string, wanted: FieldSet): boolean {
  if (wanted === 'all') return true;
  const name = FIELD_ALIASES[field] ?? field;
  if (TIME_FIELDS.has(name)) return wanted.has('timestamp');
  return wanted.has(name);
}

/** A header block compiled into per-column handlers; `undefined` marks a column nobody reads. */
export interface CompiledFields {
  names: readonly string[];
  handlers: readonly (FieldHandler | undefined)[];
  hasDate: boolean;
  hasTime: boolean;
  /** IIS Advanced Logging's date-local/time-local: local time, shifted by the configured offset. */
  localTime: boolean;
}

export function compileFields(names: readonly string[], wanted: FieldSet): CompiledFields {
  const seen = new Set<string>();
  const handlers = names.map((name) => {
    // A repeated name keeps its first column: later duplicates must not overwrite it.
    if (seen.has(name)) return undefined;
    seen.add(name);
    return isWanted(name, wanted) ? handlerFor(name) : undefined;
  });
  const canonical = names.map((n) => FIELD_ALIASES[n] ?? n);
  return { names, handlers, hasDate: canonical.includes('date'), hasTime: canonical.includes('time'), localTime: names.includes('time-local') };
}

/** Splits on runs of spaces and honours `"quoted values"` with `""` escapes (IIS Advanced Logging, Incapsula, Oracle). */
export function tokenizeLoose(line: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && line.charCodeAt(i) === SPACE) i++;
    if (i >= n) break;
    if (line.charCodeAt(i) === QUOTE) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = line.indexOf('"', j);
        if (close === -1) {
          value += line.slice(j);
          j = n;
          break;
        }
        value += line.slice(j, close);
        if (line.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          j = close + 2;
        } else {
          j = close + 1;
          break;
        }
      }
      // An empty quoted value means "no value", as `-` does.
      tokens.push(value === '' ? '-' : value);
      i = j;
    } else {
      const end = line.indexOf(' ', i);
      const stop = end === -1 ? n : end;
      tokens.push(line.slice(i, stop));
      i = stop;
    }
  }
  return tokens;
}

export interface W3cState {
  software?: string;
  /** `#Date` as UTC midnight in ms: the day for time-only layouts. */
  headerDayMs: number;
  fields?: CompiledFields;
}

export interface W3cParserOptions {
  /** Format label reported for records ("w3c", "httperr"). */
  label: string;
  /** Layout to use until a `#Fields:` line arrives (header-less files). */
  assumedFields?: readonly string[];
  assumedNote?: string;
}

export class W3cParser implements LineParser {
  rejection: Rejection = { reason: 'no-match' };
  readonly state: W3cState = { headerDayMs: NaN };
  private readonly row: RowState = { dayMs: NaN, timeMs: NaN };
  private readonly extraNotes: string[] = [];

  constructor(
    private readonly ctx: ParseContext,
    private readonly options: W3cParserOptions = { label: 'w3c' },
  ) {
    if (options.assumedFields) this.state.fields = compileFields(options.assumedFields, ctx.wanted);
    if (options.assumedNote) this.extraNotes.push(options.assumedNote);
  }

  layout(): string {
    const count = this.state.fields?.names.length;
    return count === undefined ? this.options.label : `${this.options.label} (${count} fields)`;
  }

  notes(): string[] {
    return this.extraNotes;
  }

  parse(line: string, out: LogRecord): LineKind {
    if (line.charCodeAt(0) === 35 /* # */) {
      // A CR inside a line means CR-only line ends: the whole file would hide in this one directive.
      if (line.indexOf('\r') !== -1) {
        this.rejection = { reason: 'no-match', detail: 'carriage return inside the line (CR-only line ends?)' };
        return LINE_REJECTED;
      }
      this.directive(line);
      return LINE_DIRECTIVE;
    }
    const fields = this.state.fields;
    if (fields === undefined) {
      this.rejection = { reason: 'missing-fields-directive', detail: 'data line before any #Fields: directive' };
      return LINE_REJECTED;
    }
    const row = this.row;
    row.dayMs = this.state.headerDayMs;
    row.timeMs = NaN;
    const fast = this.parseSingleSpaced(line, fields, out);
    const ok = fast === true || (fast === 'count' && this.parseLoose(line, fields, out));
    if (!ok) return LINE_REJECTED;
    if (fields.hasTime && (this.ctx.wanted === 'all' || this.ctx.wanted.has('timestamp'))) {
      const ms = row.dayMs + row.timeMs;
      if (Number.isNaN(ms)) {
        this.rejection = { reason: 'invalid-time', detail: fields.hasDate ? 'date or time unreadable' : 'time-only layout without #Date' };
        return LINE_REJECTED;
      }
      out.timestamp = fields.localTime ? ms - this.ctx.localOffsetMinutes * 60_000 : ms;
    }
    return LINE_RECORD;
  }

  /** IIS writes exactly one space between values; returns 'count' when the line needs the loose tokenizer. */
  private parseSingleSpaced(line: string, fields: CompiledFields, out: LogRecord): boolean | 'count' {
    const { handlers } = fields;
    const last = handlers.length - 1;
    let start = 0;
    for (let i = 0; i <= last; i++) {
      let end = line.indexOf(' ', start);
      if (i === last) {
        if (end !== -1) return 'count';
        end = line.length;
      } else if (end === -1) {
        return 'count';
      }
      const handler = handlers[i];
      if (handler !== undefined && !handler(line, start, end, out, this.row)) {
        // Quoted values with spaces shift single-space columns: the loose tokenizer reads them right.
        if (line.indexOf('"') !== -1) return 'count';
        return this.invalidValue(fields.names[i]!, start);
      }
      start = end + 1;
    }
    return true;
  }

  /** Quoted values and runs of spaces (IIS Advanced Logging, Incapsula, Oracle Web Cache, Exchange). */
  private parseLoose(line: string, fields: CompiledFields, out: LogRecord): boolean {
    const tokens = tokenizeLoose(line);
    if (tokens.length !== fields.names.length) {
      this.rejection = {
        reason: 'field-count-mismatch',
        detail: `${tokens.length} values for ${fields.names.length} #Fields`,
      };
      return false;
    }
    for (const key of Object.keys(out)) delete out[key];
    const { handlers } = fields;
    for (let i = 0; i < tokens.length; i++) {
      const handler = handlers[i];
      const token = tokens[i]!;
      if (handler !== undefined && !handler(token, 0, token.length, out, this.row)) {
        return this.invalidValue(fields.names[i]!, undefined);
      }
    }
    return true;
  }

  private addNote(note: string): void {
    if (!this.extraNotes.includes(note)) this.extraNotes.push(note);
  }

  private invalidValue(field: string, offset: number | undefined): false {
    const reason = field === 'sc-status' ? 'invalid-status' : field === 'date' || field === 'time' ? 'invalid-time' : 'invalid-number';
    this.rejection = { reason, column: offset === undefined ? undefined : offset + 1, detail: `${field} is not a valid value` };
    return false;
  }

  private directive(line: string): void {
    const colon = line.indexOf(':');
    if (colon === -1) return;
    const name = line.slice(1, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name === 'Fields') {
      const names = value.split(/\s+/).filter((n) => n.length > 0);
      this.state.fields = compileFields(names, this.ctx.wanted);
      if (this.state.fields.localTime) this.addNote(`time-local read as local time at UTC${formatOffset(this.ctx.localOffsetMinutes)} (set with --tz)`);
    } else if (name === 'Date') {
      const space = value.indexOf(' ');
      this.state.headerDayMs = parseIsoDate(value, 0, space === -1 ? value.length : space);
    } else if (name === 'Software') {
      this.state.software = value;
    }
  }
}

const IIS_SAMPLE = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2022-08-26 00:00:00',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
  '2022-08-26 00:00:01 10.0.0.5 GET /default.aspx - 443 - 203.0.113.7 Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 15',
];

/** Fields only a web server writes: a W3C header without any of them is some other log (a firewall's). */
const WEB_FIELDS = new Set(['sc-status', 's-reason', 'cs-uri-stem', 'cs-uri', 'cs-method', 'cs-uri-query', 'cs(User-Agent)', 'cs-host']);

export function isWebLogFields(names: readonly string[]): boolean {
  return names.some((n) => WEB_FIELDS.has(n));
}

export const w3cFormat: LogFormat = {
  name: 'w3c',
  title: 'W3C extended (IIS, HTTP.sys, other W3C writers)',
  spec: 'https://www.w3.org/TR/WD-logfile.html',
  samples: IIS_SAMPLE,
  detect(firstLines) {
    const fieldsLine = firstLines.find((l) => l.startsWith('#Fields:'));
    if (fieldsLine === undefined) return firstLines.some((l) => l.startsWith('#Software:') || l.startsWith('#Version:')) ? 0.3 : 0;
    return isWebLogFields(fieldsLine.slice(8).trim().split(/\s+/)) ? 1 : 0;
  },
  create(ctx: ParseContext) {
    return new W3cParser(ctx);
  },
};
