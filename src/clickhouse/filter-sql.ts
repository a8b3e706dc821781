/**
 * The record filters (--since, --until, --status, --uri, --site, --host, --client, --method, their
 * `!value` and --exclude-* forms, --bots, --probes) as a SQL condition on `requests`, with the
 * semantics of filter/filters.ts: a text filter tests the first present field, globs are
 * case-insensitive, a record without a time is outside any window, CIDR ranges read the address as
 * cidr.ts does. test/clickhouse/clickhouse.test.ts checks each against the embedded report.
 */
import { LogtallyError } from '../errors/logtally-error.js';
import { IPV4_PATTERN, IPV6_PATTERN, parseCidrPrefix, type CidrPrefix } from '../filter/cidr.js';
import { splitNegations, type FilterSpec } from '../filter/filters.js';
import { isBotAgent, PROBE_PATTERN_SOURCES } from '../filter/noise.js';
import { requestsTable, type Target } from './target.js';
import { sqlString } from './client.js';
import { TIME_MS_SQL } from './schema.js';

/**
 * A case-insensitive RE2 pattern. As a group (`(?i:…)`), not a leading `(?i)`: ClickHouse 18.16
 * first searches a pattern's required literal case-sensitively, and misses `/CGI-BIN` for
 * `(?i)^/cgi-bin` (a group hides the literal from that search).
 */
export const caseInsensitive = (source: string): string => `(?i:${source})`;

/** A glob as an RE2 pattern, escaped as filters.ts escapes it for JavaScript. */
const globPattern = (glob: string): string =>
  caseInsensitive(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );

function textCondition(expression: string, globs: readonly string[]): string {
  const tests = globs.map((g) => `match(assumeNotNull(${expression}), ${sqlString(globPattern(g))})`);
  return `(${expression} IS NOT NULL AND (${tests.join(' OR ')}))`;
}

function statusCondition(tokens: readonly string[]): string {
  const tests = tokens.map((token) => {
    const cls = /^([1-5])xx$/i.exec(token);
    if (cls) return `(sc_status >= ${Number(cls[1]) * 100} AND sc_status < ${Number(cls[1]) * 100 + 100})`;
    if (!/^\d{3}(\.\d+){0,2}$/.test(token)) throw new LogtallyError('USAGE', `--status takes 5xx, 404, 401.2 or 500.19.13; got "${token}"`);
    const [status, substatus, win32] = token.split('.').map(Number);
    const parts = [`sc_status = ${status}`];
    if (substatus !== undefined) parts.push(`sc_substatus = ${substatus}`);
    if (win32 !== undefined) parts.push(`sc_win32_status = ${win32}`);
    return `(${parts.join(' AND ')})`;
  });
  return `ifNull(${tests.join(' OR ')}, 0)`;
}

/*
 * The address in c_ip read as cidr.ts reads it: inside brackets (`[v6]:port`), without a zone
 * (`fe80::1%12`), without the port of `v4:port`; dotted IPv4, or IPv6 whose validity is cidr.ts's
 * own pattern (ClickHouse's IPv6StringToNum reads more, and gives zeros for what it cannot), with
 * IPv4-mapped IPv6 (`::ffff:10.1.2.3`, as dual-stack servers log IPv4 clients) read as IPv4.
 */
