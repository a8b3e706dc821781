/**
 * JSON lines and JSON arrays (stream-json, line by line): built-in shapes (Caddy, Cloudflare, nginx JSON) chosen from the first lines, `--map`
 * for others, timestamps in any epoch unit, and server messages counted apart from requests.
 * lnav's Caddy and Cloudflare logs are checked file by file in fixtures/json.
 */
import { describe, expect, it } from 'vitest';
import { fixedOffset } from '../parsers/local-time.js';
import { parseFieldMap, toTimestamp } from '../parsers/field-map.js';
import { jsonArrayFormat, jsonLinesFormat } from '../parsers/json-lines.js';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string, options: { format?: string; fieldMap?: Record<string, string> } = {}): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('access.json', text)], options)) out.push(r);
  return out;
}

describe('format: json', () => {
  it('parses every sample line, detected without flags', async () => {
    for (const sample of jsonLinesFormat.samples) {
      const [r] = await records(sample);
      expect(r!.format).toBe('json');
      expect(typeof r!.record['sc-status']).toBe('number');
    }
  });

  it('maps nginx escape=json keys: request split, numeric strings as numbers, request_time in ms', async () => {
    const [r] = await records(jsonLinesFormat.samples[1]!);
    expect(r!.record).toEqual({
      timestamp: Date.UTC(2024, 3, 10, 23),
      'c-ip': '203.0.113.7',
      'cs-method': 'GET',
      'cs-uri-stem': '/x',
      'cs-version': 'HTTP/1.1',
      'sc-status': 200,
      'sc-bytes': 12,
      'time-taken': 4,
    });
  });

  it("reads Graylog's graylog2_json nginx template: response_status and request_verb", async () => {
    // Hand-written in the shape of Graylog's template (a number status, `host` = $host).
    const line =
      '{ "timestamp": "2024-04-10T23:00:00+00:00", "remote_addr": "203.0.113.7", "body_bytes_sent": 612, "request_time": 0.003, "response_status": 404, "request": "GET /a?b=1 HTTP/1.1", "request_verb": "GET", "host": "example.com", "http_referrer": "", "http_user_agent": "curl/8.0" }';
    const [r] = await records(line);
    expect(r!.format).toBe('json');
    expect(r!.record).toMatchObject({
      'c-ip': '203.0.113.7',
      'cs-method': 'GET',
      'cs-uri-stem': '/a',
      'cs-uri-query': 'b=1',
      'cs-host': 'example.com',
      'sc-status': 404,
      'sc-bytes': 612,
      'time-taken': 3,
    });
  });

  it("reads Apache's JSON LogFormat as Loggly and CloudWatch give it: %t in brackets, %U and %q apart, %D µs", async () => {
    // Hand-written lines of the two variants' shape.
    const loggly =
      '{ "time":"[10/Oct/2023:13:55:36 +0200]", "remoteIP":"192.0.2.1", "host":"www.example.com", "request":"/index.html", "query":"?a=b", "method":"GET", "status":"200", "userAgent":"Mozilla/5.0", "referer":"-" }';
    const cloudwatch =
      '{"time":"2023-10-10T13:55:36.123Z", "process":"1234", "filename":"/var/www/html/index.php", "remoteIP":"192.0.2.2", "host":"example.com", "request":"/index.php", "query":"","method":"POST", "status":"404", "userAgent":"curl/8.0","referer":"-"}';
    const [a, b] = await records([loggly, cloudwatch].join('\n'));
    expect(a!.record).toEqual({
      timestamp: Date.UTC(2023, 9, 10, 11, 55, 36),
      'c-ip': '192.0.2.1',
      'cs-host': 'www.example.com',
      'cs-uri-stem': '/index.html',
      'cs-uri-query': 'a=b',
      'cs-method': 'GET',
      'sc-status': 200,
      'cs(User-Agent)': 'Mozilla/5.0',
    });
    expect(b!.record).toMatchObject({
      timestamp: Date.UTC(2023, 9, 10, 13, 55, 36, 123),
      'cs-uri-stem': '/index.php',
      'sc-status': 404,
      'time-taken': 1.234,
    });
    expect(b!.record['cs-uri-query']).toBeUndefined();
  });

  it("takes Caddy's client from remote_ip (2.5–2.6) and remote_addr ip:port (2.0–2.4) when client_ip is missing", async () => {
    const line = (request: string) =>
      `{"level":"info","ts":1589436543.3458548,"logger":"http.log.access.log0","msg":"handled request","request":{${request},"method":"GET","uri":"/","proto":"HTTP/2.0","host":"example.com"},"duration":0.000221397,"size":0,"status":304}`;
    const found = await records([line('"remote_addr":"127.0.0.1:27615"'), line('"remote_ip":"10.0.0.1","remote_port":"5555"')].join('\n'));
    expect(found.map((r) => r.record['c-ip'])).toEqual(['127.0.0.1', '10.0.0.1']);
    expect(found[0]!.record).toMatchObject({ timestamp: Date.UTC(2020, 4, 14, 6, 9, 3, 346), 'sc-status': 304, 'time-taken': 0.221 });
  });

  it("reads ingress-nginx's documented JSON log-format-upstream: vhost, path, request_query, request_proto", async () => {
    // Hand-written in the shape of the ingress-nginx docs' JSON example.
    const line =
      '{"time": "2023-10-10T13:55:36+00:00", "remote_addr": "10.0.0.1", "x_forwarded_for": "203.0.113.9", "request_id": "abc", "remote_user": "", "bytes_sent": 1234, "request_time": 0.012, "status": 200, "vhost": "app.example.com", "request_proto": "HTTP/2.0", "path": "/api/v1/items", "request_query": "page=2", "request_length": 321, "duration": 0.012, "method": "GET", "http_referrer": "", "http_user_agent": "curl/8.0"}';
    const [r] = await records(line);
    expect(r!.record).toMatchObject({
      'cs-host': 'app.example.com',
      'cs-uri-stem': '/api/v1/items',
      'cs-uri-query': 'page=2',
      'cs-version': 'HTTP/2.0',
      'sc-status': 200,
      'time-taken': 12,
    });
  });

  it("reads events cut by Logstash's COMBINEDAPACHELOG grok (quoted referrer and agent) and Rally's http_logs (size)", async () => {
    // Hand-written in the shape of those events.
    const grok =
      '{"clientip":"83.149.9.216","ident":"-","auth":"-","timestamp":"17/May/2015:10:05:03 +0000","verb":"GET","request":"/images/kibana-search.png","httpversion":"1.1","response":"200","bytes":"203023","referrer":"\\"http://semicomplete.com/\\"","agent":"\\"Mozilla/5.0\\""}';
    const rally =
      '{"@timestamp": 893964617, "clientip":"40.135.0.0", "request": "GET /images/hm_bg.jpg HTTP/1.0", "status": 200, "size": 24736}';
    const [a] = await records(grok);
    expect(a!.record).toEqual({
      timestamp: Date.UTC(2015, 4, 17, 10, 5, 3),
      'c-ip': '83.149.9.216',
      'cs-method': 'GET',
      'cs-uri-stem': '/images/kibana-search.png',
      'cs-version': 'HTTP/1.1',
      'sc-status': 200,
      'sc-bytes': 203023,
      'cs(Referer)': 'http://semicomplete.com/',
      'cs(User-Agent)': 'Mozilla/5.0',
    });
    const [b] = await records(rally);
    expect(b!.record).toMatchObject({
      timestamp: 893964617000,
      'c-ip': '40.135.0.0',
      'cs-method': 'GET',
      'cs-uri-stem': '/images/hm_bg.jpg',
      'sc-status': 200,
      'sc-bytes': 24736,
    });
  });

  it("reads a JSON log_format written without escape=json: nginx's \\xHH escapes decoded (UTF-8, quotes, backslashes)", async () => {
    // Hand-written as nginx's default escaping writes a quote, a backslash and UTF-8 bytes.
    const line = String.raw`{"time_local":"10/Oct/2023:13:55:36 +0000","remote_addr":"10.0.0.1","request":"GET /caf\xC3\xA9 HTTP/1.1","status":"200","body_bytes_sent":"5","http_user_agent":"UA \x22q\x22 back\x5Cslash","request_time":"0.001"}`;
    const found = await records(line);
    expect(found).toHaveLength(1);
    expect(found[0]!.record).toMatchObject({ 'cs-uri-stem': '/café', 'cs(User-Agent)': 'UA "q" back\\slash', 'sc-status': 200 });
  });

  it('reads other shapes with --map (units on durations)', async () => {
    const line = '{"when":"2024-04-10T23:00:00Z","code":"503","path":"/api?x=1","elapsed":0.25,"who":{"ip":"198.51.100.4"}}';
    const [r] = await records(line, {
      format: 'json',
      fieldMap: parseFieldMap('time=when,status=code,uri=path,duration=elapsed:s,ip=who.ip'),
    });
    expect(r!.record).toEqual({
      timestamp: Date.UTC(2024, 3, 10, 23),
      'sc-status': 503,
      'cs-uri-stem': '/api',
      'cs-uri-query': 'x=1',
      'time-taken': 250,
      'c-ip': '198.51.100.4',
    });
  });

  it('rejects --map entries that are not FIELD=KEY', () => {
    expect(() => parseFieldMap('status')).toThrow(/FIELD=KEY/);
  });

  it('reads epoch timestamps in s, ms, µs and ns, and RFC 3339 strings', () => {
    const ms = Date.UTC(2024, 3, 10, 23, 0, 0, 100);
    expect([ms / 1000, ms, ms * 1000, ms * 1e6, '2024-04-10T23:00:00.100Z'].map((v) => toTimestamp(v, fixedOffset(0)))).toEqual([
      ms,
      ms,
      ms,
      ms,
      ms,
    ]);
  });

  it("reads a time without an offset at the --tz offset, not in the machine's zone (Caddy `wall`, `2024-04-10 23:00:00`)", () => {
    const at = Date.UTC(2024, 3, 10, 21, 0, 0, 100);
    const plus2 = fixedOffset(120);
    expect(
      [
        '2024-04-10 23:00:00.100',
        '2024-04-10T23:00:00.100',
        '2024/04/10 23:00:00.100',
        '2024-04-10T23:00:00.100+0200',
        '2024-04-10T21:00:00.100Z',
      ].map((v) => toTimestamp(v, plus2)),
    ).toEqual([at, at, at, at, at]);
  });

  it("counts a server's own messages apart from requests, and rejects lines that are not JSON", async () => {
    const caddy =
      '{"level":"info","ts":1716723772.6,"logger":"http.log.access","request":{"client_ip":"10.0.0.1","method":"GET","uri":"/"},"status":200,"size":5,"duration":0.002}';
    const report = await analyse([
      memorySource('c.log', ['{"level":"info","ts":1716723772.1,"msg":"serving"}', caddy, '{"truncated":'].join('\n')),
    ]);
    expect(report.input).toMatchObject({
      records: 1,
      directives: 1,
      rejected: 1,
      rejectedByReason: { 'invalid-json': 1 },
      formats: { 'json (caddy)': 1 },
    });
  });

  it('does not claim JSON of an unknown shape: it names what was tried instead', async () => {
    await expect(analyse([memorySource('app.json', '{"event":"login","user":"x"}')])).rejects.toThrow(
      /not a log format logtally knows[^\n]*\nformats tried on the skipped files: .*json/,
    );
  });
});

