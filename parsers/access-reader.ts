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
  MONTHS,
  parseIsoTime,
  type Writer,
  writerFor,
} from './access-log.js';
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
const digitsCode = (variable: string, at: string): string =>
  `c = line.charCodeAt(${at}) - 48; ${variable} = line.charCodeAt(${at} + 1) - 48; ` +
  `if (c < 0 || c > 9 || ${variable} < 0 || ${variable} > 9) return false; ${variable} += c * 10;`;

/**
 * Statements reading `10/Oct/2000:13:55:36 -0700` at line[s, s + 26) into `t` as parseClfTime
 * would, by fixed positions, the day from the cache. Other shapes (a fraction, no zone, a blank
 * for the colon) are the general matcher's.
 */
function clfTimeCode(s: string): string[] {
  const code = (offset: number) => `line.charCodeAt(${s} + ${offset})`;
  return [
    `if (${code(2)} !== 47 || ${code(6)} !== 47 || ${code(11)} !== 58 || ${code(14)} !== 58 || ${code(17)} !== 58 || ${code(20)} !== 32) return false;`,
    `k = (((${code(0)} * 128 + ${code(1)}) * 128 + ${code(3)}) * 128 + ${code(4)}) * 128 + ${code(5)};`,
    `v = ((${code(7)} * 128 + ${code(8)}) * 128 + ${code(9)}) * 128 + ${code(10)};`,
    `if ((k !== h.day.dayMonth || v !== h.day.year) && !h.cacheDay(line, ${s}, h.day, k, v)) return false;`,
    digitsCode('hh', `${s} + 12`),
    digitsCode('mm', `${s} + 15`),
    digitsCode('ss', `${s} + 18`),
    `if (hh > 23 || mm > 59 || ss > 60) return false;`,
    `k = ${code(21)};`,
    `if (k !== 43 && k !== 45) return false;`,
    digitsCode('oh', `${s} + 22`),
    digitsCode('om', `${s} + 24`),
    `t = h.day.ms + ((hh * 60 + mm) * 60 + ss) * 1000 - (k === 45 ? -1 : 1) * (oh * 60 + om) * 60000;`,
  ];
}

/** Reads a line into `out` when it has the layout's common shape; false (out untouched) otherwise. */
export type AccessReader = (line: string, out: LogRecord, inSample?: boolean) => boolean;

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
 * Statements that find field i's value at line[s_i, e_i) from `p` (its first candidate end, as the
 * general matcher tries first) and leave `p` after the literal that follows it; `return false` where
 * the general matcher must decide.
 */
function locateCode(format: CompiledAccessFormat, i: number): string[] {
  const spec = format.fields[i]!;
  const after = format.literals[i + 1]!;
  const s = `s${i}`;
  const e = `e${i}`;
  const code: string[] = [];
  const wrap = format.wraps[i];
  if (wrap === '"') {
    // The first quote ends the value; one after a backslash may be escaped: the general matcher's call.
    code.push(`if (line.charCodeAt(p) !== 34) return false;`, `${s} = p + 1;`, `${e} = line.indexOf('"', ${s});`);
    code.push(`if (${e} === -1 || line.charCodeAt(${e} - 1) === 92) return false;`, `p = ${e} + 1;`);
  } else if (wrap === '[') {
    code.push(`if (line.charCodeAt(p) !== 91) return false;`, `${s} = p + 1;`);
    // `[10/Oct/2000:13:55:36 -0700]` has a fixed width; a `-` or another shape goes to the general matcher.
    if (spec.kind === 'clf-time') code.push(`${e} = ${s} + ${CLF_WIDTH};`, `if (line.charCodeAt(${e}) !== 93) return false;`);
    else code.push(`${e} = line.indexOf(']', ${s});`, `if (${e} === -1) return false;`);
    code.push(`p = ${e} + 1;`);
  } else if (after === '' && i === format.fields.length - 1) {
    return [`${s} = p;`, `${e} = lineEnd;`, `p = lineEnd;`];
  } else {
    code.push(`${s} = p;`, `${e} = line.indexOf(${js(after)}, p);`, `if (${e} === -1) return false;`);
    if (spec.charset === 'list' && after === ' ') {
      // Not a space inside a list (`a, b`, `a : b`): then the general matcher's listEnd keeps this end.
      code.push(`c = line.charCodeAt(${e} - 1);`, `if (c === 44 || c === 58 || line.charCodeAt(${e} + 1) === 58) return false;`);
    } else if (spec.charset === 'list') {
      code.push(`${e} = h.listEnd(line, ${s}, ${e}, ${js(after)});`, `if (${e} === -1) return false;`);
    }
    return [...code, `p = ${e} + ${after.length};`];
  }
  if (after !== '') code.push(`if (!(${literalAt(after, 'p')})) return false;`, `p += ${after.length};`);
  return code;
}

