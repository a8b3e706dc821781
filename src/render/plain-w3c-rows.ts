/**
 * Export rows (CSV, NDJSON) written straight from the bytes of W3C lines, with no text decoded, no
 * record, no string per value and no second encoding pass. For each `#Fields` layout (and column
 * list) one function is compiled: it finds the line's values, copies each one's bytes into the row
 * buffer when the value needs nothing done to it, and gives up on the line (false) at the first
 * value that needs more: a control or non-ASCII character, a formula start, a quote in a CSV cell,
 * a number with a leading zero, an invalid status or time... The scanner then reads that line as
 * before, through the parser and record-writer.ts, so the output is byte for byte what the record
 * path writes. Only the simplest escapes are done here (quotes around a CSV cell with a comma, a
 * backslash before `"` and `\` in JSON); every other one stays with sanitize.ts.
 *
 * What a plain value becomes, as the record path gives it: `-` or nothing is no value; numbers
 * are their digits; `+` in user agents, referers and cookies is a space; a CSV cell with a comma
 * is quoted, a JSON string has `"` and `\` escaped; date and time become one ISO-8601 timestamp.
 */
import { parseClockTime, parseIsoDate, toIso } from '../../parsers/time.js';
import type { LineParser } from '../../parsers/types.js';
import { W3cParser, type CompiledFields, type FieldReader } from '../../parsers/w3c.js';
import type { PlainRowSink } from '../scan/scan.js';
import { csvCell, jsonString, type RowBuffer } from './record-writer.js';

export interface PlainRowsEncoding {
  format: 'csv' | 'ndjson';
  /** CSV columns. */
  columns: readonly string[];
}

/** One compiled layout: writes the row of line `bytes[start, end)` and returns true, or writes nothing and returns false. */
type PlainRow = (bytes: Buffer, start: number, end: number, headerDayMs: number, lineNo: number) => boolean;

/** Decimal digits a plain number may have: more could lose precision or leave the safe integers. */
const MAX_NUMBER_DIGITS = 15;
/** time-taken over 1e12 ms is rejected (out-of-range.ts): 12 digits stay under it. */
const MAX_DURATION_DIGITS = 12;
/** The furthest a Date reaches either side of 1970 (out-of-range.ts). */
const MAX_TIME_MS = 8.64e15;
/** Bytes of an ISO timestamp with milliseconds, `2024-03-01T00:00:01.250Z`, with room to spare. */
const TIME_BYTES = 32;

/** Record keys the record path treats specially (they would be overwritten, reordered or clash with file and line). */
const SPECIAL_KEYS = new Set(['timestamp', 'file', 'line', '__proto__']);

export class PlainW3cRows implements PlainRowSink {
  timestamp: number | undefined;
  /** Compiled rows per layout; null for a layout this writer leaves to the record path. */
  private readonly compiled = new Map<CompiledFields, PlainRow | null>();
  private lastLayout: CompiledFields | undefined;
  private lastRow: PlainRow | null = null;
  private file: string | undefined;
  /** The file's cell (CSV) or JSON string (NDJSON), as UTF-8. */
  fileBytes: Uint8Array = new Uint8Array(0);
  private readonly time = new IsoTimeBytes();
  private readonly clock = new ClockReader();

  constructor(
    readonly rows: RowBuffer,
    private readonly encoding: PlainRowsEncoding,
    /** Columns some record had a value for (CSV), as csvEncoder collects them. */
    private readonly seen: Set<string>,
    /** Lines of the file before the bytes read (a range of it): added to each line number. */
    public lineOffset = 0,
  ) {}

  takes(parser: LineParser): boolean {
    return parser instanceof W3cParser;
  }

  write(bytes: Buffer, start: number, end: number, parser: LineParser, file: string, lineNo: number): boolean {
    const layout = (parser as W3cParser).plainLayout();
    if (layout === undefined) return false;
    if (layout !== this.lastLayout) {
      this.lastLayout = layout;
      this.lastRow = this.rowFor(layout);
    }
    if (this.lastRow === null) return false;
    if (file !== this.file) {
      this.file = file;
      this.fileBytes = Buffer.from(this.encoding.format === 'csv' ? csvCell(file) : jsonString(file));
    }
    return this.lastRow(bytes, start, end, (parser as W3cParser).state.headerDayMs, lineNo + this.lineOffset);
  }

