#!/usr/bin/env node
// `npm run bench`: generates deterministic logs (bench/gen-logs.mjs, --seed), then times logtally and
// the baselines on the same files in the same run, and writes docs/benchmarks.md.
// Each command runs RUNS times; the fastest wall time counts (other load on the machine only ever
// slows a run down) and the largest peak RSS. Timing and RSS come from GNU time (/usr/bin/time).
// Options: --lines N (default 2000000), --big-lines N (RSS check, default 10000000; 0 skips it),
// --runs N (default 3), --seed S (default 1), --no-build.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, totalmem, release, availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'bench', 'data');
const CLI = join(ROOT, 'dist', 'bundle', 'src', 'cli', 'main.js');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const LINES = option('lines', 2_000_000);
const BIG_LINES = option('big-lines', 10_000_000);
const RUNS = option('runs', 3);
const SEED = option('seed', 1);

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const firstLine = (command, flag) => {
  const out = spawnSync(command, [flag], { encoding: 'utf8' });
  return (
    `${out.stdout}${out.stderr}`
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '?'
  );
};

/** `file` under bench/data, written once by the generator `script` (bench/) with `args`, then reused. */
function generated(file, script, args) {
  if (existsSync(file) && statSync(file).size > 0) return file;
  process.stderr.write(`generating ${file} …\n`);
  const fd = openSync(file, 'w');
  try {
    execFileSync(process.execPath, [join(ROOT, 'bench', script), ...args], { stdio: ['ignore', fd, 'inherit'] });
  } finally {
    closeSync(fd);
  }
  return file;
}

const generate = (format, lines, days = 1) =>
  generated(join(DATA, `${format}-${lines}-seed${SEED}${days === 1 ? '' : `-${days}days`}.log`), 'gen-logs.mjs', [
    '--format',
    format,
    '--lines',
    String(lines),
    '--seed',
    String(SEED),
    '--days',
    String(days),
  ]);

/** A log of `lines` requests, each URI and client distinct (bench/gen-high-cardinality.mjs), over `days` days. */
const generateHighCardinality = (lines, days) =>
  generated(join(DATA, `high-cardinality-${lines}-${days}days.log`), 'gen-high-cardinality.mjs', [
    '--lines',
    String(lines),
    '--days',
    String(days),
  ]);

/** Fastest wall seconds and largest peak RSS (MB) of RUNS runs; stdout discarded. */
function measure(argv) {
  let best = Infinity;
  let rss = 0;
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync('/usr/bin/time', ['-f', '%e %M', ...argv], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 26,
    });
    const last = run.stderr.trim().split('\n').pop() ?? '';
    const [seconds, kb] = last.split(' ').map(Number);
    if (run.status !== 0 || !Number.isFinite(seconds)) throw new Error(`${argv.join(' ')} failed: ${run.stderr.slice(-500)}`);
    best = Math.min(best, seconds);
    rss = Math.max(rss, kb / 1024);
  }
  return { seconds: best, rssMb: rss };
}

const logtally = (...rest) => [process.execPath, CLI, ...rest];

