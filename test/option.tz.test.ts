/**
 * `--tz OFFSET` through the built CLI: a negative offset such as the help's own `-0500` is a value,
 * given as `--tz -0500` or `--tz=-0500`, not mistaken for an option.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';

const NATIVE = 'fixtures/iis-native/logjoint-smoke.log';
const firstTimestamp = (stdout: string): string => JSON.parse(stdout.split('\n')[0]!).timestamp;

describe('--tz', () => {
  it('takes a negative offset as a separate argument, as the help shows it', () => {
    for (const args of [['--tz', '-0500'], ['--tz=-0500'], ['--tz', '-05:00']]) {
      const result = runCli(['records', NATIVE, ...args]);
      expect(result.stderr).toContain('local time at UTC-05:00');
      expect(result.status).toBe(0);
      expect(firstTimestamp(result.stdout)).toBe('2001-03-20T12:55:20Z');
    }
  });

  it('takes a negative offset on report and errors too', () => {
    for (const command of ['report', 'errors']) {
      const result = runCli([command, NATIVE, '--tz', '-0500', '--format', 'json']);
      expect(result.status, result.stderr).toBe(0);
    }
  });

  it('a value that is not an offset is a usage error naming it', () => {
    const result = runCli(['report', NATIVE, '--tz', '-x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('logtally: --tz needs an offset like +02:00 or -0500, got "-x"\n');
  });
});
