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
  type FastAccessReaders,
  type FieldSpec,
  fitsCharset,
  hasDecimals,
  isDash,
  isDecimal,
  isDigitRun,
  listEnd,
  MONTHS,
  parseIsoTime,
  type Writer,
  writerFor,
} from './access-log.js';
import { fixedOffset, type LocalTime } from './local-time.js';
import type { LogRecord } from './record.js';
import type { FieldSet, ParseContext } from './types.js';

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

/** Width of `10/Oct/2000:13:55:36 -0700`. */
const CLF_WIDTH = 26;

/** Two digits at s[at]; NaN when they are not. */
function twoDigits(s: string, at: number): number {
  const tens = s.charCodeAt(at) - 48;
  const ones = s.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : NaN;
}

/**
 * The day of the last `10/Oct/2000` read: lines come in time order, so most lines repeat the
 * previous line's date and only the clock is read. The date is keyed by its character codes
 * (`dd/Mon` and `yyyy`, 7 bits each).
 */
interface DayCache {
  dayMonth: number;
  year: number;
  ms: number;
}

/** `10/Oct/2000` at s[start] → its UTC epoch, into the cache; false when it is not such a date. */
function cacheDay(s: string, start: number, cache: DayCache, dayMonth: number, year: number): boolean {
  const day = twoDigits(s, start);
  const month = MONTHS[s.slice(start + 3, start + 6)];
  const yyyy = twoDigits(s, start + 7) * 100 + twoDigits(s, start + 9);
  if (month === undefined || !(day >= 1 && day <= 31) || Number.isNaN(yyyy)) return false;
  cache.dayMonth = dayMonth;
  cache.year = year;
  cache.ms = Date.UTC(yyyy, month, day);
  return true;
}

/** Statements reading the two digits at line[at] into `variable`, or `return false`. */
const digitsCode = (variable: string, at: string, fail: string): string =>
  `c = line.charCodeAt(${at}) - 48; ${variable} = line.charCodeAt(${at} + 1) - 48; ` +
  `if (c < 0 || c > 9 || ${variable} < 0 || ${variable} > 9) ${fail} ${variable} += c * 10;`;

/**
 * Statements reading `10/Oct/2000:13:55:36 -0700` at line[s, s + 26) into `t` as parseClfTime
 * would, by fixed positions, the day from the cache. Other shapes (a fraction, no zone, a blank
 * for the colon) are the general matcher's.
 */
function clfTimeCode(s: string, unsure: string): string[] {
  const code = (offset: number) => `line.charCodeAt(${s} + ${offset})`;
  return [
    `if (${code(2)} !== 47 || ${code(6)} !== 47 || ${code(11)} !== 58 || ${code(14)} !== 58 || ${code(17)} !== 58 || ${code(20)} !== 32) ${unsure}`,
    `k = (((${code(0)} * 128 + ${code(1)}) * 128 + ${code(3)}) * 128 + ${code(4)}) * 128 + ${code(5)};`,
    `v = ((${code(7)} * 128 + ${code(8)}) * 128 + ${code(9)}) * 128 + ${code(10)};`,
    `if ((k !== h.day.dayMonth || v !== h.day.year) && !h.cacheDay(line, ${s}, h.day, k, v)) ${unsure}`,
    digitsCode('hh', `${s} + 12`, unsure),
    digitsCode('mm', `${s} + 15`, unsure),
    digitsCode('ss', `${s} + 18`, unsure),
    `if (hh > 23 || mm > 59 || ss > 60) ${unsure}`,
    `k = ${code(21)};`,
    `if (k !== 43 && k !== 45) ${unsure}`,
    digitsCode('oh', `${s} + 22`, unsure),
    digitsCode('om', `${s} + 24`, unsure),
    `t = h.day.ms + ((hh * 60 + mm) * 60 + ss) * 1000 - (k === 45 ? -1 : 1) * (oh * 60 + om) * 60000;`,
  ];
}

/** Reads a line into `out` when it has the layout's common shape; false (out untouched) otherwise. */
export type AccessReader = (line: string, out: LogRecord, sample?: LogRecord) => boolean;

