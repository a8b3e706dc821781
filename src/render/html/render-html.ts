/**
 * The HTML report: one self-contained page (no request of any kind) with the input accounting,
 * requests over time, errors, slow requests and traffic. Every chart is inline SVG and every number
 * is in the HTML, so the page reads the same with scripts blocked (mail clients, print); the small
 * inline script only adds sorting and filtering.
 *
 * Content-Security-Policy: `default-src 'none'` forbids every fetch (images, fonts, frames,
 * connections, forms, base URI changes); the one <style> and the one <script> are allowed by their
 * SHA-256 hashes rather than 'unsafe-inline', so even a string that slipped past escaping could
 * neither run script (no inline handler, no injected <script>) nor add styles.
 */
import { createHash } from 'node:crypto';
import { errorsView } from '../../report/errors-view.js';
import type { PageData } from '../../report/page-data.js';
import { int, text } from './escape.js';
import { PAGE_CSS, PAGE_SCRIPT } from './page-assets.js';
import { errorsSection } from './section-errors.js';
import { inputSection, type FilterApplied } from './section-input.js';
import { slowRowsFromOverview, slowSection, type SlowRows } from './section-slow.js';
import { chartBuckets, timeSection } from './section-time.js';
import { trafficSection } from './section-traffic.js';
import { toIso } from '../../../parsers/time.js';

export type { FilterApplied } from './section-input.js';
export type { SlowRow, SlowRows } from './section-slow.js';

/** How the HTML page is built: title, filters to list, and the slow-URL rows when the caller has them. */
export interface HtmlOptions {
  /** Rows per table and error groups shown; 0 = all. */
  top: number;
  /** URIs and clients listed per error group. */
  items?: number;
  /** --interval in ms; 0 lets the page choose the bucket from the span. */
  intervalMs?: number;
  filters?: readonly FilterApplied[];
  /** logtally's version, for the footer. */
  version?: string;
  /** Rows for the slow section; by default the slowest URIs of the report's overview. */
  slow?: SlowRows;
}

export const DEFAULT_HTML_TOP = 25;

const sha256 = (source: string): string => `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${sha256(PAGE_CSS)}`,
  `script-src ${sha256(PAGE_SCRIPT)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function spanText(page: PageData): string {
  const { first, last } = page.timeline;
  if (first === undefined || last === undefined) return 'no record had a time';
  return `${toIso(first)} to ${toIso(last)} (UTC)`;
}

/** One self-contained, offline HTML page (inline SVG charts, no network) from `analysePage`'s result. */
export function renderHtml(page: PageData, options: HtmlOptions): string {
  const top = options.top;
  const requestedMs = options.intervalMs ?? 0;
  const view = errorsView(page.errors, { top, items: options.items });
  const errors = Object.values(page.errors.groups).reduce((sum, g) => sum + g.count, 0);
  const requests = page.input.records - page.input.filteredOut;
  const buckets = chartBuckets(page.timeline, requestedMs);
  // Sparklines are a few hundred pixels wide: at the automatic width whatever --interval asks.
  const sparkBuckets = requestedMs === 0 ? buckets : chartBuckets(page.timeline, 0);
  const slow = options.slow ?? slowRowsFromOverview(page.report, top);
  const title = `logtally report: ${int(requests)} requests, ${spanText(page)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="logtally${options.version ? ` ${text(options.version)}` : ''}">
<title>${text(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header class="top"><h1>Web server log report</h1><p class="lede">${text(spanText(page))}</p></header>
<nav class="toc" aria-label="Sections"><ul><li><a href="#input">Input</a></li><li><a href="#time">Over time</a></li><li><a href="#errors">Errors</a></li><li><a href="#slow">Slow</a></li><li><a href="#traffic">Traffic</a></li></ul></nav>
<main>
${inputSection(page.input, { requests, errors }, page.timeline, options.filters ?? [])}
${timeSection(buckets, requestedMs)}
${errorsSection(view, sparkBuckets)}
${slowSection(slow)}
${trafficSection(page, page.report, top)}
</main>
<footer>Made by logtally${options.version ? ` ${text(options.version)}` : ''}. Every log value on this page is shown as text; no link on it leads out of it.</footer>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
