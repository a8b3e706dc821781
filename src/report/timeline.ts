/**
 * Requests over time for the HTML page: per bucket, records by status class and errors by group.
 * The page must choose its bucket from the span the data covers, yet the span is only known once
 * the single scan is over. So buckets start fine (1 minute, or --interval) and are coarsened in
 * place to a multiple whenever the span would need more than MAX_BUCKETS of them: a coarser bucket
 * is exactly the sum of the finer ones it covers, so nothing is estimated, memory stays bounded,
 * and partial timelines (threads, files) merge by coarsening both to the wider width and adding.
 */
import type { LogRecord } from '../../parsers/record.js';
import { codeKey } from './dimensions.js';
import { bucketStart } from './time-series.js';

/** Status classes in counting order: index 0 is `other` (no status, or outside 100-599). */
export const TIMELINE_CLASSES = ['other', '1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/** Buckets a timeline spans at most before it is coarsened. */
export const MAX_BUCKETS = 1000;
/** Widths a bucket grows through (each a multiple of the ones before it that it follows). */
const LADDER_MS = [60_000, 300_000, 900_000, 3_600_000, 10_800_000, 86_400_000, 604_800_000];
export const DEFAULT_BASE_MS = 60_000;

export interface TimelineData {
  intervalMs: number;
  /** Bucket start (epoch ms as text) → records per class, in TIMELINE_CLASSES order. */
  classes: Record<string, number[]>;
  /** Bucket start → error group label (`500.19.13`, `Timer_ConnectionIdle`) → errors. */
  errors: Record<string, Record<string, number>>;
  /** Records without a time, which no bucket holds. */
  untimed: number;
  /** Earliest and latest record time, epoch ms; absent when no record had a time. */
  first?: number;
  last?: number;
}

/** The next width up from `ms`: the next ladder step it divides, else twice as wide. */
export function coarserInterval(ms: number): number {
  return LADDER_MS.find((step) => step > ms && step % ms === 0) ?? ms * 2;
}

/** An error as the errors report counts one: a status of 400 or more, or an HTTP.sys reason. */
export const isError = (record: LogRecord): boolean =>
  (record['sc-status'] !== undefined && record['sc-status'] >= 400) || record['s-reason'] !== undefined;

/** The label an error group goes by: `status.substatus.win32` and the HTTP.sys reason. */
export const errorLabel = (status?: number, substatus?: number, win32?: number, reason?: string): string =>
  [codeKey(status, substatus, win32), reason ?? ''].filter((s) => s !== '').join(' ');

const classIndex = (status: number | undefined): number => (status === undefined || status < 100 || status > 599 ? 0 : (status / 100) | 0);

export class TimelineBuilder {
  private intervalMs: number;
  private classes = new Map<number, number[]>();
  private errors = new Map<number, Map<string, number>>();
  private untimed = 0;
  private first = Infinity;
  private last = -Infinity;
  private minBucket = Infinity;
  private maxBucket = -Infinity;
  /** The last bucket used: logs are mostly in time order, so most records skip the map lookup. */
  private current = { start: NaN, end: NaN, counts: [] as number[] };

  constructor(baseMs = DEFAULT_BASE_MS) {
    this.intervalMs = baseMs;
  }

  add(record: LogRecord): void {
    const t = record.timestamp;
    if (t === undefined) {
      this.untimed++;
      return;
    }
    if (t < this.first) this.first = t;
    if (t > this.last) this.last = t;
    const current = this.current;
    const counts = t >= current.start && t < current.end ? current.counts : this.bucketCounts(t);
    counts[classIndex(record['sc-status'])]!++;
    if (isError(record)) {
      const start = bucketStart(t, this.intervalMs);
      let byGroup = this.errors.get(start);
      if (byGroup === undefined) this.errors.set(start, (byGroup = new Map()));
      const label = errorLabel(record['sc-status'], record['sc-substatus'], record['sc-win32-status'], record['s-reason']);
      byGroup.set(label, (byGroup.get(label) ?? 0) + 1);
    }
  }

  private bucketCounts(t: number): number[] {
    let start = bucketStart(t, this.intervalMs);
    let counts = this.classes.get(start);
    if (counts === undefined) {
      if (start < this.minBucket) this.minBucket = start;
      if (start > this.maxBucket) this.maxBucket = start;
      if ((this.maxBucket - this.minBucket) / this.intervalMs + 1 > MAX_BUCKETS) {
        this.coarsen();
        start = bucketStart(t, this.intervalMs);
        counts = this.classes.get(start);
      }
      if (counts === undefined) this.classes.set(start, (counts = new Array<number>(TIMELINE_CLASSES.length).fill(0)));
    }
    this.current = { start, end: start + this.intervalMs, counts };
    return counts;
  }

  /** Widens buckets until the span fits MAX_BUCKETS, adding the finer buckets into the coarser. */
  private coarsen(): void {
    while ((this.maxBucket - this.minBucket) / this.intervalMs + 1 > MAX_BUCKETS) {
      this.intervalMs = coarserInterval(this.intervalMs);
      this.minBucket = bucketStart(this.minBucket, this.intervalMs);
      this.maxBucket = bucketStart(this.maxBucket, this.intervalMs);
    }
    this.classes = rebucketClasses(this.classes, this.intervalMs);
    this.errors = rebucketErrors(this.errors, this.intervalMs);
    this.current = { start: NaN, end: NaN, counts: [] };
  }

  finish(): TimelineData {
    const data: TimelineData = {
      intervalMs: this.intervalMs,
      classes: Object.fromEntries([...this.classes].map(([k, v]) => [String(k), v])),
      errors: Object.fromEntries([...this.errors].map(([k, v]) => [String(k), Object.fromEntries(v)])),
      untimed: this.untimed,
    };
    if (this.first !== Infinity) {
      data.first = this.first;
      data.last = this.last;
    }
    return data;
  }
}

function addCounts(into: number[], from: readonly number[]): void {
  for (let i = 0; i < from.length; i++) into[i] = (into[i] ?? 0) + from[i]!;
}

function rebucketClasses(from: Map<number, number[]>, intervalMs: number): Map<number, number[]> {
  const to = new Map<number, number[]>();
  for (const [start, counts] of from) {
    const key = bucketStart(start, intervalMs);
    const into = to.get(key);
    if (into === undefined) to.set(key, [...counts]);
    else addCounts(into, counts);
  }
  return to;
}

function rebucketErrors(from: Map<number, Map<string, number>>, intervalMs: number): Map<number, Map<string, number>> {
  const to = new Map<number, Map<string, number>>();
  for (const [start, groups] of from) {
    const key = bucketStart(start, intervalMs);
    let into = to.get(key);
    if (into === undefined) to.set(key, (into = new Map()));
    for (const [label, n] of groups) into.set(label, (into.get(label) ?? 0) + n);
  }
  return to;
}

/** `data` with buckets `intervalMs` wide, a multiple of its own width. */
export function rebucketTimeline(data: TimelineData, intervalMs: number): TimelineData {
  if (intervalMs === data.intervalMs) return data;
  const classes = rebucketClasses(new Map(Object.entries(data.classes).map(([k, v]) => [Number(k), v])), intervalMs);
  const errors = rebucketErrors(new Map(Object.entries(data.errors).map(([k, v]) => [Number(k), new Map(Object.entries(v))])), intervalMs);
  return {
    ...data,
    intervalMs,
    classes: Object.fromEntries([...classes].map(([k, v]) => [String(k), v])),
    errors: Object.fromEntries([...errors].map(([k, v]) => [String(k), Object.fromEntries(v)])),
  };
}

/** The span in buckets of `intervalMs`, from the first bucket to the last. */
export function spanBuckets(data: TimelineData, intervalMs: number): number {
  if (data.first === undefined || data.last === undefined) return 0;
  return (bucketStart(data.last, intervalMs) - bucketStart(data.first, intervalMs)) / intervalMs + 1;
}

/** Adds two timelines: both at the wider of their widths (one is a multiple of the other), coarsened further if the union spans too many buckets. */
export function mergeTimelines(a: TimelineData, b: TimelineData): TimelineData {
  let intervalMs = Math.max(a.intervalMs, b.intervalMs);
  const first = a.first === undefined ? b.first : b.first === undefined ? a.first : Math.min(a.first, b.first);
  const last = a.last === undefined ? b.last : b.last === undefined ? a.last : Math.max(a.last, b.last);
  const span: TimelineData = { intervalMs, classes: {}, errors: {}, untimed: 0, first, last };
  while (spanBuckets(span, intervalMs) > MAX_BUCKETS) intervalMs = coarserInterval(intervalMs);
  const left = rebucketTimeline(a, intervalMs);
  const right = rebucketTimeline(b, intervalMs);
  const classes: Record<string, number[]> = {};
  for (const side of [left, right])
    for (const [key, counts] of Object.entries(side.classes)) {
      const into = classes[key];
      if (into === undefined) classes[key] = [...counts];
      else addCounts(into, counts);
    }
  const errors: Record<string, Record<string, number>> = {};
  for (const side of [left, right])
    for (const [key, groups] of Object.entries(side.errors)) {
      const into = (errors[key] ??= {});
      for (const [label, n] of Object.entries(groups)) into[label] = (into[label] ?? 0) + n;
    }
  const merged: TimelineData = { intervalMs, classes, errors, untimed: a.untimed + b.untimed };
  if (first !== undefined && last !== undefined) {
    merged.first = first;
    merged.last = last;
  }
  return merged;
}
