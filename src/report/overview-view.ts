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
/**
 * In a sampled overview, a row needs this many sampled lines (an estimate within about ±22%, one
 * standard error): with thousands of clients of a few requests each, the few sampled twice or three
 * times would otherwise top the table with counts they never had.
 */
export const MIN_SAMPLED_LINES = 20;

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

/** A sampled table keeps the rows with MIN_SAMPLED_LINES sampled lines: each line counts oneIn. */
function wellSampled(table: MeasuredTable, oneIn: number): MeasuredTable {
  const least = MIN_SAMPLED_LINES * oneIn;
  return { ...table, counts: Object.fromEntries(Object.entries(table.counts).filter(([, count]) => count >= least)) };
}

/** The title's note on a sampled overview: its numbers are estimates. */
function sampleNote(overview: Overview): string {
  const sample = overview.sample;
  if (sample === undefined || sample.oneIn === 1) return '';
  return ` (estimated from 1 line in ${sample.oneIn}, ${sample.lines.toLocaleString('en-US')} lines sampled; rows with ${MIN_SAMPLED_LINES}+ of them; --overview counts every line)`;
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

const isClientCount = (name: string): boolean => name === 'distinct_clients' || name === 'clients';
const isLatency = (name: string): boolean => name.startsWith('latency_') || name.endsWith('_ms');

/** The distinct clients of one client say nothing; a lean overview has none for URIs either. */
const withoutClientCount = (table: TableData): TableData => withoutColumns(table, isClientCount);

function withoutColumns(table: TableData, drop: (name: string) => boolean): TableData {
  const keep = table.columns.map((c) => !drop(c.name));
  return {
    ...table,
    columns: table.columns.filter((_, i) => keep[i]),
    rows: table.rows.map((row) => row.filter((_, i) => keep[i])),
  };
}

export function overviewTables(report: Report, options: ViewOptions): TableData[] {
  let overview = report.overview;
  if (overview === undefined) return [];
  const plain = { ...options, sort: 'count' as const };
  // A lean overview (the default report's) has no distinct clients per URI and no latency per client.
  const lean = overview.depth === 'lean';
  const forUris = (table: TableData) => (lean ? withoutClientCount(table) : table);
  const forClients = (table: TableData) => withoutColumns(table, (name) => isClientCount(name) || (lean && isLatency(name)));
  const note = sampleNote(overview);
  if (overview.sample !== undefined && overview.sample.oneIn > 1) {
    const { oneIn } = overview.sample;
    overview = { ...overview, uris: wellSampled(overview.uris, oneIn), clients: wellSampled(overview.clients, oneIn) };
  }
  const tables = [
    { ...forUris(measuredTable(report, 'uri', overview.uris, plain)), id: 'topUris', title: 'Top URIs' },
    forUris(slowest(report, overview, options)),
    { ...forClients(measuredTable(report, 'client', overview.clients, plain)), id: 'topClients', title: 'Top clients' },
    botsTable(overview, options),
  ];
  return tables.map((table) => ({
    ...table,
    title: `${table.title}${table.id === 'bots' ? note.replace(/; rows with [^;]*/, '') : note}`,
  }));
}
