/**
 * Scan workers started before the command line is read (parallel/warm-workers.ts): a run takes them
 * and gives the result cold workers give; workers no run takes never keep the process alive; and the
 * bin starts them only for a report or errors run over large plain files (cli/workers-ahead.ts).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorsJob } from '../src/analyse/analyse.js';
import { scanWorkersAhead } from '../src/cli/workers-ahead.js';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { PARALLEL_MIN_BYTES, planFile, runPlanned } from '../src/parallel/run-parallel.js';
import { stopWarmWorkers, takeWarmWorker, warmScanWorkers } from '../src/parallel/warm-workers.js';

const DIST_WARM = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'src', 'parallel', 'warm-workers.js')).href;

/** A W3C log with errors on both sides of the middle, so each worker's partial has groups to merge. */
function twoHalvesLog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logtally-warm-'));
  const path = join(dir, 'u_ex240301.log');
  const lines = ['#Fields: date time c-ip cs-uri-stem sc-status sc-substatus sc-win32-status time-taken'];
  for (let i = 0; i < 4000; i++) {
    const status = i % 7 === 0 ? 404 : i % 11 === 0 ? 500 : 200;
    lines.push(
      `2024-03-01 00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} 10.0.${i % 5}.${i % 13} /p${i % 9} ${status} 0 ${status === 500 ? 1236 : 0} ${i % 300}`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** A sparse file of `bytes` (nothing written): as large as a big log to `stat`. */
function sparseFile(dir: string, name: string, bytes: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  closeSync(fd);
  execFileSync('truncate', ['-s', String(bytes), path]);
  return path;
}

describe('warm scan workers', () => {
  it('a parallel run takes the warm workers and gives what cold workers give', async () => {
    const path = twoHalvesLog();
    const size = statSync(path).size;
    const plan = planFile(path, size, 2, {}, (p, s) => rangesAt(p, s, [Math.floor(s / 2)]));
    expect(plan.ranges).toHaveLength(2);
    const job = errorsJob({ intervalMs: 0 });
    const cold = await runPlanned([plan], job, {}, 2);
    warmScanWorkers(2);
    const warm = await runPlanned([plan], job, {}, 2);
    // Both were taken: none is left for the next run.
    expect(takeWarmWorker({})).toBeUndefined();
    expect(warm).toEqual(cold);
    expect(Object.keys(warm.groups).length).toBeGreaterThan(1);
    await stopWarmWorkers();
  }, 30_000);

  it('a warm worker no run takes does not keep the process alive', () => {
    // A module file, not `node -e`: that process ended at once even with a referenced worker.
    const script = join(mkdtempSync(join(tmpdir(), 'logtally-warm-')), 'warm.mjs');
    writeFileSync(script, `const warm = await import(${JSON.stringify(DIST_WARM)});\nwarm.warmScanWorkers(2);\n`);
    // A referenced worker waits for its job for ever: the timeout would kill the process, and throw.
    expect(() => execFileSync(process.execPath, [script], { timeout: 10_000 })).not.toThrow();
  });
});

describe('workers started ahead by the bin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logtally-ahead-'));
  const big = sparseFile(dir, 'u_ex1.log', PARALLEL_MIN_BYTES);
  const half = sparseFile(dir, 'u_ex2.log', PARALLEL_MIN_BYTES / 2);
  const small = sparseFile(dir, 'u_ex3.log', 1024);
  const gz = sparseFile(dir, 'u_ex4.log.gz', 2 * PARALLEL_MIN_BYTES);

  it('one per thread for report or errors over large plain files', () => {
    expect(scanWorkersAhead(['report', big], 2)).toBe(2);
    expect(scanWorkersAhead(['errors', '--interval', '1m', big], 4)).toBe(4);
    expect(scanWorkersAhead(['report', '--by', 'uri', half, half], 2)).toBe(2);
    expect(scanWorkersAhead(['report', '--threads', '3', big], 2)).toBe(3);
    expect(scanWorkersAhead(['report', '--threads=3', big], 2)).toBe(3);
  });

  it('none when the run will not scan large local files with workers', () => {
    expect(scanWorkersAhead(['report', small], 2)).toBe(0);
    expect(scanWorkersAhead(['report', half], 2)).toBe(0);
    expect(scanWorkersAhead(['report', gz], 2)).toBe(0);
    expect(scanWorkersAhead(['report', dir], 2)).toBe(0);
    expect(scanWorkersAhead(['records', big], 2)).toBe(0);
    expect(scanWorkersAhead(['merge', big], 2)).toBe(0);
    expect(scanWorkersAhead([], 2)).toBe(0);
    expect(scanWorkersAhead(['report', big], 1)).toBe(0);
    expect(scanWorkersAhead(['report', '--threads', '1', big], 2)).toBe(0);
    expect(scanWorkersAhead(['report', '--threads', 'many', big], 2)).toBe(0);
    for (const option of ['--from', '--state', '--follow', '--strict', '--help'])
      expect(scanWorkersAhead(['report', big, option, 'x'], 2), option).toBe(0);
    expect(scanWorkersAhead(['report', '-', big], 2)).toBe(0);
  });
});
