/**
 * Turns an ErrorsReport into rows: decoded meaning and likely cause (looked up once per code, never
 * per record), shares, latency percentiles, top URIs and clients, and for time series one row per
 * bucket × group with empty buckets filled with zero.
 */
import { describeHttpErrReason, diagnose, meaningOf } from '../decode/index.js';
import { toIso } from '../../parsers/time.js';
import { codeKey } from './dimensions.js';
import { distinctClients, type ErrorGroupData, type ErrorsReport } from './errors-report.js';
import { summariseLatency, type LatencySummary } from './latency.js';
import { byCountThenKey, shareOf, type Cell, type Column, type TableData } from './table-data.js';
import { bucketRange } from './time-series.js';

/** URIs and clients listed per group when the caller does not say. */
export const DEFAULT_ITEMS = 5;

export interface ErrorsViewOptions {
  /** Groups shown (series, for time series); 0 = all (the default). */
  top?: number;
  /** URIs and clients listed per group; 5 unless given. */
  items?: number;
}

export interface ErrorGroupRow {
  /** Bucket start, ISO-8601 UTC; only with --interval. */
  time?: string | null;
  status: number | null;
  substatus: number | null;
  win32: number | null;
  reason: string | null;
  count: number;
  /** Of all requests (in the bucket, for time series), 0…1. */
  share: number;
  meaning: string;
  likelyCause: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  distinctClients: number;
  distinctClientsExact: boolean;
  bytesSent: number;
  bytesReceived: number;
  latency: LatencySummary | null;
  topUris: { uri: string; count: number }[];
  topClients: { client: string; count: number }[];
  /**
   * Present when the group's URI (client) table overflowed its exact limit: each top count may be
   * over-stated by up to this much (see TOP_ACCURACY), as `report` marks its capped tables.
   */
  topUrisMaxError?: number;
  topClientsMaxError?: number;
  /** `file:line` of the first record of the group. */
  example: string | null;
}

export interface ErrorsView {
  rows: ErrorGroupRow[];
  /** Groups (series) left out by --top. */
  omitted: number;
  timeSeries: boolean;
  /** Time series only: errors of the shown series whose records had no time, which no bucket holds. */
  untimed: number;
  /** Time series whose buckets were widened past the --interval asked for (too many groups): both widths in ms. */
  widened?: { fromMs: number; toMs: number };
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : toIso(ms));

/** What identifies a series: the group key without its time bucket. */
const seriesKey = (g: ErrorGroupData): string => `${codeKey(g.status, g.substatus, g.win32)}|${g.reason ?? ''}`;

/** `500.19.13`, `Timer_ConnectionIdle`, or `503 AppOffline` for HTTPERR lines with a status. */
export const groupLabel = (g: Pick<ErrorGroupRow, 'status' | 'substatus' | 'win32' | 'reason'>): string =>
  [codeKey(g.status ?? undefined, g.substatus ?? undefined, g.win32 ?? undefined), g.reason ?? ''].filter((s) => s !== '').join(' ');

function meaningFor(g: ErrorGroupData): { meaning: string; likelyCause: string | null } {
  const parts: string[] = [];
  if (g.status !== undefined) parts.push(meaningOf(g.status, g.substatus, g.win32));
  if (g.reason !== undefined) {
    const entry = describeHttpErrReason(g.reason);
    parts.push(entry ? `HTTP.sys ${g.reason}: ${entry.meaning}` : `HTTP.sys reason ${g.reason}`);
  }
  // An HTTP.sys reason is the cause itself: the status-only advice (look up the HTTPERR reason) would send the reader in a circle.
  const cause = g.status === undefined || g.reason !== undefined ? undefined : diagnose(g.status, g.substatus, g.win32);
  return { meaning: parts.join('; '), likelyCause: cause ?? null };
}

/**
 * The `n` first entries in byCountThenKey order, kept in a small sorted list as the table is read:
 * linear for the 5 listed by default, where sorting every group's thousands of clients was a
 * tenth of the merging thread's time.
 */
