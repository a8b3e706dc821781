/**
 * Structured logs (JSON lines, CSV with a header) name their fields freely. A field map says which
 * source key feeds which record field: built-in maps for the common shapes (nginx JSON, Caddy,
 * Cloudflare, Traefik, Envoy/Istio, Google Cloud `httpRequest`, Kong, Azure, Amazon API Gateway, W3C names), chosen by
 * which keys the first lines carry, and `--map` for the rest.
 */
import type { LocalTime } from './local-time.js';
import type { LogRecord } from './record.js';
import { NUMERIC_FIELDS } from './record.js';
import { parseClfTime, parseIsoTime, splitUri, withoutPort, writeRequest } from './access-log.js';
import type { FieldSet } from './types.js';
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
 * A named map: record field → source key or dotted path (`request.headers.User-Agent.0`), `a|b` for
 * the first one a row has. Besides record fields: `request` (`GET /a?b HTTP/1.1`), `uri` (`/a?b`)
 * and `url` (`https://host/a?b` or `/a?b`), each split into its parts.
 */
export interface Shape {
  name: string;
  fields: Readonly<Record<string, string>>;
  /** A duration computed from two timestamps (Cloudflare logs start and end, not a duration). */
  span?: { from: string; to: string };
  /** A UTC time logged as a date and a time of day apart (W3C `date`, `time`), when no timestamp is. */
  dateTime?: { date: string; time: string };
}

const W3C_NAMES = [
  'c-ip',
  'cs-username',
  'cs-method',
  'cs-uri-stem',
  'cs-uri-query',
  'cs-host',
  'cs-version',
  'sc-status',
  'sc-substatus',
  'sc-win32-status',
  'sc-bytes',
  'cs-bytes',
  'time-taken',
  'cs(User-Agent)',
  'cs(Referer)',
  's-sitename',
  's-ip',
  's-port',
  's-reason',
  'timestamp',
];

/**
 * W3C's time-taken, as the text reader takes it: whole ms as IIS writes it, a decimal number of
 * seconds as the W3C draft and CloudFront write it (`"0.002"` in CloudFront's JSON logs).
 */
const W3C_TIME = 'w3c';

