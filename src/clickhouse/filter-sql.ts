/**
 * The record filters (--since, --until, --status, --uri, --site, --host, --client, --method) as a
 * SQL condition on `requests`, with the semantics of filter/filters.ts: a text filter tests the
 * first present field, globs are case-insensitive, a record without a time is outside any window.
 */
import { LogtallyError } from '../errors/logtally-error.js';
import { parseCidr } from '../filter/cidr.js';
import type { FilterSpec } from '../filter/filters.js';
import { sqlString } from './client.js';
import { TIME_MS_SQL } from './schema.js';

/** A glob as an RE2 pattern, escaped as filters.ts escapes it for JavaScript. */
const globPattern = (glob: string): string =>
  `(?i)^${glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.')}$`;

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

/**
 * The IPv4 address in c_ip as cidr.ts reads one: plain, with a port, in brackets (anything after
 * them ignored), or IPv4-mapped IPv6 (`::ffff:10.1.2.3`, as dual-stack servers log IPv4 clients)
 * with an optional zone; '' if none.
 */
const IPV4_OF_CLIENT = `extract(assumeNotNull(c_ip), ${sqlString('(?i)^\\[?(?:::ffff:)?(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(?:%[^\\]]*)?(?:\\].*|:[^:]*)?$')})`;

function ipv4Range(token: string): string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(token);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const bits = Number(match?.[5]);
  if (!match || octets.some((o) => o > 255) || bits > 32) {
    if (parseCidr(token) !== undefined)
      throw new LogtallyError(
        'USAGE',
        `--client ${token}: IPv6 ranges are not available with --from yet; IPv4 ranges, addresses and globs are`,
      );
    throw new LogtallyError('USAGE', `--client takes addresses, globs or CIDR ranges such as 10.0.0.0/8 or 2001:db8::/32; got "${token}"`);
  }
  if (bits === 0) return `${IPV4_OF_CLIENT} != ''`;
  const base = octets.reduce((value, octet) => value * 256 + octet, 0);
  const prefix = Math.floor(base / 2 ** (32 - bits));
  return `(${IPV4_OF_CLIENT} != '' AND bitShiftRight(IPv4StringToNum(${IPV4_OF_CLIENT}), ${32 - bits}) = ${prefix})`;
}

/** Addresses and globs as text, IPv4 CIDR ranges on the address read from c_ip. */
function clientCondition(tokens: readonly string[]): string {
  const ranges = tokens.filter((t) => t.includes('/')).map(ipv4Range);
  const globs = tokens.filter((t) => !t.includes('/'));
  const tests = [...(globs.length > 0 ? [textCondition('c_ip', globs)] : []), ...ranges];
  return `(c_ip IS NOT NULL AND (${tests.join(' OR ')}))`;
}

export interface FilterSql {
  /** Every filter: the records a report counts. */
  all: string;
  /** Every filter but --status: the requests shares are taken of (see RecordFilter.inScope). */
  scope: string;
}

export function filterSql(spec: FilterSpec | undefined): FilterSql {
  const scope: string[] = [];
  if (spec?.since !== undefined || spec?.until !== undefined) {
    const bounds = [`${TIME_MS_SQL} IS NOT NULL`];
    if (spec.since !== undefined) bounds.push(`${TIME_MS_SQL} >= ${Math.max(0, spec.since)}`);
    if (spec.until !== undefined) bounds.push(`${TIME_MS_SQL} < ${Math.max(0, spec.until)}`);
    scope.push(`ifNull(${bounds.join(' AND ')}, 0)`);
  }
  if (spec?.uri?.length) scope.push(textCondition('coalesce(cs_uri_stem, cs_uri)', spec.uri));
  if (spec?.site?.length) scope.push(textCondition('coalesce(s_sitename, s_siteid)', spec.site));
  if (spec?.host?.length) scope.push(textCondition('cs_host', spec.host));
  if (spec?.client?.length) scope.push(clientCondition(spec.client));
  if (spec?.method?.length) scope.push(textCondition('cs_method', spec.method));
  const all = spec?.status?.length ? [...scope, statusCondition(spec.status)] : scope;
  return { all: all.length === 0 ? '1' : all.join(' AND '), scope: scope.length === 0 ? '1' : scope.join(' AND ') };
}
