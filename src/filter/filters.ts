/**
 * Record filters (--since, --until, --status, --uri, --site, --host, --client, --method), compiled
 * once into one RecordFilter that reads only the fields its tests need.
 */
import { parseCidr, type CidrRange } from './cidr.js';
import type { RecordFilter } from '../analyse/aggregator.js';
import { LogtallyError } from '../errors/logtally-error.js';
import type { LogRecord } from '../../parsers/record.js';
import { isBotAgent, probeOf } from './noise.js';
import { lookupTable } from '../../parsers/lookup-table.js';
import { compileGlob, type GlobMatcher } from './glob-match.js';

/** Which records to keep, as plain data (so it can cross to worker threads); compile it with `compileFilter`. */
export interface FilterSpec {
  /** Inclusive start, epoch ms. */
  since?: number;
  /** Exclusive end, epoch ms. */
  until?: number;
  /** `5xx`, `404`, `401.2`, `500.19.13`. */
  status?: readonly string[];
  /** Globs on the URI path: `*` any characters (also `/`), `?` one; case-insensitive like IIS. */
  uri?: readonly string[];
  site?: readonly string[];
  host?: readonly string[];
  client?: readonly string[];
  method?: readonly string[];
  /**
   * Values left out, in the forms the lists above take (`--exclude-uri`, `--exclude-client`, …);
   * a list item written `!404` is the same as an exclusion.
   */
  exclude?: ExcludeSpec;
  /** Crawlers and other bots, by user agent (filter/noise.ts): left out, or the only ones kept. */
  bots?: 'exclude' | 'only';
  /** Requests for well-known exploit paths (filter/noise.ts): left out, or the only ones kept. */
  probes?: 'exclude' | 'only';
}

export type ExcludeSpec = Partial<Record<'status' | 'uri' | 'site' | 'host' | 'client' | 'method', readonly string[]>>;

interface Test {
  fields: readonly string[];
  test(record: LogRecord): boolean;
}

const RELATIVE_MS: Record<string, number> = lookupTable({ s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 });

/**
 * ISO-8601 (`2021-04-01`, `2021-04-01T10:00`, `…Z`, `…+02:00`; no zone means UTC like the logs)
 * or a relative age such as `24h`, `30m`, `7d` before `now`.
 */
export function parseTimeBound(text: string, now: number, option = 'since'): number {
  const relative = /^(\d+)([smhdw])$/.exec(text.trim());
  if (relative) return now - Number(relative[1]) * RELATIVE_MS[relative[2]!]!;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text.trim());
  const ms = iso ? Date.parse(`${iso[1]}T${iso[2] ?? '00:00'}${iso[3] ?? 'Z'}`) : NaN;
  if (Number.isNaN(ms))
    throw new LogtallyError('USAGE', `--${option} needs ISO-8601 (2021-04-01T10:00Z) or an age like 24h, 30m, 7d; got "${text}"`);
  return ms;
}

/** Glob → case-insensitive matcher in linear time; `*` crosses `/` because URIs are matched as whole strings. */
export function globMatcher(glob: string): GlobMatcher {
  return compileGlob(glob);
}

function statusTest(tokens: readonly string[]): Test {
  const tests = tokens.map((token): ((r: LogRecord) => boolean) => {
    const cls = /^([1-5])xx$/i.exec(token);
    if (cls) {
      const low = Number(cls[1]) * 100;
      return (r) => r['sc-status'] !== undefined && r['sc-status'] >= low && r['sc-status'] < low + 100;
    }
    if (!/^\d{3}(\.\d+){0,2}$/.test(token)) throw new LogtallyError('USAGE', `--status takes 5xx, 404, 401.2 or 500.19.13; got "${token}"`);
    const [status, substatus, win32] = token.split('.').map(Number);
    return (r) =>
      r['sc-status'] === status &&
      (substatus === undefined || r['sc-substatus'] === substatus) &&
      (win32 === undefined || r['sc-win32-status'] === win32);
  });
  return { fields: ['sc-status', 'sc-substatus', 'sc-win32-status'], test: (r) => tests.some((t) => t(r)) };
}

/** Any of the globs matches the first present field. */
function textTest(fields: readonly string[], globs: readonly string[]): Test {
  const patterns = globs.map(globMatcher);
  return {
    fields,
    test(r) {
      let value: string | number | undefined;
      for (const f of fields) if ((value = r[f]) !== undefined) break;
      return value !== undefined && patterns.some((p) => p.test(String(value)));
    },
  };
}

/** Addresses, globs (`192.0.2.*`) or CIDR ranges (`10.0.0.0/8`, `2001:db8::/32`) on c-ip. */
function clientTest(tokens: readonly string[]): Test {
  const ranges = tokens.map(parseCidr);
  const bad = tokens.find((t, i) => t.includes('/') && ranges[i] === undefined);
  if (bad !== undefined)
    throw new LogtallyError('USAGE', `--client takes addresses, globs or CIDR ranges such as 10.0.0.0/8 or 2001:db8::/32; got "${bad}"`);
  const globs = tokens.filter((_, i) => ranges[i] === undefined);
  const cidrs = ranges.filter((r): r is CidrRange => r !== undefined);
  const byGlob = globs.length > 0 ? textTest(['c-ip'], globs).test : () => false;
  return {
    fields: ['c-ip'],
    test(r) {
      const ip = r['c-ip'];
      return ip !== undefined && (byGlob(r) || cidrs.some((c) => c.test(String(ip))));
    },
  };
}