describe('format: json, built-in shapes', () => {
  // One line each in the products' documented field names; values checked by hand.
  it('reads Traefik: Duration in ns, ClientAddr without its port when ClientHost is dropped', async () => {
    const line =
      '{"ClientAddr":"[2001:db8::7]:51432","DownstreamContentSize":19,"DownstreamStatus":404,"Duration":486767,"RequestContentSize":814,"RequestHost":"10.10.10.11","RequestMethod":"GET","RequestPath":"/foo/bar.php?x=1","RequestProtocol":"HTTP/1.1","StartLocal":"2024-02-02T18:07:08.048870614+01:00","request_User-Agent":"curl/8.4.0","time":"2024-02-02T17:07:08Z"}';
    const [r] = await records(line);
    expect([r!.format, r!.record]).toEqual([
      'json',
      {
        timestamp: Date.UTC(2024, 1, 2, 17, 7, 8, 48),
        'c-ip': '2001:db8::7',
        'cs-method': 'GET',
        'cs-uri-stem': '/foo/bar.php',
        'cs-uri-query': 'x=1',
        'cs-version': 'HTTP/1.1',
        'cs-host': '10.10.10.11',
        'cs(User-Agent)': 'curl/8.4.0',
        'sc-status': 404,
        'sc-bytes': 19,
        'cs-bytes': 814,
        'time-taken': 0.487,
      },
    ]);
  });

  it('reads Envoy (Istio, Envoy Gateway): numbers as strings, DURATION in ms, the remote port dropped', async () => {
    const istio =
      '{"authority":"payment.example.com","bytes_received":"123","bytes_sent":"37","downstream_remote_address":"127.0.0.1:40421","duration":"27","method":"PUT","path":"/v1/order/2145","protocol":"HTTP/1.1","response_code":"503","response_flags":"UF","start_time":"2021-02-03T11:22:33.033Z","user_agent":"my-agent"}';
    const gateway =
      '{":authority":"backend:3000","bytes_sent":466,"duration":1,"method":"GET","response_code":200,"start_time":"2025-04-09T11:44:45.639Z","user-agent":"curl/7.88.1","x-envoy-origin-path":"/a?b=2"}';
    const found = await records([istio, gateway].join('\n'));
    expect(found.map((r) => r.record)).toMatchObject([
      {
        timestamp: Date.UTC(2021, 1, 3, 11, 22, 33, 33),
        'c-ip': '127.0.0.1',
        'cs-method': 'PUT',
        'cs-uri-stem': '/v1/order/2145',
        'cs-host': 'payment.example.com',
        'sc-status': 503,
        'sc-bytes': 37,
        'cs-bytes': 123,
        'time-taken': 27,
        'cs(User-Agent)': 'my-agent',
      },
      {
        'cs-host': 'backend:3000',
        'cs-uri-stem': '/a',
        'cs-uri-query': 'b=2',
        'sc-status': 200,
        'time-taken': 1,
        'cs(User-Agent)': 'curl/7.88.1',
      },
    ]);
  });

  it('reads Google Cloud httpRequest: latency "0.123s", an absolute requestUrl split into host and path', async () => {
    const line =
      '{"httpRequest":{"requestMethod":"GET","requestUrl":"http://81.2.69.193:8080/static/cats.jpg?w=2#top","requestSize":"577","status":304,"responseSize":"157","userAgent":"Mozilla/5.0","remoteIp":"89.160.20.156:9989","latency":"0.001448584s","protocol":"HTTP/2.0"},"timestamp":"2020-06-08T23:41:30.078651Z"}';
    const [r] = await records(line);
    expect(r!.record).toEqual({
      timestamp: Date.UTC(2020, 5, 8, 23, 41, 30, 78),
      'c-ip': '89.160.20.156',
      'cs-method': 'GET',
      'cs-host': '81.2.69.193:8080',
      'cs-uri-stem': '/static/cats.jpg',
      'cs-uri-query': 'w=2',
      'cs-version': 'HTTP/2.0',
      'cs(User-Agent)': 'Mozilla/5.0',
      'sc-status': 304,
      'sc-bytes': 157,
      'cs-bytes': 577,
      'time-taken': 1.449,
    });
  });

  it('reads Kong log plugins: started_at in ms, latencies.request in ms', async () => {
    const line =
      '{"latencies":{"request":33,"kong":33,"proxy":0},"request":{"size":"423","uri":"/api/v1/health?full=1","method":"GET","headers":{"user-agent":"PostmanRuntime/3.0.11","host":"server1"}},"client_ip":"172.17.0.1","response":{"status":200,"size":"271"},"started_at":1509202924971}';
    const [r] = await records(line);
    expect(r!.record).toEqual({
      timestamp: 1509202924971,
      'c-ip': '172.17.0.1',
      'cs-method': 'GET',
      'cs-uri-stem': '/api/v1/health',
      'cs-uri-query': 'full=1',
      'cs-host': 'server1',
      'cs(User-Agent)': 'PostmanRuntime/3.0.11',
      'sc-status': 200,
      'sc-bytes': 271,
      'cs-bytes': 423,
      'time-taken': 33,
    });
  });

  it('reads Azure Front Door and Application Gateway access logs: strings as numbers, timeTaken in s', async () => {
    const frontDoor =
      '{"time":"2020-06-09T22:32:17.8383427Z","category":"FrontdoorAccessLog","properties":{"httpMethod":"GET","httpVersion":"2.0","requestUri":"https://shop.azurefd.net:443/?q=1","requestBytes":"715","responseBytes":"380","userAgent":"Edg/85","clientIp":"198.51.100.9","timeTaken":"0.003","httpStatusCode":"403"}}';
    const gateway =
      '{"time":"2024-03-01T10:00:00Z","category":"ApplicationGatewayAccessLog","properties":{"clientIP":"203.0.113.5","httpMethod":"POST","requestUri":"/api/cart","requestQuery":"id=7","userAgent":"curl/8.0","httpStatus":502,"httpVersion":"HTTP/1.1","receivedBytes":120,"sentBytes":310,"timeTaken":1.25,"host":"shop.example.com"}}';
    // A file has one shape: each log in its own.
    const found = [...(await records(frontDoor)), ...(await records(gateway))];
    expect(found.map((r) => r.record)).toEqual([
      {
        timestamp: Date.UTC(2020, 5, 9, 22, 32, 17, 838),
        'c-ip': '198.51.100.9',
        'cs-method': 'GET',
        'cs-host': 'shop.azurefd.net:443',
        'cs-uri-stem': '/',
        'cs-uri-query': 'q=1',
        'cs-version': 'HTTP/2.0',
        'cs(User-Agent)': 'Edg/85',
        'sc-status': 403,
        'sc-bytes': 380,
        'cs-bytes': 715,
        'time-taken': 3,
      },
      {
        timestamp: Date.UTC(2024, 2, 1, 10),
        'c-ip': '203.0.113.5',
        'cs-method': 'POST',
        'cs-uri-stem': '/api/cart',
        'cs-uri-query': 'id=7',
        'cs-version': 'HTTP/1.1',
        'cs-host': 'shop.example.com',
        'cs(User-Agent)': 'curl/8.0',
        'sc-status': 502,
        'sc-bytes': 310,
        'cs-bytes': 120,
        'time-taken': 1250,
      },
    ]);
  });

  it('reads Azure App Service HTTP logs: W3C fields in PascalCase under properties, or at the top level as Log Analytics exports them', async () => {
    // Shaped after the AppServiceHTTPLogs schema and an Event Hubs diagnostic record.
    const diagnostic =
      '{"time":"2025-03-02T20:24:00.8208182Z","category":"AppServiceHTTPLogs","properties":{"CsMethod":"GET","CsUriStem":"/","SPort":"443","CIp":"52.158.28.64:51234","UserAgent":"Mozilla/5.0+(compatible;+AppInsights)","CsHost":"app.azurewebsites.net","ScStatus":200,"ScSubStatus":"0","ScWin32Status":"0","ScBytes":2140,"CsBytes":1386,"TimeTaken":17,"Result":"Success","Cookie":"-","CsUriQuery":"X-ARR-LOG-ID=aa4d","CsUsername":"-","Referer":"-","ComputerName":"WEBWK000003"}}';
    const [d] = await records(diagnostic);
    expect(d!.record).toEqual({
      timestamp: Date.UTC(2025, 2, 2, 20, 24, 0, 820),
      'c-ip': '52.158.28.64',
      'cs-method': 'GET',
      'cs-uri-stem': '/',
      'cs-uri-query': 'X-ARR-LOG-ID=aa4d',
      'cs-host': 'app.azurewebsites.net',
      'cs(User-Agent)': 'Mozilla/5.0+(compatible;+AppInsights)',
      'sc-status': 200,
      'sc-substatus': 0,
      'sc-win32-status': 0,
      'sc-bytes': 2140,
      'cs-bytes': 1386,
      'time-taken': 17,
      's-port': 443,
      's-computername': 'WEBWK000003',
    });
    const [e] = await records(
      '{"TimeGenerated":"2025-03-02T20:25:00Z","CsMethod":"POST","CsUriStem":"/api","CIp":"10.0.0.1","ScStatus":"502","TimeTaken":"40"}',
    );
    expect(e!.record).toEqual({
      timestamp: Date.UTC(2025, 2, 2, 20, 25),
      'c-ip': '10.0.0.1',
      'cs-method': 'POST',
      'cs-uri-stem': '/api',
      'sc-status': 502,
      'time-taken': 40,
    });
  });

  it('reads the time of Application Gateway v2 logs, which name it timeStamp', async () => {
    // Shaped after Microsoft's v2 access log sample.
    const line =
      '{"timeStamp":"2021-10-14T22:17:11+00:00","category":"ApplicationGatewayAccessLog","properties":{"clientIP":"1.2.3.4","httpMethod":"GET","requestUri":"/","httpStatus":200,"timeTaken":0.034}}';
    const [r] = await records(line);
    expect(r!.record).toMatchObject({
      timestamp: Date.UTC(2021, 9, 14, 22, 17, 11),
      'sc-status': 200,
      'c-ip': '1.2.3.4',
      'time-taken': 34,
    });
  });

  it('reads Amazon API Gateway access logs in the console JSON formats (REST and HTTP APIs), strings throughout', async () => {
    // Lines written to the $context variables of AWS's JSON presets; values hand-checked.
    const rest =
      '{ "requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "ip": "203.0.113.10", "caller":"-", "user":"-","requestTime":"09/Jan/2024:13:00:00 +0100", "httpMethod":"GET","resourcePath":"/pets/{petId}", "status":"200","protocol":"HTTP/1.1", "responseLength":"123" }';
    const [r] = await records(rest);
    expect(r!.record).toEqual({
      timestamp: Date.UTC(2024, 0, 9, 12),
      'c-ip': '203.0.113.10',
      'cs-method': 'GET',
      'cs-uri-stem': '/pets/{petId}',
      'cs-version': 'HTTP/1.1',
      'sc-status': 200,
      'sc-bytes': 123,
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    });
    const http =
      '{"requestId":"abc=","ip":"198.51.100.7","requestTime":"09/Jan/2024:12:00:00 +0000","httpMethod":"POST","routeKey":"POST /items","status":"502","protocol":"HTTP/1.1","responseLength":"-","path":"/prod/items","responseLatency":"29"}';
    const [h] = await records(http);
    expect(h!.record).toMatchObject({
      'c-ip': '198.51.100.7',
      'cs-method': 'POST',
      'cs-uri-stem': '/prod/items',
      'sc-status': 502,
      'time-taken': 29,
      routeKey: 'POST /items',
    });
    expect(h!.record).not.toHaveProperty('sc-bytes');
  });

  it("reads W3C-named JSON's decimal time-taken as seconds, as the W3C reader does (CloudFront's JSON logs), whole numbers as IIS's ms", async () => {
    const cloudfront =
      '{"date":"2024-01-09","time":"12:00:00","sc-bytes":"1045","c-ip":"203.0.113.10","cs-method":"GET","cs-uri-stem":"/index.html","sc-status":"200","time-taken":"0.002"}';
    const iis =
      '{"date":"2024-01-09","time":"12:00:01","c-ip":"203.0.113.11","cs-method":"GET","cs-uri-stem":"/a","sc-status":200,"time-taken":15}';
    const found = await records([cloudfront, iis].join('\n'));
    expect(found.map((r) => [r.record.timestamp, r.record['time-taken']])).toEqual([
      [Date.UTC(2024, 0, 9, 12), 2],
      [Date.UTC(2024, 0, 9, 12, 0, 1), 15],
    ]);
  });

  it('reads durations that carry their unit (Go, protobuf Duration) with --map', async () => {
    const text = [
      '{"code":200,"took":"968.030256ms"}',
      '{"code":200,"took":"12µs"}',
      '{"code":200,"took":"2s"}',
      '{"code":200,"took":"1h2m"}',
    ].join('\n');
    const found = await records(text, { format: 'json', fieldMap: parseFieldMap('status=code,duration=took') });
    expect(found.map((r) => r.record['time-taken'])).toEqual([968.03, 0.012, 2000, undefined]);
  });
});

