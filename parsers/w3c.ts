/**
 * W3C extended log format, as IIS, HTTP.sys and other servers write it.
 * Spec: https://www.w3.org/TR/WD-logfile.html
 * IIS fields: https://learn.microsoft.com/windows/win32/http/w3c-logging
 *
 * Directives (`#Software`, `#Version`, `#Date`, `#Fields`) may appear anywhere: IIS writes a new
 * header block after every restart, and the field list can change between blocks, so every
 * `#Fields:` line recompiles the per-line function.
 */
import { fixedOffset, type LocalTime } from './local-time.js';
import { newRecord, NUMERIC_FIELDS, type LogRecord } from './record.js';
import { formatOffset, parseIsoDate, parseClockTime } from './time.js';
import { splitUri } from './access-log.js';
import { guessLayout } from './w3c-layouts.js';
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
import { DASH, QUOTE, SPACE } from './char-codes.js';
import { describedBy } from './formats/format-info.js';
import { W3C } from './formats/iis.js';
import { lookupTable } from './lookup-table.js';
import type { StatusOnlyLayout } from './status-lines.js';
import { MAX_PLAN_VALUES, type ColumnKind, type ColumnLayout } from './column-lines.js';

/** Writes one field's value from `line[start, end)` into the record; false when the value is invalid. */
type FieldHandler = (line: string, start: number, end: number, out: LogRecord, state: RowState) => boolean;

/** Per-line scratch for fields that combine into one record value (date + time). */
const TIME_NOT_READ = -1;
interface RowState {
  dayMs: number;
  timeMs: number;
}

/** How a column is read; one kind per W3C field family. */
export type FieldKind = 'date' | 'time' | 'status' | 'proxy-status' | 'number' | 'duration' | 'plus' | 'string';

export interface FieldReader {
  kind: FieldKind;
  /** The record key (W3C name, aliases resolved). */
  name: string;
}