function timeTest(since: number | undefined, until: number | undefined): Test {
  const from = since ?? -Infinity;
  const to = until ?? Infinity;
  // A record without a time cannot be placed in the window, so it is left out.
  return { fields: ['timestamp'], test: (r) => r.timestamp !== undefined && r.timestamp >= from && r.timestamp < to };
}

/** One filter for the whole spec, or undefined when nothing is filtered. It keeps `spec` for worker threads. */
export function compileFilter(spec: FilterSpec): RecordFilter | undefined {
  const { positive, exclude } = splitNegations(spec);
  const filter = compilePositive(positive);
  // An excluded status narrows what is shown, like --status; every other exclusion narrows the population.
  const statusOut = exclude.status?.length ? not(statusTest(exclude.status)) : undefined;
  const scope = [...exclusionTests(exclude), ...noiseTests(spec)];
  const extra = statusOut === undefined ? scope : [...scope, statusOut];
  if (extra.length === 0) return filter === undefined ? undefined : { ...filter, spec };
  const tests: Test[] = filter === undefined ? extra : [filter, ...extra];
  const combined: RecordFilter = { fields: [...new Set(tests.flatMap((t) => t.fields))], test: allOf(tests), spec };
  if (filter?.inScope !== undefined || statusOut !== undefined) {
    const inScope = filter === undefined ? () => true : (filter.inScope ?? filter.test);
    const rest = allOf(scope);
    combined.inScope = (r) => inScope(r) && rest(r);
  }
  return combined;
}

/** `!value` items of each list move to the exclusions. */
export function splitNegations(spec: FilterSpec): { positive: FilterSpec; exclude: ExcludeSpec } {
  const positive: FilterSpec = { ...spec };
  const exclude: Record<string, string[]> = {};
  for (const name of EXCLUDABLE) {
    const items = spec[name] ?? [];
    const negated = items.filter((item) => item.startsWith('!')).map((item) => item.slice(1));
    positive[name] = items.filter((item) => !item.startsWith('!'));
    exclude[name] = [...(spec.exclude?.[name] ?? []), ...negated];
  }
  return { positive, exclude };
}

const EXCLUDABLE = ['status', 'uri', 'site', 'host', 'client', 'method'] as const;

const not = (test: Test): Test => ({ fields: test.fields, test: (r) => !test.test(r) });

/** A record is left out when any exclusion matches it; a record without the value is kept. (Status: see compileFilter.) */
function exclusionTests(exclude: ExcludeSpec): Test[] {
  const tests: Test[] = [];
  if (exclude.uri?.length) tests.push(not(textTest(['cs-uri-stem', 'cs-uri'], exclude.uri)));
  if (exclude.site?.length) tests.push(not(textTest(['s-sitename', 's-siteid'], exclude.site)));
  if (exclude.host?.length) tests.push(not(textTest(['cs-host'], exclude.host)));
  if (exclude.client?.length) tests.push(not(clientTest(exclude.client)));
  if (exclude.method?.length) tests.push(not(textTest(['cs-method'], exclude.method)));
  return tests;
}

function noiseTests(spec: FilterSpec): Test[] {
  const tests: Test[] = [];
  if (spec.bots !== undefined) {
    const wanted = spec.bots === 'only';
    // A record without a user agent is no known bot.
    tests.push({
      fields: ['cs(User-Agent)'],
      test: (r) => (r['cs(User-Agent)'] !== undefined && isBotAgent(String(r['cs(User-Agent)']))) === wanted,
    });
  }
  if (spec.probes !== undefined) {
    const wanted = spec.probes === 'only';
    tests.push({
      fields: ['cs-uri-stem', 'cs-uri'],
      test: (r) => {
        const uri = r['cs-uri-stem'] ?? r['cs-uri'];
        return (uri !== undefined && probeOf(String(uri)) !== 'no') === wanted;
      },
    });
  }
  return tests;
}

function compilePositive(spec: FilterSpec): RecordFilter | undefined {
  const scope: Test[] = [];
  if (spec.since !== undefined || spec.until !== undefined) scope.push(timeTest(spec.since, spec.until));
  if (spec.uri?.length) scope.push(textTest(['cs-uri-stem', 'cs-uri'], spec.uri));
  if (spec.site?.length) scope.push(textTest(['s-sitename', 's-siteid'], spec.site));
  if (spec.host?.length) scope.push(textTest(['cs-host'], spec.host));
  if (spec.client?.length) scope.push(clientTest(spec.client));
  if (spec.method?.length) scope.push(textTest(['cs-method'], spec.method));
  const status = spec.status?.length ? statusTest(spec.status) : undefined;
  const tests = status ? [...scope, status] : scope;
  if (tests.length === 0) return undefined;
  const filter: RecordFilter = { fields: [...new Set(tests.flatMap((t) => t.fields))], test: allOf(tests), spec };
  // --status picks which requests to show, not which to count: a 5xx share stays a share of all requests.
  if (status) filter.inScope = allOf(scope);
  return filter;
}

function allOf(tests: readonly Test[]): (record: LogRecord) => boolean {
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0]!.test;
  return (r) => tests.every((t) => t.test(r));
}
