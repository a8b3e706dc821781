/**
 * `records` writes plain W3C lines straight from their text (src/render/plain-w3c-rows.ts) and
 * every other line through the parser and the record encoder. Both paths are run on the same
 * files, real-looking and hostile (quotes, commas, formula starts, controls, `+` and %xx, `-` and
 * empty values, odd numbers, header changes mid-file, local times, rejects), and must write the
 * same bytes and account for every line the same way. A few rows are checked against values
 * written out by hand.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../src/cli/commands/records.js';
import { compileFilter } from '../src/filter/filters.js';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { writeRecordsInParallel } from '../src/parallel/records-parallel.js';
import { planFile } from '../src/parallel/run-parallel.js';
import { exportRecords, type RecordsEncoding } from '../src/parallel/records-task.js';
import type { InputSummary } from '../src/scan/input-summary.js';
import { fileSource } from '../src/sources/sources.js';

const IIS_FIELDS =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';

/** Lines IIS writes, each plain: every value copied as it is. */
const PLAIN = [
  '2024-03-01 00:00:01 10.0.0.5 GET /api/v2/search q=caf%C3%A9&page=2 443 - 187.123.155.228 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko) https://www.example.com/ 200 0 0 95',
  '2024-03-01 00:00:01 10.0.0.5 POST /login.aspx - 443 CONTOSO\\alice 27.137.201.107 curl/8.4.0 - 401 2 5 26',
  '2024-03-01 00:00:02.250 10.0.0.5 GET /a+b - 80 - 10.1.2.3 - - 404 0 2 0',
];

