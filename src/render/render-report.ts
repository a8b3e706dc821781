import { safeJson } from './sanitize.js';
import { isTimeDimension } from '../report/dimensions.js';
import { groupsTable, reportTables, type ViewOptions } from '../report/report-view.js';
import { GROUP_KEY_SEPARATOR, type CountTable, type Report } from '../report/report.js';
import { byCountThenKey, shareOf, type Cell, type TableData } from '../report/table-data.js';
import { bucketLabel, bucketRange, parseInterval, pivotWide } from '../report/time-series.js';
import type { GroupSort } from '../report/group-columns.js';
import { renderCsv } from './csv.js';
import { measuresAccuracy } from '../report/measures-accuracy.js';
import { shapeCsv, STATUS_CLASSES, stableWide, withBom, type CsvShape } from './csv-contract.js';
import { renderJson } from './json.js';
import { renderInputSummary } from './input-summary-text.js';
import { renderTextTable } from './text-table.js';

/** `table` for a terminal, `csv` and `json` for tools, `partial` for `mergeReports`/`logtally merge` elsewhere. */
export type OutputFormat = 'table' | 'csv' | 'json' | 'partial';

/** Options of `renderReport`. */
export interface RenderOptions {
  format: OutputFormat;
  /** Rows per table; 0 = all. */
  top?: number;
  /** Terminal width in cells: every table and summary line fits it. */
  width?: number;
  color?: boolean;
  /** With a time dimension: one row per bucket, one count column per group. */
  wide?: boolean;
  /** Order of `--by` groups (default count). */
  sort?: GroupSort;
  /** CSV columns, text and byte order mark (render/csv-contract.ts). */
  csv?: CsvShape;
}

const DEFAULT_TOP = 10;
/** Decoding is the point of a report, so a meaning cut to fit says where to read it whole. */
export const MEANING_CUT = { meaning: '(meanings cut to fit: `logtally explain CODE` prints one in full, --format csv all of them)' };

/**
 * table: input accounting then each section; csv: the main section (groups with --by, else codes)
 * with every row unless --top cuts it; json: input plus every section; partial: the raw mergeable
 * Report for `logtally merge`.
 */
export function renderReport(report: Report, options: RenderOptions): string {
  const tablesOf = (view: ViewOptions): TableData[] =>
    report.by.some(isTimeDimension) ? [timeSeriesTable(report, view, options.wide === true)] : reportTables(report, view);
  switch (options.format) {
    case 'partial':
      return `${safeJson(report)}\n`;
    case 'csv': {
      const tables = tablesOf({ top: options.top ?? 0, share: false, sort: options.sort });
      const main = tables.find((t) => t.id === 'groups' || t.id === 'codes')!;
      const wide = options.wide === true && report.by.some(isTimeDimension);
      const shaped = shapeCsv(main, wide, options.csv);
      return withBom(renderCsv(withErrorBoundColumn(shaped, report.approximate?.[main.id as CountTable])), options.csv);
    }
    case 'json': {
      const timeAt = report.by.findIndex(isTimeDimension);
      const extra: Record<string, unknown> = { by: report.by };
      if (timeAt >= 0) extra.withoutTime = recordsWithoutTime(report, timeAt);
      if (report.approximate) extra.approximate = report.approximate;
      if (report.measures !== undefined || report.overview !== undefined) Object.assign(extra, measuresAccuracy(report));
      return renderJson(report.input, tablesOf({ top: options.top ?? 0, share: true, sort: options.sort }), extra);
    }
    case 'table': {
      const tables = tablesOf({ top: options.top ?? DEFAULT_TOP, share: true, sort: options.sort, compact: true });
      const text = { width: options.width ?? 100, color: options.color ?? false, whenCut: MEANING_CUT };
      return [renderInputSummary(report.input, text.width), ...tables.map((t) => renderTextTable(withoutIisOnlyColumns(t), text))].join(
        '\n',
      );
    }
  }
}

/** Columns only IIS fills: an access log's table leaves them out rather than show a column of dashes. */
const IIS_ONLY = ['substatus', 'win32'];

/**
 * On a terminal, the IIS-only columns of a table whose rows all lack them (Apache, nginx, JSON logs)
 * are dropped, giving the meaning their room. CSV and JSON keep them, so their columns never depend
 * on the data.
 */
function withoutIisOnlyColumns(table: TableData): TableData {
  const drop = new Set(
    table.columns.flatMap((c, i) => (IIS_ONLY.includes(c.name) && table.rows.every((row) => row[i] === null) ? [i] : [])),
  );
  if (drop.size === 0 || table.rows.length === 0) return table;
  const keep = (_: unknown, i: number) => !drop.has(i);
  const title = table.id === 'codes' && drop.size === IIS_ONLY.length ? 'Top statuses' : table.title;
  return { ...table, title, columns: table.columns.filter(keep), rows: table.rows.map((row) => row.filter(keep)) };
}

/**
 * A CSV has no title to say its counts are approximate, so a capped table gets a column with the
 * most any count may be over the truth (the same on every row); exact tables keep their columns.
 */
