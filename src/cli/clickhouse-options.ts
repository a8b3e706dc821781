/** Options shared by `load --to` and `report/errors --from`: the ClickHouse servers, database and cluster. */
import type { TargetOptions } from '../clickhouse/target.js';
import type { OptionSpec, ParsedArgs } from './command.js';
import { listOption, stringOption } from './common-options.js';

export const CLICKHOUSE_OPTIONS: OptionSpec = { from: { type: 'string' }, database: { type: 'string' }, cluster: { type: 'string' } };

export const CLICKHOUSE_HELP = `  --to URL               ClickHouse HTTP interface, e.g. http://127.0.0.1:8123; user and password
                         in the URL (http://user:pass@host:8123) or CLICKHOUSE_USER and
                         CLICKHOUSE_PASSWORD (never printed)
  --database NAME        database (default logtally)
  --cluster NAME         a remote_servers cluster: rows go to requests_local on every shard
                         through the Distributed table requests; --to lists every shard's URL,
                         comma-separated, the first one the entry server`;

export const FROM_HELP = `ClickHouse (the report is computed there by SQL, from rows \`logtally load\` stored):
  --from URL             ClickHouse HTTP interface instead of PATH...; credentials as for load
  --database NAME        database (default logtally)
  --cluster NAME         read the Distributed table over the cluster's shards`;

/** The --to or --from servers, database and cluster, with credentials from the environment as a fallback. */
export function clickHouseOptions(args: ParsedArgs, env: Record<string, string | undefined>, option: 'to' | 'from'): TargetOptions {
  return {
    urls: listOption(args, option),
    database: stringOption(args, 'database'),
    cluster: stringOption(args, 'cluster'),
    credentials: { user: env.CLICKHOUSE_USER, password: env.CLICKHOUSE_PASSWORD },
  };
}
