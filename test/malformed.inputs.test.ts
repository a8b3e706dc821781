/**
 * Hostile and broken input through the library: each case of docs/malformed-input.md with its
 * documented behaviour. Small cases live in fixtures/malformed/ (their line accounting is also
 * checked by fixtures.test.ts); big ones (a 30 MB line, 10,000 files) are generated in a temp dir.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runs } from './helpers/exhaustive.js';
import { analyse, fileSource, isLogtallyError, memorySource, resolveSources, type InputSummary, type LogtallyError } from '../src/index.js';

const MALFORMED = join(import.meta.dirname, '..', 'fixtures', 'malformed');
const at = (name: string) => join(MALFORMED, name);
const temp = mkdtempSync(join(tmpdir(), 'logtally-malformed-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const HEADER =
  '#Software: Microsoft Internet Information Services 10.0\r\n#Fields: date time cs-method cs-uri-stem sc-status sc-substatus sc-win32-status\r\n';
const record = (second: number, uri = '/a', status = '200 0 0') =>
  `2024-03-01 00:00:${String(second).padStart(2, '0')} GET ${uri} ${status}\r\n`;

function expectAccounted(input: InputSummary): void {
  expect(input.lines).toBe(input.records + input.directives + input.blank + input.rejected);
  expect(input.rejected).toBe(Object.values(input.rejectedByReason).reduce((a, b) => a + b, 0));
}

async function failure(promise: Promise<unknown>): Promise<LogtallyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isLogtallyError(error)) throw new Error(`expected a LogtallyError, got ${String(error)}`);
  return error;
}

describe('malformed lines are accounted, never lost', () => {
  it('truncated last line: read like any line, rejected when its fields are short', async () => {
    const { input } = await analyse([fileSource(at('truncated-last-line.log'))]);
    expectAccounted(input);
    expect(input.rejectedSamples).toEqual([
      expect.objectContaining({
        file: at('truncated-last-line.log'),
        line: 7,
        reason: 'field-count-mismatch',
        excerpt: '2024-03-01 00:00:03 10.0.0.5 GET /cut',
      }),
    ]);
  });

  it('binary garbage inside a log: one line rejected as binary, its excerpt without control characters', async () => {
    const { input } = await analyse([fileSource(at('binary-garbage.log'))]);
    expectAccounted(input);
    expect(input.rejectedByReason).toEqual({ binary: 1 });
    const [sample] = input.rejectedSamples;
    expect(sample).toMatchObject({ line: 6, reason: 'binary', detail: expect.stringContaining('control characters') });
    expect(sample!.excerpt).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(sample!.excerpt.length).toBeLessThanOrEqual(121);
  });

  it('a wholly binary file is skipped with one message; alone it is UNKNOWN_FORMAT', async () => {
    const error = await failure(analyse([fileSource(at('binary-file.log'))]));
    expect(error.code).toBe('UNKNOWN_FORMAT');
    expect(error.message).toContain('binary-file.log');
    const { input } = await analyse([fileSource(at('binary-file.log')), fileSource(at('truncated-last-line.log'))]);
    expect(input.files).toBe(1);
    expect(input.lines).toBe(7);
    expect(input.skipped).toEqual([expect.objectContaining({ file: at('binary-file.log'), code: 'UNKNOWN_FORMAT' })]);
  });

  it('NUL padding left by a crash: the header after it is read, a NUL-only line is rejected as binary', async () => {
    const report = await analyse([fileSource(at('nul-padding.log'))]);
    expectAccounted(report.input);
    expect(report.input.rejectedSamples).toEqual([expect.objectContaining({ line: 11, reason: 'binary', excerpt: '\uFFFD'.repeat(8) })]);
    expect(report.codes).toEqual({ '200.0.0': 3 });
  });

  it('invalid UTF-8 becomes U+FFFD in records and excerpts; it is not a reason to reject', async () => {
    const { input } = await analyse([fileSource(at('invalid-utf8.log'))]);
    expect(input.records).toBe(3);
    expect(input.rejectedSamples[0]).toMatchObject({ reason: 'field-count-mismatch', excerpt: '\uFFFD\uFFFD broken line' });
  });

  it('a BOM at the start, and at the start of a concatenated file, is not part of the first line', async () => {
    const report = await analyse([memorySource('bom.log', `\uFEFF${HEADER}${record(1)}`)]);
    expect(report.input).toMatchObject({ lines: 3, directives: 2, records: 1, rejected: 0 });
    const { input } = await analyse([fileSource(at('bom-in-middle.log'))]);
    expect(input).toMatchObject({ lines: 10, directives: 8, records: 2, rejected: 0 });
  });

  it('UTF-16 with a byte order mark (a log saved by PowerShell) is read as its text, however the bytes arrive', async () => {
    const text = `${HEADER}${record(1)}${record(2, '/caf\u00e9', '404 0 2')}`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    const utf8 = await analyse([memorySource('u8.log', text)], { by: ['uri'] });
    expect(utf8.input).toMatchObject({ records: 2, rejected: 0 });
    for (const bytes of [le, be]) {
      expect(await analyse([memorySource('u16.log', bytes)], { by: ['uri'] })).toEqual(utf8);
      expect(
        await analyse(
          [
            memorySource(
              'u16.log',
              [...bytes].map((b) => Buffer.from([b])),
            ),
          ],
          { by: ['uri'] },
        ),
      ).toEqual(utf8);
    }
    // A one-byte file is not held back waiting for a second byte.
    expect((await analyse([memorySource('one.log', '\n')])).input).toMatchObject({ lines: 1, blank: 1 });
  });

  it('mixed LF, CRLF and CRCRLF line ends all end lines; CR-only line ends are rejected, not hidden', async () => {
    const mixed = await analyse([fileSource(at('mixed-line-ends.log'))]);
    expect(mixed.codes).toEqual({ '200.0.0': 4 });
    const { input } = await analyse([fileSource(at('cr-only-line-ends.log'))]);
    expect(input.rejectedSamples[0]).toMatchObject({ line: 1, reason: 'no-match', detail: expect.stringContaining('CR-only') });
  });

  it('mismatched field counts are rejected per line with the counts in the detail', async () => {
    const { input } = await analyse([fileSource(at('field-count-mismatch.log'))]);
    expect(input.rejectedSamples.map((s) => [s.line, s.detail])).toEqual([
      [6, '8 values for 14 #Fields'],
      [7, '16 values for 14 #Fields'],
    ]);
  });

  it('duplicate names in #Fields: the first column wins', async () => {
    const report = await analyse([fileSource(at('duplicate-fields.log'))], { by: ['uri'] });
    expect(report.groups).toEqual({ '/first': 1 });
    expect(report.codes).toEqual({ '200': 1 });
  });

  it('an empty file is read: one file, zero lines', async () => {
    const { input } = await analyse([fileSource(at('empty.log'))]);
    expect(input).toMatchObject({ files: 1, lines: 0, records: 0, rejected: 0 });
  });

  it('a 30 MB single line is rejected as line-too-long without being held, and the lines around it are read', async () => {
    const path = join(temp, 'huge-line.log');
    const huge = Buffer.alloc(30 * 1024 * 1024, 'x');
    writeFileSync(path, Buffer.concat([Buffer.from(HEADER + record(1)), huge, Buffer.from(`\r\n${record(2)}`)]));
    const { input } = await analyse([fileSource(path)]);
    expectAccounted(input);
    expect(input).toMatchObject({ lines: 5, records: 2, rejected: 1, rejectedByReason: { 'line-too-long': 1 } });
    // Bytes as read, the CR before the newline included.
    expect(input.rejectedSamples[0]).toMatchObject({ line: 4, detail: `${huge.length + 1} bytes`, excerpt: `[${huge.length + 1} bytes]` });
  });
});

describe('broken files and folders fail clearly, naming the file', () => {
  for (const name of ['truncated.log.gz', 'corrupt.log.gz', 'not-gzip.log.gz']) {
    it(`${name}: named as damaged with the lines read before the damage, no hang`, async () => {
      const { input } = await analyse([fileSource(at(name))]);
      expectAccounted(input);
      expect(input.damaged).toEqual([
        {
          file: at(name),
          code: 'GZIP',
          lines: input.lines,
          message: expect.stringContaining(`${at(name)}: corrupt or truncated gzip data`),
        },
      ]);
    });

    it(`${name} under strict: an error naming the file`, async () => {
      const error = await failure(analyse([fileSource(at(name))], { strict: true }));
      // corrupt.log.gz inflates to garbled lines before its checksum fails: the first of them stops the run.
      expect(error.code).toBe(name === 'corrupt.log.gz' ? 'STRICT_REJECT' : 'GZIP');
      expect(error.file).toBe(at(name));
      expect(error.message).toContain(name);
    });
  }

  it('a read error on a .gz file fails the read (the error path of the raw stream)', async () => {
    const error = await failure(analyse([fileSource(join(temp, 'missing.log.gz'))]));
    expect(error).toMatchObject({ code: 'IO', message: expect.stringContaining('no such file or directory') });
  });

  it('missing file: IO error naming it', async () => {
    const error = await failure(resolveSources([join(temp, 'nope.log')]));
    expect(error).toMatchObject({ code: 'IO', file: join(temp, 'nope.log') });
    expect(error.message).toContain('no such file or directory');
  });

  // root reads through chmod 000, so the case can only be checked as an ordinary user.
  it.skipIf(process.getuid?.() === 0)('unreadable file: IO error, permission denied', async () => {
    const path = join(temp, 'locked.log');
    writeFileSync(path, HEADER + record(1));
    chmodSync(path, 0o000);
    const error = await failure(analyse([fileSource(path)]));
    expect(error).toMatchObject({ code: 'IO', file: path, message: expect.stringContaining('permission denied') });
  });

  it('empty folder: NO_INPUT naming the folder', async () => {
    const dir = join(temp, 'empty-folder');
    mkdirSync(dir);
    const error = await failure(resolveSources([dir]));
    expect(error).toMatchObject({ code: 'NO_INPUT', file: dir });
  });

  it('a directory symlink loop terminates and reads each file once', async () => {
    const dir = join(temp, 'loop');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'a.log'), HEADER + record(1));
    symlinkSync('..', join(dir, 'sub', 'up'));
    symlinkSync('.', join(dir, 'self'));
    symlinkSync('itself.log', join(dir, 'itself.log'));
    const sources = await resolveSources([dir]);
    expect(sources.map((s) => s.name)).toEqual([join(dir, 'sub', 'a.log')]);
    const globbed = await resolveSources([`${dir}/**/*.log`]);
    expect(globbed.map((s) => s.name)).toEqual([join(dir, 'sub', 'a.log')]);
  });

  // More files than the common 1024 descriptors limit in `npm test`; 10,000 in `npm run test:full`.
  const manyFiles = runs(2_000, 10_000);
  it(`a folder of ${manyFiles.toLocaleString('en')} small files: read one at a time, no EMFILE`, async () => {
    const dir = join(temp, 'many');
    mkdirSync(dir);
    for (let i = 0; i < manyFiles; i++) writeFileSync(join(dir, `u_ex${String(i).padStart(5, '0')}.log`), HEADER + record(i % 60));
    const report = await analyse(await resolveSources([dir]));
    expect(report.input).toMatchObject({
      files: manyFiles,
      lines: 3 * manyFiles,
      records: manyFiles,
      directives: 2 * manyFiles,
      rejected: 0,
    });
  });

  it.skipIf(process.platform !== 'linux')('skipped .gz files do not leak file descriptors', async () => {
    const dir = join(temp, 'many-gz');
    mkdirSync(dir);
    const notALog = gzipSync(readFileSync(at('binary-file.log')));
    // Enough that one descriptor left open per file would be far over the margin below.
    const skipped = runs(100, 500);
    for (let i = 0; i < skipped; i++) writeFileSync(join(dir, `x${i}.log.gz`), notALog);
    writeFileSync(join(dir, 'z.log'), HEADER + record(1));
    const openFds = () => readdirSync('/proc/self/fd').length;
    const before = openFds();
    const { input } = await analyse(await resolveSources([dir]));
    expect(input.files).toBe(1);
    expect(input.skipped).toHaveLength(skipped);
    await sleep(50);
    expect(openFds() - before).toBeLessThan(20);
  });
});
