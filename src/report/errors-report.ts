/**
 * The errors report as plain, mergeable data: every 4xx/5xx response and every HTTPERR entry,
 * grouped by time bucket (with --interval), status.substatus.win32 and HTTP.sys reason.
 * mergeErrorsReports(a, b) equals the report of a's input followed by b's.
 */
import { LogtallyError } from '../errors/logtally-error.js';
import { dictionary, ownValue } from '../../parsers/lookup-table.js';
import { emptyInputSummary, mergeInputSummaries, type InputSummary } from '../scan/input-summary.js';
import { HyperLogLog } from './errors-distinct.js';
import { mergeLatency, type LatencyData } from './latency.js';
import { mergeBoundedTables } from './top-k.js';
import { GROUP_KEY_SEPARATOR, PARTIAL_VERSION } from './report.js';
import { bucketStart } from './time-series.js';

/**
 * Keys counted exactly per group (URIs, clients); past this the tables are Space-Saving top-K
 * (report/top-k.ts) and distinct clients come from HyperLogLog.
 */
export const EXACT_LIMIT = 10_000;
export const TOP_ACCURACY =
  'exact counts up to 10,000 distinct values per group; past that the 10,000 most frequent (Space-Saving: a count may be over-stated, never under-stated)';

/** One error group of an ErrorsReport as mergeable data: a status.substatus.win32 (or HTTPERR reason) and what was seen of it. */
export interface ErrorGroupData {
  /** Bucket start in epoch ms, with --interval; absent when the record had no time. */
  time?: number;
  status?: number;
  substatus?: number;
  win32?: number;
  /** HTTP.sys `s-reason` (HTTPERR logs). */
  reason?: string;
  count: number;
  /** Epoch ms. */
  firstSeen?: number;
  lastSeen?: number;
  bytesSent: number;
  bytesReceived: number;
  /** Counts per URI: exact while urisMaxError is 0, else the top EXACT_LIMIT, each over-stated by at most urisMaxError. */
  uris: Record<string, number>;
  urisMaxError: number;
  /** Counts per client, bounded like uris. */
  clients: Record<string, number>;
  clientsMaxError: number;
  /** HyperLogLog registers (base64) once the clients passed EXACT_LIMIT; else distinct = keys of clients. */
  clientsHll?: string;
  latency?: LatencyData;
  /** First record of the group in reading order. */
  example: { file: string; line: number };
}

/** What `analyseErrors` returns: every 4xx, 5xx and HTTPERR group, as plain data that merges by adding. */
export interface ErrorsReport {
  logtally: 'errors';
  version: typeof PARTIAL_VERSION;
  input: InputSummary;
  /** Bucket width in ms for time series; 0 without --interval. */
  intervalMs: number;
  /**
   * The --interval asked for, when more than MAX_ERROR_GROUPS groups made the buckets wider
   * (intervalMs is then a power-of-two multiple of it). Absent when the buckets are as asked.
   */
  requestedIntervalMs?: number;
  /** All requests (errors or not) per bucket key (epoch ms as text, '' = no bucket): share denominators. */
  requests: Record<string, number>;
  /** Groups by key: bucket, code key and reason joined by GROUP_KEY_SEPARATOR. */
  groups: Record<string, ErrorGroupData>;
}

export function emptyErrorsReport(intervalMs = 0): ErrorsReport {
  return { logtally: 'errors', version: PARTIAL_VERSION, input: emptyInputSummary(), intervalMs, requests: {}, groups: {} };
}

const hllOf = (g: ErrorGroupData): HyperLogLog =>
  g.clientsHll ? HyperLogLog.fromBase64(g.clientsHll) : HyperLogLog.of(Object.keys(g.clients));

const minDefined = (a?: number, b?: number): number | undefined => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
const maxDefined = (a?: number, b?: number): number | undefined => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

export function mergeErrorGroups(a: ErrorGroupData, b: ErrorGroupData): ErrorGroupData {
  const uris = mergeBoundedTables(
    [
      { counts: a.uris, maxError: a.urisMaxError },
      { counts: b.uris, maxError: b.urisMaxError },
    ],
    EXACT_LIMIT,
  );
  const clients = mergeBoundedTables(
    [
      { counts: a.clients, maxError: a.clientsMaxError },
      { counts: b.clients, maxError: b.clientsMaxError },
    ],
    EXACT_LIMIT,
  );
  // The keys in the order ErrorGroupData is built in (GroupState#toData), however the sides came
  // to be: a group merged while widening and one merged from partials read the same.
  const merged: ErrorGroupData = {
    ...identityOf(a),
    count: a.count + b.count,
    bytesSent: a.bytesSent + b.bytesSent,
    bytesReceived: a.bytesReceived + b.bytesReceived,
    uris: uris.counts,
    urisMaxError: uris.maxError,
    clients: clients.counts,
    clientsMaxError: clients.maxError,
    example: a.example,
  };
  const firstSeen = minDefined(a.firstSeen, b.firstSeen);
  if (firstSeen !== undefined) merged.firstSeen = firstSeen;
  const lastSeen = maxDefined(a.lastSeen, b.lastSeen);
  if (lastSeen !== undefined) merged.lastSeen = lastSeen;
  // Exact sides rebuild their registers from their keys: HLL depends only on the set, not the order.
  if (clients.maxError > 0) {
    const hll = hllOf(a);
    hll.merge(hllOf(b));
    merged.clientsHll = hll.toBase64();
  }
  const latency = mergeLatency(a.latency, b.latency);
  if (latency !== undefined) merged.latency = latency;
  return merged;
}

