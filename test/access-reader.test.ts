/**
 * The fast access-log reader (parsers/access-reader.ts) against the general matcher it stands in
 * front of: on every line it reads, the general matcher must read the same record without guessing;
 * every other line is left to the general matcher. Lines: every layout's samples, the access-log
 * fixtures, and each of those bent in ways real logs are (quotes in agents, lists, blanks, times
 * without zones). Times and error-only fields are checked against hand-computed values.
 */
import { describe, expect, it } from 'vitest';
import { ACCESS_FORMATS, compiledAccessLayouts } from '../parsers/access-formats.js';
import { AccessLineMatcher, type CompiledAccessFormat } from '../parsers/access-log.js';
import { compileApacheFormat } from '../parsers/apache.js';
import { compileNginxFormat } from '../parsers/nginx.js';
import { compileAccessReader } from '../parsers/access-reader.js';
import { ACCESS_LAYOUTS } from '../parsers/formats/access-layouts.js';
import { sampleLines } from '../parsers/formats/format-info.js';
import { BENDS, LINES } from './access-lines.js';
import { fixedOffset } from '../parsers/local-time.js';
import type { LogRecord } from '../parsers/record.js';
import { LINE_RECORD, type ParseContext } from '../parsers/types.js';

const ALL: ParseContext = { file: 't.log', wanted: 'all', localTime: fixedOffset(0) };

describe('access-log fast reader', () => {
  const layouts = compiledAccessLayouts();

  const COMMON_SHAPES = ['combined', 'common', 'nginx main', 'nginx upstreaminfo', 'vhost_combined', 'combinedio', 'nginx main_ext'];
  it(`reads the plain samples of ${COMMON_SHAPES.join(', ')} itself`, () => {
    for (const label of COMMON_SHAPES) {
      const index = layouts.findIndex((f) => f.label === label);
      const read = compileAccessReader(layouts[index]!, ALL)!;
      expect(
        sampleLines(ACCESS_LAYOUTS[index]!).some((line) => read(line, {})),
        label,
      ).toBe(true);
    }
  });

  for (const format of layouts) {
    const read = compileAccessReader(format, ALL);
    if (read === undefined) continue;
    it(`reads exactly what the general matcher reads: ${format.label}`, () => {
      const matcher = new AccessLineMatcher(format, ALL);
      for (const line of LINES) {
        const record: LogRecord = {};
        if (!read(line, record)) {
          expect(record, line).toEqual({});
          continue;
        }
        expect(matcher.matches(line), line).toBe(true);
        expect(matcher.guessed, line).toBe(false);
        const general: LogRecord = {};
        matcher.write(line, general);
        expect(record, line).toEqual(general);
      }
    });
  }
});

describe('access-log fast reader: format strings of the user', () => {
  const CUSTOM: [CompiledAccessFormat, string[]][] = [
    [
      compileApacheFormat('%h %l %u %t "%r" %>s %b %D "%{X-Forwarded-For}i"'),
      ['10.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET /a?b=1 HTTP/1.1" 200 2326 1534 "203.0.113.9, 10.0.0.2"'],
    ],
    [compileApacheFormat('%a %{sec}t "%m %U%q %H" %s %T'), ['192.0.2.4 1712217600 "POST /login?next=%2F HTTP/2.0" 302 0']],
    [
      compileNginxFormat('$remote_addr [$time_iso8601] "$request" $status $request_time $upstream_addr'),
      ['192.0.2.5 [2025-08-06T14:43:25+02:00] "GET / HTTP/1.1" 502 0.012 10.0.0.1:80, 10.0.0.2:80'],
    ],
    [compileNginxFormat('$msec $remote_addr "$request" $status $body_bytes_sent'), ['1712217600.123 192.0.2.6 "GET /x HTTP/1.1" 404 0']],
  ];
  for (const [format, lines] of CUSTOM) {
    it(`reads exactly what the general matcher reads: ${format.fields.map((f) => f.source).join(' ')}`, () => {
      const read = compileAccessReader(format, ALL)!;
      const matcher = new AccessLineMatcher(format, ALL);
      let fast = 0;
      for (const line of lines.flatMap((l) => [l, ...BENDS.map((bend) => bend(l))])) {
        const record: LogRecord = {};
        if (!read(line, record)) continue;
        fast++;
        expect(matcher.matches(line) && !matcher.guessed, line).toBe(true);
        const general: LogRecord = {};
        matcher.write(line, general);
        expect(record, line).toEqual(general);
      }
      expect(fast).toBeGreaterThan(0);
    });
  }
});

describe('access-log fast reader: times and error-only fields', () => {
  const combined = ACCESS_FORMATS.find((f) => f.name === 'combined')!;

  const parse = (lines: string[], ctx: ParseContext): LogRecord[] => {
    const parser = combined.create(ctx);
    return lines.map((line) => {
      const out: LogRecord = {};
      expect(parser.parse(line, out), line).toBe(LINE_RECORD);
      return out;
    });
  };
  const line = (time: string, status = 200, path = '/a') => `192.0.2.1 - - [${time}] "GET ${path} HTTP/1.1" ${status} 10 "-" "curl/8.0"`;

  it('reads the time of each line, the day kept only while the date is the same', () => {
    const times = [
      '31/Dec/2025:23:59:59 +0100',
      '31/Dec/2025:23:59:59 -0530',
      '01/Jan/2026:00:00:00 +0000',
      '31/Dec/2025:12:00:00 +0000',
      '29/Feb/2024:06:07:08 +0230',
      '29/Feb/2024:06:07:60 +0000',
    ];
    const records = parse(
      times.map((t) => line(t)),
      ALL,
    );
    expect(records.map((r) => r.timestamp)).toEqual([
      Date.UTC(2025, 11, 31, 22, 59, 59),
      Date.UTC(2026, 0, 1, 5, 29, 59),
      Date.UTC(2026, 0, 1, 0, 0, 0),
      Date.UTC(2025, 11, 31, 12, 0, 0),
      Date.UTC(2024, 1, 29, 3, 37, 8),
      Date.UTC(2024, 1, 29, 6, 8, 0),
    ]);
  });

  it('rejects a time no clock shows, after a good line of the same date', () => {
    const parser = combined.create(ALL);
    expect(parser.parse(line('10/Oct/2000:13:55:36 -0700'), {})).toBe(LINE_RECORD);
    for (const bad of [
      '10/Oct/2000:24:00:00 -0700',
      '10/Oct/2000:13:60:00 -0700',
      '10/Oct/2000:13:55:36 +07x0',
      '32/Oct/2000:13:55:36 -0700',
    ]) {
      expect(parser.parse(line(bad), {}), bad).not.toBe(LINE_RECORD);
    }
  });

  it('decodes the request only for errors when the consumer wants its URI only for them', () => {
    const ctx: ParseContext = { ...ALL, wanted: new Set(['sc-status', 'cs-uri-stem']), errorOnly: new Set(['cs-uri-stem']) };
    const [ok, missing, failed] = parse(
      [
        line('10/Oct/2000:13:55:36 -0700', 200, '/ok'),
        line('10/Oct/2000:13:55:36 -0700', 404, '/gone?x=1'),
        line('10/Oct/2000:13:55:37 -0700', 503, '/down'),
      ],
      ctx,
    );
    expect(ok!['sc-status']).toBe(200);
    expect(ok!['cs-uri-stem']).toBeUndefined();
    expect(missing!['sc-status']).toBe(404);
    expect(missing!['cs-uri-stem']).toBe('/gone');
    expect(failed!['cs-uri-stem']).toBe('/down');
  });
});