/**
 * An AccessReader of the line `text.slice(start, end)` read in place, with the same answer and
 * record. A value's end searched for past the line's end is past `lineEnd`, as every field's
 * end is checked to be, so such a line is no more read than the slice would be.
 */
export type AccessReaderIn = (text: string, start: number, end: number, out: LogRecord, sample?: LogRecord) => boolean;

/** Helpers the compiled code calls, passed in by name. */
interface Helpers {
  fits: typeof fitsCharset;
  listEnd: typeof listEnd;
  isDash: typeof isDash;
  isDigitRun: typeof isDigitRun;
  isDecimal: typeof isDecimal;
  hasDecimals: typeof hasDecimals;
  day: DayCache;
  cacheDay: typeof cacheDay;
  iso: (s: string, start: number, end: number) => number;
  writers: (Writer | undefined)[];
}

/** A string or number as a JavaScript literal: format strings are the user's, so never pasted raw. */
const js = (value: string | number): string => JSON.stringify(value);

/** `line` has `literal` at `at` (a variable name): one char code compared, or startsWith. */
function literalAt(literal: string, at: string): string {
  if (literal.length === 1) return `line.charCodeAt(${at}) === ${literal.charCodeAt(0)}`;
  return `line.startsWith(${js(literal)}, ${at})`;
}

/**
 * How compiled code leaves when a line is not of the common shape. A reader just returns false. A
 * probe (compileAccessProbe) returns whether the general matcher could still read the line exactly:
 * `no` where it would try the same ends first and the line fails there (true only when `maybe`
 * noted that an earlier value has another end the general matcher may try), `unsure` where it may
 * read the value differently (another time shape, an escaped quote, a bare `-` for a quoted value).
 */
interface Exits {
  no: string;
  unsure: string;
  /** The statement noting that the general matcher may end field i's value elsewhere; none for a plain reader. */
  otherEnd?: (i: number) => string;
}

const READER_EXITS: Exits = { no: 'return false;', unsure: 'return false;' };
const PROBE_EXITS: Exits = { no: 'return maybe;', unsure: 'return true;', otherEnd: () => 'maybe = true;' };
/** A sibling's reader keeps the first field with another end (`other`), for the probes it resumes. */
const SIBLING_EXITS: Exits = { ...READER_EXITS, otherEnd: (i) => `if (other > ${i}) other = ${i};` };

/** The opening `"` or `[` of a wrapped value. */
const openCode = (open: number, x: Exits): string => `if (line.charCodeAt(p) !== ${open}) ${x.no}`;

/**
 * Whether the general matcher could end field i's value at a later `terminator` too, as it
 * retries when the rest of the line fails. A quoted value cannot without a quote in it (a guess,
 * never an exact reading), a `[time]` has one end that reads as a time, and a value without
 * blanks ended at a blank has no other.
 */
function otherEndCode(spec: FieldSpec, i: number, terminator: string, note: string): string[] {
  const single = (spec.charset === 'nospace' || spec.charset === 'list') && terminator.includes(' ');
  if (single || spec.kind === 'clf-time') return [];
  const later = `(a = line.indexOf(${js(terminator)}, e${i} + 1)) !== -1`;
  // A value without blanks cannot reach past the first blank.
  if (spec.charset === 'nospace') return [`if (${later} && ((k = line.indexOf(' ', s${i})) === -1 || k >= a)) ${note}`];
  // Reaching past a blank, a user name with blanks ends right before ` [` and has no lone `-` (see
  // fitsCharset): if the first such end has one, every later end has it too.
  if (spec.charset === 'words' && terminator.startsWith(' '))
    return [`if ((a = line.indexOf(' [', e${i} + 1)) !== -1 && h.fits('words', line, s${i}, a)) ${note}`];
  return [`if (${later}) ${note}`];
}

/**
 * Statements that find field i's value at line[s_i, e_i) from `p` (its first candidate end, as the
 * general matcher tries first) and leave `p` after the literal that follows it; leaving by `x` where
 * the general matcher must decide.
 */
