#!/usr/bin/env node
// `node bench/clickhouse-load.mjs --to URL [--lines N] [--seed S]`: throughput of `logtally load`
// into a running ClickHouse server, next to `logtally records` on the same file, and the row
// format comparison behind src/clickhouse/row-encoder.ts: the time to encode the same records as
// TabSeparated and as RowBinary, and the server's time to take each body. Prints Markdown.
// Needs a built tree (npm run build) and a server that may get databases named bench_*.
// --write puts the result in docs/benchmarks.md's "ClickHouse load" section (replaced, or added at the end).
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'bundle', 'src', 'cli', 'main.js');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const URL_ = option('to', 'http://127.0.0.1:8123');
const LINES = Number(option('lines', 1_000_000));
const SEED = option('seed', '1');

const { readRecords } = await import(join(ROOT, 'dist/src/analyse/analyse.js'));
const { resolveSources } = await import(join(ROOT, 'dist/src/sources/sources.js'));
const { tsvRow } = await import(join(ROOT, 'dist/src/clickhouse/row-encoder.js'));
const { REQUEST_COLUMNS, FIELD_COLUMNS, FIELD_OF_COLUMN, mergeTreeTable } = await import(join(ROOT, 'dist/src/clickhouse/schema.js'));
const { ClickHouseClient } = await import(join(ROOT, 'dist/src/clickhouse/client.js'));

const data = join(ROOT, 'bench', 'data');
mkdirSync(data, { recursive: true });
const file = join(data, `w3c-${LINES}-seed${SEED}.log`);
if (!existsSync(file) || statSync(file).size === 0) {
  const fd = openSync(file, 'w');
  execFileSync(process.execPath, [join(ROOT, 'bench', 'gen-logs.mjs'), '--format', 'w3c', '--lines', String(LINES), '--seed', SEED], {
    stdio: ['ignore', fd, 'inherit'],
  });
  closeSync(fd);
}

