/**
 * The record filters (--since, --until, --status, --uri, --site, --host, --client, --method) as a
 * SQL condition on `requests`, with the semantics of filter/filters.ts: a text filter tests the
 * first present field, globs are case-insensitive, a record without a time is outside any window.
 */
import { LogtallyError } from '../errors/logtally-error.js';
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
  if (spec?.client?.length) {
    if (spec.client.some((c) => c.includes('/')))
      throw new LogtallyError('USAGE', '--client with a CIDR range is not available with --from yet; give addresses or globs (10.1.*)');
    scope.push(textCondition('c_ip', spec.client));
  }
  if (spec?.method?.length) scope.push(textCondition('cs_method', spec.method));
  const all = spec?.status?.length ? [...scope, statusCondition(spec.status)] : scope;
  return { all: all.length === 0 ? '1' : all.join(' AND '), scope: scope.length === 0 ? '1' : scope.join(' AND ') };
}
