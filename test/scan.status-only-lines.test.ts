/**
 * Lines passed over as status-only (ScanOptions.countStatusOnly) give exactly the report, line
 * counts, rejections and line numbers of reading every line: errors on any W3C-like bytes, cut
 * into chunks anywhere, with layouts changing mid-file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAggregator, type Aggregator } from '../src/analyse/aggregator.js';
import { ErrorsBuilder } from '../src/report/errors-builder.js';
import type { ErrorsReport } from '../src/report/errors-report.js';
import { memorySource } from '../src/sources/sources.js';
import { chunkedSource, cut } from './helpers/chunks.js';
import { runs } from './helpers/exhaustive.js';

/** Layouts, each with where its status is: the lines of a block are mostly of its shape. */
const LAYOUTS: readonly [string, number, number][] = [
  [
    'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
    15,
    11,
  ],
  ['date time cs-uri-stem c-ip time-taken sc-status', 6, 5],
  ['sc-status date time cs-uri-stem c-ip', 5, 0],
  ['date time cs-uri c-ip sc-status sc-substatus', 6, 4],
  ['date time s-sitename cs-method cs-uri-stem sc-status s-reason', 7, 5],
  ['date time c-ip cs-username s-ip cs-method cs-uri-stem sc-status sc-win32-status x-forwarded-for sc-status', 11, 7],
  ['date time s-ip cs-method cs-uri-stem x-ftp-status sc-status', 7, 6],
];

const status = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('200', '304', '399', '100', '400', '404', '500', '503') },
  { weight: 1, arbitrary: fc.constantFrom('099', '1000', '20', '-', '2x0', '', '\t200', '200\r', '２００', ' 200') },
  { weight: 2, arbitrary: fc.integer({ min: 100, max: 599 }).map(String) },
);
const text = fc.string({
  unit: fc.constantFrom('a', '/', '1', ' ', '\t', '"', '\r', '#', '+', 'é', '€', '\u0000', '\uFEFF'),
  maxLength: 20,
});
const plainValue = fc.oneof(fc.constantFrom('-', '0', '64', '/x', '10.0.0.1', 'GET'), fc.stringMatching(/^[a-z0-9/.]{1,12}$/));
const date = fc.constantFrom('2024-03-01', '2024-3-1', '-', '9999-99-99');
const time = fc.constantFrom('00:00:01', '23:59:59', '25:00:00', '-');

/** A data line of `columns` values, status at `statusAt`: mostly well formed, sometimes not. */
const dataLine = (columns: number, statusAt: number) =>
  fc
    .tuple(
      fc.array(fc.oneof({ weight: 60, arbitrary: plainValue }, { weight: 1, arbitrary: text }), { minLength: columns, maxLength: columns }),
      status,
      date,
      time,
      fc.nat(9),
    )
    .map(([values, code, d, t, extra]) => {
      const line = values.slice();
      line[statusAt === 0 ? 1 : 0] = d;
      line[statusAt <= 1 ? 2 : 1] = t;
      line[statusAt] = code;
      if (extra === 8) line.push('x');
      if (extra === 9) line.pop();
      return line.join(' ');
    });

const noise = fc.oneof(
  fc.constantFrom('#Date: 2024-03-01 00:00:00', '#Software: Microsoft Internet Information Services 10.0', '#Version: 1.0', '', ' ', '\t'),
  fc.constantFrom('\uFEFF2024-03-01 00:00:01 /a 1.1.1.1 5 200', '\u00002024-03-01 00:00:01 /a 1.1.1.1 5 200', '#Fields: x-a x-b'),
  text,
);
const ending = fc.constantFrom('\n', '\r\n', '\r\r\n');
/** A #Fields line and lines mostly of its shape. */
const block = fc
  .constantFrom(...LAYOUTS)
  .chain(([fields, columns, statusAt]) =>
    fc.tuple(
      fc.constant(`#Fields: ${fields}`),
      fc.array(fc.oneof({ weight: 20, arbitrary: dataLine(columns, statusAt) }, { weight: 1, arbitrary: noise }), {
        minLength: 10,
        maxLength: 40,
      }),
    ),
  )
  .map(([fields, lines]) => [fields, ...lines]);
