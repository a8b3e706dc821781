/**
 * The `--overview` sections as tables: top URIs, top clients, the slowest URIs by p95, and the
 * requests from bots. Each measured table is laid out as a `--by` group table would be.
 */
import type { Overview, MeasuredTable } from './overview.js';
import type { Report } from './report.js';
import { groupsTable, type ViewOptions } from './report-view.js';
import { shareOf, type TableData } from './table-data.js';

/** A p95 of one or two requests says little: the slowest URIs are ranked among those with this many requests. */
export const SLOWEST_MIN_REQUESTS = 10;

function measuredTable(report: Report, dimension: string, table: MeasuredTable, options: ViewOptions): TableData {
  const as: Report = { ...report, by: [dimension], groups: table.counts, measures: table.measures, approximate: undefined };
  const data = groupsTable(as, options);
  const bound = table.maxError > 0 ? ` (approximate: key cap reached, each count may be over by up to ${table.maxError})` : '';
  return { ...data, title: `${data.title}${bound}` };
}

function slowest(report: Report, overview: Overview, options: ViewOptions): TableData {
  const counts = Object.fromEntries(Object.entries(overview.uris.counts).filter(([, count]) => count >= SLOWEST_MIN_REQUESTS));
  const table = measuredTable(report, 'uri', { ...overview.uris, counts }, { ...options, sort: 'p95' });
  return { ...table, id: 'slowestUris', title: `Slowest URIs (p95, among URIs with ${SLOWEST_MIN_REQUESTS}+ requests)` };
}

function botsTable(overview: Overview, options: ViewOptions): TableData {
  const { yes, no, unknown } = overview.bots;
  const total = yes + no + unknown;
  const rows: [string, number][] = [
    ['yes', yes],
    ['no', no],
    ['no user agent', unknown],
  ];
  return {
    id: 'bots',
    title: 'Requests from bots (user agent, isbot)',
    columns: [
      { name: 'bot', kind: 'text' },
      { name: 'count', kind: 'integer' },
      ...(options.share ? [{ name: 'share', kind: 'share' as const }] : []),
    ],
    rows: rows.map(([name, count]) => (options.share ? [name, count, shareOf(count, total)] : [name, count])),
    omitted: 0,
  };
}

/** The distinct clients of one client say nothing. */
function withoutClientCount(table: TableData): TableData {
  const keep = table.columns.map((c) => c.name !== 'distinct_clients' && c.name !== 'clients');
  return {
    ...table,
    columns: table.columns.filter((_, i) => keep[i]),
    rows: table.rows.map((row) => row.filter((_, i) => keep[i])),
  };
}

export function overviewTables(report: Report, options: ViewOptions): TableData[] {
  const overview = report.overview;
  if (overview === undefined) return [];
  const plain = { ...options, sort: 'count' as const };
  return [
    { ...measuredTable(report, 'uri', overview.uris, plain), id: 'topUris', title: 'Top URIs' },
    slowest(report, overview, options),
    { ...withoutClientCount(measuredTable(report, 'client', overview.clients, plain)), id: 'topClients', title: 'Top clients' },
    botsTable(overview, options),
  ];
}
