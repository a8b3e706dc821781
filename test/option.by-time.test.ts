/**
 * `--by time:5m`, the name a partial report gives its time dimension, is `--by time --interval 5m`;
 * a report has one time dimension at most, since a second would show as raw epoch milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const BASIC = 'fixtures/reports/errors-basic.log';

describe('report --by time', () => {
  it('--by time:5m is --by time --interval 5m, --wide included', async () => {
    const named = await runInProcess(['report', BASIC, '--by', 'time:5m,class', '--wide', '--format', 'csv']);
    const spelled = await runInProcess(['report', BASIC, '--by', 'time,class', '--interval', '5m', '--wide', '--format', 'csv']);
    expect(named.stderr).toBe('');
    expect(named.status).toBe(0);
    expect(named.stdout).toBe(spelled.stdout);
  });

  it('--by time:300s and --interval 5m agree', async () => {
    const { status, stdout } = await runInProcess(['report', BASIC, '--by', 'time:300s', '--interval', '5m', '--format', 'csv']);
    expect(status).toBe(0);
    expect(stdout.split('\r\n')[1]).toMatch(/^2021-04-01T10:00:00Z,7,/);
  });

  it.each([
    [['--by', 'time,time', '--interval', '5m'], '--by takes one time dimension; got time, time'],
    [['--by', 'time:10m', '--interval', '5m'], '--by time:10m and --interval 5m disagree'],
    [['--by', 'time'], '--by time needs --interval'],
  ])('%j is a usage error', async (args, message) => {
    const { status, stdout, stderr } = await runInProcess(['report', BASIC, ...args]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