export const SHAPES: readonly Shape[] = [
  {
    name: 'caddy',
    fields: {
      timestamp: 'ts',
      // client_ip since Caddy 2.7, remote_ip before it, remote_addr (`ip:port`) in 2.0–2.4.
      'c-ip': 'request.client_ip|request.remote_ip|request.remote_addr',
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
    // nginx `log_format … escape=json` with its variable names as keys, and the names common
    // templates give them instead (`user_agent`, `referer`, `clientip`, `method`, `url`; Graylog's
    // `graylog2_json` logs `response_status` and `request_verb`; ingress-nginx's documented JSON
    // `log-format-upstream` logs `vhost`, `path`, `request_query` and `request_proto`).
    name: 'nginx',
    fields: {
      timestamp: 'time_iso8601|time_local|msec|timestamp|@timestamp|time',
      'c-ip': 'remote_addr|clientip|client_ip',
      'cs-username': 'remote_user',
      request: 'request',
      'cs-method': 'request_method|method|request_verb',
      url: 'request_uri|uri|url|path',
      'cs-uri-query': 'args|query_string|request_query',
      'cs-version': 'server_protocol|request_proto',
      'cs-host': 'host|http_host|server_name|vhost',
      'cs(User-Agent)': 'http_user_agent|user_agent',
      'cs(Referer)': 'http_referer|referer|http_referrer',
      'sc-status': 'status|response_status',
      // `size`: Elastic's Rally http_logs corpus (`"request": "GET / HTTP/1.0", "status": 200, "size": 24736`).
      'sc-bytes': 'bytes_sent|body_bytes_sent|size',
      'cs-bytes': 'request_length',
      'time-taken': 'request_time|responsetime:s',
      upstream_response_time: 'upstream_response_time',
      upstream_status: 'upstream_status',
      upstream_addr: 'upstream_addr',
    },
  },
  {
    // nginx JSON as alp (the ISUCON access-log profiler) documents it: short keys, `host` is
    // $remote_addr and `vhost` is $host, `response_time` is $upstream_response_time.
    // After nginx, so a log with only keys both know stays nginx. https://github.com/tkuchiki/alp
    name: 'alp',
    fields: {
      timestamp: 'time',
      'c-ip': 'host',
      request: 'req',
      'cs-method': 'method',
      url: 'uri',
      'cs-host': 'vhost',
      'cs(User-Agent)': 'ua',
      'cs(Referer)': 'referer',
      'sc-status': 'status',
      'sc-bytes': 'body_bytes',
      'time-taken': 'request_time|response_time:s',
      'cs(X-Forwarded-For)': 'forwardedfor',
    },
  },
  {
    // Logstash's COMBINEDAPACHELOG / HTTPD_COMBINEDLOG grok names, as events written out as JSON
    // carry them: `request` is the target alone, `response` the status, referrer and agent
    // still in their quotes (grok's QS).
    name: 'logstash',
    fields: {
      timestamp: 'timestamp|@timestamp',
      'c-ip': 'clientip',
      'cs-username': 'auth',
      'cs-method': 'verb',
      url: 'request',
      'cs-version': 'httpversion',
      'sc-status': 'response',
      'sc-bytes': 'bytes',
      'cs(Referer)': 'referrer',
      'cs(User-Agent)': 'agent',
    },
  },
  {
    // Apache `LogFormat` written as JSON, as Loggly's and AWS CloudWatch's guides give it (copied
    // widely): `request` is %U (the path), `query` %q, `time` %t in brackets or ISO, `process` %D in µs.
    // https://www.loggly.com/ultimate-guide/apache-logging-basics/
    name: 'apache-json',
    fields: {
      timestamp: 'time',
      'c-ip': 'remoteIP',
      'cs-host': 'host',
      uri: 'request',
      'cs-uri-query': 'query',
      'cs-method': 'method',
      'sc-status': 'status',
      'cs(User-Agent)': 'userAgent',
      'cs(Referer)': 'referer',
      'time-taken': 'process:us',
      'cs(X-Forwarded-For)': 'forwardIP',
    },
  },
  {
    // Traefik `accessLog.format: json`: Duration in ns; ClientHost is dropped by some field
    // filters, ClientAddr (`ip:port`) is always there. https://doc.traefik.io/traefik/observability/access-logs/
    name: 'traefik',
    fields: {
      timestamp: 'StartUTC|StartLocal|time',
      'c-ip': 'ClientHost|ClientAddr',
      'cs-username': 'ClientUsername',
      'cs-method': 'RequestMethod',
      url: 'RequestPath',
      'cs-version': 'RequestProtocol',
      'cs-host': 'RequestHost',
      'cs(User-Agent)': 'request_User-Agent',
      'cs(Referer)': 'request_Referer',
      'sc-status': 'DownstreamStatus',
      'sc-bytes': 'DownstreamContentSize',
      'cs-bytes': 'RequestContentSize',
      'time-taken': 'Duration:ns',
      RouterName: 'RouterName',
      ServiceName: 'ServiceName',
    },
  },
  {
    // Envoy JSON access logs with the command operators' usual names: Istio's `accessLogEncoding:
    // JSON` and Envoy Gateway's default (`x-envoy-origin-path`, `:authority`, `user-agent`).
    // DURATION is ms. https://istio.io/latest/docs/tasks/observability/logs/access-log/
    name: 'envoy',
    fields: {
      timestamp: 'start_time',
      'c-ip': 'downstream_remote_address',
      'cs-method': 'method',
      url: 'x-envoy-origin-path|path',
      'cs-version': 'protocol',
      'cs-host': 'authority|:authority',
      'cs(User-Agent)': 'user_agent|user-agent',
      'sc-status': 'response_code',
      'sc-bytes': 'bytes_sent',
      'cs-bytes': 'bytes_received',
      'time-taken': 'duration',
      response_flags: 'response_flags',
      upstream_host: 'upstream_host',
      upstream_cluster: 'upstream_cluster',
    },
  },
  {
    // Google Cloud Logging LogEntry with an `httpRequest` (HTTP(S) load balancers, Cloud Run,
    // Knative queue-proxy); latency is a Duration string ("0.123s").
    // https://cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry#HttpRequest
    name: 'gcp',
    fields: {
      timestamp: 'timestamp|time',
      'c-ip': 'httpRequest.remoteIp',
      's-ip': 'httpRequest.serverIp',
      'cs-method': 'httpRequest.requestMethod',
      url: 'httpRequest.requestUrl',
      'cs-version': 'httpRequest.protocol',
      'cs(User-Agent)': 'httpRequest.userAgent',
      'cs(Referer)': 'httpRequest.referer',
      'sc-status': 'httpRequest.status',
      'sc-bytes': 'httpRequest.responseSize',
      'cs-bytes': 'httpRequest.requestSize',
      'time-taken': 'httpRequest.latency',
    },
  },
  {
    // Kong's log plugins (file-log, http-log, tcp-log): started_at in ms, latencies in ms.
    // https://docs.konghq.com/hub/kong-inc/file-log/#log-format
    name: 'kong',
    fields: {
      timestamp: 'started_at',
      'c-ip': 'client_ip',
      'cs-username': 'consumer.username',
      'cs-method': 'request.method',
      uri: 'request.uri',
      'cs-host': 'request.headers.host',
      'cs(User-Agent)': 'request.headers.user-agent',
      'cs(Referer)': 'request.headers.referer',
      'sc-status': 'response.status',
      'sc-bytes': 'response.size',
      'cs-bytes': 'request.size',
      'time-taken': 'latencies.request',
    },
  },
  {
    // Azure Front Door access log (diagnostic settings to storage or Event Hubs): numbers as
    // strings, timeTaken in seconds. https://learn.microsoft.com/azure/frontdoor/monitor-front-door
    name: 'azure-frontdoor',
    fields: {
      timestamp: 'time',
      'c-ip': 'properties.clientIp',
      'cs-method': 'properties.httpMethod',
      url: 'properties.requestUri',
      'cs-version': 'properties.httpVersion',
      'cs-host': 'properties.hostName',
      'cs(User-Agent)': 'properties.userAgent',
      'sc-status': 'properties.httpStatusCode',
      'sc-bytes': 'properties.responseBytes',
      'cs-bytes': 'properties.requestBytes',
      'time-taken': 'properties.timeTaken:s',
    },
  },
  {
    // Azure Application Gateway access log: the query apart from the URI, timeTaken in seconds.
    // https://learn.microsoft.com/azure/application-gateway/monitor-application-gateway-reference
    name: 'azure-appgateway',
    fields: {
      // v1 logs `time`, v2 (Microsoft's current sample) `timeStamp`.
      timestamp: 'time|timeStamp',
      'c-ip': 'properties.clientIP',
      'cs-method': 'properties.httpMethod',
      url: 'properties.requestUri',
      'cs-uri-query': 'properties.requestQuery',
      'cs-version': 'properties.httpVersion',
      'cs-host': 'properties.host',
      'cs(User-Agent)': 'properties.userAgent',
      'sc-status': 'properties.httpStatus',
      'sc-bytes': 'properties.sentBytes',
      'cs-bytes': 'properties.receivedBytes',
      'time-taken': 'properties.timeTaken:s',
    },
  },
  {
    // Exchange Server's HttpProxy logs (Logging\HttpProxy\<protocol>, the front end of OWA, ECP,
    // EWS, ActiveSync, Autodiscover, MAPI) and its EWS logs (RequestSize/ResponseSize, no URL):
    // TotalRequestTime in ms, UrlQuery with its `?`.
    name: 'exchange',
    fields: {
      timestamp: 'DateTime',
      'c-ip': 'ClientIpAddress',
      'cs-username': 'AuthenticatedUser',
      'cs-method': 'Method',
      'cs-uri-stem': 'UrlStem',
      'cs-uri-query': 'UrlQuery',
      'cs-host': 'UrlHost',
      'cs(User-Agent)': 'UserAgent',
      'sc-status': 'HttpStatus',
      'sc-bytes': 'ResponseBytes|ResponseSize',
      'cs-bytes': 'RequestBytes|RequestSize',
      'time-taken': 'TotalRequestTime',
      's-computername': 'ServerHostName',
      Protocol: 'Protocol',
      BackEndStatus: 'BackEndStatus',
    },
  },
  {
    // Azure App Service HTTP logs (AppServiceHTTPLogs): IIS's W3C fields in PascalCase, under
    // `properties` as diagnostic settings write them to storage or Event Hubs, at the top level with
    // TimeGenerated in a Log Analytics export; TimeTaken in ms.
    // https://learn.microsoft.com/azure/azure-monitor/reference/tables/appservicehttplogs
    name: 'azure-appservice',
    fields: {
      timestamp: 'time|TimeGenerated',
      'c-ip': 'properties.CIp|CIp',
      'cs-username': 'properties.CsUsername|CsUsername',
      'cs-method': 'properties.CsMethod|CsMethod',
      'cs-uri-stem': 'properties.CsUriStem|CsUriStem',
      'cs-uri-query': 'properties.CsUriQuery|CsUriQuery',
      'cs-host': 'properties.CsHost|CsHost',
      'cs(User-Agent)': 'properties.UserAgent|UserAgent',
      'cs(Referer)': 'properties.Referer|Referer',
      'sc-status': 'properties.ScStatus|ScStatus',
      'sc-substatus': 'properties.ScSubStatus|ScSubStatus',
      'sc-win32-status': 'properties.ScWin32Status|ScWin32Status',
      'sc-bytes': 'properties.ScBytes|ScBytes',
      'cs-bytes': 'properties.CsBytes|CsBytes',
      'time-taken': 'properties.TimeTaken|TimeTaken',
      's-port': 'properties.SPort|SPort',
      's-computername': 'properties.ComputerName|ComputerName',
    },
  },
  {
    // Amazon API Gateway access logs in the JSON the console offers (REST: `resourcePath`, HTTP APIs:
    // `routeKey`), copied into most stacks: every value a string, requestTime in CLF, responseLatency
    // in ms. `path` is the path requested; `resourcePath` its route template (`/pets/{petId}`).
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html
    name: 'aws-apigateway',
    fields: {
      timestamp: 'requestTime|requestTimeEpoch',
      'c-ip': 'ip|sourceIp',
      'cs-username': 'user',
      'cs-method': 'httpMethod',
      url: 'path|resourcePath',
      'cs-version': 'protocol',
      'cs(User-Agent)': 'userAgent',
      'sc-status': 'status',
      'sc-bytes': 'responseLength',
      'time-taken': 'responseLatency',
      requestId: 'requestId',
      routeKey: 'routeKey',
    },
  },
  // W3C names, as CSV exports of IIS logs (Log Parser, Excel) keep them: `date` and `time` apart.
  {
    name: 'w3c',
    fields: { ...Object.fromEntries(W3C_NAMES.map((n) => [n, n])), 'time-taken': `time-taken:${W3C_TIME}` },
    dateTime: { date: 'date', time: 'time' },
  },
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