/** Unsigned decimal read from character codes; -1 for `-`, empty or anything not a number. */
export function readUint(line: string, start: number, end: number): number {
  if (end <= start || (end - start === 1 && line.charCodeAt(start) === DASH)) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A decimal number of seconds (`0.001`), the unit the W3C draft gives time-taken and that
 * writers other than IIS use (CloudFront), in ms; -1 when not such a number. IIS writes whole ms.
 */
export function readSecondsAsMs(line: string, start: number, end: number): number {
  const dot = line.indexOf('.', start);
  if (dot === -1 || dot >= end) return -1;
  const whole = dot === start ? 0 : readUint(line, start, dot);
  const fraction = readUint(line, dot + 1, end);
  if (whole < 0 || fraction < 0) return -1;
  return Math.round((whole + fraction / 10 ** (end - dot - 1)) * 1e6) / 1e3;
}

/** A three-digit status; -1 for `-`, -2 for anything else, which rejects the line. */
export function readStatus(line: string, start: number, end: number): number {
  if (end - start === 1 && line.charCodeAt(start) === DASH) return -1;
  if (end - start !== 3) return -2;
  const value = readUint(line, start, end);
  return value >= 100 ? value : -2;
}

const hasValue = (line: string, start: number, end: number): boolean =>
  end > start && (end - start !== 1 || line.charCodeAt(start) !== DASH);

/** IIS encodes spaces in header-derived fields (user agent, referer, cookie) as `+`. */
const plusDecoded = (value: string): string => (value.indexOf('+') === -1 ? value : value.replaceAll('+', ' '));

/**
 * A log repeats a few thousand user agents, each ~100 characters with a dozen `+`: decoding one per
 * line (replaceAll, a new string) cost more than the rest of the line's parse, so agents are decoded
 * once each. The cache is cleared when full, which bounds it (about 2 MB); the key is copied so it
 * does not keep the line's chunk alive. Referers and cookies vary too much to gain from this.
 */
const AGENT_CACHE_SIZE = 4096;
const decodedAgents = new Map<string, string>();
function agentDecoded(value: string): string {
  let decoded = decodedAgents.get(value);
  if (decoded === undefined) {
    if (decodedAgents.size >= AGENT_CACHE_SIZE) decodedAgents.clear();
    decoded = (' ' + plusDecoded(value)).slice(1);
    decodedAgents.set((' ' + value).slice(1), decoded);
  }
  return decoded;
}

/**
 * A single-spaced value in quotes (IIS Advanced Logging quotes text even without spaces):
 * stored unquoted, `""` unescaped; `""` alone is no value. A value only starting with a quote is
 * stored as it is.
 */
function storeQuoted(out: LogRecord, key: string, line: string, start: number, end: number, plus: boolean): void {
  if (end - start < 2 || line.charCodeAt(end - 1) !== QUOTE) {
    out[key] = plus ? plusDecoded(line.slice(start, end)) : line.slice(start, end);
    return;
  }
  const inner = line.slice(start + 1, end - 1).replaceAll('""', '"');
  if (inner !== '') out[key] = plus ? plusDecoded(inner) : inner;
}

const PLUS_ENCODED = new Set(['cs(User-Agent)', 'cs(Referer)', 'cs(Referrer)', 'cs(Cookie)', 'sc(Set-Cookie)']);
/** Other writers' spellings of standard fields, mapped to the W3C names reports use. */
const FIELD_ALIASES: Record<string, string> = lookupTable({
  'cs(Referrer)': 'cs(Referer)',
  'cs(user-agent)': 'cs(User-Agent)',
  'cs(referer)': 'cs(Referer)',
  'cs(Host)': 'cs-host',
  // IIS Advanced Logging
  TimeTakenMS: 'time-taken',
  'date-local': 'date',
  'time-local': 'time',
  // The W3C draft's "bytes transferred", which Oracle Web Cache logs for the response
  bytes: 'sc-bytes',
  // Oracle Web Cache's authenticated user
  'c-auth-id': 'cs-username',
});

/**
 * Fields only ISA Server and Forefront TMG web proxy logs have. Their sc-status holds an HTTP
 * status, 0 when no response came (a denied or failed request), or a Windows/WinInet error such as
 * 12209 (ISA denied the request): see readProxyStatus.
 */
const PROXY_FIELDS = ['s-object-source', 'r-host'];

/**
 * An ISA/TMG sc-status: -1 for `-` and 0 (no response), a status of 100 to 999, or an error code of
 * 1000 and more returned as -(code + 2), which the caller stores as sc-win32-status; -2 for garbage.
 */
export function readProxyStatus(line: string, start: number, end: number): number {
  if (end - start === 1 && line.charCodeAt(start) === DASH) return -1;
  const value = readUint(line, start, end);
  if (value < 0) return -2;
  if (value === 0) return -1;
  return value >= 1000 ? -(value + 2) : value >= 100 ? value : -2;
}

function readerFor(field: string, proxy = false): FieldReader {
  const name = FIELD_ALIASES[field] ?? field;
  if (name === 'date' || name === 'time') return { kind: name, name };
  if (name === 'sc-status') return { kind: proxy ? 'proxy-status' : 'status', name };
  if (name === 'time-taken') return { kind: 'duration', name };
  if (NUMERIC_FIELDS.has(name)) return { kind: 'number', name };
  return { kind: PLUS_ENCODED.has(field) ? 'plus' : 'string', name };
}

/** The same readers as closures, for the loose tokenizer's path (quoted values, runs of spaces). */
const isTimeReader = (reader: FieldReader): boolean => reader.kind === 'date' || reader.kind === 'time';

/** A handler whose value may not read without the line being rejected (a best-effort time). */
const alwaysRead =
  (handler: FieldHandler): FieldHandler =>
  (line, start, end, out, row) => {
    handler(line, start, end, out, row);
    return true;
  };

function handlerFor({ kind, name }: FieldReader): FieldHandler {
  switch (kind) {
    case 'date':
      return (line, start, end, _out, row) => !Number.isNaN((row.dayMs = parseIsoDate(line, start, end)));
    case 'time':
      return (line, start, end, _out, row) => !Number.isNaN((row.timeMs = parseClockTime(line, start, end)));
    case 'status':
      return (line, start, end, out) => {
        const value = readStatus(line, start, end);
        if (value >= 0) out[name] = value;
        return value !== -2;
      };
    case 'proxy-status':
      return (line, start, end, out) => {
        const value = readProxyStatus(line, start, end);
        if (value >= 0) out[name] = value;
        else if (value < -2) out['sc-win32-status'] = -value - 2;
        return value !== -2;
      };
    case 'number':
      return (line, start, end, out) => {
        const value = readUint(line, start, end);
        if (value >= 0) out[name] = value;
        return true;
      };
    case 'duration':
      return (line, start, end, out) => {
        const value = readUint(line, start, end);
        const ms = value >= 0 ? value : readSecondsAsMs(line, start, end);
        if (ms >= 0) out[name] = ms;
        return true;
      };
    case 'plus':
      return (line, start, end, out) => {
        if (hasValue(line, start, end)) out[name] = plusDecoded(line.slice(start, end));
        return true;
      };
    case 'string':
      return (line, start, end, out) => {
        if (hasValue(line, start, end)) out[name] = line.slice(start, end);
        return true;
      };
  }
}

/**
 * Statements reading one column at line[p, e). Property keys are JSON string literals, so a
 * hostile `#Fields:` line cannot inject code. A negative return names the invalid column.
 */
/**
 * `lenientTime`: a date or time that does not read leaves the record without a time (see
 * CompiledFields). `target`: the variable of the record the value goes into.
 */
function columnCode(reader: FieldReader, column: number, lenientTime = false, target = 'out'): string {
  const key = JSON.stringify(reader.name);
  const invalid = `return ${-(column + 1)};`;
  switch (reader.kind) {
    case 'date':
      return `row.dayMs = parseIsoDate(line, p, e);${lenientTime ? '' : ` if (row.dayMs !== row.dayMs) ${invalid}`}`;
    case 'time':
      return `row.timeMs = parseClockTime(line, p, e);${lenientTime ? '' : ` if (row.timeMs !== row.timeMs) ${invalid}`}`;
    case 'status':
      return `v = readStatus(line, p, e); if (v === -2) ${invalid} if (v >= 0) ${target}[${key}] = v;`;
    case 'proxy-status':
      return `v = readProxyStatus(line, p, e); if (v === -2) ${invalid} if (v >= 0) ${target}[${key}] = v; else if (v < -2) ${target}["sc-win32-status"] = -v - 2;`;
    case 'number':
      return `v = readUint(line, p, e); if (v >= 0) ${target}[${key}] = v;`;
    case 'duration':
      return `v = readUint(line, p, e); if (v < 0) v = readSecondsAsMs(line, p, e); if (v >= 0) ${target}[${key}] = v;`;
    case 'plus': {
      const decode = reader.name === 'cs(User-Agent)' ? 'agentDecoded' : 'plusDecoded';
      return `if (hasValue(line, p, e)) { if (line.charCodeAt(p) !== 34) ${target}[${key}] = ${decode}(line.slice(p, e)); else storeQuoted(${target}, ${key}, line, p, e, true); }`;
    }
    case 'string':
      return `if (hasValue(line, p, e)) { if (line.charCodeAt(p) !== 34) ${target}[${key}] = line.slice(p, e); else storeQuoted(${target}, ${key}, line, p, e, false); }`;
  }
}

/** Reads a line IIS wrote (one space between values): 1 read, 0 value count differs, -(i+1) column i invalid. */
type SingleSpacedReader = (line: string, out: LogRecord, row: RowState, sample?: LogRecord) => number;
/**
 * A SingleSpacedReader of the line `text.slice(start, end)` read in place, with the same answer
 * and record: a column's end found past the line's end means the line has fewer values.
 */
type SingleSpacedReaderIn = (text: string, start: number, end: number, out: LogRecord, row: RowState, sample?: LogRecord) => number;

const asStringReader =
  (read: SingleSpacedReaderIn): SingleSpacedReader =>
  (line, out, row, sample) =>
    read(line, 0, line.length, out, row, sample);

/** Records that need the error-only columns: no status, a status of 400 or more, or an HTTP.sys reason. */
const NEEDS_ERROR_COLUMNS = `!(out["sc-status"] < 400) || out["s-reason"] !== undefined`;

/**
 * Compiles a header into straight-line code: one `indexOf(' ')` per column, a literal property
 * store per wanted column, nothing at all for the others. Every call site is monomorphic, so V8
 * inlines the small readers; this is the hot path for IIS logs. Columns only an error needs
 * (`deferred`) are located on the way but read after the status, and only for errors.
 */
function compileSingleSpaced(
  readers: readonly (FieldReader | undefined)[],
  deferred: ReadonlySet<number>,
  lenientTime: boolean,
  sampled: ReadonlySet<number> = new Set(),
): SingleSpacedReaderIn {
  const last = readers.length - 1;
  const body = ['let p = start, e = 0, v = 0;'];
  if (deferred.size > 0) body.push(`let ${[...deferred].map((c) => `s${c} = 0, e${c} = 0`).join(', ')};`);
  if (last < 0) body.push('return 0;');
  readers.forEach((reader, column) => {
    body.push(column === last ? lastColumnEnd(last === 0) : "e = line.indexOf(' ', p); if (e === -1 || e >= end) return 0;");
    if (reader !== undefined) {
      // A sampled column goes into the sample record; an error column is also read for errors, after the status.
      if (sampled.has(column)) body.push(columnCode(reader, column, lenientTime, 'sample'));
      if (deferred.has(column)) body.push(`s${column} = p; e${column} = e;`);
      else if (!sampled.has(column)) body.push(columnCode(reader, column, lenientTime));
    }
    if (column !== last) body.push('p = e + 1;');
  });
  if (deferred.size > 0) {
    const reads = [...deferred].map((c) => `p = s${c}; e = e${c}; ${columnCode(readers[c]!, c, lenientTime)}`);
    body.push(`if (${NEEDS_ERROR_COLUMNS}) {`, ...reads, '}');
  }
  if (last >= 0) body.push('return 1;');
  const factory = new Function(
    'readUint',
    'readSecondsAsMs',
    'readStatus',
    'readProxyStatus',
    'hasValue',
    'plusDecoded',
    'agentDecoded',
    'storeQuoted',
    'parseIsoDate',
    'parseClockTime',
    `return function readW3cLine(line, start, end, out, row, sample) {\n${body.join('\n')}\n};`,
  );
  return factory(
    readUint,
    readSecondsAsMs,
    readStatus,
    readProxyStatus,
    hasValue,
    plusDecoded,
    agentDecoded,
    storeQuoted,
    parseIsoDate,
    parseClockTime,
  ) as SingleSpacedReaderIn;
}

/**
 * The end of the last column: the line's, when no space follows in it. A space found past it is in
 * a later line (the search runs on when the line is read in place); a layout of one column has no
 * space in its lines at all, so there it is looked for in the line only, or every line's search
 * would run to the end of the text.
 */
const lastColumnEnd = (only: boolean): string =>
  only
    ? 'for (e = p; e < end; e++) if (line.charCodeAt(e) === 32) return 0;'
    : "e = line.indexOf(' ', p); if (e !== -1 && e < end) return 0; e = end;";

const TIME_FIELDS = new Set(['date', 'time']);

function isWanted(field: string, wanted: FieldSet): boolean {
  if (wanted === 'all') return true;
  const name = FIELD_ALIASES[field] ?? field;
  if (TIME_FIELDS.has(name)) return wanted.has('timestamp');
  return wanted.has(name);
}

/** A header block compiled once: a straight-line reader for IIS lines, and per-column handlers for the loose path. */
export interface CompiledFields {
  names: readonly string[];
  /** How each column is read; `undefined` for a column nobody reads (a repeated name, an unwanted field). */
  readers: readonly (FieldReader | undefined)[];
  readSingleSpaced: SingleSpacedReader;
  /** The reader for lines in the caller's sample, when it reads sampled-only columns (ParseContext.sampledOnly). */
  readSampled?: SingleSpacedReader;
  /** readSingleSpaced, of a line read in place. */
  readSingleSpacedIn: SingleSpacedReaderIn;
  /** Whether some columns are read only for errors (ParseContext.errorOnly): a record then lacks them otherwise. */
  defersColumns: boolean;
  /**
   * Set when the reader stores nothing but the status in the record of a line whose status is
   * below 400 (every other wanted column is read only for errors): see W3cParser.statusOnlyLayout.
   */
  statusOnly?: StatusOnlyLayout;
  /** Set when every column read for every record holds a plain value: see W3cParser.columnLayout. */
  columns?: ColumnLayout;
  /** `undefined` marks a column nobody reads. */
  handlers: readonly (FieldHandler | undefined)[];
  hasDate: boolean;
  /** IIS Advanced Logging's date-local/time-local: local time, shifted by the configured offset. */
  localTime: boolean;
  /**
   * The time is wanted for sampled lines only (ParseContext.sampledOnly), as a best effort: a date
   * or time that does not read leaves the record without a time instead of rejecting the line, so
   * which lines are rejected never depends on the sample.
   */
  lenientTime: boolean;
  /**
   * A layout with `cs-uri` (path and query in one, as HTTPERR and some W3C writers log it) but no
   * `cs-uri-stem`: the URI is split so reports and record dumps see the same stem and query as
   * for IIS lines.
   */
  splitsUri: boolean;
}

/** The record key a column fills: W3C name, or `timestamp` for date and time. */
function keyOf(field: string): string {
  const name = FIELD_ALIASES[field] ?? field;
  return TIME_FIELDS.has(name) ? 'timestamp' : name;
}

/** The fields a consumer reads, and those it reads only for some records (ParseContext). */
export type FieldNeeds = Pick<ParseContext, 'wanted' | 'errorOnly' | 'sampledOnly'>;

/**
 * Which records need a column the consumer reads only for some: errors (no status, a status of 400
 * or more, an HTTP.sys reason), lines in its sample, or both. The status and HTTP.sys reason decide
 * what an error is, so they are read for every record.
 */
function neededFor(key: string, needs: FieldNeeds): { errors: boolean; sample: boolean } {
  if (key === 'sc-status' || key === 's-reason') return { errors: false, sample: false };
  return { errors: needs.errorOnly?.has(key) === true, sample: needs.sampledOnly?.has(key) === true };
}

/**
 * @param needs the fields wanted; those read only for errors are deferred on the single-spaced
 *   path, and those read only for sampled lines are read by a second reader (`readSampled`) the
 *   parser runs for those lines, so the others run the reader they had without a sample. The loose
 *   path reads every wanted column, which gives the same record for the consumer.
 */
export function compileFields(names: readonly string[], needs: FieldNeeds): CompiledFields {
  const { wanted } = needs;
  const canonical = names.map((n) => FIELD_ALIASES[n] ?? n);
  const splitsUri = canonical.includes('cs-uri') && !canonical.includes('cs-uri-stem');
  const uriWanted = splitsUri && (isWanted('cs-uri-stem', wanted) || isWanted('cs-uri-query', wanted));
  const seen = new Set<string>();
  const proxy = PROXY_FIELDS.some((f) => names.includes(f));
  const readers = names.map((name) => {
    // A repeated name keeps its first column: later duplicates must not overwrite it.
    if (seen.has(name)) return undefined;
    seen.add(name);
    return isWanted(name, wanted) || (uriWanted && name === 'cs-uri') ? readerFor(name, proxy) : undefined;
  });
  const lenientTime = needs.sampledOnly?.has('timestamp') === true && needs.errorOnly?.has('timestamp') !== true;
  // Without the sample: sampled-only columns not read, error columns deferred. With it: both read.
  const plain = readers.slice();
  const forErrors = new Set<number>();
  // Read into the sample record: its own values (the time goes there from the parser).
  const sampledColumns = new Set<number>();
  let sampled = false;
  names.forEach((name, column) => {
    if (readers[column] === undefined) return;
    const need = neededFor(keyOf(name), needs);
    if (need.sample) sampled = true;
    if (need.sample) sampledColumns.add(column);
    if (need.sample && !need.errors) plain[column] = undefined;
    if (need.errors) forErrors.add(column);
  });
  const readSingleSpacedIn = compileSingleSpaced(plain, forErrors, lenientTime);
  const statusOnly = sampled ? undefined : statusOnlyOf(plain, forErrors);
  const columns = uriWanted ? undefined : columnLayoutOf(plain, forErrors);
  const readSampledIn = sampled ? compileSingleSpaced(readers, forErrors, lenientTime, sampledColumns) : undefined;
  return {
    names,
    readers,
    readSingleSpaced: asStringReader(readSingleSpacedIn),
    readSampled: readSampledIn && asStringReader(readSampledIn),
    readSingleSpacedIn,
    defersColumns: forErrors.size > 0 || sampled,
    ...(statusOnly === undefined ? {} : { statusOnly }),
    ...(columns === undefined ? {} : { columns }),
    handlers: readers.map((r) =>
      r === undefined ? undefined : lenientTime && isTimeReader(r) ? alwaysRead(handlerFor(r)) : handlerFor(r),
    ),
    lenientTime,
    hasDate: canonical.includes('date'),
    localTime: names.includes('time-local'),
    splitsUri: uriWanted,
  };
}

/** The status column, when it is the only column read for every record and is read as an IIS status (not a proxy's). */
function statusOnlyOf(readers: readonly (FieldReader | undefined)[], deferred: ReadonlySet<number>): StatusOnlyLayout | undefined {
  const read = readers.flatMap((reader, column) => (reader === undefined || deferred.has(column) ? [] : [{ reader, column }]));
  if (read.length !== 1 || read[0]!.reader.kind !== 'status' || read[0]!.reader.name !== 'sc-status') return undefined;
  return { values: readers.length, statusColumn: read[0]!.column };
}

const PLAIN_KINDS: ReadonlySet<FieldReader['kind']> = new Set(['status', 'number', 'duration', 'string']);

/**
 * The columns read for every record, when each is read as a plain value and the status (an IIS
 * one, not a proxy's) is one of them: no time (a date read on every line can reject it), no
 * `+`-decoded text. Columns read only for errors are left out: a status below 400 never reads them.
 */
function columnLayoutOf(readers: readonly (FieldReader | undefined)[], deferred: ReadonlySet<number>): ColumnLayout | undefined {
  if (readers.length > MAX_PLAN_VALUES) return undefined;
  const columns = readers.flatMap((reader, column) =>
    reader === undefined || deferred.has(column) ? [] : [{ column, field: reader.name, kind: reader.kind as ColumnKind }],
  );
  if (columns.some((c) => !PLAIN_KINDS.has(c.kind)) || !columns.some((c) => c.kind === 'status')) return undefined;
  return { values: readers.length, columns, errorColumns: deferred.size > 0 };
}

/**
 * Header blocks compiled so far: a folder of thousands of small logs repeats a few #Fields lines,
 * and compiling each again (new Function) costs more than reading the file.
 */
const compiledCache = new Map<string, CompiledFields>();
const CACHED_LAYOUTS = 64;

function compiledFields(names: readonly string[], needs: FieldNeeds): CompiledFields {
  const { wanted, errorOnly = [], sampledOnly = [] } = needs;
  const key = `${wanted === 'all' ? '*' : [...wanted].join(' ')}\n${[...errorOnly].join(' ')}\n${[...sampledOnly].join(' ')}\n${names.join(' ')}`;
  let fields = compiledCache.get(key);
  if (fields === undefined) {
    if (compiledCache.size >= CACHED_LAYOUTS) compiledCache.clear();
    compiledCache.set(key, (fields = compileFields(names, needs)));
  }
  return fields;
}

/**
 * `#GMT-Offset: -0800` (Oracle Web Cache): the offset of the local time the file's dates and
 * times are written in, as minutes east of UTC; NaN when unreadable.
 */
export function parseGmtOffset(value: string): number {
  const sign = value.charCodeAt(0) === DASH ? -1 : value.charCodeAt(0) === 43 /* + */ ? 1 : NaN;
  const digits = value.slice(1).replace(':', '');
  if (digits.length !== 4) return NaN;
  const hours = readUint(digits, 0, 2);
  const minutes = readUint(digits, 2, 4);
  return hours < 0 || minutes < 0 || minutes > 59 ? NaN : sign * (hours * 60 + minutes);
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

/**
 * Splits on tabs (CloudFront; IIS Advanced Logging set to tabs): values may hold spaces, and a
 * value in quotes is unquoted with `""` escapes.
 */
export function tokenizeTabbed(line: string): string[] {
  const tokens = line.split('\t');
  // A tab ending the line (CloudFront lines copied from its console or an export) ends the last
  // value; it does not start one more. Empty values are logged as `-`.
  while (tokens.length > 1 && tokens[tokens.length - 1] === '') tokens.pop();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.length >= 2 && token.charCodeAt(0) === QUOTE && token.charCodeAt(token.length - 1) === QUOTE) {
      const value = token.slice(1, -1).replaceAll('""', '"');
      tokens[i] = value === '' ? '-' : value;
    }
  }
  return tokens;
}

