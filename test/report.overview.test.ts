/**
 * report --overview: top URIs and clients over all requests, the slowest URIs by p95 and the bot
 * share, checked against awk and a plain sort over the same lines.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, analysePage, fileSource, memorySource, mergeReports } from '../src/index.js';
import { ROOT, runInProcess } from './cli-run.js';

const BASIC = join(ROOT, 'fixtures', 'reports', 'errors-basic.log');

/** `value count` per distinct value of column `n`, from awk. */
function awkCounts(column: number): Record<string, number> {
  const out = spawnSync('awk', [`!/^#/ { n[$${column}]++ } END { for (k in n) print k, n[k] }`, BASIC], { encoding: 'utf8' }).stdout;
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((line) => {
        const [key, count] = line.split(' ');
        return [key!, Number(count)];
      }),
  );
}

const nearestRank = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

describe('report --overview', () => {
  it('counts every request per URI and per client, errors or not', async () => {
    const report = await analyse([fileSource(BASIC)], { overview: true });
    expect({ ...report.overview!.uris.counts }).toEqual(awkCounts(6));
    expect({ ...report.overview!.clients.counts }).toEqual(awkCounts(10));
    expect(report.overview!.bots).toEqual({ yes: 0, no: 14, unknown: 0 });
  });

  it("the HTML page's lean overview: the same counts, bytes, URI latency and bots, without a URI's clients or a client's latency", async () => {
    const full = (await analyse([fileSource(BASIC)], { overview: true })).overview!;
    const lean = (await analysePage([fileSource(BASIC)])).report.overview!;
    expect(lean.bots).toEqual(full.bots);
    expect({ ...lean.uris.counts }).toEqual({ ...full.uris.counts });
    expect({ ...lean.clients.counts }).toEqual({ ...full.clients.counts });
    for (const [uri, measures] of Object.entries(full.uris.measures)) {
      expect(lean.uris.measures[uri], uri).toEqual({ ...measures, clients: [] });
      expect(measures.clients!.length, uri).toBeGreaterThan(0);
    }
    for (const [client, measures] of Object.entries(full.clients.measures)) {
      expect(measures.latency, client).toBeDefined();
      expect(lean.clients.measures[client], client).toEqual({ bytesSent: measures.bytesSent, clients: [] });
    }
  });

  it('JSON has topUris, slowestUris, topClients and bots; the default report has them lean, --by reports none', async () => {
    const json = JSON.parse((await runInProcess(['report', BASIC, '--overview', '--format', 'json'])).stdout);
    expect(json.topUris[0]).toMatchObject({ uri: '/index.html', count: 4, bytes_sent: 15540, distinct_clients: 3, latency_max_ms: 12 });
    expect(json.topClients[0]).toMatchObject({ client: '192.0.2.10', count: 4 });
    expect(json.bots).toEqual([
      { bot: 'yes', count: 0, share: 0 },
      { bot: 'no', count: 14, share: 1 },
      { bot: 'no user agent', count: 0, share: 0 },
    ]);
    const plain = JSON.parse((await runInProcess(['report', BASIC, '--format', 'json'])).stdout);
    expect(plain.topUris[0]).toMatchObject({ uri: '/index.html', count: 4, bytes_sent: 15540, latency_max_ms: 12 });
    expect(plain.topUris[0]).not.toHaveProperty('distinct_clients');
    expect(plain.topClients[0]).toEqual({ client: '192.0.2.10', count: 4, share: 0.2857, bytes_sent: json.topClients[0].bytes_sent });
    expect(plain.bots).toEqual(json.bots);
    const grouped = JSON.parse((await runInProcess(['report', BASIC, '--by', 'status', '--format', 'json'])).stdout);
    expect(Object.keys(grouped)).not.toContain('topUris');
  });

  it('ranks the slowest URIs by p95 among those with 10 or more requests', async () => {
    const times: Record<string, number[]> = { '/a': [], '/b': [], '/c': [], '/once': [900_000] };
    const lines = ['#Fields: date time cs-uri-stem c-ip sc-status time-taken', '2021-04-01 10:00:00 /once 10.0.0.1 200 900000'];
    for (let i = 0; i < 60; i++) {
      const uri = ['/a', '/b', '/c'][i % 3]!;
      const ms = uri === '/b' ? 1000 + ((i * 37) % 500) : uri === '/a' ? (i * 13) % 300 : 50 + ((i * 7) % 40);
      times[uri]!.push(ms);
      lines.push(`2021-04-01 10:00:00 ${uri} 10.0.0.${i % 5} 200 ${ms}`);
    }
    const expected = ['/a', '/b', '/c'].sort((x, y) => nearestRank(times[y]!, 95) - nearestRank(times[x]!, 95));
    const json = JSON.parse((await runInProcess(['report', '-', '--overview', '--format', 'json'], { input: lines.join('\n') })).stdout);
    expect(json.slowestUris.map((r: { uri: string }) => r.uri)).toEqual(expected);
    expect(json.slowestUris[0].latency_p95_ms).toBe(nearestRank(times['/b']!, 95));
  });

  it('the share of bots, with the agents of the noise test', async () => {
    const log = [
      '#Fields: date time cs-uri-stem cs(User-Agent) sc-status',
      '2021-04-01 10:00:00 / Mozilla/5.0+(compatible;+Googlebot/2.1;++http://www.google.com/bot.html) 200',
      '2021-04-01 10:00:01 / curl/7.68.0 200',
      '2021-04-01 10:00:02 / Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/89.0+Safari/537.36 200',
      '2021-04-01 10:00:03 / - 200',
    ].join('\n');
    const report = await analyse([memorySource('b.log', log)], { overview: true });
    expect(report.overview!.bots).toEqual({ yes: 2, no: 1, unknown: 1 });
  });

  it('merges as one pass over both halves', async () => {
    const text = spawnSync('cat', [BASIC], { encoding: 'utf8' }).stdout;
    const lines = text.trimEnd().split('\n');
    const header = lines.filter((l) => l.startsWith('#'));
    const data = lines.filter((l) => !l.startsWith('#'));
    const a = [...header, ...data.slice(0, 6)].join('\n');
    const b = [...header, ...data.slice(6)].join('\n');
    const options = { overview: true };
    const [ra, rb, both] = await Promise.all([
      analyse([memorySource('a', a)], options),
      analyse([memorySource('b', b)], options),
      analyse([memorySource('a', a), memorySource('b', b)], options),
    ]);
    expect(mergeReports(ra, rb).overview).toEqual(both.overview);
  });
});