export function topOf(counts: Record<string, number>, n: number): [string, number][] {
  const top: [string, number][] = [];
  if (!(n > 0)) return top;
  // Insertion costs up to n moves per entry: a long list is sorted instead.
  if (n > 64) return Object.entries(counts).sort(byCountThenKey).slice(0, n);
  for (const key in counts) {
    const count = counts[key]!;
    // Most entries rank below the last kept: tell that before making an entry for them.
    const lastKept = top.length === n ? top[n - 1]! : undefined;
    if (lastKept !== undefined && (count < lastKept[1] || (count === lastKept[1] && key >= lastKept[0]))) continue;
    const entry: [string, number] = [key, count];
    let at = Math.min(top.length, n - 1);
    while (at > 0 && byCountThenKey(entry, top[at - 1]!) < 0) at--;
    if (top.length === n) top.pop();
    top.splice(at, 0, entry);
  }
  return top;
}

function toRow(
  g: ErrorGroupData,
  total: number,
  decoded: { meaning: string; likelyCause: string | null },
  items: number,
  timeSeries: boolean,
): ErrorGroupRow {
  const distinct = distinctClients(g);
  const row: ErrorGroupRow = {
    status: g.status ?? null,
    substatus: g.substatus ?? null,
    win32: g.win32 ?? null,
    reason: g.reason ?? null,
    count: g.count,
    share: shareOf(g.count, total),
    ...decoded,
    firstSeen: iso(g.firstSeen),
    lastSeen: iso(g.lastSeen),
    distinctClients: distinct.value,
    distinctClientsExact: distinct.exact,
    bytesSent: g.bytesSent,
    bytesReceived: g.bytesReceived,
    latency: g.latency ? summariseLatency(g.latency) : null,
    topUris: topOf(g.uris, items).map(([uri, count]) => ({ uri, count })),
    topClients: topOf(g.clients, items).map(([client, count]) => ({ client, count })),
    example: `${g.example.file}:${g.example.line}`,
  };
  if (g.urisMaxError > 0) row.topUrisMaxError = g.urisMaxError;
  if (g.clientsMaxError > 0) row.topClientsMaxError = g.clientsMaxError;
  return timeSeries ? { time: iso(g.time), ...row } : row;
}

/** A zero row for a bucket in which a series had no errors. */
function emptyRow(like: ErrorGroupRow, time: string): ErrorGroupRow {
  return {
    ...like,
    time,
    count: 0,
    share: 0,
    firstSeen: null,
    lastSeen: null,
    distinctClients: 0,
    distinctClientsExact: true,
    bytesSent: 0,
    bytesReceived: 0,
    latency: null,
    topUris: [],
    topClients: [],
    topUrisMaxError: undefined,
    topClientsMaxError: undefined,
    example: null,
  };
}

export function errorsView(report: ErrorsReport, options: ErrorsViewOptions): ErrorsView {
  const timeSeries = report.intervalMs > 0;
  const totalRequests = Object.values(report.requests).reduce((a, b) => a + b, 0);
  // Series ranked by their total count; --top keeps the largest.
  const series = new Map<string, { total: number; groups: ErrorGroupData[] }>();
  for (const g of Object.values(report.groups)) {
    const key = seriesKey(g);
    const entry = series.get(key) ?? { total: 0, groups: [] };
    entry.total += g.count;
    entry.groups.push(g);
    series.set(key, entry);
  }
  const ranked = [...series.entries()].map(([key, s]): [string, number] => [key, s.total]).sort(byCountThenKey);
  const top = options.top ?? 0;
  const kept = top > 0 ? ranked.slice(0, top) : ranked;
  const omitted = ranked.length - kept.length;
  if (!timeSeries) {
    const rows = kept.map(([key]) => {
      const g = series.get(key)!.groups[0]!;
      return toRow(g, totalRequests, meaningFor(g), options.items ?? DEFAULT_ITEMS, false);
    });
    return { rows, omitted, timeSeries, untimed: 0 };
  }
  const buckets = bucketRange(Object.keys(report.requests), report.intervalMs, kept.length);
  const rows: ErrorGroupRow[] = [];
  const byBucket = new Map<string, ErrorGroupRow[]>();
  // A series has no place for records without a time: a blank time cell breaks dashboards' date columns.
  let untimed = 0;
  for (const [key] of kept) {
    const groups = series.get(key)!.groups;
    const decoded = meaningFor(groups[0]!);
    for (const g of groups) if (g.time === undefined) untimed += g.count;
    const timed = groups.filter((g) => g.time !== undefined);
    if (timed.length === 0) continue;
    const present = new Map(
      timed.map((g) => [String(g.time), toRow(g, report.requests[String(g.time)] ?? 0, decoded, options.items ?? DEFAULT_ITEMS, true)]),
    );
    const template = present.values().next().value!;
    for (const bucket of buckets) {
      const row = present.get(bucket) ?? emptyRow(template, toIso(Number(bucket)));
      const list = byBucket.get(bucket) ?? [];
      list.push(row);
      byBucket.set(bucket, list);
    }
  }
  for (const bucket of buckets) for (const row of byBucket.get(bucket) ?? []) rows.push(row);
  const widened = report.requestedIntervalMs === undefined ? undefined : { fromMs: report.requestedIntervalMs, toMs: report.intervalMs };
  return widened === undefined ? { rows, omitted, timeSeries, untimed } : { rows, omitted, timeSeries, untimed, widened };
}

