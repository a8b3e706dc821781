/**
 * fileChunks reads the next chunk while the caller is busy with the one before. A read that fails
 * meanwhile (an I/O error, as a failing disk gives) is thrown when the caller asks for that chunk,
 * and is never an unhandled rejection (which would end the process) while the caller waits on
 * something else, such as its output draining. Checked on the reader fileChunks runs over.
 */
import { describe, expect, it } from 'vitest';
import { readChunks, type ChunkRead } from '../src/sources/file-chunks.js';

/** A reader of `size` bytes of 'x' whose `failing`-th read fails a few ms after it is asked for. */
function failingReader(size: number, failing: number): ChunkRead {
  let reads = 0;
  let at = 0;
  return (buffer, length) => {
    if (++reads === failing)
      return new Promise((_, reject) => setTimeout(() => reject(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })), 5));
    const n = Math.min(length, size - at);
    buffer.fill(0x78, 0, n);
    at += n;
    return Promise.resolve(n);
  };
}

describe('a read that fails while the caller is busy with the chunk before', () => {
  it('is thrown when the caller asks for that chunk, not left unhandled', async () => {
    const chunks = readChunks(failingReader(100, 2), 10);
    const first = await chunks.next();
    expect(first.value?.toString()).toBe('x'.repeat(10));
    // The caller is busy (its output draining) past the moment the second read fails.
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(chunks.next()).rejects.toMatchObject({ code: 'EIO' });
  });

  it('is waited for, not left unhandled, when the caller stops before that chunk', async () => {
    const chunks = readChunks(failingReader(100, 2), 10);
    await chunks.next();
    await chunks.return();
    await new Promise((resolve) => setTimeout(resolve, 30));
  });
});
