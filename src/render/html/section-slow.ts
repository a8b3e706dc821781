/**
 * The slow section: the slowest URIs by p95 time-taken over all requests, the rows of the report
 * overview's `slowestUris` table (report/overview-view.ts), so the page shows what
 * `report --overview --format json` gives. It renders any list of rows, whatever measured them.
 */
import { overviewTables } from '../../report/overview-view.js';
import type { Report } from '../../report/report.js';
import type { TableData } from '../../report/table-data.js';
import { int, ms, text } from './escape.js';
import { cell, num, renderTable, type HtmlCell } from './table.js';

/** One row of the "Slow" section: a URL (or group) with its latency percentiles. */
export interface SlowRow {
  /** What was timed: a URI, or an error group. Log text, escaped here. */
  label: string;
  /** Requests of the row (those with a time-taken and those without). */
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

/** A row's cell by column name: the overview table's columns are named as in CSV and JSON. */
const column = (table: TableData, row: readonly unknown[], name: string): unknown => row[table.columns.findIndex((c) => c.name === name)];

/** The overview's slowest URIs that have a time-taken, slowest p95 first; `top` rows at most (0 = all). */
export function slowRowsFromOverview(report: Report, top: number): SlowRows {
  const table = overviewTables(report, { top, share: false }).find((t) => t.id === 'slowestUris');
  const rows = (table?.rows ?? [])
    .filter((row) => typeof column(table!, row, 'latency_p95_ms') === 'number')
    .map((row): SlowRow => {
      const at = (name: string): number => column(table!, row, name) as number;
      return {
        label: String(column(table!, row, 'uri') ?? ''),
        count: at('count'),
        p50: at('latency_p50_ms'),
        p95: at('latency_p95_ms'),
        p99: at('latency_p99_ms'),
        max: at('latency_max_ms'),
        bytes: at('bytes_sent'),
      };
    });
  return {
    subject: 'URI',
    caption: table?.title ?? 'Slowest URIs (p95)',
    rows,
    note: 'Over all requests, as `report --overview` ranks them: a p95 of a few requests says little, so rarer URIs are left out.',
  };
}

const timeCell = (value: number): HtmlCell => num(value, ms(value));

export function slowSection(slow: SlowRows): string {
  // Bytes are shown only when some row has them: a log without sc-bytes would fill the column with zeros.
  const bytes = slow.rows.some((r) => (r.bytes ?? 0) > 0);
  const body =
    slow.rows.length === 0
      ? '<p>No time-taken in these logs (or no URI with enough requests), so nothing to rank by speed.</p>'
      : renderTable({
          id: 't-slow',
          caption: text(slow.caption),
          columns: [
            { name: text(slow.subject) },
            { name: 'requests', numeric: true },
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
