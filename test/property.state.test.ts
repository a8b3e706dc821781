/**
 * --state: any split of a folder's history into runs gives exactly the report of one run over
 * everything. A history writes real IIS fixtures (fixtures/w3c) and generated lines into log
 * files a chunk at a time (a line may be left half written until the next chunk), rotates them as
 * logrotate does (rename with .1, .2 … shifted up; copytruncate; gzip of a rotated file) and as IIS
 * does (a new file per day), and runs `report --state` and `errors --state` at random points. After
 * the last run, the reports must equal one run without state over the final folder, JSON for
 * JSON: counts, rejected samples, first examples with their file names and line numbers.
 */
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';
import { runs } from './helpers/exhaustive.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'w3c');
/** Each fixture as it would be when complete: every line ends with a newline. */
const FIXTURE_TEXTS = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.log'))
  .sort()
  .map((name) => {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    return text.endsWith('\n') ? text : `${text}\n`;
  });

/** An IIS day of generated lines: header, then requests with errors among them. */
const generated = fc
  .array(
    fc.record({
      second: fc.nat(59),
      uri: fc.constantFrom('/', '/api/orders', '/login', '/img/a.png', '/%C3%A9t%C3%A9'),
      code: fc.constantFrom('200 0 0', '404 0 2', '500 19 13', '401 2 5', '503 0 0', '304 0 0'),
      client: fc.constantFrom('10.0.0.1', '10.0.0.2', '2001:db8::1'),
      ms: fc.nat(5000),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map(
    (requests) =>
      `#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-11-01 00:00:00\r\n#Fields: date time cs-method cs-uri-stem c-ip sc-status sc-substatus sc-win32-status time-taken\r\n${requests
        .map((r) => `2026-11-01 00:00:${String(r.second).padStart(2, '0')} GET ${r.uri} ${r.client} ${r.code} ${r.ms}\r\n`)
        .join('')}`,
  );

const content = fc.oneof(fc.constantFrom(...FIXTURE_TEXTS), generated);

type Op =
  | { kind: 'append'; bytes: number }
  | { kind: 'run' }
  | { kind: 'rotate' }
  | { kind: 'copytruncate' }
  | { kind: 'gzip' }
  | { kind: 'new-day' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 900 }).map((bytes): Op => ({ kind: 'append', bytes })) },
  { weight: 3, arbitrary: fc.constant<Op>({ kind: 'run' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'rotate' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'copytruncate' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'gzip' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'new-day' }) },
);

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/**
 * A log folder written over time. One file is live; what is left of its text is written in
 * chunks that may end mid-line. Rotation finishes the line being written first, as a server
 * finishes its write before reopening (a line cut in two by copytruncate is a known limit).
 */
class History {
  readonly folder: string;
  private live: string;
  private pending = '';
  private day = 0;
  private clock = 1_800_000_000;

  constructor(
    root: string,
    private readonly texts: string[],
  ) {
    this.folder = join(root, 'logs');
    this.live = this.startDay();
  }

  private startDay(): string {
    const path = join(this.folder, `u_ex2611${String(++this.day).padStart(2, '0')}.log`);
    this.pending = this.texts[(this.day - 1) % this.texts.length]!;
    this.write(path, '', 'w');
    return path;
  }

  /** Every write at a later second, as a real server's would be: modification times are part of what a run compares. */
  private write(path: string, text: string, mode: 'a' | 'w' = 'a'): void {
    if (mode === 'w') writeFileSync(path, text);
    else appendFileSync(path, text);
    this.clock += 1;
    utimesSync(path, this.clock, this.clock);
  }

  append(bytes: number): void {
    const chunk = this.pending.slice(0, bytes);
    this.pending = this.pending.slice(bytes);
    this.write(this.live, chunk);
  }