const HOSTILE = [
  '\ufeff#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2024-03-01 00:00:00',
  IIS_FIELDS,
  ...PLAIN,
  // Formula starts, quotes, commas, controls, non-ASCII, in strings and in plus-decoded fields: one per line.
  ...[
    '=cmd|calc',
    '@SUM(A1)',
    '-2+3',
    '+1',
    '/say"hi"',
    'a,b',
    '/bell\u0007',
    'x\u007fy',
    '/caf\u00e9/\u6f22',
    'csi\u009b2J',
    'bidi\u202eevil',
    '/tab\there',
    '/cr\rmid',
    '/back\\slash',
    '"/quoted value"',
    '""',
    '"quoted"',
  ].flatMap((value) => [
    `2024-03-01 00:00:03 10.0.0.5 GET ${value} - 443 - 10.0.0.1 - - 200 0 0 1`,
    `2024-03-01 00:00:03 10.0.0.5 GET /x - 443 - 10.0.0.1 ${value.replaceAll(' ', '+')} - 200 0 0 1`,
    `2024-03-01 00:00:03 10.0.0.5 GET /x - 443 ${value} 10.0.0.1 - - 200 0 0 1`,
  ]),
  '2024-03-01 00:00:03 10.0.0.5 GET /plus - 443 - 10.0.0.1 + ++ 200 0 0 1',
  '2024-03-01 00:00:03 10.0.0.5 GET /plus - 443 - 10.0.0.1 -x - 200 0 0 1',
  '2024-03-01 00:00:03 10.0.0.5 GET /plus - 443 - 10.0.0.1 - +-x 200 0 0 1',
  '2024-03-01 00:00:03 10.0.0.5 GET /plus - 443 - 10.0.0.1 ua,with,commas - 200 0 0 1',
  // Empty values (two spaces), runs of spaces, a space at the start.
  '2024-03-01 00:00:04 10.0.0.5 GET /empty  443 - 10.0.0.1 - - 200 0 0 1',
  ' 2024-03-01 00:00:04 10.0.0.5 GET /lead - 443 - 10.0.0.1 - - 200 0 0 1',
  // Numbers: leading zeros, too long for a double, garbage (no value), decimal and out-of-range time-taken.
  '2024-03-01 00:00:05 10.0.0.5 GET /n - 0443 - 10.0.0.1 - - 200 00 007 1',
  '2024-03-01 00:00:05 10.0.0.5 GET /n - 443 - 10.0.0.1 - - 200 0 123456789012345678901 1',
  '2024-03-01 00:00:05 10.0.0.5 GET /n - 443 - 10.0.0.1 - - 200 0 1234567890123456 1',
  '2024-03-01 00:00:05 10.0.0.5 GET /n - abc - 10.0.0.1 - - 200 x -5 0.5',
  '2024-03-01 00:00:05 10.0.0.5 GET /n - 443 - 10.0.0.1 - - 200 0 0 999999999999',
  '2024-03-01 00:00:05 10.0.0.5 GET /n - 443 - 10.0.0.1 - - 200 0 0 1000000000000',
  '2024-03-01 00:00:05 10.0.0.5 GET /n - 443 - 10.0.0.1 - - 200 0 0 99999999999999',
  // Statuses: none, invalid (rejected), under 100 (rejected).
  '2024-03-01 00:00:06 10.0.0.5 GET /s - 443 - 10.0.0.1 - - - - - -',
  '2024-03-01 00:00:06 10.0.0.5 GET /s - 443 - 10.0.0.1 - - abc 0 0 1',
  '2024-03-01 00:00:06 10.0.0.5 GET /s - 443 - 10.0.0.1 - - 099 0 0 1',
  '2024-03-01 00:00:06 10.0.0.5 GET /s - 443 - 10.0.0.1 - - 2000 0 0 1',
  // Times: a leap second, an impossible date (Date.UTC rolls it over), unreadable ones (rejected), a year < 100.
  '2024-03-01 23:59:60 10.0.0.5 GET /t - 443 - 10.0.0.1 - - 200 0 0 1',
  '2024-02-31 00:00:00 10.0.0.5 GET /t - 443 - 10.0.0.1 - - 200 0 0 1',
  '2024-13-01 00:00:00 10.0.0.5 GET /t - 443 - 10.0.0.1 - - 200 0 0 1',
  '2024-03-01 25:00:00 10.0.0.5 GET /t - 443 - 10.0.0.1 - - 200 0 0 1',
  '0050-03-01 00:00:00 10.0.0.5 GET /t - 443 - 10.0.0.1 - - 200 0 0 1',
  '2024-03-01 00:00:07.1234 10.0.0.5 GET /t - 443 - 10.0.0.1 - - 200 0 0 1',
  // Value counts that do not fit (rejected), blank lines, garbage.
  '2024-03-01 00:00:08 10.0.0.5 GET /short',
  '2024-03-01 00:00:08 10.0.0.5 GET /long - 443 - 10.0.0.1 - - 200 0 0 1 extra',
  '',
  'not a log line at all',
  // A new header block with fewer fields: a time-only layout under #Date, then without it.
  '#Date: 2024-03-02 00:00:00',
  '#Fields: time cs-uri-stem sc-status',
  '03:00:00 /d 401',
  '03:00:01 /d,comma 503',
  '#Fields: date time c-ip cs-uri-stem sc-status X-Forwarded-For cs(Referrer) s-sitename',
  '2024-03-02 04:00:00 10.0.0.9 /xff 200 203.0.113.7,10.0.0.1 https://r/ W3SVC1',
  '2024-03-02 04:00:01 10.0.0.9 /xff 200 - - W3SVC1',
  // Duplicate names, aliases of one key, reserved keys, digit keys. Each block has two lines: the
  // first after a #Fields is read by the parser (it tells an FTP or SMTP log), the next may be plain.
  '#Fields: date time cs-uri-stem cs-uri-stem cs(Referer) cs(Referrer) sc-status',
  '2024-03-02 05:00:00 /first /second https://a/ https://b/ 200',
  '2024-03-02 05:00:00 /first /second https://a/ https://b/ 200',
  '#Fields: date time cs-uri-stem file line sc-status',
  '2024-03-02 06:00:00 /keys f.log 12 200',
  '2024-03-02 06:00:00 /keys f.log 12 200',
  '#Fields: date time cs-uri-stem 1st sc-status',
  '2024-03-02 06:00:00 /keys one 200',
  '2024-03-02 06:00:00 /keys one 200',
  '#Fields: cs-uri-stem timestamp sc-status',
  '/keys 2024-03-02T06:00:00 200',
  '/keys 2024-03-02T06:00:00 200',
  // An ISA/TMG proxy's status column holds Windows errors; two date columns (the last is kept).
  '#Fields: date time c-ip cs-uri-stem sc-status s-object-source',
  '2024-03-02 06:30:00 10.0.0.1 /proxy 200 Cache',
  '2024-03-02 06:30:00 10.0.0.1 /proxy 12209 Internet',
  '2024-03-02 06:30:00 10.0.0.1 /proxy 200 Cache',
  '#Fields: date date-local time cs-uri-stem sc-status',
  '2024-03-02 2024-03-05 06:40:00 /twodates 200',
  '2024-03-02 2024-03-05 06:40:00 /twodates 200',
  '2024-13-02 2024-03-05 06:40:00 /twodates 200',
  // A block that is an IIS FTP log: its first record tells it, and labels the block.
  '#Fields: date time s-sitename cs-method cs-uri-stem sc-status',
  '2024-03-02 06:50:00 MSFTPSVC1 USER anonymous 331',
  '2024-03-02 06:50:01 MSFTPSVC1 PASS - 230',
  // cs-uri alone is split into stem and query.
  '#Fields: date time cs-uri sc-status',
  '2024-03-02 07:00:00 /split?x=1 200',
  '2024-03-02 07:00:00 /split?x=1 200',
  // A layout without a time column: no timestamp; with date only, the date is still checked.
  '#Fields: cs-uri-stem sc-status',
  '/notime 200',
  '/notime 200',
  '#Fields: date cs-uri-stem sc-status',
  '2024-03-02 /dateonly 200',
  '2024-03-02 /dateonly 200',
  'bad-date /dateonly 200',
  // Lines a byte reader must leave to the text path: padding, a BOM, blanks of a layout without checked values.
  '#Fields: cs-uri-stem cs-method',
  '/a GET',
  '/a GET',
  ' ',
  '\t',
  '\ufeff/bom GET',
  '\u0000\u0000/nul GET',
  '/a\u0000 GET',
  '/a GET\r\r',
  // Back to IIS's layout, a CRLF line, and a last line without a newline.
  '#Date: 2024-03-03 00:00:00',
  IIS_FIELDS,
  `${PLAIN[0]!.replace('2024-03-01', '2024-03-03')}\r`,
  PLAIN[1]!.replace('2024-03-01', '2024-03-03'),
];

