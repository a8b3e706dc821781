/**
 * `records --threads`: a worker count like report's; on inputs too small for workers the rows are
 * the one-thread rows. (Worker threads themselves: parallel.records.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const LOG = ['#Fields: date time cs-uri-stem sc-status', '2024-03-01 00:00:01 /a 200', '2024-03-01 00:00:02 /b 404', ''].join('\n');

describe('records --threads', () => {
  it('rejects a count below one as a usage error', async () => {
    const result = await runInProcess(['records', '-', '--threads', '0'], { input: LOG });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--threads');
  });

  it('writes the same rows with any count on a small input, lines numbered from the file start', async () => {
    const one = await runInProcess(['records', '-', '--format', 'csv', '--columns', 'cs-uri-stem,line', '--threads', '1'], { input: LOG });
    const four = await runInProcess(['records', '-', '--format', 'csv', '--columns', 'cs-uri-stem,line', '--threads', '4'], { input: LOG });
    expect(one.stdout).toBe('cs-uri-stem,line\r\n/a,2\r\n/b,3\r\n');
    expect(four.stdout).toBe(one.stdout);
  });
});
