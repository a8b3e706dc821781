/**
 * Aggregator for the errors report. Every record costs one counter (and with --interval one
 * bucket computation) for the share denominators; only 4xx/5xx and HTTPERR records do the heavy
 * work of URIs, clients, bytes and latency. Memory per group is bounded: URIs and clients in
 * BoundedCounters of EXACT_LIMIT keys, distinct clients in a fixed-size HyperLogLog, latency as
 * raw values and, past a few hundred, counts per bucket (report/latency.ts).
 */
import type { Aggregator } from '../analyse/aggregator.js';
import { addNote, emptyInputSummary, mergeInputSummaries, type InputSummary } from '../scan/input-summary.js';
import type { LogRecord } from '../../parsers/record.js';
import { codeKey } from './dimensions.js';
import { HyperLogLog } from './errors-distinct.js';
import { EXACT_LIMIT, type ErrorGroupData, type ErrorsReport } from './errors-report.js';
import { LatencyRecorder } from './latency.js';
import { GROUP_KEY_SEPARATOR, PARTIAL_VERSION } from './report.js';
import { bucketStart, formatInterval, widerInterval } from './time-series.js';
import { BoundedCounter, KEY_CUT_NOTE, KeyPool } from './top-k.js';

/**
 * Groups (bucket × code × reason) and time buckets a builder holds at most: each group carries
 * its own URI and client tables, so their number, not the input's size, decides the memory (an
 * --interval of 1s over 1M seconds was 6 GB; 300,000 distinct win32 codes 2.9 GB). Past this a
 * time series widens its buckets (doubling the interval); groups that still do not fit, or
 * without --interval, are counted under their status and sub-status alone. Both are noted.
 */
export const MAX_ERROR_GROUPS = 10_000;

/**
 * URI and client keys a run's builders hold over all their groups (live and widened): worker
 * threads reading at once each take an equal share, since their partials all meet in the merging
 * thread. One table holds at most 1.25 × EXACT_LIMIT keys before it prunes, but 10,000 groups can
 * each fill theirs (2M distinct URIs and clients over an --interval series: 1 GB). Past its share, a
 * builder cuts every table to one size, its largest counts kept and its bound raised
 * (Space-Saving), so that all fit in half.
 */
export const MAX_TABLE_KEYS = 400_000;
/** Error records between two counts of the keys held: the budget is exceeded by at most twice this. */
export const KEY_CHECK_EVERY = 4096;

