/**
 * The errors report (report/errors-report.ts's ErrorsReport) computed by SQL on `requests`, in the
 * shape ErrorsBuilder makes. Counts, first/last seen, bytes, URIs and clients (up to EXACT_LIMIT
 * per group) are exact. Latency comes from a GROUP BY of each group's rounded time-taken values,
 * from which the same exact values (under 256) or the same bucket counts are built as in an
 * embedded run. The example is the group's first row by file name, then line: an embedded run's
 * too when its files are read in name order (a folder is).
 */
import type { FilterSpec } from '../filter/filters.js';
import { codeKey } from '../report/dimensions.js';
import { HyperLogLog } from '../report/errors-distinct.js';
import { EXACT_LIMIT, type ErrorGroupData, type ErrorsReport } from '../report/errors-report.js';
import { bucketsOfValues, encodeBuckets } from '../report/latency-buckets.js';
import { RAW_VALUES, type LatencyData } from '../report/latency.js';
import { GROUP_KEY_SEPARATOR, PARTIAL_VERSION } from '../report/report.js';
import { sqlString, type Row } from './client.js';
import { resolvedFilterSql } from './filter-sql.js';
import { boundedTable, inputFromTable } from './report-sql.js';
import { TIME_MS_SQL } from './schema.js';
import { requestsTable, type Target } from './target.js';

/** time-taken rounded as report/latency.ts records it. */
export const LATENCY_SQL = 'toUInt64(floor(greatest(assumeNotNull(time_taken), 0) + 0.5))';
const GROUP_COLUMNS = 'b, sc_status, sc_substatus, sc_win32_status, s_reason';

const bucket = (intervalMs: number): string =>
  intervalMs > 0 ? `ifNull(toString(intDiv(${TIME_MS_SQL}, ${intervalMs}) * ${intervalMs}), '')` : "''";

const groupKey = (row: Row): string => {
  const part = (cell: unknown): number | undefined => (cell === null ? undefined : Number(cell));
  return `${String(row[0])}${GROUP_KEY_SEPARATOR}${codeKey(part(row[1]), part(row[2]), part(row[3]))}${GROUP_KEY_SEPARATOR}${row[4] ?? ''}`;
};

/** Latency data from (value, how many) pairs: the same exact values or bucket counts an embedded run makes. */
export function latencyFromValues(values: [number, number][]): LatencyData {
  let count = 0;
  let sum = 0;
  let max = 0;
  for (const [v, n] of values) {
    count += n;
    sum += v * n;
    if (v > max) max = v;
  }
  values.sort((a, b) => a[0] - b[0]);
  if (count < RAW_VALUES) return { count, sum, max, values: values.flatMap(([v, n]) => new Array<number>(n).fill(v)) };
  return { count, sum, max, buckets: encodeBuckets(bucketsOfValues(values)) };
}

export interface ClickHouseErrorsOptions {
  intervalMs?: number;
  filter?: FilterSpec;
}

export async function clickHouseErrors(target: Target, options: ClickHouseErrorsOptions = {}): Promise<ErrorsReport> {
  const intervalMs = options.intervalMs ?? 0;
  const table = requestsTable(target);
  const { all, scope } = await resolvedFilterSql(target, options.filter);
  const input = await inputFromTable(target, all);
  const requests: Record<string, number> = {};
  for (const [key, n] of await target.entry.query(`SELECT ${bucket(intervalMs)} AS b, count() FROM ${table} WHERE ${scope} GROUP BY b`))
    requests[String(key)] = Number(n);
  const errors = `FROM ${table} WHERE (${all}) AND (sc_status >= 400 OR s_reason IS NOT NULL)`;
  const by = `GROUP BY ${GROUP_COLUMNS}`;
  const select = (columns: string): Promise<Row[]> =>
    target.entry.query(`SELECT ${bucket(intervalMs)} AS b, sc_status, sc_substatus, sc_win32_status, s_reason, ${columns}`);
  const rows = await select(
    `count(), min(${TIME_MS_SQL}), max(${TIME_MS_SQL}), sum(ifNull(sc_bytes, 0)), sum(ifNull(cs_bytes, 0)), min((file, line)) ${errors} ${by}`,
  );
  const groups: Record<string, ErrorGroupData> = {};
  for (const row of rows) {
    const [b, status, substatus, win32, reason, count, first, last, sent, received, example] = row;
    const group: ErrorGroupData = {
      count: Number(count),
      bytesSent: Number(sent),
      bytesReceived: Number(received),
      uris: {},
      urisMaxError: 0,
      clients: {},
      clientsMaxError: 0,
      example: { file: String((example as unknown[])[0]), line: Number((example as unknown[])[1]) },
    };
    if (b !== '') group.time = Number(b);
    if (status !== null) group.status = Number(status);
    if (substatus !== null) group.substatus = Number(substatus);
    if (win32 !== null) group.win32 = Number(win32);
    if (reason !== null) group.reason = String(reason);
    if (first !== null) group.firstSeen = Number(first);
    if (last !== null) group.lastSeen = Number(last);
    groups[groupKey(row)] = { ...identityFirst(group) };
  }
  await addTopTables(select, errors, by, groups);
  await addDistinctClients(target, intervalMs, errors, groups);
  await addLatency(select, errors, groups);
  return { logtally: 'errors', version: PARTIAL_VERSION, input, intervalMs, requests, groups };
}