function withErrorBoundColumn(table: TableData, maxError: number | undefined): TableData {
  if (maxError === undefined) return table;
  return {
    ...table,
    columns: [...table.columns, { name: 'count_max_overstatement', kind: 'integer' }],
    rows: table.rows.map((row) => [...row, maxError]),
  };
}

/** Adds a zero group for every bucket × other-dimension combination that had no records. */
function withEmptyBuckets(report: Report, timeAt: number): Report {
  const intervalMs = parseInterval(report.by[timeAt]!.split(':')[1]!);
  const series = new Set<string>();
  const times = new Set<string>();
  for (const key of Object.keys(report.groups)) {
    const values = key.split(GROUP_KEY_SEPARATOR);
    times.add(values[timeAt]!);
    values[timeAt] = '';
    series.add(values.join(GROUP_KEY_SEPARATOR));
  }
  const groups = { ...report.groups };
  for (const bucket of bucketRange(times, intervalMs, series.size)) {
    for (const s of series) {
      const values = s.split(GROUP_KEY_SEPARATOR);
      values[timeAt] = bucket;
      groups[values.join(GROUP_KEY_SEPARATOR)] ??= 0;
    }
  }
  return { ...report, groups };
}

/** Records of a time-dimension report that had no time, so sit in no bucket. */
function recordsWithoutTime(report: Report, timeAt: number): number {
  let count = 0;
  for (const [key, n] of Object.entries(report.groups)) if (key.split(GROUP_KEY_SEPARATOR)[timeAt] === '') count += n;
  return count;
}

/** Records per bucket, summed over a long table's rows, for shares of the bucket. */
function bucketTotals(rows: readonly Cell[][], timeAt: number, countAt: number): Map<Cell, number> {
  const totals = new Map<Cell, number>();
  for (const row of rows) totals.set(row[timeAt]!, (totals.get(row[timeAt]!) ?? 0) + Number(row[countAt]));
  return totals;
}

/**
 * The groups of a report with a time dimension as a tidy series: a `time` column in ISO-8601,
 * rows in time order, --top keeping the largest series (all their buckets), optionally pivoted.
 * A share is of the bucket's requests, as in `errors --interval`: what part of 10:05's traffic was
 * 5xx. With time the only dimension every share would be 100%, so there is no share column.
 */
function timeSeriesTable(report: Report, view: ViewOptions, wide: boolean): TableData {
  const timeAt = report.by.findIndex(isTimeDimension);
  const share = view.share && report.by.length > 1;
  const long = groupsTable(withEmptyBuckets(report, timeAt), { ...view, share, top: 0 });
  const seriesOf = (row: Cell[]): string =>
    report.by
      .map((_, i) => (i === timeAt ? '' : String(row[i] ?? '-')))
      .filter((_, i) => i !== timeAt)
      .join(' ') || 'count';
  const totals = new Map<string, number>();
  const countAt = report.by.length;
  for (const row of long.rows) totals.set(seriesOf(row), (totals.get(seriesOf(row)) ?? 0) + Number(row[countAt]));
  const inBucket = bucketTotals(long.rows, timeAt, countAt);
  const shareAt = share ? countAt + 1 : -1;
  const ranked = [...totals.entries()].sort(byCountThenKey);
  const kept = new Set((view.top > 0 ? ranked.slice(0, view.top) : ranked).map(([s]) => s));
  const rank = new Map(ranked.map(([s], i) => [s, i]));
  // A series has no place for records without a time: a blank time cell breaks dashboards' date columns.
  const timed = (row: Cell[]): boolean => row[timeAt] !== null && row[timeAt] !== '';
  const untimed = recordsWithoutTime(report, timeAt);
  const rows = long.rows
    .filter((row) => timed(row) && kept.has(seriesOf(row)))
    .sort((a, b) => Number(a[timeAt]) - Number(b[timeAt]) || rank.get(seriesOf(a))! - rank.get(seriesOf(b))!)
    .map((row) =>
      row.map((cell, i) =>
        i === timeAt ? bucketLabel(String(cell)) : i === shareAt ? shareOf(Number(row[countAt]), inBucket.get(row[timeAt]!)!) : cell,
      ),
    );
  const columns = long.columns.map((c, i) => (i === timeAt ? { name: 'time', kind: 'time' as const } : c));
  const notes = [
    ...(share && !wide ? ["share of the bucket's requests"] : []),
    ...(untimed > 0 ? [`${untimed} records without a time are not in the series`] : []),
  ];
  const title = [long.title, ...notes.map((note) => `(${note})`)].join(' ');
  const table: TableData = { ...long, title, columns, rows, omitted: ranked.length - kept.size };
  if (!wide) return table;
  // By class alone, every class is a column whatever the data, so a dashboard's columns never change.
  const byClass = report.by.length === 2 && report.by.includes('class');
  return stableWide(pivotWide(table, 'time', 'count', seriesOf), byClass ? STATUS_CLASSES : []);
}
