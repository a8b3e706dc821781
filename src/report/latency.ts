/**
 * Latency (`time-taken`) per group from an HDR histogram (hdr-histogram-js): constant memory per
 * group, mergeable by adding, and carried in reports as HDR's compressed base64 encoding.
 * Accuracy: 3 significant digits, so a percentile is within 0.1% of the exact value (values under
 * 2,048 ms are exact). Count, mean and max are kept exactly beside the histogram.
 */
import * as hdr from 'hdr-histogram-js';

export const LATENCY_ACCURACY = 'percentiles from an HDR histogram with 3 significant digits: within 0.1% of the exact value (exact below 2,048 ms); count, mean and max are exact';

/** Plain, mergeable latency data. */
export interface LatencyData {
  count: number;
  /** Sum of milliseconds, for an exact mean. */
  sum: number;
  max: number;
  /** HDR histogram, compressed base64 (`HISTF…`). */
  histogram: string;
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
const newHistogram = (): hdr.Histogram => hdr.build({ numberOfSignificantValueDigits: 3 });

/**
 * Values a recorder keeps as they come before it builds its histogram. A time series has a group
 * per bucket and code, most with a handful of errors, and an HDR histogram costs 12-28 KB each.
 */
const RAW_VALUES = 256;

/** Live recorder for the hot path; encoded once when the report is finished. */
export class LatencyRecorder {
  private values: number[] | undefined = [];
  private histogram?: hdr.Histogram;
  private count = 0;
  private sum = 0;
  private max = 0;

  record(ms: number): void {
    // HDR records integers; sub-millisecond precision is below what logs carry anyway.
    const value = ms < 0 ? 0 : Math.round(ms);
    if (this.values === undefined) this.histogram!.recordValue(value);
    else if (this.values.push(value) === RAW_VALUES) this.toHistogram(this.values);
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  private toHistogram(values: number[]): void {
    this.histogram = newHistogram();
    for (const v of values) this.histogram.recordValue(v);
    this.values = undefined;
  }

  toData(): LatencyData | undefined {
    if (this.count === 0) return undefined;
    const { histogram, values } = this;
    return { count: this.count, sum: this.sum, max: this.max, histogram: encode(this.max, (sum) => (histogram ? sum.add(histogram) : values!.forEach((v) => sum.recordValue(v)))) };
  }
}

/**
 * A fresh histogram sized for `max` up front, filled and encoded. HDR writes the trackable range
 * into its header, and that range depends on how a histogram grew (auto-resizing on record and on
 * add differ); sizing every encoding from the exact max makes a merged partial byte-equal to the
 * single-pass one. Decoded histograms cannot grow, so a merge needs a fresh one anyway.
 */
function encode(max: number, fill: (sum: hdr.Histogram) => void): string {
  const sum = hdr.build({ numberOfSignificantValueDigits: 3, highestTrackableValue: Math.max(2, max) });
  fill(sum);
  return hdr.encodeIntoCompressedBase64(sum);
}

export function mergeLatency(a: LatencyData | undefined, b: LatencyData | undefined): LatencyData | undefined {
  if (!a || !b) return a ?? b;
  const max = Math.max(a.max, b.max);
  const histogram = encode(max, (sum) => {
    sum.add(hdr.decodeFromCompressedBase64(a.histogram));
    sum.add(hdr.decodeFromCompressedBase64(b.histogram));
  });
  return { count: a.count + b.count, sum: a.sum + b.sum, max, histogram };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export function summariseLatency(data: LatencyData): LatencySummary {
  const histogram = hdr.decodeFromCompressedBase64(data.histogram);
  // HDR reports the top of a value's bucket; never report a percentile above the exact max.
  const at = (p: number): number => Math.min(histogram.getValueAtPercentile(p), data.max);
  return { count: data.count, mean: round2(data.sum / data.count), p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: data.max };
}
