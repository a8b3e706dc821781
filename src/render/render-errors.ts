/**
 * The errors report in each output format. Tables show one compact row per group then, per group,
 * its meaning in full, likely cause, top URIs, top clients and an example line; CSV is one tidy row per group (per
 * time × group with --interval, or one column per group with --wide); JSON carries `groups`.
 */
import { DISTINCT_ACCURACY } from '../report/errors-distinct.js';
import type { ErrorsReport } from '../report/errors-report.js';
import { errorsTable, errorsView, groupLabel, type ErrorGroupRow, type ErrorsView } from '../report/errors-view.js';
import { LATENCY_ACCURACY } from '../report/latency.js';
import type { Cell, Column, TableData } from '../report/table-data.js';
import { formatInterval, pivotWide } from '../report/time-series.js';
import { MAX_ERROR_GROUPS } from '../report/errors-builder.js';
import { forTerminal, safeJson } from './sanitize.js';
import { renderCsv } from './csv.js';
import { shapeCsv, stableWide, withBom, type CsvShape } from './csv-contract.js';
import { MEANING_CUT, type OutputFormat } from './render-report.js';
import { cellWidth, cutEnd, cutStart } from './cells.js';
import { renderInputSummary } from './input-summary-text.js';
import { renderTextTable } from './text-table.js';
import { wrapProse, wrapTokens } from './wrap.js';

/** Options of `renderErrors`. */
export interface ErrorsRenderOptions {
  format: OutputFormat;
  /** Groups (series) shown; 0 = all (the default). */
  top?: number;
  /** URIs and clients listed per group. */
  items?: number;
  /** Time series: one column per group instead of one row per time × group. */
  wide?: boolean;
  /** Terminal width in cells: every table and summary line fits it. */
  width?: number;
  color?: boolean;
  /** CSV columns, text and byte order mark (render/csv-contract.ts). */
  csv?: CsvShape;
}

/** One column per group, in code order (status, sub-status, win32) whatever the counts. */
const wideTable = (view: ErrorsView): TableData =>
  stableWide(
    pivotWide(errorsTable(view), 'time', 'count', (row) =>
      groupLabel({
        status: row[1] as number | null,
        substatus: row[2] as number | null,
        win32: row[3] as number | null,
        reason: row[4] as string | null,
      }),
    ),
  );

/** The compact terminal table: what fits beside the counts. */
function compactTable(view: ErrorsView): TableData {
  const columns: Column[] = [
    ...(view.timeSeries ? [{ name: 'time', kind: 'time' } as Column] : []),
    { name: 'code', kind: 'text' },
    { name: 'count', kind: 'integer' },
    { name: 'share', kind: 'share' },
    ...(view.timeSeries
      ? []
      : ([
          { name: 'clients', kind: 'number' },
          { name: 'p95 ms', kind: 'number' },
          { name: 'first seen', kind: 'time' },
          { name: 'last seen', kind: 'time' },
        ] as Column[])),
    { name: 'meaning', kind: 'text' },
  ];
  const rows = view.rows.map((r): Cell[] => [
    ...(view.timeSeries ? [r.time ?? null] : []),
    groupLabel(r),
    r.count,
    r.share,
    ...(view.timeSeries
      ? []
      : [r.distinctClientsExact ? r.distinctClients : `~${r.distinctClients}`, r.latency?.p95 ?? null, r.firstSeen, r.lastSeen]),
    r.meaning,
  ]);
  const untimed = view.untimed > 0 ? ` (${view.untimed} errors without a time are not in the series)` : '';
  const widened =
    view.widened === undefined
      ? ''
      : ` (buckets of ${formatInterval(view.widened.toMs)}, widened from --interval ${formatInterval(view.widened.fromMs)}: more than ${MAX_ERROR_GROUPS.toLocaleString('en-US')} groups; see docs/memory.md)`;
  return {
    id: 'groups',
    title: view.timeSeries
      ? `Errors per interval (share of the bucket's requests)${widened}${untimed}`
      : 'Errors (4xx, 5xx, HTTPERR) by status.substatus.win32',
    columns,
    rows,
    omitted: view.omitted,
  };
}

/**
 * Hidden first when the compact table is too wide: the details below repeat clients and latency,
 * and when errors started matters more than when they last happened.
 */
const HIDEABLE = ['clients', 'last seen', 'p95 ms', 'first seen'];

