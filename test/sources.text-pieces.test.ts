/**
 * A chunk is decoded in pieces cut at newlines, ASCII pieces as latin1: the lines must be those of
 * decoding the whole input as UTF-8 and splitting at `\n`, whatever the chunk size, for ASCII,
 * multi-byte UTF-8, invalid UTF-8 and lines longer than a piece.
 */
import { describe, expect, it } from 'vitest';
import { LineSplitter, decodeUtf8 } from '../src/sources/lines.js';

/** Lines as the splitter emits them, the input given in chunks of `size` bytes. */
function splitInChunks(bytes: Buffer, size: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter({ line: (text) => lines.push(text), tooLong: (n) => lines.push(`<${n} bytes>`) }, 4 << 20);
  for (let i = 0; i < bytes.length; i += size) splitter.push(bytes.subarray(i, i + size));
  splitter.end();
  return lines;
}

/** The independent answer: one UTF-8 decode of everything, split at newlines (a last empty piece is no line). */
function expectedLines(bytes: Buffer): string[] {
  const lines = bytes.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.replace(/\r+$/, ''));
}

/** A deterministic log of about `bytes` bytes: W3C-like lines of varying length. */
function asciiLog(bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `2024-03-01 00:00:${String(i % 60).padStart(2, '0')} GET /page/${'x'.repeat(i % 97)} ${200 + (i % 7) * 50} 0 0 ${i}`;
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'latin1');
}

describe('text pieces', () => {
  const ascii = asciiLog(300_000);
  for (const size of [1 << 20, 65_536, 65_537, 100_003, 4096]) {
    it(`ASCII lines in chunks of ${size} bytes are the whole input's lines`, () => {
      expect(splitInChunks(ascii, size)).toEqual(expectedLines(ascii));
    });
  }

  it('multi-byte UTF-8 and invalid bytes near piece cuts decode as one UTF-8 decode does', () => {
    const parts: Buffer[] = [];
    for (let i = 0; i < 6000; i++) {
      parts.push(Buffer.from(`${i} /caf\u00e9/\u20ac/\u{1F600} ${'y'.repeat(i % 50)}\r\n`));
      // A lone continuation byte and a cut-off sequence: replacement characters, as in a whole decode.
      if (i % 997 === 0) parts.push(Buffer.from([0x61, 0x80, 0xe2, 0x82, 0x0a]));
    }
    const bytes = Buffer.concat(parts);
    expect(bytes.length).toBeGreaterThan(3 * 65_536);
    expect(splitInChunks(bytes, 1 << 20)).toEqual(expectedLines(bytes));
    expect(splitInChunks(bytes, 70_000)).toEqual(expectedLines(bytes));
  });

  it('a line longer than a piece comes out whole', () => {
    const long = 'z'.repeat(200_000);
    const bytes = Buffer.from(`first\n${long}\nlast\n`);
    expect(splitInChunks(bytes, 1 << 20)).toEqual(['first', long, 'last']);
  });

  it('decodeUtf8 gives the UTF-8 decoding of ASCII and non-ASCII ranges', () => {
    const bytes = Buffer.from('plain ascii \u00e9t\u00e9 \u{1F600} end');
    for (const [start, end] of [
      [0, 11],
      [0, bytes.length],
      [12, 16],
      [3, bytes.length - 2],
    ] as const)
      expect(decodeUtf8(bytes, start, end)).toBe(bytes.toString('utf8', start, end));
  });
});
