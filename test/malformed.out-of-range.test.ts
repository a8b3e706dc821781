/**
 * Numbers no request can have: a time beyond the dates a Date holds, a time-taken of 1e35 ms. They
 * crashed the run (exit 70, "Invalid time value", an HDR histogram error); each such line is
 * rejected with its reason and the rest read.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const caddy = (ts: string, status = 200) =>
  `{"level":"info","ts":${ts},"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"192.0.2.1","method":"GET","uri":"/x","proto":"HTTP/1.1","host":"a"},"duration":0.001,"size":10,"status":${status}}`;

const summaryOf = (json: string) =>
  (JSON.parse(json) as { input: { records: number; rejected: number; rejectedByReason: Record<string, number> } }).input;

describe('out-of-range times and durations', () => {
  it('Caddy JSON "ts":1e300 is rejected as time-out-of-range; the good line is read', async () => {
    const result = await runInProcess(['report', '-', '--by', 'day', '--format', 'json'], {
      input: `${caddy('1e300')}\n${caddy('1700000000')}\n`,
    });
    expect(result.status).toBe(0);
    expect(summaryOf(result.stdout)).toMatchObject({ records: 1, rejected: 1, rejectedByReason: { 'time-out-of-range': 1 } });
  });

  it('%{sec}t of 99999999999999 is rejected as time-out-of-range', async () => {
    const input = '10.0.0.1 99999999999999 "GET / HTTP/1.1" 200\n10.0.0.1 1700000000 "GET / HTTP/1.1" 200\n';
    const result = await runInProcess(['report', '-', '--log-format', 'apache:%h %{sec}t "%r" %>s', '--by', 'hour', '--format', 'json'], {
      input,
    });
    expect(result.status).toBe(0);
    expect(summaryOf(result.stdout)).toMatchObject({ records: 1, rejected: 1, rejectedByReason: { 'time-out-of-range': 1 } });
  });

  it('a time-taken of 1e35 among 300 errors (past the exact latency list) is rejected', async () => {
    const lines = ['#Fields: date time cs-uri-stem sc-status time-taken'];
    for (let i = 1; i <= 300; i++) lines.push(`2025-01-01 10:00:00 /x 500 ${i}`);
    lines.push(`2025-01-01 10:00:00 /x 500 1${'0'.repeat(35)}`);
    const result = await runInProcess(['errors', '-', '--format', 'json'], { input: `${lines.join('\n')}\n` });
    expect(result.status).toBe(0);
    expect(summaryOf(result.stdout)).toMatchObject({ records: 300, rejected: 1, rejectedByReason: { 'time-taken-out-of-range': 1 } });
  });

  it('--strict stops at such a line with its reason', async () => {
    const result = await runInProcess(['report', '-', '--strict', '--by', 'day'], { input: `${caddy('1e300')}\n` });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('time-out-of-range');
  });
});