/** The largest size `cap` such that the tables cut to it hold at most `budget` keys in all (at least 1). */
export function cutSize(sizes: readonly number[], budget: number): number {
  const sorted = [...sizes].sort((a, b) => a - b);
  let left = budget;
  for (let i = 0; i < sorted.length; i++) {
    const tables = sorted.length - i;
    // Every table from here on is at least this big: cut them all to an equal share.
    if (sorted[i]! * tables > left) return Math.max(1, Math.floor(left / tables));
    left -= sorted[i]!;
  }
  return Math.max(1, sorted[sorted.length - 1] ?? 1);
}

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
  readonly uris: BoundedCounter;
  readonly clients: BoundedCounter;
  /**
   * Started once the client table holds EXACT_LIMIT keys, before it can first prune (at 1.25 ×
   * that); reported only when it did. Registers depend only on the set of clients, so starting
   * late from the table's keys gives the same registers as starting early, and a client the table
   * holds is in them already: only keys new to the table are hashed (hashing every client record
   * was a tenth of an errors run).
   */
  private hll?: HyperLogLog;
  readonly latency = new LatencyRecorder();

  /** @param keys the builder's pool: every group's tables share one copy of a URI or client. */
  constructor(
    readonly identity: Pick<ErrorGroupData, 'time' | 'status' | 'substatus' | 'win32' | 'reason'>,
    readonly example: { file: string; line: number },
    keys: KeyPool,
  ) {
    this.uris = new BoundedCounter(EXACT_LIMIT, true, keys.copy);
    this.clients = new BoundedCounter(EXACT_LIMIT, true, keys.copy);
  }

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
    if (!this.clients.add(client)) return;
    if (this.hll !== undefined) this.hll.add(client);
    else if (this.clients.size >= EXACT_LIMIT) this.hll = HyperLogLog.of(this.clients.keys());
  }

  /**
   * Adds `other`, a group of the same key, into this one: the data afterwards is mergeErrorGroups
   * of both groups' data (this one first, so its example stays). `other` must not be used again.
   */
  absorb(other: GroupState): void {
    this.count += other.count;
    if (other.firstSeen !== undefined && (this.firstSeen === undefined || other.firstSeen < this.firstSeen))
      this.firstSeen = other.firstSeen;
    if (other.lastSeen !== undefined && (this.lastSeen === undefined || other.lastSeen > this.lastSeen)) this.lastSeen = other.lastSeen;
    this.bytesSent += other.bytesSent;
    this.bytesReceived += other.bytesReceived;
    this.uris.absorb(other.uris);
    // The registers come from both sides' keys before a merged table may drop some of them.
    if (this.hll !== undefined || other.hll !== undefined || this.clients.size + other.clients.size >= EXACT_LIMIT) {
      const hll = this.hll ?? HyperLogLog.of(this.clients.keys());
      hll.merge(other.hll ?? HyperLogLog.of(other.clients.keys()));
      this.hll = hll;
    }
    this.clients.absorb(other.clients);
    this.latency.absorb(other.latency);
  }

  /** Cuts the URI and client tables to `cap` keys each (the builder's key budget). */
  shrinkTables(cap: number): void {
    this.uris.shrinkTo(cap);
    if (this.clients.size > cap) {
      // Once the table no longer lists every client, distinct clients come from the registers.
      this.hll ??= HyperLogLog.of(this.clients.keys());
      this.clients.shrinkTo(cap);
    }
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

/**
 * Read for every record: the status and HTTP.sys reason decide whether the rest is needed (the
 * sub-status and win32 code name an error's group, so only errors need them).
 */
const EVERY_RECORD = new Set(['sc-status', 's-reason']);

export class ErrorsBuilder implements Aggregator<ErrorsReport> {
  readonly fields: ReadonlySet<string>;
  readonly errorFields: ReadonlySet<string>;
  private readonly groups = new Map<string, GroupState>();
  /** Requests per bucket start; NaN stands for records without a time. */
  private readonly requests = new Map<number, number>();
  private total = 0;
  /** Groups taken out of `groups` when the buckets were widened, in the wider buckets. */
  private widened?: Widened;
  /** Once the groups reached the limit with no buckets left to widen, new codes fold into their status. */
  private folding = false;
  private keysCut = 0;
  private readonly requestedIntervalMs: number;
  private errorsSinceKeyCheck = 0;
  private readonly keys = new KeyPool();
  readonly addStatusOnly?: (records: number) => void;

  /** @param intervalMs bucket width for a time series; 0 for none. */
  constructor(
    private intervalMs = 0,
    private readonly maxGroups = MAX_ERROR_GROUPS,
    private readonly maxTableKeys = MAX_TABLE_KEYS,
  ) {
    this.requestedIntervalMs = intervalMs;
    this.fields = new Set(FIELDS);
    // A time series counts every request per bucket, so then every record needs its time.
    this.errorFields = new Set(FIELDS.filter((f) => !EVERY_RECORD.has(f) && !(intervalMs > 0 && f === 'timestamp')));
    // A record that is no error is a request to count, in its bucket when there is a time series.
    if (intervalMs === 0)
      this.addStatusOnly = (records) => {
        this.total += records;
      };
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
      this.groups.set(key, (group = new GroupState(identity, { file, line }, this.keys)));
      if (this.groupCount() >= this.maxGroups && this.intervalMs === 0) this.folding = true;
    }
    group.add(record);
    if (++this.errorsSinceKeyCheck >= KEY_CHECK_EVERY) this.keepKeyBudget();
  }

  /** Keys over all tables, counted now and then: past the budget every table is cut to fit in half of it. */
  private keepKeyBudget(): void {
    this.errorsSinceKeyCheck = 0;
    const groups = [...this.groups.values(), ...(this.widened?.groups.values() ?? [])];
    if (this.tableKeys() <= this.maxTableKeys) return;
    const cap = cutSize(
      groups.flatMap((g) => [g.uris.size, g.clients.size]),
      this.maxTableKeys / 2,
    );
    for (const group of groups) group.shrinkTables(cap);
  }

  /** Keys held in all URI and client tables now (live and widened groups). */
  tableKeys(): number {
    let keys = 0;
    for (const group of [...this.groups.values(), ...(this.widened?.groups.values() ?? [])]) keys += group.uris.size + group.clients.size;
    return keys;
  }

  private groupCount(): number {
    return this.groups.size + (this.widened?.groups.size ?? 0);
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
      this.groups.set(key, (group = new GroupState(identity, { file, line }, this.keys)));
    }
    group.add(record);
    if (++this.errorsSinceKeyCheck >= KEY_CHECK_EVERY) this.keepKeyBudget();
  }

  /**
   * Widens the interval (widerInterval) until the groups and buckets fit in half the limit (or one
   * bucket is left, after which new codes fold): the live groups join the widened ones, and those
   * are re-bucketed and merged in place, step by step, as widenBuckets does with data.
   */
  private widen(): void {
    const widened = this.widened ?? { groups: new Map<string, GroupState>(), requests: new Map<number, number>() };
    this.moveLiveInto(widened);
    const half = this.maxGroups / 2;
    const timedBuckets = (): number => widened.requests.size - (widened.requests.has(NaN) ? 1 : 0);
    // Buckets on both sides of 1970 never meet (starts are aligned to the epoch): at most 2 left.
    for (let steps = 0; steps < 64 && timedBuckets() > 2; steps++) {
      this.intervalMs = widerInterval(this.intervalMs);
      rebucket(widened, this.intervalMs);
      if (widened.groups.size <= half && widened.requests.size <= half) break;
    }
    if (widened.groups.size >= half) this.folding = true;
    this.widened = widened;
  }

  /** Adds the live groups and request counts into `into` (as mergeErrorsReports(into, live)); the builder's live part starts empty again. */
  private moveLiveInto(into: Widened): void {
    for (const [bucket, n] of this.requests) into.requests.set(bucket, (into.requests.get(bucket) ?? 0) + n);
    this.requests.clear();
    for (const [key, group] of this.groups) {
      const there = into.groups.get(key);
      if (there === undefined) into.groups.set(key, group);
      else there.absorb(group);
    }
    this.groups.clear();
  }

  finish(input: InputSummary): ErrorsReport {
    let report: ErrorsReport;
    if (this.widened !== undefined) {
      this.moveLiveInto(this.widened);
      report = this.report(this.widened.groups, this.widened.requests, mergeInputSummaries(emptyInputSummary(), input));
      this.widened = undefined;
      addNote(report.input, widenedNote(this.requestedIntervalMs));
    } else report = this.report(this.groups, this.requests, input);
    if (this.folding) addNote(report.input, FOLDED_NOTE);
    if (this.keysCut > 0) addNote(report.input, KEY_CUT_NOTE);
    return report;
  }

  /** `groups` and `requests` as a report's data; each group leaves the map as it becomes data, so both need not be held at once. */
  private report(groups: Map<string, GroupState>, requests: Map<number, number>, input: InputSummary): ErrorsReport {
    const requestData = dictionary<number>();
    if (this.intervalMs > 0) for (const [bucket, n] of requests) requestData[Number.isNaN(bucket) ? '' : String(bucket)] = n;
    else if (this.total > 0) requestData[''] = this.total;
    requests.clear();
    this.total = 0;
    const groupData = dictionary<ErrorGroupData>();
    for (const [key, group] of groups) {
      groupData[key] = group.toData();
      this.keysCut += group.uris.keysCut + group.clients.keysCut;
      groups.delete(key);
    }
    const report: ErrorsReport = {
      logtally: 'errors',
      version: PARTIAL_VERSION,
      input,
      intervalMs: this.intervalMs,
      requests: requestData,
      groups: groupData,
    };
    if (this.intervalMs !== this.requestedIntervalMs) report.requestedIntervalMs = this.requestedIntervalMs;
    return report;
  }
}

