/**
 * A small header-less IIS excerpt whose first line is damaged (cut at its start, as an excerpt
 * copied from the middle of a log often is): the layout is decided by most of the sampled lines,
 * and the damaged one is rejected, not the whole file refused.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const LINES = [
  '2025-01-01 10:00:01 10.0.0.1 GET /b - 80 - 192.0.2.2 curl/8 - 404 0 2 6',
  '2025-01-01 10:00:02 10.0.0.1 GET /c - 80 - 192.0.2.3 curl/8 - 500 19 13 7',
  '2025-01-01 10:00:03 10.0.0.1 POST /d - 80 - 192.0.2.4 curl/8 - 200 0 0 8',
];

const summaryOf = async (input: string) => {
  const result = await runInProcess(['report', '-', '--by', 'hour', '--format', 'json'], { input });
  expect(result.status).toBe(0);
  return (JSON.parse(result.stdout) as { input: { records: number; rejected: number; formats: Record<string, number> } }).input;
};

describe('header-less IIS lines: the majority decides', () => {
  it('a first line cut mid-way (fewer values) is rejected, the rest read', async () => {
    const input = summaryOf(`0:00 10.0.0.1 GET /a - 80 - 192.0.2.1 curl/8 - 200 0 0 5\n${LINES.join('\n')}\n`);
    expect(await input).toMatchObject({ records: 3, rejected: 1, formats: { 'w3c (15 fields)': 3 } });
  });

  it('a first line with a damaged date (same number of values) is rejected, the rest read', async () => {
    const input = summaryOf(`5-01-01 10:00:00 10.0.0.1 GET /a - 80 - 192.0.2.1 curl/8 - 200 0 0 5\n${LINES.join('\n')}\n`);
    expect(await input).toMatchObject({ records: 3, rejected: 1, formats: { 'w3c (15 fields)': 3 } });
  });
});