/** Statements checking field i's value as the general matcher's `accept` does; the time into `t`. */
function acceptCode(format: CompiledAccessFormat, i: number): string[] {
  const spec = format.fields[i]!;
  const after = format.literals[i + 1]!;
  const s = `s${i}`;
  const e = `e${i}`;
  const dash = `h.isDash(line, ${s}, ${e})`;
  const code: string[] = [];
  const firstSpace = format.wraps[i] === undefined && after === ' ' && !(i === format.fields.length - 1);
  if (spec.charset === 'nospace' && firstSpace) {
    // Ended at the first space, so none inside: only fitsCharset's comma rule is left (`a, b` is a list).
    code.push(`if (line.charCodeAt(${e} - 1) === 44) return false;`);
  } else if (spec.charset !== 'any' && !(spec.charset === 'list' && firstSpace)) {
    code.push(`if (!h.fits(${js(spec.charset)}, line, ${s}, ${e})) return false;`);
  }
  switch (spec.kind) {
    case 'status':
      code.push(`if (${e} - ${s} === 3 ? !h.isDigitRun(line, ${s}, ${e}) : !${dash}) return false;`);
      break;
    case 'int':
      code.push(`if (!h.isDigitRun(line, ${s}, ${e}) && !${dash}) return false;`);
      break;
    case 'duration': {
      const shape = spec.decimals === undefined ? `h.isDecimal(line, ${s}, ${e})` : `h.hasDecimals(line, ${s}, ${e}, ${js(spec.decimals)})`;
      code.push(`if (!${dash} && !${shape}) return false;`);
      break;
    }
    case 'extra':
      if (spec.unquoted === true) code.push(`if (line.charCodeAt(${s}) === 34) return false;`);
      break;
    case 'clf-time':
      // Bracketed, it is 26 wide (see locateCode); unbracketed, it is left to the general matcher.
      code.push(format.wraps[i] === '[' ? clfTimeCode(s).join('\n') : 'return false;');
      break;
    case 'iso-time':
      code.push(`if (!${dash}) {`, `t = h.iso(line, ${s}, ${e});`, `if (t !== t) return false;`, '}');
      break;
    case 'epoch-time':
      code.push(
        `if (!h.isDecimal(line, ${s}, ${e})) return false;`,
        `t = Math.round(Number(line.slice(${s}, ${e})) * ${js(spec.toMs ?? 1000)});`,
      );
      break;
  }
  return code;
}

/** The statement writing field i into `out`: a status inline, anything else through its writer. */
function writeCode(spec: FieldSpec, i: number): string {
  const s = `s${i}`;
  const e = `e${i}`;
  if (spec.kind === 'status') {
    // Three digits checked: 48 * 111 takes the char codes to the number.
    const value = `line.charCodeAt(${s}) * 100 + line.charCodeAt(${s} + 1) * 10 + line.charCodeAt(${s} + 2) - 5328`;
    return `if (${e} - ${s} === 3) out[${js(spec.target)}] = ${value};`;
  }
  return `h.writers[${i}](line, ${s}, ${e}, out);`;
}

/**
 * The fast reader of a layout, compiled into straight-line code (as the W3C reader is), or
 * undefined for a layout it does not cover (a time in parts, two fields with nothing between them).
 */
export function compileAccessReader(format: CompiledAccessFormat, ctx: ParseContext): AccessReader | undefined {
  const n = format.fields.length;
  if (format.fields.some((f) => f.kind === 'time-parts')) return undefined;
  // A value followed by an empty literal ends wherever the next begins: only the last may.
  if (format.literals.slice(1, n).some((literal, i) => literal === '' && format.wraps[i] === undefined)) return undefined;
  const { wanted, localTime } = ctx;
  const errorOnly = ctx.errorOnly ?? new Set<string>();
  const sampledOnly = ctx.sampledOnly ?? new Set<string>();
  const writers = format.fields.map((spec) => writerFor(spec, wanted));
  // Fields read only for errors, only for sampled lines, or for either: after the status, as the W3C reader defers its columns.
  const condition = format.fields.map((spec, i) => {
    const keys = keysOf(spec).filter((k) => isWanted(k, wanted));
    if (writers[i] === undefined || spec.target === 'sc-status' || keys.length === 0) return undefined;
    const forErrors = keys.every((k) => errorOnly.has(k) || sampledOnly.has(k)) && keys.some((k) => errorOnly.has(k));
    const forSample = keys.every((k) => errorOnly.has(k) || sampledOnly.has(k)) && keys.some((k) => sampledOnly.has(k));
    if (forErrors && forSample) return `!(out["sc-status"] < 400) || inSample === true`;
    return forErrors ? `!(out["sc-status"] < 400)` : forSample ? 'inSample === true' : undefined;
  });
  const positions = format.fields.map((_, i) => `s${i} = 0, e${i} = 0`).join(', ');
  const body = [
    `let p = 0, c = 0, k = 0, v = 0, hh = 0, mm = 0, ss = 0, oh = 0, om = 0, t = NaN, ${positions};`,
    'let lineEnd = line.length;',
  ];
  body.push('while (lineEnd > 0 && ((c = line.charCodeAt(lineEnd - 1)) === 32 || c === 9)) lineEnd--;');
  const first = format.literals[0]!;
  if (first !== '') body.push(`if (!line.startsWith(${js(first)})) return false;`, `p = ${first.length};`);
  for (let i = 0; i < n; i++) body.push(...locateCode(format, i), 'if (p > lineEnd) return false;', ...acceptCode(format, i));
  body.push('if (p !== lineEnd) return false;');
  // A `-` client means a shifted reading (see the general matcher): its call.
  const client = format.fields.findIndex((f) => f.target === 'c-ip');
  if (client !== -1) body.push(`if (h.isDash(line, s${client}, e${client})) return false;`);
  format.fields.forEach((spec, i) => {
    if (writers[i] !== undefined && condition[i] === undefined) body.push(writeCode(spec, i));
  });
  for (const when of new Set(condition.filter((c) => c !== undefined))) {
    const reads = format.fields.flatMap((spec, i) => (condition[i] === when ? [writeCode(spec, i)] : []));
    body.push(`if (${when}) {`, ...reads, '}');
  }
  body.push('if (t === t) out.timestamp = t;', 'return true;');
  const helpers: Helpers = {
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
  const factory = new Function('h', `return function readAccessLine(line, out, inSample) {\n${body.join('\n')}\n};`);
  return factory(helpers) as AccessReader;
}
