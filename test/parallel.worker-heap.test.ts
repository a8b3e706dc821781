/**
 * Scan workers run with a capped heap (WORKER_HEAP_LIMITS, docs/memory.md). A task whose live data
 * outgrows the cap is not lost: it runs again in this thread and its result is the one a worker
 * would have sent.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { planFile, runPlanned, type ParallelJob } from '../src/parallel/run-parallel.js';
import { CHUNK_WINDOW } from '../src/parallel/records-parallel.js';
import { WORKER_HEAP_LIMITS } from '../src/parallel/worker-pool.js';
import type { InputSummary } from '../src/scan/input-summary.js';
// @ts-expect-error: a plain .mjs module, as worker threads load it
import { createHungryAggregator } from './helpers/hungry-aggregator.mjs';

type Hungry = { input: InputSummary; records: number; held: number };

const LOG = '#Fields: date time cs-uri-stem sc-status\n2024-03-01 00:00:01 /a 200\n2024-03-01 00:00:02 /b 404\n';

describe('worker heap cap', () => {
  it('caps each scan worker below the peak its input would otherwise reach', () => {
    expect(WORKER_HEAP_LIMITS.maxOldGenerationSizeMb).toBeLessThanOrEqual(128);
    expect(WORKER_HEAP_LIMITS.maxYoungGenerationSizeMb).toBeLessThanOrEqual(16);
  });

  it('a records worker has at most 16 chunks of rows (up to 2 MB each) posted and not yet written', () => {
    expect(CHUNK_WINDOW).toBeLessThanOrEqual(16);
  });

  it('a range whose data outgrows the cap is read again in this thread, with the same result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logtally-heap-'));
    const path = join(dir, 'u_ex.log');
    writeFileSync(path, LOG.repeat(500));
    const size = statSync(path).size;
    // Twice the worker's cap: each range's finish() keeps this much live.
    const mb = 2 * WORKER_HEAP_LIMITS.maxOldGenerationSizeMb;
    const job: ParallelJob<Hungry> = {
      create: () => createHungryAggregator({ mb }),
      factory: { module: new URL('./helpers/hungry-aggregator.mjs', import.meta.url).href, name: 'createHungryAggregator', config: { mb } },
      merge: (a, b) => ({ input: a.input, records: a.records + b.records, held: a.held + b.held }),
    };
    const plan = planFile(path, size, 2, {}, (p, s) => rangesAt(p, s, [Math.floor(s / 2)]));
    expect(plan.ranges).toHaveLength(2);
    const result = await runPlanned([plan], job, {}, 2);
    // 500 copies of 2 records; every range's arrays of 131,072 numbers per MB.
    expect(result.records).toBe(1000);
    expect(result.held).toBe(2 * mb * 131_072);
  }, 60_000);
});
