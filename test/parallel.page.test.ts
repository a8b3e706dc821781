/**
 * The HTML page's data (report, errors, traffic, timeline in one job) split into byte ranges, in
 * this thread and on worker threads, equals the single-threaded scan: at every split point of a
 * multi-block W3C file whose #Fields and #Date change mid-file.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analysePage, pageJob } from '../src/analyse/analyse-page.js';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { planFile, runPlanned } from '../src/parallel/run-parallel.js';
import { withSharedInput } from '../src/report/page-data.js';
import { fileSource } from '../src/sources/sources.js';
import { CLI, DIST_SRC } from './cli-run.js';

const BLOCKS = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Date: 2024-03-01 00:00:00',
  '#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-substatus sc-win32-status time-taken',
  '2024-03-01 00:00:01 10.0.0.1 GET /a 200 0 0 5',
  '2024-03-01 00:10:01 10.0.0.2 GET /b 404 0 2 7',
  '',
  '2024-03-01 01:00:01 10.0.0.1 POST /c 500 19 13 900\r',
  'not a log line',
  '#Date: 2024-03-02 00:00:00',
  '#Fields: time c-ip cs-uri-stem sc-status',
  '03:00:00 10.0.0.3 /d 401',
  '04:00:00 10.0.0.3 /é 503',
  '#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-substatus sc-win32-status time-taken',
  '2024-03-04 06:00:00 10.0.0.9 GET /b 404 0 2 3',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'logtally-page-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'u_ex.log');
writeFileSync(path, `${BLOCKS}\n`);
const size = statSync(path).size;
const config = { intervalMs: 0, maxKeys: 1000 };

const split = async (cuts: number[]) =>
  withSharedInput(await runPlanned([planFile(path, size, cuts.length + 1, {}, (p, s) => rangesAt(p, s, cuts))], pageJob(config), {}, 1));

describe('the page job in byte ranges', () => {
  it('gives the single-threaded page data at every split point', async () => {
    const whole = await analysePage([fileSource(path, size)], config);
    expect(whole.errors.groups).not.toEqual({});
    expect(whole.timeline.first).toBe(Date.UTC(2024, 2, 1, 0, 0, 1));
    for (let cut = 1; cut < size; cut += 3) expect(await split([cut]), `cut at ${cut}`).toEqual(whole);
  });

  it.skipIf(!existsSync(CLI))('on worker threads too', async () => {
    const big = join(dir, 'big.log');
    writeFileSync(big, `${BLOCKS}\n`.repeat(3000));
    const bigSize = statSync(big).size;
    const whole = await analysePage([fileSource(big, bigSize)], config);
    const dist = (await import(join(DIST_SRC, 'parallel', 'run-parallel.js'))) as typeof import('../src/parallel/run-parallel.js');
    const distPage = (await import(join(DIST_SRC, 'analyse', 'analyse-page.js'))) as typeof import('../src/analyse/analyse-page.js');
    const plan = dist.planFile(big, bigSize, 3, {}, (p, s) => rangesAt(p, s, [Math.floor(bigSize / 3), Math.floor((2 * bigSize) / 3)]));
    expect(plan.ranges).toHaveLength(3);
    expect(withSharedInput(await dist.runPlanned([plan], distPage.pageJob(config), {}, 2))).toEqual(whole);
  });
});