function locateCode(format: CompiledAccessFormat, i: number, x: Exits): string[] {
  const spec = format.fields[i]!;
  const after = format.literals[i + 1]!;
  const s = `s${i}`;
  const e = `e${i}`;
  const code: string[] = [];
  const wrap = format.wraps[i];
  // A probe follows the general matcher into a value logged as a bare `-`: its one reading.
  const bare = x.no !== x.unsure && wrap !== undefined;
  if (bare) code.push('if (line.charCodeAt(p) === 45) {', `${s} = p;`, `${e} = p + 1;`, 'p += 1;', '} else {');
  if (wrap === '"') {
    // The first quote ends the value; one after a backslash may be escaped: the general matcher's call.
    code.push(openCode(34, x), `${s} = p + 1;`, `${e} = line.indexOf('"', ${s});`);
    code.push(`if (${e} === -1) ${x.no}`, `if (line.charCodeAt(${e} - 1) === 92) ${x.unsure}`, `p = ${e} + 1;`);
    if (bare) code.push('}');
    // Not followed by `after`, the first quote would be a bare one inside the value: a guess.
    if (after !== '') code.push(`if (!(${literalAt(after, 'p')})) ${x.no}`, `p += ${after.length};`);
    return code;
  }
  if (wrap === '[') {
    code.push(openCode(91, x), `${s} = p + 1;`);
    // `[10/Oct/2000:13:55:36 -0700]` has a fixed width; a `-` or another shape goes to the general matcher.
    if (spec.kind === 'clf-time') code.push(`${e} = ${s} + ${CLF_WIDTH};`, `if (line.charCodeAt(${e}) !== 93) ${x.unsure}`);
    else code.push(`${e} = line.indexOf(']', ${s});`, `if (${e} === -1) ${x.no}`);
    code.push(`p = ${e} + 1;`);
    // The first `]` not followed by `after`: the general matcher looks for a later `]` that is.
    if (after !== '') code.push(`if (!(${literalAt(after, 'p')})) ${x.unsure}`);
    if (x.otherEnd) code.push(...otherEndCode(spec, i, `]${after}`, x.otherEnd(i)));
    if (bare) code.push('}', `if (!(${literalAt(after, 'p')})) ${x.no}`);
    if (after !== '') code.push(`p += ${after.length};`);
    return code;
  }
  if (after === '' && i === format.fields.length - 1) return [`${s} = p;`, `${e} = lineEnd;`, `p = lineEnd;`];
  code.push(`${s} = p;`, `${e} = line.indexOf(${js(after)}, p);`, `if (${e} === -1) ${x.no}`);
  if (spec.charset === 'list' && after === ' ') {
    // Not a space inside a list (`a, b`, `a : b`): then the general matcher's listEnd keeps this end.
    code.push(`c = line.charCodeAt(${e} - 1);`, `if (c === 44 || c === 58 || line.charCodeAt(${e} + 1) === 58) ${x.unsure}`);
  } else if (spec.charset === 'list') {
    code.push(`${e} = h.listEnd(line, ${s}, ${e}, ${js(after)});`, `if (${e} === -1) ${x.no}`);
  }
  if (x.otherEnd) code.push(...otherEndCode(spec, i, after, x.otherEnd(i)));
  return [...code, `p = ${e} + ${after.length};`];
}

/** Whether line[at] is a digit: one unsigned comparison. */
const digitAt = (at: string): string => `line.charCodeAt(${at}) - 48 >>> 0 < 10`;

