/**
 * Aggregator for the errors report. Every record costs one counter (and with --interval one
 * bucket computation) for the share denominators; only 4xx/5xx and HTTPERR records do the heavy
 * work of URIs, clients, bytes and latency. Memory per group is bounded: URIs and clients in
 * BoundedCounters of EXACT_LIMIT keys, distinct clients in a fixed-size HyperLogLog, latency as
 * raw values and, past a few hundred, an HDR histogram (report/latency.ts).
 */
import type { Aggregator } from '../analyse/aggregator.js';
import { addNote, emptyInputSummary, type InputSummary } from '../scan/input-summary.js';
import type { LogRecord } from '../../parsers/record.js';
import { codeKey } from './dimensions.js';
import { HyperLogLog } from './errors-distinct.js';
import { EXACT_LIMIT, mergeErrorsReports, widenBuckets, type ErrorGroupData, type ErrorsReport } from './errors-report.js';
import { LatencyRecorder } from './latency.js';
import { GROUP_KEY_SEPARATOR } from './report.js';
import { bucketStart, formatInterval, widerInterval } from './time-series.js';
import { BoundedCounter, KEY_CUT_NOTE } from './top-k.js';

/**
 * Groups (bucket × code × reason) and time buckets a builder holds at most: each group carries
 * its own URI and client tables, so their number, not the input's size, decides the memory (an
 * --interval of 1s over 1M seconds was 6 GB; 300,000 distinct win32 codes 2.9 GB). Past this a
 * time series widens its buckets (doubling the interval); groups that still do not fit, or
 * without --interval, are counted under their status and sub-status alone. Both are noted.
 */
export const MAX_ERROR_GROUPS = 10_000;

export const widenedNote = (requestedMs: number): string =>
  `--interval ${formatInterval(requestedMs)}: more than ${MAX_ERROR_GROUPS.toLocaleString('en-US')} groups (bucket × code), so buckets were widened; the bucket times shown are the wider buckets' starts`;
/** The notes that say a bound changed the report: CSV has no place for notes, so the CLI puts these on stderr. */
export const boundNotes = (input: InputSummary): string[] =>
  input.notes.filter((n) => n === FOLDED_NOTE || n === KEY_CUT_NOTE || (n.startsWith('--interval ') && n.includes('buckets were widened')));

export const FOLDED_NOTE = `more than ${MAX_ERROR_GROUPS.toLocaleString('en-US')} groups (bucket × code × reason): the errors of codes past that are counted under their status and sub-status alone, without win32 code or reason`;

const FIELDS = [
  'timestamp',
  'sc-status',
  'sc-substatus',
  'sc-win32-status',
  's-reason',
  'cs-uri-stem',
  'cs-uri',
  'c-ip',
  'sc-bytes',
  'cs-bytes',
  'time-taken',
];

import { dictionary } from '../../parsers/lookup-table.js';
class GroupState {
  count = 0;
  firstSeen?: number;
  lastSeen?: number;
  bytesSent = 0;
  bytesReceived = 0;
  readonly uris = new BoundedCounter(EXACT_LIMIT);
  readonly clients = new BoundedCounter(EXACT_LIMIT);
  private clientRecords = 0;
  /**
   * Started once the group has seen EXACT_LIMIT client records, the first point at which its
   * table could stop being exact; reported only when it did. Registers depend only on the set of
   * clients, so starting late from the table's keys gives the same estimate as starting early.
   */
  private hll?: HyperLogLog;
  readonly latency = new LatencyRecorder();

  constructor(
    readonly identity: Pick<ErrorGroupData, 'time' | 'status' | 'substatus' | 'win32' | 'reason'>,
    readonly example: { file: string; line: number },
  ) {}

  add(record: LogRecord): void {
    this.count++;
    const t = record.timestamp;
    if (t !== undefined) {
      if (this.firstSeen === undefined || t < this.firstSeen) this.firstSeen = t;
      if (this.lastSeen === undefined || t > this.lastSeen) this.lastSeen = t;
    }
    this.bytesSent += record['sc-bytes'] ?? 0;
    this.bytesReceived += record['cs-bytes'] ?? 0;
    const uri = record['cs-uri-stem'] ?? record['cs-uri'];
    if (uri !== undefined) this.uris.add(uri);
    const client = record['c-ip'];
    if (client !== undefined) this.addClient(client);
    const ms = record['time-taken'];
    if (ms !== undefined) this.latency.record(ms);
  }

