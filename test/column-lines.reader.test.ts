/**
 * The WebAssembly row reader (parsers/column-lines.wat) against the W3C parser itself: on any
 * bytes, every row it writes stands for the record the layout's compiled reader makes of that line
 * (status, sub-status, Win32 status, bytes, time taken, the key's text, the client's hash), and its
 * key ids name one key each, whether keys come as ids or as their place only. Lines it stops at are the parser's, so stopping is always safe; the
 * generated lines also check it does not stop at plain ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnLineReader, PLAN_KIND, ROW_SLOT, ROW_SLOTS, type ColumnLineReader } from '../parsers/column-lines.js';
import { compileFields } from '../parsers/w3c.js';
import type { LogRecord } from '../parsers/record.js';
import { HyperLogLog } from '../src/report/errors-distinct.js';
import { reportRowPlan, STATUS_SLOT, type ReportRowPlan } from '../src/report/report-rows.js';
import { runs } from './helpers/exhaustive.js';

const NEWLINE = 10;
/** What `report --by uri` reads (ReportBuilder.fields without the overview). */
const BY_URI = new Set(['sc-status', 'sc-substatus', 'sc-win32-status', 'cs-uri-stem', 'cs-uri', 'sc-bytes', 'c-ip', 'time-taken']);
const URI_KEY = ['cs-uri-stem', 'cs-uri'];

/** Whether a client's hash is hash32 of its text: both raise the same HyperLogLog register. */
function sameClient(text: string, hash: number): boolean {
  const byText = new HyperLogLog();
  byText.add(text);
  const byHash = new HyperLogLog();
  byHash.addHash(hash);
  return byText.toBase64() === byHash.toBase64();
}

/** The record the row at `at` stands for, in the record's terms, to compare with the parser's. */
function rowRecord(values: Float64Array, at: number, plan: ReportRowPlan, text: string): LogRecord {
  const record: LogRecord = { 'sc-status': values[at + STATUS_SLOT]! };
  const numbers: [string, number][] = [
    ['sc-substatus', plan.substatus],
    ['sc-win32-status', plan.win32],
    ['sc-bytes', plan.bytes],
    ['time-taken', plan.timeTaken],
  ];
  for (const [field, slot] of numbers) if (slot !== 0 && values[at + slot]! >= 0) record[field] = values[at + slot]!;
  if (plan.key) record['cs-uri-stem'] = text.slice(values[at + ROW_SLOT.keyStart]!, values[at + ROW_SLOT.keyEnd]!);
  return record;
}

/**
 * Reads `bytes` (whole lines) as emitRows does: rows, then the line it stopped at skipped, to the
 * end. Checks each row against the compiled reader's record of its line; returns the rows read.
 */
function readAndCheck(reader: ColumnLineReader, bytes: Buffer, names: readonly string[], ids: Map<string, string>, keyById = true): number {
  const fields = compileFields(names, { wanted: BY_URI });
  const plan = fields.columns && reportRowPlan(fields.columns, URI_KEY, keyById);
  if (plan === undefined) return 0;
  expect(reader.load(bytes, 0, bytes.length)).toBe(true);
  const text = bytes.toString('latin1');
  let rowsRead = 0;
  let epoch = reader.rows.epoch;
  for (let pos = 0; pos < bytes.length; ) {
    const stop = reader.read(pos, plan, 4096);
    const { values, count } = reader.rows;
    if (reader.rows.epoch !== epoch) {
      ids.clear();
      epoch = reader.rows.epoch;
    }
    for (let i = 0, at = 0; i < count; i++, at += ROW_SLOTS) {
      // The line as the splitter cuts it: to its newline, CRs before it dropped.
      const start = values[at + ROW_SLOT.lineStart]!;
      const line = text.slice(start, text.indexOf('\n', start)).replace(/\r+$/, '');
      expect(values[at + ROW_SLOT.lineEnd]).toBe(start + line.length);
      expect(Buffer.from(line, 'utf8').length, 'a row line is ASCII').toBe(line.length);
      const out: LogRecord = {};
      expect(fields.readSingleSpaced(line, out, { dayMs: Number.NaN, timeMs: Number.NaN }), line).toBe(1);
      const { 'c-ip': client, ...rest } = out;
      expect(rowRecord(values, at, plan, text), line).toEqual(rest);
      const hash = values[at + ROW_SLOT.clientHash]!;
      if (plan.client) expect(client === undefined ? hash === -1 : sameClient(client as string, hash), line).toBe(true);
      if (plan.keyById) {
        const id = String(values[at + ROW_SLOT.keyId]);
        const key = rest['cs-uri-stem'] as string;
        expect(ids.get(id) ?? key, `id ${id} names one key`).toBe(key);
        ids.set(id, key);
      }
    }
    rowsRead += count;
    pos = stop >= bytes.length || reader.rowsFull || reader.keysFull ? stop : bytes.indexOf(NEWLINE, stop) + 1;
  }
  return rowsRead;
}

