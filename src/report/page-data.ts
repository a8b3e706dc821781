/**
 * Everything the HTML page shows, gathered in one scan: the default report (classes, codes), the
 * overview (top URIs and clients, slowest URIs, bots), the errors report (groups with meanings,
 * clients, latency), traffic tables and the timeline. Plain, mergeable data like every other
 * report, so worker threads build parts and the parts add up.
 */
import { mergeInputSummaries, type InputSummary } from '../scan/input-summary.js';
import { mergeErrorsReports, relocateErrorExamples, type ErrorsReport } from './errors-report.js';
import { mergeReports, type Report } from './report.js';
import { mergeTimelines, type TimelineData } from './timeline.js';
import { mergeBoundedTables, type BoundedTable } from './top-k.js';

export const TRAFFIC_TABLES = ['notFound', 'methods', 'hosts', 'sites'] as const;
export type TrafficTable = (typeof TRAFFIC_TABLES)[number];

/** Requests per 404 URI, method, host and site, each a bounded table (exact until its key cap); top URIs and clients are the report's overview. */
export type TrafficData = Record<TrafficTable, BoundedTable>;

export interface PageData {
  logtally: 'page';
  version: 1;
  input: InputSummary;
  report: Report;
  errors: ErrorsReport;
  traffic: TrafficData;
  timeline: TimelineData;
}

export function mergePageData(a: PageData, b: PageData, maxKeys: number): PageData {
  const traffic = Object.fromEntries(
    TRAFFIC_TABLES.map((name) => [name, mergeBoundedTables([a.traffic[name], b.traffic[name]], maxKeys)]),
  ) as TrafficData;
  return {
    logtally: 'page',
    version: 1,
    input: mergeInputSummaries(a.input, b.input),
    report: mergeReports(a.report, b.report, maxKeys),
    errors: mergeErrorsReports(a.errors, b.errors),
    traffic,
    timeline: mergeTimelines(a.timeline, b.timeline),
  };
}

export function relocatePageExamples(page: PageData, file: string, lineOffset: number): void {
  relocateErrorExamples(page.errors, file, lineOffset);
}

/**
 * The parts share one input accounting. Only the page's own is kept right through parallel runs
 * (range line numbers are shifted there), so the parts are pointed at it once the run is over.
 */
export function withSharedInput(page: PageData): PageData {
  return { ...page, report: { ...page.report, input: page.input }, errors: { ...page.errors, input: page.input } };
}
