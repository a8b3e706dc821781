/**
 * What `--format html` shows (report/page-data.ts's PageData) computed by SQL: the default report,
 * the errors report with the overview, the traffic tables and the timeline. The timeline's bucket width is chosen as
 * an embedded run ends up with it: from --interval (else one minute), widened along the same
 * ladder (coarserInterval) until the span of the records' times fits MAX_BUCKETS buckets.
 */
import type { FilterSpec } from '../filter/filters.js';
import { withSharedInput, type PageData, type TrafficData } from '../report/page-data.js';
import {
  DEFAULT_BASE_MS,
  MAX_BUCKETS,
  coarserInterval,
  errorLabel,
  spanBuckets,
  TIMELINE_CLASSES,
  type TimelineData,
} from '../report/timeline.js';
import { DEFAULT_MAX_KEYS } from '../report/top-k.js';
import type { Row } from './client.js';
import { clickHouseErrors } from './errors-sql.js';
import { resolvedFilterSql } from './filter-sql.js';
import { boundedTable, clickHouseReport } from './report-sql.js';
import { TIME_MS_SQL } from './schema.js';
import { requestsTable, type Target } from './target.js';

export interface ClickHousePageOptions {
  /** --interval in ms, the timeline's starting width; 0 for one minute. */
  intervalMs?: number;
  maxKeys?: number;
  filter?: FilterSpec;
}

const URI = 'coalesce(cs_uri_stem, cs_uri)';
/** Each traffic table: the column counted and, for 404s, the rows it counts among. */
const TRAFFIC_SQL: Record<keyof TrafficData, [string, string]> = {
  notFound: [URI, 'sc_status = 404'],
  methods: ['cs_method', '1'],
  hosts: ['cs_host', '1'],
  sites: ['coalesce(s_sitename, s_siteid)', '1'],
};

async function traffic(target: Target, table: string, where: string, maxKeys: number): Promise<TrafficData> {
  const tables: Partial<TrafficData> = {};
  for (const [name, [column, among]] of Object.entries(TRAFFIC_SQL) as [keyof TrafficData, [string, string]][]) {
    const rows = await target.entry.query(
      `SELECT assumeNotNull(${column}) AS k, count() AS n FROM ${table} WHERE (${where}) AND ${among} AND ${column} IS NOT NULL GROUP BY k ORDER BY n DESC, k LIMIT ${maxKeys + 1}`,
    );
    tables[name] = boundedTable(rows, (r) => String(r[0]), maxKeys);
  }
  return tables as TrafficData;
}

const CLASS_INDEX = 'multiIf(sc_status IS NULL OR sc_status < 100 OR sc_status > 599, 0, intDiv(assumeNotNull(sc_status), 100))';

async function timeline(target: Target, table: string, where: string, baseMs: number): Promise<TimelineData> {
  const timed = `(SELECT ${TIME_MS_SQL} AS t, sc_status, sc_substatus, sc_win32_status, s_reason FROM ${table} WHERE ${where})`;
  const [span] = await target.entry.query(`SELECT countIf(t IS NULL), countIf(t IS NOT NULL), min(t), max(t) FROM ${timed}`);
  const data: TimelineData = { intervalMs: baseMs, classes: {}, errors: {}, untimed: Number(span?.[0] ?? 0) };
  if (Number(span?.[1] ?? 0) === 0) return data;
  data.first = Number(span![2]);
  data.last = Number(span![3]);
  while (spanBuckets(data, data.intervalMs) > MAX_BUCKETS) data.intervalMs = coarserInterval(data.intervalMs);
  const bucket = `intDiv(assumeNotNull(t), ${data.intervalMs}) * ${data.intervalMs}`;
  const byBucket = (rows: Row[]) => rows.sort((a, b) => Number(a[0]) - Number(b[0]));
  for (const [b, index, n] of byBucket(
    await target.entry.query(`SELECT ${bucket} AS b, ${CLASS_INDEX} AS c, count() FROM ${timed} WHERE t IS NOT NULL GROUP BY b, c`),
  ))
    (data.classes[String(b)] ??= new Array<number>(TIMELINE_CLASSES.length).fill(0))[Number(index)] = Number(n);
  const errors = await target.entry.query(
    `SELECT ${bucket} AS b, sc_status, sc_substatus, sc_win32_status, s_reason, count() FROM ${timed} WHERE t IS NOT NULL AND (sc_status >= 400 OR s_reason IS NOT NULL) GROUP BY b, sc_status, sc_substatus, sc_win32_status, s_reason`,
  );
  const part = (cell: unknown): number | undefined => (cell === null ? undefined : Number(cell));
  for (const [b, status, substatus, win32, reason, n] of byBucket(errors)) {
    const label = errorLabel(part(status), part(substatus), part(win32), reason === null ? undefined : String(reason));
    const into = (data.errors[String(b)] ??= {});
    into[label] = (into[label] ?? 0) + Number(n);
  }
  return data;
}

export async function clickHousePage(target: Target, options: ClickHousePageOptions = {}): Promise<PageData> {
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const table = requestsTable(target);
  const where = (await resolvedFilterSql(target, options.filter)).all;
  // The page's top URIs, top clients, slowest URIs and bots come from the overview. An embedded
  // page gathers it lean (no clients per URI, no latency per client); SQL gives the full one,
  // whose extra measures the page does not show.
  const report = await clickHouseReport(target, { maxKeys, filter: options.filter, overview: true });
  const errors = await clickHouseErrors(target, { intervalMs: 0, filter: options.filter });
  return withSharedInput({
    logtally: 'page',
    version: 1,
    input: report.input,
    report,
    errors,
    traffic: await traffic(target, table, where, maxKeys),
    timeline: await timeline(target, table, where, (options.intervalMs ?? 0) > 0 ? options.intervalMs! : DEFAULT_BASE_MS),
  });
}
