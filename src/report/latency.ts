/**
 * Latency (`time-taken`) per group: the values themselves while a group has fewer than 256 (exact
 * percentiles), then an HDR histogram (hdr-histogram-js): constant memory per group, mergeable by
 * adding, and carried in reports as HDR's compressed base64 encoding. Accuracy: 3 significant
 * digits, so a percentile is within 0.1% of the exact value (values under 2,048 ms are exact).
 * Count, mean and max are always exact.
 */
import type * as HdrModule from 'hdr-histogram-js';
import { hdr } from './hdr.js';

export const LATENCY_ACCURACY =
  'percentiles exact (nearest rank) for groups of fewer than 256 requests, else from an HDR histogram with 3 significant digits: within 0.1% of the exact value (exact below 2,048 ms); count, mean and max are exact';

/** Plain, mergeable latency data: the values themselves while few, else an HDR histogram. */
export interface LatencyData {
  count: number;
  /** Sum of milliseconds, for an exact mean. */
  sum: number;
  max: number;
  /** Fewer than RAW_VALUES values, sorted: exact percentiles, and no histogram to build or encode. */
  values?: number[];
  /** HDR histogram, compressed base64 (`HISTF…`), from RAW_VALUES values on. */
  histogram?: string;
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

// Defaults: auto-resizing, lowest discernible value 1, 3 significant digits.
const newHistogram = (): HdrModule.Histogram => hdr().build({ numberOfSignificantValueDigits: 3 });

/**
 * Values a recorder keeps as they come before it builds its histogram. A time series has a group
 * per bucket and code, most with a handful of errors, and an HDR histogram costs 12-28 KB each.
 */
export const RAW_VALUES = 256;

/** Values HDR (3 significant digits) holds exactly, each in a bucket of its own. */
const EXACT_BELOW = 2048;
/** Values of EXACT_BELOW or more held as a list before the HDR histogram is built for them. */
const LARGE_PENDING = 256;

/**
 * Live recorder for the hot path; encoded once when the report is finished.
 *
 * Past RAW_VALUES values it counts those under EXACT_BELOW in an array (2 bytes a count, 4 once
 * one passes 65,535) and lists larger ones; the HDR histogram (12-30 KB) is built only once
 * LARGE_PENDING large values came, or when the data is taken. HDR with 3 significant digits keeps
 * every value under 2,048 in a bucket of its own, so the histogram finally encoded is the one
 * recording every value in it would have given. An errors time series over 10M lines held
 * thousands of groups past 256 errors, most with no value over 2 seconds: 4 KB each instead of 20.
 */
export class LatencyRecorder {
  private values: number[] | undefined = [];
  private histogram?: HdrModule.Histogram;
  /** Counts of values under EXACT_BELOW, once the raw values are done with. */
  private small?: Uint16Array | Uint32Array;
  /** Values of EXACT_BELOW or more not yet in `histogram`. */
  private large?: number[];
  private count = 0;
  private sum = 0;
  private max = 0;

  /**
   * @param rawLimit values kept before the histogram is built: Infinity where the values are few
   *   whatever the input (a sample of lines), which spares loading hdr-histogram-js (hdr.ts).
   */
  constructor(private readonly rawLimit = RAW_VALUES) {}

  record(ms: number): void {
    // HDR records integers; sub-millisecond precision is below what logs carry anyway.
    const value = ms < 0 ? 0 : Math.round(ms);
    if (this.values !== undefined) {
      if (this.values.push(value) === this.rawLimit) this.leaveRaw(this.values);
    } else this.recordCounted(value);
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  /** From raw values to counts: the values so far are counted. */
  private leaveRaw(values: number[]): void {
    this.small = new Uint16Array(EXACT_BELOW);
    this.large = [];
    this.values = undefined;
    for (const v of values) this.recordCounted(v);
  }

  private recordCounted(value: number): void {
    if (value < EXACT_BELOW) {
      const small = this.small!;
      const n = small[value]! + 1;
      if (n > 0xffff && small instanceof Uint16Array) this.small = Uint32Array.from(small);
      this.small![value] = n;
    } else if (this.large!.push(value) === LARGE_PENDING) this.flushLarge();
  }

  private ensureHistogram(): HdrModule.Histogram {
    return (this.histogram ??= newHistogram());
  }

