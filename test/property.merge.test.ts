/**
 * Reports are mergeable: merge(analyse(a), analyse(b)) equals analyse(a + b), where a + b means
 * both files read in one run (each file keeps its own header state). That holds for every count
 * and for the rejected samples too (the first ones per reason, a's before b's) as long as the
 * samples stay under MAX_SAMPLES; past that cap each side keeps its own first samples, so only the
 * sample list may differ (docs/malformed-input.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalyseOptions } from '../src/index.js';
import { runs } from './helpers/exhaustive.js';
import { analyse, memorySource, mergeReports } from '../src/index.js';

const HEADER = '#Fields: date time cs-uri-stem sc-status sc-substatus sc-win32-status c-ip sc-bytes time-taken\r\n';

const line = fc.oneof(
  fc
    .record({
      uri: fc.constantFrom('/a', '/b', '/é', '/=x'),
      status: fc.constantFrom('200', '404', '500', '999', 'abc', '-'),
      sub: fc.nat(3),
      client: fc.constantFrom('10.0.0.1', '10.0.0.2', '::1', '-'),
      bytes: fc.nat(5000),
      ms: fc.nat(40_000),
    })
    .map(({ uri, status, sub, client, bytes, ms }) => `2024-03-01 0${sub}:00:00 ${uri} ${status} ${sub} 0 ${client} ${bytes} ${ms}`),
  fc.constantFrom('', '#Date: 2024-03-02 00:00:00', 'short line', '\u0000\u0001', 'x'.repeat(300), '#Fields: time sc-status'),
);
const file = fc.array(line, { maxLength: 30 }).map((lines) => `${HEADER}${lines.join('\r\n')}`);
/** The reasons the lines above produce, times SAMPLES_PER_REASON, stay under MAX_SAMPLES. */
const options: AnalyseOptions = { by: ['uri', 'status'], maxLineBytes: 256 };

describe('merging reports', () => {
  it('merge(analyse(a), analyse(b)) equals analyse(a + b)', async () => {
    await fc.assert(
      fc.asyncProperty(file, file, async (a, b) => {
        const [ra, rb, both] = await Promise.all([
          analyse([memorySource('a.log', a)], options),
          analyse([memorySource('b.log', b)], options),
          analyse([memorySource('a.log', a), memorySource('b.log', b)], options),
        ]);
        expect(mergeReports(ra, rb)).toEqual(both);
      }),
      { numRuns: runs(60, 200) },
    );
  });

  it('merging is associative, so partial reports combine in any grouping', async () => {
    await fc.assert(
      fc.asyncProperty(file, file, file, async (a, b, c) => {
        const [ra, rb, rc] = await Promise.all([a, b, c].map((text, i) => analyse([memorySource(`${i}.log`, text)], options)));
        expect(mergeReports(mergeReports(ra!, rb!), rc!)).toEqual(mergeReports(ra!, mergeReports(rb!, rc!)));
      }),
      { numRuns: runs(30, 100) },
    );
  });
});
