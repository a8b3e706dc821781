/**
 * Headless Chromium for the HTML report's tests: Debian's `chromium` driven by playwright-core
 * (no browser download). Without it the browser suites are skipped with a message saying why,
 * unless LOGTALLY_REQUIRE_COMPONENTS=1 (CI), where a missing browser is a failure.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const REQUIRE_COMPONENTS = process.env.LOGTALLY_REQUIRE_COMPONENTS === '1';

const INSTALL = 'apt-get install -y chromium, or set CHROMIUM=/path/to/chromium';
export const MISSING_CHROMIUM = REQUIRE_COMPONENTS
  ? `LOGTALLY_REQUIRE_COMPONENTS=1 and no Chromium at ${CHROMIUM} for the browser tests (${INSTALL})`
  : `browser tests skipped: no Chromium at ${CHROMIUM} (${INSTALL}); set LOGTALLY_REQUIRE_COMPONENTS=1 to make this a failure`;

/** Flags for a quiet, offline, throw-away browser: playwright gives it a fresh user-data-dir. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
