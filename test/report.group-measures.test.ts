/**
 * Every `report --by` group carries bytes sent, distinct clients and latency, checked against awk
 * and a plain sort over the same lines (not against logtally); groupRows hands them out typed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, fileSource, groupRows, memorySource, mergeReports } from '../src/index.js';
import { DIMENSION_NAMES, DIMENSIONS } from '../src/internals/index.js';
import { ROOT, runInProcess } from './cli-run.js';

const BASIC = join(ROOT, 'fixtures', 'reports', 'errors-basic.log');

/** uri count bytes distinct-clients max sum, from awk over the fixture's columns ($6 uri, $10 c-ip, $17 sc-bytes, $19 time-taken). */
function awkByUri(): Map<string, { count: number; bytes: number; clients: number; max: number; sum: number }> {
  const program =
    '!/^#/ { n[$6]++; b[$6] += $17; if (!(($6 SUBSEP $10) in seen)) { seen[$6, $10] = 1; c[$6]++ }; if ($19 + 0 > mx[$6] + 0) mx[$6] = $19 + 0; s[$6] += $19 } END { for (u in n) print u, n[u], b[u], c[u], mx[u], s[u] }';
  const out = spawnSync('awk', [program, BASIC], { encoding: 'utf8' }).stdout.trim().split('\n');
  return new Map(
    out.map((line) => {
      const [uri, count, bytes, clients, max, sum] = line.split(' ');
      return [uri!, { count: Number(count), bytes: Number(bytes), clients: Number(clients), max: Number(max), sum: Number(sum) }];
    }),
  );
}

/** Nearest-rank percentile, as the errors report documents it. */
const nearestRank = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

