/**
 * Where records go and reports come from: one server, or with --cluster every shard of a
 * `remote_servers` cluster. Distributed DDL (`ON CLUSTER`) needs ZooKeeper, which a plain cluster
 * lacks, so with --cluster the loader is given each shard's HTTP URL and creates the tables on
 * each itself; the first URL is the entry server, which takes the inserts and answers reports, and
 * the cluster's first shard holds the load's ledger.
 */
import { LogtallyError } from '../errors/logtally-error.js';
import { ClickHouseClient, sqlName, sqlString, type Credentials } from './client.js';
import { distributedTable, FILES_COLUMNS, filesTable, LEDGER_COLUMNS, ledgerTable, mergeTreeTable, REQUEST_COLUMNS } from './schema.js';

export const DEFAULT_DATABASE = 'logtally';

export interface Target {
  /** The first URL: queries and inserts go here. */
  entry: ClickHouseClient;
  /**
   * Where the load's ledger lives: the entry server alone, or the cluster's first shard, whichever
   * URL comes first, so every load of a cluster finds the same ledger.
   */
  ledger: ClickHouseClient;
  /** Every server given: one, or each shard of the cluster. */
  servers: readonly ClickHouseClient[];
  database: string;
  cluster?: string;
}

export interface TargetOptions {
  urls: readonly string[];
  database?: string;
  cluster?: string;
  credentials?: Credentials;
}

export function openTarget(options: TargetOptions): Target {
  if (options.urls.length === 0) throw new LogtallyError('USAGE', 'no ClickHouse URL: give one, e.g. http://127.0.0.1:8123');
  const servers = options.urls.map((url) => new ClickHouseClient(url, options.credentials));
  const database = options.database ?? DEFAULT_DATABASE;
  sqlName(database);
  if (options.cluster !== undefined) sqlName(options.cluster);
  else if (servers.length > 1)
    throw new LogtallyError('USAGE', 'several ClickHouse URLs need --cluster NAME (the remote_servers cluster they are the shards of)');
  return { entry: servers[0]!, ledger: servers[0]!, servers, database, cluster: options.cluster };
}

const db = (target: Target): string => sqlName(target.database);
/** The table reports read and loads write: the Distributed table with --cluster. */
export const requestsTable = (target: Target): string => `${db(target)}.requests`;
/** The table that holds the rows on each server. */
export const localRequestsTable = (target: Target): string => `${db(target)}.${target.cluster ? 'requests_local' : 'requests'}`;
export const ledgerTableName = (target: Target): string => `${db(target)}.load_progress`;
export const filesTableName = (target: Target): string => `${db(target)}.load_files`;

/** With --cluster: the cluster exists on the entry server, and every URL is one of its shards, each once. */
export async function checkCluster(target: Target, forLoad: boolean): Promise<void> {
  if (target.cluster === undefined) return;
  const [row] = await target.entry.query(
    `SELECT count(), uniqExact(shard_num) FROM system.clusters WHERE cluster = ${sqlString(target.cluster)}`,
  );
  const shards = Number(row?.[1] ?? 0);
  if (shards === 0)
    throw new LogtallyError('USAGE', `ClickHouse at ${target.entry.name} has no cluster "${target.cluster}" in remote_servers`);
  if (!forLoad) return;
  if (target.servers.length !== shards)
    throw new LogtallyError(
      'USAGE',
      `cluster "${target.cluster}" has ${shards} shards: give each shard's HTTP URL to --to, comma-separated (tables are created on each; ON CLUSTER would need ZooKeeper)`,
    );
  const seen = new Set<number>();
  for (const server of target.servers) {
    const local = await server.query(`SELECT shard_num FROM system.clusters WHERE cluster = ${sqlString(target.cluster)} AND is_local = 1`);
    const shard = Number(local[0]?.[0] ?? 0);
    if (shard === 1) target.ledger = server;
    if (shard === 0 || seen.has(shard))
      throw new LogtallyError(
        'USAGE',
        `ClickHouse at ${server.name} is not ${shard === 0 ? 'a' : 'another'} shard of cluster "${target.cluster}"`,
      );
    seen.add(shard);
  }
}

type Columns = readonly (readonly [string, string])[];

/**
 * Refuses a table that exists with other columns or another engine: loading into it would fail
 * row by row or, worse, put values in the wrong columns.
 */
async function checkExisting(
  server: ClickHouseClient,
  database: string,
  table: string,
  columns: Columns,
  engine: string,
): Promise<boolean> {
  const found = await server.query(
    `SELECT engine FROM system.tables WHERE database = ${sqlString(database)} AND name = ${sqlString(table)}`,
  );
  if (found.length === 0) return false;
  const where = `${database}.${table} on ${server.name}`;
  if (found[0]![0] !== engine)
    throw new LogtallyError(
      'USAGE',
      `${where} is a ${String(found[0]![0])} table; logtally needs ${engine} here (use another --database, or drop it)`,
    );
  const actual = await server.query(
    `SELECT name, type FROM system.columns WHERE database = ${sqlString(database)} AND table = ${sqlString(table)}`,
  );
  const types = new Map(actual.map((r) => [String(r[0]), String(r[1])]));
  for (const [name, type] of columns) {
    const has = types.get(name);
    if (has !== type)
      throw new LogtallyError(
        'USAGE',
        `${where} has an incompatible schema: column ${name} is ${has ?? 'missing'}, logtally needs ${type} (use another --database, or drop the table)`,
      );
  }
  return true;
}

/** Creates the database and tables that are missing, on every server; refuses incompatible ones. */
export async function ensureTables(target: Target): Promise<void> {
  const { database, cluster } = target;
  for (const server of target.servers) {
    await server.execute(`CREATE DATABASE IF NOT EXISTS ${db(target)}`);
    if (cluster === undefined) {
      if (!(await checkExisting(server, database, 'requests', REQUEST_COLUMNS, 'MergeTree')))
        await server.execute(mergeTreeTable(requestsTable(target)));
    } else {
      if (!(await checkExisting(server, database, 'requests_local', REQUEST_COLUMNS, 'MergeTree')))
        await server.execute(mergeTreeTable(localRequestsTable(target)));
      if (!(await checkExisting(server, database, 'requests', REQUEST_COLUMNS, 'Distributed')))
        await server.execute(distributedTable(requestsTable(target), sqlName(cluster), db(target), 'requests_local'));
    }
  }
  if (!(await checkExisting(target.ledger, database, 'load_progress', LEDGER_COLUMNS, 'MergeTree')))
    await target.ledger.execute(ledgerTable(ledgerTableName(target)));
  if (!(await checkExisting(target.ledger, database, 'load_files', FILES_COLUMNS, 'MergeTree')))
    await target.ledger.execute(filesTable(filesTableName(target)));
}

/** Before a report: the table exists where reports read it. */
export async function checkReadable(target: Target): Promise<void> {
  await checkCluster(target, false);
  const engine = target.cluster === undefined ? 'MergeTree' : 'Distributed';
  if (!(await checkExisting(target.entry, target.database, 'requests', REQUEST_COLUMNS, engine)))
    throw new LogtallyError(
      'USAGE',
      `ClickHouse at ${target.entry.name} has no table ${target.database}.requests: load logs first (logtally load PATH --to URL)`,
    );
}
