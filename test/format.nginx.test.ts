/**
 * nginx log_format: VRL's parse_nginx_log expected values (combined, main, ingress upstreaminfo),
 * `$request_time` and `$upstream_*` in a pasted format, and the real 1,000-line log (fixtures).
 */
import { describe, expect, it } from 'vitest';
import { compileNginxFormat } from '../parsers/nginx.js';
import { memorySource, readRecords, type LocatedRecord } from '../src/index.js';
import { expectVrlValues, VRL_CASES } from './format.vrl-cases.js';

async function records(text: string, format?: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('mem.log', text)], { format })) out.push(r);
  return out;
}

const FORMAT_FOR: Record<string, string | undefined> = {
  // VRL's "combined" takes an optional trailing field: detection (no flag) must find the layout.
  combined: undefined,
  main: 'nginx-main',
  ingress_upstreaminfo: 'nginx-upstreaminfo',
};

describe('format: nginx (VRL parse_nginx_log cases)', () => {
  const cases = VRL_CASES.filter((c) => c.source === 'parse_nginx_log.rs');
  it('has the cases', () => expect(cases.length).toBeGreaterThanOrEqual(14));
  for (const c of cases) {
    it(c.test, async () => {
      const format = FORMAT_FOR[c.format!];
      if (c.expect_err !== undefined) {
        // Forced: detection would refuse the line as no known log at all.
        expect(await records(c.input, format ?? 'nginx-main')).toHaveLength(0);
        return;
      }
      const found = await records(c.input, format);
      expect(found).toHaveLength(1);
      expectVrlValues(found[0]!.record, c.expect_ok!);
    });
  }
});