/** Groups and request counts of the buckets before the last widening: the group limit counts them with the live ones. */
interface Widened {
  groups: Map<string, GroupState>;
  requests: Map<number, number>;
}

/** `widened` with buckets `intervalMs` wide, a multiple of its own: what widenBuckets does to a report's data. */
function rebucket(widened: Widened, intervalMs: number): void {
  const requests = new Map<number, number>();
  for (const [bucket, n] of widened.requests) {
    const wide = Number.isNaN(bucket) ? NaN : bucketStart(bucket, intervalMs);
    requests.set(wide, (requests.get(wide) ?? 0) + n);
  }
  widened.requests = requests;
  const groups = new Map<string, GroupState>();
  for (const [key, group] of widened.groups) {
    const time = group.identity.time;
    if (time !== undefined) group.identity.time = bucketStart(time, intervalMs);
    const wideKey = `${group.identity.time ?? ''}${key.slice(key.indexOf(GROUP_KEY_SEPARATOR))}`;
    const there = groups.get(wideKey);
    if (there === undefined) groups.set(wideKey, group);
    else there.absorb(group);
  }
  widened.groups = groups;
}

export interface ErrorsBuilderConfig {
  /** Bucket width for a time series; 0 for none. */
  intervalMs: number;
  /** Readers (worker threads) at once that share MAX_TABLE_KEYS, each taking its share; 1 when absent. */
  readers?: number;
}

/** The factory worker threads call to build their own ErrorsBuilder (see parallel/run-parallel.ts). */
export const createErrorsBuilder = (config: ErrorsBuilderConfig): ErrorsBuilder =>
  new ErrorsBuilder(config.intervalMs, MAX_ERROR_GROUPS, Math.floor(MAX_TABLE_KEYS / Math.max(1, config.readers ?? 1)));