  private rowFor(layout: CompiledFields): PlainRow | null {
    let row = this.compiled.get(layout);
    if (row === undefined) {
      const plan = planOf(layout.readers, this.encoding.format);
      row = plan === undefined ? null : compileRow(plan, this.encoding, this, this.time, this.clock, this.seen);
      this.compiled.set(layout, row);
    }
    return row;
  }
}

/** Which column holds what: the first column of each record key, and the date and time columns. */
interface LayoutPlan {
  columns: number;
  /** Record key → column, in column order (a record's fields are in this order). */
  keyed: Map<string, { column: number; kind: FieldReader['kind'] }>;
  date: number;
  time: number;
  /** Columns whose value can reject the line (statuses), each read whether written or not. */
  checked: number[];
}

/** The layout's plan, or undefined when its lines need more than copying (proxy statuses, clashing or special keys). */
function planOf(readers: readonly (FieldReader | undefined)[], format: 'csv' | 'ndjson'): LayoutPlan | undefined {
  const plan: LayoutPlan = { columns: readers.length, keyed: new Map(), date: -1, time: -1, checked: [] };
  if (readers.length === 0) return undefined;
  for (const [column, reader] of readers.entries()) {
    if (reader === undefined) continue;
    const { kind, name } = reader;
    if (kind === 'proxy-status') return undefined;
    if (kind === 'date' || kind === 'time') {
      // Two date or time columns (date and date-local): the record path keeps the last; leave them to it.
      if (plan[kind] !== -1) return undefined;
      plan[kind] = column;
      continue;
    }
    // Two columns for one key (cs(Referer) and cs(Referrer)): the later one overwrites.
    if (plan.keyed.has(name) || SPECIAL_KEYS.has(name)) return undefined;
    // JSON puts keys that look like array indexes first: the record path orders them.
    if (format === 'ndjson' && /^[0-9]/.test(name)) return undefined;
    plan.keyed.set(name, { column, kind });
    if (kind === 'status') plan.checked.push(column);
  }
  return plan;
}

/** Statements writing constant bytes. */
function putBytes(bytes: Uint8Array): string {
  return [...bytes].map((b) => `out[pos++] = ${b};`).join(' ');
}

/** Whether the value at [s, e) is no value: `-` or nothing. */
const absent = (c: number): string => `(e${c} === s${c} || (e${c} - s${c} === 1 && b[s${c}] === 45))`;

/** Statements writing column `c`'s value, or giving up on the line. */
function valueCode(c: number, kind: FieldReader['kind'], format: 'csv' | 'ndjson'): string {
  const fail = 'if (pos < 0) return false;';
  switch (kind) {
    case 'status':
      // Checked already: three digits, 100 or more.
      return `out[pos++] = b[s${c}]; out[pos++] = b[s${c} + 1]; out[pos++] = b[s${c} + 2];`;
    case 'number':
      return `pos = uintText(b, s${c}, e${c}, out, pos, ${MAX_NUMBER_DIGITS}); ${fail}`;
    case 'duration':
      return `pos = uintText(b, s${c}, e${c}, out, pos, ${MAX_DURATION_DIGITS}); ${fail}`;
    case 'plus':
      return `pos = ${format === 'csv' ? 'csvPlus' : 'jsonPlus'}(b, s${c}, e${c}, out, pos); ${fail}`;
    default:
      return `pos = ${format === 'csv' ? 'csvText' : 'jsonText'}(b, s${c}, e${c}, out, pos); ${fail}`;
  }
}

/** Whether column c is present in the row: a status of `-` is as absent as any other value. */
function presence(c: number, kind: FieldReader['kind']): string {
  return kind === 'status' ? `status${c} >= 0` : `!${absent(c)}`;
}

