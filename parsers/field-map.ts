/**
 * Structured logs (JSON lines, CSV with a header) name their fields freely. A field map says which
 * source key feeds which record field: built-in maps for the common shapes (nginx JSON, Caddy,
 * Cloudflare, W3C names), chosen by which keys the first lines carry, and `--map` for the rest.
 */
import type { LogRecord } from '../src/record.js';
import { NUMERIC_FIELDS } from '../src/record.js';
import { parseClfTime, splitUri, writeRequest } from './access-log.js';
import type { FieldSet } from './types.js';

/** Short names `--map` accepts besides W3C names. `uri` and `request` are split into their parts. */
const MAP_ALIASES: Record<string, string> = {
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
};

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

/** A named map: record field → source key or dotted path (`request.headers.User-Agent.0`). */
export interface Shape {
  name: string;
  fields: Readonly<Record<string, string>>;
  /** A duration computed from two timestamps (Cloudflare logs start and end, not a duration). */
  span?: { from: string; to: string };
}

const W3C_NAMES = [
  'c-ip', 'cs-username', 'cs-method', 'cs-uri-stem', 'cs-uri-query', 'cs-host', 'cs-version', 'sc-status', 'sc-substatus', 'sc-win32-status',
  'sc-bytes', 'cs-bytes', 'time-taken', 'cs(User-Agent)', 'cs(Referer)', 's-sitename', 's-ip', 's-port', 's-reason', 'timestamp',
];

export const SHAPES: readonly Shape[] = [
  {
    name: 'caddy',
    fields: {
      timestamp: 'ts',
      'c-ip': 'request.client_ip',
      'cs-method': 'request.method',
      uri: 'request.uri',
      'cs-version': 'request.proto',
      'cs-host': 'request.host',
      'cs(User-Agent)': 'request.headers.User-Agent.0',
      'cs(Referer)': 'request.headers.Referer.0',
      'sc-status': 'status',
      'sc-bytes': 'size',
      'cs-bytes': 'bytes_read',
      'time-taken': 'duration:s',
      'cs-username': 'user_id',
    },
  },
  {
    name: 'cloudflare',
    fields: {
      timestamp: 'EdgeStartTimestamp',
      'c-ip': 'ClientIP',
      'cs-method': 'ClientRequestMethod',
      uri: 'ClientRequestURI',
      'cs-version': 'ClientRequestProtocol',
      'cs-host': 'ClientRequestHost',
      'cs(User-Agent)': 'ClientRequestUserAgent',
      'cs(Referer)': 'ClientRequestReferer',
      'sc-status': 'EdgeResponseStatus',
      'sc-bytes': 'EdgeResponseBytes',
      'cs-bytes': 'ClientRequestBytes',
    },
    span: { from: 'EdgeStartTimestamp', to: 'EdgeEndTimestamp' },
  },
  {
    // nginx `log_format … escape=json` with its variable names as keys.
    name: 'nginx',
    fields: {
      timestamp: 'time_iso8601|time_local|msec|timestamp|@timestamp|time',
      'c-ip': 'remote_addr',
      'cs-username': 'remote_user',
      request: 'request',
      'cs-method': 'request_method',
      uri: 'request_uri|uri',
      'cs-host': 'host|http_host|server_name',
      'cs(User-Agent)': 'http_user_agent',
      'cs(Referer)': 'http_referer',
      'sc-status': 'status',
      'sc-bytes': 'bytes_sent|body_bytes_sent',
      'cs-bytes': 'request_length',
      'time-taken': 'request_time:s',
      upstream_response_time: 'upstream_response_time',
      upstream_status: 'upstream_status',
      upstream_addr: 'upstream_addr',
    },
  },
  { name: 'w3c', fields: Object.fromEntries(W3C_NAMES.map((n) => [n, n])) },
];

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

const UNITS: Record<string, number> = { ms: 1, s: 1000, us: 0.001, ns: 0.000001 };

/** Epoch numbers by magnitude (s, ms, µs, ns), numeric strings alike; CLF and ISO-8601 strings. */
export function toTimestamp(value: unknown, localOffsetMinutes: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!Number.isNaN(n)) return Math.round(n > 1e17 ? n / 1e6 : n > 1e14 ? n / 1e3 : n > 1e11 ? n : n * 1000);
  if (typeof value !== 'string') return NaN;
  if (/^\d{2}\/\w{3}\/\d{4}:/.test(value)) return parseClfTime(value, 0, value.length, localOffsetMinutes);
  return Date.parse(value);
}

const absent = (value: unknown): boolean => value === undefined || value === null || value === '' || value === '-';

/** A map compiled for one file: writes the wanted fields of a parsed row into a record. */
export type RowReader = (row: Record<string, unknown>, out: LogRecord) => void;

export function compileShape(fields: Readonly<Record<string, string>>, wanted: FieldSet, localOffsetMinutes: number, span?: Shape['span']): RowReader {
  const want = (name: string) => wanted === 'all' || wanted.has(name);
  const steps: RowReader[] = [];
  for (const [target, source] of Object.entries(fields)) {
    const colon = source.lastIndexOf(':');
    const unit = colon > 0 ? UNITS[source.slice(colon + 1)] : undefined;
    const get = firstOf(unit === undefined ? source : source.slice(0, colon));
    if (target === 'uri' || target === 'request') {
      if (!['cs-method', 'cs-uri-stem', 'cs-uri-query', 'cs-version'].some(want)) continue;
      const write = target === 'uri' ? splitUri : writeRequest;
      steps.push((row, out) => {
        const value = get(row);
        if (!absent(value)) write(String(value), out, wanted);
      });
    } else if (!want(target)) {
      continue;
    } else if (target === 'timestamp') {
      steps.push((row, out) => {
        const ms = toTimestamp(get(row), localOffsetMinutes);
        if (!Number.isNaN(ms)) out.timestamp = ms;
      });
    } else if (NUMERIC_FIELDS.has(target)) {
      const scale = target === 'time-taken' ? (unit ?? 1) : 1;
      steps.push((row, out) => {
        const value = get(row);
        const n = typeof value === 'number' ? value : absent(value) ? NaN : Number(value);
        if (Number.isFinite(n)) out[target] = scale === 1 ? n : Math.round(n * scale * 1000) / 1000;
      });
    } else {
      steps.push((row, out) => {
        const value = get(row);
        if (!absent(value)) out[target] = typeof value === 'object' ? JSON.stringify(value) : String(value);
      });
    }
  }
  if (span && want('time-taken') && fields['time-taken'] === undefined) {
    const from = getter(span.from);
    const to = getter(span.to);
    steps.push((row, out) => {
      const ms = toTimestamp(to(row), 0) - toTimestamp(from(row), 0);
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
export function chooseShape(rows: readonly Record<string, unknown>[], fieldMap: Readonly<Record<string, string>> | undefined): Shape | undefined {
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
  return { name: best ? `${best.name} + --map` : '--map', fields: { ...best?.fields, ...fieldMap }, span: best?.span };
}
