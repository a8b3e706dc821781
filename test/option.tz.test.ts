/**
 * `--tz OFFSET` through the built CLI: a negative offset such as the help's own `-0500` is a value,
 * given as `--tz -0500` or `--tz=-0500`, not mistaken for an option.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runInProcess } from './cli-run.js';

const NATIVE = 'fixtures/iis-native/logjoint-smoke.log';
const firstTimestamp = (stdout: string): string => JSON.parse(stdout.split('\n')[0]!).timestamp;

describe('--tz', () => {
  it('takes a negative offset as a separate argument, as the help shows it', async () => {
    for (const args of [['--tz', '-0500'], ['--tz=-0500'], ['--tz', '-05:00']]) {
      const result = await runInProcess(['records', NATIVE, ...args]);
      expect(result.stderr).toContain('local time at UTC-05:00');
      expect(result.status).toBe(0);
      expect(firstTimestamp(result.stdout)).toBe('2001-03-20T12:55:20Z');
    }
  });

  it('takes a negative offset on report and errors too', async () => {
    for (const command of ['report', 'errors']) {
      const result = await runInProcess([command, NATIVE, '--tz', '-0500', '--format', 'json']);
      expect(result.status, result.stderr).toBe(0);
    }
  });

  it('a value that is not an offset is a usage error naming it', async () => {
    const result = await runInProcess(['report', NATIVE, '--tz', '-x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('logtally: --tz needs an offset like +02:00 or -0500, or a time zone name like Europe/Berlin; got "-x"\n');
  });
});

describe('--tz with a zone name, and the machine zone by default', () => {
  /** One IIS native line in July (EDT, UTC-4) and one in January (EST, UTC-5), both 7:55:20 local. */
  const dst = (dir: string): string => {
    const file = join(dir, 'in010720.log');
    writeFileSync(
      file,
      [
        '192.168.114.201, -, 07/20/01, 7:55:20, W3SVC2, SERVER, 172.21.13.45, 4502, 163, 3223, 200, 0, GET, /DeptLogo.gif, -,',
        '192.168.114.201, -, 01/20/01, 7:55:20, W3SVC2, SERVER, 172.21.13.45, 4502, 163, 3223, 200, 0, GET, /DeptLogo.gif, -,',
      ].join('\r\n'),
    );
    return file;
  };
  const timestamps = (stdout: string): string[] =>
    stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).timestamp);

  it('applies daylight saving time per record with a zone name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logtally-tz-'));
    const result = await runInProcess(['records', dst(dir), '--tz', 'America/New_York']);
    expect(result.status, result.stderr).toBe(0);
    expect(timestamps(result.stdout)).toEqual(['2001-07-20T11:55:20Z', '2001-01-20T12:55:20Z']);
    expect(result.stderr).toContain('local time in America/New_York, daylight saving time applied');
  });

  // The machine's zone is the process's TZ, read at start-up by the binary: these two spawn it.
  it("defaults to the machine's zone, daylight saving included", () => {
    const dir = mkdtempSync(join(tmpdir(), 'logtally-tz-'));
    const result = runCli(['records', dst(dir)], { env: { TZ: 'America/New_York' } });
    expect(result.status, result.stderr).toBe(0);
    expect(timestamps(result.stdout)).toEqual(['2001-07-20T11:55:20Z', '2001-01-20T12:55:20Z']);
  });

  it('a fixed offset stays fixed all year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logtally-tz-'));
    const result = await runInProcess(['records', dst(dir), '--tz', '-0500']);
    expect(timestamps(result.stdout)).toEqual(['2001-07-20T12:55:20Z', '2001-01-20T12:55:20Z']);
  });

  it('an unknown zone name is a usage error', async () => {
    const result = await runInProcess(['records', NATIVE, '--tz', 'Mars/Olympus_Mons']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('time zone name like Europe/Berlin');
  });

  it('an offset beyond ±14:00 or with 60+ minutes is a usage error', async () => {
    for (const tz of ['+99:99', '+15:00', '-0560']) expect((await runInProcess(['records', NATIVE, '--tz', tz])).status).toBe(2);
  });

  it('a TZ that names no zone (empty) falls back to an offset instead of failing', () => {
    const result = runCli(['records', NATIVE], { env: { TZ: '' } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('local time at UTC+00:00');
  });
});
