/**
 * Files read as chunks in two reused buffers (src/sources/file-chunks.ts): the chunks are the
 * file's bytes, a range's bytes exactly, and a scan of them gives the records a stream of fresh
 * buffers gives, whatever the chunk size, though each buffer is overwritten two chunks later.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse, fileSource, memorySource, readRecords, type Source } from '../src/index.js';
import { fileChunks } from '../src/sources/file-chunks.js';

const dir = mkdtempSync(join(tmpdir(), 'logtally-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W3C = 'fixtures/w3c/lnav-eleven-header-blocks.log';
const COMBINED = 'fixtures/apache/beats-mixed-layouts.log';

/** Every chunk copied as it comes (a chunk is only valid until the next), joined. */
async function readAll(chunks: AsyncIterable<Buffer>): Promise<{ bytes: Buffer; count: number }> {
  const copies: Buffer[] = [];
  for await (const chunk of chunks) copies.push(Buffer.from(chunk));
  return { bytes: Buffer.concat(copies), count: copies.length };
}

/** A multi-byte UTF-8 log with lines longer than the small chunk sizes below. */
function utf8Log(): string {
  const path = join(dir, 'utf8.log');
  const lines = ['#Fields: date time c-ip cs-method cs-uri-stem sc-status time-taken'];
  for (let i = 0; i < 300; i++)
    lines.push(
      `2024-05-01 10:${String(i % 60).padStart(2, '0')}:00 10.0.0.${i % 9} GET /café/日本/${'é'.repeat(i % 40)} ${i % 3 === 0 ? 404 : 200} ${i}`,
    );
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

describe('fileChunks', () => {
  it.each([5, 64, 4096, 1 << 20])('gives a whole file in chunks of %i bytes', async (size) => {
    const file = readFileSync(W3C);
    const { bytes, count } = await readAll(fileChunks(W3C, size));
    expect(bytes.equals(file)).toBe(true);
    expect(count).toBe(Math.ceil(file.length / size));
  });

  it('gives nothing for an empty file', async () => {
    const path = join(dir, 'empty.log');
    writeFileSync(path, '');
    expect((await readAll(fileChunks(path, 64))).count).toBe(0);
  });

  it('gives exactly the bytes of a range, and what is left of one the file no longer reaches', async () => {
    const file = readFileSync(COMBINED);
    for (const [start, end] of [
      [0, 1],
      [13, 500],
      [100, file.length],
      [file.length - 5, file.length + 1000],
      [40, 40],
    ] as const) {
      const { bytes } = await readAll(fileChunks(COMBINED, 64, { start, end }));
      expect(bytes.equals(file.subarray(start, end))).toBe(true);
    }
  });

  it('reads into two buffers taken in turn, not a new one per read', async () => {
    const stores = new Set<ArrayBufferLike>();
    let chunks = 0;
    for await (const chunk of fileChunks(W3C, 256)) {
      stores.add(chunk.buffer);
      chunks++;
    }
    expect(chunks).toBeGreaterThan(10);
    expect(stores.size).toBe(2);
  });

  it('reads a named pipe to its end (no positioned reads)', async () => {
    const fifo = join(dir, 'pipe.log');
    execFileSync('mkfifo', [fifo]);
    const text = readFileSync(W3C);
    const writer = createWriteStream(fifo);
    writer.end(text);
    const { bytes } = await readAll(fileChunks(fifo, 1000));
    expect(bytes.equals(text)).toBe(true);
  });

  it.runIf(existsSync('/proc/self/fd'))('closes the file when the caller stops early', async () => {
    const before = readdirSync('/proc/self/fd').length;
    for (let i = 0; i < 20; i++) for await (const _ of fileChunks(W3C, 16)) break;
    expect(readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(before);
  });

  it('fails a scan of a missing file as an I/O error naming it', async () => {
    await expect(analyse([fileSource(join(dir, 'gone.log'))])).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining('gone.log'),
    });
  });
});

/** A source of `path` read through fileChunks in chunks of `size` bytes. */
const chunkedSource = (path: string, size: number): Source => ({
  name: path,
  size: readFileSync(path).length,
  open: () => {
    throw new Error('the scan reads chunks when a source has them');
  },
  chunks: () => fileChunks(path, size),
});

const recordsOf = async (source: Source): Promise<string[]> => {
  const out: string[] = [];
  for await (const record of readRecords([source])) out.push(JSON.stringify(record));
  return out;
};

describe('a scan of reused buffers', () => {
  it.each([
    ['W3C', W3C],
    ['combined and common mixed', COMBINED],
    ['UTF-8 with CRLF', 'utf8'],
  ])('gives the records of fresh buffers: %s', async (_, which) => {
    const path = which === 'utf8' ? utf8Log() : which;
    const expected = await recordsOf(memorySource(path, readFileSync(path)));
    expect(expected.length).toBeGreaterThan(5);
    for (const size of [5, 97, 4096]) expect(await recordsOf(chunkedSource(path, size))).toEqual(expected);
  });

  it('gives the same report, rejected lines and their excerpts included', async () => {
    const path = join(dir, 'damaged.log');
    const good = readFileSync(W3C, 'utf8').split('\n');
    // A rejected line's excerpt is taken from the text of its chunk: it must not change once the buffer is reused.
    good.splice(12, 0, '2024-05-01 10:00:00 not a w3c line at all', 'x'.repeat(300));
    writeFileSync(path, good.join('\n'));
    const expected = await analyse([memorySource(path, readFileSync(path))]);
    expect(expected.input.rejected).toBeGreaterThan(0);
    expect(await analyse([chunkedSource(path, 33)])).toEqual(expected);
  });
});
