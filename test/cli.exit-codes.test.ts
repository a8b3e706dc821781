/**
 * Exit codes of the CLI, run in-process (cli.binary.test.ts checks the binary's): 0 ok, 1 data
 * problem, 2 usage error, 3 I/O error (70, a bug: cli.internal-error.isolated.test.ts). Every
 * failure is one message naming the file, never a stack trace (`--debug` adds one).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const temp = mkdtempSync(join(tmpdir(), 'logtally-exit-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const M = 'fixtures/malformed';
const STACK = /\n\s+at .+\(?.*:\d+:\d+\)?/;

/** `lines`: parse errors add a second line pointing at --help. */
async function expectCleanFailure(args: string[], status: number, message: string | RegExp, lines = 1): Promise<void> {
  const result = await runInProcess(args);
  expect(result.status, result.stderr).toBe(status);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
  expect(result.stderr).not.toMatch(STACK);
  expect(result.stderr.trim().split('\n')).toHaveLength(lines);
}

describe('exit codes', () => {
  it('0: malformed lines are reported, not fatal, and the accounting line adds up', async () => {
    const { status, stdout, stderr } = await runInProcess([
      'report',
      `${M}/nul-padding.log`,
      `${M}/truncated-last-line.log`,
      `${M}/binary-garbage.log`,
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('Input: 3 files, 26 lines = 7 records + 16 directives + 0 blank + 3 rejected');
    expect(stdout).toContain('rejected binary: 2');
    expect(stdout).toContain(`${M}/nul-padding.log:11 (control characters in the line (field-count-mismatch)): ${'\uFFFD'.repeat(8)}`);
    expect(stdout).toContain(`${M}/truncated-last-line.log:7 (5 values for 14 #Fields): 2024-03-01 00:00:03 10.0.0.5 GET /cut`);
  });

  it('0: an empty file is a report of zero lines', async () => {
    const { status, stdout } = await runInProcess(['report', `${M}/empty.log`]);
    expect(status).toBe(0);
    expect(stdout).toContain('Input: 1 file, 0 lines = 0 records + 0 directives + 0 blank + 0 rejected');
  });

  it('0: a binary file beside a log is skipped with one line', async () => {
    const { status, stdout } = await runInProcess(['report', `${M}/binary-file.log`, `${M}/empty.log`]);
    expect(status).toBe(0);
    expect(stdout).toContain(`skipped: ${M}/binary-file.log: not a log format logtally knows`);
  });

  it('1: no input could be read as a log', async () =>
    await expectCleanFailure(['report', `${M}/binary-file.log`], 1, `${M}/binary-file.log: not a log format`, 2));

  it('1: several unreadable inputs are a line each, then the formats tried, every line safe', async () => {
    const odd = join(temp, 'odd\nname.log');
    writeFileSync(odd, 'hello\n');
    const result = await runInProcess(['report', `${M}/binary-file.log`, odd]);
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      `logtally: ${M}/binary-file.log: not a log format logtally knows`,
      `logtally: ${temp}/odd\\x0aname.log: not a log format logtally knows`,
      expect.stringMatching(/^logtally: formats tried on the skipped files: httperr, w3c, /),
      '',
    ]);
  });
  it('1: --strict stops at the first rejected line, naming file and line', async () =>
    await expectCleanFailure(
      ['report', '--strict', `${M}/binary-garbage.log`],
      1,
      `logtally: ${M}/binary-garbage.log:6: line rejected (binary`,
    ));

  it('2: usage errors', async () => {
    await expectCleanFailure(['report'], 2, 'no input');
    await expectCleanFailure(['report', '--bogus', 'x.log'], 2, /unknown option --bogus[^\n]*\nRun `logtally report --help`/, 2);
    await expectCleanFailure(['report', '--top', 'many', `${M}/empty.log`], 2, '--top needs a whole number');
    const bare = await runInProcess([]);
    expect([bare.status, bare.stdout]).toEqual([2, '']);
    expect(bare.stderr).toMatch(/^logtally \d[^\n]*\n\nUsage: logtally COMMAND/);
    expect(await runInProcess(['--help'])).toMatchObject({ status: 0, stderr: '' });
    const unknown = await runInProcess(['nonsense']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^logtally: unknown command "nonsense"\n\nlogtally \d/);
  });

  for (const name of ['truncated.log.gz', 'corrupt.log.gz', 'not-gzip.log.gz']) {
    it(`3: ${name} still gets its report, the damage named on stderr`, async () => {
      const result = await runInProcess(['report', `${M}/${name}`, '--format', 'json']);
      expect(result.status, result.stderr).toBe(3);
      expect(JSON.parse(result.stdout).input.damaged[0].file).toBe(`${M}/${name}`);
      expect(result.stderr).toMatch(
        new RegExp(`^logtally report: ${M}/${name}: corrupt or truncated gzip data \\([^\n]*\\) (after line \\d+|at its start)[^\n]*\n$`),
      );
    });
  }
  // corrupt.log.gz inflates to garbled lines before its checksum fails, so --strict stops at the first of them.
  for (const name of ['truncated.log.gz', 'not-gzip.log.gz']) {
    it(`3: ${name} under --strict stops with one line naming the file`, async () =>
      await expectCleanFailure(['report', '--strict', `${M}/${name}`], 3, `logtally: ${M}/${name}: corrupt or truncated gzip data`));
  }
  it('1: corrupt.log.gz under --strict stops at its first garbled line', async () =>
    await expectCleanFailure(['report', '--strict', `${M}/corrupt.log.gz`], 1, `logtally: ${M}/corrupt.log.gz:9678: line rejected`));

  it('3: missing file, empty folder, looping symlink', async () => {
    await expectCleanFailure(
      ['report', join(temp, 'missing.log')],
      3,
      `cannot read ${join(temp, 'missing.log')}: no such file or directory`,
    );
    mkdirSync(join(temp, 'empty'));
    await expectCleanFailure(
      ['report', join(temp, 'empty')],
      3,
      `no log files (*.log, *_log, rotated (*.log.1, *.log-20240101) or .gz) in folder ${join(temp, 'empty')}`,
    );
    symlinkSync('loop.log', join(temp, 'loop.log'));
    await expectCleanFailure(['report', join(temp, 'loop.log')], 3, 'too many symbolic links');
  });

  it('a file name with control characters is shown escaped', async () => {
    const hostile = join(temp, 'evil\u001b]0;pwned\u0007.log');
    await expectCleanFailure(['report', hostile], 3, `cannot read ${join(temp, 'evil\\x1b]0;pwned\\x07.log')}: no such file`);
  });

  it("--debug adds the cause's stack trace", async () => {
    const result = await runInProcess(['report', '--debug', '--strict', `${M}/truncated.log.gz`]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(STACK);
  });

  it('--help of the program and of report documents the exit codes', async () => {
    for (const args of [['--help'], ['report', '--help']]) {
      expect((await runInProcess(args)).stdout).toContain(
        'Exit codes: 0 ok, 1 data problem (--strict reject, no readable log), 2 usage error,\n3 I/O error',
      );
      expect((await runInProcess(args)).stdout).toContain(
        '70 internal error (a bug in logtally: please report it), 130 interrupted (Ctrl-C).',
      );
    }
  });
});

describe('a folder with a symlink loop through the CLI', () => {
  it('terminates and reads each file once', async () => {
    const dir = join(temp, 'looped');
    mkdirSync(join(dir, 'a'), { recursive: true });
    writeFileSync(join(dir, 'a', 'x.log'), '#Fields: date time cs-uri-stem sc-status\n2024-03-01 00:00:00 / 200\n');
    symlinkSync('..', join(dir, 'a', 'parent'));
    const { status, stdout } = await runInProcess(['report', dir]);
    expect(status).toBe(0);
    expect(stdout).toContain('Input: 1 file, 2 lines = 1 record + 1 directive + 0 blank + 0 rejected');
  });
});
