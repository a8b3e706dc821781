/**
 * Aggregator for the errors report. Every record costs one counter (and with --interval one
 * bucket computation) for the share denominators; only 4xx/5xx and HTTPERR records do the heavy
 * work of URIs, clients, bytes and latency. Memory per group is bounded: URIs and clients in
 * BoundedCounters of EXACT_LIMIT keys, distinct clients in a fixed-size HyperLogLog, latency as
 * raw values and, past a few hundred, an HDR histogram (report/latency.ts).
 */
import type { Aggregator } from '../analyse/aggregator.js';
import type { InputSummary } from '../scan/input-summary.js';
import type { LogRecord } from '../../parsers/record.js';
import { codeKey } from './dimensions.js';
import { HyperLogLog } from './errors-distinct.js';
import { EXACT_LIMIT, type ErrorGroupData, type ErrorsReport } from './errors-report.js';
import { LatencyRecorder } from './latency.js';
import { GROUP_KEY_SEPARATOR } from './report.js';
import { bucketStart } from './time-series.js';
import { BoundedCounter } from './top-k.js';

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

  /** @param intervalMs bucket width for a time series; 0 for none. */
  constructor(private readonly intervalMs = 0) {
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
    this.requests.set(bucket, (this.requests.get(bucket) ?? 0) + 1);
    return bucket;
  }

  add(record: LogRecord, file: string, line: number): void {
    const bucket = this.countRequest(record);
    const status = record['sc-status'];
    const reason = record['s-reason'];
    if ((status === undefined || status < 400) && reason === undefined) return;
    const substatus = record['sc-substatus'];
    const win32 = record['sc-win32-status'];
    const key = `${Number.isNaN(bucket) ? '' : bucket}${GROUP_KEY_SEPARATOR}${codeKey(status, substatus, win32)}${GROUP_KEY_SEPARATOR}${reason ?? ''}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      const identity: GroupState['identity'] = {};
      if (!Number.isNaN(bucket)) identity.time = bucket;
      if (status !== undefined) identity.status = status;
      if (substatus !== undefined) identity.substatus = substatus;
      if (win32 !== undefined) identity.win32 = win32;
      if (reason !== undefined) identity.reason = reason;
      this.groups.set(key, (group = new GroupState(identity, { file, line })));
    }
    group.add(record);
  }

  finish(input: InputSummary): ErrorsReport {
    const requests = dictionary<number>();
    if (this.intervalMs > 0) for (const [bucket, n] of this.requests) requests[Number.isNaN(bucket) ? '' : String(bucket)] = n;
    else if (this.total > 0) requests[''] = this.total;
    const groups = dictionary<ErrorGroupData>();
    // Each group leaves the builder as it becomes data, so both need not be held at once.
    for (const [key, group] of this.groups) {
      groups[key] = group.toData();
      this.groups.delete(key);
    }
    return { logtally: 'errors', version: 1, input, intervalMs: this.intervalMs, requests, groups };
  }
}

export interface ErrorsBuilderConfig {
  /** Bucket width for a time series; 0 for none. */
  intervalMs: number;
}

/** The factory worker threads call to build their own ErrorsBuilder (see parallel/run-parallel.ts). */
export const createErrorsBuilder = (config: ErrorsBuilderConfig): ErrorsBuilder => new ErrorsBuilder(config.intervalMs);
