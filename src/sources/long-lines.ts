/**
 * Lines of any length from a byte stream, in time linear in the bytes: each chunk is searched for
 * newlines once and a line's pieces are joined once, when its newline arrives. (split2 appends
 * every chunk to the unfinished line and splits the whole of it again: quadratic in a line's
 * length, 44 s for a 65 MB partial report, which is one line.) No length limit: for inputs whose
 * lines are whole documents, such as partial reports, not for logs (see lines.ts).
 */
import type { Readable } from 'node:stream';

const NEWLINE = 10;

export async function* longLines(stream: Readable): AsyncGenerator<string> {
  let pieces: Buffer[] = [];
  for await (const data of stream) {
    const chunk = typeof data === 'string' ? Buffer.from(data) : (data as Buffer);
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      pieces.push(chunk.subarray(start, newline));
      yield textOf(pieces);
      pieces = [];
      start = newline + 1;
    }
    if (start < chunk.length) pieces.push(chunk.subarray(start));
  }
  if (pieces.length > 0) yield textOf(pieces);
}

/** The line's text without a trailing CR (a partial written on Windows). */
function textOf(pieces: Buffer[]): string {
  const text = (pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces)).toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
