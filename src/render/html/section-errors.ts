/**
 * The errors section: an overview table of the error groups (sortable where scripts run), then
 * each group expandable with its meaning, likely cause, clients, latency, top URIs and clients,
 * example file:line and its errors over time; then the top groups over time side by side.
 */
import type { ErrorGroupRow, ErrorsView } from '../../report/errors-view.js';
import { groupLabel } from '../../report/errors-view.js';
import { errorLabel } from '../../report/timeline.js';
import { int, ms, percent, text, utc } from './escape.js';
import type { Buckets } from './section-time.js';
import { sparkline } from './svg.js';
import { cell, num, renderTable, type HtmlCell } from './table.js';

/** Groups drawn side by side over time. */
const SMALL_MULTIPLES = 6;

const clients = (r: ErrorGroupRow): HtmlCell =>
  num(r.distinctClients, r.distinctClientsExact ? int(r.distinctClients) : `≈${int(r.distinctClients)}`);
const latencyCell = (value: number | undefined): HtmlCell => (value === undefined ? cell('') : num(value, ms(value)));

function overview(view: ErrorsView): string {
  // A log without time-taken (most access logs) would fill the p95 column with blanks.
  const timed = view.rows.some((r) => r.latency !== null);
  const rows = view.rows.map((r, i) => [
    cell(`<a href="#g-${i + 1}" class="code">${text(groupLabel(r))}</a>`),
    num(r.count, int(r.count)),
    num(r.share, percent(r.share)),
    cell(text(r.meaning)),
    clients(r),
    ...(timed ? [latencyCell(r.latency?.p95)] : []),
    cell(utc(r.firstSeen)),
    cell(utc(r.lastSeen)),
  ]);
  return renderTable({
    id: 't-errors',
    caption: 'Error groups by status.substatus.win32 and HTTP.sys reason, most frequent first',
    columns: [
      { name: 'code' },
      { name: 'count', numeric: true },
      { name: 'share', numeric: true },
      { name: 'meaning', prose: true },
      { name: 'clients', numeric: true },
      ...(timed ? [{ name: 'p95 time-taken', numeric: true }] : []),
      { name: 'first seen (UTC)' },
      { name: 'last seen (UTC)' },
    ],
    rows,
    note: view.omitted > 0 ? `${int(view.omitted)} smaller groups left out (--top); --top 0 lists all.` : undefined,
  });
}

function itemsTable(id: string, caption: string, name: string, items: readonly { text: string; count: number }[]): string {
  return renderTable({
    id,
    caption,
    columns: [{ name }, { name: 'errors', numeric: true }],
    rows: items.map((item) => [cell(text(item.text)), num(item.count, int(item.count))]),
  });
}

/** One group's errors per chart bucket. */
export function groupSeries(buckets: Buckets, r: ErrorGroupRow): number[] {
  const label = errorLabel(r.status ?? undefined, r.substatus ?? undefined, r.win32 ?? undefined, r.reason ?? undefined);
  return buckets.groups.map((g) => g[label] ?? 0);
}

function groupDetails(r: ErrorGroupRow, i: number, buckets: Buckets): string {
  const l = r.latency;
  const latency = l
    ? `<dt>time-taken</dt><dd>p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, p99 ${ms(l.p99)}, max ${ms(l.max)} (mean ${ms(l.mean)}, ${int(l.count)} timed)</dd>`
    : '<dt>time-taken</dt><dd>not logged</dd>';
  const spark =
    buckets.times.length > 0
      ? sparkline(`spark-${i + 1}`, `${groupLabel(r)} errors over time`, buckets.times, groupSeries(buckets, r), buckets.intervalMs)
      : '';
  return `<details class="group" id="g-${i + 1}"><summary><span class="code">${text(groupLabel(r))}</span> <span class="count">${int(r.count)}</span> <span class="meaning">${text(r.meaning)}</span></summary>
<div class="group-body">
<dl class="facts">
<dt>meaning</dt><dd>${text(r.meaning)}</dd>
${r.likelyCause ? `<dt>likely cause</dt><dd>${text(r.likelyCause)}</dd>` : ''}
<dt>count</dt><dd>${int(r.count)} (${percent(r.share)} of requests)</dd>
<dt>first seen</dt><dd>${utc(r.firstSeen) || 'no time logged'}</dd>
<dt>last seen</dt><dd>${utc(r.lastSeen) || 'no time logged'}</dd>
<dt>distinct clients</dt><dd>${r.distinctClientsExact ? int(r.distinctClients) : `about ${int(r.distinctClients)} (estimated)`}</dd>
${latency}
<dt>example</dt><dd><code>${text(r.example)}</code></dd>
</dl>
${spark}
<div class="pair">
${itemsTable(
  `t-g${i + 1}-uris`,
  `Top URIs for ${text(groupLabel(r))}`,
  'URI',
  r.topUris.map((u) => ({ text: u.uri, count: u.count })),
)}
${itemsTable(
  `t-g${i + 1}-clients`,
  `Top clients for ${text(groupLabel(r))}`,
  'client',
  r.topClients.map((c) => ({ text: c.client, count: c.count })),
)}
</div>
</div></details>`;
}

function smallMultiples(view: ErrorsView, buckets: Buckets): string {
  if (buckets.times.length === 0 || view.rows.length === 0) return '';
  const top = view.rows.slice(0, SMALL_MULTIPLES).map(
    (r, i) => `<figure class="multiple"><figcaption><span class="code">${text(groupLabel(r))}</span> ${int(r.count)} errors</figcaption>
${sparkline(`multiple-${i + 1}`, `${groupLabel(r)} errors over time`, buckets.times, groupSeries(buckets, r), buckets.intervalMs)}</figure>`,
  );
  return `<h3>The top error groups over time</h3><p class="note">Each chart has its own scale; its peak is written above it.</p><div class="multiples">${top.join('\n')}</div>`;
}

export function errorsSection(view: ErrorsView, buckets: Buckets): string {
  if (view.rows.length === 0)
    return `<section id="errors" aria-labelledby="h-errors"><h2 id="h-errors">Errors</h2><p>No 4xx, 5xx or HTTP.sys error in these logs.</p></section>`;
  return `<section id="errors" aria-labelledby="h-errors">
<h2 id="h-errors">Errors</h2>
${overview(view)}
${smallMultiples(view, buckets)}
<h3>Each group in detail</h3>
${view.rows.map((r, i) => groupDetails(r, i, buckets)).join('\n')}
</section>`;
}