/** A GMT offset shifts local times, for the rest of the file. */
const LOCAL_TIME = [
  '#Fields: date time cs-uri-stem sc-status',
  ...Array.from({ length: 20 }, () => '2024-03-02 08:00:00 /utc 200'),
  '#GMT-Offset: -0800',
  '2024-03-02 08:00:00 /local 200',
  '2024-03-02 08:00:00 /local 200',
];

const dir = mkdtempSync(join(tmpdir(), 'logtally-plain-rows-'));

function logFile(name: string, lines: readonly string[], end = '\n'): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + end);
  return path;
}

interface Exported {
  text: string;
  input: InputSummary;
  seen: string[];
}

async function exported(
  paths: string[],
  encoding: RecordsEncoding,
  options: { since?: number; maxLineBytes?: number; format?: string } = {},
): Promise<Exported> {
  const chunks: Buffer[] = [];
  const seen = new Set<string>();
  const filter = options.since === undefined ? undefined : compileFilter({ since: options.since });
  const input = await exportRecords(
    paths.map((p) => fileSource(p)),
    encoding,
    seen,
    { filter, maxLineBytes: options.maxLineBytes, format: options.format },
    async (chunk) => {
      chunks.push(Buffer.from(chunk));
    },
  );
  return { text: Buffer.concat(chunks).toString('utf8'), input, seen: [...seen].sort() };
}

/** The export through the plain path and through the record path: the same bytes, lines and notes. */
async function bothPaths(
  paths: string[],
  encoding: RecordsEncoding,
  options: { maxLineBytes?: number; format?: string } = {},
): Promise<Exported> {
  const plain = await exported(paths, { ...encoding, plainRows: true }, options);
  const records = await exported(paths, { ...encoding, plainRows: false }, options);
  expect(plain.text).toBe(records.text);
  expect(plain.input).toEqual(records.input);
  expect(plain.seen).toEqual(records.seen);
  return plain;
}

const ENCODINGS: Record<string, RecordsEncoding> = {
  'csv (default columns)': { format: 'csv', columns: CSV_COLUMNS },
  'csv (--columns with repeats and custom fields)': {
    format: 'csv',
    columns: ['line', 'cs(User-Agent)', 'timestamp', 'X-Forwarded-For', 'sc-status', 'file', 'cs(User-Agent)', 'time-taken', 'nope', '1st'],
  },
  ndjson: { format: 'ndjson', columns: [] },
};

