/**
 * The errors report, filters and --map through the parallel runner: split at every line boundary
 * of a small multi-block file, the partials merge into exactly the single-threaded report (line
 * numbers of examples included). Real worker threads run in-process, and in `npm run test:full` on the built CLI.
 */
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dimension } from '../src/index.js';
import { parseFieldMap } from '../parsers/field-map.js';
import { analyse, analyseErrors, errorsJob, reportJob } from '../src/analyse/analyse.js';
import { compileFilter } from '../src/filter/filters.js';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { planFile, runPlanned } from '../src/parallel/run-parallel.js';
import { fileSource } from '../src/sources/sources.js';
import { CLI, runCli } from './cli-run.js';
import { FULL } from './helpers/exhaustive.js';

const LINES = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Date: 2024-03-01 00:00:00',
  '#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-substatus sc-win32-status sc-bytes time-taken',
  '2024-03-01 00:00:01 192.0.2.1 GET /a 200 0 0 100 5',
  '2024-03-01 00:01:02 192.0.2.2 GET /b 404 0 2 50 15',
  '2024-03-01 00:02:03 192.0.2.3 POST /api/x 500 19 13 70 2100',
  'not a log line',
  '2024-03-01 00:03:04 192.0.2.2 GET /b 404 0 2 50 16\r',
  '',
  '2024-03-01 00:04:05 192.0.2.4 GET /api/y 500 19 13 70 40000',
  '#Fields: date time c-ip cs-uri-stem sc-status time-taken',
  '2024-03-01 01:00:00 198.51.100.7 /c 401 62',
  '2024-03-01 01:05:00 198.51.100.8 /b 404 1',
  '2024-03-01 bad',
  '2024-03-01 01:10:00 198.51.100.7 /api/z 503 7',
  '2024-03-01 01:20:00 198.51.100.9 /b 404 3',
];

const dir = mkdtempSync(join(tmpdir(), 'logtally-parallel-errors-'));
const path = join(dir, 'u_ex.log');
writeFileSync(path, `${LINES.join('\n')}\n`);
const size = statSync(path).size;
/** Byte offsets just after each newline: every cut that lands on a line start. */
const lineStarts = [...Buffer.from(`${LINES.join('\n')}\n`)].flatMap((b, i) => (b === 10 && i + 1 < size ? [i + 1] : []));

const planAt = (cuts: number[]) => planFile(path, size, cuts.length + 1, {}, (p, s) => rangesAt(p, s, cuts));

describe('errors report in parallel', () => {
  for (const intervalMs of [0, 3_600_000]) {
    it(`equals the single-threaded report at every line boundary (interval ${intervalMs})`, async () => {
      const whole = await analyseErrors([fileSource(path, size)], { intervalMs });
      expect(Object.keys(whole.groups).length).toBeGreaterThan(2);
      for (const cut of lineStarts)
        expect(await runPlanned([planAt([cut])], errorsJob({ intervalMs }), {}, 1), `cut at ${cut}`).toEqual(whole);
    });
  }

  it('equals the single-threaded report with three ranges', async () => {
    const whole = await analyseErrors([fileSource(path, size)]);
    for (const a of lineStarts)
      for (const b of lineStarts.filter((b) => b > a))
        expect(await runPlanned([planAt([a, b])], errorsJob({ intervalMs: 0 }), {}, 1), `cuts at ${a}, ${b}`).toEqual(whole);
  });

  it('keeps examples as file:line of the whole file', async () => {
    const split = await runPlanned([planAt([lineStarts[lineStarts.length - 2]!])], errorsJob({ intervalMs: 0 }), {}, 1);
    const examples = Object.values(split.groups).map((g) => [g.status, g.example.line]);
    // 404 first on line 5, 500 on 6, 401 on 12, 503 on 15.
    expect(examples).toEqual(
      expect.arrayContaining([
        [404, 5],
        [500, 6],
        [401, 12],
        [503, 15],
      ]),
    );
  });
});

