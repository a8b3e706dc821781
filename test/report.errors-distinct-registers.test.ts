/**
 * An errors group's distinct clients past its exact table: the HyperLogLog is fed only the clients
 * new to the group's table, so its registers must be those of every distinct client the group saw,
 * whether the table was pruned (clients dropped and seen again), cut by the key budget, or widened
 * into another group.
 */
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../parsers/record.js';
import { HyperLogLog } from '../src/report/errors-distinct.js';
import { ErrorsBuilder, MAX_ERROR_GROUPS } from '../src/report/errors-builder.js';
import { EXACT_LIMIT } from '../src/report/errors-report.js';
import { emptyInputSummary } from '../src/scan/input-summary.js';

const client = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** `distinct` clients of one 404 group, each asked `times` times, in rounds so that every client returns after the table pruned. */
function* rounds(distinct: number, times: number, start = Date.UTC(2024, 2, 1)): Generator<LogRecord> {
  for (let round = 0; round < times; round++)
    for (let i = 0; i < distinct; i++)
      yield {
        timestamp: start + round * 60_000 + (i % 60_000),
        'sc-status': 404,
        'cs-uri-stem': '/x',
        'c-ip': client((i * 7919) % distinct),
      };
}

const expectedRegisters = (distinct: number): string => HyperLogLog.of(Array.from({ length: distinct }, (_, i) => client(i))).toBase64();

describe('errors distinct clients past the exact table', () => {
  it('has the registers of every distinct client, the table pruned many times over', () => {
    const distinct = 3 * EXACT_LIMIT;
    const builder = new ErrorsBuilder(0);
    let line = 0;
    for (const record of rounds(distinct, 3)) builder.add(record, 'u_ex.log', ++line);
    const group = Object.values(builder.finish(emptyInputSummary()).groups)[0]!;
    expect(group.clientsMaxError).toBeGreaterThan(0);
    expect(group.clientsHll).toBe(expectedRegisters(distinct));
  });

  it('has them too when the key budget cut the table, and when groups were merged by widening', () => {
    const distinct = 2 * EXACT_LIMIT;
    // A budget below the table's size cuts it; an interval of 1 ms with a group limit of 4 widens at once.
    const builder = new ErrorsBuilder(1, 4, EXACT_LIMIT);
    let line = 0;
    for (const record of rounds(distinct, 2)) builder.add(record, 'u_ex.log', ++line);
    const report = builder.finish(emptyInputSummary());
    const groups = Object.values(report.groups);
    const merged = HyperLogLog.of([]);
    for (const group of groups)
      merged.merge(group.clientsHll ? HyperLogLog.fromBase64(group.clientsHll) : HyperLogLog.of(Object.keys(group.clients)));
    expect(report.intervalMs).toBeGreaterThan(1);
    expect(merged.toBase64()).toBe(expectedRegisters(distinct));
  });

  it('stays exact, with no registers, while the table holds every client', () => {
    const builder = new ErrorsBuilder(0, MAX_ERROR_GROUPS);
    let line = 0;
    for (const record of rounds(EXACT_LIMIT - 1, 3)) builder.add(record, 'u_ex.log', ++line);
    const group = Object.values(builder.finish(emptyInputSummary()).groups)[0]!;
    expect(group.clientsHll).toBeUndefined();
    expect(Object.keys(group.clients)).toHaveLength(EXACT_LIMIT - 1);
  });
});
