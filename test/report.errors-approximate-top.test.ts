/**
 * An errors group keeps exact URI and client counts up to EXACT_LIMIT distinct values; past that
 * its top lists are Space-Saving estimates that may over-state a count. They must say so, as
 * `report` marks its capped tables, in the table details, JSON and CSV.
 */
import { describe, expect, it } from 'vitest';
import { EXACT_LIMIT } from '../src/report/errors-report.js';
import { runInProcess } from './cli-run.js';

const HEADER =
  '#Software: Microsoft Internet Information Services 10.0\n#Fields: date time c-ip cs-uri-stem sc-status sc-substatus sc-win32-status\n';
const line = (uri: string) => `2026-01-01 10:00:00 192.0.2.1 ${uri} 404 0 2`;

/** `distinct` URIs seen once each, then /hot three times, then /late once: the true counts. */
function log(distinct: number): string {
  const lines: string[] = [];
  for (let i = 0; i < distinct; i++) lines.push(line(`/p/${i}/item`));
  lines.push(line('/hot'), line('/hot'), line('/hot'), line('/late'));
  return `${HEADER}${lines.join('\n')}\n`;
}

describe('errors: top URIs past the exact limit', () => {
  const overflowing = log(EXACT_LIMIT * 2);

  it('marks the top URIs approximate in the details, and leaves the exact clients unmarked', async () => {
    const result = await runInProcess(['errors', '-', '--items', '3'], { input: overflowing, columns: 200 });
    const uris = result.stdout.split('\n').find((l) => l.includes('top URIs'))!;
    expect(uris).toMatch(/\(approximate: each count may be over by up to [1-9]\d*\)/);
    const clients = result.stdout.split('\n').find((l) => l.includes('top clients'))!;
    expect(clients).not.toContain('approximate');
  });

  it('gives the bound in JSON, and each shown count is within it of the true count', async () => {
    const result = await runInProcess(['errors', '-', '--format', 'json', '--items', '3'], { input: overflowing });
    const group = (JSON.parse(result.stdout) as { groups: { topUris: { uri: string; count: number }[]; topUrisMaxError?: number }[] })
      .groups[0]!;
    const bound = group.topUrisMaxError!;
    expect(bound).toBeGreaterThan(0);
    const truth = (uri: string) => (uri === '/hot' ? 3 : 1);
    for (const { uri, count } of group.topUris) {
      expect(count).toBeGreaterThanOrEqual(truth(uri));
      expect(count - truth(uri)).toBeLessThanOrEqual(bound);
    }
  });

  it('adds max-error columns to the CSV', async () => {
    const result = await runInProcess(['errors', '-', '--format', 'csv'], { input: overflowing });
    const [header, row] = result.stdout.split('\r\n');
    expect(header!.split(',').slice(-2)).toEqual(['top_uris_max_error', 'top_clients_max_error']);
    expect(Number(row!.split(',').at(-2))).toBeGreaterThan(0);
    expect(row!.split(',').at(-1)).toBe('0');
  });

  it('says nothing while the counts are exact', async () => {
    const exact = log(100);
    const text = await runInProcess(['errors', '-'], { input: exact });
    expect(text.stdout).not.toContain('approximate');
    const csv = await runInProcess(['errors', '-', '--format', 'csv'], { input: exact });
    expect(csv.stdout).not.toContain('max_error');
  });
});
