/**
 * The default report (report/report.ts's Report) computed by SQL on `requests`: the same data
 * shape ReportBuilder makes, so logtally's renderers print it unchanged. Counts are exact
 * (count() per GROUP BY); a table is cut at --max-keys rows by count, the cut marked approximate
 * with the largest count left out as its bound.
 */
import type { FilterSpec } from '../filter/filters.js';
import { toIso } from '../../parsers/time.js';
import { emptyInputSummary, noteTimeRange, type InputSummary } from '../scan/input-summary.js';
import { codeKey, isTimeDimension } from '../report/dimensions.js';
import { resolveDimensions } from '../report/report-builder.js';
import { emptyReport, GROUP_KEY_SEPARATOR, setBoundedTable, type Report } from '../report/report.js';
import { parseInterval } from '../report/time-series.js';
import { DEFAULT_MAX_KEYS, type BoundedTable } from '../report/top-k.js';
import { LogtallyError } from '../errors/logtally-error.js';
import { sqlString, type Row } from './client.js';
import { botAgentsOf, caseInsensitive, resolvedFilterSql } from './filter-sql.js';
import { PROBE_KINDS, PROBE_PATTERN_SOURCES } from '../filter/noise.js';
import { SITE_FOLDER_PATTERN, WEEKDAYS } from '../report/more-dimensions.js';
import { groupMeasuresSql } from './group-measures-sql.js';
import { leanOverview, overviewSql } from './overview-sql.js';
import { TIME_MS_SQL } from './schema.js';
import { requestsTable, type Target } from './target.js';

const text = (column: string): string => `ifNull(${column}, '')`;
const number = (column: string): string => `ifNull(toString(${column}), '')`;
const SECONDS = 'toUInt32(timestamp)';

/** SQL for a dimension's raw value, and how a result cell becomes the key Dimension.key gives. */
interface DimensionSql {
  sql: string;
  key: (cell: unknown) => string;
}

const asText = (sql: string): DimensionSql => ({ sql, key: (cell) => String(cell) });

/** Epoch seconds of a day or hour start, or -1 without a time, formatted as dimensions.ts does. */
const timeStart = (seconds: number, format: (iso: string) => string): DimensionSql => ({
  sql: `if(${SECONDS} = 0, toInt64(-1), toInt64(intDiv(${SECONDS}, ${seconds}) * ${seconds}))`,
  key: (cell) => (Number(cell) < 0 ? '' : format(toIso(Number(cell) * 1000))),
});

const CLASS_SQL = `multiIf(sc_status IS NULL OR sc_status < 100 OR sc_status > 599, 'other', concat(toString(intDiv(assumeNotNull(sc_status), 100)), 'xx'))`;

const DIMENSION_SQL: Record<string, DimensionSql> = {
  status: asText(number('sc_status')),
  substatus: asText(number('sc_substatus')),
  win32: asText(number('sc_win32_status')),
  code: {
    sql: `[${number('sc_status')}, ${number('sc_substatus')}, ${number('sc_win32_status')}]`,
    key: (cell) => {
      const [s, sub, w] = (cell as string[]).map((p) => (p === '' ? undefined : Number(p)));
      return codeKey(s, sub, w);
    },
  },
  class: asText(CLASS_SQL),
  method: asText(text('cs_method')),
  uri: asText(text('coalesce(cs_uri_stem, cs_uri)')),
  host: asText(text('cs_host')),
  site: asText(text('coalesce(s_sitename, s_siteid)')),
  client: asText(text('c_ip')),
  user: asText(text('cs_username')),
  agent: asText(text('cs_user_agent')),
  referer: asText(text('cs_referer')),
  reason: asText(text('s_reason')),
  day: timeStart(86_400, (iso) => iso.slice(0, 10)),
  hour: timeStart(3_600, (iso) => iso),
  // As more-dimensions.ts: the UTC hour and weekday of the record's time (1970-01-01 was a Thursday).
  'hour-of-day': asText(`ifNull(toString(intDiv(${TIME_MS_SQL} % 86400000, 3600000)), '')`),
  weekday: asText(
    `ifNull(arrayElement([${WEEKDAYS.map(sqlString).join(', ')}], toUInt32((intDiv(${TIME_MS_SQL}, 86400000) + 3) % 7) + 1), '')`,
  ),
  file: asText('file'),
  'site-folder': asText(`upper(extract(file, ${sqlString(SITE_FOLDER_PATTERN)}))`),
  probe: asText(
    `if(coalesce(cs_uri_stem, cs_uri) IS NULL, '', multiIf(${PROBE_KINDS.map((kind, i) => `match(assumeNotNull(coalesce(cs_uri_stem, cs_uri)), ${sqlString(caseInsensitive(PROBE_PATTERN_SOURCES[i]!))}), ${sqlString(kind)}`).join(', ')}, 'no'))`,
  ),
};

/** `bot`, from the stored agents isbot names (filter-sql.ts botAgents): yes, no, or '' without an agent. */
const botDimension = (botAgents: readonly string[]): DimensionSql =>
  asText(
    `if(cs_user_agent IS NULL, '', if(${botAgents.length === 0 ? '0' : `assumeNotNull(cs_user_agent) IN (${botAgents.map(sqlString).join(', ')})`}, 'yes', 'no'))`,
  );

/** The UTC bucket start in epoch ms, as the time dimension's key; '' without a time. */
export function bucketSql(intervalMs: number): DimensionSql {
  return {
    sql: `ifNull(toString(intDiv(${TIME_MS_SQL}, ${intervalMs}) * ${intervalMs}), '')`,
    key: (cell) => String(cell),
  };
}

