/**
 * `--by day`, `hour`, `hour-of-day` and `weekday` read as a calendar: rows in time order, and a
 * zero row for every period between the first and the last (every hour 0-23, every weekday) in
 * which a series had no requests, so a chart shows a zero, not a gap.
 */
import { LogtallyError } from '../errors/logtally-error.js';
import { toIso } from '../../parsers/time.js';
import { WEEKDAYS } from './more-dimensions.js';
import { GROUP_KEY_SEPARATOR, type Report } from './report.js';
import { MAX_SERIES_ROWS } from './time-series.js';

export const PERIOD_DIMENSIONS = ['day', 'hour', 'hour-of-day', 'weekday'];

/** Index of the first period dimension of `by`, or -1. */
export const periodAt = (by: readonly string[]): number => by.findIndex((d) => PERIOD_DIMENSIONS.includes(d));

const STEP_MS: Record<string, number> = { day: 86_400_000, hour: 3_600_000 };

/** Every period from the first to the last value seen, in order. */
function periodRange(dimension: string, seen: ReadonlySet<string>, series: number): string[] {
  if (dimension === 'hour-of-day') return Array.from({ length: 24 }, (_, h) => String(h));
  if (dimension === 'weekday') return WEEKDAYS;
  const times = [...seen].filter((v) => v !== '').map((v) => Date.parse(dimension === 'day' ? `${v}T00:00:00Z` : v));
  if (times.length === 0) return [];
  const step = STEP_MS[dimension]!;
  const first = Math.min(...times);
  const last = Math.max(...times);
  if (((last - first) / step + 1) * Math.max(1, series) > MAX_SERIES_ROWS)
    throw new LogtallyError('USAGE', `--by ${dimension} spans too many periods; narrow with --since/--until`);
  const out: string[] = [];
  for (let t = first; t <= last; t += step) out.push(dimension === 'day' ? toIso(t).slice(0, 10) : toIso(t));
  return out;
}

/** The report with a zero group for each period × other-dimension combination that had no records. */
export function withEmptyPeriods(report: Report, at: number): Report {
  const series = new Set<string>();
  const seen = new Set<string>();
  for (const key of Object.keys(report.groups)) {
    const values = key.split(GROUP_KEY_SEPARATOR);
    seen.add(values[at]!);
    values[at] = '';
    series.add(values.join(GROUP_KEY_SEPARATOR));
  }
  const groups = { ...report.groups };
  for (const period of periodRange(report.by[at]!, seen, series.size)) {
    for (const s of series) {
      const values = s.split(GROUP_KEY_SEPARATOR);
      values[at] = period;
      groups[values.join(GROUP_KEY_SEPARATOR)] ??= 0;
    }
  }
  return { ...report, groups };
}

/** Sort rank of a period value: records without a time last. */
export function periodRank(dimension: string, value: string): number {
  if (value === '') return Infinity;
  if (dimension === 'hour-of-day') return Number(value);
  if (dimension === 'weekday') return WEEKDAYS.indexOf(value);
  return Date.parse(dimension === 'day' ? `${value}T00:00:00Z` : value);
}
