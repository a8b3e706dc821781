#!/usr/bin/env node
// High-cardinality W3C log for memory bounds (docs/memory.md): every line has its own URI and its
// own client, so every count table runs into its key cap. A third of the lines are errors, spread
// over 25 status.substatus.win32 codes; --days spreads them in time for `errors --interval`.
// usage: gen-high-cardinality.mjs --lines N [--days D] [--uri-chars C] > file.log   (writes to stdout)
const args = Object.fromEntries(
  process.argv.slice(2).reduce((a, v, i, arr) => (v.startsWith('--') ? a.concat([[v.slice(2), arr[i + 1]]]) : a), []),
);
const lines = Number(args.lines ?? 2_000_000);
const days = Number(args.days ?? 1);
const uriChars = Number(args['uri-chars'] ?? 40);
const start = Date.UTC(2026, 9, 1);
const step = (days * 86_400_000) / lines;
const codes = Array.from({ length: 25 }, (_, i) => `${[400, 401, 403, 404, 500][i % 5]} ${i % 3} ${i}`);
const pad = 'p'.repeat(Math.max(0, uriChars - 20));
const iso = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const out = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  `#Date: ${iso(start)}`,
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status sc-bytes time-taken',
];
let buffered = out.join('\n') + '\n';
for (let i = 0; i < lines; i++) {
  const client = `${10 + ((i >>> 24) & 0xff)}.${(i >>> 16) & 0xff}.${(i >>> 8) & 0xff}.${i & 0xff}`;
  const code = i % 3 === 0 ? codes[((i / 3) % codes.length) | 0] : '200 0 0';
  buffered += `${iso(start + i * step)} 10.0.0.5 GET /item/${i}/${pad} - 443 - ${client} Mozilla/5.0 ${code} ${1000 + (i % 5000)} ${(i * 7) % 3000}\n`;
  if (buffered.length > 1 << 20) {
    process.stdout.write(buffered);
    buffered = '';
  }
}
process.stdout.write(buffered);
