/**
 * Apache LogFormat: VRL's parse_apache_log/parse_common_log expected values (fixtures/vrl), the
 * compiled scanner on user format strings (%D µs, %T s, escapes), and every built-in sample.
 */
import { describe, expect, it } from 'vitest';
import { ACCESS_FORMATS } from '../parsers/access-formats.js';
import { compileApacheFormat } from '../parsers/apache.js';
import { unescapeLogText } from '../parsers/access-log.js';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';
import { expectVrlValues, VRL_CASES } from './format.vrl-cases.js';

async function records(text: string, format?: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('mem.log', text)], { format })) out.push(r);
  return out;
}

const FORMAT_FOR: Record<string, string> = { common: 'common', combined: 'combined' };

describe('format: apache (VRL parse_apache_log / parse_common_log cases)', () => {
  const cases = VRL_CASES.filter((c) => c.source !== 'parse_nginx_log.rs');
  it('has the cases', () => expect(cases.length).toBeGreaterThanOrEqual(12));
  for (const c of cases) {
    it(`${c.source} ${c.test}`, async () => {
      const format = FORMAT_FOR[c.format ?? 'common']!;
      const found = await records(c.input, format);
      if (c.expect_err !== undefined) {
        expect(found).toHaveLength(0);
        return;
      }
      expect(found).toHaveLength(1);
      expectVrlValues(found[0]!.record, c.expect_ok!);
    });
  }
});