/**
 * A line IIS wrote, one space between unquoted values: an invalid value in it is really invalid.
 * Quotes, tabs or runs of spaces shift the single-space columns, so such a line is read again.
 */
const isSingleSpaced = (line: string): boolean =>
  line.indexOf('"') === -1 && line.indexOf('\t') === -1 && line.indexOf('  ') === -1 && line.charCodeAt(0) !== SPACE;

/** Splits a line that is not single-spaced: on tabs if it has any, else on runs of spaces with quoting. */
const tokenizeAny = (line: string): string[] => (line.indexOf('\t') === -1 ? tokenizeLoose(line) : tokenizeTabbed(line));

/** How many values a single-spaced line holds. */
function columnCount(line: string): number {
  let count = 1;
  for (let space = line.indexOf(' '); space !== -1; space = line.indexOf(' ', space + 1)) count++;
  return count;
}

/** Offset where column `column` of a single-spaced line starts, for error messages. */
function columnStart(line: string, column: number): number {
  let start = 0;
  for (let i = 0; i < column; i++) start = line.indexOf(' ', start) + 1;
  return start;
}

export interface W3cState {
  software?: string;
  /** `#Date` as UTC midnight in ms: the day for time-only layouts. */
  headerDayMs: number;
  /** `#GMT-Offset` in minutes east of UTC: dates and times are local time at that offset. */
  gmtOffsetMinutes?: number;
  fields?: CompiledFields;
}

