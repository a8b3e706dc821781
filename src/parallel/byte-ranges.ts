/**
 * Cutting one plain file into byte ranges that start at line starts, and reading its head. Every
 * cut is just after a newline byte, so no line (and no UTF-8 sequence) is split between ranges.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const NEWLINE = 10;
const WINDOW_BYTES = 64 * 1024;

export interface ByteRange {
  start: number;
  /** Exclusive. */
  end: number;
}

/** The first line start at or after `offset` (size when none). */
function lineStartFrom(fd: number, offset: number, size: number): number {
  if (offset <= 0) return 0;
  const buffer = Buffer.allocUnsafe(WINDOW_BYTES);
  // A line starts at `offset` when the byte before it is a newline: search from there.
  for (let at = offset - 1; at < size; at += WINDOW_BYTES) {
    const read = readSync(fd, buffer, 0, WINDOW_BYTES, at);
    if (read === 0) break;
    const newline = buffer.subarray(0, read).indexOf(NEWLINE);
    if (newline !== -1) return at + newline + 1;
  }
  return size;
}

/** Ranges starting at the line starts at or after each nominal cut; empty ranges are dropped. */
export function rangesAt(path: string, size: number, cuts: readonly number[]): ByteRange[] {
  const fd = openSync(path, 'r');
  try {
    const starts = [0];
    for (const cut of cuts) {
      const start = lineStartFrom(fd, cut, size);
      if (start > starts[starts.length - 1]! && start < size) starts.push(start);
    }
    return starts.map((start, i) => ({ start, end: starts[i + 1] ?? size }));
  } finally {
    closeSync(fd);
  }
}

/** `parts` ranges of about equal size. */
export const evenRanges = (path: string, size: number, parts: number): ByteRange[] =>
  rangesAt(
    path,
    size,
    Array.from({ length: parts - 1 }, (_, i) => Math.floor((size * (i + 1)) / parts)),
  );

/** The complete lines within the first `bytes` bytes, and whether they are the whole file. */
export function readHeadLines(path: string, bytes: number): { lines: string[]; whole: boolean; utf16: boolean } {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    const whole = read < bytes;
    const last = whole ? read : buffer.subarray(0, read).lastIndexOf(NEWLINE);
    const lines =
      last <= 0
        ? []
        : buffer
            .toString('utf8', 0, last)
            .split('\n')
            .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    const utf16 = read >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff));
    return { lines, whole, utf16 };
  } finally {
    closeSync(fd);
  }
}