/** Statements checking field i's value as the general matcher's `accept` does; the time into `t`. */
function acceptCode(format: CompiledAccessFormat, i: number, x: Exits): string[] {
  const spec = format.fields[i]!;
  const after = format.literals[i + 1]!;
  const s = `s${i}`;
  const e = `e${i}`;
  const dash = `(${e} - ${s} === 1 && line.charCodeAt(${s}) === 45)`;
  const code: string[] = [];
  const firstSpace = format.wraps[i] === undefined && after === ' ' && !(i === format.fields.length - 1);
  if (spec.charset === 'nospace' && firstSpace) {
    // Ended at the first space, so none inside: only fitsCharset's comma rule is left (`a, b` is a list).
    code.push(`if (line.charCodeAt(${e} - 1) === 44) ${x.no}`);
  } else if (spec.charset !== 'any' && !((spec.charset === 'list' || spec.charset === 'words') && firstSpace)) {
    // A list or user name ended at its first space has no blank in it, which fits either.
    code.push(`if (!h.fits(${js(spec.charset)}, line, ${s}, ${e})) ${x.no}`);
  }
  switch (spec.kind) {
    case 'status':
      code.push(`if (${e} - ${s} === 3 ? !(${digitAt(s)} && ${digitAt(`${s} + 1`)} && ${digitAt(`${s} + 2`)}) : !${dash}) ${x.no}`);
      break;
    case 'int':
      code.push(`if (!h.isDigitRun(line, ${s}, ${e}) && !${dash}) ${x.no}`);
      break;
    case 'duration': {
      const shape = spec.decimals === undefined ? `h.isDecimal(line, ${s}, ${e})` : `h.hasDecimals(line, ${s}, ${e}, ${js(spec.decimals)})`;
      code.push(`if (!${dash} && !${shape}) ${x.no}`);
      break;
    }
    case 'extra':
      if (spec.unquoted === true) code.push(`if (line.charCodeAt(${s}) === 34) ${x.no}`);
      break;
    case 'clf-time':
      // Bracketed, it is 26 wide (see locateCode); unbracketed, it is left to the general matcher.
      if (format.wraps[i] !== '[') code.push(x.unsure);
      // A probe may have read it as a bare `-`, which the general matcher takes for no time.
      else if (x.no !== x.unsure) code.push(`if (!${dash}) {`, ...clfTimeCode(s, x.unsure), '}');
      else code.push(...clfTimeCode(s, x.unsure));
      break;
    case 'iso-time':
      code.push(`if (!${dash}) {`, `t = h.iso(line, ${s}, ${e});`, `if (t !== t) ${x.no}`, '}');
      break;
    case 'epoch-time':
      code.push(
        `if (!h.isDecimal(line, ${s}, ${e})) ${x.no}`,
        `t = Math.round(Number(line.slice(${s}, ${e})) * ${js(spec.toMs ?? 1000)});`,
      );
      break;
  }
  return code;
}

/** The statement writing field i into `out`: a status inline, anything else through its writer. */
/** `target`: the variable of the record the value goes into. */
function writeCode(spec: FieldSpec, i: number, target = 'out'): string {
  const s = `s${i}`;
  const e = `e${i}`;
  if (spec.kind === 'status') {
    // Three digits checked: 48 * 111 takes the char codes to the number.
    const value = `line.charCodeAt(${s}) * 100 + line.charCodeAt(${s} + 1) * 10 + line.charCodeAt(${s} + 2) - 5328`;
    return `if (${e} - ${s} === 3) out[${js(spec.target)}] = ${value};`;
  }
  return `h.writers[${i}](line, ${s}, ${e}, ${target});`;
}

/** Whether a layout's lines can be read in one pass: not with a time in parts or two fields with nothing between them. */
function coverable(format: CompiledAccessFormat): boolean {
  const n = format.fields.length;
  if (format.fields.some((f) => f.kind === 'time-parts')) return false;
  // A value followed by an empty literal ends wherever the next begins: only the last may.
  return !format.literals.slice(1, n).some((literal, i) => literal === '' && format.wraps[i] === undefined);
}

/**
 * Statements reading a line of the common shape up to its values' positions (s_i, e_i) and time
 * `t`. Resumable (a probe): from field `from` at `p`, the fields before read by a sibling that
 * shares them; `q_i` keeps where field i began, for the probes a sibling's reader resumes.
 * In place (AccessReaderIn): the line is `line[start, end)`.
 */
