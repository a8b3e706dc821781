/**
 * The errors report in each output format. Tables show one compact row per group then, per group,
 * its likely cause, top URIs, top clients and an example line; CSV is one tidy row per group (per
 * time × group with --interval, or one column per group with --wide); JSON carries `groups`.
 */
import { DISTINCT_ACCURACY } from '../report/errors-distinct.js';
import type { ErrorsReport } from '../report/errors-report.js';
import { errorsTable, errorsView, groupLabel, type ErrorGroupRow, type ErrorsView } from '../report/errors-view.js';
import { LATENCY_ACCURACY } from '../report/latency.js';
import type { Cell, Column, TableData } from '../report/table-data.js';
import { pivotWide } from '../report/time-series.js';
import { forTerminal, safeJson } from '../sanitize.js';
import { renderCsv } from './csv.js';
import type { OutputFormat } from './render-report.js';
import { renderInputSummary, renderTextTable } from './text-table.js';

export interface ErrorsRenderOptions {
  format: OutputFormat;
  /** Groups (series) shown; 0 = all. */
  top: number;
  /** URIs and clients listed per group. */
  items?: number;
  /** Time series: one column per group instead of one row per time × group. */
  wide?: boolean;
  width?: number;
  color?: boolean;
}

const DEFAULT_ITEMS = 5;

const wideTable = (view: ErrorsView): TableData =>
  pivotWide(errorsTable(view), 'time', 'count', (row) => groupLabel({ status: row[1] as number | null, substatus: row[2] as number | null, win32: row[3] as number | null, reason: row[4] as string | null }));

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
    ...(view.timeSeries ? [] : [r.distinctClientsExact ? r.distinctClients : `~${r.distinctClients}`, r.latency?.p95 ?? null, r.firstSeen, r.lastSeen]),
    r.meaning,
  ]);
  return { id: 'groups', title: view.timeSeries ? 'Errors per interval' : 'Errors (4xx, 5xx, HTTPERR) by status.substatus.win32', columns, rows, omitted: view.omitted };
}

const cut = (text: string, width: number): string => (text.length <= width ? text : `${text.slice(0, Math.max(1, width - 1))}…`);

/** Per-group details under the table; every piece of log text passes the terminal sanitiser. */
function details(rows: readonly ErrorGroupRow[], width: number): string {
  const out: string[] = [];
  for (const r of rows) {
    out.push(cut(forTerminal(`${groupLabel(r)}  (${r.count})`), width));
    const line = (label: string, text: string) => out.push(cut(`  ${label.padEnd(13)}${forTerminal(text)}`, width));
    if (r.likelyCause) line('likely cause', r.likelyCause);
    if (r.latency) line('latency ms', `mean ${r.latency.mean}, p50 ${r.latency.p50}, p90 ${r.latency.p90}, p99 ${r.latency.p99}, max ${r.latency.max}`);
    if (r.topUris.length > 0) line('top URIs', r.topUris.map((u) => `${u.uri} (${u.count})`).join(', '));
    if (r.topClients.length > 0) line('top clients', r.topClients.map((c) => `${c.client} (${c.count})`).join(', '));
    if (r.example) line('example', r.example);
  }
  return `${out.join('\n')}\n`;
}

export function renderErrors(report: ErrorsReport, options: ErrorsRenderOptions): string {
  if (options.format === 'partial') return `${safeJson(report)}\n`;
  const view = errorsView(report, { top: options.top, items: options.items ?? DEFAULT_ITEMS });
  const wide = options.wide === true && view.timeSeries;
  switch (options.format) {
    case 'csv':
      return renderCsv(wide ? wideTable(view) : errorsTable(view));
    case 'json':
      return `${safeJson(
        {
          input: report.input,
          intervalMs: report.intervalMs,
          accuracy: { latency: LATENCY_ACCURACY, distinctClients: DISTINCT_ACCURACY },
          omitted: view.omitted,
          groups: view.rows,
        },
        2,
      )}\n`;
    case 'table': {
      const text = { width: options.width ?? 100, color: options.color ?? false };
      const main = renderTextTable(wide ? wideTable(view) : compactTable(view), text);
      const more = view.timeSeries || view.rows.length === 0 ? '' : `\n${details(view.rows, text.width)}`;
      return `${renderInputSummary(report.input)}\n${main}${more}`;
    }
  }
}