describe('format: apache LogFormat compiler', () => {
  it('parses every built-in sample, detected without flags', async () => {
    for (const format of ACCESS_FORMATS) {
      const found = await records(format.samples.join('\n'));
      expect(found, format.name).toHaveLength(format.samples.length);
      expect(found[0]!.format).toBe(format.name);
    }
  });

  it('reads a pasted LogFormat with %D (µs) as time-taken in ms, and %T (s)', async () => {
    const line = '10.0.0.1 - - [10/Oct/2000:13:55:36 +0200] "GET /a?b=1 HTTP/1.1" 503 12 "-" "curl/8" 116075 2';
    const [r] = await records(line, 'apache:%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %D %T');
    expect(r!.record).toMatchObject({
      'time-taken': 2000,
      'sc-status': 503,
      'cs-uri-query': 'b=1',
      timestamp: Date.UTC(2000, 9, 10, 11, 55, 36),
    });
    const [d] = await records(line.replace(/ 2$/, ''), 'apache:%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %D');
    expect(d!.record['time-taken']).toBe(116.075);
  });

  it('reads vhost_combined and %{ms}T, %v, %p, %{Host}i', async () => {
    const [r] = await records('www.example.com:8443 "h.example" 7', 'apache:%v:%p "%{Host}i" %{ms}T');
    expect(r!.record).toEqual({ 's-sitename': 'www.example.com', 's-port': 8443, 'cs-host': 'h.example', 'time-taken': 7 });
  });

  it('decodes Apache \\" and \\xNN escapes (UTF-8 when valid, one character per byte otherwise)', async () => {
    expect(unescapeLogText('a\\"b\\\\c')).toBe('a"b\\c');
    expect(unescapeLogText('caf\\xc3\\xa9')).toBe('café');
    expect(unescapeLogText('\\xe4\\xe5')).toBe('äå');
    const [r] = await records(
      '1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /q\\"x HTTP/1.1" 200 1 "-" "A \\"quoted\\" agent"',
      'combined',
    );
    expect(r!.record['cs-uri-stem']).toBe('/q"x');
    expect(r!.record['cs(User-Agent)']).toBe('A "quoted" agent');
  });

  it('reads the absolute-form URL varnishncsa logs as a path, the host as cs-host', async () => {
    // The shape varnish-cache's bin/varnishtest/tests/u00003.vtc expects of varnishncsa's default format.
    const found = await records(
      [
        '127.0.0.1 - user [26/Nov/2026:10:00:00 +0000] "GET http://127.0.0.1/1?foo=bar HTTP/1.1" 200 100 "-" "-"',
        '127.0.0.1 - - [26/Nov/2026:10:00:01 +0000] "GET http://127.0.0.1/2 HTTP/1.1" - - "-" "-"',
      ].join('\n'),
    );
    expect(found.map((r) => r.record)).toEqual([
      expect.objectContaining({
        'cs-host': '127.0.0.1',
        'cs-uri-stem': '/1',
        'cs-uri-query': 'foo=bar',
        'cs-username': 'user',
        'sc-status': 200,
      }),
      expect.objectContaining({ 'cs-host': '127.0.0.1', 'cs-uri-stem': '/2' }),
    ]);
    expect(found[1]!.record).not.toHaveProperty('sc-status');
  });

  it('keeps the backslash of a DOMAIN\\user name as IIS writes NCSA (\\b, \\t are no escapes there)', async () => {
    const found = await records(
      [
        '10.0.0.1 - CONTOSO\\bob [08/Apr/2001:17:39:04 -0800] "GET / HTTP/1.0" 200 3401',
        '10.0.0.1 - CONTOSO\\\\tom [08/Apr/2001:17:39:05 -0800] "GET / HTTP/1.0" 200 3401',
      ].join('\n'),
      'common',
    );
    expect(found.map((r) => r.record['cs-username'])).toEqual(['CONTOSO\\bob', 'CONTOSO\\tom']);
  });

  it('takes the client from X-Forwarded-For when a format logs it in place of %h / $remote_addr', async () => {
    const line = '10.0.0.1, 10.0.0.2 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 5 "-" "ua"';
    const [a] = await records(line, 'apache:%{X-Forwarded-For}i %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"');
    const [n] = await records(
      line,
      'nginx:$http_x_forwarded_for - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"',
    );
    expect([a!.record['c-ip'], n!.record['c-ip']]).toEqual(['10.0.0.1, 10.0.0.2', '10.0.0.1, 10.0.0.2']);
  });

  it('keeps X-Forwarded-For lists in %h whole', async () => {
    const [r] = await records('10.0.0.2, 10.0.0.1, 127.0.0.1 - - [07/Dec/2016:11:05:07 +0100] "GET /ocelot HTTP/1.1" 200 571 "-" "x"');
    expect(r!.record['c-ip']).toBe('10.0.0.2, 10.0.0.1, 127.0.0.1');
  });

  it('reads a client logged with its port (Go servers write RemoteAddr for %h) as the address alone', async () => {
    const lines = [
      '1.2.3.4:5678 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.1" 200 12 "-" "curl/8.0"',
      '[2001:db8::1]:443 - - [10/Oct/2000:13:55:36 -0700] "GET /b HTTP/1.1" 200 12 "-" "curl/8.0"',
      '[::1] - - [10/Oct/2000:13:55:36 -0700] "GET /c HTTP/1.1" 200 12 "-" "curl/8.0"',
      '2001:db8::1 - - [10/Oct/2000:13:55:36 -0700] "GET /d HTTP/1.1" 200 12 "-" "curl/8.0"',
      // nginx's address for a client on a unix socket, and a list, are no address:port.
      'unix: - - [10/Oct/2000:13:55:36 -0700] "GET /e HTTP/1.1" 200 12 "-" "curl/8.0"',
      '10.0.0.2:80, 10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /f HTTP/1.1" 200 12 "-" "curl/8.0"',
    ];
    const found = await records(lines.join('\n'));
    expect(found.map((r) => r.record['c-ip'])).toEqual(['1.2.3.4', '2001:db8::1', '::1', '2001:db8::1', 'unix:', '10.0.0.2:80, 10.0.0.1']);
  });

  it('falls back to sibling layouts within one file (common and combined lines mixed)', async () => {
    const input = (
      await analyse([
        memorySource(
          'mixed.log',
          [
            '1.1.1.1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.0" 200 5 "-" "ua"',
            '1.1.1.1 - - [10/Oct/2000:13:55:37 +0000] "GET /x HTTP/1.0" 404 5',
            'site:80 1.1.1.1 - - [10/Oct/2000:13:55:38 +0000] "GET /y HTTP/1.0" 500 5 "-" "ua"',
          ].join('\n'),
        ),
      ])
    ).input;
    expect(input.records).toBe(3);
    expect(input.rejected).toBe(0);
  });

  it('detects common followed by fields of its own (Tomcat %D), and leaves combined lines to combined', async () => {
    // Hand-written in the shape of Tomcat's AccessLogValve pattern `%h %l %u %t "%r" %s %b %D`.
    const tomcat = [
      '127.0.0.1 - - [22/May/2024:08:21:14 +0300] "GET /manager/html HTTP/1.1" 401 2473 15',
      '127.0.0.1 - admin [22/May/2024:08:21:15 +0300] "GET /manager/html HTTP/1.1" 200 17453 120',
    ];
    const found = await records(tomcat.join('\n'));
    expect(found.map((r) => r.format)).toEqual(['common-extra', 'common-extra']);
    // An integer may be ms (Tomcat %D), µs (Apache %D) or s (%T): kept as written, not guessed into time-taken.
    expect(found[1]!.record).toMatchObject({ 'cs-username': 'admin', 'sc-status': 200, 'sc-bytes': 17453, extra: '120' });
    expect(found[1]!.record['time-taken']).toBeUndefined();
    const mixed = await records([...tomcat, '127.0.0.1 - - [22/May/2024:08:21:16 +0300] "GET / HTTP/1.1" 200 5 "-" "curl/8.0"'].join('\n'));
    expect(mixed[2]!.record).toMatchObject({ 'sc-bytes': 5, 'cs(User-Agent)': 'curl/8.0' });
    expect(mixed[2]!.record.extra).toBeUndefined();
  });

  it('reads an nginx $request_time appended after combined or main as time-taken (0.123 s → ms)', async () => {
    const lines = [
      '10.0.0.1 - - [10/Oct/2023:13:55:36 +0000] "GET /a HTTP/1.1" 200 612 "-" "curl/8.0" 0.012 0.010',
      '10.0.0.1 - - [10/Oct/2023:13:55:37 +0000] "GET /b HTTP/1.1" 200 612 "-" "curl/8.0" "1.2.3.4" 12.345',
      '10.0.0.1 - - [10/Oct/2023:13:55:38 +0000] "GET /c HTTP/1.1" 200 612 "-" "curl/8.0" 412 0.5',
    ];
    const found = await records(lines.join('\n'));
    expect(found.map((r) => r.record['time-taken'])).toEqual([12, 12345, undefined]);
    // Key=value extras of custom formats: `rt=` or `request_time=`, not the upstream's `urt=`.
    const keyed = await records(
      [
        '10.0.0.1 - - [10/Oct/2023:13:55:39 +0000] "GET /d HTTP/1.1" 200 612 "-" "curl/8.0" "-" urt=0.248 rt=0.250 host=a.example',
        '10.0.0.1 - - [10/Oct/2023:13:55:40 +0000] "GET /e HTTP/1.1" 200 612 "-" "curl/8.0" request_time=1.500 upstream_time=1.499',
      ].join('\n'),
    );
    expect(keyed.map((r) => r.record['time-taken'])).toEqual([250, 1500]);
  });

  it('reports no method or URI for requests Apache could not read: `- - HTTP/1.0`, a lone word, control bytes', async () => {
    const lines = ['"- - HTTP/1.0" 400 226', '"HELP" 400 47', '"\\x16\\x03\\x01\\x01 \\x02" 400 226', '"GET / HTTP/1.1" 200 5'].map(
      (request, i) => `127.0.0.1 - - [14/Jun/2024:12:20:1${i} +0530] ${request}`,
    );
    const found = await records(lines.join('\n'));
    expect(found.map((r) => [r.record['cs-method'], r.record['cs-uri-stem'], r.record['sc-status']])).toEqual([
      [undefined, undefined, 400],
      [undefined, undefined, 400],
      [undefined, undefined, 400],
      ['GET', '/', 200],
    ]);
  });

  it("reads Envoy's default text format: the docs' example values, a TCP line's `- - -`, status 0", async () => {
    // The example line of Envoy's access-log docs (one line there, wrapped), and a TCP proxy line of the same shape.
    const lines = [
      '[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2" "locations" "tcp://10.0.2.1:80"',
      '[2019-04-06T06:20:05.972Z] "- - -" 0 UF,URX 0 0 0 - "-" "-" "-" "-" "127.0.0.1:9200"',
    ];
    const [http, tcp] = await records(lines.join('\n'));
    expect(http!.format).toBe('envoy');
    expect(http!.record).toEqual({
      timestamp: Date.UTC(2016, 3, 15, 20, 17, 0, 310),
      'cs-method': 'POST',
      'cs-uri-stem': '/api/v1/locations',
      'cs-version': 'HTTP/2',
      'sc-status': 204,
      'cs-bytes': 154,
      'sc-bytes': 0,
      'time-taken': 226,
      upstream_service_time: '100',
      'c-ip': '10.0.35.28',
      'cs(User-Agent)': 'nsq2http',
      request_id: 'cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2',
      'cs-host': 'locations',
      upstream_host: 'tcp://10.0.2.1:80',
    });
    expect(tcp!.record).toEqual({
      timestamp: Date.UTC(2019, 3, 6, 6, 20, 5, 972),
      'sc-status': 0,
      response_flags: 'UF,URX',
      'cs-bytes': 0,
      'sc-bytes': 0,
      'time-taken': 0,
      upstream_host: '127.0.0.1:9200',
    });
  });

  it("reads Istio's default proxy log: the downstream addresses without their ports, details and cluster kept", async () => {
    // Hand-written in the shape of Istio's documented default format.
    const line =
      '[2024-06-02T13:35:27.054Z] "GET /login?next=%2F HTTP/2" 302 UAEX ext_authz_denied - "-" 0 387 16 - "192.0.2.24" "Mozilla/5.0" "1d3ec87f" "app.example.com" "-" outbound|80||web.default.svc.cluster.local - 10.0.0.196:8443 [2001:db8::24]:41604 app.example.com -';
    const [r] = await records(line);
    expect(r!.format).toBe('envoy-istio');
    expect(r!.record).toEqual({
      timestamp: Date.UTC(2024, 5, 2, 13, 35, 27, 54),
      'cs-method': 'GET',
      'cs-uri-stem': '/login',
      'cs-uri-query': 'next=%2F',
      'cs-version': 'HTTP/2',
      'sc-status': 302,
      response_flags: 'UAEX',
      response_code_details: 'ext_authz_denied',
      'cs-bytes': 0,
      'sc-bytes': 387,
      'time-taken': 16,
      'cs(X-Forwarded-For)': '192.0.2.24',
      'cs(User-Agent)': 'Mozilla/5.0',
      request_id: '1d3ec87f',
      'cs-host': 'app.example.com',
      upstream_cluster: 'outbound|80||web.default.svc.cluster.local',
      's-ip': '10.0.0.196',
      'c-ip': '2001:db8::24',
      requested_server_name: 'app.example.com',
    });
  });

  it('reads a time without an offset (NCSA as some writers log it) at the --tz offset', async () => {
    const found: LocatedRecord[] = [];
    for await (const x of readRecords([memorySource('m', '1.1.1.1 - - [10/Oct/2000:13:55:36] "GET / HTTP/1.0" 200 5')], {
      format: 'ncsa',
      localOffsetMinutes: 120,
    }))
      found.push(x);
    expect(found[0]!.record.timestamp).toBe(Date.UTC(2000, 9, 10, 11, 55, 36));
  });

  it('keeps %{VAR}e, %{VAR}x, %{note}n, %P, %{tid}P, %k, %{VAR}^ti as fields and reads %{msec}t', async () => {
    const line = '10.0.0.1 VHhIfKwQGCMAAEiMUIAAAAF TLSv1.3 - 18572 2 1414168620123 "GET / HTTP/1.1" 200';
    const [r] = await records(line, 'apache:%h %{UNIQUE_ID}e %{SSL_PROTOCOL}x %{ratio}n %P %k %{msec}t "%r" %>s');
    expect(r!.record).toMatchObject({
      UNIQUE_ID: 'VHhIfKwQGCMAAEiMUIAAAAF',
      SSL_PROTOCOL: 'TLSv1.3',
      pid: '18572',
      keepalives: '2',
      timestamp: 1414168620123,
    });
    expect(r!.record).not.toHaveProperty('ratio');
    const [t] = await records('10.0.0.1 7 140 abc "GET / HTTP/1.1" 200', 'apache:%h %P %{tid}P %{Foo}^ti "%r" %>s');
    expect(t!.record).toMatchObject({ pid: '7', tid: '140', 'cs(Foo)': 'abc' });
  });

  it('reads %U%q (the request line spelled out) as the path and its query, and %{Host}i%U%q as the host too', async () => {
    const line = '10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /a/b?c=1&d=2 HTTP/1.1" 200 5';
    const [r] = await records(line, 'apache:%h %l %u %t "%m %U%q %H" %>s %b');
    expect(r!.record).toMatchObject({ 'cs-method': 'GET', 'cs-uri-stem': '/a/b', 'cs-uri-query': 'c=1&d=2', 'cs-version': 'HTTP/1.1' });
    const [q] = await records(
      '10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /a/b HTTP/1.1" 200 5',
      'apache:%h %l %u %t "%m %U%q %H" %>s %b',
    );
    expect(q!.record['cs-uri-stem']).toBe('/a/b');
    expect(q!.record['cs-uri-query']).toBeUndefined();
    const [h] = await records('10.0.0.1 www.example.com/x?y=1 200', 'apache:%h %{Host}i%U%q %>s');
    expect(h!.record).toMatchObject({ 'cs-host': 'www.example.com', 'cs-uri-stem': '/x', 'cs-uri-query': 'y=1' });
  });

  it('keeps %^FB (time to first byte, µs) and %{c}a (the connection peer, not the client) as fields of their own', async () => {
    const line = '203.0.113.9 10.0.0.5 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 5 1234';
    const [r] = await records(line, 'apache:%a %{c}a %l %u %t "%r" %>s %b %^FB');
    expect(r!.record).toMatchObject({ 'c-ip': '203.0.113.9', 'peer-ip': '10.0.0.5', 'ttfb-us': '1234' });
  });

  it('reads a LogFormat that ends in a blank (lines are read without trailing blanks)', async () => {
    const [r] = await records('10.0.0.1 [28/Nov/2014:10:03:40 +0000] "GET / HTTP/1.1" 200 ', 'apache:%h %t "%r" %>s ');
    expect(r!.record['sc-status']).toBe(200);
  });

  it('reads a LogFormat directive pasted from httpd.conf', async () => {
    const [r] = await records(
      '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 5 "-" "x y" 2',
      'apache:LogFormat "%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-agent}i\\" %T" mine',
    );
    expect(r!.record).toMatchObject({ 'sc-status': 200, 'cs(User-Agent)': 'x y', 'time-taken': 2000 });
  });

  it('reads a LogFormat directive continued over lines with a backslash, as httpd.conf allows', async () => {
    const conf = 'LogFormat "%h %l %u %t \\\n\\"%r\\" %>s %b \\\r\n\\"%{User-agent}i\\"" mine';
    const [r] = await records('1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 5 "x y"', `apache:${conf}`);
    expect(r!.record).toMatchObject({ 'c-ip': '1.2.3.4', 'cs-uri-stem': '/a', 'sc-status': 200, 'sc-bytes': 5, 'cs(User-Agent)': 'x y' });
  });

  it("reads Python http.server's [19/Jul/2018 20:31:40] at the --tz offset, and a fraction of the second", async () => {
    const found: LocatedRecord[] = [];
    const text = [
      '127.0.0.1 - - [19/Jul/2018 20:31:40] "GET / HTTP/1.1" 200 -',
      '10.0.0.1 - - [06/Feb/2009:12:14:14.655 +0100] "GET /a HTTP/1.1" 200 12',
    ].join('\n');
    for await (const x of readRecords([memorySource('m', text)], { localOffsetMinutes: 120 })) found.push(x);
    expect(found.map((r) => r.record.timestamp)).toEqual([Date.UTC(2018, 6, 19, 18, 31, 40), Date.UTC(2009, 1, 6, 11, 14, 14, 655)]);
  });

  it("reads the request Werkzeug (Flask's development server) colours by status: `\\x1b[33mGET … HTTP/1.1\\x1b[0m`", async () => {
    // werkzeug/serving.py `_ansi_style`: one `ESC[codem` per style (bold, red …), `ESC[0m` after; 200s are plain.
    const lines = [
      '127.0.0.1 - - [19/Jul/2018 20:31:40] "\x1b[33mGET /favicon.ico HTTP/1.1\x1b[0m" 404 -',
      '127.0.0.1 - - [19/Jul/2018 20:31:42] "\x1b[35m\x1b[1mPOST /boom?x=1 HTTP/1.1\x1b[0m" 500 -',
    ];
    const found = await records(lines.join('\n'));
    expect(
      found.map((r) => [
        r.record['cs-method'],
        r.record['cs-uri-stem'],
        r.record['cs-uri-query'],
        r.record['cs-version'],
        r.record['sc-status'],
      ]),
    ).toEqual([
      ['GET', '/favicon.ico', undefined, 'HTTP/1.1', 404],
      ['POST', '/boom', 'x=1', 'HTTP/1.1', 500],
    ]);
  });

  it('rejects format strings it cannot read unambiguously, naming the problem', () => {
    expect(() => compileApacheFormat('%h%u')).toThrow(/nothing between them/);
    expect(() => compileApacheFormat('%{Referer')).toThrow(/unclosed/);
    expect(() => compileApacheFormat('just text')).toThrow(/no % directives/);
    // Apache refuses directives it does not know; so does logtally, instead of reading every line.
    expect(() => compileApacheFormat('%h %Z')).toThrow(/unknown directive %Z/);
  });
});