describe('format: nginx log_format compiler', () => {
  it('reads $request_time (s) as time-taken in ms and keeps $upstream_* under their own names', async () => {
    const format =
      'nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent $request_time $upstream_response_time "$upstream_addr" $msec';
    const [r] = await records(
      '10.0.0.1 - - [18/Mar/2023:15:00:00 +0100] "GET /p?q=1 HTTP/2.0" 502 0 1.234 0.500, 0.734 "10.0.0.9:80, 10.0.0.8:80" 1679148000.123',
      format,
    );
    expect(r!.record).toMatchObject({
      'c-ip': '10.0.0.1',
      'cs-uri-stem': '/p',
      'cs-uri-query': 'q=1',
      'sc-status': 502,
      'sc-bytes': 0,
      'time-taken': 1234,
      upstream_response_time: '0.500, 0.734',
      upstream_addr: '10.0.0.9:80, 10.0.0.8:80',
      // $msec comes after $time_local in the line: the last time read wins.
      timestamp: 1679148000123,
    });
  });

  it('reads $uri$is_args$args and $scheme://$host$request_uri, written with nothing between the variables', async () => {
    const line = '10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET https://www.example.com/a?b=1 HTTP/1.1" 200 5';
    const [h] = await records(
      line,
      'nginx:$remote_addr - $remote_user [$time_local] "$request_method $scheme://$host$request_uri $server_protocol" $status $body_bytes_sent',
    );
    expect(h!.record).toMatchObject({
      scheme: 'https',
      'cs-host': 'www.example.com',
      'cs-uri-stem': '/a',
      'cs-uri-query': 'b=1',
      'cs-version': 'HTTP/1.1',
    });
    const uri = 'nginx:$remote_addr [$time_local] "$request_method $uri$is_args$args" $status';
    const [u] = await records('10.0.0.1 [10/Oct/2000:13:55:36 -0700] "GET /a?b=1" 200', uri);
    expect(u!.record).toMatchObject({ 'cs-uri-stem': '/a', 'cs-uri-query': 'b=1' });
    const [n] = await records('10.0.0.1 [10/Oct/2000:13:55:36 -0700] "GET /a" 200', uri);
    expect(n!.record['cs-uri-query']).toBeUndefined();
    // With $request logged too, the request as sent is the URI and $uri… a field of its own.
    const [r] = await records('10.0.0.1 "GET / HTTP/1.1" /index.html? 200', 'nginx:$remote_addr "$request" $uri$is_args$args $status');
    expect(r!.record).toMatchObject({ 'cs-uri-stem': '/', uri: '/index.html?' });
  });

  it('detects combined with $request_time before the referer; an integer there is no nginx timer', async () => {
    const lines = [
      '10.0.0.1 - - [19/Feb/2015:15:50:36 -0500] "GET /big.pdf HTTP/1.1" 206 33973115 0.202 "-" "curl/8.0"',
      '10.0.0.1 - - [19/Feb/2015:15:50:37 -0500] "GET / HTTP/1.1" 200 612 0.002 "https://a.example/" "curl/8.0" "198.51.100.7"',
    ];
    // One file per layout, as a server writes them: alone, and followed by "$http_x_forwarded_for".
    const found = [...(await records(lines[0]!)), ...(await records(lines[1]!))];
    expect(
      found.map((r) => [r.format, r.record['time-taken'], r.record['cs(User-Agent)'], r.record['cs(Referer)'], r.record.extra]),
    ).toEqual([
      ['nginx-timed-combined', 202, 'curl/8.0', undefined, undefined],
      ['nginx-timed-combined-extra', 2, 'curl/8.0', 'https://a.example/', '"198.51.100.7"'],
    ]);
    // nginx writes $request_time as `%T.%03M`: 3413 is some other field (Apache %D, a byte count).
    const [other] = await records('10.0.0.1 - - [19/Feb/2015:15:50:38 -0500] "GET /x HTTP/1.1" 200 612 3413 "-" "curl/8.0"');
    expect(other!.record).toMatchObject({ 'sc-bytes': 612, extra: '3413 "-" "curl/8.0"' });
    expect(other!.record['time-taken']).toBeUndefined();
  });

  it("detects NGINX Amplify's main_ext: host, server name, rt= as time-taken, the upstream timers kept", async () => {
    // Lines in the shape of the main_ext log_format of NGINX Amplify's documentation.
    const lines = [
      '192.168.1.10 - - [20/Mar/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 612 "-" "curl/8.0" "-" "example.com" sn="example.com" rt=0.123 ua="10.0.0.5:8080" us="200" ut="0.120" ul="612" cs=-',
      '192.168.1.11 - - [20/Mar/2024:10:00:01 +0000] "GET /api HTTP/1.1" 502 157 "-" "curl/8.0" "203.0.113.9" "api.example.com" sn="" rt=3.001 ua="10.0.0.5:8080, 10.0.0.6:8080" us="502, 502" ut="1.500, 1.501" ul="0, 0" cs=MISS',
    ];
    const found = await records(lines.join('\n'));
    expect(found.map((r) => r.format)).toEqual(['nginx-main-ext', 'nginx-main-ext']);
    expect(found[0]!.record).toMatchObject({
      'cs-host': 'example.com',
      's-sitename': 'example.com',
      'time-taken': 123,
      upstream_response_time: '0.120',
    });
    expect(found[1]!.record).toMatchObject({
      'sc-status': 502,
      'cs(X-Forwarded-For)': '203.0.113.9',
      'cs-host': 'api.example.com',
      'time-taken': 3001,
      upstream_status: '502, 502',
      upstream_cache_status: 'MISS',
    });
    expect(found[1]!.record['s-sitename']).toBeUndefined();
  });

  it('keeps $upstream_* lists whole: `, ` between servers and ` : ` between upstream groups', async () => {
    // The separators as nginx documents them for $upstream_addr (ngx_http_upstream_module).
    const format =
      'nginx:$remote_addr [$time_local] "$request" $status $upstream_addr $upstream_status $upstream_response_time $request_time';
    const [r] = await records(
      '10.0.0.1 [18/Mar/2023:15:00:00 +0000] "GET / HTTP/1.1" 502 192.168.1.1:80, 192.168.1.2:80, unix:/tmp/sock : 192.168.10.1:80 502, 502, 504 : 200 0.001, 0.002, 3.000 : 0.004 3.010',
      format,
    );
    expect(r!.record).toMatchObject({
      upstream_addr: '192.168.1.1:80, 192.168.1.2:80, unix:/tmp/sock : 192.168.10.1:80',
      upstream_status: '502, 502, 504 : 200',
      upstream_response_time: '0.001, 0.002, 3.000 : 0.004',
      'time-taken': 3010,
    });
  });

  it("detects NGINX's upstream_time format, with and without the blank before rt=", async () => {
    // The log_format of NGINX's "Using NGINX Logging for Application Performance Monitoring", as copied into configs.
    const found = await records(
      [
        '10.0.0.1 - - [14/Aug/2019:13:14:34 +0300] "GET /feed/ HTTP/1.1" 200 36082 "-" "Feedly/1.0 (+http://www.feedly.com/fetcher.html)"rt=0.400 uct="0.000" uht="0.231" urt="0.383"',
        '10.0.0.2 - - [14/Aug/2019:19:23:14 +0300] "" 400 0 "-" "-"rt=0.000 uct="-" uht="-" urt="-"',
        '10.0.0.3 - - [26/Sep/2020:11:24:37 +0000] "GET / HTTP/1.1" 200 513 "-" "curl/7.71.1" rt=0.001 uct="0.000, 0.001" uht="-" urt="-"',
      ].join('\n'),
    );
    expect(found.map((r) => r.format)).toEqual(['nginx-upstream-time', 'nginx-upstream-time', 'nginx-upstream-time']);
    expect(found[0]!.record).toMatchObject({
      'cs(User-Agent)': 'Feedly/1.0 (+http://www.feedly.com/fetcher.html)',
      'time-taken': 400,
      upstream_response_time: '0.383',
    });
    expect(found[1]!.record).toMatchObject({ 'sc-status': 400, 'time-taken': 0 });
    expect(found[1]!.record).not.toHaveProperty('upstream_connect_time');
    expect(found[2]!.record).toMatchObject({ 'cs(User-Agent)': 'curl/7.71.1', 'time-taken': 1, upstream_connect_time: '0.000, 0.001' });
  });

  it('reads a quoted X-Forwarded-For with odd spacing (quotes end it, not list rules)', async () => {
    const [r] = await records('1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 5 "-" "ua" "10.0.0.1 , 10.0.0.2"');
    expect(r!.format).toBe('nginx-main');
    expect(r!.record['cs(X-Forwarded-For)']).toBe('10.0.0.1 , 10.0.0.2');
  });

  it('reads $time_iso8601 where $time_local was, in the brackets of a combined line', async () => {
    const [r] = await records('203.0.113.195 - - [2025-08-06T14:43:25+02:00] "GET / HTTP/1.1" 200 5319 "-" "TestBrowser/1.0"');
    expect(r!.record.timestamp).toBe(Date.UTC(2025, 7, 6, 12, 43, 25));
  });

  it('reads $time_iso8601, $request_method/$request_uri and the ${var} spelling', async () => {
    const [r] = await records(
      '2024-01-02T03:04:05+02:00|POST|/api/x?y=2|201',
      'nginx:${time_iso8601}|$request_method|$request_uri|$status',
    );
    expect(r!.record).toEqual({
      timestamp: Date.UTC(2024, 0, 2, 1, 4, 5),
      'cs-method': 'POST',
      'cs-uri-stem': '/api/x',
      'cs-uri-query': 'y=2',
      'sc-status': 201,
    });
  });

  it('decodes nginx \\xNN escapes in quoted values', async () => {
    const [r] = await records(
      '1.2.3.4 - - [04/Oct/2022:03:07:27 +0000] "GET /a\\x22b HTTP/1.1" 400 150 "-" "caf\\xC3\\xA9"',
      'nginx:combined',
    );
    expect(r!.record['cs-uri-stem']).toBe('/a"b');
    expect(r!.record['cs(User-Agent)']).toBe('café');
  });

  it('reads every variable of nielsbasjes/logparser NginxLogFormatTest.testFullTestAllFields (Apache-2.0)', async () => {
    // [variable, value] as that test writes them, each as `# "$variable" ` / `# "value" `.
    const fields: [string, string][] = [
      ['status', '200'],
      ['time_iso8601', '2017-01-03T15:56:36+01:00'],
      ['time_local', '03/Jan/2017:15:56:36 +0100'],
      ['arg_name', '-'],
      ['args', 'aap&noot=&mies=wim'],
      ['query_string', 'aap&noot=&mies=wim'],
      ['binary_remote_addr', '\\x7F\\x00\\x00\\x01'],
      ['body_bytes_sent', '436'],
      ['bytes_sent', '694'],
      ['connection', '5'],
      ['connection_requests', '4'],
      ['content_length', '-'],
      ['content_type', '-'],
      ['cookie_name', '-'],
      ['document_root', '/var/www/html'],
      ['host', 'localhost'],
      ['hostname', 'hackbox'],
      ['http_name', '-'],
      ['https', ''],
      ['is_args', '?'],
      ['limit_rate', '0'],
      ['msec', '1483455396.639'],
      ['nginx_version', '1.10.0'],
      ['pid', '5137'],
      ['pipe', '.'],
      ['proxy_protocol_addr', ''],
      ['realpath_root', '/var/www/html'],
      ['remote_addr', '127.0.0.1'],
      ['remote_port', '44448'],
      ['remote_user', '-'],
      ['request', 'GET /?aap&noot=&mies=wim HTTP/1.1'],
      ['request_body', '-'],
      ['request_body_file', '-'],
      ['request_completion', 'OK'],
      ['request_filename', '/var/www/html/index.html'],
      ['request_length', '491'],
      ['request_method', 'GET'],
      ['request_time', '0.000'],
      ['request_uri', '/?aap&noot=&mies=wim'],
      ['scheme', 'http'],
      ['sent_http_etag', 'W/\\x22586bbb8b-29e\\x22'],
      ['sent_http_last_modified', 'Tue, 03 Jan 2017 14:56:11 GMT'],
      ['server_addr', '127.0.0.1'],
      ['server_name', '_'],
      ['server_port', '80'],
      ['server_protocol', 'HTTP/1.1'],
      ['tcpinfo_rtt', '52'],
      ['tcpinfo_rttvar', '30'],
      ['tcpinfo_snd_cwnd', '10'],
      ['tcpinfo_rcv_space', '43690'],
      ['uri', '/index.html'],
      ['document_uri', '/index.html'],
      ['http_user_agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/54.0.2840.100 Safari/537.36'],
      ['http_referer', 'http://localhost/'],
    ];
    const format = fields.map(([name]) => `# "$${name}" `).join('') + '#';
    const line = fields.map(([, value]) => `# "${value}" `).join('') + '#';
    const [r] = await records(line, `nginx:${format}`);
    expect(r!.record).toMatchObject({
      timestamp: 1483455396639,
      'sc-status': 200,
      'c-ip': '127.0.0.1',
      'c-port': 44448,
      'cs-method': 'GET',
      // The request as sent, not $uri after the index file was found.
      'cs-uri-stem': '/',
      'cs-uri-query': 'aap&noot=&mies=wim',
      uri: '/index.html',
      'cs-bytes': 491,
      'time-taken': 0,
      'cs-host': 'localhost',
      's-port': 80,
      'sc(Etag)': 'W/"586bbb8b-29e"',
      'sc(Last-Modified)': 'Tue, 03 Jan 2017 14:56:11 GMT',
      'cs(Referer)': 'http://localhost/',
    });
    expect(r!.record).not.toHaveProperty('cs-username');
  });

  it('reads a log_format pasted as nginx.conf writes it, quoted pieces and all', async () => {
    const conf = `log_format main '$remote_addr - $remote_user [$time_local] "$request" '\n    '$status $body_bytes_sent "$http_referer" '\n    '"$http_user_agent" $request_time';`;
    const [r] = await records('1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 5 "-" "x y" 0.5', `nginx:${conf}`);
    expect(r!.record).toMatchObject({ 'sc-status': 200, 'cs(User-Agent)': 'x y', 'time-taken': 500 });
  });

  it('reads a format as nginx reads its configuration: \\t is a tab, \\" a quote (an LTSV log_format)', async () => {
    // Lines 1 and 4 of tkuchiki/alp example/logs/ltsv_access.log (MIT); values read off the lines.
    const log = [
      'time:2015-09-06T05:58:05+09:00\tmethod:POST\turi:/foo/bar?token=xxx&uuid=1234\tstatus:200\tsize:12\tapptime:0.057\tua:UA1',
      'time:2015-09-06T06:00:43+09:00\tmethod:GET\turi:/foo/bar\tstatus:400\tsize:15\tapptime:-\tua:UA2',
    ].join('\n');
    const bare =
      'time:$time_iso8601\\tmethod:$request_method\\turi:$request_uri\\tstatus:$status\\tsize:$body_bytes_sent\\tapptime:$upstream_response_time\\tua:$http_user_agent';
    const conf = `log_format ltsv "time:$time_iso8601\\tmethod:$request_method"\n  "\\turi:$request_uri\\tstatus:$status\\tsize:$body_bytes_sent\\tapptime:$upstream_response_time\\tua:$http_user_agent";`;
    for (const format of [bare, conf]) {
      const found = await records(log, `nginx:${format}`);
      expect(found.map((r) => r.record)).toMatchObject([
        {
          timestamp: Date.UTC(2015, 8, 5, 20, 58, 5),
          'cs-method': 'POST',
          'cs-uri-stem': '/foo/bar',
          'cs-uri-query': 'token=xxx&uuid=1234',
          'sc-status': 200,
          'sc-bytes': 12,
          'cs(User-Agent)': 'UA1',
        },
        {
          timestamp: Date.UTC(2015, 8, 5, 21, 0, 43),
          'cs-method': 'GET',
          'cs-uri-stem': '/foo/bar',
          'sc-status': 400,
          'sc-bytes': 15,
          'cs(User-Agent)': 'UA2',
        },
      ]);
    }
    const [r] = await records('1.2.3.4 "GET /a HTTP/1.1" 200', 'nginx:$remote_addr \\"$request\\" $status');
    expect(r!.record).toMatchObject({ 'c-ip': '1.2.3.4', 'cs-uri-stem': '/a', 'sc-status': 200 });
  });

  it('names the problem in a format string it cannot compile', () => {
    expect(() => compileNginxFormat('$remote_addr$status')).toThrow(/nothing between them/);
    expect(() => compileNginxFormat('${remote_addr')).toThrow(/unclosed/);
    expect(() => compileNginxFormat('plain')).toThrow(/no \$variables/);
  });
});

describe('format: nginx, a bare quote inside a quoted value', () => {
  it('is a guess: combined with extra fields reads the line exactly instead of upstream_time swallowing X-Forwarded-For', async () => {
    const line =
      '10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 5 "-" "curl/7.68.0" "1.2.3.4, 5.6.7.8" rt=0.010 uct="0.000" uht="0.010" urt="0.010"';
    const found: LocatedRecord[] = [];
    for await (const r of readRecords([memorySource('x.log', line)])) found.push(r);
    expect(found[0]!.record['cs(User-Agent)']).toBe('curl/7.68.0');
    expect(found[0]!.record['sc-status']).toBe(200);
  });
});