function compileRow(
  plan: LayoutPlan,
  encoding: PlainRowsEncoding,
  writer: PlainW3cRows,
  time: IsoTimeBytes,
  clock: ClockReader,
  seen: Set<string>,
): PlainRow {
  const hasTime = plan.time >= 0;
  const output = encoding.format === 'csv' ? csvRowCode(plan, encoding.columns, hasTime) : ndjsonRowCode(plan, hasTime);
  const reserve = `const out = writer.rows.reserve((end - start) * ${output.valueCopies} + ${output.fixedBytes} + writer.fileBytes.length * ${output.fileCopies});`;
  const body =
    encoding.format === 'ndjson' && timeFirst(plan)
      ? inOneWalk(plan, hasTime, reserve)
      : [...spansThenRow(plan, hasTime, reserve), ...output.statements];
  body.push('writer.rows.commit(pos);', `writer.timestamp = ${hasTime ? 'ts' : 'undefined'};`);
  if (output.seen.length > 0) {
    // Columns some record had a value for, as csvEncoder notes them: checked until each was seen once.
    body.push('if (unseen !== 0) {');
    for (const { index, name, present } of output.seen)
      body.push(`if (!seenAt[${index}] && ${present}) { seenAt[${index}] = true; seen.add(${JSON.stringify(name)}); unseen--; }`);
    body.push('}');
  }
  body.push('return true;');
  const source = `const { statusOf, uintText, csvText, csvPlus, jsonText, jsonPlus, putUint, putAll } = helpers;
const seenAt = [];
let unseen = ${output.seen.length};
return function plainW3cRow(b, start, end, headerDayMs, lineNo) {
${body.join('\n')}
};`;
  let factory = ROW_FACTORIES.get(source);
  if (factory === undefined) {
    if (ROW_FACTORIES.size >= CACHED_FACTORIES) ROW_FACTORIES.clear();
    factory = new Function('writer', 'time', 'clock', 'seen', 'helpers', source) as RowFactory;
    ROW_FACTORIES.set(source, factory);
  }
  return factory(writer, time, clock, seen, HELPERS);
}

type RowFactory = (writer: PlainW3cRows, time: IsoTimeBytes, clock: ClockReader, seen: Set<string>, helpers: typeof HELPERS) => PlainRow;

/**
 * Compiled rows by their code, for the process (a worker thread encodes many ranges of a file,
 * each with a writer of its own): the rows of one factory share V8's optimised code, where a
 * fresh `new Function` per range would start cold each time.
 */
const ROW_FACTORIES = new Map<string, RowFactory>();
const CACHED_FACTORIES = 64;

/** Statements reading the record's time from the date and time values found, or giving up on the line. */
function timeCode(plan: LayoutPlan, hasTime: boolean): string[] {
  const code: string[] = [];
  if (plan.date >= 0) code.push(`const day = clock.day(b, s${plan.date}, e${plan.date}); if (day !== day) return false;`);
  else if (hasTime) code.push('const day = headerDayMs; if (day !== day) return false;');
  if (hasTime) {
    code.push(`const ms = clock.time(b, s${plan.time}, e${plan.time}); if (ms !== ms) return false;`);
    code.push(`const ts = day + ms; if (!(ts >= -${MAX_TIME_MS} && ts <= ${MAX_TIME_MS})) return false;`);
  }
  return code;
}

/** Statements finding the end `e` of the value starting at `p`, and checking what follows it: a space, or the line's end for the last. */
function valueEnd(c: number, last: number): string {
  return `e = p; while (e < end && b[e] !== 32) e++; ${c === last ? 'if (e !== end) return false;' : 'if (e === end) return false;'}`;
}

/**
 * The values found first, split at each space as the compiled reader of w3c.ts splits the line's
 * text, their time read and statuses checked, then room reserved for the row.
 */
