/**
 * The errors report as plain, mergeable data: every 4xx/5xx response and every HTTPERR entry,
 * grouped by time bucket (with --interval), status.substatus.win32 and HTTP.sys reason.
 * mergeErrorsReports(a, b) equals the report of a's input followed by b's.
 */
import { emptyInputSummary, mergeInputSummaries, type InputSummary } from '../input-summary.js';
import { HyperLogLog } from './errors-distinct.js';
import { mergeLatency, type LatencyData } from './latency.js';

/** Distinct keys kept exactly per group (URIs, clients); past this, clients go to HyperLogLog. */
export const EXACT_LIMIT = 10_000;

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
  /** Counts per URI, exact up to EXACT_LIMIT URIs; later new URIs are counted in urisOther. */
  uris: Record<string, number>;
  urisOther: number;
  /** Counts per client, exact up to EXACT_LIMIT clients; later new clients in clientsOther. */
  clients: Record<string, number>;
  clientsOther: number;
  /** HyperLogLog registers (base64) once the clients passed EXACT_LIMIT; else distinct = keys of clients. */
  clientsHll?: string;
  latency?: LatencyData;
  /** First record of the group in reading order. */
  example: { file: string; line: number };
}

export interface ErrorsReport {
  logtally: 'errors';
  version: 1;
  input: InputSummary;
  /** Bucket width in ms for time series; 0 without --interval. */
  intervalMs: number;
  /** All requests (errors or not) per bucket key (epoch ms as text, '' = no bucket): share denominators. */
  requests: Record<string, number>;
  /** Groups by key: bucket, code key and reason joined by GROUP_KEY_SEPARATOR. */
  groups: Record<string, ErrorGroupData>;
}

export function emptyErrorsReport(intervalMs = 0): ErrorsReport {
  return { logtally: 'errors', version: 1, input: emptyInputSummary(), intervalMs, requests: {}, groups: {} };
}

/** Adds counts, keeping at most EXACT_LIMIT keys (the most frequent); the rest go to the returned overflow. */
function mergeCounts(a: Record<string, number>, b: Record<string, number>): { counts: Record<string, number>; overflow: number } {
  const counts: Record<string, number> = { ...a };
  for (const [key, n] of Object.entries(b)) counts[key] = (counts[key] ?? 0) + n;
  const keys = Object.keys(counts);
  if (keys.length <= EXACT_LIMIT) return { counts, overflow: 0 };
  const sorted = Object.entries(counts).sort((x, y) => y[1] - x[1]);
  return { counts: Object.fromEntries(sorted.slice(0, EXACT_LIMIT)), overflow: sorted.slice(EXACT_LIMIT).reduce((n, [, c]) => n + c, 0) };
}

const hllOf = (g: ErrorGroupData): HyperLogLog => (g.clientsHll ? HyperLogLog.fromBase64(g.clientsHll) : HyperLogLog.of(Object.keys(g.clients)));

const minDefined = (a?: number, b?: number): number | undefined => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
const maxDefined = (a?: number, b?: number): number | undefined => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

export function mergeErrorGroups(a: ErrorGroupData, b: ErrorGroupData): ErrorGroupData {
  const uris = mergeCounts(a.uris, b.uris);
  const clients = mergeCounts(a.clients, b.clients);
  const merged: ErrorGroupData = {
    ...a,
    count: a.count + b.count,
    firstSeen: minDefined(a.firstSeen, b.firstSeen),
    lastSeen: maxDefined(a.lastSeen, b.lastSeen),
    bytesSent: a.bytesSent + b.bytesSent,
    bytesReceived: a.bytesReceived + b.bytesReceived,
    uris: uris.counts,
    urisOther: a.urisOther + b.urisOther + uris.overflow,
    clients: clients.counts,
    clientsOther: a.clientsOther + b.clientsOther + clients.overflow,
    latency: mergeLatency(a.latency, b.latency),
    example: a.example,
  };
  if (merged.firstSeen === undefined) delete merged.firstSeen;
  if (merged.lastSeen === undefined) delete merged.lastSeen;
  if (merged.latency === undefined) delete merged.latency;
  delete merged.clientsHll;
  if (a.clientsHll || b.clientsHll || clients.overflow > 0) {
    const hll = hllOf(a);
    hll.merge(hllOf(b));
    merged.clientsHll = hll.toBase64();
  }
  return merged;
}

export function mergeErrorsReports(a: ErrorsReport, b: ErrorsReport): ErrorsReport {
  if (a.intervalMs !== b.intervalMs) throw new TypeError(`cannot merge errors reports with different intervals (${a.intervalMs} ms vs ${b.intervalMs} ms)`);
  const requests = { ...a.requests };
  for (const [key, n] of Object.entries(b.requests)) requests[key] = (requests[key] ?? 0) + n;
  const groups = { ...a.groups };
  for (const [key, group] of Object.entries(b.groups)) groups[key] = groups[key] ? mergeErrorGroups(groups[key], group) : group;
  return { logtally: 'errors', version: 1, input: mergeInputSummaries(a.input, b.input), intervalMs: a.intervalMs, requests, groups };
}

/** Distinct clients of a group, and whether the number is exact. */
export function distinctClients(group: ErrorGroupData): { value: number; exact: boolean } {
  if (group.clientsHll) return { value: HyperLogLog.fromBase64(group.clientsHll).estimate(), exact: false };
  return { value: Object.keys(group.clients).length, exact: true };
}
