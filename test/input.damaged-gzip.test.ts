/**
 * A truncated or corrupt .gz is read up to the damage, like `zcat` prints it: those lines are
 * counted and reported, the file is listed under `damaged`, and the rest of the run goes on.
 * `strict` turns the damage into a GZIP error instead.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse, fileSource, memorySource, mergeReports, resolveSources } from '../src/index.js';

const temp = mkdtempSync(join(tmpdir(), 'logtally-damaged-gz-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const STATUSES = ['200 0 0', '404 0 2', '500 19 13', '401 2 5', '200 0 64', '503 2 0'];
function w3cLog(records: number): string {
  const lines = [
    '#Software: Microsoft Internet Information Services 10.0',
    '#Fields: date time cs-method cs-uri-stem sc-status sc-substatus sc-win32-status time-taken',
  ];
  for (let i = 0; i < records; i++)
    lines.push(
      `2024-03-01 ${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} GET /page/${i % 97} ${STATUSES[i % STATUSES.length]} ${i % 500}`,
    );
  return `${lines.join('\r\n')}\r\n`;
}

/** What zcat would print of a damaged gzip: everything inflate gets out before the damage. */
const readablePrefix = (gz: Buffer): Buffer => gunzipSync(gz, { finishFlush: constants.Z_SYNC_FLUSH });

describe('a truncated .gz is read up to the cut', () => {
  const whole = gzipSync(w3cLog(20_000));

  for (const keep of [0.2, 0.5, 0.9, 0.999]) {
    it(`cut at ${keep * 100}% of its bytes: the report equals the report of the text before the cut`, async () => {
      const path = join(temp, `cut-${keep}.log.gz`);
      const cut = whole.subarray(0, Math.floor(whole.length * keep));
      writeFileSync(path, cut);
      const damaged = await analyse([fileSource(path)]);
      const prefix = await analyse([memorySource(path, readablePrefix(cut))]);
      expect(damaged.codes).toEqual(prefix.codes);
      expect(damaged.classes).toEqual(prefix.classes);
      const { damaged: list, ...accounting } = damaged.input;
      const { damaged: none, ...prefixAccounting } = prefix.input;
      expect(none).toEqual([]);
      expect(accounting).toEqual(prefixAccounting);
      expect(list).toEqual([
        {
          file: path,
          code: 'GZIP',
          lines: prefix.input.lines,
          message: expect.stringMatching(/unexpected end of file\) after line \d+: the lines before it are counted/),
        },
      ]);
      expect(damaged.input.records).toBeGreaterThan(0);
      expect(damaged.input.records).toBeLessThan(20_000);
    });
  }

  it('the other files of the run are read in full', async () => {
    const dir = join(temp, 'folder');
    const log = w3cLog(300);
    mkdirSync(dir);
    writeFileSync(join(dir, 'u_ex240301.log'), log);
    writeFileSync(join(dir, 'u_ex240302.log.gz'), whole.subarray(0, 200));
    writeFileSync(join(dir, 'u_ex240303.log.gz'), gzipSync(log));
    const report = await analyse(await resolveSources([dir]));
    expect(report.input.files).toBe(3);
    expect(report.input.records).toBe(600);
    expect(report.input.damaged.map((d) => d.file)).toEqual([join(dir, 'u_ex240302.log.gz')]);
  });

  it('under strict, the damage is a GZIP error', async () => {
    const path = join(temp, 'strict.log.gz');
    writeFileSync(path, whole.subarray(0, whole.length / 2));
    await expect(analyse([fileSource(path)], { strict: true })).rejects.toMatchObject({ code: 'GZIP', file: path });
  });

  it('merged reports keep every damaged file', async () => {
    const a = join(temp, 'merge-a.log.gz');
    const b = join(temp, 'merge-b.log.gz');
    writeFileSync(a, whole.subarray(0, 1000));
    writeFileSync(b, whole.subarray(0, 3000));
    const merged = mergeReports(await analyse([fileSource(a)]), await analyse([fileSource(b)]));
    expect(merged.input.damaged.map((d) => d.file)).toEqual([a, b]);
    expect(merged).toEqual(await analyse([fileSource(a), fileSource(b)]));
  });
});
