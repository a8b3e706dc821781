/**
 * Measures every `report --by` group carries besides its count: bytes sent, distinct clients and
 * latency, as plain mergeable data. The accuracy rules are those of the errors report:
 * - latency: report/latency.ts (exact values while fewer than 256, then an HDR histogram);
 * - distinct clients: the clients themselves while fewer than CLIENTS_EXACT, then HyperLogLog
 *   (report/errors-distinct.ts), marked `distinctClientsExact: false`.
 *
 * Memory per group, bounded whatever the input: about 100 bytes of counters; clients at most
 * CLIENTS_EXACT strings (~4 KB) or, past that, 4 KiB of HyperLogLog registers; latency at most 255
 * numbers (~2 KB) or, past that, one HDR histogram (12-32 KB, by the largest time-taken). A report
 * holds at most --max-keys groups (2 × --max-keys between prunes), so its worst case is
 * --max-keys × ~40 KB; a histogram needs 256 requests, so it is also at most ~150 bytes per request.
 */
import { HyperLogLog } from './errors-distinct.js';
import { detached } from './top-k.js';
import { LatencyRecorder, mergeLatency, summariseLatency, type LatencyData, type LatencySummary } from './latency.js';

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

/** Live state of one group on the hot path; its client set and latency recorder are made on first use (most groups of a big table never need them). */
export class GroupRecorder {
  count = 0;
  bytesSent = 0;
  private clients?: Set<string>;
  private hll?: HyperLogLog;
  private latency?: LatencyRecorder;

  /** @param rawLatency values kept before a histogram (LatencyRecorder). */
  constructor(private readonly rawLatency?: number) {}

  addClient(client: string): void {
    if (this.hll !== undefined) this.hll.add(client);
    else {
      const clients = (this.clients ??= new Set());
      if (clients.has(client)) return;
      clients.add(detached(client));
      if (clients.size === CLIENTS_EXACT) {
        this.hll = HyperLogLog.of(clients);
        this.clients = undefined;
      }
    }
  }

  recordLatency(ms: number): void {
    (this.latency ??= new LatencyRecorder(this.rawLatency)).record(ms);
  }

  toData(): GroupMeasureData {
    const data: GroupMeasureData = { bytesSent: this.bytesSent };
    if (this.hll === undefined) data.clients = this.clients === undefined ? [] : [...this.clients].sort();
    else data.clientsHll = this.hll.toBase64();
    const latency = this.latency?.toData();
    if (latency !== undefined) data.latency = latency;
    return data;
  }
}

const hllOf = (data: GroupMeasureData): HyperLogLog =>
  data.clientsHll !== undefined ? HyperLogLog.fromBase64(data.clientsHll) : HyperLogLog.of(data.clients ?? []);

/** The distinct clients of both lists, sorted; most groups of an overview's clients table record none. */
const clientUnion = (a: readonly string[], b: readonly string[]): string[] =>
  a.length === 0 && b.length === 0 ? [] : [...new Set([...a, ...b])].sort();

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