  private addClient(client: string): void {
    this.clients.add(client);
    if (this.hll !== undefined) this.hll.add(client);
    else if (++this.clientRecords === EXACT_LIMIT) this.hll = HyperLogLog.of(Object.keys(this.clients.toTable().counts));
  }

  toData(): ErrorGroupData {
    const uris = this.uris.toTable();
    const clients = this.clients.toTable();
    const data: ErrorGroupData = {
      ...this.identity,
      count: this.count,
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
      uris: uris.counts,
      urisMaxError: uris.maxError,
      clients: clients.counts,
      clientsMaxError: clients.maxError,
      example: this.example,
    };
    if (this.firstSeen !== undefined) data.firstSeen = this.firstSeen;
    if (this.lastSeen !== undefined) data.lastSeen = this.lastSeen;
    // A pruned table no longer lists every client, so the distinct count needs the estimate.
    if (clients.maxError > 0) data.clientsHll = this.hll!.toBase64();
    const latency = this.latency.toData();
    if (latency) data.latency = latency;
    return data;
  }
}

/** Read for every record: the status decides whether the rest is needed. */
const EVERY_RECORD = new Set(['sc-status', 'sc-substatus', 'sc-win32-status', 's-reason']);

export class ErrorsBuilder implements Aggregator<ErrorsReport> {
  readonly fields: ReadonlySet<string>;
  readonly errorFields: ReadonlySet<string>;
  private readonly groups = new Map<string, GroupState>();
  /** Requests per bucket start; NaN stands for records without a time. */
  private readonly requests = new Map<number, number>();
  private total = 0;
  /** Groups taken out of `groups` when the buckets were widened, already as data. */
  private widened?: ErrorsReport;
  /** Once the groups reached the limit with no buckets left to widen, new codes fold into their status. */
  private folding = false;
  private widenedGroups = 0;
  private keysCut = 0;
  private readonly requestedIntervalMs: number;

  /** @param intervalMs bucket width for a time series; 0 for none. */
  constructor(
    private intervalMs = 0,
    private readonly maxGroups = MAX_ERROR_GROUPS,
  ) {
    this.requestedIntervalMs = intervalMs;
    this.fields = new Set(FIELDS);
    // A time series counts every request per bucket, so then every record needs its time.
    this.errorFields = new Set(FIELDS.filter((f) => !EVERY_RECORD.has(f) && !(intervalMs > 0 && f === 'timestamp')));
  }

  countRequest(record: LogRecord): number {
    if (this.intervalMs === 0) {
      this.total++;
      return NaN;
    }
    const t = record.timestamp;
    const bucket = t === undefined ? NaN : bucketStart(t, this.intervalMs);
    const n = this.requests.get(bucket);
    if (n !== undefined) this.requests.set(bucket, n + 1);
    else {
      this.requests.set(bucket, 1);
      // The record is counted; widening moves its count with the others.
      if (this.requests.size > this.maxGroups) {
        this.widen();
        return this.bucketOf(record);
      }
    }
    return bucket;
  }

  private bucketOf(record: LogRecord): number {
    const t = record.timestamp;
    return t === undefined ? NaN : bucketStart(t, this.intervalMs);
  }

  add(record: LogRecord, file: string, line: number): void {
    this.addError(record, this.countRequest(record), file, line);
  }

