#!/usr/bin/env node
// Time to catch up with --state against a full run: a folder of IIS files (one a day, made by
// gen-logs.mjs and split by day into bench/data/, which is git-ignored) is read once with --state;
// then one new day's file arrives, and `report --state` reads only it. Each timing is the fastest
// of --runs runs, end to end from process start (the state restored before each), and writes its
// section of docs/benchmarks.md (between the state-catch-up markers).
// usage: node bench/state-catch-up.mjs [--files 600] [--lines 10000] [--runs 3] [--prepare 1 (only generate)]
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'bundle', 'src', 'cli', 'main.js');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((a, v, i, arr) => (v.startsWith('--') ? a.concat([[v.slice(2), arr[i + 1]]]) : a), []),
);
const FILES = Number(args.files ?? 600);
const LINES = Number(args.lines ?? 10000);
const RUNS = Number(args.runs ?? 3);
const SEED = 7;
const DATA = join(ROOT, 'bench', 'data', `state-${FILES}x${LINES}`);
const LOGS = join(DATA, 'logs');
/** The day that arrives after the state was written, kept out of the folder until then. */
const LATE = join(DATA, 'late');
const HEADER_FIELDS =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const fmt = (n) => n.toLocaleString('en-US');

/** FILES days of LINES requests each, as IIS names them (u_exYYMMDD.log), the last one held back in LATE. */
async function generate() {
  const done = join(DATA, '.complete');
  if (existsSync(done)) return;
  rmSync(DATA, { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });
  mkdirSync(LATE, { recursive: true });
  process.stderr.write(`generating ${FILES} files of ${fmt(LINES)} lines in ${DATA} …\n`);
  const all = join(DATA, 'all.log');
  const fd = openSync(all, 'w');
  try {
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'bench', 'gen-logs.mjs'),
        '--format',
        'w3c',
        '--lines',
        String(FILES * LINES),
        '--days',
        String(FILES),
        '--seed',
        String(SEED),
      ],
      { stdio: ['ignore', fd, 'inherit'] },
    );
  } finally {
    closeSync(fd);
  }
  // Cut into days, named by day number: a day's first request may carry the last second of the day before.
  let day = [];
  let index = 0;
  const write = () => {
    const date = new Date(Date.UTC(2026, 9, 1 + index)).toISOString().slice(0, 10);
    const name = `u_ex${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}.log`;
    const header = `#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: ${date} 00:00:00\r\n${HEADER_FIELDS}\r\n`;
    writeFileSync(join(index === FILES - 1 ? LATE : LOGS, name), header + day.join(''));
    index++;
    day = [];
  };
  for (const line of eachLine(all)) {
    if (line.startsWith('#')) continue;
    day.push(`${line}\r\n`);
    if (day.length === LINES) write();
  }
  if (day.length > 0) write();
  rmSync(all);
  writeFileSync(done, '');
}

/** The lines of a file, read a chunk at a time. */
function* eachLine(path) {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let rest = '';
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const lines = (rest + buffer.toString('utf8', 0, read)).split('\n');
      rest = lines.pop();
      yield* lines;
    }
  } finally {
    closeSync(fd);
  }
  if (rest !== '') yield rest;
}

/** Fastest wall seconds and largest peak RSS (MB) of RUNS runs, `before` run ahead of each; stdout discarded. */
function measure(argv, before = () => {}) {
  let best = Infinity;
  let rss = 0;
  for (let i = 0; i < RUNS; i++) {
    before();
    const start = process.hrtime.bigint();
    const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, ...argv], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new Error(`${argv.join(' ')} failed: ${run.stderr.slice(-500)}`);
    best = Math.min(best, seconds);
    rss = Math.max(rss, Number(run.stderr.trim().split('\n').pop()) / 1024);
  }
  return { seconds: best, rssMb: rss };
}

const late = () => readdirSync(LATE)[0];
const lateIn = () => readdirSync(LATE).length === 0;
function moveLate(into) {
  if (into) {
    const name = late();
    if (name) renameSync(join(LATE, name), join(LOGS, name));
  } else {
    const name = readdirSync(LOGS).sort().pop();
    if (readdirSync(LATE).length === 0) renameSync(join(LOGS, name), join(LATE, name));
  }
}

const folderBytes = (folder) => readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);

async function main() {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  await generate();
  if (args.prepare !== undefined) return;
  if (lateIn()) moveLate(false);
  const rows = [];
  for (const command of ['report', 'errors']) {
    const state = join(DATA, `${command}.state`);
    const saved = `${state}.before-late`;
    process.stderr.write(`${command}: a state over ${FILES - 1} files …\n`);
    const build = measure([command, LOGS, '--state', state, '--rebuild-state']);
    copyFileSync(state, saved);
    moveLate(true);
    process.stderr.write(`${command}: full run over ${FILES} files …\n`);
    const full = measure([command, LOGS]);
    process.stderr.write(`${command}: catching up one new file …\n`);
    const catchUp = measure([command, LOGS, '--state', state], () => copyFileSync(saved, state));
    process.stderr.write(`${command}: nothing new …\n`);
    const idle = measure([command, LOGS, '--state', state]);
    moveLate(false);
    rows.push({ command, full, build, catchUp, idle, stateBytes: statSync(state).size });
  }
  const start = measure(['--version']);
  const bytes = folderBytes(LOGS) + folderBytes(LATE);
  const pct = (part, whole) => `${((100 * part) / whole).toFixed(1)} %`;
  const section = [
    '<!-- state-catch-up: written by bench/state-catch-up.mjs -->',
    '## Catching up with --state',
    '',
    `\`node bench/state-catch-up.mjs\`: ${FILES} IIS files (one a day, ${fmt(LINES)} lines each, ${fmt(FILES * LINES)} lines,`,
    `${(bytes / 1e9).toFixed(2)} GB; gen-logs.mjs seed ${SEED}). A state is written over ${FILES - 1} files, then one new`,
    "day's file arrives. Fastest of " + `${RUNS} runs, end to end from process start (the state restored before each);`,
    `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; load average ${loadavg()[0].toFixed(1)} when it`,
    `ended (the machine is shared). Starting the process alone (\`logtally --version\`) takes ${start.seconds.toFixed(3)} s of every run.`,
    '',
    '| command | full run, s | first run with --state, s | catch up 1 new file, s | catch-up / full | nothing new, s | state file MB | peak RSS catching up, MB |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.command} | ${r.full.seconds.toFixed(2)} | ${r.build.seconds.toFixed(2)} | ${r.catchUp.seconds.toFixed(3)} | ${pct(r.catchUp.seconds, r.full.seconds)} | ${r.idle.seconds.toFixed(3)} | ${(r.stateBytes / 1e6).toFixed(1)} | ${r.catchUp.rssMb.toFixed(0)} |`,
    ),
    '',
    'A catch-up stats every file, reads none of the unchanged ones, reads the new file whole, merges',
    "the files' saved partial results and writes the state back (atomically, flushed to disk).",
    '<!-- /state-catch-up -->',
  ].join('\n');
  const doc = join(ROOT, 'docs', 'benchmarks.md');
  const text = readFileSync(doc, 'utf8');
  const marked = /<!-- state-catch-up[\s\S]*?<!-- \/state-catch-up -->/;
  writeFileSync(doc, marked.test(text) ? text.replace(marked, section) : `${text.trimEnd()}\n\n${section}\n`);
  process.stdout.write(`${section}\n\nwrote docs/benchmarks.md\n`);
}

await main();