/**
 * IIS also writes W3C logs for its FTP and SMTP services. Their sc-status holds FTP (RFC 959) or
 * SMTP (RFC 5321) reply codes: 226 is "transfer complete", not HTTP's "IM Used". A file that starts
 * as such a log is not a web log and is skipped (see serviceLogOf); a block of one inside a web
 * log is labelled and noted, so nobody reads its codes as HTTP statuses.
 */
export type Service = 'ftp' | 'smtp';
const SERVICE_NOTES: Record<Service, string> = {
  ftp: 'IIS FTP service log: sc-status holds FTP reply codes (RFC 959, e.g. 226 transfer complete, 530 not logged in), not HTTP statuses; HTTP meanings shown for them do not apply',
  smtp: 'IIS SMTP service log: sc-status holds SMTP reply codes (RFC 5321, e.g. 250 OK, 500 command unrecognised), not HTTP statuses; HTTP meanings shown for them do not apply',
};
/** IIS 7.5+ FTP logging adds these fields; no web log has them. */
const FTP_FIELDS = new Set(['x-session', 'x-fullpath']);
/** IIS 4–6 FTP prefixes the method with its session number: `[2]USER`. */
const FTP_METHOD = /^\[\d+\]/;
const FTP_SITE = /^(MS)?FTPSVC\d+$/i;
const SMTP_SITE = /^SMTPSVC\d+$/i;