describe('report --by: measures on every group', () => {
  it('count, bytes, distinct clients, mean and max agree with awk; percentiles with a plain sort', async () => {
    const expected = awkByUri();
    const rows = groupRows(await analyse([fileSource(BASIC)], { by: ['uri'] }));
    expect(rows.map((r) => r.values.uri).sort()).toEqual([...expected.keys()].sort());
    for (const row of rows) {
      const e = expected.get(row.values.uri!)!;
      expect(row).toMatchObject({ count: e.count, bytesSent: e.bytes, distinctClients: e.clients, distinctClientsExact: true });
      expect(row.latency).toMatchObject({ count: e.count, max: e.max, mean: Math.round((e.sum / e.count) * 100) / 100 });
    }
    // /index.html took 12, 3, 8 and 9 ms (hand-read from the fixture): p50 is the 2nd of 4 sorted, p95 the 4th.
    expect(rows.find((r) => r.values.uri === '/index.html')!.latency).toMatchObject({ p50: 8, p90: 12, p95: 12, p99: 12 });
    expect(rows.find((r) => r.values.uri === '/index.html')!.share).toBeCloseTo(4 / 14, 4);
  });

  it('groupRows types the values: numbers for status, text for the rest, ISO-8601 for time buckets', async () => {
    const rows = groupRows(await analyse([fileSource(BASIC)], { by: ['status', 'method', 'time:5m'] }));
    const first = rows[0]!;
    expect(typeof first.values.status).toBe('number');
    expect(typeof first.values.method).toBe('string');
    expect(first.values['time:5m']).toMatch(/^2021-04-01T10:\d\d:00Z$/);
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(14);
  });

  it('the Dimension type names every dimension there is', () => {
    expect([...DIMENSION_NAMES].sort()).toEqual(Object.keys(DIMENSIONS).sort());
  });

  it('CSV has every measure column, whatever the data', async () => {
    const { stdout } = await runInProcess(['report', BASIC, '--by', 'uri', '--format', 'csv']);
    expect(stdout.split('\r\n')[0]).toBe(
      'uri,count,bytes_sent,distinct_clients,latency_count,latency_mean_ms,latency_p50_ms,latency_p90_ms,latency_p95_ms,latency_p99_ms,latency_max_ms',
    );
    const noLatency = '#Fields: date time cs-uri-stem sc-status\n2021-04-01 10:00:00 /a 200\n';
    const bare = await runInProcess(['report', '-', '--by', 'uri', '--format', 'csv'], { input: noLatency });
    expect(bare.stdout.split('\r\n').slice(0, 2)).toEqual([stdout.split('\r\n')[0], '/a,1,0,0,,,,,,,']);
  });

  it('--sort orders by the measure, largest first', async () => {
    const expected = awkByUri();
    const byMax = [...expected.entries()].sort((a, b) => b[1].max - a[1].max).map(([uri]) => uri);
    const { stdout } = await runInProcess(['report', BASIC, '--by', 'uri', '--sort', 'max', '--format', 'csv']);
    expect(
      stdout
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual(byMax);
    const bytes = await runInProcess(['report', BASIC, '--by', 'uri', '--sort', 'bytes', '--format', 'csv']);
    const byBytes = [...expected.entries()].sort((a, b) => b[1].bytes - a[1].bytes).map(([uri]) => uri);
    expect(
      bytes.stdout
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual(byBytes);
    const bad = await runInProcess(['report', BASIC, '--by', 'uri', '--sort', 'speed']);
    expect(bad.status).toBe(2);
  });
});

/** A log big enough for latency bucket counts (256+ times per group) and HyperLogLog (64+ clients). */
function generated(lines: number): { text: string; times: Map<string, number[]>; clients: Map<string, Set<string>> } {
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const times = new Map<string, number[]>();
  const clients = new Map<string, Set<string>>();
  const out = ['#Fields: date time cs-uri-stem c-ip sc-status sc-bytes time-taken'];
  for (let i = 0; i < lines; i++) {
    const uri = ['/slow', '/fast', '/rare'][i % 7 === 0 ? 2 : i % 2]!;
    const ms = uri === '/slow' ? Math.floor(100 + next() * 30_000) : Math.floor(next() * 50);
    const client = `10.0.${Math.floor(next() * 4)}.${Math.floor(next() * 250)}`;
    out.push(`2021-04-01 10:00:00 ${uri} ${client} 200 100 ${ms}`);
    times.set(uri, [...(times.get(uri) ?? []), ms]);
    clients.set(uri, (clients.get(uri) ?? new Set()).add(client));
  }
  return { text: `${out.join('\n')}\n`, times, clients };
}

describe('report --by past the exact limits', () => {
  const { text, times, clients } = generated(3000);

  it('percentiles within 0.1% of a plain sort, distinct clients within 5% and marked as estimates', async () => {
    const rows = groupRows(await analyse([memorySource('g.log', text)], { by: ['uri'] }));
    for (const row of rows) {
      const uri = row.values.uri!;
      const values = times.get(uri)!;
      expect(row.latency!.count).toBe(values.length);
      expect(row.latency!.max).toBe(Math.max(...values));
      for (const p of [50, 90, 95, 99] as const) {
        const exact = nearestRank(values, p);
        expect(Math.abs(row.latency![`p${p}`] - exact)).toBeLessThanOrEqual(Math.max(1, exact * 0.001));
      }
      const distinct = clients.get(uri)!.size;
      expect(distinct).toBeGreaterThan(64);
      expect(row.distinctClientsExact).toBe(false);
      expect(Math.abs(row.distinctClients - distinct) / distinct).toBeLessThan(0.05);
    }
  });

  it('JSON says how many groups have an estimated distinct-client count', async () => {
    const { stdout } = await runInProcess(['report', '-', '--by', 'uri', '--format', 'json'], { input: text });
    expect(JSON.parse(stdout).accuracy.estimatedDistinctClients).toEqual({ groups: 3 });
  });

  it('merging two halves gives what one pass gives', async () => {
    const lines = text.trimEnd().split('\n');
    const header = lines[0]!;
    const half = Math.floor(lines.length / 2);
    const a = `${lines.slice(0, half).join('\n')}\n`;
    const b = `${[header, ...lines.slice(half)].join('\n')}\n`;
    const [ra, rb, both] = await Promise.all([
      analyse([memorySource('a.log', a)], { by: ['uri'] }),
      analyse([memorySource('b.log', b)], { by: ['uri'] }),
      analyse([memorySource('a.log', a), memorySource('b.log', b)], { by: ['uri'] }),
    ]);
    expect(mergeReports(ra, rb).measures).toEqual(both.measures);
  });
});

describe('logtally merge and measures', () => {
  it('merges the measures of two partials as one run over both inputs', async () => {
    const partial = (await runInProcess(['report', BASIC, '--by', 'uri', '--format', 'partial'])).stdout;
    const merged = await runInProcess(['merge', '-', '--format', 'csv'], { input: partial + partial });
    // The same path twice is read once, so the second copy comes in on stdin.
    const doubled = await runInProcess(['report', BASIC, '-', '--by', 'uri', '--format', 'csv'], { input: readFileSync(BASIC) });
    expect(merged.stdout).toBe(doubled.stdout);
  });

  it('refuses a partial whose measures were edited, in one line, as any malformed partial', async () => {
    const value = JSON.parse((await runInProcess(['report', BASIC, '--by', 'uri', '--format', 'partial'])).stdout);
    value.measures['/health'] = { bytesSent: 'x' };
    const { status, stderr } = await runInProcess(['merge', '-'], { input: JSON.stringify(value) });
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('its "measures" are malformed');
  });
});
