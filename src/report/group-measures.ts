/**
 * Measures every `report --by` group carries besides its count: bytes sent, distinct clients and
 * latency, as plain mergeable data. The accuracy rules are those of the errors report:
 * - latency: report/latency.ts (exact values while fewer than 256, then counts per bucket of 3
 *   significant digits);
 * - distinct clients: the clients themselves while fewer than CLIENTS_EXACT, then HyperLogLog
 *   (report/errors-distinct.ts), marked `distinctClientsExact: false`.
 *
 * Memory per group, bounded whatever the input: about 100 bytes of counters; clients at most
 * CLIENTS_EXACT strings (~4 KB) or, past that, 4 KiB of HyperLogLog registers; latency at most 255
 * numbers (~2 KB) or, past that, bucket counts (4 KB for times under 2 s, 26 KB for times up to an
 * hour, 62 KB at the 10^12 ms time-taken limit; twice that once a bucket passes 65,535). A report
 * holds at most --max-keys groups (2 × --max-keys between prunes), so its worst case is
 * --max-keys × ~130 KB; counts need 256 requests, so they are also at most ~500 bytes per request.
 */
import { HyperLogLog } from './errors-distinct.js';
import { detached } from './top-k.js';
import { LatencyRecorder, mergeLatency, RAW_VALUES, summariseLatency, type LatencyData, type LatencySummary } from './latency.js';

/** No latency value recorded (values are rounded to 0 or more). */
const NO_MS = -1;

/** Distinct clients kept as a list per group; from this many on, HyperLogLog (4 KiB, about as much as the list). */
export const CLIENTS_EXACT = 64;
export const GROUP_DISTINCT_ACCURACY =
  'exact up to 63 clients per group, then HyperLogLog with 4,096 registers (standard error about 1.6%)';

/** A group's measures as reports store and merge them. */
export interface GroupMeasureData {
  bytesSent: number;
  /** The group's distinct clients, sorted, while fewer than CLIENTS_EXACT. */
  clients?: string[];
  /** HyperLogLog registers (base64) from CLIENTS_EXACT distinct clients on. */
  clientsHll?: string;
  /** time-taken in ms; absent when no record of the group logged it. */
  latency?: LatencyData;
}

/** The measures as rows show them. */
export interface GroupMeasures {
  bytesSent: number;
  distinctClients: number;
  /** False once the count is a HyperLogLog estimate. */
  distinctClientsExact: boolean;
  latency: LatencySummary | null;
}

/**
 * Live state of one group on the hot path. Most groups of a big table see one request (a
 * high-cardinality `--by uri` has millions): their one client and one latency value are held in
 * fields of their own, and a client set and latency recorder are made only for a second one. A
 * group of one request costs about 60 bytes here instead of about 300 (docs/memory.md).
 */
export class GroupRecorder {
  count = 0;
  bytesSent = 0;
  /** The group's only client, before a second distinct one makes `clients`. */
  private client?: string;
  private clients?: Set<string>;
  private hll?: HyperLogLog;
  /** The group's only latency value (rounded as LatencyRecorder rounds), -1 for none, before a second makes `latency`. */
  private onlyMs = NO_MS;
  private latency?: LatencyRecorder;

  /** @param rawLatency values kept before a histogram (LatencyRecorder). */
  constructor(private readonly rawLatency?: number) {}

  addClient(client: string): void {
    if (this.hll !== undefined) this.hll.add(client);
    else if (this.clients !== undefined) {
      const clients = this.clients;
      if (clients.has(client)) return;
      clients.add(detached(client));
      if (clients.size === CLIENTS_EXACT) {
        this.hll = HyperLogLog.of(clients);
        this.clients = undefined;
      }
    } else if (this.client === undefined) this.client = detached(client);
    else if (this.client !== client) this.clients = new Set([this.client, detached(client)]);
  }

  /** Whether clients are counted by their hash alone (addClientHash): once they are too many to list. */
  get countsHashes(): boolean {
    return this.hll !== undefined;
  }

