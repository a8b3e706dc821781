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
    const format = 'nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent $request_time $upstream_response_time "$upstream_addr" $msec';
    const [r] = await records('10.0.0.1 - - [18/Mar/2023:15:00:00 +0100] "GET /p?q=1 HTTP/2.0" 502 0 1.234 0.500, 0.734 "10.0.0.9:80, 10.0.0.8:80" 1679148000.123', format);
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

  it('keeps $upstream_* lists whole: `, ` between servers and ` : ` between upstream groups', async () => {
    // The separators as nginx documents them for $upstream_addr (ngx_http_upstream_module).
    const format = 'nginx:$remote_addr [$time_local] "$request" $status $upstream_addr $upstream_status $upstream_response_time $request_time';
    const [r] = await records('10.0.0.1 [18/Mar/2023:15:00:00 +0000] "GET / HTTP/1.1" 502 192.168.1.1:80, 192.168.1.2:80, unix:/tmp/sock : 192.168.10.1:80 502, 502, 504 : 200 0.001, 0.002, 3.000 : 0.004 3.010', format);
    expect(r!.record).toMatchObject({
      upstream_addr: '192.168.1.1:80, 192.168.1.2:80, unix:/tmp/sock : 192.168.10.1:80',
      upstream_status: '502, 502, 504 : 200',
      upstream_response_time: '0.001, 0.002, 3.000 : 0.004',
      'time-taken': 3010,
    });
  });

  it('reads $time_iso8601, $request_method/$request_uri and the ${var} spelling', async () => {
    const [r] = await records('2024-01-02T03:04:05+02:00|POST|/api/x?y=2|201', 'nginx:${time_iso8601}|$request_method|$request_uri|$status');
    expect(r!.record).toEqual({ timestamp: Date.UTC(2024, 0, 2, 1, 4, 5), 'cs-method': 'POST', 'cs-uri-stem': '/api/x', 'cs-uri-query': 'y=2', 'sc-status': 201 });
  });

  it('decodes nginx \\xNN escapes in quoted values', async () => {
    const [r] = await records('1.2.3.4 - - [04/Oct/2022:03:07:27 +0000] "GET /a\\x22b HTTP/1.1" 400 150 "-" "caf\\xC3\\xA9"', 'nginx:combined');
    expect(r!.record['cs-uri-stem']).toBe('/a"b');
    expect(r!.record['cs(User-Agent)']).toBe('café');
  });

  it('names the problem in a format string it cannot compile', () => {
    expect(() => compileNginxFormat('$remote_addr$status')).toThrow(/nothing between them/);
    expect(() => compileNginxFormat('${remote_addr')).toThrow(/unclosed/);
    expect(() => compileNginxFormat('plain')).toThrow(/no \$variables/);
  });
});
