/**
 * Worker threads whose heap is large when they have read their lines make their results one at a
 * time (scan-worker.ts, worker-pool.ts): making a result, its JSON text and the text's bytes raises
 * what a worker holds by half for a moment, and two at once made a run's peak memory. The next
 * begins once the first has stopped. The results are what they would be otherwise.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { planFile, runPlanned, type ParallelJob } from '../src/parallel/run-parallel.js';
import { WORKER_HEAP_LIMITS } from '../src/parallel/worker-pool.js';
import type { InputSummary } from '../src/scan/input-summary.js';
// @ts-expect-error: a plain .mjs module, as worker threads load it
import { createHeavyFinishAggregator } from './helpers/heavy-finish-aggregator.mjs';

type Finished = { input: InputSummary; records: number; held: number; began: number; ended: number; spans?: [number, number][] };

const LOG = '#Fields: date time cs-uri-stem sc-status\n2024-03-01 00:00:01 /a 200\n2024-03-01 00:00:02 /b 404\n';
const HELPER = new URL('./helpers/heavy-finish-aggregator.mjs', import.meta.url).href;

async function finishSpans(
  mb: number,
  outgrow?: { above: number; finishMb: number },
): Promise<{ result: Finished; spans: [number, number][] }> {
  const dir = mkdtempSync(join(tmpdir(), 'logtally-turns-'));
  const path = join(dir, 'u_ex.log');
  writeFileSync(path, LOG.repeat(200));
  const size = statSync(path).size;
  const config = { mb, finishMs: 150, outgrowAbove: outgrow?.above, finishMb: outgrow?.finishMb };
  const span = (r: Finished): [number, number][] => r.spans ?? [[r.began, r.ended]];
  const job: ParallelJob<Finished> = {
    // A range whose worker ran out of memory is read again here.
    create: () => createHeavyFinishAggregator(config),
    factory: { module: HELPER, name: 'createHeavyFinishAggregator', config },
    merge: (a, b) => ({ ...a, records: a.records + b.records, held: a.held + b.held, spans: [...span(a), ...span(b)] }),
  };
  const plan = planFile(path, size, 2, {}, (p, s) => rangesAt(p, s, [Math.floor(s / 3)]));
  expect(plan.ranges).toHaveLength(2);
  const result = await runPlanned([plan], job, {}, 2);
  return { result, spans: result.spans! };
}

describe('workers finishing with a large heap', () => {
  it('make their results one after the other, with the same result', async () => {
    const { result, spans } = await finishSpans(40);
    expect(result.records).toBe(400);
    expect(result.held).toBe(80);
    const [first, second] = [...spans].sort((a, b) => a[0] - b[0]) as [[number, number], [number, number]];
    expect(second[0]).toBeGreaterThanOrEqual(first[1]);
  }, 60_000);

  it('pass the turn on when the one holding it runs out of memory, and the range is read again here', async () => {
    // The range of about 267 records outgrows its worker as it finishes; the other (133) waits its turn.
    const finishMb = 2 * WORKER_HEAP_LIMITS.maxOldGenerationSizeMb;
    const { result } = await finishSpans(40, { above: 200, finishMb });
    expect(result.records).toBe(400);
    expect(result.held).toBe(80 + finishMb);
  }, 60_000);
});
