/**
 * `report --by` keeps at most DEFAULT_MAX_GROUPS groups exactly (docs/memory.md): past that the
 * table is Space-Saving, marked approximate in text, JSON and CSV, its heavy hitters kept with
 * counts within the bound shown. Expected counts come from a Map over the generated lines.
 */
import { describe, expect, it } from 'vitest';
import { analyse, memorySource, mergeReports } from '../src/index.js';
import { DEFAULT_MAX_GROUPS } from '../src/report/top-k.js';
import { runInProcess } from './cli-run.js';

const HEADER = '#Software: Microsoft Internet Information Services 10.0\n#Fields: date time cs-uri-stem c-ip sc-status time-taken\n';

/** `distinct` URIs seen once each, and three heavy URIs seen `heavy` times each, interleaved; the true count of every URI. */
function log(distinct: number, heavy: number): { text: string; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const lines: string[] = [];
  const add = (uri: string, i: number) => {
    counts.set(uri, (counts.get(uri) ?? 0) + 1);
    lines.push(`2026-10-01 00:00:00 ${uri} 10.0.${(i >> 8) & 255}.${i & 255} ${i % 7 === 0 ? 404 : 200} ${i % 900}`);
  };
  for (let i = 0; i < distinct; i++) {
    add(`/item/${i}`, i);
    if (i % Math.ceil(distinct / heavy) === 0) for (const h of ['/a', '/b', '/c']) add(h, i);
  }
  return { text: HEADER + lines.join('\n') + '\n', counts };
}

describe('report --by past the group cap', () => {
  const over = log(DEFAULT_MAX_GROUPS + 5_000, 300);

  it('keeps the heavy hitters within the bound shown, and says the table is approximate (JSON)', async () => {
    const result = await runInProcess(['report', '-', '--by', 'uri', '--format', 'json'], { input: over.text });
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { groups: { uri: string; count: number }[]; approximate?: Record<string, number> };
    const bound = json.approximate?.groups;
    expect(bound).toBeGreaterThan(0);
    expect(json.groups.length).toBe(DEFAULT_MAX_GROUPS);
    for (const heavy of ['/a', '/b', '/c']) {
      const row = json.groups.find((g) => g.uri === heavy)!;
      expect(row.count - over.counts.get(heavy)!).toBeGreaterThanOrEqual(0);
      expect(row.count - over.counts.get(heavy)!).toBeLessThanOrEqual(bound!);
    }
    // Every kept count over-states by at most the bound; every key left out was seen at most that often.
    const kept = new Set(json.groups.map((g) => g.uri));
    for (const g of json.groups) expect(g.count - over.counts.get(g.uri)!).toBeLessThanOrEqual(bound!);
    for (const [uri, n] of over.counts) if (!kept.has(uri)) expect(n).toBeLessThanOrEqual(bound!);
  });

  it('marks the table title in text and adds the error bound column in CSV', async () => {
    const text = await runInProcess(['report', '-', '--by', 'uri'], { input: over.text });
    expect(text.stdout).toMatch(/Requests by uri \(approximate: key cap reached, each count may be over by up to \d+\)/);
    const csv = await runInProcess(['report', '-', '--by', 'uri', '--format', 'csv'], { input: over.text });
    const header = csv.stdout.split('\r\n')[0]!.replace(/^\uFEFF/, '');
    expect(header.split(',').at(-1)).toBe('count_max_overstatement');
  });

  it('stays exact up to the cap, also when two partials merge', async () => {
    const under = log(DEFAULT_MAX_GROUPS - 10, 3);
    const half = under.text.indexOf('\n', under.text.length >> 1) + 1;
    const a = await analyse([memorySource('a.log', under.text.slice(0, half))], { by: ['uri'] });
    const b = await analyse([memorySource('b.log', HEADER + under.text.slice(half))], { by: ['uri'] });
    const merged = mergeReports(a, b);
    expect(merged.approximate).toBeUndefined();
    expect(new Map(Object.entries(merged.groups))).toEqual(under.counts);
  });

  it('--max-groups keeps more groups exactly', async () => {
    const result = await runInProcess(['report', '-', '--by', 'uri', '--format', 'json', '--max-groups', '30000'], { input: over.text });
    const json = JSON.parse(result.stdout) as { groups: { uri: string; count: number }[]; approximate?: Record<string, number> };
    expect(json.approximate).toBeUndefined();
    expect(new Map(json.groups.map((g) => [g.uri, g.count]))).toEqual(over.counts);
  });

  it('--max-keys below the cap still caps the groups', async () => {
    const report = await analyse([memorySource('small.log', log(50, 3).text)], { by: ['uri'], maxKeys: 10 });
    expect(Object.keys(report.groups).length).toBe(10);
    expect(report.approximate?.groups).toBeGreaterThan(0);
  });
});