const CLIENT = 'assumeNotNull(c_ip)';
const UNBRACKETED = `if(substring(${CLIENT}, 1, 1) = '[', extract(${CLIENT}, ${sqlString('^\\[([^\\]]*)')}), ${CLIENT})`;
const ADDRESS = `extract(${UNBRACKETED}, ${sqlString('^([^%]*)')})`;
const COLONS = `(length(${ADDRESS}) - length(replaceAll(${ADDRESS}, ':', '')))`;
const V4_TEXT = `multiIf(${COLONS} = 0, ${ADDRESS}, ${COLONS} = 1 AND position(${ADDRESS}, '.') > 0, extract(${ADDRESS}, '^([^:]*)'), '')`;
const V6_HEX = `if(${COLONS} > 0 AND match(${ADDRESS}, ${sqlString(IPV6_PATTERN)}), hex(IPv6StringToNum(${ADDRESS})), '')`;
const MAPPED = `substring(${V6_HEX}, 1, 24) = '00000000000000000000FFFF'`;
const V4_OCTETS = `arrayMap(x -> toInt64OrZero(x), splitByChar('.', ${V4_TEXT}))`;
/** The client's IPv4 address as a number, -1 when it has none. */
const CLIENT_IPV4 = `multiIf(match(${V4_TEXT}, ${sqlString(IPV4_PATTERN)}), ((${V4_OCTETS}[1] * 256 + ${V4_OCTETS}[2]) * 256 + ${V4_OCTETS}[3]) * 256 + ${V4_OCTETS}[4], ${MAPPED}, toInt64(reinterpretAsUInt32(reverse(unhex(substring(${V6_HEX}, 25, 8))))), toInt64(-1))`;
/** The client's IPv6 address as 32 hex digits, '' when it has none (or it is IPv4-mapped). */
const CLIENT_IPV6 = `if(${MAPPED}, '', ${V6_HEX})`;

function cidrRange(token: string): string {
  const prefix = parseCidrPrefix(token);
  if (prefix === undefined)
    throw new LogtallyError('USAGE', `--client takes addresses, globs or CIDR ranges such as 10.0.0.0/8 or 2001:db8::/32; got "${token}"`);
  return prefix.width === 32 ? ipv4Range(prefix) : ipv6Range(prefix);
}

function ipv4Range({ value, bits }: CidrPrefix): string {
  if (bits === 0) return `${CLIENT_IPV4} >= 0`;
  return `(${CLIENT_IPV4} >= 0 AND bitShiftRight(${CLIENT_IPV4}, ${32 - bits}) = ${value >> BigInt(32 - bits)})`;
}

/** The range's first `bits` bits compared as hex digits, the last, partial digit under its mask. */
function ipv6Range({ value, bits }: CidrPrefix): string {
  const hex = value.toString(16).toUpperCase().padStart(32, '0');
  const whole = Math.floor(bits / 4);
  const tests = [`${CLIENT_IPV6} != ''`];
  if (whole > 0) tests.push(`substring(${CLIENT_IPV6}, 1, ${whole}) = '${hex.slice(0, whole)}'`);
  const partial = bits % 4;
  if (partial > 0) {
    const digit = `(position('0123456789ABCDEF', substring(${CLIENT_IPV6}, ${whole + 1}, 1)) - 1)`;
    tests.push(`bitShiftRight(${digit}, ${4 - partial}) = ${Number.parseInt(hex[whole]!, 16) >> (4 - partial)}`);
  }
  return `(${tests.join(' AND ')})`;
}

/** Addresses and globs as text, CIDR ranges on the address read from c_ip. */
function clientCondition(tokens: readonly string[]): string {
  const ranges = tokens.filter((t) => t.includes('/')).map(cidrRange);
  const globs = tokens.filter((t) => !t.includes('/'));
  const tests = [...(globs.length > 0 ? [textCondition('c_ip', globs)] : []), ...ranges];
  return `(c_ip IS NOT NULL AND (${tests.join(' OR ')}))`;
}

export interface FilterSql {
  /** Every filter: the records a report counts. */
  all: string;
  /** Every filter but --status (and an excluded status): the requests shares are taken of (see RecordFilter.inScope). */
  scope: string;
}

/** Values filters.ts tells in JavaScript only: the stored user agents that are bots (isbot's pattern is not RE2's). */
export interface FilterValues {
  botAgents?: readonly string[];
}

const CONDITIONS = {
  uri: (items: readonly string[]) => textCondition('coalesce(cs_uri_stem, cs_uri)', items),
  site: (items: readonly string[]) => textCondition('coalesce(s_sitename, s_siteid)', items),
  host: (items: readonly string[]) => textCondition('cs_host', items),
  client: clientCondition,
  method: (items: readonly string[]) => textCondition('cs_method', items),
};