describe('filters in parallel runs', () => {
  const filter = compileFilter({ status: ['4xx', '503'], since: Date.UTC(2024, 2, 1, 0, 1), uri: ['/b', '/api/*'] })!;

  it('a compiled filter keeps its spec as plain data', () => {
    expect(structuredClone(filter.spec)).toEqual({ status: ['4xx', '503'], since: Date.UTC(2024, 2, 1, 0, 1), uri: ['/b', '/api/*'] });
  });

  it('errors: filtered ranges equal the filtered single-threaded report', async () => {
    const whole = await analyseErrors([fileSource(path, size)], { filter });
    expect(whole.input.filteredOut).toBeGreaterThan(0);
    for (const cut of lineStarts)
      expect(await runPlanned([planAt([cut])], errorsJob({ intervalMs: 0 }), { filter }, 1), `cut at ${cut}`).toEqual(whole);
  });

  it('errors and report on worker threads, with a filter, equal the single-threaded reports', async () => {
    const cuts = [lineStarts[3]!, lineStarts[9]!];
    const errors = await analyseErrors([fileSource(path, size)], { filter, intervalMs: 3_600_000 });
    expect(await runPlanned([planAt(cuts)], errorsJob({ intervalMs: 3_600_000 }), { filter }, 2)).toEqual(errors);
    const report = await analyse([fileSource(path, size)], { by: ['uri', 'code'], filter });
    expect(await runPlanned([planAt(cuts)], reportJob({ by: ['uri', 'code'] }), { filter }, 2)).toEqual(report);
    expect(report.input.filteredOut).toBeGreaterThan(0);
  });

  it('report: filtered ranges equal the filtered single-threaded report', async () => {
    const by: Dimension[] = ['uri', 'code'];
    const whole = await analyse([fileSource(path, size)], { by, filter });
    for (const cut of lineStarts)
      expect(await runPlanned([planAt([cut])], reportJob({ by }), { filter }, 1), `cut at ${cut}`).toEqual(whole);
  });

  it('refuses a filter without a spec rather than dropping it', async () => {
    const own = { fields: ['sc-status'], test: () => true };
    await expect(runPlanned([planAt([])], reportJob({ by: [] }), { filter: own }, 1)).rejects.toThrow(/compileFilter/);
  });
});

describe('--map in parallel runs', () => {
  it('reaches the scan of each task', async () => {
    const json = join(dir, 'edge.json');
    writeFileSync(
      json,
      [
        '{"t":"2024-03-01T00:00:00Z","code":404,"p":"/x","ip":"203.0.113.1"}',
        '{"t":"2024-03-01T00:00:01Z","code":200,"p":"/y","ip":"203.0.113.2"}',
      ].join('\n') + '\n',
    );
    const fieldMap = parseFieldMap('time=t,status=code,path=p,ip=ip');
    const whole = await analyseErrors([fileSource(json)], { format: 'json', fieldMap });
    expect(Object.values(whole.groups).map((g) => [g.status, g.uris])).toEqual([[404, { '/x': 1 }]]);
    expect(await runPlanned([{ file: json }], errorsJob({ intervalMs: 0 }), { format: 'json', fieldMap }, 1)).toEqual(whole);
  });
});

describe.runIf(FULL && existsSync(CLI))('errors on worker threads (built CLI)', () => {
  const files = [0, 1, 2].map((i) => {
    const file = join(dir, `many-${i}.log`);
    writeFileSync(file, `${LINES.join('\n')}\n`.repeat(9_000 + i));
    return file;
  });

  it('errors --threads 2 equals --threads 1 on several files, with and without a filter', () => {
    for (const extra of [[], ['--status', '4xx', '--uri', '/b']]) {
      const one = runCli(['errors', ...files, ...extra, '--interval', '1h', '--format', 'partial', '--threads', '1']);
      const two = runCli(['errors', ...files, ...extra, '--interval', '1h', '--format', 'partial', '--threads', '2']);
      expect(two.stderr).toBe('');
      expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
    }
  });

  it('report with a filter --threads 2 equals --threads 1', () => {
    const args = ['report', ...files, '--by', 'code', '--status', '5xx', '--format', 'partial'];
    const one = runCli([...args, '--threads', '1']);
    const two = runCli([...args, '--threads', '2']);
    expect(two.stderr).toBe('');
    const parsed = JSON.parse(two.stdout) as { input: { filteredOut: number } };
    expect(parsed.input.filteredOut).toBeGreaterThan(0);
    expect(parsed).toEqual(JSON.parse(one.stdout));
  });
});
