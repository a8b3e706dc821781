/**
 * `logtally report` through the built binary: the table, JSON and CSV contracts, inputs (folders,
 * globs, .gz, stdin) and clear errors with documented exit codes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const EDGE = 'fixtures/w3c/plaso-iis10-edge-cases.log';
const MID_FILE = 'fixtures/w3c/beats-fields-change-mid-file.log';

describe('logtally report', () => {
  it('prints the line accounting, classes, decoded codes and error URIs', async () => {
    const { status, stdout, stderr } = await runInProcess(['report', EDGE]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('Input: 1 file, 19 lines = 15 records + 4 directives + 0 blank + 0 rejected');
    expect(stdout).toMatch(/│ 2xx\s+│\s+10 │/);
    expect(stdout).toContain('ERROR_NETNAME_DELETED');
    expect(stdout).toContain('Top URIs among 4xx/5xx');
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('JSON: numeric input accounting that adds up, and decoded groups beside it', async () => {
    const { status, stdout } = await runInProcess(['report', 'fixtures/w3c', '--format', 'json', '--by', 'status,substatus,win32']);
    expect(status).toBe(0);
    const body = JSON.parse(stdout);
    const { files, lines, records, directives, blank, rejected, rejectedByReason } = body.input;
    expect(lines).toBe(records + directives + blank + rejected);
    expect(files).toBeGreaterThan(10);
    expect(rejectedByReason['field-count-mismatch']).toBe(rejected);
    const top = body.groups[0];
    expect(top).toMatchObject({ status: 404, substatus: 0, win32: 2 });
    expect(top.meaning).toMatch(/Not Found/);
    const sum = body.groups.reduce((n: number, g: { count: number }) => n + g.count, 0);
    expect(sum).toBe(records);
  });

  it('CSV: RFC 4180 with a header named after the dimensions, plain numbers, every group', async () => {
    const { status, stdout } = await runInProcess(['report', EDGE, '--by', 'status,substatus,win32', '--format', 'csv']);
    expect(status).toBe(0);
    const rows = stdout.split('\r\n');
    expect(rows[0]).toMatch(/^status,substatus,win32,count,meaning,bytes_sent,/);
    expect(rows.at(-1)).toBe('');
    // Hand-counted from the fixture: 9 × 200.0.0, and one each of the other six combinations.
    expect(rows.slice(1, -1)).toHaveLength(7);
    expect(rows[1]).toMatch(/^200,0,0,9,OK/);
    expect(stdout).toContain('401,1,214784354254,1,');
  });

  it('groups by day and hour as ISO-8601 UTC', async () => {
    const { stdout } = await runInProcess(['report', MID_FILE, '--by', 'hour', '--format', 'csv']);
    const firstTwo = (line: string): string => line.split(',').slice(0, 2).join(',');
    expect(stdout.split('\r\n').slice(0, 4).map(firstTwo)).toEqual([
      'hour,count',
      '2018-01-01T08:00:00Z,1',
      '2018-01-01T09:00:00Z,1',
      '2018-01-01T10:00:00Z,1',
    ]);
  });

  it('reads stdin, .gz files and globs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logtally-'));
    const text = readFileSync(EDGE);
    writeFileSync(join(dir, 'u_ex220101.log.gz'), gzipSync(text));
    const fromStdin = await runInProcess(['report', '-', '--format', 'json'], { input: text });
    const fromGzip = await runInProcess(['report', join(dir, 'u_ex220101.log.gz'), '--format', 'json']);
    const fromGlob = await runInProcess(['report', `${dir}/*.log.gz`, '--format', 'json']);
    for (const result of [fromStdin, fromGzip, fromGlob]) {
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout).input).toMatchObject({ lines: 19, records: 15 });
    }
  });

  it('--top cuts groups; 0 lists all', async () => {
    const cut = await runInProcess(['report', EDGE, '--by', 'code', '--format', 'json', '--top', '2']);
    const all = await runInProcess(['report', EDGE, '--by', 'code', '--format', 'json', '--top', '0']);
    expect(JSON.parse(cut.stdout).groups).toHaveLength(2);
    expect(JSON.parse(all.stdout).groups).toHaveLength(7);
  });

  it('a missing file: one line naming it, exit 3, no stack trace', async () => {
    const { status, stderr, stdout } = await runInProcess(['report', 'no/such/u_ex.log']);
    expect(status).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toBe('logtally: cannot read no/such/u_ex.log: no such file or directory\n');
  });

  it('usage errors exit 2 with a hint', async () => {
    expect((await runInProcess(['report', EDGE, '--by', 'colour'])).status).toBe(2);
    expect((await runInProcess(['report', EDGE, '--bogus'])).status).toBe(2);
    expect((await runInProcess(['report'])).status).toBe(2);
    expect((await runInProcess(['frobnicate'])).status).toBe(2);
    const { stderr } = await runInProcess(['report', EDGE, '--by', 'colour']);
    expect(stderr).toContain('unknown --by dimension "colour"');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--help shows options and examples', async () => {
    const { status, stdout } = await runInProcess(['report', '--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('--by DIMS');
  });
});
