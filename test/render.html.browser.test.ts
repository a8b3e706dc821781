/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML report in a real browser (headless Chromium, see test/browser.ts): the numbers on the
 * page equal the JSON reports' for the same input, charts and tables are there with JavaScript
 * off, hostile log text runs nothing and makes no element, and no request leaves the page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupLabel } from '../src/report/errors-view.js';
import { HAVE_CHROMIUM, launchChromium, MISSING_CHROMIUM, REQUIRE_COMPONENTS } from './browser.js';
import { ROOT, runInProcess } from './cli-run.js';
import { runs } from './helpers/exhaustive.js';
import { HOSTILE_JSON_LINES } from './html-page.js';

if (!HAVE_CHROMIUM && !REQUIRE_COMPONENTS) console.warn(MISSING_CHROMIUM);
const suite = HAVE_CHROMIUM ? describe : describe.skip;

if (!HAVE_CHROMIUM && REQUIRE_COMPONENTS)
  describe('HTML report in Chromium', () => {
    it('needs Chromium (LOGTALLY_REQUIRE_COMPONENTS=1)', () => {
      throw new Error(MISSING_CHROMIUM);
    });
  });

const temp = mkdtempSync(join(tmpdir(), 'logtally-browser-'));
let browser: Browser;

/** What a loaded page did besides showing itself. */
interface Watch {
  page: Page;
  context: BrowserContext;
  requests: string[];
  console: string[];
  dialogs: string[];
  errors: string[];
}

async function cli(args: string[]): Promise<string> {
  const result = await runInProcess(args);
  if (result.status !== 0) throw new Error(`logtally ${args.join(' ')}: ${result.status} ${result.stderr}`);
  return result.stdout;
}

let pages = 0;
async function open(html: string, options: BrowserContextOptions = {}): Promise<Watch> {
  const file = join(temp, `page-${++pages}.html`);
  writeFileSync(file, html);
  const url = `file://${file}`;
  const context = await browser.newContext(options);
  const watch: Watch = { page: await context.newPage(), context, requests: [], console: [], dialogs: [], errors: [] };
  // Every request but the page itself counts, whether the network or CSP would have stopped it.
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  context.on('request', (request) => {
    if (request.url() !== url) watch.requests.push(request.url());
  });
  watch.page.on('console', (message) => watch.console.push(message.text()));
  watch.page.on('pageerror', (error) => watch.errors.push(error.message));
  watch.page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await watch.page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await watch.page.goto(url);
  return watch;
}

async function quiet(watch: Watch): Promise<void> {
  const violations = await watch.page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect({ requests: watch.requests, console: watch.console, dialogs: watch.dialogs, errors: watch.errors, violations }).toEqual({
    requests: [],
    console: [],
    dialogs: [],
    errors: [],
    violations: [],
  });
}

const numberIn = (text: string): number => Number(text.replaceAll(',', '').trim());

/** A table's rows as cell texts, as the browser renders them. */
const rowsOf = (page: Page, id: string): Promise<string[][]> =>
  page.$$eval(`#${id} tbody tr`, (rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));

/** A table's rows as the raw numbers its cells carry (`data-v`, the sort key; a time may show as `12.5 s`), the first cell as text. */
const valuesOf = (page: Page, id: string): Promise<(string | number)[][]> =>
  page.$$eval(`#${id} tbody tr`, (rows) =>
    rows.map((row) =>
      [...row.querySelectorAll('th, td')].map((c, i) => (i === 0 ? (c.textContent ?? '') : Number(c.getAttribute('data-v')))),
    ),
  );

const metricOf = async (page: Page, name: string): Promise<number> => numberIn((await page.textContent(`[data-metric="${name}"]`)) ?? '');

interface JsonInput {
  files: number;
  lines: number;
  records: number;
  rejected: number;
}

