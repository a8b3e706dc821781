#!/usr/bin/env node
// `npm run bench:libraries`: the figures behind the two places logtally does by hand what a library
// of the card does. Tables: a whole table drawn by cli-table3 against src/render/text-table.ts
// (cli-table3 draws the frame, rows are laid out by hand) at growing row counts. Lines: split2
// against src/sources/lines.ts on the same W3C lines. Needs a build (dist/).
// Options: --rows 1000,10000,20000 (default), --lines 1000000 (default), --width 120.
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import Table from 'cli-table3';
import split2 from 'split2';
import { renderTextTable } from '../dist/src/render/text-table.js';
import { LineSplitter } from '../dist/src/sources/lines.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};
const COUNTS = String(option('rows', '1000,10000,20000')).split(',').map(Number);
const LINES = Number(option('lines', 1_000_000));
const WIDTH = Number(option('width', 120));

/** Deterministic rows like a `report --by uri --top 0` table: a URI, a count, a share. */
function rows(n) {
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  return Array.from({ length: n }, (_, i) => [`/api/v${next() % 3}/items/${next() % 100000}/detail?page=${i}`, n - i, (n - i) / (n * n)]);
}

const columns = [
  { name: 'uri', kind: 'text' },
  { name: 'count', kind: 'integer' },
  { name: 'share', kind: 'share' },
];

function wholeCliTable3(body) {
  const table = new Table({
    head: ['uri', 'count', 'share'],
    colWidths: [80, 10, 9],
    wordWrap: false,
    style: { head: [], border: [], compact: true },
  });
  for (const [uri, count, share] of body) table.push([uri, String(count), `${(share * 100).toFixed(1)}%`]);
  return table.toString();
}

const time = (fn) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

const timeAsync = async (fn) => {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
};

/** An IIS line as stdin or a file brings it: 64 KiB chunks, CRLF line ends. */
function w3cChunks(n) {
  const line =
    '2022-08-26 00:00:01 10.0.0.5 GET /default.aspx q=1 443 - 203.0.113.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) https://example.com/ 200 0 0 15\r\n';
  const text = Buffer.from(line.repeat(n));
  const chunks = [];
  for (let i = 0; i < text.length; i += 65536) chunks.push(text.subarray(i, i + 65536));
  return { chunks, mb: text.length / 1e6 };
}

async function countWithSplit2(chunks) {
  let n = 0;
  for await (const _ of Readable.from(chunks).pipe(split2())) n++;
  return n;
}

async function countWithLineSplitter(chunks) {
  let n = 0;
  const splitter = new LineSplitter({ line: () => n++, tooLong: () => {} });
  for await (const chunk of Readable.from(chunks)) splitter.push(chunk);
  splitter.end();
  return n;
}

console.log('| rows | cli-table3, whole table | logtally (cli-table3 frame, rows by hand) |');
console.log('|---:|---:|---:|');
for (const n of COUNTS) {
  const body = rows(n);
  const ours = time(() => renderTextTable({ id: 'uris', title: 'URIs', columns, rows: body, omitted: 0 }, { width: WIDTH, color: false }));
  const theirs = time(() => wholeCliTable3(body));
  console.log(`| ${n.toLocaleString('en-US')} | ${theirs.toFixed(0)} ms | ${ours.toFixed(0)} ms |`);
}

const { chunks, mb } = w3cChunks(LINES);
console.log('');
console.log(`| ${LINES.toLocaleString('en-US')} W3C lines (${mb.toFixed(0)} MB) | split2 | logtally's LineSplitter |`);
console.log('|---|---:|---:|');
for (let run = 1; run <= 2; run++) {
  const theirs = await timeAsync(() => countWithSplit2(chunks));
  const ours = await timeAsync(() => countWithLineSplitter(chunks));
  if (theirs.result !== LINES || ours.result !== LINES) throw new Error(`line counts differ: ${theirs.result}, ${ours.result}`);
  console.log(`| run ${run} | ${theirs.ms.toFixed(0)} ms | ${ours.ms.toFixed(0)} ms |`);
}