type GroupIdentity = Pick<ErrorGroupData, 'time' | 'status' | 'substatus' | 'win32' | 'reason'>;

/** The fields that name a group, in their order, without absent ones. */
function identityOf(g: ErrorGroupData): GroupIdentity {
  const identity: GroupIdentity = {};
  if (g.time !== undefined) identity.time = g.time;
  if (g.status !== undefined) identity.status = g.status;
  if (g.substatus !== undefined) identity.substatus = g.substatus;
  if (g.win32 !== undefined) identity.win32 = g.win32;
  if (g.reason !== undefined) identity.reason = g.reason;
  return identity;
}

/** The --interval a report was asked for, whatever its buckets became. */
const requestedOf = (r: ErrorsReport): number => r.requestedIntervalMs ?? r.intervalMs;

/** Adds two errors reports (other files, other machines) made with the same `--interval`. */
export function mergeErrorsReports(a: ErrorsReport, b: ErrorsReport): ErrorsReport {
  // Partials of one --interval may come back with buckets widened to different degrees (each
  // widens on its own as its groups pass the limit): both go to the wider buckets.
  if (requestedOf(a) !== requestedOf(b))
    throw new LogtallyError(
      'BAD_PARTIAL',
      `cannot merge errors reports with different intervals (${requestedOf(a)} ms vs ${requestedOf(b)} ms)`,
    );
  if (a.intervalMs < b.intervalMs) a = widenBuckets(a, b.intervalMs);
  else if (b.intervalMs < a.intervalMs) b = widenBuckets(b, a.intervalMs);
  const requests = Object.assign(dictionary<number>(), a.requests);
  for (const [key, n] of Object.entries(b.requests)) requests[key] = (ownValue(requests, key) ?? 0) + n;
  const groups = Object.assign(dictionary<ErrorGroupData>(), a.groups);
  for (const [key, group] of Object.entries(b.groups)) {
    const before = ownValue(groups, key);
    groups[key] = before ? mergeErrorGroups(before, group) : group;
  }
  const merged: ErrorsReport = {
    logtally: 'errors',
    version: PARTIAL_VERSION,
    input: mergeInputSummaries(a.input, b.input),
    intervalMs: a.intervalMs,
    requests,
    groups,
  };
  if (a.intervalMs !== requestedOf(a)) merged.requestedIntervalMs = requestedOf(a);
  return merged;
}

/**
 * The report with buckets `intervalMs` wide, a multiple of its own: groups and request counts of
 * the buckets that fall into one wider bucket are added (bucket starts are aligned to the epoch,
 * so each narrow bucket lies in exactly one wide one).
 */
export function widenBuckets(report: ErrorsReport, intervalMs: number): ErrorsReport {
  if (report.intervalMs === 0 || intervalMs % report.intervalMs !== 0)
    throw new LogtallyError('BAD_PARTIAL', `cannot widen buckets of ${report.intervalMs} ms to ${intervalMs} ms`);
  const requests: Record<string, number> = dictionary<number>();
  for (const [key, n] of Object.entries(report.requests)) {
    const wide = key === '' ? '' : String(bucketStart(Number(key), intervalMs));
    requests[wide] = (requests[wide] ?? 0) + n;
  }
  const groups: Record<string, ErrorGroupData> = dictionary<ErrorGroupData>();
  for (const [key, group] of Object.entries(report.groups)) {
    const [, code, reason] = key.split(GROUP_KEY_SEPARATOR);
    const moved = group.time === undefined ? group : { ...group, time: bucketStart(group.time, intervalMs) };
    const wideKey = `${moved.time ?? ''}${GROUP_KEY_SEPARATOR}${code}${GROUP_KEY_SEPARATOR}${reason}`;
    const there = groups[wideKey];
    groups[wideKey] = there ? mergeErrorGroups(there, moved) : moved;
  }
  return { ...report, intervalMs, requestedIntervalMs: requestedOf(report), requests, groups };
}

/** Distinct clients of a group, and whether the number is exact. */
export function distinctClients(group: ErrorGroupData): { value: number; exact: boolean } {
  if (group.clientsHll) return { value: HyperLogLog.fromBase64(group.clientsHll).estimate(), exact: false };
  return { value: Object.keys(group.clients).length, exact: true };
}

/** Shifts the example line numbers of `file` by `lineOffset`, for a byte range that counted lines from its own start. */
export function relocateErrorExamples(report: ErrorsReport, file: string, lineOffset: number): void {
  for (const group of Object.values(report.groups)) if (group.example.file === file) group.example.line += lineOffset;
}
