/**
 * The slow section renders a list of rows, whatever measured them. Today the only latency logtally
 * keeps is per error group (`errors`), so the page shows the slowest error groups; when latency is
 * measured per URL for every request, its rows (label = the URI) plug in here unchanged.
 */
import type { ErrorGroupRow } from '../../report/errors-view.js';
import { groupLabel } from '../../report/errors-view.js';
import { int, ms, text } from './escape.js';
import { cell, num, renderTable, type HtmlCell } from './table.js';

/** One row of the "Slow" section: a URL (or group) with its latency percentiles. */
export interface SlowRow {
  /** What was timed: a URI, or an error group. Log text, escaped here. */
  label: string;
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Bytes sent, when known. */
  bytes?: number;
}

/** The rows of the "Slow" section and where they came from. */
export interface SlowRows {
  /** What a row is: `URI`, `error group`. */
  subject: string;
  caption: string;
  rows: SlowRow[];
  /** Why the rows are what they are, shown under the table. */
  note?: string;
}

/** The error groups with time-taken, slowest p95 first. */
export function slowRowsFromErrors(rows: readonly ErrorGroupRow[], top: number): SlowRows {
  const timed = rows
    .filter((r) => r.latency !== null)
    .map(
      (r): SlowRow => ({
        label: groupLabel(r),
        count: r.latency!.count,
        p50: r.latency!.p50,
        p95: r.latency!.p95,
        p99: r.latency!.p99,
        max: r.latency!.max,
        bytes: r.bytesSent,
      }),
    )
    .sort((a, b) => b.p95 - a.p95 || b.count - a.count);
  return {
    subject: 'error group',
    caption: 'Slowest error groups by p95 time-taken',
    rows: top > 0 ? timed.slice(0, top) : timed,
    note: 'Latency is measured per error group today; per-URL latency for every request is not measured yet.',
  };
}

const timeCell = (value: number): HtmlCell => num(value, ms(value));

export function slowSection(slow: SlowRows): string {
  // Bytes are shown only when some row has them: a log without sc-bytes would fill the column with zeros.
  const bytes = slow.rows.some((r) => (r.bytes ?? 0) > 0);
  const body =
    slow.rows.length === 0
      ? '<p>No time-taken in these logs (or no group with one), so nothing to rank by speed.</p>'
      : renderTable({
          id: 't-slow',
          caption: text(slow.caption),
          columns: [
            { name: text(slow.subject) },
            { name: 'timed requests', numeric: true },
            { name: 'p50', numeric: true },
            { name: 'p95', numeric: true },
            { name: 'p99', numeric: true },
            { name: 'max', numeric: true },
            ...(bytes ? [{ name: 'bytes sent', numeric: true }] : []),
          ],
          rows: slow.rows.map((r) => [
            cell(text(r.label)),
            num(r.count, int(r.count)),
            timeCell(r.p50),
            timeCell(r.p95),
            timeCell(r.p99),
            timeCell(r.max),
            ...(bytes ? [num(r.bytes ?? 0, int(r.bytes ?? 0))] : []),
          ]),
        });
  return `<section id="slow" aria-labelledby="h-slow">
<h2 id="h-slow">Slow</h2>
${body}
${slow.note ? `<p class="note">${text(slow.note)}</p>` : ''}
</section>`;
}
