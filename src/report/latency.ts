/**
 * Latency (`time-taken`) per group: the values themselves while a group has fewer than 256 (exact
 * percentiles), then counts in buckets of 3 significant digits (latency-buckets.ts, an HDR
 * histogram's buckets): a percentile is within 0.1% of the exact value (values under 2,048 ms are
 * exact), and the counts merge by adding. Count, mean and max are always exact.
 */
import {
  addBuckets,
  bucketOf,
  bucketsOf,
  bucketsOfList,
  EXACT_BELOW,
  isAscending,
  encodeBuckets,
  readBuckets,
  valueAtPercentile,
  type Buckets,
} from './latency-buckets.js';

export const LATENCY_ACCURACY =
  'percentiles exact (nearest rank) for groups of fewer than 256 requests, else from counts in buckets of 3 significant digits (those of an HDR histogram): within 0.1% of the exact value (exact below 2,048 ms); count, mean and max are exact';

/** Plain, mergeable latency data: the values themselves while few, else counts per bucket. */
export interface LatencyData {
  count: number;
  /** Sum of milliseconds, for an exact mean. */
  sum: number;
  max: number;
  /** Fewer than RAW_VALUES values, sorted: exact percentiles, and no counts to encode. */
  values?: number[];
  /** Counts per bucket of 3 significant digits, encoded (latency-buckets.ts), from RAW_VALUES values on. */
  buckets?: string;
}

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Values a recorder keeps as they come before it counts them in buckets. A time series has a
 * group per bucket and code, most with a handful of errors, and counts take 4 KB or more.
 */
export const RAW_VALUES = 256;

/** Buckets a counts array grows by: one power of two's worth of buckets past EXACT_BELOW. */
const GROWTH = EXACT_BELOW / 2;

type Counts = Uint16Array | Uint32Array | Float64Array;
type CountsClass = typeof Uint16Array | typeof Uint32Array | typeof Float64Array;

/**
 * Live recorder for the hot path; encoded once when the report is finished.
 *
 * Past RAW_VALUES values it counts them per bucket in an array as long as the largest value's
 * bucket needs (4 KB of 2-byte counts for values under 2,048 ms, 2 KB more per power of two
 * above), with 2-byte counts that turn 4-byte once one passes 65,535, and 8-byte past 2^32.
 */
export class LatencyRecorder {
  private values: number[] | undefined = [];
  private counts?: Counts;
  private count = 0;
  private sum = 0;
  private max = 0;

  /**
   * @param rawLimit values kept before they are counted: Infinity where the values are few
   *   whatever the input (a sample of lines).
   */
  constructor(private readonly rawLimit = RAW_VALUES) {}

  record(ms: number): void {
    // Whole milliseconds: sub-millisecond precision is below what logs carry anyway.
    const value = ms < 0 ? 0 : Math.round(ms);
    if (this.values !== undefined) {
      if (this.values.push(value) === this.rawLimit) this.leaveRaw(this.values);
    } else this.addCount(value < EXACT_BELOW ? value : bucketOf(value), 1);
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  /** From raw values to counts: the values so far are counted. */
  private leaveRaw(values: number[]): void {
    this.counts = new Uint16Array(EXACT_BELOW);
    this.values = undefined;
    for (const v of values) this.addCount(bucketOf(v), 1);
  }

  private addCount(index: number, n: number): void {
    let counts = this.counts!;
    if (index >= counts.length) counts = this.resized(counts.constructor as CountsClass, index + 1);
    const sum = counts[index]! + n;
    if (sum > 0xffff && counts instanceof Uint16Array) counts = this.resized(Uint32Array, counts.length);
    if (sum > 0xffffffff && counts instanceof Uint32Array) counts = this.resized(Float64Array, counts.length);
    counts[index] = sum;
  }

  /** The counts copied into a `Kind` array of at least `length` buckets, which becomes the recorder's. */
  private resized(Kind: CountsClass, length: number): Counts {
    const old = this.counts!;
    const counts = new Kind(Math.max(old.length, Math.ceil(length / GROWTH) * GROWTH));
    counts.set(old);
    return (this.counts = counts);
  }

  /**
   * Adds `other`'s values into this recorder: what recording them here would have given, so the
   * data is the same as mergeLatency of both recorders' data. `other` must not be used again.
   */
  absorb(other: LatencyRecorder): void {
    if (other.count === 0) return;
    const values = this.values;
    if (values !== undefined && other.values !== undefined && values.length + other.values.length < this.rawLimit) {
      for (const v of other.values) values.push(v);
    } else {
      if (values !== undefined) this.leaveRaw(values);
      if (other.values !== undefined) for (const v of other.values) this.addCount(bucketOf(v), 1);
      else {
        const theirs = other.counts!;
        for (let i = 0; i < theirs.length; i++) if (theirs[i]! > 0) this.addCount(i, theirs[i]!);
      }
    }
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  toData(): LatencyData | undefined {
    if (this.count === 0) return undefined;
    const { count, sum, max, values } = this;
    if (values !== undefined) return { count, sum, max, values: values.sort(byValue) };
    return { count, sum, max, buckets: encodeBuckets(bucketsOf(this.counts!)) };
  }
}

const byValue = (a: number, b: number): number => a - b;

/** The data's values, or its counts, as buckets. */
const bucketsOfData = (data: LatencyData): Buckets =>
  data.values !== undefined ? bucketsOfList(data.values) : readBuckets(data.buckets!)!;

/** Adds two groups' latency; the result has the shape a single pass over both (with the same `rawLimit`) would have had. */
export function mergeLatency(a: LatencyData | undefined, b: LatencyData | undefined, rawLimit = RAW_VALUES): LatencyData | undefined {
  if (!a || !b) return a ?? b;
  const count = a.count + b.count;
  const sum = a.sum + b.sum;
  const max = Math.max(a.max, b.max);
  if (count < rawLimit && a.values !== undefined && b.values !== undefined)
    return { count, sum, max, values: mergeSorted(a.values, b.values) };
  return { count, sum, max, buckets: encodeBuckets(addBuckets(bucketsOfData(a), bucketsOfData(b))) };
}

/**
 * Both lists' values in order: a linear merge of sorted lists (the partials of a sample are many,
 * and sorting the growing list again at each merge was most of merging them).
 */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  if (!isAscending(a) || !isAscending(b)) return [...a, ...b].sort(byValue);
  const merged = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) merged[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) merged[k++] = a[i++]!;
  while (j < b.length) merged[k++] = b[j++]!;
  return merged;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Nearest-rank percentile of sorted values. */
const rank = (sorted: readonly number[], p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

export function summariseLatency(data: LatencyData): LatencySummary {
  const { values } = data;
  const buckets = values === undefined ? readBuckets(data.buckets!)! : undefined;
  // A percentile is the top of its value's bucket; never report one above the exact max.
  const at = (p: number): number =>
    values !== undefined ? rank(values, p) : Math.min(valueAtPercentile(buckets!, data.count, p), data.max);
  return { count: data.count, mean: round2(data.sum / data.count), p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: data.max };
}
