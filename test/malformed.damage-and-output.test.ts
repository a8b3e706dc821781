/**
 * Failures that must be named and end non-zero: a gzip cut inside its #Fields line is a damaged
 * log (not a skipped non-web file), output to a full device says so on stderr, and `explain` of a
 * code led by no HTTP status is an unknown code.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CLI, runInProcess } from './cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'logtally-damage-'));
const FIELDS =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken';
const LOG = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2025-01-01 00:00:00',
  FIELDS,
  ...Array.from({ length: 50 }, (_, i) => `2025-01-01 10:00:00 10.0.0.1 GET /x - 80 - 10.0.0.${i} curl 200 0 0 5`),
  '',
].join('\n');

/** What `zcat` gets out of the first `n` bytes of a gzip file. */
const inflatedPrefix = (gz: Buffer, n: number): string => gunzipSync(gz.subarray(0, n), { finishFlush: constants.Z_SYNC_FLUSH }).toString();

describe('a gzip cut inside its #Fields line', () => {
  const gz = gzipSync(Buffer.from(LOG), { level: 1 });
  const fieldsStart = LOG.indexOf('#Fields:');
  // The shortest cut whose readable text ends inside the #Fields line, past its first name.
  let cut = 10;
  while (inflatedPrefix(gz, cut).length < fieldsStart + '#Fields: date'.length) cut++;
  const readable = inflatedPrefix(gz, cut);
  const path = join(dir, 'u_ex250101.log.gz');
  writeFileSync(path, gz.subarray(0, cut));

  it('is cut where the recipe says (checked with zlib, not logtally)', () => {
    expect(readable.length).toBeLessThan(fieldsStart + FIELDS.length);
  });

  it('alone: listed under damaged, nothing skipped, exit 3', async () => {
    const result = await runInProcess(['report', path, '--format', 'json']);
    expect(result.status).toBe(3);
    const input = (JSON.parse(result.stdout) as { input: { damaged: { file: string; code: string }[]; skipped: unknown[]; files: number } })
      .input;
    expect(input.damaged.map((d) => [d.file, d.code])).toEqual([[path, 'GZIP']]);
    expect([input.skipped, input.files]).toEqual([[], 1]);
    expect(result.stderr).toContain('corrupt or truncated gzip data');
  });

  it('beside a good log: the good one is counted, exit 3, no "formats tried" note', async () => {
    const good = join(dir, 'u_ex250102.log');
    writeFileSync(good, LOG);
    const result = await runInProcess(['report', path, good, '--format', 'json']);
    expect(result.status).toBe(3);
    const input = (JSON.parse(result.stdout) as { input: { records: number; damaged: unknown[]; skipped: unknown[]; notes: string[] } })
      .input;
    expect([input.records, input.damaged.length, input.skipped.length]).toEqual([50, 1, 0]);
    expect(input.notes.join('\n')).not.toContain('formats tried');
  });
});

describe('output to a full device', () => {
  it.skipIf(!existsSync('/dev/full'))('exits 3 with the reason on stderr', () => {
    const log = join(dir, 'u_ex250103.log');
    writeFileSync(log, LOG);
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [CLI, 'report', log], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(result.status).toBe(3);
      expect(result.stderr).toMatch(/^logtally: cannot write the output: no space left on device \(ENOSPC\)\n$/);
    } finally {
      closeSync(full);
    }
  });
});

describe('explain of a code led by no HTTP status', () => {
  it.each(['999.99.99', '999.1', '099.0.0'])('%s is an unknown code, exit 2', async (code) => {
    const result = await runInProcess(['explain', code]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Unknown code .*is not an HTTP status/);
  });

  it('a valid one still exits 0', async () => {
    expect((await runInProcess(['explain', '500.19.13'])).status).toBe(0);
  });
});
