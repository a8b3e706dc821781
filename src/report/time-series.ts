/**
 * Time buckets for `--interval`: a bucket is the UTC start of its interval in epoch milliseconds,
 * found by integer arithmetic on the hot path and formatted as ISO-8601 only when rendered.
 * Also fills empty buckets with zero rows (dashboards draw gaps as zero, not as missing lines) and
 * pivots a long table into a wide one.
 */
import { LogtallyError } from '../errors/logtally-error.js';
import { toIso } from '../../parsers/time.js';
import type { Cell, Column, TableData } from './table-data.js';
import { lookupTable } from '../../parsers/lookup-table.js';

const UNIT_MS: Record<string, number> = lookupTable({ s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 });
/** Rows a filled series may have; beyond this a wider interval is the better answer. */
export const MAX_SERIES_ROWS = 1_000_000;

/** `1m`, `5m`, `15m`, `1h`, `1d` (any whole number of s, m, h or d) → milliseconds. */
export function parseInterval(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2]!]! : 0;
  if (!(ms > 0)) throw new LogtallyError('USAGE', `--interval needs a duration like 1m, 5m, 15m, 1h or 1d; got "${text}"`);
  return ms;
}

/** Milliseconds → the shortest spelling parseInterval reads back (300000 → `5m`). */
export function formatInterval(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's']) if (ms % UNIT_MS[unit]! === 0) return `${ms / UNIT_MS[unit]!}${unit}`;
  return `${ms / 1000}s`;
}

/** Widths a widened time series steps through, each a multiple of the one before. */
const WIDER_STEPS = ['2s', '10s', '30s', '1m', '2m', '10m', '30m', '1h', '2h', '6h', '12h', '1d'].map(parseInterval);

/**
 * The next bucket width after `ms` when a series has too many buckets: the next of WIDER_STEPS it
 * divides (so readable widths and UTC midnights stay bucket starts), else twice `ms`. Every
 * width on the way is a multiple of the ones before, so series widened to different degrees
 * still merge.
 */
export function widerInterval(ms: number): number {
  return WIDER_STEPS.find((step) => step > ms && step % ms === 0) ?? ms * 2;
}

/** Start of the bucket holding `timestamp`; correct for times before 1970 too. */
export const bucketStart = (timestamp: number, intervalMs: number): number =>
  timestamp - (((timestamp % intervalMs) + intervalMs) % intervalMs);

/** Bucket key as rendered: ISO-8601 UTC, or null for records without a time. */
export const bucketLabel = (key: string): string | null => (key === '' ? null : toIso(Number(key)));

/** Every bucket start from the first to the last seen, as keys; throws when absurdly many. */
export function bucketRange(keys: Iterable<string>, intervalMs: number, groups: number): string[] {
  let min = Infinity;
  let max = -Infinity;
  for (const key of keys) {
    if (key === '') continue;
    const t = Number(key);
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (min === Infinity) return [];
  const buckets = (max - min) / intervalMs + 1;
  if (buckets * Math.max(1, groups) > MAX_SERIES_ROWS) {
    throw new LogtallyError(
      'USAGE',
      `--interval ${intervalMs / 1000}s gives ${buckets.toLocaleString('en-US')} buckets × ${groups} groups; use a wider --interval or narrow with --since/--until`,
    );
  }
  const out: string[] = [];
  for (let t = min; t <= max; t += intervalMs) out.push(String(t));
  return out;
}

/**
 * Long → wide: one row per time, one column per series label, cells the value column (0 where a
 * series has no row). `labelOf` names the series of a long row.
 */
export function pivotWide(long: TableData, timeColumn: string, valueColumn: string, labelOf: (row: Cell[]) => string): TableData {
  const timeAt = long.columns.findIndex((c) => c.name === timeColumn);
  const valueAt = long.columns.findIndex((c) => c.name === valueColumn);
  const series: string[] = [];
  const byTime = new Map<string, Map<string, number>>();
  for (const row of long.rows) {
    const time = String(row[timeAt] ?? '');
    const label = labelOf(row);
    if (!series.includes(label)) series.push(label);
    let cells = byTime.get(time);
    if (!cells) byTime.set(time, (cells = new Map()));
    cells.set(label, (cells.get(label) ?? 0) + Number(row[valueAt] ?? 0));
  }
  const times = [...byTime.keys()].sort();
  const columns: Column[] = [{ name: timeColumn, kind: 'time' }, ...series.map((name): Column => ({ name, kind: 'integer' }))];
  const rows = times.map((time): Cell[] => [time === '' ? null : time, ...series.map((s) => byTime.get(time)!.get(s) ?? 0)]);
  return { id: long.id, title: `${long.title} (${valueColumn} per ${timeColumn})`, columns, rows, omitted: long.omitted };
}
