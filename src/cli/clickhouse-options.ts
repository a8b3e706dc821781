/** Options shared by `load --to` and `report/errors --from`: the ClickHouse servers, database and cluster. */
// The ClickHouse modules load only when --from is given: every other run starts without them.
import type { Target, TargetOptions } from '../clickhouse/target.js';
import { LogtallyError } from '../errors/logtally-error.js';
import type { ErrorsReport } from '../report/errors-report.js';
import type { PageData } from '../report/page-data.js';
import type { Report } from '../report/report.js';
import type { CliIO, OptionSpec, ParsedArgs } from './command.js';
import { filterFromArgs, listOption, stringOption } from './common-options.js';

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

/** `--from` replaces PATH...: both at once is a mistake worth naming. */
async function readableTarget(args: ParsedArgs, env: Record<string, string | undefined>): Promise<Target> {
  if (args.positionals.length > 0)
    throw new LogtallyError('USAGE', '--from reads the ClickHouse table instead of files: give PATH... or --from, not both');
  const { checkReadable, openTarget } = await import('../clickhouse/target.js');
  const target = openTarget(clickHouseOptions(args, env, 'from'));
  await checkReadable(target);
  return target;
}

/** report --from: the Report computed by SQL. */
export async function reportFromClickHouse(args: ParsedArgs, io: CliIO, by: string[], maxKeys: number): Promise<Report> {
  const target = await readableTarget(args, io.env);
  const { clickHouseReport } = await import('../clickhouse/report-sql.js');
  return clickHouseReport(target, {
    by,
    maxKeys,
    filter: filterFromArgs(args)?.spec,
    overview: args.values.overview === true ? true : by.length === 0 ? 'lean' : false,
  });
}

/** --format html with --from: the page's data computed by SQL. */
export async function pageFromClickHouse(args: ParsedArgs, io: CliIO, intervalMs: number, maxKeys: number): Promise<PageData> {
  const target = await readableTarget(args, io.env);
  const { clickHousePage } = await import('../clickhouse/page-sql.js');
  return clickHousePage(target, { intervalMs, maxKeys, filter: filterFromArgs(args)?.spec });
}

/** errors --from: the ErrorsReport computed by SQL. */
export async function errorsFromClickHouse(args: ParsedArgs, io: CliIO, intervalMs: number): Promise<ErrorsReport> {
  const target = await readableTarget(args, io.env);
  const { clickHouseErrors } = await import('../clickhouse/errors-sql.js');
  return clickHouseErrors(target, { intervalMs, filter: filterFromArgs(args)?.spec });
}

/** Options that --from does not serve: state and follow read files. */
export function refuseBesideFrom(args: ParsedArgs): void {
  if (args.values.from === undefined) return;
  const clash = args.values.state !== undefined ? '--state' : args.values.follow === true ? '--follow' : undefined;
  if (clash !== undefined) throw new LogtallyError('USAGE', `${clash} does not work with --from yet; leave one of them out`);
}
