/**
 * Structured logs (JSON lines, CSV with a header) name their fields freely. A field map says which
 * source key feeds which record field: built-in maps for the common shapes (their data is
 * parsers/formats/json-shapes.ts), chosen by which keys the first lines carry, and `--map` for the rest.
 */
import type { LocalTime } from './local-time.js';
import type { LogRecord } from './record.js';
import { NUMERIC_FIELDS } from './record.js';
import { parseClfTime, parseIsoTime, splitUri, withoutPort, writeRequest } from './access-log.js';
import type { FieldSet } from './types.js';
import { SHAPES, type Shape } from './formats/json-shapes.js';

export { SHAPES, type Shape };
import { lookupTable } from './lookup-table.js';

/** Short names `--map` accepts besides W3C names. `uri`, `url` and `request` are split into their parts. */
const MAP_ALIASES: Record<string, string> = lookupTable({
  status: 'sc-status',
  substatus: 'sc-substatus',
  win32: 'sc-win32-status',
  bytes: 'sc-bytes',
  'bytes-in': 'cs-bytes',
  method: 'cs-method',
  path: 'cs-uri-stem',
  query: 'cs-uri-query',
  ip: 'c-ip',
  client: 'c-ip',
  time: 'timestamp',
  duration: 'time-taken',
  'user-agent': 'cs(User-Agent)',
  agent: 'cs(User-Agent)',
  referer: 'cs(Referer)',
  host: 'cs-host',
  user: 'cs-username',
  reason: 's-reason',
  site: 's-sitename',
});

/**
 * `status=EdgeResponseStatus,uri=ClientRequestURI,duration=dur:s` → record field → source key.
 * A `:s`, `:us` or `:ns` suffix on a duration's key gives its unit (default ms).
 */
export function parseFieldMap(spec: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new Error(`--map wants FIELD=KEY pairs, got "${pair}"`);
    const field = pair.slice(0, eq).trim();
    map[MAP_ALIASES[field] ?? field] = pair.slice(eq + 1).trim();
  }
  return map;
}

/**
 * W3C's time-taken, as the text reader takes it: whole ms as IIS writes it, a decimal number of
 * seconds as the W3C draft and CloudFront write it (`"0.002"` in CloudFront's JSON logs).
 * The w3c shape (parsers/formats/json-shapes.ts) names this unit after its key.
 */
const W3C_TIME = 'w3c';

/** Reads a dotted path from a parsed JSON object (a plain key for CSV rows). */
type Getter = (row: Record<string, unknown>) => unknown;

function getter(path: string): Getter {
  if (path.indexOf('.') === -1) return (row) => row[path];
  const steps = path.split('.');
  return (row) => {
    let value: unknown = row;
    for (const step of steps) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[step];
    }
    return value;
  };
}