function cases(w3c, combined, nginx) {
  const errorsBuilt = existsSync(join(ROOT, 'dist', 'src', 'cli', 'commands', 'errors.js'));
  const list = [
    { name: 'logtally report', file: w3c, argv: logtally('report', w3c) },
    { name: 'logtally report --threads 1', file: w3c, argv: logtally('report', w3c, '--threads', '1') },
    {
      name: 'logtally errors',
      file: w3c,
      argv: errorsBuilt ? logtally('errors', w3c) : undefined,
      pending: 'logtally errors not built yet',
    },
    { name: 'logtally report --by uri', file: w3c, argv: logtally('report', w3c, '--by', 'uri') },
    { name: 'logtally records --format csv', file: w3c, argv: logtally('records', w3c, '--format', 'csv') },
    { name: 'logtally records --format ndjson', file: w3c, argv: logtally('records', w3c, '--format', 'ndjson') },
    { name: 'logtally records --format csv --threads 1', file: w3c, argv: logtally('records', w3c, '--format', 'csv', '--threads', '1') },
    { name: 'logtally report --overview', file: w3c, argv: logtally('report', w3c, '--overview') },
    {
      name: 'mawk (count sc-status)',
      file: w3c,
      argv: has('mawk') ? ['mawk', '{c[$12]++} END{for(k in c) print k, c[k]}', w3c] : undefined,
      pending: 'mawk not installed',
    },
    { name: 'naive Node split-per-line', file: w3c, argv: [process.execPath, join(ROOT, 'bench', 'naive-count.mjs'), w3c, '11'] },
    {
      name: 'lnav (status counts, headless)',
      file: w3c,
      argv: has('lnav') ? ['lnav', '-n', '-c', ';SELECT sc_status, count(*) FROM w3c_log GROUP BY sc_status', w3c] : undefined,
      pending: 'lnav not installed',
    },
    {
      name: 'GoAccess (W3C)',
      file: w3c,
      argv: has('goaccess')
        ? ['goaccess', w3c, '--log-format=W3C', '--date-format=%Y-%m-%d', '--time-format=%H:%M:%S', '-o', join(DATA, 'goaccess-w3c.csv')]
        : undefined,
      pending: 'goaccess not installed',
    },
    { name: 'logtally report (combined)', file: combined, argv: logtally('report', combined) },
    { name: 'logtally report --threads 1 (combined)', file: combined, argv: logtally('report', combined, '--threads', '1') },
    {
      name: 'mawk (combined, count status)',
      file: combined,
      argv: has('mawk') ? ['mawk', '{c[$9]++} END{for(k in c) print k, c[k]}', combined] : undefined,
      pending: 'mawk not installed',
    },
    {
      name: 'lnav (combined)',
      file: combined,
      argv: has('lnav') ? ['lnav', '-n', '-c', ';SELECT sc_status, count(*) FROM access_log GROUP BY sc_status', combined] : undefined,
      pending: 'lnav not installed',
    },
    {
      name: 'GoAccess (combined)',
      file: combined,
      argv: has('goaccess') ? ['goaccess', combined, '--log-format=COMBINED', '-o', join(DATA, 'goaccess-combined.csv')] : undefined,
      pending: 'goaccess not installed',
    },
    { name: 'logtally report (nginx main)', file: nginx, argv: logtally('report', nginx) },
    {
      name: 'mawk (nginx main, count status)',
      file: nginx,
      argv: has('mawk') ? ['mawk', '{c[$9]++} END{for(k in c) print k, c[k]}', nginx] : undefined,
      pending: 'mawk not installed',
    },
  ];
  return list;
}

function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return [
    `- CPU: ${cpu}, ${availableParallelism()} cores available; ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM; Linux ${release()}`,
    `- Node ${process.version}; logtally ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}`,
    `- mawk: ${has('mawk') ? firstLine('mawk', '-Wv') : 'not installed'}`,
    `- lnav: ${has('lnav') ? firstLine('lnav', '-V') : 'not installed'}`,
    `- GoAccess: ${has('goaccess') ? firstLine('goaccess', '-V') : 'not installed'}`,
  ];
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

/**
 * Keeps the comparison honest: logtally's status counts must equal mawk's count of the same
 * column (data lines only) on the same file, or the timings compare different work.
 */