function dimensionSql(name: string, botAgents: readonly string[] | undefined): DimensionSql {
  if (isTimeDimension(name)) return bucketSql(parseInterval(name.slice(name.indexOf(':') + 1)));
  if (name === 'bot' && botAgents !== undefined) return botDimension(botAgents);
  const found = DIMENSION_SQL[name];
  if (!found) throw new LogtallyError('USAGE', `--by ${name} is not available with --from`);
  return found;
}

/** Rows of key columns then a count, ordered by count; more than `maxKeys` rows make the table approximate. */
export function boundedTable(rows: Row[], keyOf: (row: Row) => string, maxKeys: number): BoundedTable {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  const kept = rows.slice(0, maxKeys);
  for (const row of kept) counts[keyOf(row)] = (counts[keyOf(row)] ?? 0) + Number(row[row.length - 1]);
  return { counts, maxError: rows.length > maxKeys ? Number(rows[maxKeys]![rows[maxKeys]!.length - 1]) : 0 };
}

export interface ClickHouseReportOptions {
  by?: readonly string[];
  filter?: FilterSpec;
  maxKeys?: number;
  /** Top URIs and clients with their measures, and bots (overview-sql.ts): true for the full one, `lean` for the default report's. */
  overview?: boolean | 'lean';
}

/** Input accounting from what the table holds: files, records and records per format; filteredOut as the filters give it. */
export async function inputFromTable(target: Target, where: string): Promise<InputSummary> {
  const table = requestsTable(target);
  const input = emptyInputSummary();
  const [totals] = await target.entry.query(`SELECT count(), uniqExact(file), countIf(${where}) FROM ${table}`);
  input.records = Number(totals?.[0] ?? 0);
  input.lines = input.records;
  input.files = Number(totals?.[1] ?? 0);
  input.filteredOut = input.records - Number(totals?.[2] ?? 0);
  for (const [format, n] of await target.entry.query(`SELECT format, count() FROM ${table} GROUP BY format ORDER BY format`))
    input.formats[String(format)] = Number(n);
  // The span of every stored record with a time, before filters, as a scan notes it.
  const [span] = await target.entry.query(
    `SELECT count(), min(t), max(t) FROM (SELECT ${TIME_MS_SQL} AS t FROM ${table}) WHERE t IS NOT NULL`,
  );
  if (Number(span?.[0] ?? 0) > 0) noteTimeRange(input, Number(span![1]), Number(span![2]));
  input.notes.push(
    `read from ClickHouse ${target.entry.name}, table ${table}: lines, directives, blank and rejected lines are not stored there`,
  );
  return input;
}

export async function clickHouseReport(target: Target, options: ClickHouseReportOptions = {}): Promise<Report> {
  const by = options.by ?? [];
  resolveDimensions(by);
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const table = requestsTable(target);
  const where = (await resolvedFilterSql(target, options.filter)).all;
  const report = emptyReport(by);
  report.input = await inputFromTable(target, where);
  for (const [name, n] of await target.entry.query(`SELECT ${CLASS_SQL} AS c, count() FROM ${table} WHERE ${where} GROUP BY c`))
    report.classes[String(name)] = Number(n);
  const codes = await target.entry.query(
    `SELECT sc_status, sc_substatus, sc_win32_status, count() AS n FROM ${table} WHERE ${where} GROUP BY sc_status, sc_substatus, sc_win32_status ORDER BY n DESC, sc_status, sc_substatus, sc_win32_status LIMIT ${maxKeys + 1}`,
  );
  const part = (cell: unknown): number | undefined => (cell === null ? undefined : Number(cell));
  setBoundedTable(
    report,
    'codes',
    boundedTable(codes, (r) => codeKey(part(r[0]), part(r[1]), part(r[2])), maxKeys),
  );
  const uri = 'coalesce(cs_uri_stem, cs_uri)';
  const uris = await target.entry.query(
    `SELECT assumeNotNull(${uri}) AS u, count() AS n FROM ${table} WHERE (${where}) AND sc_status >= 400 AND ${uri} IS NOT NULL GROUP BY u ORDER BY n DESC, u LIMIT ${maxKeys + 1}`,
  );
  setBoundedTable(
    report,
    'errorUris',
    boundedTable(uris, (r) => String(r[0]), maxKeys),
  );
  if (by.length > 0) {
    const botAgents = by.includes('bot') ? await botAgentsOf(target) : undefined;
    const dims = by.map((name) => dimensionSql(name, botAgents));
    const keys = dims.map((d, i) => `${d.sql} AS k${i}`).join(', ');
    const names = dims.map((_, i) => `k${i}`).join(', ');
    const groups = await target.entry.query(
      `SELECT ${keys}, sum(ifNull(sc_bytes, 0)), count() AS n FROM ${table} WHERE ${where} GROUP BY ${names} ORDER BY n DESC, ${names} LIMIT ${maxKeys + 1}`,
    );
    const keyOf = (r: Row): string => dims.map((d, i) => d.key(r[i])).join(GROUP_KEY_SEPARATOR);
    const kept = boundedTable(groups, keyOf, maxKeys);
    setBoundedTable(report, 'groups', kept);
    const bytes = new Map(groups.map((r) => [keyOf(r), Number(r[dims.length])]));
    const selection = { keys, names, width: dims.length, keyOf };
    report.measures = await groupMeasuresSql(target, `FROM ${table} WHERE (${where})`, selection, kept.counts, bytes);
  }
  if (options.overview === true) report.overview = await overviewSql(target, table, where, maxKeys);
  if (options.overview === 'lean') report.overview = leanOverview(await overviewSql(target, table, where, maxKeys));
  return report;
}
