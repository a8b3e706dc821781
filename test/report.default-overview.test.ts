/**
 * The default report's overview: lean, of every line up to 4 MB of input, of a sample of lines
 * beyond. Expected numbers come from the generator's own tally of what it wrote, not from logtally.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, reportJob } from '../src/analyse/analyse.js';
import { compileFilter } from '../src/filter/filters.js';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { planFile, runPlanned } from '../src/parallel/run-parallel.js';
import { EXACT_OVERVIEW_BYTES, MAX_SAMPLE_RATE, overviewSample, overviewSampleRate } from '../src/report/overview-sampling.js';
import { fileSource, memorySource } from '../src/sources/sources.js';
import { runInProcess } from './cli-run.js';

const MB = 1024 * 1024;
const URIS = ['/', '/api/orders', '/login', '/health', '/img/logo.png', '/rare'];
/** Shares of the URIs above, in per mille: /health is the noisy monitor, /rare almost nothing. */
const WEIGHTS = [200, 150, 100, 480, 69, 1];
const AGENTS = ['Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)', 'Googlebot/2.1+(+http://www.google.com/bot.html)', '-'];

interface Written {
  path: string;
  lines: number;
  uris: Record<string, number>;
  clients: Record<string, number>;
  bots: { yes: number; no: number; unknown: number };
}