function checkAgainstMawk(file, column = 12) {
  if (!has('mawk')) return 'mawk not installed: status counts not compared';
  const awk = spawnSync('mawk', [`!/^#/ {c[$${column}]++} END {for (k in c) print k "," c[k]}`, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const ours = spawnSync(process.execPath, [CLI, 'report', file, '--by', 'status', '--format', 'csv'], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const counts = (text, skipHeader) =>
    text
      .trim()
      .split(/\r?\n/)
      .slice(skipHeader ? 1 : 0)
      .map((l) => l.split(',').slice(0, 2).join(','))
      .sort()
      .join(' ');
  const equal = counts(awk.stdout, false) === counts(ours.stdout, true);
  if (!equal) throw new Error(`status counts differ: mawk ${counts(awk.stdout, false)} vs logtally ${counts(ours.stdout, true)}`);
  return `status counts of logtally report --by status equal mawk's count of column ${column} (${counts(awk.stdout, false).split(' ').length} statuses)`;
}

/** The fastest mawk run on `file`, the floor the targets are set against. */
const mawkSeconds = (rows, file) => rows.find((r) => r.file === file && r.name.startsWith('mawk'))?.seconds;

/**
 * Issue 18's targets, each with what this run measured and whether it is met: read off the tables
 * above, so the status is never a claim the numbers do not show.
 */
function targets(rows, peaks, { w3c, combined, nginx }) {
  const seconds = (name) => rows.find((r) => r.name === name)?.seconds;
  const checks = [];
  const rate = (name, floor) => {
    const s = seconds(name);
    if (s !== undefined)
      checks.push([`\`${name.replace('logtally ', '')}\` ≥ ${fmt(floor)} lines/s`, `${fmt(LINES / s)}`, LINES / s >= floor]);
  };
  const vsMawk = (name, file, most) => {
    const s = seconds(name);
    const floor = mawkSeconds(rows, file);
    // A floor too short to time (a tiny --lines) gives no ratio.
    if (s !== undefined && floor)
      checks.push([`\`${name.replace('logtally ', '')}\` ≤ ${most}× mawk`, `${(s / floor).toFixed(2)}×`, s / floor <= most]);
  };
  rate('logtally records --format csv', 1_000_000);
  rate('logtally records --format ndjson', 700_000);
  vsMawk('logtally report (combined)', combined, 1.5);
  vsMawk('logtally report (nginx main)', nginx, 1.5);
  vsMawk('logtally errors', w3c, 1.3);
  vsMawk('logtally report --by uri', w3c, 1.2);
  const ours = [...peaks, ...rows.filter((r) => r.name.startsWith('logtally')).map((r) => r.rssMb)];
  if (ours.length > 0) {
    const most = Math.max(...ours);
    checks.push(['peak RSS ≤ 256 MB in every logtally row', `${most.toFixed(0)} MB at most`, most <= 256]);
  }
  if (checks.length === 0) return [];
  return [
    '## Targets (issue 18)',
    '',
    'Read off the tables above, fastest runs against fastest runs.',
    '',
    '| target | this run | met |',
    '|---|--:|---|',
    ...checks.map(([target, got, met]) => `| ${target} | ${got} | ${met ? 'yes' : '**no**'} |`),
    '',
  ];
}

/** Text after this line in docs/benchmarks.md is kept when the file is rewritten (hand-written comparisons). */
const KEPT_MARK = '<!-- kept by bench/run.mjs: text below is not regenerated -->';
const keptText = () => {
  const path = join(ROOT, 'docs', 'benchmarks.md');
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(KEPT_MARK);
  return at === -1 ? [] : ['', text.slice(at).trimEnd()];
};

function main() {
  if (!args.includes('--no-build')) execFileSync('npx', ['tsc', '-p', ROOT], { stdio: 'inherit', cwd: ROOT });
  mkdirSync(DATA, { recursive: true });
  const w3c = generate('w3c', LINES);
  const combined = generate('combined', LINES);
  const nginx = generate('nginx', LINES);
  const rows = [];
  const skipped = [];
  for (const c of cases(w3c, combined, nginx)) {
    if (c.argv === undefined) {
      skipped.push(`${c.name}: ${c.pending}`);
      process.stderr.write(`skip ${c.name} (${c.pending})\n`);
      continue;
    }
    process.stderr.write(`timing ${c.name} …\n`);
    rows.push({ ...c, ...measure(c.argv) });
  }
  const reference = (file) => rows.find((r) => r.file === file && r.name.startsWith('logtally report') && !r.name.includes('--'))?.seconds;
  const ratio = (seconds, ref) => (ref ? `${(seconds / ref).toFixed(2)}x` : '');
  const table = [
    '| command | input | lines/s | wall s | peak RSS MB | time vs logtally report | time vs mawk |',
    '|---|---|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.file === w3c ? 'W3C' : r.file === nginx ? 'nginx main' : 'combined'} | ${fmt(LINES / r.seconds)} | ${r.seconds.toFixed(2)} | ${r.rssMb.toFixed(0)} | ${ratio(r.seconds, reference(r.file))} | ${ratio(r.seconds, mawkSeconds(rows, r.file))} |`,
    ),
  ];
  const rss = [];
  /** Peak RSS of every memory row, for the targets. */
  const peaks = [];
  if (BIG_LINES > 0) {
    const big = generate('w3c', BIG_LINES);
    const memoryCases = [
      ['logtally report', []],
      ['logtally errors', []],
      ['logtally errors --interval 1m', ['--interval', '1m']],
      ['logtally report --by uri', ['--by', 'uri']],
      ['logtally records --format csv', ['--format', 'csv']],
    ];
    rss.push(
      `| command | ${fmt(LINES)} lines: peak RSS MB | ${fmt(BIG_LINES)} lines: peak RSS MB | ${fmt(BIG_LINES)} lines: lines/s |`,
      '|---|--:|--:|--:|',
    );
    for (const [name, extra] of memoryCases) {
      process.stderr.write(`timing RSS of ${name} on both files …\n`);
      const small = rows.find((r) => r.name === name) ?? measure(logtally(name.split(' ')[1], w3c, ...extra));
      const large = measure(logtally(name.split(' ')[1], big, ...extra));
      rss.push(`| ${name} | ${small.rssMb.toFixed(0)} | ${large.rssMb.toFixed(0)} | ${fmt(BIG_LINES / large.seconds)} |`);
      peaks.push(small.rssMb, large.rssMb);
    }
    const month = generate('w3c', LINES, 30);
    process.stderr.write('timing RSS of errors --interval 1m over 30 days …\n');
    const monthly = measure(logtally('errors', month, '--interval', '1m'));
    peaks.push(monthly.rssMb);
    rss.push(
      `| logtally errors --interval 1m, 30 days | ${monthly.rssMb.toFixed(0)} | | ${fmt(LINES / monthly.seconds)} (${fmt(LINES)} lines) |`,
    );
    // Every URI and client distinct: the inputs whose tables grow with the input, not with its variety.
    const distinct = generateHighCardinality(LINES, 1);
    const distinctMonth = generateHighCardinality(LINES, 30);
    for (const [name, file, args] of [
      ['logtally errors, all distinct', distinct, ['errors']],
      ['logtally report --by uri, all distinct', distinct, ['report', '--by', 'uri']],
      ['logtally errors --interval 1m, all distinct, 30 days', distinctMonth, ['errors', '--interval', '1m']],
    ]) {
      process.stderr.write(`timing RSS of ${name} …\n`);
      const run = measure(logtally(args[0], file, ...args.slice(1)));
      peaks.push(run.rssMb);
      rss.push(`| ${name} | ${run.rssMb.toFixed(0)} | | ${fmt(LINES / run.seconds)} (${fmt(LINES)} lines) |`);
    }
  }
  const agreement = [checkAgainstMawk(w3c), checkAgainstMawk(combined, 9), checkAgainstMawk(nginx, 9)].join('; ');
  const doc = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.mjs); numbers from the last run. Each command runs',
    `${RUNS} times on the same generated files (bench/gen-logs.mjs, seed ${SEED}, ${fmt(LINES)} lines each);`,
    'the fastest wall time and the largest peak RSS are shown (GNU time). Output goes to /dev/null.',
    '',
    '## Machine',
    '',
    ...machine(),
    '',
    '## Throughput',
    '',
    ...table,
    '',
    ...(skipped.length > 0 ? ['Skipped:', '', ...skipped.map((s) => `- ${s}`), ''] : []),
    ...(rss.length > 0
      ? [
          '## Memory and input size',
          '',
          'The W3C file and a larger one from the same generator, covering the same day, and the same number',
          'of lines spread over 30 days. Every table is bounded (docs/memory.md): count tables by keys and key',
          'length, `errors` by groups (a time series widens its buckets past 10,000 groups, and says so).',
          '',
          ...rss,
          '',
        ]
      : []),
    ...targets(rows, peaks, { w3c, combined, nginx }),
    '## What is measured',
    '',
    '- `logtally report`: the default report (status classes, status.substatus.win32 with meanings, top error URIs), end to end from process start; worker threads by default on inputs over 64 MB.',
    '- `mawk`: counting one column (`$12`, sc-status), no header handling: the floor for "read every line".',
    "- naive Node: readline + `split(' ')` per line, counting one column.",
    '- lnav: headless SQL query over its W3C/access log table. GoAccess: its full report written as CSV.',
    '- `records`: every record written as CSV or NDJSON to /dev/null, on worker threads by default (rows in input order, byte-identical to `--threads 1`).',
    `- Check: ${agreement}.`,
    ...keptText(),
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), doc);
  process.stdout.write(
    `${table.join('\n')}\n${rss.length ? `\n${rss.join('\n')}\n` : ''}${skipped.length ? `\nskipped: ${skipped.join('; ')}\n` : ''}\nwrote docs/benchmarks.md\n`,
  );
}

main();