/** `a|b` alternatives: the first one a row has. */
function firstOf(paths: string): Getter {
  const getters = paths.split('|').map(getter);
  if (getters.length === 1) return getters[0]!;
  return (row) => {
    for (const get of getters) {
      const value = get(row);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

const UNITS: Record<string, number> = lookupTable({ ms: 1, s: 1000, us: 0.001, µs: 0.001, μs: 0.001, ns: 0.000001 });

const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || c === 0xb5 || c === 0x3bc;

/**
 * A duration that carries its unit, in ms: `0.123s` (Google's Duration JSON), `968.030256ms` and
 * `12µs` (Go's time.Duration). NaN without a number or a known unit.
 */
function durationMs(text: string): number {
  let end = text.length;
  while (end > 0 && isLetter(text.charCodeAt(end - 1))) end--;
  const unit = UNITS[text.slice(end)];
  return unit === undefined || end === 0 ? NaN : Number(text.slice(0, end)) * unit;
}

/**
 * An absolute URL (`https://host:8443/a?b`, as load balancers log it) gives its host, unless the
 * row names one, and its path and query; a path (`/a?b`) is split as it is.
 */
function writeUrl(url: string, out: LogRecord, wanted: FieldSet): void {
  const scheme = url.charCodeAt(0) === 47 /* / */ ? -1 : url.indexOf('://');
  if (scheme === -1) {
    splitUri(url, out, wanted);
    return;
  }
  let path = scheme + 3;
  while (path < url.length && url.charCodeAt(path) !== 47 && url.charCodeAt(path) !== 63 /* ? */) path++;
  if ((wanted === 'all' || wanted.has('cs-host')) && out['cs-host'] === undefined) out['cs-host'] = url.slice(scheme + 3, path);
  // A fragment is the browser's, never sent; one in a logged URL is not part of the path.
  const hash = url.indexOf('#', path);
  const target = url.slice(path, hash === -1 ? url.length : hash);
  splitUri(target.charCodeAt(0) === 47 ? target : `/${target}`, out, wanted);
}

const WRITERS = { uri: splitUri, url: writeUrl, request: writeRequest } as const;

/** A text still in the quotes of the log it was cut from (grok's QS: `"\"-\""`) → the text. */
const unquoted = (text: string): string =>
  text.length >= 2 && text.charCodeAt(0) === 34 && text.charCodeAt(text.length - 1) === 34 ? text.slice(1, -1) : text;

/** grok's `httpversion` is the number alone: `1.1` → `HTTP/1.1`, as request lines give it. */
const httpVersion = (version: string): string => (version.charCodeAt(0) >= 48 && version.charCodeAt(0) <= 57 ? `HTTP/${version}` : version);

/** Apache's %q logs the query with its `?` (`?a=b`), or nothing. */
const withoutQuestionMark = (query: string): string => (query.charCodeAt(0) === 63 ? query.slice(1) : query);

/** Epoch numbers by magnitude (s, ms, µs, ns), numeric strings alike; CLF and ISO-8601 strings. */
export function toTimestamp(value: unknown, local: LocalTime): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!Number.isNaN(n)) return Math.round(n > 1e17 ? n / 1e6 : n > 1e14 ? n / 1e3 : n > 1e11 ? n : n * 1000);
  if (typeof value !== 'string') return NaN;
  // Apache's %t in a JSON LogFormat keeps its brackets: `[10/Oct/2000:13:55:36 -0700]`.
  const bracketed = value.charCodeAt(0) === 91 /* [ */ && value.charCodeAt(value.length - 1) === 93 ? 1 : 0;
  if (/^\[?\d{2}\/\w{3}\/\d{4}:/.test(value)) return parseClfTime(value, bracketed, value.length - bracketed, local);
  // ISO 8601 and its `2024-01-02 15:04:05` spelling (Caddy's `wall` writes `2024/01/02`): without an
  // offset the time is local, at the --tz offset; Date.parse would take the machine's zone.
  const iso =
    value.charCodeAt(4) === 47 /* / */ && value.charCodeAt(7) === 47
      ? `${value.slice(0, 4)}-${value.slice(5, 7)}-${value.slice(8)}`
      : value;
  const ms = parseIsoTime(iso, 0, iso.length, local);
  return Number.isNaN(ms) ? parseLooseTime(value, local) : ms;
}

/** A zone at the end of a date string: `Z`, `GMT`, `UTC`, `EST`, `+0200`, `GMT+02:00`, `(CET)`. */
const ENDS_WITH_ZONE = /(?:\b(?:Z|UTC?|GMT|[A-Z]{3,4})|[+-]\d{2}:?\d{2}|\(.*\))\s*$/;

/**
 * Other date spellings (`Jan 02 2024 10:00:00`, `Tue, 02 Jan 2024 10:00:00 GMT`) through
 * Date.parse. One without a zone is a wall-clock time in the --tz zone, as every other zone-less
 * time: Date.parse alone would read it in the machine's zone, so it is read as UTC (a ` GMT`
 * appended) and moved by `local`.
 */
function parseLooseTime(value: string, local: LocalTime): number {
  if (ENDS_WITH_ZONE.test(value)) return Date.parse(value);
  const wall = Date.parse(`${value} GMT`);
  return Number.isNaN(wall) ? NaN : local.toUtc(wall);
}

const absent = (value: unknown): boolean => value === undefined || value === null || value === '' || value === '-';

/**
 * `2024-01-05` and `10:00:01` → their UTC time. Exports that type both columns as timestamps
 * write `2024-01-05 00:00:00` and `2000-01-01 10:00:01`: the date's day and the time's clock are read.
 */
function dateTimeStep({ date, time }: NonNullable<Shape['dateTime']>): RowReader {
  const getDate = getter(date);
  const getTime = getter(time);
  return (row, out) => {
    const d = getDate(row);
    const t = getTime(row);
    if (out.timestamp !== undefined || typeof d !== 'string' || typeof t !== 'string') return;
    const ms = Date.parse(`${d.slice(0, 10)}T${t.slice(t.lastIndexOf(' ') + 1)}Z`);
    if (!Number.isNaN(ms)) out.timestamp = ms;
  };
}

/** A map compiled for one file: writes the wanted fields of a parsed row into a record. */
export type RowReader = (row: Record<string, unknown>, out: LogRecord) => void;

export function compileShape(
  fields: Readonly<Record<string, string>>,
  wanted: FieldSet,
  local: LocalTime,
  span?: Shape['span'],
  dateTime?: Shape['dateTime'],
): RowReader {
  const want = (name: string) => wanted === 'all' || wanted.has(name);
  const steps: RowReader[] = [];
  for (const [target, source] of Object.entries(fields)) {
    const colon = source.lastIndexOf(':');
    const unitName = colon > 0 ? source.slice(colon + 1) : '';
    const unit = UNITS[unitName];
    const w3cTime = unitName === W3C_TIME;
    const get = firstOf(unit === undefined && !w3cTime ? source : source.slice(0, colon));
    if (target === 'uri' || target === 'url' || target === 'request') {
      if (!['cs-method', 'cs-uri-stem', 'cs-uri-query', 'cs-version', 'cs-host'].some(want)) continue;
      const write = WRITERS[target];
      steps.push((row, out) => {
        const value = get(row);
        if (!absent(value)) write(String(value), out, wanted);
      });
    } else if (!want(target)) {
    } else if (target === 'timestamp') {
      steps.push((row, out) => {
        const ms = toTimestamp(get(row), local);
        if (!Number.isNaN(ms)) out.timestamp = ms;
      });
    } else if (target === 'time-taken') {
      steps.push((row, out) => {
        const value = get(row);
        const scale = unit ?? (w3cTime && String(value).includes('.') ? 1000 : 1);
        const n = typeof value === 'number' ? value * scale : absent(value) ? NaN : Number(value) * scale;
        // A string with a unit ("0.123s") says its own scale.
        const ms = Number.isNaN(n) && typeof value === 'string' ? durationMs(value) : n;
        // A negative time is a sentinel, not a duration: AWS ALB logs -1 when no target answered.
        if (Number.isFinite(ms) && ms >= 0) out[target] = Math.round(ms * 1000) / 1000;
      });
    } else if (NUMERIC_FIELDS.has(target)) {
      steps.push((row, out) => {
        const value = get(row);
        const n = typeof value === 'number' ? value : absent(value) ? NaN : Number(value);
        if (Number.isFinite(n)) out[target] = n;
      });
    } else {
      const clean =
        target === 'c-ip' || target === 's-ip'
          ? withoutPort
          : target === 'cs-uri-query'
            ? withoutQuestionMark
            : target === 'cs-version'
              ? httpVersion
              : unquoted;
      steps.push((row, out) => {
        const value = get(row);
        if (absent(value)) return;
        const text = typeof value === 'object' ? JSON.stringify(value) : clean(String(value));
        if (!absent(text)) out[target] = text;
      });
    }
  }
  if (dateTime && want('timestamp')) steps.push(dateTimeStep(dateTime));
  if (span && want('time-taken') && fields['time-taken'] === undefined) {
    const from = getter(span.from);
    const to = getter(span.to);
    steps.push((row, out) => {
      const ms = toTimestamp(to(row), local) - toTimestamp(from(row), local);
      if (Number.isFinite(ms) && ms >= 0) out['time-taken'] = ms;
    });
  }
  return (row, out) => {
    for (const step of steps) step(row, out);
  };
}

/**
 * The built-in shape whose keys the sample rows carry most of (its status key must be among them),
 * with `--map` entries laid over it. Without a matching shape, `--map` alone is the map.
 */
export function chooseShape(
  rows: readonly Record<string, unknown>[],
  fieldMap: Readonly<Record<string, string>> | undefined,
): Shape | undefined {
  let best: Shape | undefined;
  let bestScore = 0;
  for (const shape of SHAPES) {
    const present = (source: string) => rows.some((row) => firstOf(source.replace(/:(s|ms|us|ns)$/, ''))(row) !== undefined);
    if (!present(shape.fields['sc-status']!)) continue;
    const score = Object.values(shape.fields).filter(present).length;
    if (score > bestScore) {
      best = shape;
      bestScore = score;
    }
  }
  if (fieldMap === undefined || Object.keys(fieldMap).length === 0) return best;
  return {
    name: best ? `${best.name} + --map` : '--map',
    fields: { ...best?.fields, ...fieldMap },
    span: best?.span,
    dateTime: best?.dateTime,
  };
}
