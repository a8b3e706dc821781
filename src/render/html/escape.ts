/**
 * Every string from a log reaches the page through `text()`: HTML-escaped, so `<script>` and
 * `"><img onerror=…>` are inert characters, and with control characters (C0, C1, DEL) and bidi
 * overrides and isolates (U+202A-U+202E, U+2066-U+2069) shown as visible escapes (`\x1b`,
 * `\u202e`), so no log line can reorder or hide what the page says. Log text is only ever element
 * content, never an attribute value or a link, so this one escape is the whole defence.
 */
import { forHtml, forTerminal } from '../sanitize.js';

/** Line and paragraph separators too: invisible line breaks have no place in a table cell. */
const SEPARATORS = /[\u2028\u2029]/g;

export function text(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return forHtml(forTerminal(value).replace(SEPARATORS, (c) => `\\u${c.charCodeAt(0).toString(16)}`));
}

const integerFormat = new Intl.NumberFormat('en-US');

/** `1,234,567`: numbers are the page's own, never log text. */
export const int = (n: number): string => integerFormat.format(n);

/** A 0…1 share as a percentage with as many decimals as it takes to not read as zero. */
export function percent(share: number): string {
  if (share === 0) return '0%';
  const pct = share * 100;
  const digits = pct >= 10 ? 1 : pct >= 1 ? 2 : Math.min(6, 1 - Math.floor(Math.log10(pct)));
  return `${pct.toFixed(digits)}%`;
}

/** Milliseconds as the page shows them: whole below 10 s, else seconds. */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${int(Math.round(value))} ms`;
}

/** `2026-10-01 13:00:05Z` from an ISO-8601 UTC string: the T made a space so the cell wraps well. */
export const utc = (iso: string | null | undefined): string => (iso ? text(iso.replace('T', ' ')) : '');