  /** Moves the listed large values into the histogram. */
  private flushLarge(): void {
    const large = this.large;
    if (large === undefined || large.length === 0) return;
    const histogram = this.ensureHistogram();
    for (const v of large) histogram.recordValue(v);
    large.length = 0;
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
      if (other.values !== undefined) for (const v of other.values) this.recordCounted(v);
      else {
        const theirs = other.small!;
        for (let v = 0; v < EXACT_BELOW; v++) if (theirs[v]! > 0) this.addSmall(v, theirs[v]!);
        for (const v of other.large!) this.recordCounted(v);
        if (other.histogram !== undefined) this.ensureHistogram().add(other.histogram);
      }
    }
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  private addSmall(value: number, n: number): void {
    const sum = this.small![value]! + n;
    if (sum > 0xffff && this.small instanceof Uint16Array) this.small = Uint32Array.from(this.small);
    this.small![value] = sum;
  }

  /** Moves the small values' counts into the histogram: what recording each there would have given. */
  private flushSmall(): void {
    const small = this.small;
    if (small === undefined) return;
    const histogram = this.ensureHistogram();
    for (let v = 0; v < EXACT_BELOW; v++) if (small[v]! > 0) histogram.recordValueWithCount(v, small[v]!);
    small.fill(0);
  }

  toData(): LatencyData | undefined {
    if (this.count === 0) return undefined;
    const { count, sum, max, values } = this;
    // A time series has tens of thousands of small groups: encoding a histogram for each cost
    // hundreds of MB of native zlib memory at finish.
    if (values !== undefined) return { count, sum, max, values: values.sort(byValue) };
    this.flushSmall();
    this.flushLarge();
    const histogram = this.histogram!;
    return { count, sum, max, histogram: encode(max, (all) => all.add(histogram)) };
  }
}

const byValue = (a: number, b: number): number => a - b;

/** Records the data's values (or adds its histogram) into `into`. */
function addInto(into: HdrModule.Histogram, data: LatencyData): void {
  if (data.values !== undefined) for (const v of data.values) into.recordValue(v);
  else into.add(hdr().decodeFromCompressedBase64(data.histogram!));
}

/**
 * A fresh histogram sized for `max` up front, filled and encoded. HDR writes the trackable range
 * into its header, and that range depends on how a histogram grew (auto-resizing on record and on
 * add differ); sizing every encoding from the exact max makes a merged partial byte-equal to the
 * single-pass one. Decoded histograms cannot grow, so a merge needs a fresh one anyway.
 */
function encode(max: number, fill: (sum: HdrModule.Histogram) => void): string {
  const sum = hdr().build({ numberOfSignificantValueDigits: 3, highestTrackableValue: Math.max(2, max) });
  fill(sum);
  return hdr().encodeIntoCompressedBase64(sum);
}

/** Adds two groups' latency; the result has the shape a single pass over both (with the same `rawLimit`) would have had. */
export function mergeLatency(a: LatencyData | undefined, b: LatencyData | undefined, rawLimit = RAW_VALUES): LatencyData | undefined {
  if (!a || !b) return a ?? b;
  const count = a.count + b.count;
  const sum = a.sum + b.sum;
  const max = Math.max(a.max, b.max);
  if (count < rawLimit && a.values !== undefined && b.values !== undefined)
    return { count, sum, max, values: mergeSorted(a.values, b.values) };
  const histogram = encode(max, (all) => {
    addInto(all, a);
    addInto(all, b);
  });
  return { count, sum, max, histogram };
}

const isSorted = (values: readonly number[]): boolean => {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false;
  return true;
};

/**
 * Both lists' values in order: a linear merge of sorted lists (the partials of a sample are many,
 * and sorting the growing list again at each merge was most of merging them).
 */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  if (!isSorted(a) || !isSorted(b)) return [...a, ...b].sort(byValue);
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
  const histogram = values === undefined ? hdr().decodeFromCompressedBase64(data.histogram!) : undefined;
  // HDR reports the top of a value's bucket; never report a percentile above the exact max.
  const at = (p: number): number => (values !== undefined ? rank(values, p) : Math.min(histogram!.getValueAtPercentile(p), data.max));
  return { count: data.count, mean: round2(data.sum / data.count), p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: data.max };
}