/** The non-HTTP service a data line of these fields comes from, judged by its values. */
function serviceOf(names: readonly string[], line: string): Service | undefined {
  const tokens = tokenizeAny(line);
  const value = (field: string): string => tokens[names.indexOf(field)] ?? '';
  if (FTP_METHOD.test(value('cs-method')) || FTP_SITE.test(value('s-sitename'))) return 'ftp';
  if (value('cs-version') === 'SMTP' || SMTP_SITE.test(value('s-sitename'))) return 'smtp';
  return undefined;
}

/** The service of a W3C file whose first header block is an IIS FTP or SMTP log; undefined for a web log. */
export function serviceLogOf(firstLines: readonly string[]): Service | undefined {
  let names: string[] | undefined;
  for (const line of firstLines) {
    if (line.startsWith('#Fields:')) names = line.slice(8).trim().split(/\s+/);
    else if (names !== undefined && !line.startsWith('#')) return names.some((n) => FTP_FIELDS.has(n)) ? 'ftp' : serviceOf(names, line);
  }
  return names?.some((n) => FTP_FIELDS.has(n)) ? 'ftp' : undefined;
}

export const SERVICE_LOG_NAMES: Record<Service, string> = { ftp: 'an IIS FTP service log', smtp: 'an IIS SMTP service log' };

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
  private layoutLabel: string;
  /** Dates and times written in local time (time-local, #GMT-Offset): how they become UTC; absent for UTC. */
  private localTime?: LocalTime;
  /** Set at each #Fields whose names do not tell the service: the block's first record does. */
  private serviceUnchecked = false;
  /** Whether a layout was inferred for data lines before any #Fields (once per file). */
  private layoutTried = false;
  /** Whether the layout in use was inferred (no #Fields yet), so a line of another length may have a layout of its own. */
  private assumed = false;
  /** The inferred layout for each value count seen while no #Fields is in force; undefined where none fits. */
  private readonly byCount = new Map<number, CompiledFields | undefined>();
  /** The value count of the last line rejected for its count. */
  private valueCount = 0;
  /**
   * Whether the last data line was read by the compiled reader: lines are then read in place
   * (parseIn). After any other line the next is made a string first: a column's end searched for in
   * place may lie lines further on, and a run of lines of another shape would each search that far.
   */
  private inPlace = true;

  constructor(
    private readonly ctx: ParseContext,
    private readonly options: W3cParserOptions = { label: 'w3c' },
  ) {
    this.layoutLabel = options.label;
    if (options.assumedFields) this.assume(compiledFields(options.assumedFields, ctx));
    if (options.assumedNote) this.extraNotes.push(options.assumedNote);
  }

  layout(): string {
    return this.layoutLabel;
  }

  private setFields(fields: CompiledFields): void {
    this.state.fields = fields;
    this.layoutLabel = `${this.options.label} (${fields.names.length} fields)`;
    this.updateShift();
    this.serviceUnchecked = !fields.names.some((n) => FTP_FIELDS.has(n));
    if (!this.serviceUnchecked) this.setService('ftp');
  }

  /** An inferred layout: lines of its value count go back to it after a line of another count. */
  private assume(fields: CompiledFields): void {
    this.setFields(fields);
    this.assumed = true;
    this.byCount.set(fields.names.length, fields);
  }

  private setService(service: Service): void {
    this.layoutLabel = `${this.options.label}-${service} (${this.state.fields!.names.length} fields)`;
    this.addNote(SERVICE_NOTES[service]);
  }

  private updateShift(): void {
    const gmtOffset = this.state.gmtOffsetMinutes;
    this.localTime = this.state.fields?.localTime ? this.ctx.localTime : gmtOffset === undefined ? undefined : fixedOffset(gmtOffset);
  }

  notes(): string[] {
    return this.extraNotes;
  }

  /**
   * The layout in force when a data line that its compiled reader reads whole (one space between
   * values, each valid) needs nothing more to become its record than `timestamp = day + time`: no
   * local time to shift, no cs-uri to split, no service check pending. Undefined otherwise. A
   * writer may then turn such a line into output itself, skipping `parse`, which would change no
   * state of this parser for it.
   */
  plainLayout(): CompiledFields | undefined {
    const fields = this.state.fields;
    if (fields === undefined || fields.splitsUri || fields.defersColumns || this.localTime !== undefined || this.serviceUnchecked)
      return undefined;
    return fields;
  }

  statusOnlyLayout(): StatusOnlyLayout | undefined {
    const fields = this.state.fields;
    // An inferred layout may give way to another at a line of another length; a block's first
    // record is read for its service.
    if (fields === undefined || this.assumed || this.serviceUnchecked) return undefined;
    return fields.statusOnly;
  }

  /**
   * The columns of the layout in force, when a data line its compiled reader reads whole needs
   * nothing more than their values to become its record (as for statusOnlyLayout, and no `cs-uri`
   * to split): a consumer may then take such lines' values as rows (ColumnLineReader), skipping
   * `parse`, which would change no state of this parser for them. Undefined otherwise.
   */
  columnLayout(): ColumnLayout | undefined {
    const fields = this.state.fields;
    if (fields === undefined || this.assumed || this.serviceUnchecked) return undefined;
    return fields.columns;
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
    const fields = this.state.fields ?? this.assumeLayout();
    if (fields === undefined) {
      this.rejection = {
        reason: 'missing-fields-directive',
        detail: 'data line before any #Fields: directive, of no layout logtally knows',
      };
      return LINE_REJECTED;
    }
    const row = this.row;
    row.dayMs = this.state.headerDayMs;
    row.timeMs = TIME_NOT_READ;
    const read = fields.readSingleSpaced(line, out, row);
    this.inPlace = read === 1;
    if (read !== 1) {
      if (read < 0 && isSingleSpaced(line)) {
        // A value of the wrong type can be a value of another layout's column.
        const other = this.assumed ? this.parseInOtherLayout(line, out, columnCount(line)) : undefined;
        return other ?? this.invalidValue(fields.names[-read - 1]!, columnStart(line, -read - 1));
      }
      if (!this.parseLoose(line, fields, out)) {
        const mismatch = this.assumed && this.rejection.reason === 'field-count-mismatch';
        return (mismatch ? this.parseInOtherLayout(line, out, this.valueCount) : undefined) ?? LINE_REJECTED;
      }
    }
    const kind = this.completeRecord(fields, out);
    if (kind === LINE_RECORD && this.serviceUnchecked) this.checkService(line, fields);
    return kind;
  }

  parseIn(text: string, start: number, end: number, out: LogRecord): LineKind {
    const fields = this.state.fields;
    // Directives, the first line of a block (its service is read from the line) and lines after
    // one the reader did not take are read as strings.
    if (!this.inPlace || fields === undefined || this.serviceUnchecked || text.charCodeAt(start) === 35 /* # */)
      return this.parse(text.slice(start, end), out);
    const row = this.row;
    row.dayMs = this.state.headerDayMs;
    row.timeMs = TIME_NOT_READ;
    // Read again as a string, the line gets exactly the values and outcome it would have had.
    if (fields.readSingleSpacedIn(text, start, end, out, row) !== 1) return this.parse(text.slice(start, end), out);
    return this.completeRecord(fields, out);
  }

  /** A line the layout's reader read: its time, and its URI split when the layout logs cs-uri only. */
  private completeRecord(fields: CompiledFields, out: LogRecord): LineKind {
    const row = this.row;
    // No time column, time not wanted, or deferred and this record is no error: no timestamp.
    if (row.timeMs !== TIME_NOT_READ) {
      const ms = row.dayMs + row.timeMs;
      if (!Number.isNaN(ms)) out.timestamp = this.localTime === undefined ? ms : this.localTime.toUtc(ms);
      else if (!fields.lenientTime) {
        this.rejection = { reason: 'invalid-time', detail: fields.hasDate ? 'date or time unreadable' : 'time-only layout without #Date' };
        return LINE_REJECTED;
      }
    }
    if (fields.splitsUri) {
      const uri = out['cs-uri'];
      if (typeof uri === 'string') splitUri(uri, out, 'all');
    }
    return LINE_RECORD;
  }

  /**
   * A line `parse` read as a record, its sampled-only columns read again with the layout's second
   * reader (compiled apart, so `parse` keeps one reader at its call). A line `parse` read on the
   * loose path (quoted values, tabs) already has every wanted column in its record: the second
   * reader, which reads one space between values, gives up on it as the first did.
   */
  readSample(line: string, sample: LogRecord): void {
    const fields = this.state.fields;
    if (fields?.readSampled === undefined) return;
    const row = this.row;
    row.dayMs = this.state.headerDayMs;
    row.timeMs = TIME_NOT_READ;
    if (fields.readSampled(line, newRecord(), row, sample) !== 1) {
      for (const key of Object.keys(sample)) delete sample[key];
      return;
    }
    if (fields.lenientTime && row.timeMs !== TIME_NOT_READ) {
      const ms = row.dayMs + row.timeMs;
      if (!Number.isNaN(ms)) sample.timestamp = this.localTime === undefined ? ms : this.localTime.toUtc(ms);
    }
    const uri = sample['cs-uri'];
    if (fields.splitsUri && typeof uri === 'string') splitUri(uri, sample, 'all');
  }

  /**
   * Quoted values and runs of spaces (IIS Advanced Logging, Incapsula, Oracle Web Cache, Exchange),
   * or tab separators (CloudFront), whose values may hold spaces.
   */
  private parseLoose(line: string, fields: CompiledFields, out: LogRecord): boolean {
    const tokens = tokenizeAny(line);
    if (tokens.length !== fields.names.length) {
      this.valueCount = tokens.length;
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
        this.invalidValue(fields.names[i]!, undefined);
        return false;
      }
    }
    return true;
  }

  /**
   * Data lines before the first `#Fields:` (an excerpt that starts mid-block and spans a restart,
   * a header that lost its `#Fields:`): their layout is inferred from the first lines, as for a
   * header-less file, so where the excerpt was cut does not decide whether they are read.
   * Tried once: undefined when no layout fits them.
   */
  private assumeLayout(): CompiledFields | undefined {
    if (this.layoutTried) return undefined;
    this.layoutTried = true;
    const lines = this.ctx.firstLines ?? [];
    const fieldsAt = lines.findIndex((l) => fieldsOfDirective(l) !== undefined);
    const layout = guessLayout(fieldsAt === -1 ? lines : lines.slice(0, fieldsAt));
    if (layout === undefined) return undefined;
    this.assume(compiledFields(layout.fields, this.ctx));
    this.addNote(`data lines before the first #Fields: assumed the ${layout.description} layout (${layout.fields.join(' ')})`);
    return this.state.fields;
  }

  /**
   * A line of another value count than an inferred layout's, in a file with no #Fields: an IIS
   * site that gained a custom field (X-Forwarded-For) writes a new #Fields line, which shippers
   * and excerpts drop, so both layouts' lines follow one another. The line's own layout is
   * inferred once per value count and used like a #Fields change; undefined when none fits.
   */
  private parseInOtherLayout(line: string, out: LogRecord, count: number): LineKind | undefined {
    if (count === this.state.fields!.names.length) return undefined;
    if (!this.byCount.has(count)) this.byCount.set(count, this.inferFor(line));
    const fields = this.byCount.get(count);
    if (fields === undefined) return undefined;
    this.setFields(fields);
    // The failed read left values behind; a field the other layout logs as `-` must not keep one.
    for (const key of Object.keys(out)) delete out[key];
    return this.parse(line, out);
  }

  private inferFor(line: string): CompiledFields | undefined {
    const layout = guessLayout([line]);
    if (layout === undefined || layout.label !== this.options.label) return undefined;
    this.addNote(
      `no #Fields header for lines of ${layout.fields.length} values: assumed the ${layout.description} layout (${layout.fields.join(' ')})`,
    );
    return compiledFields(layout.fields, this.ctx);
  }

  private checkService(line: string, fields: CompiledFields): void {
    this.serviceUnchecked = false;
    const service = serviceOf(fields.names, line);
    if (service !== undefined) this.setService(service);
  }

  private addNote(note: string): void {
    if (!this.extraNotes.includes(note)) this.extraNotes.push(note);
  }

  private invalidValue(field: string, offset: number | undefined): typeof LINE_REJECTED {
    const reason = field === 'sc-status' ? 'invalid-status' : field === 'date' || field === 'time' ? 'invalid-time' : 'invalid-number';
    this.rejection = { reason, column: offset === undefined ? undefined : offset + 1, detail: `${field} is not a valid value` };
    return LINE_REJECTED;
  }

  private directive(line: string): void {
    const joined = line.indexOf(FIELDS_DIRECTIVE, 1);
    if (joined !== -1) {
      this.directive(line.slice(0, joined));
      line = line.slice(joined);
    }
    const colon = line.indexOf(':');
    if (colon === -1) return;
    const name = line.slice(1, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name === 'Fields') {
      const names = value.split(/\s+/).filter((n) => n.length > 0);
      const fields = compiledFields(names, this.ctx);
      this.setFields(fields);
      this.assumed = false;
      if (fields.localTime) this.addNote(`time-local read as local time ${this.ctx.localTime.label} (set with --tz)`);
    } else if (name === 'Date') {
      const space = value.indexOf(' ');
      this.state.headerDayMs = parseIsoDate(value, 0, space === -1 ? value.length : space);
    } else if (name === 'Software') {
      this.state.software = value;
    } else if (name === 'GMT-Offset') {
      this.gmtOffset(value);
    }
  }

  private gmtOffset(value: string): void {
    const minutes = parseGmtOffset(value);
    if (Number.isNaN(minutes)) {
      this.addNote(`#GMT-Offset: ${value} is not an offset such as -0800: times read as UTC`);
      return;
    }
    this.state.gmtOffsetMinutes = minutes;
    this.updateShift();
    this.addNote(`#GMT-Offset: date and time read as local time at UTC${formatOffset(minutes)}`);
  }
}

