/**
 * Helpers for the HTML report's tests: an independent W3C counter (split on spaces under the
 * #Fields in force, no logtally code), and a minimal reader of the page's tables and metrics.
 */
import { readFileSync } from 'node:fs';

export interface W3cCounts {
  records: number;
  statuses: Map<string, number>;
  uris: Map<string, number>;
  clients: Map<string, number>;
  /** status.substatus.win32 of records with a status of 400 or more. */
  errorCodes: Map<string, number>;
}

const bump = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

/** Counts a W3C log the simple way: every non-directive line is a record of the #Fields in force. */
export function countW3c(path: string): W3cCounts {
  const counts: W3cCounts = { records: 0, statuses: new Map(), uris: new Map(), clients: new Map(), errorCodes: new Map() };
  let fields: string[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (line.startsWith('#Fields:')) fields = line.slice(8).trim().split(' ');
    if (line.startsWith('#') || line.trim() === '') continue;
    const values = line.split(' ');
    const get = (name: string): string => values[fields.indexOf(name)] ?? '';
    counts.records++;
    bump(counts.statuses, get('sc-status'));
    bump(counts.uris, get('cs-uri-stem'));
    bump(counts.clients, get('c-ip'));
    if (Number(get('sc-status')) >= 400) bump(counts.errorCodes, `${get('sc-status')}.${get('sc-substatus')}.${get('sc-win32-status')}`);
  }
  return counts;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decodeEntities = (html: string): string => html.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);
const textOf = (html: string): string => decodeEntities(html.replace(/<[^>]*>/g, '')).trim();

/** A table's body rows as cell texts, found by its id. */
export function tableRows(html: string, id: string): string[][] {
  const at = html.indexOf(`<table class="data" id="${id}">`);
  if (at === -1) throw new Error(`no table #${id}`);
  const table = html.slice(at, html.indexOf('</table>', at));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]!)),
  );
}

/** The number a `data-metric` element shows. */
export function metric(html: string, name: string): number {
  const match = new RegExp(`data-metric="${name}">([^<]*)<`).exec(html);
  if (!match) throw new Error(`no metric ${name}`);
  return Number(match[1]!.replaceAll(',', ''));
}

export const integer = (text: string): number => Number(text.replaceAll(',', ''));

/** The top `n` of a count map, ties by key as logtally orders them. */
export function topOf(map: Map<string, number>, n: number): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, n);
}

/** Cloudflare-shaped JSON lines whose URIs, hosts, methods and clients are attacks on a page. */
export const HOSTILE_JSON_LINES = [
  '/<script>alert(1)</script>',
  '/"><img src=x onerror=alert(2)>',
  'javascript:alert(3)',
  '/\u202egnp.exe',
  '/\u2066isolate\u2069\u001b[31mred\u0007',
  "/'><svg onload=alert(4)>",
  '/</style><script>alert(5)</script>',
  '/</title></textarea><!--',
]
  .map((uri, i) =>
    JSON.stringify({
      ClientIP: i === 0 ? '<b onmouseover=alert(6)>1.2.3.4' : `203.0.113.${i}`,
      ClientRequestHost: i === 1 ? '"><iframe src=//evil.example>' : 'www.example.com',
      ClientRequestMethod: i === 2 ? '<img/src/onerror=alert(7)>' : 'GET',
      ClientRequestURI: uri,
      EdgeResponseStatus: i % 2 === 0 ? 404 : 500,
      EdgeStartTimestamp: (1712790000 + i * 3600) * 1e9,
      EdgeEndTimestamp: (1712790000 + i * 3600) * 1e9 + 5e6,
    }),
  )
  .join('\n');

const AGENTS = [
  'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/120.0+Safari/537.36',
  'Mozilla/5.0+(compatible;+Googlebot/2.1;++http://www.google.com/bot.html)',
  'Mozilla/5.0+(iPhone;+CPU+iPhone+OS+17_1+like+Mac+OS+X)+AppleWebKit/605.1.15+(KHTML,+like+Gecko)+Version/17.1+Mobile/15E148+Safari/604.1',
  'Mozilla/5.0+(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm)',
  '-',
];
const TIMED_URIS: [string, number][] = [
  ['/home', 40],
  ['/api/search', 30],
  ['/report.aspx', 15],
  ['/wp-login.php', 12],
  ['/.env', 3],
  ['/rare', 2],
];

/**
 * A W3C log for the slow and noise tables: URIs with 2 to 40 requests (the slowest table takes those
 * with 10 or more), time-taken and sc-bytes from a fixed sequence, agents of people and of two
 * crawlers (their own names say "bot"), some without an agent, and two exploit paths.
 */
export function timedW3cLog(): string {
  const lines = [
    '#Software: Microsoft Internet Information Services 10.0',
    '#Fields: date time cs-uri-stem c-ip cs(User-Agent) sc-status sc-bytes time-taken',
  ];
  let i = 0;
  for (const [uri, requests] of TIMED_URIS)
    for (let n = 0; n < requests; n++, i++) {
      const ms = (i * 7919 + uri.length * 131) % (uri === '/report.aspx' ? 9000 : 900);
      const second = String(i % 60).padStart(2, '0');
      lines.push(
        `2021-04-01 10:${String(Math.floor(i / 60)).padStart(2, '0')}:${second} ${uri} 10.0.0.${i % 7} ${AGENTS[i % AGENTS.length]} 200 ${(i * 37) % 5000} ${ms}`,
      );
    }
  return `${lines.join('\n')}\n`;
}
