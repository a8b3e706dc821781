/**
 * The report as plain, mergeable data. Counts are keyed records so two partial reports (other
 * files, other cores, other machines) combine by adding: merge(analyse(a), analyse(b)) equals
 * analyse(a + b).
 */
import { dictionary, ownValue } from '../../parsers/lookup-table.js';
import { LogtallyError } from '../errors/logtally-error.js';
import { emptyInputSummary, mergeInputSummaries, type InputSummary } from '../scan/input-summary.js';
import type { GroupMeasureData } from './group-measures.js';
import { mergeAllOverviews, mergeMeasuresOf, mergeOverviews, type Overview } from './overview.js';
import { DEFAULT_MAX_KEYS, groupCap, mergeBoundedTables, type BoundedTable } from './top-k.js';

export const GROUP_KEY_SEPARATOR = '\u0001';

/**
 * The version of partial reports (`--format partial`, --state). 2: latency counted in buckets
 * (latency-buckets.ts) where 1 carried HDR histograms.
 */
export const PARTIAL_VERSION = 2;

/** What `analyse` returns: counts of every line and record read, as plain data that merges by adding. */
export interface Report {
  logtally: 'report';
  version: typeof PARTIAL_VERSION;
  input: InputSummary;
  /** Records per status class: 1xx … 5xx, and `other` for missing or out-of-range statuses. */
  classes: Record<string, number>;
  /** Records per `status.substatus.win32`. */
  codes: Record<string, number>;
  /** Records per URI, among 4xx and 5xx responses. */
  errorUris: Record<string, number>;
  /** The `--by` dimensions, in order; empty when not grouping. */
  by: string[];
  /** Records per group; a key is the dimension values joined by GROUP_KEY_SEPARATOR. */
  groups: Record<string, number>;
  /** Bytes, distinct clients and latency per group, keyed as `groups`; present when grouping (group-measures.ts). */
  measures?: Record<string, GroupMeasureData>;
  /** Top URIs and clients with their measures, and bots, over all requests: with `overview` (report/overview.ts). */
  overview?: Overview;
  /**
   * Tables that hit the key cap (see top-k.ts), by name (`codes`, `errorUris`, `groups`), with the
   * most any of their counts may exceed the truth by. Absent when every table is exact.
   */
  approximate?: Partial<Record<CountTable, number>>;
}

export const COUNT_TABLES = ['codes', 'errorUris', 'groups'] as const;
export type CountTable = (typeof COUNT_TABLES)[number];

export const boundedTable = (report: Report, name: CountTable): BoundedTable => ({
  counts: report[name],
  maxError: report.approximate?.[name] ?? 0,
});

/** Stores capped tables into the report, noting the approximate ones. */
export function setBoundedTable(report: Report, name: CountTable, table: BoundedTable): void {
  report[name] = table.counts;
  if (table.maxError > 0) (report.approximate ??= {})[name] = table.maxError;
}

export function emptyReport(by: readonly string[] = []): Report {
  return {
    logtally: 'report',
    version: PARTIAL_VERSION,
    input: emptyInputSummary(),
    classes: {},
    codes: {},
    errorUris: {},
    by: [...by],
    groups: {},
  };
}

const sumInto = (into: Record<string, number>, from: Record<string, number>): Record<string, number> => {
  for (const key of Object.keys(from)) into[key] = (ownValue(into, key) ?? 0) + from[key]!;
  return into;
};

/**
 * mergeReports folded over `reports` in order; the overviews are merged in one pass where that
 * gives the same (mergeAllOverviews), as the partials of a sampled overview are many.
 */
export function mergeAllReports(reports: readonly Report[], maxKeys = DEFAULT_MAX_KEYS, maxGroups?: number): Report {
  if (reports.length < 3 || reports.every((r) => r.overview === undefined))
    return reports.reduce((a, b) => mergeReports(a, b, maxKeys, maxGroups));
  const merged = reports.map(withoutOverview).reduce((a, b) => mergeReports(a, b, maxKeys, maxGroups));
  const overview = mergeAllOverviews(
    reports.map((r) => r.overview),
    maxKeys,
  );
  if (overview !== undefined) merged.overview = overview;
  return merged;
}

function withoutOverview(report: Report): Report {
  const { overview: _overview, ...rest } = report;
  return rest;
}

/**
 * Adds two reports; tables stay exact while their union fits in `maxKeys` (the `by` groups in
 * `groupCap(maxKeys, maxGroups)`), else are capped with a bound.
 */
export function mergeReports(a: Report, b: Report, maxKeys = DEFAULT_MAX_KEYS, maxGroups?: number): Report {
  if (a.by.join(',') !== b.by.join(',')) {
    throw new LogtallyError(
      'BAD_PARTIAL',
      `cannot merge reports grouped by different dimensions (${a.by.join(',') || 'none'} vs ${b.by.join(',') || 'none'})`,
    );
  }
  const merged = emptyReport(a.by);
  merged.input = mergeInputSummaries(a.input, b.input);
  merged.classes = sumInto(sumInto(dictionary(), a.classes), b.classes);
  for (const name of COUNT_TABLES) {
    const cap = name === 'groups' ? groupCap(maxKeys, maxGroups) : maxKeys;
    setBoundedTable(merged, name, mergeBoundedTables([boundedTable(a, name), boundedTable(b, name)], cap));
  }
  if (a.measures !== undefined || b.measures !== undefined) merged.measures = mergeMeasuresOf(merged.groups, a.measures, b.measures);
  const overview = mergeOverviews(a.overview, b.overview, maxKeys);
  if (overview !== undefined) merged.overview = overview;
  return merged;
}
