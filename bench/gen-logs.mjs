#!/usr/bin/env node
// Deterministic synthetic web-server log generator, copied from the shared measuring tool
// ../shared/tools/gen-logs.mjs so a clean clone can run `npm run bench` (keep the two in step).
// usage: gen-logs.mjs --format w3c|combined|nginx --lines N [--seed S] [--days D]
// nginx is the `main` log_format of nginx's packaged nginx.conf: combined + "$http_x_forwarded_for".
// Writes to stdout. Status mix weighted like a busy IIS site with a realistic tail of errors.
const args = Object.fromEntries(
  process.argv.slice(2).reduce((a, v, i, arr) => (v.startsWith('--') ? a.concat([[v.slice(2), arr[i + 1]]]) : a), []),
);
const format = args.format ?? 'w3c';
const lines = Number(args.lines ?? 100000);
let seed = Number(args.seed ?? 42) >>> 0;
const days = Number(args.days ?? 1);
const rnd = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const weighted = (pairs) => {
  const total = pairs.reduce((s, p) => s + p[1], 0);
  let r = rnd() * total;
  for (const p of pairs) {
    if ((r -= p[1]) < 0) return p[0];
  }
  return pairs[pairs.length - 1][0];
};
const outcomes = [
  [[200, 0, 0], 7400],
  [[304, 0, 0], 800],
  [[301, 0, 0], 150],
  [[302, 0, 0], 200],
  [[206, 0, 0], 40],
  [[200, 0, 64], 60],
  [[200, 0, 1236], 30],
  [[200, 0, 995], 10],
  [[404, 0, 2], 500],
  [[404, 0, 3], 40],
  [[404, 7, 0], 10],
  [[404, 11, 0], 5],
  [[404, 3, 50], 5],
  [[401, 2, 5], 300],
  [[401, 1, 2148074254], 60],
  [[401, 3, 5], 10],
  [[403, 14, 0], 30],
  [[403, 4, 5], 10],
  [[403, 18, 0], 3],
  [[405, 0, 1], 20],
  [[400, 0, 0], 20],
  [[413, 1, 0], 3],
  [[412, 0, 0], 5],
  [[500, 0, 0], 60],
  [[500, 19, 13], 15],
  [[500, 21, 0], 3],
  [[500, 37, 0], 2],
  [[500, 30, 0], 2],
  [[502, 3, 12030], 20],
  [[502, 5, 0], 5],
  [[503, 0, 0], 15],
  [[503, 2, 0], 10],
  [[504, 0, 0], 5],
];
const stems = [
  '/',
  '/default.aspx',
  '/index.html',
  '/api/orders',
  '/api/orders/123',
  '/api/customers',
  '/login.aspx',
  '/Content/site.css',
  '/Scripts/jquery-3.6.0.min.js',
  '/images/logo.png',
  '/favicon.ico',
  '/health',
  '/reports/monthly.aspx',
  '/wp-login.php',
  '/admin/',
  '/api/v2/search',
  '/signalr/negotiate',
];
const queries = [
  '-',
  '-',
  '-',
  '-',
  'id=42',
  'q=caf%C3%A9&page=2',
  'returnUrl=%2Fadmin',
  'v=1.2.3',
  'X-ARR-LOG-ID=2f6c1e3a-0b9e-4b1a-9d5b-7e1c9a2b3c4d',
];
const agents = [
  'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/120.0.0.0+Safari/537.36',
  'Mozilla/5.0+(Macintosh;+Intel+Mac+OS+X+14_1)+AppleWebKit/605.1.15+(KHTML,+like+Gecko)+Version/17.1+Safari/605.1.15',
  'Mozilla/5.0+(compatible;+Googlebot/2.1;++http://www.google.com/bot.html)',
  'curl/8.4.0',
  'Mozilla/5.0+(X11;+Linux+x86_64;+rv:121.0)+Gecko/20100101+Firefox/121.0',
  '-',
  'AlwaysOn',
];
const referers = ['-', '-', 'https://www.example.com/', 'https://www.google.com/', 'https://intranet.contoso.local/home'];
const methods = [
  ['GET', 85],
  ['POST', 10],
  ['HEAD', 2],
  ['PUT', 1],
  ['DELETE', 1],
  ['OPTIONS', 1],
];
const users = ['-', '-', '-', '-', 'CONTOSO\\alice', 'bob@contoso.com'];
const ips = Array.from(
  { length: 5000 },
  () => `${10 + Math.floor(rnd() * 200)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${1 + Math.floor(rnd() * 254)}`,
);
const start = Date.UTC(2026, 9, 1);
const span = days * 86400000;
const out = [];
const flush = () => {
  if (out.length) {
    process.stdout.write(out.join(''));
    out.length = 0;
  }
};
const pad = (n, w = 2) => String(n).padStart(w, '0');
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
if (format === 'w3c') {
  out.push(
    '#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: 2026-10-01 00:00:00\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n',
  );
}
for (let i = 0; i < lines; i++) {
  const t = new Date(start + Math.floor((i / lines) * span));
  const [status, sub, win32] = weighted(outcomes);
  const method = weighted(methods);
  const stem = pick(stems);
  const q = pick(queries);
  const ip = pick(ips);
  const ua = pick(agents);
  const taken = Math.floor(-Math.log(1 - rnd()) * (status >= 500 ? 900 : 60));
  if (format === 'w3c') {
    const d = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
    const tm = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
    out.push(
      `${d} ${tm} 10.0.0.5 ${method} ${stem} ${q} 443 ${pick(users)} ${ip} ${ua} ${pick(referers)} ${status} ${sub} ${win32} ${taken}\n`,
    );
  } else {
    const ts = `${pad(t.getUTCDate())}/${months[t.getUTCMonth()]}/${t.getUTCFullYear()}:${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} +0000`;
    const bytes = status === 304 ? '-' : String(200 + Math.floor(rnd() * 50000));
    const path = q === '-' ? stem : `${stem}?${q}`;
    const line = `${ip} - - [${ts}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "${pick(referers)}" "${ua.replace(/\+/g, ' ')}"`;
    out.push(format === 'nginx' ? `${line} "${rnd() < 0.3 ? pick(ips) : '-'}"\n` : `${line}\n`);
  }
  if (out.length >= 10000) flush();
}
flush();
