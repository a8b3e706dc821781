/**
 * Requests over time, stacked by status class, with the error rate; the bucket is --interval or,
 * without it, the finest step of the timeline's ladder that gives at most TARGET_BUCKETS bars
 * across the span. Every bucket from the first to the last is drawn, empty ones as zero.
 */
import { MAX_BUCKETS, TIMELINE_CLASSES, coarserInterval, rebucketTimeline, spanBuckets, type TimelineData } from '../../report/timeline.js';
import { formatInterval } from '../../report/time-series.js';
import { toIso } from '../../../parsers/time.js';
import { int, percent, text, utc } from './escape.js';
import { stackedBarChart, timeLabel } from './svg.js';
import { cell, num, renderTable } from './table.js';

/** Bars that still read as bars at 1280 px wide. */
const TARGET_BUCKETS = 150;

/** Display order, bottom to top: successes at the base, errors on top where the eye lands. */
const STACK = [2, 3, 1, 0, 4, 5];

export interface Buckets {
  intervalMs: number;
  times: number[];
  /** Per bucket, records per class in TIMELINE_CLASSES order. */
  classes: number[][];
  errors: number[];
  /** Per bucket, errors per group label. */
  groups: Record<string, number>[];
}

/** The timeline at the width the page draws, every bucket from first to last filled. */
export function chartBuckets(timeline: TimelineData, requestedMs: number): Buckets {
  let intervalMs = Math.max(timeline.intervalMs, requestedMs);
  if (requestedMs === 0) while (spanBuckets(timeline, intervalMs) > TARGET_BUCKETS) intervalMs = coarserInterval(intervalMs);
  const data = rebucketTimeline(timeline, intervalMs);
  const starts = Object.keys(data.classes).map(Number);
  const out: Buckets = { intervalMs, times: [], classes: [], errors: [], groups: [] };
  if (starts.length === 0) return out;
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  for (let t = first; t <= last; t += intervalMs) {
    const groups = data.errors[String(t)] ?? {};
    out.times.push(t);
    out.classes.push(data.classes[String(t)] ?? new Array<number>(TIMELINE_CLASSES.length).fill(0));
    out.groups.push(groups);
    out.errors.push(Object.values(groups).reduce((a, b) => a + b, 0));
  }
  return out;
}

function describe(b: Buckets, totals: number[], rates: number[]): string {
  if (b.times.length === 0) return 'No record had a time, so there is nothing to draw.';
  const span = b.times[b.times.length - 1]! - b.times[0]!;
  const peak = totals.indexOf(Math.max(...totals));
  const worst = rates.indexOf(Math.max(...rates));
  const at = (i: number): string => `${timeLabel(b.times[i]!, b.intervalMs, span)} UTC`;
  return `Stacked bars: requests per ${formatInterval(b.intervalMs)} bucket by status class, ${b.times.length} buckets from ${toIso(b.times[0]!)} to ${toIso(b.times[b.times.length - 1]! + b.intervalMs)}; the busiest bucket had ${int(totals[peak]!)} requests at ${at(peak)}. Line: error rate (4xx, 5xx and HTTP.sys errors over requests), highest ${percent(rates[worst]!)} at ${at(worst)}.`;
}

function dataTable(b: Buckets, totals: number[], rates: number[]): string {
  const classes = STACK.map((i) => TIMELINE_CLASSES[i]!);
  const rows = b.times.map((t, i) => [
    cell(utc(toIso(t))),
    ...STACK.map((c) => num(b.classes[i]![c]!, int(b.classes[i]![c]!))),
    num(totals[i]!, int(totals[i]!)),
    num(b.errors[i]!, int(b.errors[i]!)),
    num(rates[i]!, percent(rates[i]!)),
  ]);
  return renderTable({
    id: 't-time',
    caption: `Requests per ${formatInterval(b.intervalMs)} bucket (start, UTC)`,
    columns: [
      { name: 'bucket' },
      ...classes.map((name) => ({ name: text(name), numeric: true })),
      { name: 'requests', numeric: true },
      { name: 'errors', numeric: true },
      { name: 'error rate', numeric: true },
    ],
    rows,
  });
}

export function timeSection(b: Buckets, requestedMs: number): string {
  const totals = b.classes.map((c) => c.reduce((a, n) => a + n, 0));
  const rates = totals.map((total, i) => (total === 0 ? 0 : b.errors[i]! / total));
  const bucket = formatInterval(b.intervalMs);
  const widened =
    requestedMs > 0 && requestedMs !== b.intervalMs
      ? `<p class="note">--interval ${formatInterval(requestedMs)} would need more than ${int(MAX_BUCKETS)} bars over this span; buckets are ${bucket} wide (each the exact sum of its finer buckets).</p>`
      : '';
  if (b.times.length === 0)
    return `<section id="time" aria-labelledby="h-time"><h2 id="h-time">Over time</h2><p>No record had a time, so there is no time series.</p></section>`;
  const chart = stackedBarChart({
    id: 'chart-time',
    title: `Requests per ${bucket} by status class, and error rate`,
    desc: describe(b, totals, rates),
    times: b.times,
    intervalMs: b.intervalMs,
    series: STACK.map((i) => ({
      name: TIMELINE_CLASSES[i]!,
      style: `s${i}`,
      values: b.classes.map((c) => c[i]!),
    })).filter((s) => s.values.some((v) => v > 0)),
    rate: rates,
    yLabel: `requests per ${bucket}`,
  });
  return `<section id="time" aria-labelledby="h-time">
<h2 id="h-time">Over time</h2>
<figure><div class="chart-wrap">${chart}</div><figcaption>Requests per ${bucket} bucket (UTC), stacked by status class; the line is the error rate. Empty buckets are drawn as zero.</figcaption></figure>
${widened}
<details class="numbers"><summary>The numbers behind the chart</summary>${dataTable(b, totals, rates)}</details>
</section>`;
}