describe('format: json-array', () => {
  const element = (status: number, ip: string) => ({ remote_addr: ip, request: 'GET /x HTTP/1.1', status, body_bytes_sent: 5 });
  const lines = (report: Awaited<ReturnType<typeof analyse>>) =>
    report.input.records + report.input.directives + report.input.blank + report.input.rejected;

  it('parses the samples, detected without flags, with the brackets as directives', async () => {
    const report = await analyse([memorySource('dump.json', jsonArrayFormat.samples.join('\n'))]);
    expect(report.input).toMatchObject({ lines: 4, records: 2, directives: 2, rejected: 0, formats: { 'json-array (cloudflare)': 2 } });
  });

  it('reads a pretty-printed array, numbering each record by the line that opens its element', async () => {
    const text = JSON.stringify([element(200, '192.0.2.1'), element(404, '192.0.2.2')], null, 2);
    const found = await records(text);
    expect(found.map((r) => [r.line, r.format, r.record['sc-status'], r.record['c-ip']])).toEqual([
      [2, 'json-array', 200, '192.0.2.1'],
      [8, 'json-array', 404, '192.0.2.2'],
    ]);
    const report = await analyse([memorySource('dump.json', text)]);
    expect(report.input).toMatchObject({ lines: 14, records: 2, directives: 12, rejected: 0 });
  });

  it('reads a one-line array of one request, and one of several as one line per element: lines add up', async () => {
    const [one] = await records(JSON.stringify([element(201, '192.0.2.3')]));
    expect([one!.line, one!.record['sc-status']]).toEqual([1, 201]);
    const text = JSON.stringify([element(200, '192.0.2.4'), { msg: 'rotated' }, 7, element(500, '192.0.2.5')]);
    const found = await records(text);
    expect(found.map((r) => [r.line, r.record['sc-status'], r.record['c-ip']])).toEqual([
      [1, 200, '192.0.2.4'],
      [1, 500, '192.0.2.5'],
    ]);
    const report = await analyse([memorySource('dump.json', text)]);
    expect(report.input).toMatchObject({ lines: 4, records: 2, directives: 1, rejected: 1, rejectedByReason: { 'invalid-json': 1 } });
    expect(lines(report)).toBe(report.input.lines);
  });

  it('reads pretty-printed objects one after another (jq . output) as json-objects', async () => {
    const text = [JSON.stringify(element(200, '192.0.2.6'), null, 2), JSON.stringify(element(404, '192.0.2.7'), null, 2)].join('\n');
    const found = await records(text);
    expect(found.map((r) => [r.line, r.record['sc-status'], r.record['c-ip']])).toEqual([
      [1, 200, '192.0.2.6'],
      [7, 404, '192.0.2.7'],
    ]);
    const report = await analyse([memorySource('pretty.json', text)]);
    expect(report.input).toMatchObject({ lines: 12, records: 2, directives: 10, rejected: 0, formats: { 'json-objects (nginx)': 2 } });
  });

  it('rejects a malformed element as invalid-json and resumes at the next element; lines add up', async () => {
    const text = [
      '[',
      '  {',
      '    "status": 200,',
      '    "remote_addr": "192.0.2.1"',
      '  },',
      '  {',
      '    "status": 2x0,',
      '    "remote_addr": "192.0.2.2"',
      '  },',
      '',
      '  {',
      '    "status": 503,',
      '    "remote_addr": "192.0.2.3"',
      '  }',
      ']',
    ].join('\n');
    const found = await records(text);
    expect(found.map((r) => [r.line, r.record['sc-status']])).toEqual([
      [2, 200],
      [11, 503],
    ]);
    const report = await analyse([memorySource('dump.json', text)]);
    expect(report.input).toMatchObject({
      lines: 15,
      records: 2,
      blank: 1,
      rejected: 3,
      directives: 9,
      rejectedByReason: { 'invalid-json': 3 },
    });
    expect(lines(report)).toBe(report.input.lines);
    expect(report.input.rejectedSamples.map((s) => s.line)).toEqual([7, 8, 9]);
  });

  it('says so when the file ends inside an element', async () => {
    const report = await analyse([memorySource('cut.json', '[\n{"status":200,"remote_addr":"192.0.2.1"},\n{"status":201,')]);
    expect(report.input).toMatchObject({ lines: 3, records: 1, directives: 2 });
    expect(report.input.notes.join('\n')).toContain('ends inside an element');
  });

  it('names the shapes it knows when an element longer than detection sees has none of them', async () => {
    const text = ['{', ...Array.from({ length: 20 }, (_, i) => `  "k${i}": ${i},`), '  "code": 200', '}'].join('\n');
    const report = await analyse([memorySource('other.json', text)]);
    expect(report.input).toMatchObject({ lines: 23, records: 0, directives: 23 });
    expect(report.input.notes.join('\n')).toMatch(
      /no JSON element has the keys of a known shape \(caddy, .*traefik.*\); name them with --map/,
    );
  });

  it('does not claim an array of objects of no known shape', async () => {
    await expect(analyse([memorySource('data.json', '[\n{"id":1,"name":"x"},\n{"id":2,"name":"y"}\n]')])).rejects.toThrow(
      /not a log format logtally knows/,
    );
  });
});
