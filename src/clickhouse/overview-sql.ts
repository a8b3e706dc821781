/**
 * `report --overview` (report/overview.ts) computed by SQL: top URIs and top clients with their
 * measures (group-measures-sql.ts), and requests by bot or not. The bot test is logtally's own
 * (isBotAgent, a JavaScript pattern ClickHouse's RE2 cannot run), applied to a GROUP BY of the
 * user agents: one row per distinct agent comes back.
 */
import { isBotAgent } from '../filter/noise.js';
import type { GroupMeasureData } from '../report/group-measures.js';
import type { MeasuredTable, Overview } from '../report/overview.js';
import type { Row } from './client.js';
import { groupMeasuresSql } from './group-measures-sql.js';
import type { Target } from './target.js';

/** Rows of a key then the count, the table cut at `maxKeys` with the largest count left out as its bound. */
function cut(rows: Row[], maxKeys: number): { counts: Record<string, number>; maxError: number } {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const row of rows.slice(0, maxKeys)) counts[String(row[0])] = Number(row[2]);
  return { counts, maxError: rows.length > maxKeys ? Number(rows[maxKeys]![2]) : 0 };
}

async function measuredTable(target: Target, table: string, where: string, column: string, maxKeys: number): Promise<MeasuredTable> {
  const from = `FROM ${table} WHERE (${where}) AND ${column} IS NOT NULL`;
  const key = `assumeNotNull(${column}) AS k0`;
  const rows = await target.entry.query(
    `SELECT ${key}, sum(ifNull(sc_bytes, 0)), count() AS n ${from} GROUP BY k0 ORDER BY n DESC, k0 LIMIT ${maxKeys + 1}`,
  );
  const { counts, maxError } = cut(rows, maxKeys);
  const bytes = new Map(rows.map((r) => [String(r[0]), Number(r[1])]));
  const groups = { keys: key, names: 'k0', width: 1, keyOf: (r: Row) => String(r[0]), clients: column !== 'c_ip' };
  return { counts, maxError, measures: await groupMeasuresSql(target, from, groups, counts, bytes) };
}

export async function overviewSql(target: Target, table: string, where: string, maxKeys: number): Promise<Overview> {
  const bots = { yes: 0, no: 0, unknown: 0 };
  for (const [agent, n] of await target.entry.query(`SELECT cs_user_agent, count() FROM ${table} WHERE ${where} GROUP BY cs_user_agent`)) {
    if (agent === null) bots.unknown += Number(n);
    else if (isBotAgent(String(agent))) bots.yes += Number(n);
    else bots.no += Number(n);
  }
  return {
    uris: await measuredTable(target, table, where, 'coalesce(cs_uri_stem, cs_uri)', maxKeys),
    clients: await measuredTable(target, table, where, 'c_ip', maxKeys),
    bots,
  };
}

/**
 * The default report's lean overview from the full one: what OverviewRecorder gathers for it, no
 * distinct clients per URI and no latency per client. SQL counts every row, so it has no sample.
 */
export function leanOverview(full: Overview): Overview {
  const strip = (table: MeasuredTable, keepLatency: boolean): MeasuredTable => {
    const measures: Record<string, GroupMeasureData> = Object.create(null) as Record<string, GroupMeasureData>;
    for (const [key, data] of Object.entries(table.measures)) {
      const lean: GroupMeasureData = { bytesSent: data.bytesSent, clients: [] };
      if (keepLatency && data.latency !== undefined) lean.latency = data.latency;
      measures[key] = lean;
    }
    return { ...table, measures };
  };
  return { uris: strip(full.uris, true), clients: strip(full.clients, false), bots: full.bots, depth: 'lean' };
}