const LAYOUT_NAMES = [
  'date',
  'time',
  'cs-method',
  'cs-uri-stem',
  'cs-uri-query',
  'c-ip',
  'cs(User-Agent)',
  'sc-status',
  'sc-substatus',
  'sc-win32-status',
  'sc-bytes',
  'time-taken',
];
/** Layouts with a status and (mostly) a URI stem, the group key: without either, the plan reads no rows. */
const layout = fc
  .tuple(fc.shuffledSubarray(LAYOUT_NAMES, { minLength: 1 }), fc.nat(7))
  .map(([names, odd]) => [...names, ...['sc-status', 'cs-uri-stem'].filter((n) => !names.includes(n) && (n === 'sc-status' || odd > 0))]);

const plainValue: Record<string, fc.Arbitrary<string>> = {
  'sc-status': fc.constantFrom('200', '304', '301', '404', '500', '503', '399', '599'),
  'sc-substatus': fc.constantFrom('0', '0', '2', '19', '-'),
  'sc-win32-status': fc.constantFrom('0', '0', '64', '1236', '2148074254', '-'),
  'sc-bytes': fc.constantFrom('512', '0', '123456789012345', '-'),
  'time-taken': fc.constantFrom('15', '0', '99999999999', '-'),
  'cs-uri-stem': fc.constantFrom('/', '/a', '/api/v2/items', '/Scripts/app.js', '/x.aspx', '/%E2%9C%93', '/a+b'),
  'c-ip': fc.constantFrom('10.0.0.1', '192.168.1.20', '2001:db8::1', 'fe80::1%4', '-'),
};
/** Values a real log has now and then, and hostile ones. */
const oddValue = fc.oneof(
  fc.constantFrom('', '-', '"', '"a', '#x', '600', '099', '1000', '20', '2x0', '4O4', '1234567890123456', '999999999999'),
  fc.constantFrom(
    '0.5',
    '-1',
    '+5',
    '\u00e9t\u00e9',
    '/caf\u00e9',
    'x\ty',
    'a\rb',
    '\u0000',
    '\uFEFF200',
    'x'.repeat(513),
    `/${'k'.repeat(511)}`,
  ),
  fc.string({ unit: fc.constantFrom('a', '1', '/', '\t', '\r', '"', '-', '#', '\u00e9', '\u0000'), maxLength: 12 }),
);
const valueFor = (name: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: plainValue[name] ?? fc.constantFrom('GET', '2024-05-01', '10:00:00', 'Mozilla/5.0+(X11)', 'q=1', '-') },
    { weight: 1, arbitrary: oddValue },
  );
/** A line of the layout: mostly its values, sometimes one more or one fewer, with any line end. */
const lineOf = (names: readonly string[]) =>
  fc
    .tuple(fc.tuple(...names.map(valueFor)), fc.nat(15), fc.constantFrom('\n', '\r\n', '\r\r\n'))
    .map(([values, odd, end]) => (odd === 0 ? [...values, '1'] : odd === 1 ? values.slice(1) : values).join(' ') + end);