const FIELDS_DIRECTIVE = '#Fields:';

/**
 * The field list a directive line gives: a `#Fields:` line's, or one joined onto the line before
 * it, as Azure App Service's log stream shows its header (`#Software: …8.0#Fields: date time …`).
 */
function fieldsOfDirective(line: string): string | undefined {
  if (line.charCodeAt(0) !== 35 /* # */) return undefined;
  const at = line.indexOf(FIELDS_DIRECTIVE);
  return at === -1 ? undefined : line.slice(at + FIELDS_DIRECTIVE.length).trim();
}

/** Fields only a web server writes: a W3C header without any of them is some other log (a firewall's). */
const WEB_FIELDS = new Set(['sc-status', 's-reason', 'cs-uri-stem', 'cs-uri', 'cs-method', 'cs-uri-query', 'cs(User-Agent)', 'cs-host']);

export function isWebLogFields(names: readonly string[]): boolean {
  return names.some((n) => WEB_FIELDS.has(n));
}

export const w3cFormat: LogFormat = {
  ...describedBy(W3C),
  detect(firstLines) {
    const fields = firstLines.map(fieldsOfDirective).find((f) => f !== undefined);
    if (fields === undefined) return firstLines.some((l) => l.startsWith('#Software:') || l.startsWith('#Version:')) ? 0.3 : 0;
    return isWebLogFields(fields.split(/\s+/)) && serviceLogOf(firstLines) === undefined ? 1 : 0;
  },
  create(ctx: ParseContext) {
    return new W3cParser(ctx);
  },
};