function scanCode(format: CompiledAccessFormat, x: Exits, resumable: boolean, inPlace = false): string[] {
  const n = format.fields.length;
  const positions = format.fields.map((_, i) => `s${i} = 0, e${i} = 0, q${i} = 0`).join(', ');
  const lineStart = inPlace ? 'start' : '0';
  const begin = resumable ? '' : `p = ${lineStart}, maybe = false, `;
  const body = [
    `let ${begin}a = 0, c = 0, k = 0, v = 0, hh = 0, mm = 0, ss = 0, oh = 0, om = 0, t = NaN, other = ${n + 1}, q${n} = 0, ${positions};`,
    `let lineEnd = ${inPlace ? 'end' : 'line.length'};`,
  ];
  body.push(`while (lineEnd > ${lineStart} && ((c = line.charCodeAt(lineEnd - 1)) === 32 || c === 9)) lineEnd--;`);
  if (resumable) body.push('switch (from) {', 'case 0:');
  const first = format.literals[0]!;
  if (first !== '') body.push(`if (!line.startsWith(${js(first)}, p)) ${x.no}`, `p += ${first.length};`);
  for (let i = 0; i < n; i++) {
    if (resumable && i > 0) body.push(`case ${i}:`);
    body.push(`q${i} = p;`, ...locateCode(format, i, x));
    // Past the trimmed end, the general matcher may read the last value backwards: its call.
    body.push(`if (p > lineEnd) ${x.unsure}`, ...acceptCode(format, i, x));
  }
  if (resumable) body.push('}');
  body.push(`q${n} = p;`, `if (p !== lineEnd) ${x.no}`);
  // A `-` client means a shifted reading (see the general matcher): a guess. One resumed past was the sibling's to check.
  const client = format.fields.findIndex((f) => f.target === 'c-ip');
  const dash = `e${client} - s${client} === 1 && line.charCodeAt(s${client}) === 45`;
  if (client !== -1) body.push(`if (${resumable ? `from <= ${client} && ` : ''}${dash}) ${x.no}`);
  return body;
}

function helpersFor(localTime: LocalTime, writers: (Writer | undefined)[]): Helpers {
  return {
    fits: fitsCharset,
    listEnd,
    isDash,
    isDigitRun,
    isDecimal,
    hasDecimals,
    day: { dayMonth: -1, year: -1, ms: NaN },
    cacheDay,
    iso: (s, start, end) => parseIsoTime(s, start, end, localTime),
    writers,
  };
}

/** Which fields write a record value, and which of those only for errors. */
function writeStatements(format: CompiledAccessFormat, ctx: ParseContext, writers: (Writer | undefined)[]): string[] {
  const { wanted } = ctx;
  const errorOnly = ctx.errorOnly ?? new Set<string>();
  const sampledOnly = ctx.sampledOnly ?? new Set<string>();
  // Fields read for errors only (into the record, after the status), for sampled lines only (into
  // the sample record, the reader's `sample`), or both.
  const need = format.fields.map((spec, i) => {
    const keys = keysOf(spec).filter((k) => isWanted(k, wanted));
    const some = writers[i] !== undefined && spec.target !== 'sc-status' && keys.length > 0;
    if (!some || !keys.every((k) => errorOnly.has(k) || sampledOnly.has(k))) return undefined;
    return { errors: keys.some((k) => errorOnly.has(k)), sample: keys.some((k) => sampledOnly.has(k)) };
  });
  const body: string[] = [];
  format.fields.forEach((spec, i) => {
    if (writers[i] !== undefined && need[i] === undefined) body.push(writeCode(spec, i));
  });
  const errors = format.fields.flatMap((spec, i) => (need[i]?.errors ? [writeCode(spec, i)] : []));
  if (errors.length > 0) body.push(`if (!(out["sc-status"] < 400)) {`, ...errors, '}');
  const sampled = format.fields.flatMap((spec, i) => (need[i]?.sample ? [writeCode(spec, i, 'sample')] : []));
  if (sampled.length > 0) body.push('if (sample !== undefined) {', ...sampled, '}');
  body.push('if (t === t) out.timestamp = t;', 'return true;');
  return body;
}

/**
 * The fast reader of a layout, compiled into straight-line code (as the W3C reader is), or
 * undefined for a layout it does not cover (a time in parts, two fields with nothing between them).
 */