const itemList = (items: { count: number }[], name: (item: never) => string): string =>
  items.map((i) => `${name(i as never)} (${i.count})`).join('; ');

/** Flat table for CSV: numbers in numeric columns, lists as `value (count); …` text. */
export function errorsTable(view: ErrorsView): TableData {
  const columns: Column[] = [
    ...(view.timeSeries ? [{ name: 'time', kind: 'time' } as Column] : []),
    { name: 'status', kind: 'integer' },
    { name: 'substatus', kind: 'integer' },
    { name: 'win32', kind: 'integer' },
    { name: 'reason', kind: 'text' },
    { name: 'count', kind: 'integer' },
    { name: 'share', kind: 'share' },
    { name: 'meaning', kind: 'text' },
    { name: 'likely_cause', kind: 'text' },
    { name: 'first_seen', kind: 'time' },
    { name: 'last_seen', kind: 'time' },
    { name: 'distinct_clients', kind: 'integer' },
    { name: 'bytes_sent', kind: 'integer' },
    { name: 'bytes_received', kind: 'integer' },
    ...['latency_count', 'latency_mean_ms', 'latency_p50_ms', 'latency_p90_ms', 'latency_p95_ms', 'latency_p99_ms', 'latency_max_ms'].map(
      (name): Column => ({ name, kind: 'number' }),
    ),
    { name: 'top_uris', kind: 'text' },
    { name: 'top_clients', kind: 'text' },
    { name: 'example', kind: 'text' },
  ];
  // As report's capped tables get a max_error column: a CSV has no title to say so.
  const approximate = view.rows.some((r) => r.topUrisMaxError !== undefined || r.topClientsMaxError !== undefined);
  if (approximate) columns.push({ name: 'top_uris_max_error', kind: 'integer' }, { name: 'top_clients_max_error', kind: 'integer' });
  const rows = view.rows.map((r): Cell[] => {
    const l = r.latency;
    return [
      ...(view.timeSeries ? [r.time ?? null] : []),
      r.status,
      r.substatus,
      r.win32,
      r.reason,
      r.count,
      r.share,
      r.meaning,
      r.likelyCause,
      r.firstSeen,
      r.lastSeen,
      r.distinctClients,
      r.bytesSent,
      r.bytesReceived,
      ...(l ? [l.count, l.mean, l.p50, l.p90, l.p95, l.p99, l.max] : [null, null, null, null, null, null, null]),
      itemList(r.topUris, (i: { uri: string }) => i.uri),
      itemList(r.topClients, (i: { client: string }) => i.client),
      r.example,
      ...(approximate ? [r.topUrisMaxError ?? 0, r.topClientsMaxError ?? 0] : []),
    ];
  });
  return { id: 'groups', title: 'Errors by status.substatus.win32', columns, rows, omitted: view.omitted };
}
