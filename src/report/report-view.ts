/**
 * Turns a Report into renderer-neutral tables: sorted, cut to --top, with shares and decoded
 * meanings. Meanings are looked up once per row, never per record.
 */
import { describeHttpErrReason, describeWin32, meaningOf } from '../decode/index.js';
import { DIMENSIONS, parseCodeKey } from './dimensions.js';
import { GROUP_KEY_SEPARATOR, type CountTable, type Report } from './report.js';
import { groupSortValue, MEASURE_COLUMNS, COMPACT_MEASURE_COLUMNS, measureCells, type GroupSort } from './group-columns.js';
import { summariseMeasures } from './group-measures.js';
import { overviewTables } from './overview-view.js';
import { periodAt, periodRank, withEmptyPeriods } from './periods.js';
import { byCountThenKey, entriesOf, shareOf, cutTop, type Cell, type Column, type TableData } from './table-data.js';

export interface ViewOptions {
  /** Rows per table; 0 = all. */
  top: number;
  /** Include share columns (tables and JSON; CSV for dashboards leaves them out). */
  share: boolean;
  /** Order of the groups; by count unless given. */
  sort?: GroupSort;
  /** Only the measures a terminal has room for (bytes, clients, p50, p95, p99, max). */
  compact?: boolean;
}

const numberOrNull = (text: string | undefined): number | null => (text === undefined || text === '' ? null : Number(text));

function codeMeaning(status: number | undefined, substatus: number | undefined, win32: number | undefined): string {
  if (status !== undefined) return meaningOf(status, substatus, win32);
  if (win32 !== undefined) return describeWin32(win32).meaning;
  return NO_STATUS_MEANING;
}

/** HTTP.sys logs no status for a connection it dropped or timed out; its s-reason says why. */
const NO_STATUS_MEANING =
  'no HTTP status logged (an HTTPERR entry for a dropped or timed-out connection, or a layout without sc-status); `logtally errors` lists the s-reason';

function table(
  id: string,
  title: string,
  columns: Column[],
  entries: [string, number][],
  top: number,
  toRow: (key: string, count: number) => Cell[],
): TableData {
  const { kept, omitted } = cutTop(entries.sort(byCountThenKey), top);
  return { id, title, columns, rows: kept.map(([key, count]) => toRow(key, count)), omitted };
}

/** `other` is not a status class anyone knows: the title says what lands there. */
const OTHER_CLASS = 'other: no status logged, as for a connection HTTP.sys dropped, or one outside 100-599';

export function classesTable(report: Report, options: ViewOptions): TableData {
  const total = report.input.records - report.input.filteredOut;
  const order = ['1xx', '2xx', '3xx', '4xx', '5xx', 'other'];
  const entries = order.filter((c) => report.classes[c] !== undefined).map((c): [string, number] => [c, report.classes[c]!]);
  const columns: Column[] = [
    { name: 'class', kind: 'text' },
    { name: 'count', kind: 'integer' },
  ];
  if (options.share) columns.push({ name: 'share', kind: 'share' });
  return {
    id: 'classes',
    title: report.classes.other === undefined ? 'Status classes' : `Status classes (${OTHER_CLASS})`,
    columns,
    rows: entries.map(([c, count]) => (options.share ? [c, count, shareOf(count, total)] : [c, count])),
    omitted: 0,
  };
}

export function codesTable(report: Report, options: ViewOptions): TableData {
  const total = report.input.records - report.input.filteredOut;
  const columns: Column[] = [
    { name: 'status', kind: 'integer' },
    { name: 'substatus', kind: 'integer' },
    { name: 'win32', kind: 'integer' },
    { name: 'count', kind: 'integer' },
  ];
  if (options.share) columns.push({ name: 'share', kind: 'share' });
  columns.push({ name: 'meaning', kind: 'text' });
  return table('codes', 'Top status.substatus.win32', columns, entriesOf(report.codes), options.top, (key, count) => {
    const { status, substatus, win32 } = parseCodeKey(key);
    const row: Cell[] = [status ?? null, substatus ?? null, win32 ?? null, count];
    if (options.share) row.push(shareOf(count, total));
    row.push(codeMeaning(status, substatus, win32));
    return row;
  });
}

export function errorUrisTable(report: Report, options: ViewOptions): TableData {
  const errors = (report.classes['4xx'] ?? 0) + (report.classes['5xx'] ?? 0);
  const columns: Column[] = [
    { name: 'uri', kind: 'text' },
    { name: 'count', kind: 'integer' },
  ];
  if (options.share) columns.push({ name: 'share', kind: 'share' });
  return table('errorUris', 'Top URIs among 4xx/5xx', columns, entriesOf(report.errorUris), options.top, (uri, count) =>
    options.share ? [uri, count, shareOf(count, errors)] : [uri, count],
  );
}