const LABEL_WIDTH = 15;
const label = (name: string): string => `  ${name.padEnd(LABEL_WIDTH - 2)}`;

/** `value (count)` items, each cut to fit a line on its own but never in its count. */
function itemLines(name: string, items: readonly { text: string; count: number }[], width: number, maxError?: number): string[] {
  const room = width - LABEL_WIDTH;
  const tokens = items.map((item, i) => {
    const count = ` (${item.count})${i < items.length - 1 ? ',' : ''}`;
    return cutEnd(forTerminal(item.text), room - cellWidth(count)) + count;
  });
  if (maxError !== undefined) tokens.push(...`(approximate: each count may be over by up to ${maxError})`.split(' '));
  return wrapTokens(label(name), tokens, ' '.repeat(LABEL_WIDTH), width);
}

/** `file:line`, with its folders cut from the left when the path is wider than the line. */
function exampleLine(example: string, width: number): string {
  const text = forTerminal(example);
  const at = /:\d+$/.exec(text)?.[0] ?? '';
  const room = width - LABEL_WIDTH;
  return label('example') + (cellWidth(text) <= room ? text : cutStart(text.slice(0, text.length - at.length), room - at.length) + at);
}

/** Per-group details under the table, wrapped to the width; every piece of log text is sanitised. */
function details(rows: readonly ErrorGroupRow[], width: number): string {
  const out: string[] = [];
  for (const r of rows) {
    out.push(cutEnd(forTerminal(`${groupLabel(r)}  (${r.count})`), width));
    // The table cuts the meaning to fit; an HTTP.sys reason has no other explanation than this.
    out.push(...wrapProse(label('meaning'), forTerminal(r.meaning), width));
    if (r.likelyCause) out.push(...wrapProse(label('likely cause'), forTerminal(r.likelyCause), width));
    const l = r.latency;
    if (l)
      out.push(
        ...wrapTokens(
          label('latency ms'),
          [`mean ${l.mean},`, `p50 ${l.p50},`, `p90 ${l.p90},`, `p99 ${l.p99},`, `max ${l.max}`],
          ' '.repeat(LABEL_WIDTH),
          width,
        ),
      );
    if (r.topUris.length > 0)
      out.push(
        ...itemLines(
          'top URIs',
          r.topUris.map((u) => ({ text: u.uri, count: u.count })),
          width,
          r.topUrisMaxError,
        ),
      );
    if (r.topClients.length > 0)
      out.push(
        ...itemLines(
          'top clients',
          r.topClients.map((c) => ({ text: c.client, count: c.count })),
          width,
          r.topClientsMaxError,
        ),
      );
    if (r.example) out.push(exampleLine(r.example, width));
  }
  return `${out.join('\n')}\n`;
}

/**
 * An ErrorsReport as text: table (groups with meaning, likely cause, times, top URIs and clients),
 * csv (one row per group, or per time × group), json, or the raw mergeable partial.
 */
export function renderErrors(report: ErrorsReport, options: ErrorsRenderOptions): string {
  if (options.format === 'partial') return `${safeJson(report)}\n`;
  const view = errorsView(report, { top: options.top ?? 0, items: options.items });
  const wide = options.wide === true && view.timeSeries;
  switch (options.format) {
    case 'csv':
      return withBom(renderCsv(shapeCsv(wide ? wideTable(view) : errorsTable(view), wide, options.csv)), options.csv);
    case 'json':
      return `${safeJson(
        {
          input: report.input,
          intervalMs: report.intervalMs,
          ...(report.requestedIntervalMs === undefined ? {} : { requestedIntervalMs: report.requestedIntervalMs }),
          accuracy: { latency: LATENCY_ACCURACY, distinctClients: DISTINCT_ACCURACY },
          omitted: view.omitted,
          ...(view.timeSeries ? { withoutTime: view.untimed } : {}),
          groups: view.rows,
        },
        2,
      )}\n`;
    case 'table': {
      const text = { width: options.width ?? 100, color: options.color ?? false };
      // A time series has no details under it to give a cut meaning in full.
      const whenCut = view.timeSeries ? MEANING_CUT : undefined;
      const main = renderTextTable(wide ? wideTable(view) : compactTable(view), { ...text, hideable: HIDEABLE, whenCut });
      const more = view.timeSeries || view.rows.length === 0 ? '' : `\n${details(view.rows, text.width)}`;
      return `${renderInputSummary(report.input, text.width)}\n${main}${more}`;
    }
  }
}
