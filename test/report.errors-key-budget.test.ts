/**
 * The errors report's URI and client tables share a key budget (MAX_TABLE_KEYS, docs/memory.md):
 * past it every table is cut, so the keys held stay under the budget however many groups fill
 * their tables, and every count stays within its table's stated bound.
 */
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../parsers/record.js';
import {
  createErrorsBuilder,
  cutSize,
  ErrorsBuilder,
  KEY_CHECK_EVERY,
  MAX_ERROR_GROUPS,
  MAX_TABLE_KEYS,
} from '../src/report/errors-builder.js';
import { distinctClients } from '../src/report/errors-report.js';
import { emptyInputSummary } from '../src/scan/input-summary.js';

const CODES = 30;
/** Every record its own URI and client; URI n is also asked n % 7 + 1 times more, for heavy keys. */
function* records(n: number): Generator<LogRecord> {
  for (let i = 0; i < n; i++) {
    const code = i % CODES;
    yield { 'sc-status': 400 + code, 'cs-uri-stem': `/item/${i}`, 'c-ip': `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` };
    if (i % 50 === 0) for (let k = 0; k < 20; k++) yield { 'sc-status': 400 + code, 'cs-uri-stem': '/heavy', 'c-ip': '192.0.2.1' };
  }
}

describe('errors key budget', () => {
  it('the default budget holds the tables of a few hundred full groups, not of 10,000', () => {
    expect(MAX_TABLE_KEYS).toBeLessThan(MAX_ERROR_GROUPS * 2 * 10_000);
    expect(MAX_TABLE_KEYS).toBeGreaterThanOrEqual(100_000);
  });

  it('keeps the keys of all tables under the budget, and each count within its bound', () => {
    const budget = 2000;
    const builder = new ErrorsBuilder(0, MAX_ERROR_GROUPS, budget);
    let line = 0;
    let most = 0;
    for (const record of records(40_000)) {
      builder.add(record, 'x.log', ++line);
      if (line % 1000 === 0) most = Math.max(most, builder.tableKeys());
    }
    // Between two checks each error adds at most one URI and one client.
    expect(most).toBeLessThanOrEqual(budget + 2 * KEY_CHECK_EVERY);
    const report = builder.finish(emptyInputSummary());
    const groups = Object.values(report.groups);
    expect(groups).toHaveLength(CODES);
    // The true count of /heavy per status, counted here from the records.
    const heavyOf = new Map<number, number>();
    for (const r of records(40_000))
      if (r['cs-uri-stem'] === '/heavy') heavyOf.set(r['sc-status']!, (heavyOf.get(r['sc-status']!) ?? 0) + 1);
    for (const group of groups) {
      const heavy = heavyOf.get(group.status!) ?? 0;
      expect(group.urisMaxError).toBeGreaterThan(0);
      const reported = group.uris['/heavy'];
      if (reported === undefined) expect(heavy).toBeLessThanOrEqual(group.urisMaxError);
      else {
        expect(reported).toBeGreaterThanOrEqual(heavy);
        expect(reported - heavy).toBeLessThanOrEqual(group.urisMaxError);
      }
      for (const [uri, count] of Object.entries(group.uris))
        if (uri !== '/heavy') expect(count).toBeLessThanOrEqual(1 + group.urisMaxError);
      // Distinct clients from the registers: 1,333 or 1,334 of its own (and 192.0.2.1 for some), within 10%.
      const distinct = distinctClients(group);
      expect(distinct.exact).toBe(false);
      expect(Math.abs(distinct.value - 1334) / 1334).toBeLessThan(0.1);
    }
  });

  it('worker threads reading at once share the budget: each holds its share, a lone reader all of it', () => {
    // 4,000 errors per code, each its own URI and client: 240,000 keys, under the whole budget.
    const n = 120_000;
    const most = (readers: number | undefined): number => {
      const builder = createErrorsBuilder({ intervalMs: 0, readers });
      let line = 0;
      let held = 0;
      for (const record of records(n)) {
        builder.add(record, 'x.log', ++line);
        if (line % 4096 === 0) held = Math.max(held, builder.tableKeys());
      }
      return Math.max(held, builder.tableKeys());
    };
    // Keys a lone reader holds: its distinct URIs and clients per status, counted here.
    const pairs = new Set<string>();
    for (const r of records(n)) pairs.add(`${r['sc-status']} uri ${r['cs-uri-stem']}`).add(`${r['sc-status']} client ${r['c-ip']}`);
    const distinctKeys = pairs.size;
    expect(most(undefined)).toBe(distinctKeys);
    expect(most(4)).toBeLessThanOrEqual(MAX_TABLE_KEYS / 4 + 2 * KEY_CHECK_EVERY);
  });

  it('cutSize gives the largest equal cut that fits the budget', () => {
    expect(cutSize([10, 10, 10], 30)).toBe(10);
    expect(cutSize([1, 2, 100, 100], 53)).toBe(25);
    expect(cutSize([5, 500], 100)).toBe(95);
    expect(cutSize([50, 50], 1)).toBe(1);
  });
});
