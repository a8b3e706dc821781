/**
 * Splitting a file into byte ranges gives the single-threaded result exactly: tried at every byte
 * offset (and pairs of offsets) of a small multi-block file whose #Fields and #Date change
 * mid-file, with blank, rejected and CRLF lines (a sample of them in `npm test`, all in
 * `npm run test:full`). Real worker threads run in-process and, once, through the built CLI.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dimension } from '../src/index.js';
import { analyse, reportJob } from '../src/analyse/analyse.js';
import { fileSource } from '../src/sources/sources.js';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { planFile, runPlanned } from '../src/parallel/run-parallel.js';
import { CLI, runCli } from './cli-run.js';
import { FULL, range } from './helpers/exhaustive.js';

const BLOCKS = [
  '\ufeff#Software: Microsoft Internet Information Services 10.0',
  '#Date: 2024-03-01 00:00:00',
  '#Fields: date time cs-uri-stem sc-status sc-substatus sc-win32-status',
  '2024-03-01 00:00:01 /a 200 0 0',
  '2024-03-01 00:10:01 /b 404 0 2',
  '',
  '2024-03-01 01:00:01 /c 500 19 13\r',
  'not a log line',
  '#Date: 2024-03-02 00:00:00',
  '#Fields: time cs-uri-stem sc-status',
  '03:00:00 /d 401',
  '04:00:00 /é 503',
  '#Date: 2024-03-03 00:00:00',
  '05:00:00 /f 404',
  '2024-03-03 bad',
  '#Fields: date time cs-uri-stem sc-status sc-substatus sc-win32-status',
  '2024-03-04 06:00:00 /g 403 14 0',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'logtally-parallel-'));
const path = join(dir, 'u_ex.log');
writeFileSync(path, `${BLOCKS}\n`);
const size = statSync(path).size;
const by: Dimension[] = ['hour', 'code', 'uri'];

const runSplit = (cuts: number[]) =>
  runPlanned([planFile(path, size, cuts.length + 1, {}, (p, s) => rangesAt(p, s, cuts))], reportJob({ by }), {}, 1);

describe('byte-range splitting', () => {
  it('cuts only at line starts', () => {
    const bytes = readFileSync(path);
    for (const cut of range(0, size + 1, size + 1)) {
      for (const { start } of rangesAt(path, size, [cut])) expect(start === 0 || bytes[start - 1] === 10).toBe(true);
    }
  });

  it('gives the single-threaded report at every split point', async () => {
    const whole = await analyse([fileSource(path, size)], { by });
    expect(whole.input.rejected).toBeGreaterThan(0);
    for (const cut of range(1, size, 60)) expect(await runSplit([cut]), `cut at ${cut}`).toEqual(whole);
  });

  it('gives the single-threaded report with three ranges', async () => {
    const whole = await analyse([fileSource(path, size)], { by });
    const [aStep, bStep] = FULL ? [7, 11] : [29, 37];
    for (let a = 1; a < size; a += aStep)
      for (let b = a + 1; b < size; b += bStep) expect(await runSplit([a, b]), `cuts at ${a}, ${b}`).toEqual(whole);
  });

  it('numbers rejected lines as in the whole file', async () => {
    const split = await runSplit([Math.floor(size / 2)]);
    expect(split.input.rejectedSamples.map((s) => s.line)).toEqual([8, 15]);
  });

  it('reads a file with data before its first #Fields whole: that layout is inferred from the first lines', () => {
    const cutPath = join(dir, 'cut.log');
    writeFileSync(cutPath, `2024-03-01 00:00:00 10.0.0.5 GET / - 443 - 203.0.113.9 curl/8 - 200 0 0 1\n${BLOCKS}\n`);
    expect(planFile(cutPath, statSync(cutPath).size, 2, {}, (p, s) => rangesAt(p, s, [200])).ranges).toBeUndefined();
  });

  it('reads a UTF-16 file whole, even with its format given: a range after the byte order mark could not be decoded', async () => {
    const utf16Path = join(dir, 'utf16.log');
    writeFileSync(utf16Path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${BLOCKS}\r\n`, 'utf16le')]));
    const utf16Size = statSync(utf16Path).size;
    expect(planFile(utf16Path, utf16Size, 2, { format: 'w3c' }, (p, s) => rangesAt(p, s, [utf16Size / 2])).ranges).toBeUndefined();
    const whole = await analyse([fileSource(path, size)], { by });
    const planned = await runPlanned(
      [planFile(utf16Path, utf16Size, 2, {}, (p, s) => rangesAt(p, s, [utf16Size / 2]))],
      reportJob({ by }),
      {},
      1,
    );
    expect(planned.groups).toEqual(whole.groups);
    expect(planned.input.records).toBe(whole.input.records);
  });
});

describe('byte-range splitting of access logs (no header to hand on)', () => {
  const ACCESS = [
    '203.0.113.7 - - [10/Oct/2023:13:55:36 +0200] "GET /a HTTP/1.1" 200 2326 "-" "curl/8.0"',
    '203.0.113.8 - bob [10/Oct/2023:13:55:37 +0200] "POST /login HTTP/1.1" 401 12 "https://example.com/" "Mozilla/5.0 (X11)"\r',
    '',
    '198.51.100.1 - - [10/Oct/2023:14:00:00 +0200] "GET /common-line HTTP/1.0" 404 -',
    'garbage that is no request',
    '203.0.113.7 - - [10/Oct/2023:15:00:00 +0200] "GET /caf\\xc3\\xa9 HTTP/1.1" 503 0 "-" "Mozilla/5.0 \\"quoted\\""',
  ].join('\n');
  const accessPath = join(dir, 'access.log');
  writeFileSync(accessPath, `${ACCESS}\n`);
  const accessSize = statSync(accessPath).size;
  const plan = (cuts: number[]) => planFile(accessPath, accessSize, cuts.length + 1, {}, (p, s) => rangesAt(p, s, cuts));

  it('plans ranges read as the detected layout', () => {
    expect(plan([100]).format).toBe('combined');
    expect(plan([100]).header).toBeUndefined();
  });

  it('gives the single-threaded report at every split point', async () => {
    const whole = await analyse([fileSource(accessPath, accessSize)], { by });
    expect(whole.input).toMatchObject({ records: 4, blank: 1, rejected: 1 });
    for (const cut of range(1, accessSize, 60)) {
      expect(await runPlanned([plan([cut])], reportJob({ by }), {}, 1), `cut at ${cut}`).toEqual(whole);
    }
  });
});

describe('worker threads', () => {
  it('split one file into ranges with the same result', async () => {
    const whole = await analyse([fileSource(path, size)], { by });
    const plan = planFile(path, size, 3, {}, (p, s) => rangesAt(p, s, [Math.floor(size / 3), Math.floor((2 * size) / 3)]));
    expect(plan.ranges).toHaveLength(3);
    expect(await runPlanned([plan], reportJob({ by }), {}, 2)).toEqual(whole);
  });
});

describe.skipIf(!existsSync(CLI))('worker threads of the built CLI', () => {
  it('report --threads 2 equals --threads 1 on several files', () => {
    const files = [0, 1, 2].map((i) => {
      const file = join(dir, `many-${i}.log`);
      writeFileSync(file, `${BLOCKS}\n`.repeat(6_500 + i));
      return file;
    });
    const one = runCli(['report', ...files, '--by', 'hour,code', '--format', 'partial', '--threads', '1']);
    const two = runCli(['report', ...files, '--by', 'hour,code', '--format', 'partial', '--threads', '2']);
    expect(two.stderr).toBe('');
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
  });
});