function spansThenRow(plan: LayoutPlan, hasTime: boolean, reserve: string): string[] {
  const used = new Set<number>([...plan.keyed.values()].map((k) => k.column));
  if (plan.date >= 0) used.add(plan.date);
  if (plan.time >= 0) used.add(plan.time);
  const last = plan.columns - 1;
  const body: string[] = ['let p = start, e = start;'];
  for (let c = 0; c <= last; c++) {
    body.push(valueEnd(c, last));
    if (used.has(c)) body.push(`const s${c} = p, e${c} = e;`);
    if (c !== last) body.push('p = e + 1;');
  }
  body.push(...timeCode(plan, hasTime));
  for (const c of plan.checked) body.push(`const status${c} = statusOf(b, s${c}, e${c}); if (status${c} === -2) return false;`);
  body.push(reserve, 'let pos = writer.rows.end;');
  return body;
}

/** Whether the date and time come before every field: NDJSON then writes the fields in one walk over the line. */
function timeFirst(plan: LayoutPlan): boolean {
  const firstField = Math.min(...[...plan.keyed.values()].map((k) => k.column));
  return plan.date < firstField && plan.time < firstField;
}

/**
 * NDJSON in one walk over the line: the date and time first, then each field written as its value
 * is found, a text value copied (and checked) as it is scanned for the space that ends it. Fields
 * come in column order in NDJSON, so nothing is read twice.
 */
function inOneWalk(plan: LayoutPlan, hasTime: boolean, reserve: string): string[] {
  const last = plan.columns - 1;
  const fieldsFrom = Math.max(plan.date, plan.time) + 1;
  const body: string[] = ['let p = start, e = start;'];
  for (let c = 0; c < fieldsFrom; c++) {
    body.push(valueEnd(c, last));
    if (c === plan.date || c === plan.time) body.push(`const s${c} = p, e${c} = e;`);
    if (c !== last) body.push('p = e + 1;');
  }
  body.push(...timeCode(plan, hasTime), reserve, 'let pos = writer.rows.end;', 'out[pos++] = 123;', `let any = ${hasTime};`);
  if (hasTime)
    body.push(putBytes(Buffer.from('"timestamp":"')), 'pos = time.put(out, pos, ts); if (pos < 0) return false;', 'out[pos++] = 34;');
  const fields = new Map([...plan.keyed].map(([name, field]) => [field.column, { name, kind: field.kind }]));
  for (let c = fieldsFrom; c <= last; c++) {
    const field = fields.get(c);
    const next = c === last ? 'if (e !== end) return false;' : 'if (e === end) return false; p = e + 1;';
    if (field === undefined) {
      body.push(valueEnd(c, last), c === last ? '' : 'p = e + 1;');
      continue;
    }
    const key = putBytes(Buffer.from(`${jsonString(field.name)}:`));
    if (field.kind === 'string' || field.kind === 'plus') {
      const byte = field.kind === 'plus' ? '(x === 43 ? 32 : x)' : 'x';
      // `-` or nothing is no value; a value in quotes is unquoted by the parser: the record path's.
      body.push(
        'e = p;',
        'if (e < end && b[e] !== 32 && !(b[e] === 45 && (e + 1 === end || b[e + 1] === 32))) {',
        `if (b[e] === 34) return false; if (any) out[pos++] = 44; any = true; ${key} out[pos++] = 34;`,
        `for (; e < end; e++) { const x = b[e]; if (x === 32) break; if (x < 0x20 || x > 0x7e) return false; if (x === 0x22 || x === 0x5c) out[pos++] = 0x5c; out[pos++] = ${byte}; }`,
        'out[pos++] = 34;',
        '} else if (e < end && b[e] === 45) e++;',
        next,
      );
      continue;
    }
    body.push(valueEnd(c, last), `const s${c} = p, e${c} = e;`);
    if (field.kind === 'status') body.push(`const status${c} = statusOf(b, s${c}, e${c}); if (status${c} === -2) return false;`);
    body.push(`if (${presence(c, field.kind)}) { if (any) out[pos++] = 44; any = true; ${key} ${valueCode(c, field.kind, 'ndjson')} }`);
    if (c !== last) body.push('p = e + 1;');
  }
  body.push(...ndjsonTail());
  return body;
}

