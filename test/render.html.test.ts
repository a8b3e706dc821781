/**
 * `--format html` without a browser: escaping of hostile log text, the page's structure (one
 * script and one style, both allowed by the hashes in its CSP; captions, scopes, SVG titles), and
 * its numbers against counts made independently of logtally.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { text } from '../src/render/html/escape.js';
import { runInProcess } from './cli-run.js';
import { countW3c, HOSTILE_JSON_LINES, integer, metric, tableRows, timedW3cLog, topOf } from './html-page.js';

const BASIC = 'fixtures/reports/errors-basic.log';

const page = async (args: string[]): Promise<string> => {
  const result = await runInProcess(['report', ...args, '--format', 'html']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
};

describe('text(): log strings made inert', () => {
  it('escapes markup so no tag or attribute can start', () => {
    expect(text('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text('"><img src=x onerror=alert(1)>')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(text("' autofocus onfocus='x")).toBe('&#39; autofocus onfocus=&#39;x');
    expect(text('a&b')).toBe('a&amp;b');
  });

  it('shows control bytes and bidi overrides as visible escapes', () => {
    expect(text('evil\u001b[31m\u0007')).toBe('evil\\x1b[31m\\x07');
    expect(text('\u202egnp.exe')).toBe('\\u202egnp.exe');
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'])
      expect(text(`x${c}y`)).toBe(`x\\u${c.charCodeAt(0).toString(16)}y`);
    expect(text('a\u2028b\u0085c\u007f')).toBe('a\\u2028b\\x85c\\x7f');
  });

  it('leaves ordinary text alone, numbers as digits', () => {
    expect(text('/api/orders?id=5 é 日本')).toBe('/api/orders?id=5 é 日本');
    expect(text(1234)).toBe('1234');
    expect(text(null)).toBe('');
  });
});

describe('--format html: page structure', () => {
  it('one style and one script, each allowed by its hash in a CSP that forbids every fetch', async () => {
    const html = await page([BASIC]);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(html.match(/<script/g)).toHaveLength(1);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    const hash = (s: string): string => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${hash(styles[0]![1]!)}`);
    expect(csp).toContain(`script-src ${hash(scripts[0]![1]!)}`);
    expect(csp).not.toContain('unsafe');
    // Nothing the page could fetch: no src, no external href, no url() or @import in the CSS.
    expect(html).not.toMatch(/\ssrc=/);
    expect([...html.matchAll(/href="([^"]*)"/g)].every((m) => m[1]!.startsWith('#'))).toBe(true);
    expect(styles[0]![1]).not.toMatch(/url\(|@import/);
  });

  it('every table has a caption and scoped headers; every chart a title and description', async () => {
    const html = await page([BASIC]);
    const tables = html.match(/<table/g)!.length;
    expect(tables).toBeGreaterThan(8);
    expect(html.match(/<caption>/g)).toHaveLength(tables);
    expect(html).not.toMatch(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/);
    const svgs = [...html.matchAll(/<svg[^>]*>([\s\S]*?)<\/svg>/g)];
    expect(svgs.length).toBeGreaterThan(1);
    for (const svg of svgs) expect(svg[1]).toMatch(/^\s*<title id="[^"]+">[^<]+<\/title>/);
    expect(html).toMatch(/<svg class="chart"[^>]*role="img" aria-labelledby="chart-time-title chart-time-desc"/);
    expect(html).toMatch(/<desc id="chart-time-desc">Stacked bars: requests per 1m bucket by status class, 20 buckets/);
  });

  it('each error group is a <details> with its meaning, cause, example and top URIs', async () => {
    const html = await page([BASIC]);
    const groups = [...html.matchAll(/<details class="group" id="g-(\d+)"><summary>([\s\S]*?)<\/summary>/g)];
    expect(
      groups.map((g) =>
        g[2]!
          .replace(/<[^>]*>/g, '')
          .split(' ')
          .slice(0, 2)
          .join(' '),
      ),
    ).toEqual(['404.0.2 4', '500.19.13 3', '401.2.5 2']);
    expect(html).toContain('<dt>example</dt><dd><code>fixtures/reports/errors-basic.log:6</code></dd>');
    expect(tableRows(html, 't-g1-uris')).toEqual([
      ['/missing.png', '3'],
      ['/old/page.aspx', '1'],
    ]);
  });
});

describe('--format html: numbers against an independent count', () => {
  it('errors-basic.log: accounting, error groups, top URIs and clients, status classes', async () => {
    const html = await page([BASIC, '--top', '0']);
    const counted = countW3c(BASIC);
    expect(metric(html, 'records')).toBe(counted.records);
    expect(metric(html, 'requests')).toBe(counted.records);
    expect(metric(html, 'lines')).toBe(18);
    expect(metric(html, 'directives')).toBe(4);
    expect(metric(html, 'rejected')).toBe(0);
    const errors = [...counted.errorCodes.values()].reduce((a, b) => a + b, 0);
    expect(metric(html, 'errors')).toBe(errors);
    expect(tableRows(html, 't-errors').map((r) => [r[0], integer(r[1]!)])).toEqual(topOf(counted.errorCodes, 100));
    expect(tableRows(html, 't-uris').map((r) => [r[0], integer(r[1]!)])).toEqual(topOf(counted.uris, 100));
    expect(tableRows(html, 't-clients').map((r) => [r[0], integer(r[1]!)])).toEqual(topOf(counted.clients, 100));
    expect(tableRows(html, 't-notFound').map((r) => [r[0], integer(r[1]!)])).toEqual([
      ['/missing.png', 3],
      ['/old/page.aspx', 1],
    ]);
    expect(tableRows(html, 't-methods').map((r) => r.slice(0, 2))).toEqual([
      ['GET', '13'],
      ['POST', '1'],
    ]);
    expect(tableRows(html, 't-sites').map((r) => r.slice(0, 2))).toEqual([
      ['W3SVC1', '10'],
      ['W3SVC2', '4'],
    ]);
  });

  it('the over-time table: one row per minute 10:00-10:19 with empty minutes as 0, summing to every record', async () => {
    const html = await page([BASIC]);
    const rows = tableRows(html, 't-time');
    expect(rows).toHaveLength(20);
    expect(rows[0]![0]).toBe('2021-04-01 10:00:00Z');
    // Columns: bucket, 2xx, 3xx, 1xx, other, 4xx, 5xx, requests, errors, error rate.
    const minute = (m: number) => rows[m]!.slice(1, 9).map(integer);
    expect(minute(0)).toEqual([1, 0, 0, 0, 1, 1, 3, 2]);
    expect(minute(8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rows.reduce((sum, r) => sum + integer(r[7]!), 0)).toBe(14);
    expect(rows.reduce((sum, r) => sum + integer(r[8]!), 0)).toBe(9);
  });

  it('--interval 5m sets the chart bucket', async () => {
    const rows = tableRows(await page([BASIC, '--interval', '5m']), 't-time');
    expect(rows.map((r) => [r[0], integer(r[7]!)])).toEqual([
      ['2021-04-01 10:00:00Z', 7],
      ['2021-04-01 10:05:00Z', 3],
      ['2021-04-01 10:10:00Z', 0],
      ['2021-04-01 10:15:00Z', 4],
    ]);
  });
});

describe('--format html: slow URIs, bots and probes over all requests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logtally-html-slow-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'timed.log');
  writeFileSync(file, timedW3cLog());
  const awk = (script: string): string[] => spawnSync('sh', ['-c', script], { encoding: 'utf8' }).stdout.trim().split('\n');
  const ms = (cell: string): number => integer(cell.replace(' ms', ''));

  it('the slow table: URIs with 10+ requests by p95 (nearest rank), with count, p50, p99, max and bytes as awk and sort give them', async () => {
    // Per URI: time-taken sorted, nearest-rank percentiles, bytes summed; only URIs with 10+ requests.
    const rank = 'function r(p) { k = p * n / 100; c = int(k); if (c < k) c++; return c < 1 ? 1 : c }';
    const flush = 'function f() { if (n >= 10) print u, n, v[r(50)], v[r(95)], v[r(99)], v[n], b }';
    const expected = awk(
      `awk '!/^#/ { print $3, $8, $7 }' '${file}' | sort -k1,1 -k2,2n | awk '${rank} ${flush} { if ($1 != u) { f(); u = $1; n = 0; b = 0 } v[++n] = $2; b += $3 } END { f() }'`,
    )
      .map((line) => line.split(' '))
      .map(([uri, ...numbers]) => [uri!, ...numbers.map(Number)] as [string, ...number[]])
      .sort((a, b) => b[3]! - a[3]! || b[1]! - a[1]! || (a[0] < b[0] ? -1 : 1));
    expect(expected.map((r) => r[0])).toEqual(expect.arrayContaining(['/home', '/api/search', '/report.aspx', '/wp-login.php']));
    expect(expected).toHaveLength(4);
    const html = await page([file]);
    const shown = tableRows(html, 't-slow').map(([uri, count, p50, p95, p99, max, bytes]) => [
      uri!,
      integer(count!),
      ms(p50!),
      ms(p95!),
      ms(p99!),
      ms(max!),
      integer(bytes!),
    ]);
    expect(shown).toEqual(expected);
    // The same rows as `report --overview --format json`.
    const json = JSON.parse((await runInProcess(['report', file, '--overview', '--format', 'json'])).stdout) as {
      slowestUris: Record<string, number | string>[];
    };
    expect(shown).toEqual(
      json.slowestUris.map((r) => [r.uri, r.count, r.latency_p50_ms, r.latency_p95_ms, r.latency_p99_ms, r.latency_max_ms, r.bytes_sent]),
    );
  });

  it('bots and people, and probes, as awk counts them and as the JSON has them', async () => {
    const [bots, people, none, wordpress, dotfile] = awk(
      `awk '!/^#/ { if ($5 == "-") u++; else if ($5 ~ /bot/) y++; else n++; if ($3 == "/wp-login.php") w++; if ($3 == "/.env") d++ } END { print y; print n; print u; print w; print d }' '${file}'`,
    ).map(Number);
    // By hand: 102 requests, agents in turn (people, Googlebot, people, bingbot, none), 21 of the first two.
    expect([bots, people, none, wordpress, dotfile]).toEqual([41, 41, 20, 12, 3]);
    const html = await page([file]);
    expect(tableRows(html, 't-bots').map((r) => [r[0], integer(r[1]!)])).toEqual([
      ['yes', bots],
      ['no', people],
      ['no user agent', none],
    ]);
    const json = JSON.parse((await runInProcess(['report', file, '--overview', '--format', 'json'])).stdout) as {
      bots: { bot: string; count: number }[];
      topUris: { uri: string; count: number }[];
    };
    expect(json.bots.map((b) => [b.bot, b.count])).toEqual([
      ['yes', bots],
      ['no', people],
      ['no user agent', none],
    ]);
    expect(tableRows(html, 't-probes').map((r) => [r[0], integer(r[1]!)])).toEqual([
      ['wordpress', wordpress],
      ['dotfile', dotfile],
    ]);
    expect(tableRows(html, 't-uris').map((r) => [r[0], integer(r[1]!)])).toEqual(json.topUris.map((r) => [r.uri, r.count]));
  });

  it('a log without time-taken or user agents: the slow section says so, and no bots table', async () => {
    const html = await page(['fixtures/httperr']);
    expect(html).toContain('No time-taken in these logs');
    expect(html).not.toContain('id="t-bots"');
  });
});

describe('--format html: header', () => {
  it('names the filters applied and counts what they left out', async () => {
    const html = await page([BASIC, '--since', '2021-04-01T10:05:00Z', '--status', '4xx']);
    expect(html).toContain('<dt>filters</dt><dd><code>--since 2021-04-01T10:05:00Z</code> <code>--status 4xx</code></dd>');
    // From 10:05 on: 7 records, of which 401, 404, 404 are 4xx (see the fixture); the other 11 are filtered out.
    expect(metric(html, 'filteredOut')).toBe(11);
    expect(metric(html, 'requests')).toBe(3);
  });

  it('says in which zone local times were read, and the span of the records in UTC', async () => {
    const html = await page(['fixtures/iis-native', '--tz', '+02:00']);
    expect(html).toContain('<dt>zone assumed</dt><dd>IIS native times read as local time at UTC+02:00 (set with --tz)</dd>');
    expect(await page([BASIC])).toMatch(
      /<dt>first record<\/dt><dd data-metric-text="first">2021-04-01 10:00:01Z<\/dd>\s*<dt>last record<\/dt><dd data-metric-text="last">2021-04-01 10:19:59Z<\/dd>/,
    );
  });
});

describe('--format html: size', () => {
  const temp = mkdtempSync(join(tmpdir(), 'logtally-html-size-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('stays bounded by --top, not by the input: 60,000 distinct URIs and clients, hundreds of error codes, 30 days', async () => {
    const lines = ['#Fields: date time c-ip cs-method cs-uri-stem cs-host sc-status sc-substatus sc-win32-status time-taken'];
    const day0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 60_000; i++) {
      const [date, time] = new Date(day0 + i * 43_000).toISOString().slice(0, 19).split('T');
      const status = i % 3 === 0 ? 400 + (i % 100) : 200;
      lines.push(
        `${date} ${time} 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} GET /item/${i} host${i % 50}.example ${status} ${i % 3} ${i % 7} ${i % 900}`,
      );
    }
    const file = join(temp, 'wide.log');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const html = await page([file]);
    expect(metric(html, 'records')).toBe(60_000);
    expect(tableRows(html, 't-uris')).toHaveLength(25);
    expect(tableRows(html, 't-errors')).toHaveLength(25);
    expect(Buffer.byteLength(html)).toBeLessThan(400_000);
  });
});

describe('--format html: hostile log text', () => {
  const temp = mkdtempSync(join(tmpdir(), 'logtally-html-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('no tag, attribute or link comes from a log value', async () => {
    const file = join(temp, 'hostile.log');
    writeFileSync(file, HOSTILE_JSON_LINES);
    const html = await page([file, '--top', '0']);
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).not.toMatch(/<img|<iframe|<object|<embed|<svg onload|<a [^>]*href="(?!#)/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('\\u202egnp.exe');
    expect(html).toContain('javascript:alert(3)');
  });
});
