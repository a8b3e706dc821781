/**
 * The CLI in a pipeline: a reader that stops early (`| head`, EPIPE) and Ctrl-C end it quietly,
 * and a slow reader applies backpressure (writeText waits for drain) instead of unbounded buffering.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeText } from '../src/cli/output.js';
import { CLI, ROOT } from './cli-run.js';

const temp = mkdtempSync(join(tmpdir(), 'logtally-pipes-'));
const big = join(temp, 'big.log');
beforeAll(() => {
  // Enough distinct URIs that `--by uri --top 0` is far bigger than a pipe buffer (64 KiB).
  const lines = ['#Fields: date time cs-uri-stem sc-status'];
  for (let i = 0; i < 60_000; i++) lines.push(`2024-03-01 00:00:00 /page/${i} 200`);
  writeFileSync(big, `${lines.join('\n')}\n`);
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the CLI in a pipeline', () => {
  // CSV: the table renderer is slow on 60,000 rows (cli-table3 lays out in quadratic time).
  it("`… | head -1` exits 0 with nothing on stderr (EPIPE is the reader's choice)", () => {
    const script = `node "${CLI}" report "${big}" --by uri --top 0 --format csv 2>"${temp}/err" | head -1; echo "\${PIPESTATUS[0]}"`;
    const result = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const [first, status] = result.stdout.split('\n');
    expect(first).toMatch(/^uri,count,bytes_sent,/);
    expect(status).toBe('0');
    expect(spawnSync('cat', [`${temp}/err`], { encoding: 'utf8' }).stdout).toBe('');
  });

  it('`records` into a file writes every record with nothing on stderr (no listener warnings)', () => {
    const out = join(temp, 'records.ndjson');
    const script = `node "${CLI}" records "${big}" > "${out}" 2>"${temp}/records-err"; echo $?; wc -l < "${out}"`;
    const result = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stdout.split('\n').map((l) => l.trim())).toEqual(['0', '60000', '']);
    expect(spawnSync('cat', [`${temp}/records-err`], { encoding: 'utf8' }).stdout).toBe('');
  });

  it('Ctrl-C (SIGINT) exits 130 quietly', async () => {
    const child = spawn(process.execPath, [CLI, 'report', '-'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Before its handler is installed (module loading) SIGINT kills by signal, so wait until it
    // reads: more than a pipe holds, written while stdin stays open, drains only once the CLI reads
    // stdin, which it does after installing the handler, however slowly the machine starts it.
    const lines = `#Fields: date time cs-uri-stem sc-status\n${'2024-03-01 00:00:00 / 200\n'.repeat(40_000)}`;
    if (!child.stdin.write(lines)) await new Promise((resolve) => child.stdin.once('drain', resolve));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toBe('');
  });

  it('a reader that pauses still gets the whole output', async () => {
    const child = spawn(process.execPath, [CLI, 'report', big, '--by', 'uri', '--max-groups', '60000', '--top', '0', '--format', 'csv'], {
      cwd: ROOT,
    });
    child.stdout.pause();
    await sleep(300);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(out.split('\r\n').filter((l) => l !== '')).toHaveLength(60_001);
  });
});

/** A writable that accepts one small chunk at a time, when told to. */
function slowWritable(highWaterMark: number) {
  const pending: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark,
    write(_chunk, _encoding, done) {
      pending.push(done);
    },
  });
  return { stream, drainOne: () => pending.shift()?.() };
}

describe('writeText', () => {
  it('waits for drain when the reader is slow, instead of piling up writes', async () => {
    const { stream, drainOne } = slowWritable(16);
    let settled = false;
    const written = writeText(stream, 'x'.repeat(1000)).then(() => (settled = true));
    await sleep(10);
    expect(settled).toBe(false);
    drainOne();
    await written;
    expect(settled).toBe(true);
  });

  it('leaves no listeners behind, however many writes a stream takes', async () => {
    const sink = new Writable({ write: (_c, _e, done) => setImmediate(done) });
    for (let i = 0; i < 1000; i++) await writeText(sink, `line ${i}\n`);
    expect([sink.listenerCount('error'), sink.listenerCount('close'), sink.listenerCount('drain')]).toEqual([0, 0, 0]);
  });

  it('rejects on a write error (EPIPE) and settles when the stream closes without draining', async () => {
    const failing = new Writable({
      highWaterMark: 1,
      write: (_c, _e, done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
    });
    await expect(writeText(failing, 'data')).rejects.toMatchObject({ code: 'EPIPE' });
    const { stream } = slowWritable(1);
    const written = writeText(stream, 'data');
    stream.destroy();
    await expect(written).resolves.toBeUndefined();
  });
});