  private addError(record: LogRecord, bucket: number, file: string, line: number): void {
    const status = record['sc-status'];
    const reason = record['s-reason'];
    if ((status === undefined || status < 400) && reason === undefined) return;
    const substatus = record['sc-substatus'];
    const win32 = record['sc-win32-status'];
    const time = Number.isNaN(bucket) ? '' : bucket;
    const key = `${time}${GROUP_KEY_SEPARATOR}${codeKey(status, substatus, win32)}${GROUP_KEY_SEPARATOR}${reason ?? ''}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      if (this.groupCount() >= this.maxGroups && this.intervalMs > 0 && !this.folding) {
        this.widen();
        this.addError(record, this.bucketOf(record), file, line);
        return;
      }
      if (this.folding) {
        this.addFolded(record, time, status, substatus, file, line);
        return;
      }
      const identity: GroupState['identity'] = {};
      if (!Number.isNaN(bucket)) identity.time = bucket;
      if (status !== undefined) identity.status = status;
      if (substatus !== undefined) identity.substatus = substatus;
      if (win32 !== undefined) identity.win32 = win32;
      if (reason !== undefined) identity.reason = reason;
      this.groups.set(key, (group = new GroupState(identity, { file, line })));
      if (this.groupCount() >= this.maxGroups && this.intervalMs === 0) this.folding = true;
    }
    group.add(record);
  }

  private groupCount(): number {
    return this.groups.size + this.widenedGroups;
  }

  /** A record of a code past the limit, counted under its status and sub-status alone. */
  private addFolded(
    record: LogRecord,
    time: number | '',
    status: number | undefined,
    substatus: number | undefined,
    file: string,
    line: number,
  ): void {
    const key = `${time}${GROUP_KEY_SEPARATOR}${codeKey(status, substatus, undefined)}${GROUP_KEY_SEPARATOR}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      const identity: GroupState['identity'] = {};
      if (time !== '') identity.time = time;
      if (status !== undefined) identity.status = status;
      if (substatus !== undefined) identity.substatus = substatus;
      this.groups.set(key, (group = new GroupState(identity, { file, line })));
    }
    group.add(record);
  }

  /**
   * Widens the interval (widerInterval) until the groups and buckets fit in half the limit (or one bucket is
   * left, after which new codes fold): the groups so far become data, re-bucketed and merged.
   */
  private widen(): void {
    let report = this.takeLive(emptyInputSummary());
    if (this.widened !== undefined) report = mergeErrorsReports(this.widened, report);
    const half = this.maxGroups / 2;
    const count = (table: Record<string, unknown>): number => Object.keys(table).length;
    const timedBuckets = (r: ErrorsReport): number => count(r.requests) - (r.requests[''] === undefined ? 0 : 1);
    // Buckets on both sides of 1970 never meet (starts are aligned to the epoch): at most 2 left.
    for (let steps = 0; steps < 64 && timedBuckets(report) > 2; steps++) {
      report = widenBuckets(report, widerInterval(report.intervalMs));
      if (count(report.groups) <= half && count(report.requests) <= half) break;
    }
    this.widenedGroups = count(report.groups);
    if (this.widenedGroups >= half) this.folding = true;
    this.widened = report;
    this.intervalMs = report.intervalMs;
  }

  /** The groups and request counts held so far, as a report; the builder starts empty again. */
  private takeLive(input: InputSummary): ErrorsReport {
    const requests = dictionary<number>();
    if (this.intervalMs > 0) for (const [bucket, n] of this.requests) requests[Number.isNaN(bucket) ? '' : String(bucket)] = n;
    else if (this.total > 0) requests[''] = this.total;
    this.requests.clear();
    this.total = 0;
    const groups = dictionary<ErrorGroupData>();
    // Each group leaves the builder as it becomes data, so both need not be held at once.
    for (const [key, group] of this.groups) {
      groups[key] = group.toData();
      this.keysCut += group.uris.keysCut + group.clients.keysCut;
      this.groups.delete(key);
    }
    const report: ErrorsReport = { logtally: 'errors', version: 1, input, intervalMs: this.intervalMs, requests, groups };
    if (this.intervalMs !== this.requestedIntervalMs) report.requestedIntervalMs = this.requestedIntervalMs;
    return report;
  }

  finish(input: InputSummary): ErrorsReport {
    let report = this.takeLive(input);
    if (this.widened !== undefined) {
      report = mergeErrorsReports(this.widened, report);
      addNote(report.input, widenedNote(this.requestedIntervalMs));
    }
    if (this.folding) addNote(report.input, FOLDED_NOTE);
    if (this.keysCut > 0) addNote(report.input, KEY_CUT_NOTE);
    return report;
  }
}

export interface ErrorsBuilderConfig {
  /** Bucket width for a time series; 0 for none. */
  intervalMs: number;
}

/** The factory worker threads call to build their own ErrorsBuilder (see parallel/run-parallel.ts). */
export const createErrorsBuilder = (config: ErrorsBuilderConfig): ErrorsBuilder => new ErrorsBuilder(config.intervalMs);
