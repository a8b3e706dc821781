/**
 * The measure columns of a `report --by` table and the `--sort` orders, shared by the table view
 * and the typed rows.
 */
import type { GroupMeasures } from './group-measures.js';
import type { Cell, Column } from './table-data.js';

export const GROUP_SORTS = ['count', 'bytes', 'p95', 'p99', 'mean', 'max', 'clients'] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];

/** Every measure, for CSV and JSON: the columns never depend on the data. */
export const MEASURE_COLUMNS: readonly Column[] = [
  { name: 'bytes_sent', kind: 'integer' },
  { name: 'distinct_clients', kind: 'integer' },
  ...['latency_count', 'latency_mean_ms', 'latency_p50_ms', 'latency_p90_ms', 'latency_p95_ms', 'latency_p99_ms', 'latency_max_ms'].map(
    (name): Column => ({ name, kind: 'number' }),
  ),
];

/** What a terminal table has room for beside the dimensions and the meaning. */
export const COMPACT_MEASURE_COLUMNS: readonly Column[] = [
  { name: 'bytes_sent', kind: 'integer' },
  { name: 'clients', kind: 'text' },
  ...['p50_ms', 'p95_ms', 'p99_ms', 'max_ms'].map((name): Column => ({ name, kind: 'number' })),
];

function measureCell(name: string, m: GroupMeasures): Cell {
  const l = m.latency;
  switch (name) {
    case 'bytes_sent':
      return m.bytesSent;
    case 'distinct_clients':
      return m.distinctClients;
    // An estimate is marked on a terminal as the errors table marks it.
    case 'clients':
      return `${m.distinctClientsExact ? '' : '~'}${m.distinctClients}`;
    case 'latency_count':
      return l?.count ?? null;
    case 'latency_mean_ms':
      return l?.mean ?? null;
    case 'latency_p50_ms':
    case 'p50_ms':
      return l?.p50 ?? null;
    case 'latency_p90_ms':
      return l?.p90 ?? null;
    case 'latency_p95_ms':
    case 'p95_ms':
      return l?.p95 ?? null;
    case 'latency_p99_ms':
    case 'p99_ms':
      return l?.p99 ?? null;
    default:
      return l?.max ?? null;
  }
}

export const measureCells = (m: GroupMeasures, columns: readonly Column[]): Cell[] => columns.map((c) => measureCell(c.name, m));

/** The value `--sort` orders by, largest first; a group without latency sorts after every timed one. */
export function groupSortValue(sort: GroupSort, count: number, m: GroupMeasures): number {
  switch (sort) {
    case 'count':
      return count;
    case 'bytes':
      return m.bytesSent;
    case 'clients':
      return m.distinctClients;
    default:
      return m.latency === null ? -1 : m.latency[sort];
  }
}