describe('records: plain W3C lines written straight from the text', () => {
  const hostile = logFile('u_ex240301.log', HOSTILE, '');
  // Format detection reads 16 lines first: the lines after them may be plain.
  const local = logFile('local.log', LOCAL_TIME);
  const second = logFile('u,ex "2".log', ['#Date: 2024-03-04 00:00:00', IIS_FIELDS, ...Array.from({ length: 8 }, () => PLAIN).flat()]);

  for (const [name, encoding] of Object.entries(ENCODINGS)) {
    it(`writes what the record path writes: ${name}`, async () => {
      const { input } = await bothPaths([hostile, second, local], encoding);
      // Every line is accounted for, as the record path counts them.
      expect(input.lines).toBe(HOSTILE.length + 8 * PLAIN.length + 2 + LOCAL_TIME.length);
      expect(input.rejected).toBeGreaterThan(5);
    });
  }

  it('writes plain rows as worked out by hand (CSV)', async () => {
    const path = logFile('plain.log', ['#Date: 2024-03-01 00:00:00', IIS_FIELDS, ...PLAIN]);
    const { text } = await bothPaths([path], { format: 'csv', columns: CSV_COLUMNS }, { format: 'w3c' });
    expect(text.split('\r\n')).toEqual([
      `2024-03-01T00:00:01Z,187.123.155.228,,10.0.0.5,443,GET,/api/v2/search,q=caf%C3%A9&page=2,,200,0,0,,,95,"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)",https://www.example.com/,,,,,,,${path},3`,
      `2024-03-01T00:00:01Z,27.137.201.107,,10.0.0.5,443,POST,/login.aspx,,,401,2,5,,,26,curl/8.4.0,,CONTOSO\\alice,,,,,,${path},4`,
      `2024-03-01T00:00:02.250Z,10.1.2.3,,10.0.0.5,80,GET,/a+b,,,404,0,2,,,0,,,,,,,,,${path},5`,
      '',
    ]);
  });

  it('writes plain rows as worked out by hand (NDJSON)', async () => {
    const path = logFile('plain.log', ['#Date: 2024-03-01 00:00:00', IIS_FIELDS, ...PLAIN]);
    const { text } = await bothPaths([path], { format: 'ndjson', columns: [] }, { format: 'w3c' });
    const file = JSON.stringify(path);
    expect(text.split('\n')[1]).toBe(
      `{"timestamp":"2024-03-01T00:00:01Z","s-ip":"10.0.0.5","cs-method":"POST","cs-uri-stem":"/login.aspx","s-port":443,"cs-username":"CONTOSO\\\\alice","c-ip":"27.137.201.107","cs(User-Agent)":"curl/8.4.0","sc-status":401,"sc-substatus":2,"sc-win32-status":5,"time-taken":26,"file":${file},"line":4}`,
    );
  });

  it('quotes a file name that needs it, in every row', async () => {
    const { text } = await bothPaths([second], { format: 'csv', columns: ['file', 'line'] });
    expect(text).toBe(Array.from({ length: 24 }, (_, i) => `"${second.replaceAll('"', '""')}",${i + 3}\r\n`).join(''));
  });

  it('leaves filtered exports to the record path, with the same rows', async () => {
    const path = logFile('plain.log', ['#Date: 2024-03-01 00:00:00', IIS_FIELDS, ...PLAIN]);
    const since = Date.UTC(2024, 2, 1, 0, 0, 2);
    const filtered = await exported([path], { format: 'csv', columns: ['timestamp', 'line'] }, { since });
    expect(filtered.text).toBe('2024-03-01T00:00:02.250Z,5\r\n');
    expect(filtered.input.filteredOut).toBe(2);
  });

  it('writes the same rows on worker threads, ranges cut mid-block', async () => {
    const size = statSync(hostile).size;
    const cuts = [Math.floor(size / 4), Math.floor(size / 2), Math.floor((3 * size) / 4)];
    const onThreads = async (plainRows: boolean): Promise<string> => {
      const plan = planFile(hostile, size, cuts.length + 1, {}, (p, s) => rangesAt(p, s, cuts));
      const chunks: Buffer[] = [];
      await writeRecordsInParallel([plan], { format: 'ndjson', columns: [], plainRows }, {}, 2, async (chunk) => {
        chunks.push(Buffer.from(chunk));
      });
      return Buffer.concat(chunks).toString('utf8');
    };
    const oneThread = await bothPaths([hostile], { format: 'ndjson', columns: [] });
    expect(await onThreads(true)).toBe(oneThread.text);
    expect(await onThreads(false)).toBe(oneThread.text);
  });

  it('leaves lines over the length limit to the text path, which rejects them', async () => {
    const { input } = await bothPaths([hostile], { format: 'ndjson', columns: [] }, { maxLineBytes: 120 });
    expect(input.rejectedByReason['line-too-long']).toBeGreaterThan(3);
  });

  it('keeps rows in line order across chunks when most lines are plain and some are not', async () => {
    const lines = ['#Date: 2024-03-01 00:00:00', IIS_FIELDS];
    for (let i = 0; i < 20_000; i++) {
      const uri = i % 7 === 0 ? `/caf\u00e9/${i}` : `/p/${i}`;
      lines.push(
        `2024-03-01 00:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:00 10.0.0.5 GET ${uri} - 443 - 10.0.0.1 - - 200 0 0 ${i}`,
      );
    }
    const path = logFile('big.log', lines);
    const { text } = await bothPaths([path], { format: 'csv', columns: ['time-taken', 'line'] });
    const rows = text.split('\r\n');
    expect(rows.length).toBe(20_001);
    expect(rows[12_345]).toBe(`12345,${12_345 + 3}`);
  });
});