suite('HTML report in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  const generated = (): string => {
    const file = join(temp, 'multi-day.log');
    const log = execFileSync(
      process.execPath,
      [join(ROOT, 'bench', 'gen-logs.mjs'), '--format', 'w3c', '--lines', String(runs(5_000, 20_000)), '--days', '4', '--seed', '7'],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    writeFileSync(file, log);
    return file;
  };

  const inputs: [string, () => string][] = [
    ['errors-basic.log', () => 'fixtures/reports/errors-basic.log'],
    ['the W3C fixtures folder', () => 'fixtures/w3c'],
    ['the HTTPERR fixtures', () => 'fixtures/httperr'],
    ['a 10,000-line Apache log (gzip, 4 days)', () => 'fixtures/apache/elastic-apache-logs.log.gz'],
    ['a generated 4-day W3C log', generated],
  ];

  it.each(inputs)('numbers on the page equal the JSON reports: %s', async (_, pathOf) => {
    const path = pathOf();
    const watch = await open(await cli(['report', path, '--format', 'html']));
    const page = watch.page;
    const report = JSON.parse(await cli(['report', path, '--format', 'json'])) as { input: JsonInput };
    const errors = JSON.parse(await cli(['errors', path, '--format', 'json', '--top', '25'])) as {
      groups: { status: number | null; substatus: number | null; win32: number | null; reason: string | null; count: number }[];
    };
    const uris = JSON.parse(await cli(['report', path, '--by', 'uri', '--format', 'json', '--top', '25'])) as {
      groups: { uri: string | null; count: number }[];
    };
    const overview = JSON.parse(await cli(['report', path, '--overview', '--format', 'json', '--top', '25'])) as {
      topClients: { client: string; count: number }[];
      slowestUris: Record<string, string | number | null>[];
      bots: { bot: string; count: number }[];
    };
    for (const name of ['files', 'lines', 'records', 'rejected'] as const)
      expect(await metricOf(page, name), name).toBe(report.input[name]);
    const groups = (await rowsOf(page, 't-errors')).map((r) => [r[0], numberIn(r[1]!)]);
    expect(groups).toEqual(errors.groups.map((g) => [groupLabel(g), g.count]));
    expect(groups.length).toBeGreaterThan(0);
    const topUris = (await rowsOf(page, 't-uris')).map((r) => [r[0], numberIn(r[1]!)]);
    expect(topUris).toEqual(uris.groups.filter((g) => g.uri !== null).map((g) => [g.uri, g.count]));
    const topClients = (await rowsOf(page, 't-clients')).map((r) => [r[0], numberIn(r[1]!)]);
    expect(topClients).toEqual(overview.topClients.map((c) => [c.client, c.count]));
    // Slow: the overview's slowest URIs that have a time-taken, each with count, p50, p95, p99, max and bytes.
    const timed = overview.slowestUris.filter((r) => r.latency_p95_ms !== null);
    const slow = timed.length === 0 ? [] : (await valuesOf(page, 't-slow')).map((r) => r.slice(0, 7));
    expect(slow).toEqual(
      timed.map((r) =>
        [r.uri, r.count, r.latency_p50_ms, r.latency_p95_ms, r.latency_p99_ms, r.latency_max_ms, r.bytes_sent].slice(
          0,
          slow[0]?.length ?? 7,
        ),
      ),
    );
    const agents = overview.bots.filter((b) => b.bot !== 'no user agent').reduce((sum, b) => sum + b.count, 0);
    const bots = agents === 0 ? [] : (await rowsOf(page, 't-bots')).map((r) => [r[0], numberIn(r[1]!)]);
    expect(bots).toEqual(agents === 0 ? [] : overview.bots.map((b) => [b.bot, b.count]));
    // The chart's table adds up to every record but those without a time, which the header counts.
    const perBucket = (await rowsOf(page, 't-time')).reduce((sum, r) => sum + numberIn(r[7]!), 0);
    const untimed = (await page.locator('[data-metric="untimed"]').count()) === 0 ? 0 : await metricOf(page, 'untimed');
    expect(perBucket + untimed).toBe(report.input.records);
    await quiet(watch);
    await watch.context.close();
  });

  it('with JavaScript disabled the charts and tables are all there', async () => {
    const html = await cli(['report', 'fixtures/apache/elastic-apache-logs.log.gz', '--format', 'html']);
    const watch = await open(html, { javaScriptEnabled: false });
    const page = watch.page;
    expect(await page.locator('svg.chart path.bar').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('svg.chart').isVisible()).toBe(true);
    expect(await page.textContent('svg.chart title')).toBe('Requests per 1h by status class, and error rate');
    expect(await page.locator('svg.spark').count()).toBeGreaterThan(3);
    expect(await page.locator('table.data').count()).toBe(html.match(/<table/g)!.length);
    expect(await page.locator('#t-uris').isVisible()).toBe(true);
    expect((await rowsOf(page, 't-uris')).length).toBe(25);
    // The script did not run: no filter boxes, no sort buttons, yet every row is there.
    expect(await page.locator('input.filter').count()).toBe(0);
    expect(await page.locator('th button').count()).toBe(0);
    expect(await page.locator('details.group').count()).toBe(4);
    await quiet(watch);
    await watch.context.close();
  });

  it('hostile log text runs no script and makes no element, attribute or link', async () => {
    const file = join(temp, 'hostile.log');
    writeFileSync(file, HOSTILE_JSON_LINES);
    const watch = await open(await cli(['report', file, '--format', 'html', '--top', '0']));
    const page = watch.page;
    await page.$$eval('details', (all) => {
      for (const d of all) (d as HTMLDetailsElement).open = true;
    });
    const dom = await page.evaluate(() => ({
      scripts: document.scripts.length,
      foreign: document.querySelectorAll('img, iframe, object, embed, b, textarea, body style, svg[onload]').length,
      handlers: [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((a) => a.startsWith('on'))),
      links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      text: document.body.textContent ?? '',
      title: document.title,
    }));
    expect(dom.scripts).toBe(1);
    expect(dom.foreign).toBe(0);
    expect(dom.handlers).toEqual([]);
    expect(dom.links.every((href) => href?.startsWith('#'))).toBe(true);
    expect(dom.text).toContain('/<script>alert(1)</script>');
    expect(dom.text).toContain('/"><img src=x onerror=alert(2)>');
    expect(dom.text).toContain('<b onmouseover=alert(6)>1.2.3.4');
    expect(dom.text).toContain('/\\u202egnp.exe');
    expect(dom.text).toContain('/\\u2066isolate\\u2069\\x1b[31mred\\x07');
    expect(dom.text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u001b\u0007]/);
    // The page stays usable: sorting and filtering run over the hostile rows without incident.
    await page.click('#t-uris thead th:nth-child(1) button');
    await page.fill('input.filter >> nth=0', 'script');
    await quiet(watch);
    await watch.context.close();
  });

  it('sorts and filters where scripts run', async () => {
    const watch = await open(await cli(['report', 'fixtures/w3c', '--format', 'html']));
    const page = watch.page;
    const counts = async () => (await rowsOf(page, 't-errors')).map((r) => numberIn(r[1]!));
    const before = await counts();
    await page.click('#t-errors thead th:nth-child(2) button');
    expect(await counts()).toEqual([...before].sort((a, b) => b - a));
    await page.click('#t-errors thead th:nth-child(2) button');
    expect(await counts()).toEqual([...before].sort((a, b) => a - b));
    expect(await page.getAttribute('#t-errors thead th:nth-child(2)', 'aria-sort')).toBe('ascending');
    const filter = page.locator('.table-wrap:has(#t-errors)').locator('xpath=preceding-sibling::input[1]');
    await filter.fill('500.');
    const shown = await page.$$eval('#t-errors tbody tr:not([hidden]) th', (cells) => cells.map((c) => c.textContent ?? ''));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((label) => label.includes('500.'))).toBe(true);
    await quiet(watch);
    await watch.context.close();
  });

  it('prints with every group open, reads at phone width, and has a dark scheme', async () => {
    const html = await cli(['report', 'fixtures/reports/errors-basic.log', '--format', 'html']);
    const print = await open(html);
    expect(await print.page.locator('#t-g1-uris').isVisible()).toBe(false);
    await print.page.emulateMedia({ media: 'print' });
    expect(await print.page.locator('#t-g1-uris').isVisible()).toBe(true);
    expect(await print.page.locator('nav.toc').isVisible()).toBe(false);
    const pdf = await print.page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await quiet(print);
    await print.context.close();

    const phone = await open(html, { viewport: { width: 390, height: 800 } });
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.context.close();

    const dark = await open(html, { colorScheme: 'dark' });
    expect(await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
    await dark.context.close();
  });
});
