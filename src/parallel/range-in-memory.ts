/**
 * A byte range of a file read once into memory, so its newlines can be counted before its lines
 * are read from the same bytes: a records worker reports its range's line count at once (the next
 * range numbers its rows from it) without a second read of the file.
 */
import { Readable } from 'node:stream';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Source } from '../sources/sources.js';
import type { ByteRange } from './byte-ranges.js';

const NEWLINE = 10;
/**
 * Bytes handed to the scanner at a time. Rows are taken in chunks between slices, so the rows of
 * one slice (NDJSON: 2.3 times its bytes) added to a chunk of nearly ROW_CHUNK_BYTES still fit the
 * 2 MB row buffer without growing it.
 */
const SLICE_BYTES = 256 * 1024;

/** Reads ranges into one buffer that grows to the largest, reused from range to range. */
export class RangeReader {
  private buffer = Buffer.alloc(0);

  /** The range's bytes, valid until the next read (fewer when the file was cut short since it was planned). */
  read(path: string, range: ByteRange): Buffer {
    const length = range.end - range.start;
    if (this.buffer.length < length) this.buffer = Buffer.allocUnsafeSlow(length);
    const fd = openSync(path, 'r');
    try {
      let got = 0;
      while (got < length) {
        const read = readSync(fd, this.buffer, got, length - got, range.start + got);
        if (read === 0) break;
        got += read;
      }
      return this.buffer.subarray(0, got);
    } finally {
      closeSync(fd);
    }
  }
}

/** Newline bytes in `bytes`: the lines of a range that ends just after one, as the line splitter counts them. */
export function countNewlines(bytes: Buffer): number {
  let lines = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) lines++;
  return lines;
}

/** `bytes` as a source named `name`, read in slices of the size a file stream reads. */
export function bytesSource(name: string, bytes: Buffer): Source {
  return {
    name,
    size: bytes.length,
    open: () =>
      Readable.from(
        (function* slices() {
          for (let at = 0; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, at + SLICE_BYTES);
        })(),
      ),
  };
}