describe('format: Amazon API Gateway CLF', () => {
  it("reads the console's CLF preset, which logs no blank between the time and the request", async () => {
    // $context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]"$context.httpMethod
    // $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId
    const text = [
      '203.0.113.10 - - [09/Jan/2024:13:00:00 +0100]"GET /pets/{petId} HTTP/1.1" 200 123 c6af9ac6-7b61-11e6-9a41-93e8deadbeef IyJZ6Fk0IAMFwMw=',
      '203.0.113.11 - - [09/Jan/2024:12:00:01 +0000]"POST /pets HTTP/1.1" 502 - c6af9ac6-7b61-11e6-9a41-93e8deadbeee IyJZ6Fk0IAMFwMx=',
    ].join('\n');
    const found = await records(text);
    expect(found.map((r) => r.record)).toEqual([
      {
        timestamp: Date.UTC(2024, 0, 9, 12),
        'c-ip': '203.0.113.10',
        'cs-method': 'GET',
        'cs-uri-stem': '/pets/{petId}',
        'cs-version': 'HTTP/1.1',
        'sc-status': 200,
        'sc-bytes': 123,
        extra: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef IyJZ6Fk0IAMFwMw=',
      },
      {
        timestamp: Date.UTC(2024, 0, 9, 12, 0, 1),
        'c-ip': '203.0.113.11',
        'cs-method': 'POST',
        'cs-uri-stem': '/pets',
        'cs-version': 'HTTP/1.1',
        'sc-status': 502,
        extra: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeee IyJZ6Fk0IAMFwMx=',
      },
    ]);
  });
});

