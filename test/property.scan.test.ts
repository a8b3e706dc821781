/**
 * Properties of reading: where reads happen to cut the bytes never changes the report, and no
 * bytes at all make the library throw anything but a LogtallyError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalyseOptions } from '../src/index.js';
import { runs } from './helpers/exhaustive.js';
import { chunkedSource, cut } from './helpers/chunks.js';
import { analyse, isLogtallyError, type LogtallyError, memorySource } from '../src/index.js';

/** What bytes alone may be refused as: verdicts on the data, never a failed read. */
const DATA_VERDICTS = ['UNKNOWN_FORMAT', 'NOT_A_WEB_LOG', 'STRICT_REJECT'];

const HEADER =
  '#Software: Microsoft Internet Information Services 10.0\r\n#Fields: date time cs-method cs-uri-stem sc-status sc-substatus sc-win32-status cs(User-Agent)\r\n';
/** Small, so generated lines cross it: the too-long path must not depend on chunking either. */
const MAX_LINE_BYTES = 128;

const ending = fc.constantFrom('\n', '\r\n', '\r\r\n');
const text = fc.string({ unit: fc.constantFrom('a', '/', 'é', '€', '😀', '\u0000', '\r', '\uFEFF', ' ', '"', '\u001b'), maxLength: 30 });
const line = fc.oneof(
  fc
    .record({ uri: text, status: fc.integer({ min: 100, max: 599 }), sub: fc.nat(20) })
    .map(({ uri, status, sub }) => `2024-03-01 00:00:01 GET /${uri.replaceAll(' ', '')} ${status} ${sub} 0 ua`),
  text,
  fc.constant(''),
  fc.constant(HEADER.trimEnd()),
  // Around the limit in bytes, with far fewer characters than bytes.
  fc.constant('x'.repeat(MAX_LINE_BYTES + 1)),
  fc.constant('é'.repeat(MAX_LINE_BYTES / 2)),
  fc.constant('é'.repeat(MAX_LINE_BYTES / 2 + 1)),
  fc.constant('€'.repeat(MAX_LINE_BYTES / 3 + 1)),
);
const logBytes = fc
  .tuple(fc.array(fc.tuple(line, ending), { maxLength: 25 }), fc.boolean(), fc.uint8Array({ maxLength: 8 }))
  .map(([lines, bom, tail]) =>
    Buffer.concat([Buffer.from(`${bom ? '\uFEFF' : ''}${HEADER}${lines.map(([l, e]) => l + e).join('')}`), Buffer.from(tail)]),
  );

describe('properties of reading', () => {
  it('any split of the input into chunks gives the same report', async () => {
    await fc.assert(
      fc.asyncProperty(logBytes, fc.array(fc.nat(), { maxLength: 12 }), async (bytes, positions) => {
        const options: AnalyseOptions = { by: ['uri', 'agent'], maxLineBytes: MAX_LINE_BYTES };
        const whole = await analyse([memorySource('x.log', bytes)], options);
        const split = await analyse([chunkedSource('x.log', cut(bytes, positions))], options);
        expect(split).toEqual(whole);
        expect(whole.input.lines).toBe(whole.input.records + whole.input.directives + whole.input.blank + whole.input.rejected);
      }),
      { numRuns: runs(100, 300) },
    );
  });

  it('one-byte chunks give the same report (every boundary at once)', async () => {
    await fc.assert(
      fc.asyncProperty(logBytes, async (bytes) => {
        const options: AnalyseOptions = { by: ['uri'], maxLineBytes: MAX_LINE_BYTES };
        const bytewise = [...bytes].map((b) => Buffer.from([b]));
        expect(await analyse([chunkedSource('x.log', bytewise)], options)).toEqual(await analyse([memorySource('x.log', bytes)], options));
      }),
      { numRuns: runs(20, 50) },
    );
  });

  it('random bytes after a valid header never throw, and every line is accounted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (random) => {
        const { input } = await analyse([memorySource('r.log', Buffer.concat([Buffer.from(HEADER), random]))], { maxLineBytes: 256 });
        expect(input.lines).toBe(input.records + input.directives + input.blank + input.rejected);
        for (const sample of input.rejectedSamples) expect(sample.excerpt).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }),
      { numRuns: runs(100, 300) },
    );
  });

  it('random bytes alone either give a report or a LogtallyError, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (random, strict) => {
        const outcome = await analyse([memorySource('r.log', Buffer.from(random))], { strict }).then(
          (report) => report,
          (error: unknown) => error,
        );
        // A bug (TypeError, RangeError) propagates as itself since scanning stopped wrapping
        // everything as IO, so this fails on one; in memory nothing can fail to be read either.
        if (outcome instanceof Error) {
          expect(isLogtallyError(outcome), outcome.stack).toBe(true);
          expect(DATA_VERDICTS, String(outcome)).toContain((outcome as LogtallyError).code);
        }
      }),
      { numRuns: runs(100, 300) },
    );
  });
});