/** Keys in ErrorsBuilder's order (identity first), so JSON of a partial report reads the same. */
function identityFirst(group: ErrorGroupData): ErrorGroupData {
  const { time, status, substatus, win32, reason, ...rest } = group;
  const identity: Partial<ErrorGroupData> = {};
  if (time !== undefined) identity.time = time;
  if (status !== undefined) identity.status = status;
  if (substatus !== undefined) identity.substatus = substatus;
  if (win32 !== undefined) identity.win32 = win32;
  if (reason !== undefined) identity.reason = reason;
  return { ...identity, ...rest } as ErrorGroupData;
}

/** URIs and clients per group: counts of up to EXACT_LIMIT keys, the largest count left out as the bound. */
async function addTopTables(
  select: (columns: string) => Promise<Row[]>,
  errors: string,
  by: string,
  groups: Record<string, ErrorGroupData>,
) {
  for (const [name, column] of [
    ['uris', 'coalesce(cs_uri_stem, cs_uri)'],
    ['clients', 'c_ip'],
  ] as const) {
    const rows = await select(
      `assumeNotNull(${column}) AS k, count() AS n ${errors} AND ${column} IS NOT NULL ${by}, k ORDER BY n DESC, k LIMIT ${EXACT_LIMIT + 1} BY ${GROUP_COLUMNS}`,
    );
    const perGroup = new Map<string, Row[]>();
    for (const row of rows) {
      const key = groupKey(row);
      const list = perGroup.get(key) ?? [];
      list.push(row.slice(5));
      perGroup.set(key, list);
    }
    for (const [key, list] of perGroup) {
      const table = boundedTable(list, (r) => String(r[0]), EXACT_LIMIT);
      const group = groups[key]!;
      group[name] = table.counts;
      group[name === 'uris' ? 'urisMaxError' : 'clientsMaxError'] = table.maxError;
    }
  }
}

/** A group with more than EXACT_LIMIT clients gets HyperLogLog registers from all its distinct clients, as an embedded run's. */
async function addDistinctClients(target: Target, intervalMs: number, errors: string, groups: Record<string, ErrorGroupData>) {
  for (const group of Object.values(groups)) {
    if (group.clientsMaxError === 0) continue;
    const same = (column: string, value: unknown) =>
      value === undefined ? `${column} IS NULL` : `${column} = ${typeof value === 'string' ? sqlString(value) : value}`;
    const conditions = [
      `${bucket(intervalMs)} = ${sqlString(group.time === undefined ? '' : String(group.time))}`,
      same('sc_status', group.status),
      same('sc_substatus', group.substatus),
      same('sc_win32_status', group.win32),
      same('s_reason', group.reason),
    ];
    const rows = await target.entry.query(
      `SELECT DISTINCT assumeNotNull(c_ip) ${errors} AND c_ip IS NOT NULL AND ${conditions.join(' AND ')}`,
    );
    group.clientsHll = HyperLogLog.of(rows.map((r) => String(r[0]))).toBase64();
  }
}

async function addLatency(select: (columns: string) => Promise<Row[]>, errors: string, groups: Record<string, ErrorGroupData>) {
  const rows = await select(`${LATENCY_SQL} AS v, count() ${errors} AND time_taken IS NOT NULL ${GROUP_BY_VALUE}`);
  const values = new Map<string, [number, number][]>();
  for (const row of rows) {
    const key = groupKey(row);
    const list = values.get(key) ?? [];
    list.push([Number(row[5]), Number(row[6])]);
    values.set(key, list);
  }
  for (const [key, list] of values) groups[key]!.latency = latencyFromValues(list);
}

const GROUP_BY_VALUE = `GROUP BY ${GROUP_COLUMNS}, v`;
