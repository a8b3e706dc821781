/**
 * `records` over worker threads writes what one thread writes, byte for byte: a multi-block W3C
 * file (its #Fields and #Date change mid-file, so later ranges start with a wrong header guess and
 * are re-read) with hostile values, blank, rejected and CRLF lines, cut at a sample of split points
 * and sets of them (a third of all in `npm run test:full`), in both formats, with real worker threads.
 * The `line` column is also checked against the file itself.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rangesAt } from '../src/parallel/byte-ranges.js';
import { writeRecordsInParallel, type RecordsResult } from '../src/parallel/records-parallel.js';
import type { RecordsEncoding } from '../src/parallel/records-task.js';
import { planFile } from '../src/parallel/run-parallel.js';
import { csvHeader } from '../src/render/record-writer.js';
import { CSV_COLUMNS } from '../src/cli/commands/records.js';
import { CLI, ROOT, runInProcess } from './cli-run.js';
import { FULL, range } from './helpers/exhaustive.js';

const LINES = [
  '\ufeff#Software: Microsoft Internet Information Services 10.0',
  '#Date: 2024-03-01 00:00:00',
  '#Fields: date time c-ip cs-uri-stem cs-uri-query sc-status sc-substatus sc-win32-status cs(User-Agent)',
  '2024-03-01 00:00:01 10.0.0.1 /a - 200 0 0 Mozilla/5.0+(X11;+Linux)',
  '2024-03-01 00:10:01 10.0.0.2 /b,"quoted" =cmd|calc 404 0 2 -',
  '',
  '2024-03-01 01:00:01 10.0.0.3 /c +1 500 19 13 @sum(A1)\r',
  'not a log line',
  '2024-03-01 01:00:02 10.0.0.4 /caf\u00e9/\u6f22 q=\u0007bell 200 0 0 "ua,with,commas"',
  '#Date: 2024-03-02 00:00:00',
  '#Fields: time cs-uri-stem sc-status',
  '03:00:00 /d 401',
  '04:00:00 /\u00e9 503',
  '#Date: 2024-03-03 00:00:00',
  '05:00:00 /f 404',
  '2024-03-03 bad',
  '#Fields: date time c-ip cs-uri-stem cs-uri-query sc-status sc-substatus sc-win32-status cs(User-Agent)',
  '2024-03-04 06:00:00 10.0.0.5 /g -x 403 14 0 -',
];

const dir = mkdtempSync(join(tmpdir(), 'logtally-parallel-records-'));
const path = join(dir, 'u_ex.log');
writeFileSync(path, `${LINES.join('\n')}\n`);
const size = statSync(path).size;
const COLUMNS = [...CSV_COLUMNS];

async function exportSplit(cuts: number[], encoding: RecordsEncoding, threads = 2): Promise<{ text: string; result: RecordsResult }> {
  const plan = planFile(path, size, cuts.length + 1, {}, (p, s) => rangesAt(p, s, cuts));
  const chunks: Buffer[] = [];
  const result = await writeRecordsInParallel([plan], encoding, {}, threads, async (chunk) => {
    chunks.push(Buffer.from(chunk));
  });
  const header = encoding.format === 'csv' ? csvHeader(encoding.columns) : '';
  return { text: header + Buffer.concat(chunks).toString('utf8'), result };
}

const oneThread = async (format: string) => (await runInProcess(['records', path, '--format', format, '--threads', '1'])).stdout;

describe('records on worker threads', () => {
  it('numbers each row with its line in the file', async () => {
    const { text } = await exportSplit([Math.floor(size / 3), Math.floor((2 * size) / 3)], {
      format: 'csv',
      columns: ['cs-uri-stem', 'line'],
    });
    const rows = text.trimEnd().split('\r\n').slice(1);
    expect(rows.length).toBe(8);
    for (const row of rows) {
      const line = Number(row.slice(row.lastIndexOf(',') + 1));
      const uri = row.slice(0, row.lastIndexOf(',')).replace(/^"|"$/g, '').replace(/""/g, '"');
      // The uri is the stem as logged: the numbered line of the file holds it.
      expect(LINES[line - 1]!.split(' ')).toContain(uri);
    }
  });

  for (const format of ['csv', 'ndjson'] as const) {
    it(`writes the one-thread ${format} at every split point`, async () => {
      const expected = await oneThread(format);
      const encoding = { format, columns: COLUMNS };
      const ranges = (await exportSplit([1], encoding)).result;
      expect(ranges.input.rejected).toBe(2);
      expect(ranges.input.files).toBe(1);
      for (const cut of FULL ? range(1, size, 0).filter((c) => c % 3 === 0) : range(1, size, 6)) {
        const { text, result } = await exportSplit([cut], encoding);
        expect(text, `cut at ${cut}`).toBe(expected);
        expect(result.input.rejectedSamples.map((s) => s.line)).toEqual([8, 16]);
      }
    });
  }

  it('writes the one-thread output with the file cut in many places, one worker or two', async () => {
    const expected = await oneThread('csv');
    const step = FULL ? 13 : 170;
    for (let a = 1; a < size; a += step) {
      const cuts = [a, a + 40, a + 90, a + 200].filter((c) => c < size);
      for (const threads of [1, 2]) expect((await exportSplit(cuts, { format: 'csv', columns: COLUMNS }, threads)).text).toBe(expected);
    }
  });

  it('keeps file order over several files, a .gz and split files among them, and counts each file once', async () => {
    const gz = join(dir, 'u_ex2.log.gz');
    writeFileSync(gz, gzipSync(`${LINES.slice(0, 9).join('\n')}\n`));
    const access = join(dir, 'access.log');
    writeFileSync(access, '10.1.1.1 - - [01/Mar/2024:10:00:00 +0000] "GET /x,y HTTP/1.1" 200 12 "-" "curl/8"\n'.repeat(40));
    const again = join(dir, 'u_ex3.log');
    copyFileSync(path, again);
    const files = [path, gz, access, again];
    const expected = (await runInProcess(['records', ...files, '--format', 'ndjson', '--threads', '1'])).stdout;
    const plans = files.map((file) =>
      file.endsWith('.gz')
        ? { file }
        : planFile(file, statSync(file).size, 3, {}, (p, s) => rangesAt(p, s, [s / 3, (2 * s) / 3].map(Math.floor))),
    );
    expect(plans[2]!.ranges?.length).toBe(3);
    const chunks: Buffer[] = [];
    const result = await writeRecordsInParallel(plans, { format: 'ndjson', columns: [] }, {}, 2, async (chunk) => {
      // A slow writer: later tasks finish first and wait their turn.
      await new Promise((resolve) => setTimeout(resolve, 2));
      chunks.push(Buffer.from(chunk));
    });
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
    expect(result.input.files).toBe(4);
    expect(result.input.records).toBe(8 + 4 + 40 + 8);
  });

  it.runIf(FULL)('the CLI writes the same bytes with 2 threads as with 1 on a 70 MB generated log', () => {
    const big = join(dir, 'big.log');
    execFileSync('sh', ['-c', `node "${join(ROOT, 'bench', 'gen-logs.mjs')}" --format w3c --lines 420000 --seed 7 > "${big}"`]);
    for (const format of ['csv', 'ndjson']) {
      const md5 = (threads: string) =>
        execFileSync('sh', ['-c', `node "${CLI}" records "${big}" --format ${format} --threads ${threads} | md5sum`]).toString();
      expect(md5('2')).toBe(md5('1'));
    }
  });
});
