/**
 * Spawns the `logtally` bin (dist/bundle, built by `npm test`'s pretest) the way a user runs it: ~300 ms a
 * call, so only where the process itself is under test (signals, pipes, exit status, process TZ).
 */
import { spawnSync } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const CLI = join(ROOT, 'dist', 'bundle', 'src', 'cli', 'main.js');
/** The built library (tsc's output), for tests that need worker threads, which cannot load TypeScript. */
export const DIST_SRC = join(ROOT, 'dist', 'src');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input: options.input,
    env: { ...process.env, TZ: 'UTC', NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs a command in this process through the CLI's exported `run(argv, io)`: the same glue as the
 * binary minus the process start, so most CLI tests pay milliseconds instead of a Node start-up.
 */
export async function runInProcess(
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string>; columns?: number; stdoutIsTTY?: boolean } = {},
): Promise<CliResult> {
  const { run } = await import('../src/cli/run.js');
  const stdout = new Collector();
  const stderr = new Collector();
  const env: Record<string, string | undefined> = { ...process.env, TZ: 'UTC', NO_COLOR: '1', ...options.env };
  const status = await run(args, {
    stdout,
    stderr,
    stdin: Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]),
    env,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: false,
    columns: options.columns ?? (Number(env.COLUMNS) || 120),
    timeZone: env.TZ ?? 'UTC',
  });
  await Promise.all([stdout.finished(), stderr.finished()]);
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

/** A Writable that keeps what it is given, as a pipe to the test would. */
class Collector extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    done();
  }
  finished(): Promise<void> {
    return new Promise((resolve) => {
      if (this.writableFinished || this.writableLength === 0) resolve();
      else this.once('drain', () => resolve());
    });
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