const layoutAndPiece = layout.chain((names) =>
  fc.tuple(
    fc.constant(names),
    fc.array(
      fc.oneof({ weight: 12, arbitrary: lineOf(names) }, { weight: 1, arbitrary: fc.constantFrom('#Fields: x\n', '\n', ' 200\n') }),
      {
        minLength: 1,
        maxLength: 30,
      },
    ),
  ),
);

describe('ColumnLineReader', () => {
  it('writes rows only for lines the compiled reader reads whole, each the record it makes of them', () => {
    const reader = columnLineReader()!;
    const ids = new Map<string, string>();
    let rows = 0;
    fc.assert(
      fc.property(layoutAndPiece, fc.boolean(), ([names, lines], keyById) => {
        rows += readAndCheck(reader, Buffer.from(lines.join('')), names, ids, keyById);
      }),
      { numRuns: runs(1500, 15000) },
    );
    // The generated lines reach the rows, not only the stops.
    expect(rows).toBeGreaterThan(2000);
  });

  it('takes errors as rows only where their records need no more columns, and reads IIS lines whole', () => {
    const reader = columnLineReader()!;
    const lines = [
      '2024-03-01 00:00:01 10.0.0.1 GET /a - 443 - 192.0.2.1 Mozilla/5.0 - 200 0 0 15\r\n',
      '2024-03-01 00:00:02 10.0.0.1 GET /b - 443 - 192.0.2.2 Mozilla/5.0 - 404 0 2 9\r\n',
      '2024-03-01 00:00:03 10.0.0.1 GET /a - 443 - - Mozilla/5.0 - 500 19 13 1\r\n',
    ];
    const names =
      'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken'.split(
        ' ',
      );
    const bytes = Buffer.from(lines.join(''));
    const byUri = compileFields(names, { wanted: BY_URI }).columns!;
    expect(readAndCheck(reader, bytes, names, new Map())).toBe(3);
    // A report of codes reads the URI for errors only: an error is then the parser's.
    const codes = compileFields(names, {
      wanted: new Set(['sc-status', 'sc-substatus', 'sc-win32-status', 'cs-uri-stem']),
      errorOnly: new Set(['cs-uri-stem']),
    }).columns!;
    expect(codes.errorColumns).toBe(true);
    const plan = reportRowPlan(codes, undefined)!;
    expect(reader.load(bytes, 0, bytes.length)).toBe(true);
    expect(reader.read(0, plan, 4096)).toBe(lines[0]!.length);
    expect(reader.rows.count).toBe(1);
    const statusColumn = names.indexOf('sc-status');
    expect(reportRowPlan(byUri, URI_KEY)!.kinds[statusColumn]).toBe(PLAN_KIND.statusWithErrors);
    expect(plan.kinds[statusColumn]).toBe(PLAN_KIND.status);
  });

  it('starts a new epoch of key ids when its table is full, and fills its rows in turns', () => {
    const reader = columnLineReader()!;
    const names = ['cs-uri-stem', 'c-ip', 'sc-status', 'time-taken'];
    const lines = Array.from({ length: 40_000 }, (_, i) => `/item/${i} 10.0.${i % 256}.1 200 ${i % 97}\n`);
    const epoch = reader.rows.epoch;
    expect(readAndCheck(reader, Buffer.from(lines.slice(0, 2000).join('')), names, new Map())).toBe(2000);
    // 40,000 distinct keys are more than the table's 32,768: in pieces as the splitter loads them.
    const ids = new Map<string, string>();
    let rows = 0;
    // Pieces of 6,000 lines: more than the 4,096 rows its memory holds at a time.
    for (let i = 0; i < lines.length; i += 6000) rows += readAndCheck(reader, Buffer.from(lines.slice(i, i + 6000).join('')), names, ids);
    expect(rows).toBe(lines.length);
    expect(reader.rows.epoch).toBeGreaterThan(epoch);
  });

  it('refuses a piece larger than its memory, so the caller reads it as before', () => {
    const reader = columnLineReader()!;
    const big = Buffer.alloc(300 * 1024, 0x61);
    expect(reader.load(big, 0, big.length)).toBe(false);
  });
});
