/**
 * `--state FILE` on report and errors: what each run reads, how moved and replaced files are
 * recognised, and when a state is refused. Expected counts are counted by hand from the lines
 * each test writes.
 */
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { reportJob } from '../src/analyse/analyse.js';
import { catchUp } from '../src/incremental/catch-up.js';
import { loadState, writeFileAtomic, type StateKey } from '../src/incremental/state-file.js';
import type { Report } from '../src/report/report.js';
import { fileSource } from '../src/sources/sources.js';
import { runInProcess } from './cli-run.js';

const HEADER =
  '#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-11-01 00:00:00\r\n#Fields: date time cs-method cs-uri-stem c-ip sc-status sc-substatus sc-win32-status time-taken\r\n';
const request = (second: number, status = '200 0 0', uri = '/') =>
  `2026-11-01 00:00:${String(second).padStart(2, '0')} GET ${uri} 10.0.0.1 ${status} 15\r\n`;

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function folder(): { root: string; logs: string; state: string } {
  const root = mkdtempSync(join(tmpdir(), 'logtally-state-'));
  roots.push(root);
  const logs = join(root, 'logs');
  mkdirSync(logs);
  return { root, logs, state: join(root, 'report.state') };
}

interface JsonReport {
  input: { files: number; lines: number; records: number; directives: number; rejected: number };
  classes: { class: string; count: number }[];
}

