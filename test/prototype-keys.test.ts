/**
 * Keys that are names of Object.prototype members (`toString`, `constructor`, `__proto__`,
 * `hasOwnProperty`) come from log text like any other: as URIs, clients, users, agents, hosts,
 * #Fields names. Partial tables come back from worker threads and partial files as plain JSON
 * objects, where such a key that a table does not hold finds an inherited member instead.
 * Expected counts are hand counts: each file holds two lines (a 404 and a 500) whose every text
 * field is one of the names, a different name per file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParallelJob } from '../src/parallel/run-parallel.js';
import type { InputSummary } from '../src/scan/input-summary.js';
import { DIST_SRC, runInProcess } from './cli-run.js';

// Worker threads run the built modules, so the threaded runs do too (npm test builds first).
const dist = (await import(join(DIST_SRC, 'parallel', 'run-parallel.js'))) as typeof import('../src/parallel/run-parallel.js');
const distAnalyse = (await import(join(DIST_SRC, 'analyse', 'analyse.js'))) as typeof import('../src/analyse/analyse.js');

const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty'] as const;
const DIMENSIONS = ['uri', 'client', 'user', 'agent', 'referer', 'host', 'site', 'method'] as const;

const dir = mkdtempSync(join(tmpdir(), 'logtally-prototype-'));
const files = NAMES.map((name, i) => {
  const path = join(dir, `u_ex2601010${i}.log`);
  const line = (status: string) => `2026-01-01 10:00:0${i} ${name} ${name} ${name} ${status} 5 ${name} ${name} ${name} ${name} ${name}`;
  writeFileSync(
    path,
    [
      '#Software: Microsoft Internet Information Services 10.0',
      '#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-substatus sc-win32-status time-taken cs(User-Agent) cs-username cs-host s-sitename cs(Referer)',
      line('404 0 2'),
      line('500 0 0'),
      '',
    ].join('\n'),
  );
  return path;
});

/** Each name twice: the count every row must show. */
const EXPECTED = NAMES.map((name) => [name, 2]).sort();

/** One plan per file, read by two worker threads. */
const threaded = <Result extends { input: InputSummary }>(job: ParallelJob<Result>): Promise<Result> =>
  dist.runPlanned(
    files.map((file) => dist.planFile(file, 1, 1, {})),
    job,
    {},
    2,
  );

describe('keys named after Object.prototype members', () => {
  for (const dimension of DIMENSIONS) {
    it(`--by ${dimension}, on worker threads: each name counted twice`, async () => {
      const report = await threaded(distAnalyse.reportJob({ by: [dimension] }));
      expect(Object.entries(report.groups).sort()).toEqual(EXPECTED);
    });

    it(`--by ${dimension}, merged from partials: each name counted twice`, async () => {
      const partials = [];
      for (const [i, file] of files.entries()) {
        const partial = await runInProcess(['report', file, '--by', dimension, '--format', 'partial']);
        const path = join(dir, `${dimension}-${i}.json`);
        writeFileSync(path, partial.stdout);
        partials.push(path);
      }
      const merged = await runInProcess(['merge', ...partials, '--format', 'partial']);
      expect(merged.stderr).toBe('');
      expect(Object.entries((JSON.parse(merged.stdout) as { groups: object }).groups).sort()).toEqual(EXPECTED);
    });
  }

  it('errors, threaded and merged: top URIs and clients name each once per group', async () => {
    const inThreads = await threaded(distAnalyse.errorsJob({ intervalMs: 0 }));
    const partials = [];
    for (const [i, file] of files.entries()) {
      const path = join(dir, `errors-${i}.json`);
      writeFileSync(path, (await runInProcess(['errors', file, '--format', 'partial'])).stdout);
      partials.push(path);
    }
    const merged = await runInProcess(['merge', ...partials, '--format', 'partial']);
    for (const report of [inThreads, JSON.parse(merged.stdout)] as {
      groups: Record<string, { count: number; uris: object; clients: object }>;
    }[]) {
      const groups = Object.values(report.groups);
      expect(groups.map((g) => g.count)).toEqual([4, 4]);
      for (const group of groups) {
        expect(Object.entries(group.clients).sort()).toEqual(NAMES.map((n) => [n, 1]).sort());
        expect(Object.entries(group.uris).sort()).toEqual(NAMES.map((n) => [n, 1]).sort());
      }
    }
  });

  it('#Fields names are record keys in ndjson and --columns', async () => {
    const path = join(dir, 'fields.log');
    writeFileSync(path, `#Fields: date time c-ip ${NAMES.join(' ')} sc-status\n2026-01-01 10:00:00 192.0.2.1 a b c d 200\n`);
    const ndjson = await runInProcess(['records', path]);
    const row = JSON.parse(ndjson.stdout) as Record<string, unknown>;
    expect(NAMES.map((name) => Object.hasOwn(row, name) && row[name])).toEqual(['a', 'b', 'c', 'd']);
    const csv = await runInProcess(['records', path, '--format', 'csv', '--columns', NAMES.join(',')]);
    expect(csv.stdout).toBe(`${NAMES.join(',')}\r\na,b,c,d\r\n`);
  });

  it('--columns constructor on a log without such a field: an empty column, not Object', async () => {
    const csv = await runInProcess(['records', files[0]!, '--format', 'csv', '--columns', 'sc-status,constructor']);
    expect(csv.stdout.split('\r\n').slice(0, 3)).toEqual(['sc-status,constructor', '404,', '500,']);
  });
});
