import type { Writable } from 'node:stream';

/**
 * Whether a stream writes to a file descriptor (a file, pipe or terminal): once such a stream calls
 * back for a write, the bytes are with the system, and the buffer they came from can be reused.
 * Any other stream (one that collects what it is given) may keep the buffer itself.
 */
export const writesToDescriptor = (stream: Writable): boolean => typeof (stream as { fd?: unknown }).fd === 'number';

/**
 * Writes `chunk` and resolves once the stream is done with its bytes (its write callback), so the
 * caller may reuse the buffer; a failed write resolves too, the stream's 'error' event reporting it
 * (as for every other write). Waiting on each write also keeps at most one chunk queued.
 */
export function writeChunk(stream: Writable, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) return resolve();
    stream.write(chunk, () => resolve());
  });
}
