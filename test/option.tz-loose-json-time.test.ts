/**
 * A JSON time in a spelling other than ISO 8601 or CLF (`Jan 02 2024 10:00:00`) and without a zone
 * is a wall-clock time in the --tz zone (the machine's by default), like every zone-less time; one
 * with a zone keeps it. Expected instants are worked out by hand from the offsets.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const line = (time: string) => `${JSON.stringify({ time, status: 200, uri: '/x' })}\n`;

const timestampOf = async (time: string, args: string[], env: Record<string, string> = {}) => {
  const result = await runInProcess(['records', '-', '--log-format', 'json', ...args], { input: line(time), env });
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { timestamp?: string }).timestamp;
};

describe('zone-less JSON times outside ISO 8601', () => {
  it('--tz +02:00: 10:00 local is 08:00Z', async () => {
    expect(await timestampOf('Jan 02 2024 10:00:00', ['--tz', '+02:00'])).toBe('2024-01-02T08:00:00Z');
  });

  it('--tz America/New_York: winter 10:00 is 15:00Z, summer 10:00 is 14:00Z', async () => {
    expect(await timestampOf('Jan 02 2024 10:00:00', ['--tz', 'America/New_York'])).toBe('2024-01-02T15:00:00Z');
    expect(await timestampOf('Tue, 02 Jul 2024 10:00:00', ['--tz', 'America/New_York'])).toBe('2024-07-02T14:00:00Z');
  });

  it('no --tz: the machine zone given to the CLI (Asia/Kathmandu, +05:45), not the process zone', async () => {
    expect(await timestampOf('Jan 02 2024 10:00:00', [], { TZ: 'Asia/Kathmandu' })).toBe('2024-01-02T04:15:00Z');
  });

  it('a time with its own zone keeps it, whatever --tz says', async () => {
    expect(await timestampOf('Jan 02 2024 10:00:00 GMT', ['--tz', '+02:00'])).toBe('2024-01-02T10:00:00Z');
    expect(await timestampOf('Jan 02 2024 10:00:00 +0300', ['--tz', '+02:00'])).toBe('2024-01-02T07:00:00Z');
    expect(await timestampOf('Tue Jan 02 2024 10:00:00 GMT-0500 (Eastern Standard Time)', ['--tz', '+02:00'])).toBe('2024-01-02T15:00:00Z');
  });
});
