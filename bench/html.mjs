#!/usr/bin/env node
// `node bench/html.mjs [--lines N] [--days D] [--runs R]`: what `--format html` costs. Generates a
// multi-day W3C log (bench/gen-logs.mjs, seed 1), then times in this process, single-threaded, the
// scans behind `report --format json`, `errors --format json` and the page (one scan gathering
// both and traffic and the timeline), and the page build itself (renderHtml over the gathered
// data). Fastest of R runs, in wall time and in CPU time (user + system of this process: on a
// shared machine the wall time mostly measures the neighbours); prints a Markdown table for
// docs/benchmarks.md and the page's size.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const LINES = option('lines', 2_000_000);
const DAYS = option('days', 7);
const RUNS = option('runs', 3);

const data = join(ROOT, 'bench', 'data');
mkdirSync(data, { recursive: true });
const file = join(data, `w3c-${LINES}-days${DAYS}-seed1.log`);
if (!existsSync(file) || statSync(file).size === 0) {
  const fd = openSync(file, 'w');
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, 'bench', 'gen-logs.mjs'), '--format', 'w3c', '--lines', String(LINES), '--days', String(DAYS), '--seed', '1'],
      {
        stdio: ['ignore', fd, 'inherit'],
      },
    );
  } finally {
    closeSync(fd);
  }
}

const lib = await import(join(ROOT, 'dist', 'src', 'index.js'));
const { renderReport } = lib;
const sources = () => lib.resolveSources([file]);

async function best(label, task) {
  let fastest = Infinity;
  let leastCpu = Infinity;
  let result;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    result = await task();
    const cpu = process.cpuUsage(cpuStart);
    fastest = Math.min(fastest, performance.now() - start);
    leastCpu = Math.min(leastCpu, (cpu.user + cpu.system) / 1000);
  }
  process.stderr.write(`${label}: ${(fastest / 1000).toFixed(2)} s wall, ${(leastCpu / 1000).toFixed(2)} s CPU\n`);
  return { ms: fastest, cpu: leastCpu, result };
}

const options = { threads: 1, localOffsetMinutes: 0 };
const report = await best('report scan + json', async () => renderReport(await lib.analyse(await sources(), options), { format: 'json' }));
const errors = await best('errors scan + json', async () =>
  lib.renderErrors(await lib.analyseErrors(await sources(), options), { format: 'json' }),
);
const scan = await best('page scan', async () => lib.analysePage(await sources(), options));
const build = await best('page build', async () => lib.renderHtml(scan.result, { top: 25 }));
const size = Buffer.byteLength(build.result);
const s = (ms) => (ms / 1000).toFixed(2);
const pct = (part, whole) => `${((part / whole) * 100).toFixed(1)}%`;
const row = (what, r, extra = '') => `| ${what} | ${s(r.ms)} | ${s(r.cpu)}${extra} |`;
process.stdout.write(`| step (${LINES.toLocaleString('en-US')} W3C lines over ${DAYS} days, --threads 1) | wall s | CPU s |
|---|--:|--:|
${row('`report --format json`: scan and render', report)}
${row('`errors --format json`: scan and render', errors)}
${row('`--format html`: one scan gathering report, errors, traffic and timeline', scan)}
${row('`--format html`: page build (renderHtml)', build, ` (${pct(build.cpu, scan.cpu + build.cpu)} of the html run)`)}
| report json + errors json, as two runs | ${s(report.ms + errors.ms)} | ${s(report.cpu + errors.cpu)} |

Page size: ${size.toLocaleString('en-US')} bytes (default --top 25).
`);