/** A W3C log of `count` lines, from a seeded generator that tallies what it writes. */
function writeLog(dir: string, name: string, count: number): Written {
  let seed = 7;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const uris: Record<string, number> = {};
  const clients: Record<string, number> = {};
  const bots = { yes: 0, no: 0, unknown: 0 };
  const lines = [
    '#Software: Microsoft Internet Information Services 10.0',
    '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status sc-bytes time-taken',
  ];
  for (let i = 0; i < count; i++) {
    let pick = random() * 1000;
    let u = 0;
    while (pick >= WEIGHTS[u]! && u < URIS.length - 1) pick -= WEIGHTS[u++]!;
    const uri = URIS[u]!;
    // The monitor polls from one address; everybody else comes from one of 3,000.
    const client = uri === '/health' ? '10.0.0.1' : `203.0.${Math.floor(random() * 12)}.${Math.floor(random() * 250)}`;
    const agent = uri === '/health' ? AGENTS[0]! : AGENTS[Math.floor(random() * 3)]!;
    uris[uri] = (uris[uri] ?? 0) + 1;
    clients[client] = (clients[client] ?? 0) + 1;
    if (agent === '-') bots.unknown++;
    else if (agent.startsWith('Googlebot')) bots.yes++;
    else bots.no++;
    const seconds = Math.floor(i / 20);
    const time = `${String(Math.floor(seconds / 3600) % 24).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    const status = random() < 0.05 ? '404 0 2' : '200 0 0';
    lines.push(
      `2026-11-02 ${time} 10.1.1.1 GET ${uri} - 443 ${client} ${agent} ${status} ${1000 + Math.floor(random() * 9000)} ${Math.floor(random() * 300)}`,
    );
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return { path, lines: count, uris, clients, bots };
}

const dir = mkdtempSync(join(tmpdir(), 'logtally-default-overview-'));

describe('the default report: overview of every line, or of a sample', () => {
  it('samples once the input passes 4 MB, down to about 4 MB worth of lines, at most one line in 128', () => {
    expect(overviewSampleRate([])).toBe(1);
    expect(overviewSampleRate([EXACT_OVERVIEW_BYTES])).toBe(1);
    expect(overviewSampleRate([EXACT_OVERVIEW_BYTES, 1])).toBe(2);
    expect(overviewSampleRate([100 * MB])).toBe(32);
    expect(overviewSampleRate([10_000 * MB])).toBe(MAX_SAMPLE_RATE);
    // stdin has no size: every line is counted.
    expect(overviewSampleRate([100 * MB, undefined])).toBe(1);
  });

  it('picks about one line in N, whatever the line length, and neighbours independently', () => {
    for (const oneIn of [2, 16, 128]) {
      const inSample = overviewSample(oneIn);
      for (const length of [1, 97, 170, 256]) {
        let picked = 0;
        let pairs = 0;
        let previous = false;
        const lines = 200_000;
        for (let i = 0; i < lines; i++) {
          const now = inSample(i * length + 3 * 2 ** 32 * (i % 2));
          if (now) picked++;
          if (now && previous) pairs++;
          previous = now;
        }
        expect(picked / lines, `1 in ${oneIn}, lines of ${length} bytes`).toBeCloseTo(1 / oneIn, 2);
        // Two neighbours both in: (1/N)², as for independent picks (within sampling noise).
        expect(pairs / lines, `pairs, 1 in ${oneIn}, lines of ${length} bytes`).toBeLessThan(3 / oneIn ** 2 + 0.0005);
      }
    }
    expect(() => overviewSample(3)).toThrow(RangeError);
  });

  it('counts every line of a small input: exact counts, bytes and bots, lean columns', async () => {
    const log = writeLog(dir, 'small.log', 2_000);
    const report = await analyse([fileSource(log.path, statSync(log.path).size)]);
    const overview = report.overview!;
    // Every line of an input of known, small size: a sample of one line in one.
    expect(overview.sample).toEqual({ oneIn: 1, lines: log.lines });
    expect(overview.depth).toBe('lean');
    expect({ ...overview.uris.counts }).toEqual(log.uris);
    expect({ ...overview.clients.counts }).toEqual(log.clients);
    expect(overview.bots).toEqual(log.bots);
    // Every line's time read: the exact span, unmarked (2,000 lines, 20 a second: 00:00:00 to 00:01:39).
    expect(report.input.timeRange).toEqual({ first: '2026-11-02T00:00:00Z', last: '2026-11-02T00:01:39Z' });
    const json = JSON.parse((await runInProcess(['report', log.path, '--format', 'json'])).stdout);
    expect(json.topUris[0]).toMatchObject({ uri: '/health', count: log.uris['/health'] });
    expect(Object.keys(json.topUris[0])).not.toContain('distinct_clients');
    expect(Object.keys(json.topClients[0]).filter((k) => k.startsWith('latency'))).toEqual([]);
  });

  it('estimates from a sample of a large input: shares close to the truth, the accounting unchanged, marked', async () => {
    const log = writeLog(dir, 'large.log', 170_000);
    const size = statSync(log.path).size;
    expect(size).toBeGreaterThan(2 * EXACT_OVERVIEW_BYTES);
    const sampled = await analyse([fileSource(log.path, size)]);
    const text = (await runInProcess(['report', log.path])).stdout;
    const exact = await analyse([fileSource(log.path, size)], { overview: true });
    const overview = sampled.overview!;
    expect(overview.sample?.oneIn).toBe(overviewSampleRate([size]));
    expect(overview.sample!.lines / (log.lines / overview.sample!.oneIn)).toBeCloseTo(1, 1);
    // Which lines are rejected or counted never depends on the sample.
    const { timeRange, ...accounting } = sampled.input;
    expect(accounting).toEqual(exact.input);
    // The time span of the sampled lines, marked: within a minute of the true one (20 lines a second).
    expect(timeRange!.sampled).toBe(true);
    const lastSecond = Math.floor((log.lines - 1) / 20);
    expect(Date.parse(timeRange!.first) - Date.parse('2026-11-02T00:00:00Z')).toBeLessThanOrEqual(60_000);
    expect(Date.parse('2026-11-02T00:00:00Z') + lastSecond * 1000 - Date.parse(timeRange!.last)).toBeLessThanOrEqual(60_000);
    expect(Date.parse(timeRange!.last)).toBeLessThanOrEqual(Date.parse('2026-11-02T00:00:00Z') + lastSecond * 1000);
    expect(text).toContain('time span (of the sampled lines): 2026-11-02T00:00');
    expect(sampled.classes).toEqual(exact.classes);
    for (const uri of URIS.filter((u) => u !== '/rare')) {
      const truth = log.uris[uri]!;
      expect(Math.abs(overview.uris.counts[uri]! - truth) / truth, uri).toBeLessThan(0.08);
    }
    const total = overview.bots.yes + overview.bots.no + overview.bots.unknown;
    expect(Math.abs(total - log.lines) / log.lines).toBeLessThan(0.02);
    expect(Math.abs(overview.bots.yes / total - log.bots.yes / log.lines)).toBeLessThan(0.01);
    expect(overview.clients.counts['10.0.0.1']! / log.clients['10.0.0.1']!).toBeCloseTo(1, 1);
    expect(text).toContain(`Top URIs (estimated from 1 line in ${overview.sample!.oneIn}`);
    expect(text).toContain('--overview counts every line');
    const json = JSON.parse((await runInProcess(['report', log.path, '--format', 'json'])).stdout);
    expect(json.accuracy.overviewSample).toMatchObject({ oneIn: overview.sample!.oneIn, lines: overview.sample!.lines });
    // Rows stand on 20 or more sampled lines each.
    for (const row of [...json.topUris, ...json.topClients]) expect(row.count).toBeGreaterThanOrEqual(20 * overview.sample!.oneIn);
    expect(json.topClients.map((row: { client: string }) => row.client)).toEqual(['10.0.0.1']);
    // A source of unknown size (the library's fileSource without one, stdin) is counted line by line.
    expect((await analyse([fileSource(log.path)])).overview!.sample).toBeUndefined();
  });

  it('picks the same lines however a file is cut into byte ranges', async () => {
    const log = writeLog(dir, 'cut.log', 3_000);
    const size = statSync(log.path).size;
    const job = reportJob({ by: [], overview: { depth: 'lean', oneIn: 4 } });
    const whole = await runPlanned([planFile(log.path, size, 1, {})], job, {}, 1);
    expect(whole.overview!.sample!.lines).toBeGreaterThan(600);
    for (const cuts of [[Math.floor(size / 3)], [1000, Math.floor(size / 2), size - 500]]) {
      const split = await runPlanned([planFile(log.path, size, cuts.length + 1, {}, (p, s) => rangesAt(p, s, cuts))], job, {}, 1);
      expect(split, `cuts at ${cuts}`).toEqual(whole);
    }
  });

  it('reads the time as a best effort: a line whose time does not read is counted, not rejected, unless a filter needs the time', async () => {
    const lines = [
      '#Fields: date time cs-uri-stem c-ip sc-status time-taken',
      '2026-11-02 10:00:00 /a 10.0.0.1 200 5',
      '2026-13-45 99:00:00 /b 10.0.0.2 200 1e40',
      '2026-11-02 11:00:00 /a 10.0.0.3 404 7',
    ];
    const input = `${lines.join('\n')}\n`;
    const report = await analyse([memorySource('t.log', input)]);
    expect([report.input.records, report.input.rejected]).toEqual([3, 0]);
    expect(report.input.timeRange).toEqual({ first: '2026-11-02T10:00:00Z', last: '2026-11-02T11:00:00Z' });
    expect({ ...report.overview!.uris.counts }).toEqual({ '/a': 2, '/b': 1 });
    const filtered = await analyse([memorySource('t.log', input)], {
      filter: compileFilter({ since: Date.parse('2000-01-01T00:00:00Z') }),
    });
    expect(filtered.input.rejectedByReason).toEqual({ 'invalid-time': 1 });
  });

  it('--by reports have none, stdin counts every line, and a text report says when numbers are estimates', async () => {
    const log = writeLog(dir, 'by.log', 500);
    expect((await analyse([fileSource(log.path)], { by: ['status'] })).overview).toBeUndefined();
    const fromStdin = await analyse([memorySource('-', `#Fields: cs-uri-stem c-ip sc-status\n/a 10.0.0.1 200\n/a 10.0.0.2 404\n`)]);
    expect({ ...fromStdin.overview!.uris.counts }).toEqual({ '/a': 2 });
    expect((await runInProcess(['report', log.path])).stdout).not.toContain('estimated');
  });
});