/** The end of every NDJSON row: the file and line every record carries, then `}` and the newline. */
function ndjsonTail(): string[] {
  return [
    'if (any) out[pos++] = 44;',
    putBytes(Buffer.from('"file":')),
    'pos = putAll(out, pos, writer.fileBytes);',
    putBytes(Buffer.from(',"line":')),
    'pos = putUint(out, pos, lineNo);',
    'out[pos++] = 125; out[pos++] = 10;',
  ];
}

interface RowCode {
  statements: string[];
  /** The most times one value of the line is written. */
  valueCopies: number;
  /** Bytes written besides the line's values and the file: separators, quotes, keys, time, line number. */
  fixedBytes: number;
  fileCopies: number;
  /** Columns to note as seen (CSV): index among the columns, name, and the test of a value. */
  seen: { index: number; name: string; present: string }[];
}

function csvRowCode(plan: LayoutPlan, columns: readonly string[], hasTime: boolean): RowCode {
  const code: RowCode = { statements: [], valueCopies: 0, fixedBytes: 2, fileCopies: 0, seen: [] };
  const copies = new Map<number, number>();
  columns.forEach((column, index) => {
    // A comma before, and quotes around a value with a comma in it.
    code.fixedBytes += 3;
    if (index > 0) code.statements.push('out[pos++] = 44;');
    if (column === 'line') {
      code.fixedBytes += 20;
      code.statements.push('pos = putUint(out, pos, lineNo);');
    } else if (column === 'file') {
      code.fileCopies++;
      code.statements.push('pos = putAll(out, pos, writer.fileBytes);');
    } else if (column === 'timestamp') {
      if (!hasTime) return;
      code.fixedBytes += TIME_BYTES;
      code.statements.push('pos = time.put(out, pos, ts); if (pos < 0) return false;');
      code.seen.push({ index, name: column, present: 'true' });
    } else {
      const source = plan.keyed.get(column);
      if (source === undefined) return;
      const c = source.column;
      copies.set(c, (copies.get(c) ?? 0) + 1);
      const present = presence(c, source.kind);
      code.statements.push(`if (${present}) { ${valueCode(c, source.kind, 'csv')} }`);
      code.seen.push({ index, name: column, present });
    }
  });
  code.statements.push('out[pos++] = 13; out[pos++] = 10;');
  code.valueCopies = Math.max(1, ...copies.values());
  return code;
}

function ndjsonRowCode(plan: LayoutPlan, hasTime: boolean): RowCode {
  // An escaped value takes up to twice its bytes.
  const code: RowCode = { statements: ['out[pos++] = 123;'], valueCopies: 2, fixedBytes: 64, fileCopies: 1, seen: [] };
  // Whether something was written since `{`: a comma goes before the next. Known when there is a time.
  code.statements.push(`let any = ${hasTime};`);
  if (hasTime) {
    const head = Buffer.from('"timestamp":"');
    code.fixedBytes += head.length + TIME_BYTES + 1;
    code.statements.push(putBytes(head), 'pos = time.put(out, pos, ts); if (pos < 0) return false;', 'out[pos++] = 34;');
  }
  for (const [name, { column: c, kind }] of plan.keyed) {
    const key = Buffer.from(`${jsonString(name)}:`);
    // A comma, the key, and quotes around a string.
    code.fixedBytes += key.length + 3;
    code.statements.push(
      `if (${presence(c, kind)}) { if (any) out[pos++] = 44; any = true; ${putBytes(key)} ${valueCode(c, kind, 'ndjson')} }`,
    );
  }
  code.statements.push(...ndjsonTail());
  return code;
}

/** Digits of a number as the record path writes it (no sign, no leading zero, not too long); -1 otherwise. */
function uintText(b: Uint8Array, s: number, e: number, out: Uint8Array, pos: number, maxDigits: number): number {
  const n = e - s;
  if (n > maxDigits || (n > 1 && b[s]! === 48)) return -1;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c < 48 || c > 57) return -1;
    out[pos++] = c;
  }
  return pos;
}

