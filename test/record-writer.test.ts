import { describe, expect, it } from 'vitest';
import type { LocatedRecord, LogRecord } from '../parsers/record.js';
import { csvCell, csvEncoder, csvHeader, isoTimeCache, ndjsonEncoder, RowBuffer } from '../src/render/record-writer.js';

const located = (record: LogRecord, line = 7, file = 'u_ex26.log'): LocatedRecord => ({ record, file, line, format: 'w3c' });

// Values a log can carry that must not reach a spreadsheet as a formula or a terminal as a control.
const HOSTILE = [
  '=HYPERLINK("http://evil/","x")',
  '+cmd|calc',
  '-2+3',
  '@SUM(A1)',
  'a,b',
  'say "hi"',
  'line\nbreak',
  'cr\rhere',
  'tab\there',
  '\x1b[31mred',
  'del\x7f',
  'csi\x9b2J',
  'bidi\u202eevil',
  'iso\u2066x',
  'sep\u2028x',
  'back\\slash',
  'caf\u00e9',
  '\u6f22\u5b57',
  'emoji \u{1f600}',
  '',
];

describe('csvCell', () => {
  it('leaves plain values alone and neutralises, escapes and quotes hostile ones', () => {
    expect(csvCell('/api/v2/search')).toBe('/api/v2/search');
    expect(csvCell(404)).toBe('404');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('=HYPERLINK("http://evil/","x")')).toBe(`"'=HYPERLINK(""http://evil/"",""x"")"`);
    expect(csvCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('line\\x0abreak');
    expect(csvCell('tab\there')).toBe('tab\\x09here');
    expect(csvCell('\x1b[31mred')).toBe('\\x1b[31mred');
    expect(csvCell('csi\x9b2J')).toBe('csi\\x9b2J');
    expect(csvCell('bidi\u202eevil')).toBe('bidi\\u202eevil');
    expect(csvCell('caf\u00e9')).toBe('caf\u00e9');
  });
});

describe('csvEncoder', () => {
  it('writes the columns in order, CRLF, with file and line, and collects the columns seen', () => {
    const seen = new Set<string>();
    const row = csvEncoder(['timestamp', 'c-ip', 'sc-status', 'cs(User-Agent)', 'file', 'line'], seen);
    const out = row(located({ timestamp: Date.UTC(2026, 9, 1, 0, 0, 5), 'c-ip': '10.0.0.1', 'sc-status': 500, 'cs(User-Agent)': '=1+1' }));
    expect(out).toBe("2026-10-01T00:00:05Z,10.0.0.1,500,'=1+1,u_ex26.log,7\r\n");
    expect([...seen].sort()).toEqual(['c-ip', 'cs(User-Agent)', 'sc-status', 'timestamp']);
    expect(csvHeader(['timestamp', '=x'])).toBe("timestamp,'=x\r\n");
  });

  it('keeps a row one row per record whatever the values hold', () => {
    const row = csvEncoder(['cs-uri-stem', 'line'], new Set());
    for (const value of HOSTILE) {
      const out = row(located({ 'cs-uri-stem': value }));
      expect(out.endsWith('\r\n')).toBe(true);
      expect(out.slice(0, -2)).not.toMatch(/[\r\n\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
      expect(out.slice(0, -2)).not.toMatch(/^[=+\-@]/);
    }
  });
});

describe('ndjsonEncoder', () => {
  const encode = ndjsonEncoder();

  it('writes timestamp first, then the fields in order, then file and line', () => {
    const out = encode(located({ timestamp: Date.UTC(2026, 9, 1, 12, 30, 0, 250), 'sc-status': 200, 'cs-method': 'GET' }));
    expect(out).toBe('{"timestamp":"2026-10-01T12:30:00.250Z","sc-status":200,"cs-method":"GET","file":"u_ex26.log","line":7}\n');
    expect(encode(located({}))).toBe('{"file":"u_ex26.log","line":7}\n');
    expect(encode(located({ 'sc-bytes': Number.POSITIVE_INFINITY, 'c-ip': undefined }))).toBe(
      '{"sc-bytes":null,"file":"u_ex26.log","line":7}\n',
    );
  });

  it('gives back every hostile value as valid JSON, terminal-safe', () => {
    for (const value of HOSTILE) {
      const out = encode(located({ 'cs-uri-stem': value, [value]: 'as a key' }, 3, value));
      expect(out.endsWith('}\n')).toBe(true);
      expect(out.slice(0, -1)).not.toMatch(/[\n\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      const parsed = JSON.parse(out) as Record<string, unknown>;
      expect(parsed['cs-uri-stem']).toBe(value);
      expect(parsed[value]).toBe('as a key');
      expect(parsed.file).toBe(value);
      expect(parsed.line).toBe(3);
    }
  });

  it('orders keys as JSON.stringify would when a field is named like an index, file or line', () => {
    expect(encode(located({ timestamp: 0, '7': 'x', 'sc-status': 200 }))).toBe(
      '{"7":"x","timestamp":"1970-01-01T00:00:00Z","sc-status":200,"file":"u_ex26.log","line":7}\n',
    );
    expect(encode(located({ file: 'own', 'sc-status': 200 }))).toBe('{"file":"u_ex26.log","sc-status":200,"line":7}\n');
  });
});

describe('isoTimeCache', () => {
  it('matches Date#toISOString (zero fraction dropped) across seconds, fractions and years', () => {
    const iso = isoTimeCache();
    const times = [
      0,
      5,
      999,
      1000,
      1001,
      -1,
      -999,
      -1000,
      Date.UTC(2026, 0, 1, 23, 59, 59, 999),
      Date.UTC(2026, 0, 2),
      253402300799999,
      -62198755200000,
    ];
    for (const ms of [...times, ...times]) expect(iso(ms)).toBe(new Date(ms).toISOString().replace('.000Z', 'Z'));
  });
});

describe('RowBuffer', () => {
  it('hands over UTF-8 bytes in order, growing past a chunk', () => {
    const rows = new RowBuffer(4);
    rows.add('caf\u00e9\n');
    expect(rows.full).toBe(true);
    rows.add('x'.repeat(100));
    expect(rows.take().toString('utf8')).toBe(`caf\u00e9\n${'x'.repeat(100)}`);
    expect(rows.size).toBe(0);
    rows.add('\u{1f600}');
    expect([...rows.take()]).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });
});
