/**
 * A bug is not an I/O error: an exception thrown while reading (by a parser, an aggregator, on a
 * worker thread) reaches the caller as it was thrown, never as LogtallyError IO ("cannot read FILE").
 * Failed reads still are IO or GZIP, and carry the file.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isIoFailure } from '../src/errors/io-failure.js';
import { LogtallyError } from '../src/errors/logtally-error.js';
import { runAggregator, type Aggregator } from '../src/analyse/aggregator.js';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { planFile, runPlanned, type ParallelJob } from '../src/parallel/run-parallel.js';
import { fileSource, memorySource, type Source } from '../src/sources/sources.js';
import type { InputSummary } from '../src/scan/input-summary.js';

const LOG = '#Fields: date time cs-uri-stem sc-status\n2024-03-01 00:00:01 /a 200\n2024-03-01 00:00:02 /b 404\n';

const throwingAggregator = (): Aggregator<{ input: InputSummary }> => ({
  fields: new Set(['sc-status']),
  add(record) {
    // A real-looking bug: reading a property of something that is not there.
    (record as unknown as { missing: { length: number } }).missing.length;
  },
  finish: (input) => ({ input }),
});

const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

describe('a bug while reading stays a bug', () => {
  it('an aggregator that throws a TypeError rejects with that TypeError, not an IO LogtallyError', async () => {
    const error = await rejection(runAggregator([memorySource('a.log', LOG)], throwingAggregator()));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(LogtallyError);
  });

  it('a worker thread whose aggregator throws: the error arrives named TypeError with its stack, not as IO', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logtally-internal-'));
    const path = join(dir, 'u_ex.log');
    writeFileSync(path, LOG.repeat(50));
    const size = statSync(path).size;
    const job: ParallelJob<{ input: InputSummary }> = {
      create: throwingAggregator,
      factory: {
        module: new URL('./helpers/throwing-aggregator.mjs', import.meta.url).href,
        name: 'createThrowingAggregator',
        config: null,
      },
      merge: (a) => a,
    };
    const plan = planFile(path, size, 2, {}, (p, s) => rangesAt(p, s, [Math.floor(s / 2)]));
    expect(plan.ranges).toHaveLength(2);
    const error = (await rejection(runPlanned([plan], job, {}, 2))) as Error;
    expect(error).not.toBeInstanceOf(LogtallyError);
    expect(error.name).toBe('TypeError');
    expect(error.stack).toContain('throwing-aggregator.mjs');
  });

  it('a caller stream failing with an error that is not an errno failure propagates unchanged', async () => {
    const broken: Source = {
      name: 'broken',
      open: () =>
        new Readable({
          read() {
            this.destroy(new RangeError('decoder state out of range'));
          },
        }),
    };
    const error = await rejection(runAggregator([broken], throwingAggregator()));
    expect(error).toBeInstanceOf(RangeError);
  });
});

describe('failed reads are IO errors', () => {
  it('a missing file is IO naming the file', async () => {
    const error = await rejection(runAggregator([fileSource('/nonexistent/u_ex.log')], throwingAggregator()));
    expect(error).toMatchObject({
      code: 'IO',
      file: '/nonexistent/u_ex.log',
      message: 'cannot read /nonexistent/u_ex.log: no such file or directory',
    });
  });

  it('errno and zlib codes are I/O failures; Node argument errors and code-less errors are not', () => {
    const withCode = (code: string) => Object.assign(new Error(code), { code });
    expect(['ENOENT', 'EACCES', 'EISDIR', 'EMFILE', 'EIO', 'Z_DATA_ERROR', 'Z_BUF_ERROR'].map(withCode).every(isIoFailure)).toBe(true);
    expect([withCode('ERR_INVALID_ARG_TYPE'), new TypeError('x'), { code: 'ENOENT' }, 'ENOENT'].some(isIoFailure)).toBe(false);
  });
});
