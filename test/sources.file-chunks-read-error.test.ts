/**
 * fileChunks reads the next chunk while the caller is busy with the one before. A read that fails
 * meanwhile (an I/O error, as a failing disk gives) is thrown when the caller asks for that chunk,
 * and is never an unhandled rejection (which would end the process) while the caller waits on
 * something else, such as its output draining.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fileChunks } from '../src/sources/file-chunks.js';

/** Which read of a file opened from now on fails (1-based), a few ms after it was asked for. */
const failing = { read: 0 };

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof real.open = async (...args) => {
    const handle = await real.open(...args);
    const read = handle.read.bind(handle);
    let reads = 0;
    handle.read = ((...readArgs: Parameters<typeof read>) =>
      ++reads === failing.read
        ? new Promise((_, reject) => setTimeout(() => reject(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })), 5))
        : read(...readArgs)) as typeof handle.read;
    return handle;
  };
  return { ...real, open, default: { ...real, open } };
});

const dir = mkdtempSync(join(tmpdir(), 'logtally-read-error-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a read that fails while the caller is busy with the chunk before', () => {
  it('is thrown when the caller asks for that chunk, not left unhandled', async () => {
    const path = join(dir, 'failing.log');
    writeFileSync(path, 'x'.repeat(100));
    failing.read = 2;
    const chunks = fileChunks(path, 10);
    const first = await chunks.next();
    expect(first.value?.length).toBe(10);
    // The caller is busy (its output draining) past the moment the second read fails.
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(chunks.next()).rejects.toMatchObject({ code: 'EIO' });
  });
});
