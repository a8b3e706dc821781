/**
 * The `requests` table: one row per record, typed columns for the standard W3C fields under SQL-
 * friendly names (`cs(User-Agent)` is cs_user_agent), and the record's origin. One schema for
 * ClickHouse 18.16 and current releases: no DateTime64, no Map, no LowCardinality. The time is a
 * DateTime (seconds, UTC) plus a milliseconds column; custom fields are two parallel arrays.
 */

export type ColumnKind = 'string' | 'integer' | 'float';

export interface FieldColumn {
  /** SQL column name. */
  column: string;
  /** The record field (W3C name) it holds. */
  field: string;
  type: string;
  kind: ColumnKind;
  /** For integers: the largest value the type holds; larger values go to the custom arrays. */
  max?: number;
}

const str = (column: string, field: string): FieldColumn => ({ column, field, type: 'Nullable(String)', kind: 'string' });
const int = (column: string, field: string, type: string, max: number): FieldColumn => ({
  column,
  field,
  type: `Nullable(${type})`,
  kind: 'integer',
  max,
});

/** Standard fields, in table order (after timestamp and timestamp_ms). */
export const FIELD_COLUMNS: readonly FieldColumn[] = [
  str('c_ip', 'c-ip'),
  int('c_port', 'c-port', 'UInt16', 65_535),
  str('s_ip', 's-ip'),
  int('s_port', 's-port', 'UInt16', 65_535),
  str('cs_method', 'cs-method'),
  str('cs_uri_stem', 'cs-uri-stem'),
  str('cs_uri_query', 'cs-uri-query'),
  str('cs_uri', 'cs-uri'),
  str('cs_version', 'cs-version'),
  int('sc_status', 'sc-status', 'UInt16', 65_535),
  int('sc_substatus', 'sc-substatus', 'UInt64', Number.MAX_SAFE_INTEGER),
  int('sc_win32_status', 'sc-win32-status', 'UInt64', Number.MAX_SAFE_INTEGER),
  int('sc_bytes', 'sc-bytes', 'UInt64', Number.MAX_SAFE_INTEGER),
  int('cs_bytes', 'cs-bytes', 'UInt64', Number.MAX_SAFE_INTEGER),
  { column: 'time_taken', field: 'time-taken', type: 'Nullable(Float64)', kind: 'float' },
  str('cs_user_agent', 'cs(User-Agent)'),
  str('cs_referer', 'cs(Referer)'),
  str('cs_cookie', 'cs(Cookie)'),
  str('cs_username', 'cs-username'),
  str('cs_host', 'cs-host'),
  str('s_sitename', 's-sitename'),
  str('s_siteid', 's-siteid'),
  str('s_computername', 's-computername'),
  str('s_reason', 's-reason'),
  str('s_queuename', 's-queuename'),
];

export const FIELD_OF_COLUMN: ReadonlyMap<string, FieldColumn> = new Map(FIELD_COLUMNS.map((c) => [c.field, c]));

/** Every column in table order, with its type. */
export const REQUEST_COLUMNS: readonly (readonly [string, string])[] = [
  ['timestamp', 'DateTime'],
  ['timestamp_ms', 'UInt16'],
  ...FIELD_COLUMNS.map((c) => [c.column, c.type] as const),
  ['custom_keys', 'Array(String)'],
  ['custom_values', 'Array(String)'],
  ['file', 'String'],
  ['line', 'UInt64'],
  ['format', 'String'],
  ['site_folder', 'String'],
];

const columnList = (): string => REQUEST_COLUMNS.map(([name, type]) => `  ${name} ${type}`).join(',\n');

/**
 * Partitioned by month (whole months drop with ALTER … DROP PARTITION); ordered by time first, as
 * dashboards and --since/--until read time ranges, then file and line, which also makes the
 * loader's per-file checks read adjacent rows.
 */
export const mergeTreeTable = (table: string): string =>
  `CREATE TABLE IF NOT EXISTS ${table} (\n${columnList()}\n) ENGINE = MergeTree PARTITION BY toYYYYMM(timestamp) ORDER BY (timestamp, file, line)`;

/** Rows spread evenly over the shards by a hash of where they came from. */
export const distributedTable = (table: string, cluster: string, database: string, local: string): string =>
  `CREATE TABLE IF NOT EXISTS ${table} (\n${columnList()}\n) ENGINE = Distributed(${cluster}, ${database}, ${local}, cityHash64(file, line))`;

/**
 * The loader's ledger: after a batch's rows are stored, one row per file of the batch says which
 * lines are now committed. Rows of a file beyond its largest committed line are leftovers of a load
 * that was stopped between the two writes, and are deleted before the next load (see load.ts).
 */
export const LEDGER_COLUMNS: readonly (readonly [string, string])[] = [
  ['file', 'String'],
  ['first_line', 'UInt64'],
  ['last_line', 'UInt64'],
  ['rows', 'UInt64'],
  ['load_id', 'String'],
  ['loaded_at', 'DateTime'],
];

export const ledgerTable = (table: string): string =>
  `CREATE TABLE IF NOT EXISTS ${table} (\n${LEDGER_COLUMNS.map(([n, t]) => `  ${n} ${t}`).join(',\n')}\n) ENGINE = MergeTree ORDER BY (file, last_line)`;

/**
 * Files read to their end, with their size and modification time when that read began: a later
 * load skips a file that still has both, instead of decoding it again only to skip its lines.
 * Purely a shortcut: what is committed is the ledger's business.
 */
export const FILES_COLUMNS: readonly (readonly [string, string])[] = [
  ['file', 'String'],
  ['bytes', 'UInt64'],
  ['mtime_ms', 'UInt64'],
  ['last_line', 'UInt64'],
  ['loaded_at', 'DateTime'],
];

export const filesTable = (table: string): string =>
  `CREATE TABLE IF NOT EXISTS ${table} (\n${FILES_COLUMNS.map(([n, t]) => `  ${n} ${t}`).join(',\n')}\n) ENGINE = MergeTree ORDER BY file`;

/** The millisecond time of a row, or NULL when the log gave none (timestamp 0). */
export const TIME_MS_SQL = 'if(toUInt32(timestamp) = 0, NULL, toUInt64(toUInt32(timestamp)) * 1000 + timestamp_ms)';
