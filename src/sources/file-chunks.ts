/**
 * A file's bytes as chunks read into two buffers taken in turn. The next read is under way (on
 * libuv's thread pool) while the caller splits the chunk it was handed, as with a read stream,
 * but no buffer is made per read: a stream's new 1 MB buffer per read left the collector a
 * backing store to find and free for every megabyte, and each fresh buffer's pages to fault in
 * (about 6% of a `report` or `errors` run on two threads, docs/benchmarks.md).
 *
 * A chunk is valid until the next one is asked for: a caller that keeps bytes copies them (the
 * line splitter copies the part of a line it holds across chunks, and decodes the rest).
 */
import { open } from 'node:fs/promises';

/** What to read: a byte range (`end` exclusive) at explicit positions, or the whole file on. */
export interface ChunkSpan {
  start: number;
  end: number;
}

/** Reads up to `length` bytes into `buffer` at `position` (null: where the last read ended); 0 at the end. */
export type ChunkRead = (buffer: Buffer, length: number, position: number | null) => Promise<number>;

/**
 * Chunks of at most `chunkBytes` of `path`: of `span` when given (fewer bytes when the file was
 * cut short since), else from where the file starts to where it ends when read, reading on
 * from the file's own position, so a pipe or a character device given by name reads as well.
 */
export async function* fileChunks(path: string, chunkBytes: number, span?: ChunkSpan): AsyncGenerator<Buffer, void, undefined> {
  const file = await open(path, 'r');
  try {
    yield* readChunks(async (buffer, length, position) => (await file.read(buffer, 0, length, position)).bytesRead, chunkBytes, span);
  } finally {
    await file.close();
  }
}

/** fileChunks over any reader: the next read is started before a chunk is handed over. */
export async function* readChunks(read: ChunkRead, chunkBytes: number, span?: ChunkSpan): AsyncGenerator<Buffer, void, undefined> {
  const buffers = [Buffer.allocUnsafeSlow(chunkBytes)];
  let at = span?.start ?? 0;
  const readInto = (buffer: Buffer): Promise<number> => {
    const want = span === undefined ? chunkBytes : Math.min(chunkBytes, span.end - at);
    if (want <= 0) return Promise.resolve(0);
    const reading = read(buffer, want, span === undefined ? null : at);
    // A read may fail while the caller is busy with the chunk before (awaiting its own output):
    // marked as handled now (no-op), it is still thrown when the caller asks for its chunk.
    reading.catch(() => {});
    return reading;
  };
  let pending: Promise<number> | undefined = readInto(buffers[0]!);
  try {
    for (let turn = 0; ; turn ^= 1) {
      const got = await pending;
      pending = undefined;
      if (got === 0) return;
      at += got;
      const chunk = buffers[turn]!.subarray(0, got);
      // The second buffer only once a file needs a second read: a folder of small logs makes one each.
      const next = (buffers[turn ^ 1] ??= Buffer.allocUnsafeSlow(chunkBytes));
      pending = readInto(next);
      yield chunk;
    }
  } finally {
    // A caller that stops early (a skipped file, a failure) leaves a read under way: the file is
    // closed once it is over, and its outcome no longer matters.
    await pending?.catch(() => 0);
  }
}
