/**
 * The JSON and CSV shapes logtally knows, as data: which source key (or dotted path) feeds which
 * record field. parsers/field-map.ts chooses one by the keys a file's first rows carry and compiles
 * it; `--map` covers the rest. A shape serves JSON and CSV alike; `family` says where it is met.
 */
import type { FormatInfo } from './format-info.js';

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

/** A shape with what `logtally formats` says of it; its catalog name is the report's label (`json (caddy)`). */
export interface ShapeEntry extends Shape, Omit<FormatInfo, 'name' | 'family' | 'label'> {
  family: 'json' | 'csv';
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

export const SHAPES: readonly ShapeEntry[] = [
  {
    name: 'caddy',
    family: 'json',
    description: "Caddy's structured access log (http.log.access): client_ip, remote_ip or remote_addr by version",
    spec: 'https://caddyserver.com/docs/caddyfile/directives/log',
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
    samples: [
      {
        lines: [
          '{"level":"info","ts":1716723772.6,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"10.0.0.1","remote_port":"51234","client_ip":"10.0.0.1","proto":"HTTP/2.0","method":"GET","host":"example.com","uri":"/docs?x=1","headers":{"User-Agent":["curl/8.4.0"]}},"bytes_read":0,"user_id":"","duration":0.002048,"size":5,"status":200}',
        ],
        records: [
          {
            time: '2024-05-26T11:42:52.600Z',
            'c-ip': '10.0.0.1',
            'cs-method': 'GET',
            'cs-host': 'example.com',
            'cs-uri-stem': '/docs',
            'cs-uri-query': 'x=1',
            'cs-version': 'HTTP/2.0',
            'cs(User-Agent)': 'curl/8.4.0',
            'sc-status': 200,
            'sc-bytes': 5,
            'time-taken': 2.048,
          },
        ],
      },
    ],
  },
  {
    name: 'cloudflare',
    family: 'json',
    description: 'Cloudflare Logpush HTTP requests; the time taken is EdgeEndTimestamp − EdgeStartTimestamp',
    spec: 'https://developers.cloudflare.com/logs/reference/log-fields/zone/http_requests/',
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
    samples: [
      {
        lines: [
          '{"ClientIP":"203.0.113.9","ClientRequestHost":"www.example.com","ClientRequestMethod":"GET","ClientRequestURI":"/a?b=1","EdgeResponseStatus":404,"EdgeResponseBytes":120,"EdgeStartTimestamp":1712790000100000000,"EdgeEndTimestamp":1712790000123000000}',
        ],
        records: [
          {
            time: '2024-04-10T23:00:00.100Z',
            'c-ip': '203.0.113.9',
            'cs-host': 'www.example.com',
            'cs-method': 'GET',
            'cs-uri-stem': '/a',
            'cs-uri-query': 'b=1',
            'sc-status': 404,
            'sc-bytes': 120,
            'time-taken': 23,
          },
        ],
      },
    ],
  },
  {
    // nginx `log_format … escape=json` with its variable names as keys, and the names common
    // templates give them instead (`user_agent`, `referer`, `clientip`, `method`, `url`; Graylog's
    // `graylog2_json` logs `response_status` and `request_verb`; ingress-nginx's documented JSON
    // `log-format-upstream` logs `vhost`, `path`, `request_query` and `request_proto`).
    name: 'nginx',
    family: 'json',
    description:
      'nginx log_format … escape=json with its variable names as keys, or the names common templates (Graylog, ingress-nginx) give them',
    spec: 'https://nginx.org/en/docs/http/ngx_http_log_module.html#log_format',
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
    samples: [
      {
        lines: [
          '{"time_iso8601":"2024-04-10T23:00:00+00:00","remote_addr":"203.0.113.7","request":"GET /x HTTP/1.1","status":"200","body_bytes_sent":"12","request_time":"0.004"}',
        ],
        records: [
          {
            time: '2024-04-10T23:00:00.000Z',
            'c-ip': '203.0.113.7',
            'cs-method': 'GET',
            'cs-uri-stem': '/x',
            'cs-version': 'HTTP/1.1',
            'sc-status': 200,
            'sc-bytes': 12,
            'time-taken': 4,
          },
        ],
      },
    ],
  },
  {
    // nginx JSON as alp (the ISUCON access-log profiler) documents it: short keys, `host` is
    // $remote_addr and `vhost` is $host, `response_time` is $upstream_response_time.
    // After nginx, so a log with only keys both know stays nginx. https://github.com/tkuchiki/alp
    name: 'alp',
    family: 'json',
    description: 'nginx JSON as alp (the ISUCON access-log profiler) documents it: short keys, host is the client, vhost the site',
    spec: 'https://github.com/tkuchiki/alp',
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
    samples: [
      {
        lines: [
          '{"time":"2015-09-06T05:58:05+09:00","method":"POST","uri":"/foo/bar?token=xxx&uuid=1234","status":200,"body_bytes":12,"response_time":0.057,"host":"127.0.0.1","forwardedfor":"-","req":"POST /foo/bar?token=xxx&uuid=1234 HTTP/1.1","ua":"curl/7.68.0","vhost":"example.com"}',
        ],
        records: [
          {
            time: '2015-09-05T20:58:05.000Z',
            'c-ip': '127.0.0.1',
            'cs-method': 'POST',
            'cs-uri-stem': '/foo/bar',
            'cs-uri-query': 'token=xxx&uuid=1234',
            'cs-host': 'example.com',
            'sc-status': 200,
            'sc-bytes': 12,
            'time-taken': 57,
          },
        ],
      },
    ],
  },
  {
    // Logstash's COMBINEDAPACHELOG / HTTPD_COMBINEDLOG grok names, as events written out as JSON
    // carry them: `request` is the target alone, `response` the status, referrer and agent
    // still in their quotes (grok's QS).
    name: 'logstash',
    family: 'json',
    description: "Logstash's COMBINEDAPACHELOG grok fields, as events written out as JSON carry them",
    spec: 'https://github.com/logstash-plugins/logstash-patterns-core/blob/main/patterns/legacy/httpd',
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
    samples: [
      {
        lines: [
          '{"clientip":"83.149.9.216","ident":"-","auth":"-","timestamp":"17/May/2015:10:05:03 +0000","verb":"GET","request":"/images/kibana-search.png","httpversion":"1.1","response":"200","bytes":"203023","referrer":"\\"http://semicomplete.com/\\"","agent":"\\"Mozilla/5.0\\""}',
        ],
        records: [
          {
            time: '2015-05-17T10:05:03.000Z',
            'c-ip': '83.149.9.216',
            'cs-method': 'GET',
            'cs-uri-stem': '/images/kibana-search.png',
            'cs-version': 'HTTP/1.1',
            'sc-status': 200,
            'sc-bytes': 203023,
            'cs(Referer)': 'http://semicomplete.com/',
            'cs(User-Agent)': 'Mozilla/5.0',
          },
        ],
      },
    ],
  },
  {
    // Apache `LogFormat` written as JSON, as Loggly's and AWS CloudWatch's guides give it (copied
    // widely): `request` is %U (the path), `query` %q, `time` %t in brackets or ISO, `process` %D in µs.
    // https://www.loggly.com/ultimate-guide/apache-logging-basics/
    name: 'apache-json',
    family: 'json',
    description: "Apache LogFormat written as JSON, as Loggly's and AWS CloudWatch's guides give it (process is %D in µs)",
    spec: 'https://www.loggly.com/ultimate-guide/apache-logging-basics/',
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
    samples: [
      {
        lines: [
          '{ "time":"[10/Oct/2023:13:55:36 +0200]", "remoteIP":"192.0.2.1", "host":"www.example.com", "request":"/index.html", "query":"?a=b", "method":"GET", "status":"200", "userAgent":"Mozilla/5.0", "referer":"-", "process":"1234" }',
        ],
        records: [
          {
            time: '2023-10-10T11:55:36.000Z',
            'c-ip': '192.0.2.1',
            'cs-host': 'www.example.com',
            'cs-uri-stem': '/index.html',
            'cs-uri-query': 'a=b',
            'cs-method': 'GET',
            'sc-status': 200,
            'cs(User-Agent)': 'Mozilla/5.0',
            'time-taken': 1.234,
          },
        ],
      },
    ],
  },
  {
    // Traefik `accessLog.format: json`: Duration in ns; ClientHost is dropped by some field
    // filters, ClientAddr (`ip:port`) is always there. https://doc.traefik.io/traefik/observability/access-logs/
    name: 'traefik',
    family: 'json',
    description: 'Traefik access log, format: json (Duration in ns)',
    spec: 'https://doc.traefik.io/traefik/observability/access-logs/',
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
    samples: [
      {
        lines: [
          '{"ClientAddr":"[2001:db8::7]:51432","DownstreamContentSize":19,"DownstreamStatus":404,"Duration":486767,"RequestContentSize":814,"RequestHost":"10.10.10.11","RequestMethod":"GET","RequestPath":"/foo/bar.php?x=1","RequestProtocol":"HTTP/1.1","StartLocal":"2024-02-02T18:07:08.048870614+01:00","request_User-Agent":"curl/8.4.0","time":"2024-02-02T17:07:08Z"}',
        ],
        records: [
          {
            time: '2024-02-02T17:07:08.048Z',
            'c-ip': '2001:db8::7',
            'cs-method': 'GET',
            'cs-host': '10.10.10.11',
            'cs-uri-stem': '/foo/bar.php',
            'cs-uri-query': 'x=1',
            'sc-status': 404,
            'sc-bytes': 19,
            'cs-bytes': 814,
            'time-taken': 0.487,
          },
        ],
      },
    ],
  },
  {
    // Envoy JSON access logs with the command operators' usual names: Istio's `accessLogEncoding:
    // JSON` and Envoy Gateway's default (`x-envoy-origin-path`, `:authority`, `user-agent`).
    // DURATION is ms. https://istio.io/latest/docs/tasks/observability/logs/access-log/
    name: 'envoy',
    family: 'json',
    description: "Envoy JSON access logs with the command operators' usual names (Istio's JSON encoding, Envoy Gateway's default)",
    spec: 'https://istio.io/latest/docs/tasks/observability/logs/access-log/',
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
    samples: [
      {
        lines: [
          '{"authority":"payment.example.com","bytes_received":"123","bytes_sent":"37","downstream_remote_address":"127.0.0.1:40421","duration":"27","method":"PUT","path":"/v1/order/2145","protocol":"HTTP/1.1","response_code":"503","response_flags":"UF","start_time":"2021-02-03T11:22:33.033Z","user_agent":"my-agent"}',
        ],
        records: [
          {
            time: '2021-02-03T11:22:33.033Z',
            'c-ip': '127.0.0.1',
            'cs-host': 'payment.example.com',
            'cs-method': 'PUT',
            'cs-uri-stem': '/v1/order/2145',
            'sc-status': 503,
            'cs-bytes': 123,
            'sc-bytes': 37,
            'time-taken': 27,
            response_flags: 'UF',
          },
        ],
      },
    ],
  },
  {
    // Google Cloud Logging LogEntry with an `httpRequest` (HTTP(S) load balancers, Cloud Run,
    // Knative queue-proxy); latency is a Duration string ("0.123s").
    // https://cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry#HttpRequest
    name: 'gcp',
    family: 'json',
    description:
      'Google Cloud Logging LogEntry with an httpRequest (HTTP(S) load balancers, Cloud Run, Knative); latency a Duration string',
    spec: 'https://cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry#HttpRequest',
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
    samples: [
      {
        lines: [
          '{"httpRequest":{"requestMethod":"GET","requestUrl":"http://81.2.69.193:8080/static/cats.jpg?w=2#top","requestSize":"577","status":304,"responseSize":"157","userAgent":"Mozilla/5.0","remoteIp":"89.160.20.156:9989","latency":"0.001448584s","protocol":"HTTP/2.0"},"timestamp":"2020-06-08T23:41:30.078651Z"}',
        ],
        records: [
          {
            time: '2020-06-08T23:41:30.078Z',
            'c-ip': '89.160.20.156',
            'cs-method': 'GET',
            'cs-host': '81.2.69.193:8080',
            'cs-uri-stem': '/static/cats.jpg',
            'cs-uri-query': 'w=2',
            'sc-status': 304,
            'sc-bytes': 157,
            'cs-bytes': 577,
            'time-taken': 1.449,
          },
        ],
      },
    ],
  },
  {
    // Kong's log plugins (file-log, http-log, tcp-log): started_at in ms, latencies in ms.
    // https://docs.konghq.com/hub/kong-inc/file-log/#log-format
    name: 'kong',
    family: 'json',
    description: "Kong's log plugins (file-log, http-log, tcp-log): started_at and latencies in ms",
    spec: 'https://docs.konghq.com/hub/kong-inc/file-log/#log-format',
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
    samples: [
      {
        lines: [
          '{"latencies":{"request":33,"kong":33,"proxy":0},"request":{"size":"423","uri":"/api/v1/health?full=1","method":"GET","headers":{"user-agent":"PostmanRuntime/3.0.11","host":"server1"}},"client_ip":"172.17.0.1","response":{"status":200,"size":"271"},"started_at":1509202924971}',
        ],
        records: [
          {
            time: '2017-10-28T15:02:04.971Z',
            'c-ip': '172.17.0.1',
            'cs-method': 'GET',
            'cs-host': 'server1',
            'cs-uri-stem': '/api/v1/health',
            'cs-uri-query': 'full=1',
            'cs(User-Agent)': 'PostmanRuntime/3.0.11',
            'sc-status': 200,
            'sc-bytes': 271,
            'cs-bytes': 423,
            'time-taken': 33,
          },
        ],
      },
    ],
  },
  {
    // Azure Front Door access log (diagnostic settings to storage or Event Hubs): numbers as
    // strings, timeTaken in seconds. https://learn.microsoft.com/azure/frontdoor/monitor-front-door
    name: 'azure-frontdoor',
    family: 'json',
    description: 'Azure Front Door access log (diagnostic settings to storage or Event Hubs): numbers as strings, timeTaken in s',
    spec: 'https://learn.microsoft.com/azure/frontdoor/monitor-front-door',
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
    samples: [
      {
        lines: [
          '{"time":"2020-06-09T22:32:17.8383427Z","category":"FrontdoorAccessLog","properties":{"httpMethod":"GET","httpVersion":"2.0","requestUri":"https://shop.azurefd.net:443/?q=1","requestBytes":"715","responseBytes":"380","userAgent":"Edg/85","clientIp":"198.51.100.9","timeTaken":"0.003","httpStatusCode":"403"}}',
        ],
        records: [
          {
            time: '2020-06-09T22:32:17.838Z',
            'c-ip': '198.51.100.9',
            'cs-method': 'GET',
            'cs-version': 'HTTP/2.0',
            'cs-host': 'shop.azurefd.net:443',
            'cs-uri-stem': '/',
            'cs-uri-query': 'q=1',
            'sc-status': 403,
            'sc-bytes': 380,
            'cs-bytes': 715,
            'time-taken': 3,
          },
        ],
      },
    ],
  },
  {
    // Azure Application Gateway access log: the query apart from the URI, timeTaken in seconds.
    // https://learn.microsoft.com/azure/application-gateway/monitor-application-gateway-reference
    name: 'azure-appgateway',
    family: 'json',
    description: 'Azure Application Gateway access log: the query apart from the URI, timeTaken in s',
    spec: 'https://learn.microsoft.com/azure/application-gateway/monitor-application-gateway-reference',
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
    samples: [
      {
        lines: [
          '{"time":"2024-03-01T10:00:00Z","category":"ApplicationGatewayAccessLog","properties":{"clientIP":"203.0.113.5","httpMethod":"POST","requestUri":"/api/cart","requestQuery":"id=7","userAgent":"curl/8.0","httpStatus":502,"httpVersion":"HTTP/1.1","receivedBytes":120,"sentBytes":310,"timeTaken":1.25,"host":"shop.example.com"}}',
        ],
        records: [
          {
            time: '2024-03-01T10:00:00.000Z',
            'c-ip': '203.0.113.5',
            'cs-method': 'POST',
            'cs-host': 'shop.example.com',
            'cs-uri-stem': '/api/cart',
            'cs-uri-query': 'id=7',
            'sc-status': 502,
            'cs-bytes': 120,
            'sc-bytes': 310,
            'time-taken': 1250,
          },
        ],
      },
    ],
  },
  {
    // Exchange Server's HttpProxy logs (Logging\HttpProxy\<protocol>, the front end of OWA, ECP,
    // EWS, ActiveSync, Autodiscover, MAPI) and its EWS logs (RequestSize/ResponseSize, no URL):
    // TotalRequestTime in ms, UrlQuery with its `?`.
    name: 'exchange',
    family: 'csv',
    description: 'Exchange Server HttpProxy and EWS logs: CSV under #Software/#Log-type/#Fields directives, TotalRequestTime in ms',
    spec: 'https://learn.microsoft.com/exchange/architecture/client-access/client-access',
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
    samples: [
      {
        lines: [
          '#Software: Microsoft Exchange Server',
          '#Version: 15.01.2375.007',
          '#Log-type: HttpProxy Logs',
          '#Date: 2023-01-11T16:00:11.478Z',
          '#Fields: DateTime,RequestId,MajorVersion,MinorVersion,BuildVersion,RevisionVersion,ClientRequestId,Protocol,UrlHost,UrlStem,ProtocolAction,AuthenticationType,IsAuthenticated,AuthenticatedUser,Organization,AnchorMailbox,UserAgent,ClientIpAddress,ServerHostName,HttpStatus,BackEndStatus,ErrorCode,Method,ProxyAction,TargetServer,TargetServerVersion,RoutingType,RoutingHint,BackEndCookie,ServerLocatorHost,ServerLocatorLatency,RequestBytes,ResponseBytes,TargetOutstandingRequests,AuthModulePerfContext,HttpPipelineLatency,CalculateTargetBackEndLatency,GlsLatencyBreakup,TotalGlsLatency,AccountForestLatencyBreakup,TotalAccountForestLatency,ResourceForestLatencyBreakup,TotalResourceForestLatency,ADLatency,SharedCacheLatencyBreakup,TotalSharedCacheLatency,ActivityContextLifeTime,ModuleToHandlerSwitchingLatency,ClientReqStreamLatency,BackendReqInitLatency,BackendReqStreamLatency,BackendProcessingLatency,BackendRespInitLatency,BackendRespStreamLatency,ClientRespStreamLatency,KerberosAuthHeaderLatency,HandlerCompletionLatency,RequestHandlerLatency,HandlerToModuleSwitchingLatency,ProxyTime,CoreLatency,RoutingLatency,HttpProxyOverhead,TotalRequestTime,RouteRefresherLatency,UrlQuery,BackEndGenericInfo,GenericInfo,GenericErrors,EdgeTraceId,DatabaseGuid,UserADObjectGuid,PartitionEndpointLookupLatency,RoutingStatus',
          '2023-01-11T16:06:06.997Z,,,,,,,Eas,mail.example.com,/Microsoft-Server-ActiveSync/default.eas,,,,EXAMPLE\\alice,,,Outlook-iOS-Android/1.0,203.0.113.30,EXCH01,403,403,,OPTIONS,,,,,,,,,0,5278,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,19068,,?Cmd=Options&User=alice,,,,,,,,',
        ],
        records: [
          {
            time: '2023-01-11T16:06:06.997Z',
            'c-ip': '203.0.113.30',
            'cs-username': 'EXAMPLE\\alice',
            'cs-method': 'OPTIONS',
            'cs-host': 'mail.example.com',
            'cs-uri-stem': '/Microsoft-Server-ActiveSync/default.eas',
            'cs-uri-query': 'Cmd=Options&User=alice',
            'sc-status': 403,
            'sc-bytes': 5278,
            'cs-bytes': 0,
            'time-taken': 19068,
            's-computername': 'EXCH01',
            BackEndStatus: '403',
          },
        ],
      },
    ],
  },
  {
    // Azure App Service HTTP logs (AppServiceHTTPLogs): IIS's W3C fields in PascalCase, under
    // `properties` as diagnostic settings write them to storage or Event Hubs, at the top level with
    // TimeGenerated in a Log Analytics export; TimeTaken in ms.
    // https://learn.microsoft.com/azure/azure-monitor/reference/tables/appservicehttplogs
    name: 'azure-appservice',
    family: 'json',
    description: "Azure App Service HTTP logs (AppServiceHTTPLogs): IIS's W3C fields in PascalCase, under properties or at the top level",
    spec: 'https://learn.microsoft.com/azure/azure-monitor/reference/tables/appservicehttplogs',
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
    samples: [
      {
        lines: [
          '{"time":"2025-03-02T20:24:00.8208182Z","category":"AppServiceHTTPLogs","properties":{"CsMethod":"GET","CsUriStem":"/","SPort":"443","CIp":"52.158.28.64:51234","UserAgent":"Mozilla/5.0+(compatible;+AppInsights)","CsHost":"app.azurewebsites.net","ScStatus":500,"ScSubStatus":"19","ScWin32Status":"13","ScBytes":2140,"CsBytes":1386,"TimeTaken":17,"Result":"Success","CsUriQuery":"X-ARR-LOG-ID=1"}}',
        ],
        records: [
          {
            time: '2025-03-02T20:24:00.820Z',
            'c-ip': '52.158.28.64',
            'cs-method': 'GET',
            'cs-host': 'app.azurewebsites.net',
            'cs-uri-stem': '/',
            'cs-uri-query': 'X-ARR-LOG-ID=1',
            's-port': 443,
            'sc-status': 500,
            'sc-substatus': 19,
            'sc-win32-status': 13,
            'sc-bytes': 2140,
            'cs-bytes': 1386,
            'time-taken': 17,
          },
        ],
      },
    ],
  },
  {
    // Amazon API Gateway access logs in the JSON the console offers (REST: `resourcePath`, HTTP APIs:
    // `routeKey`), copied into most stacks: every value a string, requestTime in CLF, responseLatency
    // in ms. `path` is the path requested; `resourcePath` its route template (`/pets/{petId}`).
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html
    name: 'aws-apigateway',
    family: 'json',
    description:
      "Amazon API Gateway access logs in the console's JSON formats (REST and HTTP APIs): every value a string, requestTime in CLF",
    spec: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html',
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
    samples: [
      {
        lines: [
          '{ "requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "ip": "203.0.113.10", "caller":"-", "user":"-","requestTime":"09/Jan/2024:13:00:00 +0100", "httpMethod":"GET","resourcePath":"/pets/{petId}", "status":"200","protocol":"HTTP/1.1", "responseLength":"123" }',
        ],
        records: [
          {
            time: '2024-01-09T12:00:00.000Z',
            'c-ip': '203.0.113.10',
            'cs-method': 'GET',
            'cs-uri-stem': '/pets/{petId}',
            'cs-version': 'HTTP/1.1',
            'sc-status': 200,
            'sc-bytes': 123,
            requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
          },
        ],
      },
    ],
  },
  // W3C names, as CSV exports of IIS logs (Log Parser, Excel) keep them: `date` and `time` apart.
  {
    name: 'w3c',
    family: 'csv',
    description: 'W3C field names as CSV exports of IIS logs keep them (Log Parser, Excel): date and time apart',
    spec: 'https://learn.microsoft.com/windows/win32/http/w3c-logging',
    fields: { ...Object.fromEntries(W3C_NAMES.map((n) => [n, n])), 'time-taken': 'time-taken:w3c' },
    dateTime: { date: 'date', time: 'time' },
    samples: [
      {
        lines: [
          'date,time,c-ip,cs-method,cs-uri-stem,cs-uri-query,sc-status,sc-substatus,sc-win32-status,time-taken',
          '2024-01-09,12:00:00,203.0.113.10,GET,/index.html,-,500,19,13,15',
        ],
        records: [
          {
            time: '2024-01-09T12:00:00.000Z',
            'c-ip': '203.0.113.10',
            'cs-method': 'GET',
            'cs-uri-stem': '/index.html',
            'sc-status': 500,
            'sc-substatus': 19,
            'sc-win32-status': 13,
            'time-taken': 15,
          },
        ],
      },
    ],
  },
];