export function compileAccessReader(format: CompiledAccessFormat, ctx: ParseContext): AccessReader | undefined {
  const read = compileAccessReaderIn(format, ctx);
  return read && ((line, out, sample) => read(line, 0, line.length, out, sample));
}

/** compileAccessReader's reader of lines in place. */
export function compileAccessReaderIn(format: CompiledAccessFormat, ctx: ParseContext): AccessReaderIn | undefined {
  if (!coverable(format)) return undefined;
  const writers = format.fields.map((spec) => writerFor(spec, ctx.wanted));
  const body = [...scanCode(format, READER_EXITS, false, true), ...writeStatements(format, ctx, writers)];
  const factory = new Function('h', `return function readAccessLine(line, start, end, out, sample) {\n${body.join('\n')}\n};`);
  return factory(helpersFor(ctx.localTime, writers)) as AccessReaderIn;
}

/**
 * False when the general matcher (AccessLineMatcher) cannot read the line exactly: it fails, or
 * reads it only by guessing. True when it may (or surely does). Resumed at field `from` (at `p`,
 * `maybe` whether a field before has another end), the fields before are taken as a sibling
 * layout's reader read them, which the probe's layout shares.
 */
export type AccessProbe = (line: string, from?: number, p?: number, maybe?: boolean) => boolean;

/**
 * Statements that leave the probe with false when the line's end cannot be the layout's: read
 * backwards, its last literal, quoted values (in an exact reading a value holds no bare quote, so
 * it opens at the quote before its closing one) and blank-free values after a blank are where
 * every exact reading puts them. A line of a layout with more or fewer quoted fields at its end
 * fails here in a few comparisons; the first value that could end elsewhere stops the check.
 */
function tailCode(format: CompiledAccessFormat): string[] {
  const n = format.fields.length;
  const last = format.literals[n]!;
  const code = ['a = lineEnd;'];
  if (last !== '') code.push(`if (!line.endsWith(${js(last)}, a)) return false;`, `a -= ${last.length};`);
  for (let i = n - 1; i >= 0; i--) {
    const spec = format.fields[i]!;
    const before = format.literals[i]!;
    if (format.wraps[i] === '"') {
      // A value logged as a bare `-`; a backslash may escape a quote: then the forward scan decides.
      code.push('c = line.charCodeAt(a - 1);', 'if (c === 45) a -= 1;', 'else if (c !== 34) return false;', 'else {');
      code.push('if (line.charCodeAt(a - 2) === 92) return true;', "a = line.lastIndexOf('\"', a - 2);", 'if (a < 0) return false;');
      code.push('if (line.charCodeAt(a - 1) === 92) return true;', '}');
    } else if (format.wraps[i] === undefined && spec.charset === 'nospace' && before.endsWith(' ')) {
      code.push('k = line.lastIndexOf(" ", a - 1) + 1;');
      if (spec.kind === 'status') code.push('if (a - k === 3 ? !h.isDigitRun(line, k, a) : !h.isDash(line, k, a)) return false;');
      if (spec.kind === 'int') code.push('if (!h.isDigitRun(line, k, a) && !h.isDash(line, k, a)) return false;');
      code.push('a = k;');
    } else {
      return code;
    }
    if (i === 0) {
      code.push(`if (a !== ${before.length}) return false;`);
      if (before !== '') code.push(`if (!line.startsWith(${js(before)})) return false;`);
      return code;
    }
    if (before !== '') code.push(`if (!line.endsWith(${js(before)}, a)) return false;`, `a -= ${before.length};`);
  }
  return code;
}

/**
 * A layout's probe: its fast reader's scan, which on a line that is not of the common shape tells
 * whether the general matcher, trying the same ends first, has any other way to read it exactly.
 * Undefined where there is no fast reader.
 */
