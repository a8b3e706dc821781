/**
 * `report --by` groups as typed rows for library users: the dimension values by name, typed, and
 * the group's measures. The joined key of `Report.groups` is the wire format of partial reports;
 * this is the view to program against.
 */
import type { Dimension } from './dimension-names.js';
import { DIMENSIONS } from './dimensions.js';
import { summariseMeasures } from './group-measures.js';
import type { LatencySummary } from './latency.js';
import { GROUP_KEY_SEPARATOR, type Report } from './report.js';
import { shareOf } from './table-data.js';
import { toIso } from '../../parsers/time.js';

/** Dimensions whose values are numbers. */
export type NumericDimension = 'status' | 'substatus' | 'win32' | 'hour-of-day';
export { DIMENSION_NAMES, type Dimension } from './dimension-names.js';

/** A group's dimension values by name: numbers for NumericDimension, text otherwise (time buckets as ISO-8601 UTC); null when not logged. */
export type GroupValues = { [D in Dimension]?: D extends NumericDimension ? number | null : string | null };

/** One `by` group: its values by dimension, its count and share, and its measures (bytes, distinct clients, latency). */
export interface GroupRow {
  values: GroupValues;
  count: number;
  /** Of the records the filters kept, 0…1. */
  share: number;
  bytesSent: number;
  distinctClients: number;
  /** False once distinctClients is a HyperLogLog estimate (group-measures.ts). */
  distinctClientsExact: boolean;
  /** time-taken in ms; null when no record of the group logged it. */
  latency: LatencySummary | null;
}

function typedValue(dimension: string, text: string): string | number | null {
  if (text === '') return null;
  if (DIMENSIONS[dimension]?.numeric) return Number(text);
  if (dimension.startsWith('time:')) return toIso(Number(text));
  return text;
}

/** The groups of a report grouped with `by`, largest count first (ties by key); empty when not grouped. */
export function groupRows(report: Report): GroupRow[] {
  const total = report.input.records - report.input.filteredOut;
  return Object.entries(report.groups)
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([key, count]) => {
      const parts = key.split(GROUP_KEY_SEPARATOR);
      const values: Record<string, string | number | null> = {};
      report.by.forEach((dimension, i) => {
        values[dimension] = typedValue(dimension, parts[i] ?? '');
      });
      return { values: values as GroupValues, count, share: shareOf(count, total), ...summariseMeasures(report.measures?.[key]) };
    });
}