/**
 * A CSV cell as csvField gives it for printable ASCII: as is, or quoted when it holds a comma; -1
 * for a quote, a control or non-ASCII character, or a formula start (= + - @).
 */
function csvText(b: Uint8Array, s: number, e: number, out: Uint8Array, pos: number): number {
  const first = b[s]!;
  if (first === 61 || first === 43 || first === 45 || first === 64) return -1;
  const start = pos;
  let comma = false;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c < 0x20 || c > 0x7e || c === 0x22) return -1;
    if (c === 0x2c) comma = true;
    out[pos++] = c;
  }
  return comma ? quoteCell(out, start, pos) : pos;
}

/** csvText of the value with `+` read as a space (a `+` start is then a space, not a formula). */
function csvPlus(b: Uint8Array, s: number, e: number, out: Uint8Array, pos: number): number {
  const first = b[s]!;
  if (first === 61 || first === 45 || first === 64) return -1;
  const start = pos;
  let comma = false;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c < 0x20 || c > 0x7e || c === 0x22) return -1;
    if (c === 0x2c) comma = true;
    out[pos++] = c === 0x2b ? 0x20 : c;
  }
  return comma ? quoteCell(out, start, pos) : pos;
}

/** Puts the cell written at [start, end) in quotes (it has no quote to double). */
function quoteCell(out: Uint8Array, start: number, end: number): number {
  out.copyWithin(start + 1, start, end);
  out[start] = 0x22;
  out[end + 1] = 0x22;
  return end + 2;
}

/**
 * A JSON string of printable ASCII as safeJson writes it (`"` and `\` escaped with a backslash);
 * -1 for anything else, and for a value in quotes, which the parser unquotes.
 */
function jsonText(b: Uint8Array, s: number, e: number, out: Uint8Array, pos: number): number {
  if (b[s] === 0x22) return -1;
  out[pos++] = 0x22;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c < 0x20 || c > 0x7e) return -1;
    if (c === 0x22 || c === 0x5c) out[pos++] = 0x5c;
    out[pos++] = c;
  }
  out[pos++] = 0x22;
  return pos;
}

/** jsonText of the value with `+` read as a space. */
function jsonPlus(b: Uint8Array, s: number, e: number, out: Uint8Array, pos: number): number {
  if (b[s] === 0x22) return -1;
  out[pos++] = 0x22;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c < 0x20 || c > 0x7e) return -1;
    if (c === 0x22 || c === 0x5c) out[pos++] = 0x5c;
    out[pos++] = c === 0x2b ? 0x20 : c;
  }
  out[pos++] = 0x22;
  return pos;
}

/** A line number's digits. */
function putUint(out: Uint8Array, pos: number, value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  let at = pos + digits;
  for (let rest = value; at > pos; rest = Math.floor(rest / 10)) out[--at] = 48 + (rest % 10);
  return pos + digits;
}

function putAll(out: Uint8Array, pos: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) out[pos++] = bytes[i]!;
  return pos;
}