async function report(args: string[]): Promise<JsonReport> {
  const result = await runInProcess(['report', ...args, '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as JsonReport;
}

const countOf = (r: JsonReport, cls: string): number => r.classes.find((c) => c.class === cls)?.count ?? 0;

describe('report --state', () => {
  it('reads only the lines added since the last run and reports over all of them', async () => {
    const { logs, state } = folder();
    const log = join(logs, 'u_ex261101.log');
    writeFileSync(log, HEADER + request(1) + request(2, '404 0 2'));
    const first = await report([logs, '--state', state]);
    expect(first.input).toMatchObject({ files: 1, lines: 6, records: 2, directives: 4 });
    const added = request(3, '500 0 0') + request(4);
    appendFileSync(log, added);
    const job = reportJob({ by: [] });
    const saved = await loadState<Report>(state, JSON.parse(readFileSync(state, 'utf8').split('\n')[0]!) as StateKey);
    const caught = await catchUp([fileSource(log)], saved, job);
    expect(caught.read).toEqual({ files: 1, bytes: Buffer.byteLength(added) });
    const second = await report([logs, '--state', state]);
    expect(second.input).toMatchObject({ files: 1, lines: 8, records: 4, directives: 4 });
    expect([countOf(second, '2xx'), countOf(second, '4xx'), countOf(second, '5xx')]).toEqual([2, 1, 1]);
  });

  it('leaves a line still being written for the run after it ends', async () => {
    const { logs, state } = folder();
    const log = join(logs, 'u_ex261101.log');
    const last = request(2, '404 0 2');
    writeFileSync(log, HEADER + request(1) + last.slice(0, 20));
    expect((await report([logs, '--state', state])).input.records).toBe(1);
    appendFileSync(log, last.slice(20));
    const after = await report([logs, '--state', state]);
    expect(after.input).toMatchObject({ records: 2, rejected: 0 });
    expect(countOf(after, '4xx')).toBe(1);
  });

  it('does not count a file twice when it is renamed and compressed after being read', async () => {
    const { logs, state } = folder();
    const log = join(logs, 'access.log');
    writeFileSync(log, HEADER + request(1) + request(2) + request(3, '503 0 0'));
    await report([logs, '--state', state]);
    // logrotate: rename, a new file for the server, then compress the rotated one.
    renameSync(log, `${log}.1`);
    appendFileSync(`${log}.1`, request(4, '401 2 5'));
    writeFileSync(log, HEADER + request(5));
    writeFileSync(`${log}.1.gz`, gzipSync(readFileSync(`${log}.1`)));
    rmSync(`${log}.1`);
    const after = await report([logs, '--state', state]);
    expect(after.input).toMatchObject({ files: 2, records: 5 });
    expect([countOf(after, '2xx'), countOf(after, '4xx'), countOf(after, '5xx')]).toEqual([3, 1, 1]);
  });

  it('does not count a rotated file twice when its gzip takes the inode of an empty file that was deleted', async () => {
    // logrotate with compress, after a rotation that left an empty file: the empty .2 and the .1
    // are replaced by .gz files, which the file system may give the freed inodes to.
    const { logs, state } = folder();
    const log = join(logs, 'access.log');
    writeFileSync(`${log}.2`, '');
    writeFileSync(`${log}.1`, HEADER + request(1));
    writeFileSync(log, '');
    await report([logs, '--state', state]);
    for (const n of [2, 1]) {
      writeFileSync(`${log}.${n}.gz`, gzipSync(readFileSync(`${log}.${n}`)));
      rmSync(`${log}.${n}`);
    }
    const after = await report([logs, '--state', state]);
    const whole = await report([logs]);
    expect(after.input).toMatchObject({ files: 3, records: 1 });
    expect(after.input).toEqual(whole.input);
  });

  it('reads a truncated file from its start and keeps what was read before', async () => {
    const { logs, state } = folder();
    const log = join(logs, 'access.log');
    writeFileSync(log, HEADER + request(1) + request(2) + request(3));
    await report([logs, '--state', state]);
    truncateSync(log, 0);
    writeFileSync(log, HEADER.replace('00:00:00', '06:00:00') + request(9, '500 0 0'));
    const after = await report([logs, '--state', state]);
    expect(after.input.records).toBe(4);
    expect(countOf(after, '5xx')).toBe(1);
  });

  it('picks up new files in the folder and keeps files that are gone', async () => {
    const { logs, state } = folder();
    writeFileSync(join(logs, 'u_ex261101.log'), HEADER + request(1) + request(2));
    await report([logs, '--state', state]);
    writeFileSync(join(logs, 'u_ex261102.log'), HEADER + request(3, '404 0 2'));
    rmSync(join(logs, 'u_ex261101.log'));
    const after = await report([logs, '--state', state]);
    expect(after.input).toMatchObject({ files: 2, records: 3 });
  });

  it('reads on in an access log, and reads a JSON log again from its start when it grows', async () => {
    const { logs, state } = folder();
    const access = join(logs, 'access.log');
    const json = join(logs, 'app_json.log');
    const line = (status: number) => `10.0.0.1 - - [01/Nov/2026:00:00:01 +0000] "GET / HTTP/1.1" ${status} 12 "-" "curl"\n`;
    const jsonLine = (status: number) => `{"time":"2026-11-01T00:00:01Z","status":${status},"uri":"/","method":"GET"}\n`;
    writeFileSync(access, line(200) + line(404));
    writeFileSync(json, jsonLine(200));
    await report([logs, '--state', state]);
    appendFileSync(access, line(500));
    appendFileSync(json, jsonLine(503));
    const after = await report([logs, '--state', state]);
    expect(after.input).toMatchObject({ files: 2, records: 5 });
    expect([countOf(after, '2xx'), countOf(after, '4xx'), countOf(after, '5xx')]).toEqual([2, 1, 2]);
  });

  it('writes the state atomically: no temporary file is left beside it', async () => {
    const { root, logs, state } = folder();
    writeFileSync(join(logs, 'u_ex261101.log'), HEADER + request(1));
    await report([logs, '--state', state]);
    await report([logs, '--state', state]);
    expect(readdirSync(root).sort()).toEqual(['logs', 'report.state']);
    const lines = readFileSync(state, 'utf8').trimEnd().split('\n');
    // A header (the offset is the 197 bytes of HEADER and one 47-byte request), then a partial result per file.
    expect(JSON.parse(lines[0]!)).toMatchObject({ logtally: 'state', command: 'report', files: [{ offset: 197 + 47, lines: 5 }] });
    expect(lines.length).toBe(2);
  });

  it('leaves the old file whole when the new one cannot take its place', async () => {
    const { root } = folder();
    const target = join(root, 'busy');
    mkdirSync(target);
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow(/cannot write/);
    expect(readdirSync(root).sort()).toEqual(['busy', 'logs']);
  });
});

describe('refusing a state', () => {
  const refused = async (args: string[], message: RegExp) => {
    const result = await runInProcess(['report', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  };

  it('written for other options, until --rebuild-state starts it afresh', async () => {
    const { logs, state } = folder();
    writeFileSync(join(logs, 'u_ex261101.log'), HEADER + request(1) + request(2, '404 0 2'));
    await report([logs, '--state', state]);
    await refused(
      [logs, '--state', state, '--by', 'status'],
      /state file .* was written for other options: by \[\] \(now \["status"\]\).*--rebuild-state/,
    );
    await refused([logs, '--state', state, '--status', '4xx'], /filters \{\} \(now \{"status":"4xx"\}\)/);
    const rebuilt = await report([logs, '--state', state, '--by', 'status', '--rebuild-state']);
    expect(rebuilt.input.records).toBe(2);
    const again = await report([logs, '--state', state, '--by', 'status']);
    expect(again.input.records).toBe(2);
  });

  it('written by another version, or for another command', async () => {
    const { logs, state } = folder();
    writeFileSync(join(logs, 'u_ex261101.log'), HEADER + request(1));
    await report([logs, '--state', state]);
    const errors = await runInProcess(['errors', logs, '--state', state]);
    expect(errors.status).toBe(2);
    expect(errors.stderr).toMatch(/written by `logtally report`, not `logtally errors`/);
    writeFileSync(state, readFileSync(state, 'utf8').replace(/"tool":"[^"]*"/, '"tool":"0.0.1"'));
    await refused([logs, '--state', state], /written by logtally 0\.0\.1; this is logtally /);
  });

  it('that is not a state', async () => {
    const { logs, state } = folder();
    writeFileSync(join(logs, 'u_ex261101.log'), HEADER + request(1));
    writeFileSync(state, '{"logtally":"report"');
    await refused([logs, '--state', state], /is not a logtally state \(not JSON\)/);
    writeFileSync(state, '{"logtally":"report","version":1}');
    await refused([logs, '--state', state], /is not a logtally state;/);
    await report([logs, '--state', state, '--rebuild-state']);
    writeFileSync(state, readFileSync(state, 'utf8').split('\n')[0]!);
    await refused([logs, '--state', state], /is damaged: 0 partial results for 1;/);
  });

  it('with options that cannot be kept up', async () => {
    const { logs, state } = folder();
    writeFileSync(join(logs, 'u_ex261101.log'), HEADER + request(1));
    await refused([logs, '--state', state, '--since', '24h'], /--state needs a fixed --since .*"24h" would move at every run/);
    await refused(['-', '--state', state], /--state reads files and folders, not stdin/);
    await refused([logs, '--rebuild-state'], /--rebuild-state needs --state FILE/);
    await refused([logs, '--refresh', '5s'], /--refresh needs --follow/);
    await refused([logs, '--follow', '--format', 'csv'], /--follow writes a table on a terminal/);
    await refused([logs, '--follow', '--refresh', 'soon'], /--refresh needs a span like 2s/);
  });
});
