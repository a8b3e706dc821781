/**
 * Gzip on stdin: a pipe has no `.gz` name, so the first two bytes (0x1f 0x8b) decide, and corrupt or
 * truncated data reads as a damaged `.gz` file does: the lines before the damage, the damage named.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyse, streamSource } from '../src/index.js';
import { runCli, runInProcess } from './cli-run.js';

const GZ = 'fixtures/apache/elastic-apache-logs.log.gz';
const LOG = '#Fields: date time cs-uri-stem sc-status\n2024-03-01 00:00:00 /a 404\n';

describe('gzip on stdin', () => {
  // Through a real stdin pipe of the built binary: the one place gzip meets process.stdin.
  it('reads as the same file would', async () => {
    const fromStdin = runCli(['report', '-', '--format', 'json'], { input: readFileSync(GZ) });
    expect(fromStdin.status, fromStdin.stderr).toBe(0);
    const fromFile = JSON.parse((await runInProcess(['report', GZ, '--format', 'json'])).stdout);
    const { input, ...tables } = JSON.parse(fromStdin.stdout);
    const { input: fileInput, ...fileTables } = fromFile;
    expect(tables).toEqual(fileTables);
    expect(input.lines).toBe(fileInput.lines);
  });

  it('plain text, a single byte and nothing at all still read as text', async () => {
    expect(JSON.parse((await runInProcess(['report', '-', '--format', 'json'], { input: LOG })).stdout).input.records).toBe(1);
    expect((await runInProcess(['report', '-'], { input: '\x1f' })).status).toBe(1);
    expect((await runInProcess(['report', '-'], { input: '' })).stdout).toContain('Input: 1 file, 0 lines');
  });

  it('corrupt or truncated gzip on stdin: report of what was read, exit 3, one line naming the damage', async () => {
    const whole = gzipSync(LOG);
    for (const input of [
      whole.subarray(0, whole.length - 10),
      Buffer.concat([whole.subarray(0, 10), Buffer.from('garbage garbage garbage')]),
    ]) {
      const result = await runInProcess(['report', '-', '--format', 'json'], { input });
      expect(result.status).toBe(3);
      expect(JSON.parse(result.stdout).input.damaged).toHaveLength(1);
      expect(result.stderr).toMatch(/^logtally report: -: corrupt or truncated gzip data \([^\n]*\) [^\n]*\n$/);
      expect((await runInProcess(['report', '-', '--strict'], { input })).stderr).toMatch(
        /^logtally: -: corrupt or truncated gzip data \([^\n]*\)\n$/,
      );
    }
  });

  it('the library detects it too, split over chunks', async () => {
    const whole = gzipSync(LOG);
    const stream = Readable.from([whole.subarray(0, 1), whole.subarray(1, 5), whole.subarray(5)]);
    expect((await analyse([streamSource('-', stream)])).codes).toEqual({ '404': 1 });
  });
});