const logBytes = fc.tuple(fc.array(block, { minLength: 1, maxLength: 4 }), ending, fc.boolean()).map(([blocks, end, cutTail]) => {
  const text = `#Software: Microsoft Internet Information Services 10.0${end}${blocks.flat().join(end)}${end}`;
  return Buffer.from(cutTail ? text.slice(0, -1) : text);
});

/** A report, or the error a file of no web log gives. */
const outcome = <T>(run: Promise<T>): Promise<T | { code: string; message: string }> =>
  run.catch((error: { code: string; message: string }) => ({ code: error.code, message: error.message }));

/** The same errors report, told to read every line (no addStatusOnly). */
function readingEveryLine(builder: ErrorsBuilder): Aggregator<ErrorsReport> {
  return {
    fields: builder.fields,
    errorFields: builder.errorFields,
    add: (record, file, line) => builder.add(record, file, line),
    finish: (input) => builder.finish(input),
  };
}

/** The errors report, counting how many lines were passed over. */
function countingPassedOver(builder: ErrorsBuilder, passed: { lines: number }): Aggregator<ErrorsReport> {
  const addStatusOnly = builder.addStatusOnly!;
  return {
    fields: builder.fields,
    errorFields: builder.errorFields,
    addStatusOnly: (records) => {
      passed.lines += records;
      addStatusOnly(records);
    },
    add: (record, file, line) => builder.add(record, file, line),
    finish: (input) => builder.finish(input),
  };
}

describe('status-only lines passed over', () => {
  it('give the report of reading every line, however the bytes are cut', async () => {
    const passed = { lines: 0 };
    await fc.assert(
      fc.asyncProperty(
        logBytes,
        fc.array(fc.nat(), { minLength: 2, maxLength: 16 }),
        fc.constantFrom(60, 120, 1 << 20),
        async (bytes, positions, maxLineBytes) => {
          const chunks = cut(bytes, positions);
          const read = await outcome(
            runAggregator([chunkedSource('u_ex.log', chunks)], readingEveryLine(new ErrorsBuilder()), { maxLineBytes }),
          );
          const skipped = await outcome(
            runAggregator([chunkedSource('u_ex.log', chunks)], countingPassedOver(new ErrorsBuilder(), passed), { maxLineBytes }),
          );
          expect(skipped).toEqual(read);
        },
      ),
      { numRuns: runs(300, 3000) },
    );
    expect(passed.lines).toBeGreaterThan(400);
  });

  it('pass over most lines of an IIS log, and count them as requests', async () => {
    const header = `#Software: Microsoft Internet Information Services 10.0\r\n#Fields: ${LAYOUTS[0]![0]}\r\n`;
    const ok = '2024-03-01 00:00:01 10.0.0.1 GET /ok - 443 - 203.0.113.9 Mozilla/5.0 - 200 0 0 12\r\n';
    const error = '2024-03-01 00:00:02 10.0.0.1 GET /gone - 443 - 203.0.113.9 Mozilla/5.0 - 404 0 2 3\r\n';
    const log = header + (ok.repeat(9) + error).repeat(500);
    const passed = { lines: 0 };
    const report = await runAggregator([memorySource('u_ex.log', log)], countingPassedOver(new ErrorsBuilder(), passed));
    // The first piece of text is read while the format is detected; the lines after it that are no errors are passed over.
    expect(passed.lines).toBeGreaterThan(3500);
    expect(passed.lines).toBeLessThanOrEqual(4500);
    expect(report.input).toMatchObject({ lines: 5002, records: 5000, directives: 2 });
    expect(report.requests).toEqual({ '': 5000 });
    expect(Object.values(report.groups).map((g) => [g.status, g.count])).toEqual([[404, 500]]);
  });

  it('are read as any line when the report has a time series or a filter', () => {
    expect(new ErrorsBuilder(60_000).addStatusOnly).toBeUndefined();
    expect(new ErrorsBuilder(0).addStatusOnly).toBeTypeOf('function');
  });
});