const wall = (argv) => {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [CLI, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(process.hrtime.bigint() - start) / 1e9;
};

const client = new ClickHouseClient(URL_);
const database = `bench_${Date.now()}`;
const records = wall(['records', file, '--format', 'ndjson']);
const load = wall(['load', file, '--to', URL_, '--database', database]);
const again = wall(['load', file, '--to', URL_, '--database', database]);
utimesSync(file, new Date(), new Date());
const touched = wall(['load', file, '--to', URL_, '--database', database]);
const [[rows]] = await client.query(`SELECT count() FROM ${database}.requests`);

// RowBinary for the same columns, for the comparison only.
function varint(n, out) {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}
class Binary {
  buffer = Buffer.alloc(1 << 24);
  at = 0;
  ensure(n) {
    if (this.at + n <= this.buffer.length) return;
    const bigger = Buffer.alloc(Math.max(this.buffer.length * 2, this.at + n));
    this.buffer.copy(bigger, 0, 0, this.at);
    this.buffer = bigger;
  }
  string(text) {
    const length = Buffer.byteLength(text);
    this.ensure(length + 10);
    const bytes = [];
    varint(length, bytes);
    for (const b of bytes) this.buffer[this.at++] = b;
    this.at += this.buffer.write(text, this.at);
  }
  u8(n) {
    this.ensure(1);
    this.buffer[this.at++] = n;
  }
  u16(n) {
    this.ensure(2);
    this.at = this.buffer.writeUInt16LE(n, this.at);
  }
  u32(n) {
    this.ensure(4);
    this.at = this.buffer.writeUInt32LE(n, this.at);
  }
  u64(n) {
    this.ensure(8);
    this.at = this.buffer.writeBigUInt64LE(BigInt(n), this.at);
  }
  f64(n) {
    this.ensure(8);
    this.at = this.buffer.writeDoubleLE(n, this.at);
  }
}
const WRITE = { 'Nullable(String)': 'string', 'Nullable(UInt16)': 'u16', 'Nullable(UInt64)': 'u64', 'Nullable(Float64)': 'f64' };
function binaryRow(out, { record, file: f, line, format }) {
  const t = record.timestamp ?? 0;
  out.u32(Math.floor(t / 1000));
  out.u16(t % 1000);
  const keys = [];
  const values = [];
  for (const c of FIELD_COLUMNS) {
    const v = record[c.field];
    if (v === undefined) out.u8(1);
    else {
      out.u8(0);
      out[WRITE[c.type]](v);
    }
  }
  for (const k in record) {
    if (k === 'timestamp' || FIELD_OF_COLUMN.has(k)) continue;
    keys.push(k);
    values.push(String(record[k]));
  }
  for (const list of [keys, values]) {
    const bytes = [];
    varint(list.length, bytes);
    for (const b of bytes) out.u8(b);
    for (const s of list) out.string(s);
  }
  out.string(f);
  out.u64(line);
  out.string(format);
  out.string('');
}

// The comparison runs on the first 100,000 records: enough to time, few enough to hold in memory.
const all = [];
for await (const r of readRecords(await resolveSources([file]), {})) if (all.length < 100_000) all.push(r);
const time = (fn) => {
  const start = process.hrtime.bigint();
  const result = fn();
  return [Number(process.hrtime.bigint() - start) / 1e9, result];
};
const [tsvSeconds, tsv] = time(() => {
  const buffers = [];
  let chunk = '';
  for (const r of all) {
    chunk += tsvRow(r);
    if (chunk.length < 65_536) continue;
    buffers.push(Buffer.from(chunk));
    chunk = '';
  }
  buffers.push(Buffer.from(chunk));
  return Buffer.concat(buffers);
});
const [binarySeconds, binary] = time(() => {
  const out = new Binary();
  for (const r of all) binaryRow(out, r);
  return out.buffer.subarray(0, out.at);
});
await client.execute(mergeTreeTable(`${database}.scratch`));
const columns = REQUEST_COLUMNS.map(([n]) => n).join(', ');
const insert = async (format, body) => {
  const start = process.hrtime.bigint();
  await client.insert(`INSERT INTO ${database}.scratch (${columns}) FORMAT ${format}`, body);
  return Number(process.hrtime.bigint() - start) / 1e9;
};
const tsvInsert = await insert('TabSeparated', tsv);
const binaryInsert = await insert('RowBinary', binary);
await client.execute(`DROP DATABASE ${database}`);

const [[version]] = await client.query('SELECT version()');
const rate = (n, s) => Math.round(n / s).toLocaleString('en-US');
const section = `## ClickHouse load

Written by \`node bench/clickhouse-load.mjs --to URL --lines ${LINES} --write\` (one run each, wall time from
process start): ClickHouse ${version} on the same machine (${URL_}), ${LINES.toLocaleString('en-US')} generated W3C lines
(seed ${SEED}), ${rows} rows stored; machine load average ${loadavg()[0].toFixed(1)} when it ran, so compare
rows within the table rather than with the sections above.

| command | wall s | records/s |
|---|---|---|
| logtally records --format ndjson > /dev/null | ${records.toFixed(2)} | ${rate(LINES, records)} |
| logtally load (new database) | ${load.toFixed(2)} | ${rate(LINES, load)} |
| logtally load again (file unchanged: not read) | ${again.toFixed(2)} | ${rate(LINES, again)} |
| logtally load again after touching the file (read, every line already loaded) | ${touched.toFixed(2)} | ${rate(LINES, touched)} |

| row format (100,000 rows) | encode s (JavaScript) | body MB | server insert s |
|---|---|---|---|
| TabSeparated | ${tsvSeconds.toFixed(2)} | ${(tsv.length / 1e6).toFixed(1)} | ${tsvInsert.toFixed(2)} |
| RowBinary | ${binarySeconds.toFixed(2)} | ${(binary.length / 1e6).toFixed(1)} | ${binaryInsert.toFixed(2)} |
`;
console.log(section);
if (args.includes('--write')) {
  const path = join(ROOT, 'docs', 'benchmarks.md');
  const doc = readFileSync(path, 'utf8');
  const start = doc.indexOf('## ClickHouse load');
  const end = start === -1 ? -1 : doc.indexOf('\n## ', start + 1);
  const before = start === -1 ? `${doc.trimEnd()}\n\n` : doc.slice(0, start);
  writeFileSync(path, `${before}${section}${end === -1 ? '' : doc.slice(end)}`);
}
