/**
 * The measures of `report --by` groups (report/group-measures.ts) computed by SQL, in the data an
 * embedded run stores, so both print the same: bytes sent are a sum; distinct clients are the
 * clients themselves (LIMIT CLIENTS_EXACT BY group), and for a group with CLIENTS_EXACT or more,
 * HyperLogLog registers built from all its distinct clients, which depend only on that set and so
 * equal an embedded run's; latency comes from a GROUP BY of the rounded time-taken values, rebuilt
 * into the same exact values or bucket counts (errors-sql.ts's latencyFromValues).
 */
import { HyperLogLog } from '../report/errors-distinct.js';
import { CLIENTS_EXACT, type GroupMeasureData } from '../report/group-measures.js';
import type { Row } from './client.js';
import { LATENCY_SQL, latencyFromValues } from './errors-sql.js';
import type { Target } from './target.js';

/** How the groups are selected: key expressions (`… AS k0, …`), their names, and how a row's first cells become a group key. */
export interface GroupsSql {
  keys: string;
  names: string;
  width: number;
  keyOf: (row: Row) => string;
  /** False for groups that are clients themselves: an embedded run records no clients for them. */
  clients?: boolean;
}

/** Rows of (group key cells, value, count) gathered per kept group. */
function perGroup(rows: Row[], groups: GroupsSql, kept: Record<string, unknown>): Map<string, Row[]> {
  const found = new Map<string, Row[]>();
  for (const row of rows) {
    const key = groups.keyOf(row);
    if (!(key in kept)) continue;
    const list = found.get(key) ?? [];
    list.push(row.slice(groups.width));
    found.set(key, list);
  }
  return found;
}

/**
 * Measures of the groups in `kept` (the groups table): `bytes` holds each group's sum of sc_bytes,
 * `from` is `FROM table WHERE filters`.
 */
export async function groupMeasuresSql(
  target: Target,
  from: string,
  groups: GroupsSql,
  kept: Record<string, number>,
  bytes: Map<string, number>,
): Promise<Record<string, GroupMeasureData>> {
  const { keys, names } = groups;
  const clientRows = `SELECT ${keys}, assumeNotNull(c_ip) AS c ${from} AND c_ip IS NOT NULL GROUP BY ${names}, c`;
  let clients =
    groups.clients === false
      ? new Map<string, Row[]>()
      : perGroup(await target.entry.query(`${clientRows} LIMIT ${CLIENTS_EXACT} BY ${names}`), groups, kept);
  const estimated = new Set([...clients].filter(([, list]) => list.length >= CLIENTS_EXACT).map(([key]) => key));
  // Only groups of CLIENTS_EXACT clients or more need them all, for their HyperLogLog registers.
  if (estimated.size > 0) clients = perGroup(await target.entry.query(clientRows), groups, kept);
  const latency = perGroup(
    await target.entry.query(`SELECT ${keys}, ${LATENCY_SQL} AS v, count() ${from} AND time_taken IS NOT NULL GROUP BY ${names}, v`),
    groups,
    kept,
  );
  const measures: Record<string, GroupMeasureData> = Object.create(null) as Record<string, GroupMeasureData>;
  for (const key of Object.keys(kept)) {
    const data: GroupMeasureData = { bytesSent: bytes.get(key) ?? 0 };
    const list = (clients.get(key) ?? []).map((r) => String(r[0]));
    if (estimated.has(key)) data.clientsHll = HyperLogLog.of(list).toBase64();
    else data.clients = list.sort();
    const values = latency.get(key);
    if (values !== undefined) data.latency = latencyFromValues(values.map((r) => [Number(r[0]), Number(r[1])]));
    measures[key] = data;
  }
  return measures;
}
