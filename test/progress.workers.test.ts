/**
 * Progress with worker threads: each worker reports the bytes of its task as it reads them, and
 * the pool hands the sum over all tasks to onBytes, so the bar no longer vanishes when workers
 * run. Uses the built modules, since worker threads load dist/ files.
 */
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-run.js';

const POOL = join(ROOT, 'dist', 'src', 'parallel', 'worker-pool.js');
const BUILDER = join(ROOT, 'dist', 'src', 'report', 'report-builder.js');

describe.skipIf(!existsSync(POOL))('progress from worker threads', () => {
  it('onBytes rises to the bytes of every range read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logtally-progress-'));
    const path = join(dir, 'u_ex.log');
    const header = '#Fields: date time c-ip cs-uri-stem sc-status\n';
    const line = '2024-03-01 00:00:01 192.0.2.1 /a 200\n';
    writeFileSync(path, header + line.repeat(60_000));
    const size = statSync(path).size;
    const { runInWorkers } = (await import(POOL)) as typeof import('../src/parallel/worker-pool.js');
    const cut = header.length + line.length * 30_000;
    const tasks = [
      { file: path, range: { start: 0, end: cut } },
      { file: path, range: { start: cut, end: size }, format: 'w3c', header: { fields: header.trim() } },
    ];
    const seen: number[] = [];
    const factory = { module: new URL(`file://${BUILDER}`).href, name: 'createReportBuilder', config: { by: [] } };
    const settled = await runInWorkers(tasks, factory, {}, 2, (bytes) => seen.push(bytes));
    expect(settled.every((s) => s.status === 'fulfilled')).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(size);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  });
});