describe('format: apache %{…}t times (cases of jwodder/apachelogs test/test_parse_custom_time.py, MIT)', () => {
  const cases: [format: string, line: string, iso: string | undefined][] = [
    ['%{%a %b %d}t %r', 'Sat Nov 25 GET / HTTP/1.1', undefined], // no year: no time
    ['%{%s}t %r', '1511642826 GET / HTTP/1.1', '2017-11-25T20:47:06.000Z'],
    ['%{%s@%z}t %r', '1511642826@-0500 GET / HTTP/1.1', '2017-11-25T20:47:06.000Z'],
    ['%{%Y-%m-%d %H:%M:%S}t %r', '2017-11-25 20:47:06 GET / HTTP/1.1', '2017-11-25T20:47:06.000Z'],
    ['%{%Y-%m-%d %H:%M:%S %z}t %r', '2017-11-25 20:47:06 -0500 GET / HTTP/1.1', '2017-11-26T01:47:06.000Z'],
    ['%{%s}t@%{%z}t %r', '1511642826@-0500 GET / HTTP/1.1', '2017-11-25T20:47:06.000Z'],
    ['%{%Y-%m-%d}t %{%H:%M:%S}t %r', '2017-11-25 20:47:06 GET / HTTP/1.1', '2017-11-25T20:47:06.000Z'],
    ['%{%Y-%m-%d}t %{%H:%M:%S}t %{%z}t %r', '2017-11-25 20:47:06 -0500 GET / HTTP/1.1', '2017-11-26T01:47:06.000Z'],
    ['%{%D %T}t', '05/06/19 13:42:26', '2019-05-06T13:42:26.000Z'],
    ['%{%F %R:%S}t', '2019-05-06 13:42:26', '2019-05-06T13:42:26.000Z'],
  ];
  for (const [format, line, iso] of cases) {
    it(format, async () => {
      const found = await records(line, `apache:${format}`);
      expect(found).toHaveLength(1);
      const time = found[0]!.record.timestamp;
      expect(time === undefined ? undefined : new Date(time).toISOString()).toBe(iso);
    });
  }

  it("reads the httpd manual's [%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t], and local time at the --tz offset", async () => {
    const [r] = await records(
      '10.0.0.1 [25/Nov/2017 20:47:06.123 -0500] "GET / HTTP/1.1" 200',
      'apache:%h [%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t] "%r" %>s',
    );
    expect(r!.record.timestamp).toBe(Date.UTC(2017, 10, 26, 1, 47, 6, 123));
    const local: LocatedRecord[] = [];
    for await (const x of readRecords([memorySource('m', '2017-11-25 20:47:06 200')], {
      format: 'apache:%{%Y-%m-%d %T}t %>s',
      localOffsetMinutes: 60,
    }))
      local.push(x);
    expect(local[0]!.record.timestamp).toBe(Date.UTC(2017, 10, 25, 19, 47, 6));
  });

  it('reads a fraction and a zone logged with nothing between them (ISO 8601: %{msec_frac}t%{%z}t)', async () => {
    // jwodder/apachelogs test/test_parse.py (MIT): 2019-05-06 12:09:43.123456 at -04:00.
    const [r] = await records('2019-05-06T12:09:43.123456-0400', 'apache:%>{%Y-%m-%dT%H:%M:%S}t.%>{usec_frac}t%>{%z}t');
    expect(r!.record.timestamp).toBe(Date.UTC(2019, 4, 6, 16, 9, 43, 123));
    const [m] = await records(
      '[2024-03-01T10:00:00.250+0100] 10.0.0.1 "GET / HTTP/1.1" 200',
      'apache:[%{%Y-%m-%dT%H:%M:%S}t.%{msec_frac}t%{%z}t] %h "%r" %>s',
    );
    expect(m!.record).toMatchObject({ timestamp: Date.UTC(2024, 2, 1, 9, 0, 0, 250), 'c-ip': '10.0.0.1', 'sc-status': 200 });
    // A fraction short of its width leaves nothing to tell where the zone starts: the line is not that format.
    expect(await records('2024-03-01T10:00:00.25+0100 200', 'apache:%{%Y-%m-%dT%H:%M:%S}t.%{msec_frac}t%{%z}t %>s')).toHaveLength(0);
  });

  it('keeps a %{…}t with no conversion as text instead of rejecting the line', async () => {
    const [r] = await records('10.0.0.1 20141128155031 200', 'apache:%h %{some_time}t %>s');
    expect(r!.record).toMatchObject({ 'time(some_time)': '20141128155031', 'sc-status': 200 });
  });

  it('names a conversion it cannot read', () => {
    expect(() => compileApacheFormat('%{%U week}t %h')).toThrow(/unsupported %U/);
  });
});