/** readStatus (w3c.ts) of bytes: the status, -1 for `-`, -2 for anything that rejects the line. */
function statusOf(b: Uint8Array, s: number, e: number): number {
  if (e - s === 1 && b[s] === 45) return -1;
  if (e - s !== 3) return -2;
  const d0 = b[s]! - 48;
  const d1 = b[s + 1]! - 48;
  const d2 = b[s + 2]! - 48;
  if (d0 < 1 || d0 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -2;
  return d0 * 100 + d1 * 10 + d2;
}

const HELPERS = { statusOf, uintText, csvText, csvPlus, jsonText, jsonPlus, putUint, putAll };

/**
 * ISO-8601 text of a time as isoTimeCache (record-writer.ts) gives it, as bytes: the text of the
 * day (`2024-03-01T`) is kept, since a log's consecutive lines mostly share it, and the time of
 * day is written from its digits.
 */
class IsoTimeBytes {
  private day = Number.NaN;
  private readonly prefix = new Uint8Array(DAY_PREFIX_BYTES);
  /** Whether the day's text is `YYYY-MM-DDT`: years before 0 or after 9999 are written otherwise, and need escaping. */
  private plainDay = false;

  /** Writes the time at `pos`; -1 when its text is not the plain one. */
  put(out: Uint8Array, pos: number, ms: number): number {
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.day) this.setDay(day);
    if (!this.plainDay) return -1;
    for (let i = 0; i < DAY_PREFIX_BYTES; i++) out[pos++] = this.prefix[i]!;
    const inDay = ms - day * DAY_MS;
    pos = putTwo(out, pos, Math.floor(inDay / 3_600_000));
    out[pos++] = 0x3a;
    pos = putTwo(out, pos, Math.floor(inDay / 60_000) % 60);
    out[pos++] = 0x3a;
    pos = putTwo(out, pos, Math.floor(inDay / 1000) % 60);
    const fraction = inDay % 1000;
    if (fraction !== 0) {
      out[pos++] = 0x2e;
      out[pos++] = 48 + Math.floor(fraction / 100);
      out[pos++] = 48 + (Math.floor(fraction / 10) % 10);
      out[pos++] = 48 + (fraction % 10);
    }
    out[pos++] = 0x5a;
    return pos;
  }

  private setDay(day: number): void {
    this.day = day;
    const text = toIso(day * DAY_MS);
    const first = text.charCodeAt(0);
    // '2024-03-01T00:00:00Z'
    this.plainDay = text.length === 20 && first >= 48 && first <= 57;
    for (let i = 0; i < DAY_PREFIX_BYTES; i++) this.prefix[i] = text.charCodeAt(i);
  }
}

const DAY_MS = 86_400_000;
const DAY_PREFIX_BYTES = 11;

function putTwo(out: Uint8Array, pos: number, value: number): number {
  out[pos] = 48 + Math.floor(value / 10);
  out[pos + 1] = 48 + (value % 10);
  return pos + 2;
}

/**
 * Dates and times of byte values, as parseIsoDate and parseClockTime (parsers/time.ts) read their
 * text: the last date's bytes are kept (a log's lines share a day), and `HH:MM:SS` is read in
 * place; any other time is read by parseClockTime itself.
 */
class ClockReader {
  private readonly lastDate = new Uint8Array(10);
  private lastDay = Number.NaN;

  /** UTC midnight of a `YYYY-MM-DD` value in ms; NaN when unreadable. */
  day(b: Uint8Array, s: number, e: number): number {
    if (e - s !== 10) return Number.NaN;
    const last = this.lastDate;
    let same = !Number.isNaN(this.lastDay);
    for (let i = 0; same && i < 10; i++) same = b[s + i] === last[i];
    if (same) return this.lastDay;
    const day = parseIsoDate(latin1(b, s, e), 0, 10);
    if (!Number.isNaN(day)) {
      for (let i = 0; i < 10; i++) last[i] = b[s + i]!;
      this.lastDay = day;
    }
    return day;
  }

  /** Milliseconds since midnight of a time value; NaN when unreadable. */
  time(b: Uint8Array, s: number, e: number): number {
    if (e - s !== 8) return parseClockTime(latin1(b, s, e), 0, e - s);
    if (b[s + 2] !== 58 || b[s + 5] !== 58) return Number.NaN;
    const hours = twoDigits(b, s);
    const minutes = twoDigits(b, s + 3);
    const seconds = twoDigits(b, s + 6);
    return hours < 24 && minutes < 60 && seconds < 61 ? hours * 3_600_000 + minutes * 60_000 + seconds * 1000 : Number.NaN;
  }
}

/** Two decimal digits; NaN when either is not a digit. */
function twoDigits(b: Uint8Array, s: number): number {
  const tens = b[s]! - 48;
  const ones = b[s + 1]! - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
}

/** Bytes as text, one character each: a value read as a date or time holds only ASCII when valid. */
const latin1 = (b: Uint8Array, s: number, e: number): string => Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('latin1');
