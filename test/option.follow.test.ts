/**
 * `--follow`: the library's rounds (with a fake clock: no waiting), the CLI on a terminal (redrawn
 * in place, Ctrl-C prints the last report and exits 130), and the binary piped (one JSON line per
 * refresh, SIGINT).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { reportJob } from '../src/analyse/analyse.js';
import { run } from '../src/cli/run.js';
import { follow, type Round } from '../src/incremental/follow.js';
import type { Report } from '../src/report/report.js';
import { resolveSources } from '../src/sources/sources.js';
import { CLI, ROOT, runInProcess } from './cli-run.js';

const HEADER =
  '#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-11-01 00:00:00\r\n#Fields: date time cs-method cs-uri-stem c-ip sc-status sc-substatus sc-win32-status time-taken\r\n';
const request = (second: number, status = '200 0 0') =>
  `2026-11-01 00:00:${String(second).padStart(2, '0')} GET / 10.0.0.1 ${status} 15\r\n`;

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function logsFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'logtally-follow-'));
  roots.push(root);
  const logs = join(root, 'logs');
  mkdirSync(logs);
  return logs;
}

/** Resolves once `test` holds, checking every 20 ms; fails after 20 s rather than hang. */
async function until(test: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !test(); waited += 20) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('follow (library)', () => {
  it('reads growth, new files and rotation round by round, then a final round after the stop', async () => {
    const logs = logsFolder();
    const live = join(logs, 'access.log');
    writeFileSync(live, HEADER + request(1));
    const stop = new AbortController();
    const rounds: Round<Report>[] = [];
    let clock = 0;
    // What happens while follow waits: one change per wait.
    const changes = [
      () => appendFileSync(live, request(2, '404 0 2')),
      () => writeFileSync(join(logs, 'other.log'), HEADER + request(3)),
      () => {
        renameSync(live, `${live}.1`);
        appendFileSync(`${live}.1`, request(4, '500 0 0'));
        writeFileSync(live, HEADER.replace('00:00:00', '01:00:00') + request(5));
      },
      () => stop.abort(),
    ];
    const waits: number[] = [];
    const last = await follow({
      sources: () => resolveSources([logs]),
      job: reportJob({ by: [] }),
      refreshMs: 2000,
      signal: stop.signal,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
        changes[waits.length - 1]!();
      },
      onRound: async (round) => {
        rounds.push(round);
      },
    });
    expect(rounds.map((r) => r.result.input.records)).toEqual([1, 2, 3, 5, 5]);
    expect(rounds.map((r) => r.result.input.files)).toEqual([1, 1, 2, 3, 3]);
    expect(rounds.map((r) => r.final)).toEqual([false, false, false, false, true]);
    expect(last?.result.classes).toEqual({ '2xx': 3, '4xx': 1, '5xx': 1 });
    expect(waits).toEqual([2000, 2000, 2000, 2000]);
  });
});

class Screen extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('report --follow on a terminal', () => {
  it('redraws the report in place, and Ctrl-C prints the last one and exits 130, leaving its --state', async () => {
    const logs = logsFolder();
    const state = join(logs, '..', 'follow.state');
    writeFileSync(join(logs, 'u_ex261101.log'), HEADER + request(1));
    const stdout = new Screen();
    const stderr = new Screen();
    let interrupt: (() => void) | undefined;
    const exit = run(['report', logs, '--follow', '--refresh', '1s', '--format', 'json', '--state', state], {
      stdout,
      stderr,
      stdin: Readable.from([]),
      env: { NO_COLOR: '1' },
      stdoutIsTTY: true,
      stderrIsTTY: false,
      columns: 100,
      timeZone: 'UTC',
      onInterrupt: (handler) => {
        interrupt = handler;
      },
    });
    const frames = () => stdout.text.split('\u001b[H\u001b[2J').slice(1);
    await until(() => frames().length >= 1, 'the first frame');
    appendFileSync(join(logs, 'u_ex261101.log'), request(2, '503 0 0'));
    await until(() => frames().some((f) => f.includes('"5xx"')), 'a frame with the new line');
    interrupt!();
    expect(await exit).toBe(130);
    const last = JSON.parse(frames().at(-1)!) as { input: { records: number } };
    expect(last.input.records).toBe(2);
    expect(stderr.text).toBe('');
    // A later run goes on from the state --follow left: one more line, three records.
    appendFileSync(join(logs, 'u_ex261101.log'), request(3));
    const later = await runInProcess(['report', logs, '--format', 'json', '--state', state]);
    expect((JSON.parse(later.stdout) as { input: { records: number } }).input.records).toBe(3);
  }, 30_000);
});

describe('logtally report --follow, piped', () => {
  it('writes one JSON line per refresh and a last one on SIGINT, then exits 130', async () => {
    const logs = logsFolder();
    const log = join(logs, 'u_ex261101.log');
    writeFileSync(log, HEADER + request(1));
    const child = spawn(process.execPath, [CLI, 'report', logs, '--follow', '--refresh', '1s'], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const lines = () => out.split('\n').filter((l) => l !== '');
    const records = () => lines().map((l) => (JSON.parse(l) as { input: { records: number } }).input.records);
    try {
      await until(() => lines().length >= 1, 'the first JSON line');
      appendFileSync(log, request(2, '404 0 2') + request(3));
      await until(() => records().includes(3), 'a line with the new requests');
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    } finally {
      child.kill('SIGKILL');
    }
    expect(out.endsWith('\n')).toBe(true);
    expect(records()[0]).toBe(1);
    expect(records().at(-1)).toBe(3);
  }, 30_000);
});