/** Meaning of a group, when its dimensions include a code or an HTTP.sys reason. */
function groupMeaning(by: readonly string[], values: readonly string[]): string | undefined {
  const at = (name: string): number | undefined => {
    const i = by.indexOf(name);
    return i === -1 ? undefined : (numberOrNull(values[i]) ?? undefined);
  };
  // HTTP.sys's reason says more than the status it logged with it (503 QueueFull, 400 Hostname).
  const reasonAt = by.indexOf('reason');
  const reason = reasonAt === -1 || values[reasonAt] === '' ? undefined : describeHttpErrReason(values[reasonAt]!)?.meaning;
  if (reason !== undefined) return reason;
  const codeAt = by.indexOf('code');
  if (codeAt !== -1) {
    const { status, substatus, win32 } = parseCodeKey(values[codeAt]!);
    return codeMeaning(status, substatus, win32);
  }
  if (by.includes('status')) return codeMeaning(at('status'), at('substatus'), at('win32'));
  if (by.includes('win32')) return codeMeaning(undefined, undefined, at('win32'));
  return undefined;
}

export function groupsTable(report: Report, options: ViewOptions): TableData {
  // A calendar dimension reads in time order with its empty periods, unless --sort asks otherwise.
  const period = options.sort === undefined ? periodAt(report.by) : -1;
  if (period >= 0) report = withEmptyPeriods(report, period);
  const total = report.input.records - report.input.filteredOut;
  const by = report.by;
  const decoded = by.includes('status') || by.includes('code') || by.includes('win32') || by.includes('reason');
  const columns: Column[] = by.map((name) => ({
    name,
    kind: DIMENSIONS[name]?.numeric ? 'integer' : name === 'hour' || name === 'day' ? 'time' : 'text',
  }));
  columns.push({ name: 'count', kind: 'integer' });
  if (options.share) columns.push({ name: 'share', kind: 'share' });
  const measureColumns = options.compact ? COMPACT_MEASURE_COLUMNS : MEASURE_COLUMNS;
  // CSV and JSON add the measures after the columns they always had; a terminal keeps the meaning, which may be cut, last.
  if (options.compact) columns.push(...measureColumns);
  if (decoded) columns.push({ name: 'meaning', kind: 'text' });
  if (!options.compact) columns.push(...measureColumns);
  const sort = options.sort ?? 'count';
  const entries = entriesOf(report.groups).map(([key, count]) => ({
    key,
    count,
    measures: summariseMeasures(report.measures?.[key]),
  }));
  // Descending by the chosen measure (groups without it last), then by count and key as the count order has it.
  entries.sort(
    (a, b) =>
      groupSortValue(sort, b.count, b.measures) - groupSortValue(sort, a.count, a.measures) ||
      byCountThenKey([a.key, a.count], [b.key, b.count]),
  );
  const { kept, omitted } = period >= 0 ? chronological(entries, by, period, options.top) : cutTop(entries, options.top);
  const rows = kept.map(({ key, count, measures }) => {
    const values = key.split(GROUP_KEY_SEPARATOR);
    const row: Cell[] = by.map((name, i) => (DIMENSIONS[name]?.numeric ? numberOrNull(values[i]) : values[i] === '' ? null : values[i]!));
    row.push(count);
    if (options.share) row.push(shareOf(count, total));
    if (options.compact) row.push(...measureCells(measures, measureColumns));
    if (decoded) row.push(groupMeaning(by, values) ?? '');
    if (!options.compact) row.push(...measureCells(measures, measureColumns));
    return row;
  });
  const sorted = sort === 'count' ? '' : ` (by ${sort})`;
  return { id: 'groups', title: `Requests by ${by.join(', ')}${sorted}`, columns, rows, omitted };
}

/**
 * Rows by period, and within a period in count order; --top keeps the largest series (the other
 * dimensions' values) with all their periods. With the period the only dimension, nothing is cut.
 */
function chronological<T extends { key: string; count: number }>(entries: T[], by: readonly string[], at: number, top: number) {
  const seriesOf = (key: string): string =>
    key
      .split(GROUP_KEY_SEPARATOR)
      .filter((_, i) => i !== at)
      .join(GROUP_KEY_SEPARATOR);
  const totals = new Map<string, number>();
  for (const e of entries) totals.set(seriesOf(e.key), (totals.get(seriesOf(e.key)) ?? 0) + e.count);
  const ranked = [...totals.entries()].sort(byCountThenKey);
  const kept = new Set((top > 0 && by.length > 1 ? ranked.slice(0, top) : ranked).map(([s]) => s));
  const rank = new Map(ranked.map(([s], i) => [s, i]));
  const periodOf = (key: string): number => periodRank(by[at]!, key.split(GROUP_KEY_SEPARATOR)[at]!);
  const rows = entries
    .filter((e) => kept.has(seriesOf(e.key)))
    .sort((a, b) => periodOf(a.key) - periodOf(b.key) || rank.get(seriesOf(a.key))! - rank.get(seriesOf(b.key))!);
  return { kept: rows, omitted: ranked.length - kept.size };
}

/** All sections of a report, in reading order. */
export function reportTables(report: Report, options: ViewOptions): TableData[] {
  const tables =
    report.by.length > 0
      ? [groupsTable(report, options)]
      : [classesTable(report, options), codesTable(report, options), errorUrisTable(report, options)];
  return [...tables.map((t) => withBound(report, t)), ...overviewTables(report, options)];
}

/** A capped table says so in its title, with how far any count may be over the truth. */
function withBound(report: Report, table: TableData): TableData {
  const maxError = report.approximate?.[table.id as CountTable];
  return maxError === undefined
    ? table
    : { ...table, title: `${table.title} (approximate: key cap reached, each count may be over by up to ${maxError})` };
}
