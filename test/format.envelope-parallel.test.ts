/**
 * Envelope files on many cores: syslog and compose lines stand alone, so such a file is cut into
 * byte ranges read as `syslog:FORMAT` and gives the single-threaded result at every cut; Docker and
 * CRI lines may continue the line before (pieces), so those files are read whole. Worker threads
 * read the ranges in-process; `npm run test:full` also runs the built CLI on files larger than the
 * split threshold, with worker threads and without.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dimension } from '../src/index.js';
import { analyse, reportJob } from '../src/analyse/analyse.js';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { PARALLEL_MIN_BYTES, planFile, runPlanned } from '../src/parallel/run-parallel.js';
import { fileSource } from '../src/sources/sources.js';
import { CLI, runCli } from './cli-run.js';
import { FULL, range } from './helpers/exhaustive.js';

const dir = mkdtempSync(join(tmpdir(), 'logtally-envelope-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const by: Dimension[] = ['hour', 'code', 'uri'];

const access = (i: number, status = 200) =>
  `203.0.113.${i % 250} - - [26/Nov/2026:${String(10 + (i % 3)).padStart(2, '0')}:00:00 +0000] "GET /p/${i % 7} HTTP/1.1" ${status} ${i} "-" "curl/8.4.0"`;

function write(name: string, lines: string[]): { path: string; size: number } {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, size: statSync(path).size };
}

const SYSLOG = [
  `<190>Nov 26 10:00:00 web1 nginx: ${access(1)}`,
  `Nov 26 10:00:01 web1 nginx[812]: ${access(2, 404)}`,
  '',
  'Nov 26 10:00:02 web1 sshd[2201]: Accepted publickey for deploy',
  `<190>1 2026-11-26T10:00:03Z web1 nginx - - - ${access(3, 500)}\r`,
  `<190>Nov 26 10:00:04 nginx: ${access(4)}`,
];

const CRI = [
  `2026-11-26T10:00:00.000000001Z stdout F ${access(1)}`,
  `2026-11-26T10:00:00.000000002Z stdout P ${access(2, 503).slice(0, 40)}`,
  `2026-11-26T10:00:00.000000003Z stdout F ${access(2, 503).slice(40)}`,
  '2026-11-26T10:00:00.000000004Z stderr F 2026/11/26 10:00:00 [notice] 1#1: start worker processes',
  `2026-11-26T10:00:00.000000005Z stdout F ${access(5, 404)}`,
];

describe('envelopes and byte ranges', () => {
  const syslog = write('syslog.log', SYSLOG);
  const plan = (cuts: number[]) => planFile(syslog.path, syslog.size, cuts.length + 1, {}, (p, s) => rangesAt(p, s, cuts));

  it('plans syslog ranges read as the envelope and the detected format', () => {
    expect(plan([100]).format).toBe('syslog:combined');
    expect(plan([100]).ranges).toHaveLength(2);
  });

  it('gives the single-threaded syslog report at every split point', async () => {
    const whole = await analyse([fileSource(syslog.path, syslog.size)], { by });
    expect(whole.input).toMatchObject({ records: 4, blank: 1, rejected: 1, formats: { 'syslog > combined': 4 } });
    for (const cut of range(1, syslog.size, 60)) {
      expect(await runPlanned([plan([cut])], reportJob({ by }), {}, 1), `cut at ${cut}`).toEqual(whole);
    }
  });

  it('gives the single-threaded syslog report on worker threads', async () => {
    const whole = await analyse([fileSource(syslog.path, syslog.size)], { by });
    expect(await runPlanned([plan([Math.floor(syslog.size / 3), Math.floor((2 * syslog.size) / 3)])], reportJob({ by }), {}, 2)).toEqual(
      whole,
    );
  });

  it('reads Docker and CRI files whole: a range could start inside a line cut in pieces', () => {
    const cri = write('cri.log', CRI);
    expect(planFile(cri.path, cri.size, 3, {}, (p, s) => rangesAt(p, s, [60, 200])).ranges).toBeUndefined();
    const docker = write('docker.log', [JSON.stringify({ log: `${access(1)}\n`, stream: 'stdout', time: '2026-11-26T10:00:00Z' })]);
    expect(planFile(docker.path, docker.size, 2, {}, (p, s) => rangesAt(p, s, [10])).ranges).toBeUndefined();
  });
});

describe.runIf(FULL && existsSync(CLI))('envelope files larger than the split threshold (built CLI)', () => {
  const big = (name: string, block: string[]) => {
    const text = `${block.join('\n')}\n`;
    const path = join(dir, name);
    writeFileSync(path, text.repeat(Math.ceil(PARALLEL_MIN_BYTES / Buffer.byteLength(text)) + 1));
    return path;
  };
  const report = (path: string, threads: string) =>
    runCli(['report', path, '--by', 'hour,code', '--format', 'partial', '--threads', threads]);

  for (const [name, block, formats, split] of [
    ['syslog', SYSLOG, { 'syslog > combined': 4 }, true],
    ['cri', CRI, { 'cri > combined': 3 }, false],
  ] as const) {
    it(`${name}: --threads 2 equals --threads 1 (${split ? 'split into ranges' : 'read whole'})`, () => {
      const path = big(`${name}-big.log`, [...block]);
      expect(planFile(path, statSync(path).size, 2, {}).ranges?.length).toBe(split ? 2 : undefined);
      const one = report(path, '1');
      const two = report(path, '2');
      expect(two.stderr).toBe('');
      expect(two.status).toBe(0);
      const result = JSON.parse(two.stdout);
      expect(result).toEqual(JSON.parse(one.stdout));
      const copies = Math.ceil(PARALLEL_MIN_BYTES / Buffer.byteLength(`${block.join('\n')}\n`)) + 1;
      expect(result.input.formats).toEqual(Object.fromEntries(Object.entries(formats).map(([k, v]) => [k, v * copies])));
      rmSync(path);
    });
  }
});
