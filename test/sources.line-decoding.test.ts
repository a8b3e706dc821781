/**
 * Line decoding (src/sources/lines.ts): a chunk of ASCII is decoded as Latin-1, any other as
 * UTF-8, so lines must come out as UTF-8 decoding of the whole input would give them, whatever
 * the chunk cuts: ASCII chunks, chunks with accents, CJK and emoji, invalid bytes (replacement
 * characters), CRLF, a byte with the high bit set inside otherwise ASCII text, and chunks longer
 * than the pieces text is decoded in.
 */
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../src/sources/lines.js';

function splitInChunks(bytes: Buffer, chunkBytes: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter({ line: (text) => lines.push(text), tooLong: () => lines.push('<too long>') });
  for (let at = 0; at < bytes.length; at += chunkBytes) splitter.push(bytes.subarray(at, at + chunkBytes));
  splitter.end();
  return lines;
}

/** What the lines are: the whole input decoded as UTF-8, split at newlines, CRs at line ends dropped. */
const expected = (bytes: Buffer): string[] =>
  bytes
    .toString('utf8')
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.replace(/\r+$/, ''));

const ASCII = '10.0.0.1 - - [17/Dec/2025:09:03:02 +0000] "GET /x HTTP/1.1" 200 10 "-" "curl/8"\n';
const INPUTS: [string, Buffer][] = [
  ['ASCII only', Buffer.from(ASCII.repeat(50))],
  ['ASCII with CRLF', Buffer.from(ASCII.replace('\n', '\r\n').repeat(50))],
  ['accents, CJK and emoji among ASCII lines', Buffer.from(`${ASCII.repeat(20)}GET /café/東京 "😀"\n${ASCII.repeat(20)}`)],
  [
    'invalid UTF-8 among ASCII lines',
    Buffer.concat([Buffer.from(ASCII.repeat(10)), Buffer.from([0x47, 0xe9, 0x20, 0xff, 0xc3, 0x0a]), Buffer.from(ASCII.repeat(10))]),
  ],
  // Over the 512 KB decoded at once: pieces cut at newlines, the UTF-8 line among them.
  ['1.5 MB in one chunk', Buffer.from(`${ASCII.repeat(9000)}GET /café/東京 "😀"\n${ASCII.repeat(9000)}`)],
  ['a line longer than a piece', Buffer.from(`${ASCII}${'x'.repeat(700_000)}é\n${ASCII}`)],
  [
    'a Latin-1 byte (not UTF-8) in an otherwise ASCII line',
    Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9, 0x0a]), Buffer.from(ASCII)]),
  ],
];

describe('line decoding', () => {
  for (const [name, bytes] of INPUTS) {
    it(`decodes as UTF-8 would, in chunks of any size: ${name}`, () => {
      for (const chunkBytes of [1, 2, 3, 7, 64, 1000, 300_000, bytes.length].filter((n) => n * 1000 > bytes.length))
        expect(splitInChunks(bytes, chunkBytes), `${chunkBytes}-byte chunks`).toEqual(expected(bytes));
    });
  }
});
