#!/usr/bin/env node
// `npm run docs:screenshots`: builds the HTML report of a bundled fixture with the built CLI and
// photographs it in headless Chromium (Debian's `chromium`, driven by playwright-core: no browser
// download) at 1280×2000: docs/img/report.png (light) and docs/img/report-dark.png (dark).
// Env CHROMIUM overrides the browser path.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  process.stderr.write(`docs:screenshots: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM=/path/to/chromium)\n`);
  process.exit(1);
}
const CLI = join(ROOT, 'dist', 'bundle', 'src', 'cli', 'main.js');
const FIXTURE = 'fixtures/apache/elastic-apache-logs.log.gz';
const OUT = join(ROOT, 'docs', 'img');

const html = execFileSync(process.execPath, [CLI, 'report', FIXTURE, '--format', 'html', '--top', '10'], {
  cwd: ROOT,
  env: { ...process.env, TZ: 'UTC' },
  maxBuffer: 64 * 1024 * 1024,
}).toString('utf8');

const profile = mkdtempSync(join(tmpdir(), 'logtally-shots-'));
const page = join(profile, 'report.html');
writeFileSync(page, html);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  // playwright's launch gives the browser a fresh, throw-away user-data-dir of its own.
});
try {
  mkdirSync(OUT, { recursive: true });
  for (const [scheme, name] of [
    ['light', 'report.png'],
    ['dark', 'report-dark.png'],
  ]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 2000 }, colorScheme: scheme });
    const tab = await context.newPage();
    await tab.goto(`file://${page}`);
    await tab.screenshot({ path: join(OUT, name) });
    await context.close();
    process.stderr.write(`wrote docs/img/${name}\n`);
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