export function compileAccessProbe(format: CompiledAccessFormat, ctx: ParseContext): AccessProbe | undefined {
  if (!coverable(format)) return undefined;
  const scan = scanCode(format, PROBE_EXITS, true);
  // The tail check goes after the scan's declarations and lineEnd, before its fields.
  const fields = scan.indexOf('switch (from) {');
  // The first literal, or the opening of a first wrapped value, is the cheapest no (a sibling
  // resumed past it shares it).
  const first = format.literals[0]!;
  const open = format.wraps[0] === '"' ? 34 : format.wraps[0] === '[' ? 91 : undefined;
  const start =
    first !== ''
      ? [`if (from === 0 && !line.startsWith(${js(first)})) return false;`]
      : open !== undefined
        ? [`if (from === 0 && (c = line.charCodeAt(0)) !== ${open} && c !== 45) return false;`]
        : [];
  const body = [
    'from = from | 0; p = p | 0; maybe = maybe === true;',
    ...scan.slice(0, fields),
    ...start,
    ...tailCode(format),
    ...scan.slice(fields),
    'return true;',
  ];
  const factory = new Function('h', `return function probeAccessLine(line, from, p, maybe) {\n${body.join('\n')}\n};`);
  return factory(helpersFor(ctx.localTime, [])) as AccessProbe;
}

const probes = new WeakMap<CompiledAccessFormat, AccessProbe | null>();
/** Probes write no values, and a local time turns a time without zone into UTC, never into no time. */
const PROBE_CONTEXT: ParseContext = { file: '', wanted: new Set(), localTime: fixedOffset(0) };

/**
 * A layout's probe, compiled once per process for every parser of every file (a folder of small
 * files mixing common and combined lines would otherwise compile them again for each file).
 */
function sharedProbe(format: CompiledAccessFormat): AccessProbe | undefined {
  let probe = probes.get(format);
  if (probe === undefined) {
    probe = compileAccessProbe(format, PROBE_CONTEXT) ?? null;
    probes.set(format, probe);
  }
  return probe ?? undefined;
}

/** What the scan of field i depends on: two layouts with the same keys read those fields alike. */
function scanKey(format: CompiledAccessFormat, i: number): string {
  const f = format.fields[i]!;
  const last = i === format.fields.length - 1;
  return JSON.stringify([
    format.wraps[i] ?? '',
    f.kind,
    f.charset,
    f.decimals,
    f.unquoted,
    f.target === 'c-ip',
    format.literals[i + 1],
    last,
  ]);
}

/** How many leading fields two layouts read alike. */
function sharedFields(a: CompiledAccessFormat, b: CompiledAccessFormat): number {
  if (a.literals[0] !== b.literals[0]) return 0;
  let i = 0;
  while (i < a.fields.length && i < b.fields.length && scanKey(a, i) === scanKey(b, i)) i++;
  return i;
}

/**
 * The reader of `formats[index]` as a parser's sibling layout: it reads a line only when the
 * probes of every format before it prove that none of them reads the line exactly, as the general
 * order would otherwise give it to the first that does. Each probe resumes after the fields its
 * layout shares with the sibling (most layouts begin as common does), so a line is scanned about
 * once. Undefined when a layout involved has no fast reader.
 */
export function compileSiblingReader(formats: readonly CompiledAccessFormat[], index: number, ctx: ParseContext): AccessReader | undefined {
  const format = formats[index]!;
  const probes = formats.slice(0, index).map(sharedProbe);
  if (!coverable(format) || probes.some((probe) => probe === undefined)) return undefined;
  const writers = format.fields.map((spec) => writerFor(spec, ctx.wanted));
  const body = scanCode(format, SIBLING_EXITS, false);
  formats.slice(0, index).forEach((earlier, r) => {
    const from = sharedFields(earlier, format);
    body.push(`if (h.probes[${r}](line, ${from}, ${from === 0 ? 0 : `q${from}`}, other < ${from})) return false;`);
  });
  body.push(...writeStatements(format, ctx, writers));
  const factory = new Function('h', `return function readSiblingLine(line, out, sample) {\n${body.join('\n')}\n};`);
  return factory({ ...helpersFor(ctx.localTime, writers), probes }) as AccessReader;
}

/** A parse context's fast readers, compiled on demand, for AccessLogParser. */
export const fastAccessReaders = (ctx: ParseContext): FastAccessReaders => ({
  reader: (format) => compileAccessReaderIn(format, ctx),
  sibling: (formats, index) => compileSiblingReader(formats, index, ctx),
});
