/**
 * What tells one log file from another across runs, whatever its name: its first bytes (a rotated,
 * renamed or compressed file keeps them) and the bytes just before where reading stopped (two
 * files that start alike, such as IIS files opened in the same second, still differ there). For a
 * .gz both are taken from the decompressed text, so a file compressed after it was read is known.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Bytes hashed at a file's start, and before the offset read to. */
export const SPAN_BYTES = 4096;
const NEWLINE = 10;
const WINDOW_BYTES = 64 * 1024;

/** A hash of `bytes` bytes. */
export interface Span {
  bytes: number;
  hash: string;
}

export const hashSpan = (data: Buffer): Span => ({ bytes: data.length, hash: createHash('sha256').update(data).digest('base64url') });

export const isGzipPath = (path: string): boolean => path.toLowerCase().endsWith('.gz');

/** Bytes [start, start + length) of a plain file, fewer at its end. */
export async function readAt(path: string, start: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await handle.read(buffer, got, length - got, start + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buffer.subarray(0, got);
  } finally {
    await handle.close();
  }
}

/** The offset just past the last newline within the first `size` bytes (0 when none): bytes after it are a line still being written. */
export async function completeLinesEnd(path: string, size: number): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(WINDOW_BYTES);
    for (let end = size; end > 0; end -= WINDOW_BYTES) {
      const start = Math.max(0, end - WINDOW_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, end - start, start);
      const newline = buffer.subarray(0, bytesRead).lastIndexOf(NEWLINE);
      if (newline !== -1) return start + newline + 1;
    }
    return 0;
  } finally {
    await handle.close();
  }
}

/** Starts with a UTF-16 byte order mark: such a file is re-encoded from its start, so it is read whole. */
export const isUtf16 = (head: Buffer): boolean =>
  head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));

/**
 * Watches bytes go by: their count, the first SPAN_BYTES, and the last SPAN_BYTES before any point
 * asked for (the end, or `tailAt`).
 */
export class ByteObserver {
  total = 0;
  private headParts: Buffer[] = [];
  private headBytes = 0;
  private recent: Buffer[] = [];
  private recentBytes = 0;

  constructor(private readonly tailAt = Number.POSITIVE_INFINITY) {}

  see(chunk: Buffer): void {
    if (this.headBytes < SPAN_BYTES) {
      const part = chunk.subarray(0, SPAN_BYTES - this.headBytes);
      this.headParts.push(Buffer.from(part));
      this.headBytes += part.length;
    }
    const kept = chunk.subarray(0, Math.max(0, Math.min(chunk.length, this.tailAt - this.total)));
    if (kept.length > 0) {
      this.recent.push(Buffer.from(kept));
      this.recentBytes += kept.length;
      while (this.recentBytes - this.recent[0]!.length >= SPAN_BYTES) this.recentBytes -= this.recent.shift()!.length;
    }
    this.total += chunk.length;
  }

  head(): Buffer {
    return Buffer.concat(this.headParts);
  }

  /** The last `bytes` bytes (at most SPAN_BYTES) before the end or `tailAt`. */
  tail(bytes = SPAN_BYTES): Buffer {
    const all = Buffer.concat(this.recent);
    return all.subarray(Math.max(0, all.length - bytes));
  }
}

/** The decompressed bytes of a .gz, chunk by chunk; stops early when `each` returns false. */
export async function eachGunzipped(path: string, each: (chunk: Buffer) => boolean): Promise<void> {
  const stream = pipeline(createReadStream(path), createGunzip(), () => {});
  try {
    for await (const chunk of stream) if (!each(chunk as Buffer)) break;
  } finally {
    stream.destroy();
  }
}

/** The first SPAN_BYTES of a file's text (decompressed for a .gz); empty when it cannot be read. */
export async function headOf(path: string): Promise<Buffer> {
  try {
    if (!isGzipPath(path)) return await readAt(path, 0, SPAN_BYTES);
    const observer = new ByteObserver(0);
    await eachGunzipped(path, (chunk) => {
      observer.see(chunk);
      return observer.total < SPAN_BYTES;
    });
    return observer.head();
  } catch {
    return Buffer.alloc(0);
  }
}

const sameSpan = (data: Buffer, span: Span): boolean => data.length === span.bytes && hashSpan(data).hash === span.hash;

/**
 * Whether `path` holds, from its start, the text a file was read to `offset` in: the same first
 * bytes and the same bytes before the offset. A .gz is decompressed up to the offset.
 */
export async function continues(path: string, size: number, expected: { offset: number; head: Span; tail: Span }): Promise<boolean> {
  try {
    if (!isGzipPath(path)) {
      if (size < expected.offset) return false;
      const head = await readAt(path, 0, expected.head.bytes);
      if (!sameSpan(head, expected.head)) return false;
      return sameSpan(await readAt(path, expected.offset - expected.tail.bytes, expected.tail.bytes), expected.tail);
    }
    const observer = new ByteObserver(expected.offset);
    await eachGunzipped(path, (chunk) => {
      observer.see(chunk);
      return observer.total < expected.offset;
    });
    return (
      observer.total >= expected.offset &&
      sameSpan(observer.head().subarray(0, expected.head.bytes), expected.head) &&
      sameSpan(observer.tail(expected.tail.bytes), expected.tail)
    );
  } catch {
    return false;
  }
}