/** As filters.ts's noise tests: a request without an agent is no bot, one without a path no probe. */
function noiseConditions(spec: FilterSpec, values: FilterValues): string[] {
  const conditions: string[] = [];
  if (spec.bots !== undefined) {
    if (values.botAgents === undefined) throw new TypeError('--bots with ClickHouse needs the stored bot agents (resolvedFilterSql)');
    const bot = values.botAgents.length === 0 ? '0' : `ifNull(cs_user_agent IN (${values.botAgents.map(sqlString).join(', ')}), 0)`;
    conditions.push(`(${bot}) = ${spec.bots === 'only' ? 1 : 0}`);
  }
  if (spec.probes !== undefined) {
    const uri = 'coalesce(cs_uri_stem, cs_uri)';
    const tests = PROBE_PATTERN_SOURCES.map((source) => `match(assumeNotNull(${uri}), ${sqlString(caseInsensitive(source))})`);
    conditions.push(`(ifNull(${uri} IS NOT NULL AND (${tests.join(' OR ')}), 0)) = ${spec.probes === 'only' ? 1 : 0}`);
  }
  return conditions;
}

/**
 * The filters as SQL, with filters.ts's semantics: `!value` items are exclusions; a request without
 * the excluded value is kept; an excluded status narrows what is shown, as --status does, while
 * every other exclusion, --bots and --probes narrow the requests shares are taken of.
 */
export function filterSql(spec: FilterSpec | undefined, values: FilterValues = {}): FilterSql {
  if (spec === undefined) return { all: '1', scope: '1' };
  const { positive, exclude } = splitNegations(spec);
  const scope: string[] = [];
  if (positive.since !== undefined || positive.until !== undefined) {
    const bounds = [`${TIME_MS_SQL} IS NOT NULL`];
    if (positive.since !== undefined) bounds.push(`${TIME_MS_SQL} >= ${Math.max(0, positive.since)}`);
    if (positive.until !== undefined) bounds.push(`${TIME_MS_SQL} < ${Math.max(0, positive.until)}`);
    scope.push(`ifNull(${bounds.join(' AND ')}, 0)`);
  }
  for (const [name, condition] of Object.entries(CONDITIONS)) {
    const items = positive[name as keyof typeof CONDITIONS];
    if (items?.length) scope.push(condition(items));
  }
  for (const [name, condition] of Object.entries(CONDITIONS)) {
    const items = exclude[name as keyof typeof CONDITIONS];
    if (items?.length) scope.push(`NOT ${condition(items)}`);
  }
  scope.push(...noiseConditions(spec, values));
  const shown = [
    ...(positive.status?.length ? [statusCondition(positive.status)] : []),
    ...(exclude.status?.length ? [`NOT ${statusCondition(exclude.status)}`] : []),
  ];
  const all = [...scope, ...shown];
  return { all: all.length === 0 ? '1' : all.join(' AND '), scope: scope.length === 0 ? '1' : scope.join(' AND ') };
}

/** filterSql, after asking the server what only JavaScript can tell (which stored agents are bots). */
export async function resolvedFilterSql(target: Target, spec: FilterSpec | undefined): Promise<FilterSql> {
  if (spec?.bots === undefined) return filterSql(spec);
  return filterSql(spec, { botAgents: await botAgentsOf(target) });
}

/** The stored user agents isbot names bots: read once as distinct values, told in JavaScript. */
export async function botAgentsOf(target: Target): Promise<string[]> {
  const agents = await target.entry.query(
    `SELECT DISTINCT assumeNotNull(cs_user_agent) FROM ${requestsTable(target)} WHERE cs_user_agent IS NOT NULL`,
  );
  return agents.map((row) => String(row[0])).filter(isBotAgent);
}