  /** A client by its hash32, as addClient would count it; only while countsHashes. */
  addClientHash(hash: number): void {
    this.hll!.addHash(hash);
  }

  recordLatency(ms: number): void {
    if (this.latency !== undefined) this.latency.record(ms);
    else if (this.onlyMs === NO_MS && (this.rawLatency ?? RAW_VALUES) > 1) this.onlyMs = ms < 0 ? 0 : Math.round(ms);
    else {
      this.latency = new LatencyRecorder(this.rawLatency);
      if (this.onlyMs !== NO_MS) this.latency.record(this.onlyMs);
      this.latency.record(ms);
    }
  }

  toData(): GroupMeasureData {
    const data: GroupMeasureData = { bytesSent: this.bytesSent };
    if (this.hll !== undefined) data.clientsHll = this.hll.toBase64();
    else if (this.clients !== undefined) data.clients = [...this.clients].sort();
    else data.clients = this.client === undefined ? [] : [this.client];
    const latency = this.latency !== undefined ? this.latency.toData() : this.onlyLatency();
    if (latency !== undefined) data.latency = latency;
    return data;
  }

  private onlyLatency(): LatencyData | undefined {
    const ms = this.onlyMs;
    // As LatencyRecorder adds them up: a sum from 0 and a max of at least 0 (a -0 reads as 0).
    return ms === NO_MS ? undefined : { count: 1, sum: 0 + ms, max: Math.max(0, ms), values: [ms] };
  }
}

const hllOf = (data: GroupMeasureData): HyperLogLog =>
  data.clientsHll !== undefined ? HyperLogLog.fromBase64(data.clientsHll) : HyperLogLog.of(data.clients ?? []);

const strictlySorted = (list: readonly string[]): boolean => {
  for (let i = 1; i < list.length; i++) if (!(list[i - 1]! < list[i]!)) return false;
  return true;
};

/**
 * The distinct clients of both sorted lists, sorted: one linear merge, since an overview's merge
 * runs it for each of up to 100,000 groups and a Set and two copies per group were garbage enough
 * to double the merging thread's peak when a collection came at the wrong moment.
 */
function clientUnion(a: readonly string[], b: readonly string[]): string[] {
  // A hand-made partial's list may be out of order or repeat a client.
  if (!strictlySorted(a) || !strictlySorted(b)) return [...new Set([...a, ...b])].sort();
  const union: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (union.length === 0 || union[union.length - 1] !== next) union.push(next);
  }
  return union;
}

/** Adds two groups' measures; the result is what one pass over both groups' records gives. */
export function mergeGroupMeasures(
  a: GroupMeasureData | undefined,
  b: GroupMeasureData | undefined,
  rawLatency?: number,
): GroupMeasureData | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  const merged: GroupMeasureData = { bytesSent: a.bytesSent + b.bytesSent };
  const union = a.clients !== undefined && b.clients !== undefined ? clientUnion(a.clients, b.clients) : undefined;
  if (union !== undefined && union.length < CLIENTS_EXACT) merged.clients = union;
  else {
    // HyperLogLog registers depend only on the set of clients, so building them late changes nothing.
    const hll = hllOf(a);
    hll.merge(hllOf(b));
    merged.clientsHll = hll.toBase64();
  }
  const latency = mergeLatency(a.latency, b.latency, rawLatency);
  if (latency !== undefined) merged.latency = latency;
  return merged;
}

export function summariseMeasures(data: GroupMeasureData | undefined): GroupMeasures {
  if (data === undefined) return { bytesSent: 0, distinctClients: 0, distinctClientsExact: true, latency: null };
  const exact = data.clientsHll === undefined;
  return {
    bytesSent: data.bytesSent,
    distinctClients: exact ? (data.clients?.length ?? 0) : HyperLogLog.fromBase64(data.clientsHll!).estimate(),
    distinctClientsExact: exact,
    latency: data.latency === undefined ? null : summariseLatency(data.latency),
  };
}