  /** Writes up to the end of the line being written. */
  finishLine(): void {
    const end = this.pending.indexOf('\n') + 1;
    const text = readFileSync(this.live, 'utf8');
    if (text.length > 0 && !text.endsWith('\n') && end > 0) this.append(end);
  }

  /** Renames live → .1 (shifting .1 → .2 …), and the server goes on in a new file under the live name. */
  rotate(copy: boolean): void {
    this.finishLine();
    const names = readdirSync(this.folder);
    const rotated = (n: number) => names.find((name) => name === `${this.baseName}.${n}` || name === `${this.baseName}.${n}.gz`);
    let top = 0;
    while (rotated(top + 1) !== undefined) top++;
    for (let n = top; n >= 1; n--) {
      const name = rotated(n)!;
      renameSync(join(this.folder, name), join(this.folder, name.replace(`.log.${n}`, `.log.${n + 1}`)));
    }
    if (copy) {
      copyFileSync(this.live, `${this.live}.1`);
      truncateSync(this.live, 0);
      this.clock += 1;
      utimesSync(this.live, this.clock, this.clock);
    } else {
      renameSync(this.live, `${this.live}.1`);
      this.write(this.live, '', 'w');
    }
    this.pending = this.texts[this.day % this.texts.length]!.replace(/^#Date: .*$/m, `#Date: 2026-11-0${this.day % 9} 12:00:00`);
  }

  private get baseName(): string {
    return this.live.slice(this.folder.length + 1);
  }

  /** Compresses the oldest plain rotated file, as logrotate's compress does. */
  gzip(): void {
    const plain = readdirSync(this.folder)
      .filter((name) => /\.log\.\d+$/.test(name))
      .sort((a, b) => Number(b.split('.').pop()) - Number(a.split('.').pop()));
    if (plain.length === 0) return;
    const path = join(this.folder, plain[0]!);
    writeFileSync(`${path}.gz`, gzipSync(readFileSync(path)));
    rmSync(path);
  }

  newDay(): void {
    this.finishLine();
    this.live = this.startDay();
  }

  /** The end of the story: every line written whole. */
  finish(): void {
    this.finishLine();
  }
}

const COMMANDS = [
  ['report', '--by', 'status,uri', '--format', 'json'],
  ['errors', '--format', 'json'],
];

async function check(texts: string[], ops: Op[]): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'logtally-state-'));
  roots.push(root);
  mkdirSync(join(root, 'logs'));
  const history = new History(root, texts);
  const incremental = async () => {
    for (const [i, args] of COMMANDS.entries()) {
      const result = await runInProcess([...args, history.folder, '--state', join(root, `${i}.state`), '--threads', '1']);
      // 1: nothing readable yet (a file holding half a header line).
      expect([0, 1]).toContain(result.status);
    }
  };
  for (const step of ops) {
    if (step.kind === 'append') history.append(step.bytes);
    else if (step.kind === 'run') await incremental();
    else if (step.kind === 'rotate') history.rotate(false);
    else if (step.kind === 'copytruncate') history.rotate(true);
    else if (step.kind === 'gzip') history.gzip();
    else history.newDay();
  }
  history.finish();
  for (const [i, args] of COMMANDS.entries()) {
    const state = join(root, `${i}.state`);
    const last = await runInProcess([...args, history.folder, '--state', state, '--threads', '1']);
    const whole = await runInProcess([...args, history.folder, '--threads', '1']);
    expect(last.status).toBe(whole.status);
    expect(last.stderr).toBe(whole.stderr);
    if (whole.status !== 0) continue;
    expect(JSON.parse(last.stdout)).toEqual(JSON.parse(whole.stdout));
    expect(existsSync(state)).toBe(true);
  }
}

describe('--state over any split of a history into runs', () => {
  it('gives the report of one run over the final folder', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(content, { minLength: 1, maxLength: 4 }), fc.array(op, { minLength: 1, maxLength: 25 }), check),
      { numRuns: runs(25, 60) },
    );
  }, 120_000);
});
