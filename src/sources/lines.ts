/**
 * Splits a byte stream into lines. Chunks are decoded once up to their last newline (a newline byte
 * never sits inside a multi-byte UTF-8 sequence, so no character is cut), and lines are slices of
 * that text. A line longer than `maxLineBytes` is never buffered whole: it is reported as too long
 * and skipped, so a 30 MB line cannot exhaust memory. A stream that starts with a UTF-16 byte order
 * mark (an IIS log saved by Windows PowerShell's `>` or `Out-File`) is re-encoded as UTF-8 first.
 * Hand-written, not split2 (used where partial reports are read): 1M W3C lines in 0.23–0.31 s against
 * split2's 0.8–1.6 s (`npm run bench:libraries`), and split2 fails on an over-long line or drops it uncounted.
 */
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { statusLineSkipper, type StatusOnlyLayout } from '../../parsers/status-lines.js';
import { columnLineReader, type ColumnPlan, type ColumnRows } from '../../parsers/column-lines.js';

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

export const DEFAULT_MAX_LINE_BYTES = 1 << 20;
/**
 * A chunk is decoded in pieces of about this many bytes, cut at newlines. Lines are slices of
 * their piece's text, which they keep alive; a piece this small is an ordinary young object, where
 * a 1 MB text went to the large-object space and set off a full mark-compact every ~120 ms.
 */
const TEXT_PIECE_BYTES = 64 * 1024;
/**
 * A line that opens a JSON array of objects (`[{`) may be a whole log written as one array, which
 * the JSON reader takes apart record by record: it may be this long (a string must stay well
 * under V8's limit of about 512 MiB).
 */
export const MAX_JSON_ARRAY_LINE_BYTES = 256 << 20;

const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const isJsonBlank = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === CARRIAGE_RETURN;

/** Whether `at(0)`, `at(1)` … open a JSON array of objects: `[`, blanks, `{`. */
function opensJsonArray(at: (i: number) => number | undefined, length: number): boolean {
  if (at(0) !== OPEN_BRACKET) return false;
  let i = 1;
  while (i < length && isJsonBlank(at(i))) i++;
  return at(i) === OPEN_BRACE;
}

/**
 * `bytes[start, end)` as text. Pure ASCII (nearly every log) decodes as latin1, a plain copy that
 * gives the same string at a third of UTF-8 decoding's cost (2M W3C lines: 0.09 s against 0.32 s);
 * the check itself is a SIMD scan.
 */
export function decodeUtf8(bytes: Buffer, start: number, end: number): string {
  return isAscii(bytes.subarray(start, end)) ? bytes.toString('latin1', start, end) : bytes.toString('utf8', start, end);
}

/** A piece of the bytes split, with its text made only when asked for (ColumnRows positions are from its start). */
export class LinePiece {
  private cached?: string;
  private isAscii?: boolean;

  /** `offset`: where bytes[start] is in the stream. */
  constructor(
    readonly bytes: Buffer,
    readonly start: number,
    readonly end: number,
    readonly offset: number,
  ) {}

  /** Whether every byte of the piece is ASCII: its text is then exact for any of its lines. */
  get ascii(): boolean {
    return (this.isAscii ??= isAscii(this.bytes.subarray(this.start, this.end)));
  }

  /** bytes[start, end) a character per byte: the lines of rows are ASCII, so their text is exact. */
  get text(): string {
    return (this.cached ??= this.bytes.toString('latin1', this.start, this.end));
  }
}

export interface LineHandler {
  /** `offset`: where the line starts, in bytes from the start of the stream (of its UTF-8 text, for a UTF-16 stream). */
  line(text: string, offset: number): void;
  /**
   * The line `text.slice(start, end)`, as `line` takes it, given in place: a handler that reads it
   * there makes no string of it (a slice costs its making, and every character read through it).
   * When absent, lines go to `line`.
   */
  lineIn?(text: string, start: number, end: number, offset: number): void;
  tooLong(bytes: number): void;
  /**
   * Whether the next lines should be offered as bytes first (`bytesLine`): asked at each chunk,
   * and after each line while the answer is `later` (a handler that knows its format only after
   * some lines), so a handler that takes no lines this way costs nothing.
   */
  wantsBytes?(): 'yes' | 'no' | 'later';
  /**
   * A line as bytes `bytes[start, end)`, line end and CRs before it excluded, before any text is made of
   * it: true when the handler took it; false to have it decoded and given to `line`.
   */
  bytesLine?(bytes: Buffer, start: number, end: number): boolean;
  /**
   * The layout whose status-only lines (LineParser.statusOnlyLayout) the handler only counts:
   * asked at each piece of text and after each line given as text, since a directive can change
   * it. Such lines are then passed over and counted (`statusOnlyLines`), never made text.
   */
  statusOnlyLayout?(): StatusOnlyLayout | undefined;
  /** The next `lines` lines, passed over as status-only under the layout `statusOnlyLayout` gave. */
  statusOnlyLines?(lines: number): void;
  /**
   * The plan by which the handler takes lines as rows of their values (ColumnLineReader), asked as
   * statusOnlyLayout is and before it; undefined while every line must be given as text.
   */
  columnPlan?(): ColumnPlan | undefined;
  /** Rows of the next lines, read under the plan `columnPlan` gave, their positions from `piece.start`. */
  columnRows?(rows: ColumnRows, piece: LinePiece): void;
}

/** A decoder for a stream that starts with a UTF-16 byte order mark (which it drops); null for any other. */
function utf16DecoderFor(first: Buffer): TextDecoder | null {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  return null;
}

export class LineSplitter {
  /** Undefined until the first two bytes are seen; null for a stream that is not UTF-16. */
  private utf16?: TextDecoder | null;
  /** A first chunk of one byte, held until the next: the byte order mark is two. */
  private lead?: Buffer;
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private skippedBytes = -1;
  /** Bytes of the stream before the chunk being split. */
  private streamBytes = 0;
  /** Where the held line starts in the stream. */
  private carryStart = 0;

  constructor(
    private readonly handler: LineHandler,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {}

  push(bytes: Buffer): void {
    if (this.utf16 === undefined) {
      if (this.lead !== undefined) bytes = Buffer.concat([this.lead, bytes]);
      this.lead = undefined;
      if (bytes.length < 2) {
        if (bytes.length === 1) this.lead = Buffer.from(bytes);
        return;
      }
      this.utf16 = utf16DecoderFor(bytes);
    }
    this.pushUtf8(this.utf16 ? Buffer.from(this.utf16.decode(bytes, { stream: true })) : bytes);
  }

  private pushUtf8(chunk: Buffer): void {
    const base = this.streamBytes;
    this.streamBytes += chunk.length;
    let start = 0;
    if (this.carryBytes > 0 || this.skippedBytes >= 0) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) {
        this.hold(chunk, base);
        return;
      }
      this.hold(chunk.subarray(0, newline), base);
      this.flushHeld();
      start = newline + 1;
    }
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    while (lastNewline >= start) {
      const cut = start + TEXT_PIECE_BYTES >= lastNewline ? lastNewline : chunk.indexOf(NEWLINE, start + TEXT_PIECE_BYTES);
      if (this.handler.wantsBytes?.() === 'yes') this.emitBytes(chunk, start, cut, base);
      else if (!this.emitRows(chunk, start, cut, base) && !this.emitPassingOver(chunk, start, cut, base))
        this.emitText(chunk, start, cut, base);
      start = cut + 1;
    }
    if (start < chunk.length) this.hold(chunk.subarray(start), base + start);
  }

  /** Emits a last line that had no newline (a file cut mid-write). */
  end(): void {
    if (this.lead !== undefined) this.pushUtf8(this.lead);
    if (this.utf16) this.pushUtf8(Buffer.from(this.utf16.decode()));
    if (this.carryBytes > 0 || this.skippedBytes >= 0) this.flushHeld();
  }

  /** `at`: where `part` starts in the stream. */
  private hold(part: Buffer, at: number): void {
    if (this.carryBytes === 0 && this.skippedBytes < 0) this.carryStart = at;
    if (this.skippedBytes >= 0) {
      this.skippedBytes += part.length;
      return;
    }
    const first = this.carry[0] ?? part;
    const limit = opensJsonArray((i) => first[i], first.length)
      ? Math.max(this.maxLineBytes, MAX_JSON_ARRAY_LINE_BYTES)
      : this.maxLineBytes;
    if (this.carryBytes + part.length > limit) {
      this.skippedBytes = this.carryBytes + part.length;
      this.carry = [];
      this.carryBytes = 0;
      return;
    }
    // Copy: the caller may reuse its chunk buffer.
    this.carry.push(Buffer.from(part));
    this.carryBytes += part.length;
  }

  private flushHeld(): void {
    if (this.skippedBytes >= 0) {
      const bytes = this.skippedBytes;
      this.skippedBytes = -1;
      this.handler.tooLong(bytes);
      return;
    }
    const bytes = this.carryBytes;
    const text = Buffer.concat(this.carry, bytes).toString('utf8');
    this.carry = [];
    this.carryBytes = 0;
    this.emitLine(text, 0, text.length, bytes, this.carryStart);
  }

  /**
   * Emits the lines of `chunk[start, end)`, where `end` is a newline. The limit is on bytes as read
   * (CRs included), as for a line held across chunks, so where chunks happen to be cut never
   * changes which lines are too long. A line of n UTF-16 units came from n to 3n bytes (invalid
   * UTF-8 included), so only lines over a third of the limit need their bytes counted. A text as
   * long as its bytes has one unit per byte, so its lines' offsets are their positions in it.
   */
  private emitText(chunk: Buffer, start: number, end: number, base: number): void {
    const text = decodeUtf8(chunk, start, end);
    const unitPerByte = text.length === end - start;
    let pos = 0;
    let line = 0;
    // Byte offset of line number `byteLine`, advanced lazily: only long lines and other text need it.
    let byteLine = 0;
    let byteStart = start;
    let ask = this.handler.wantsBytes?.() === 'later';
    for (;;) {
      const newline = text.indexOf('\n', pos);
      const stop = newline === -1 ? text.length : newline;
      let bytes = stop - pos;
      const exactBytes = bytes * 3 > this.maxLineBytes;
      if (exactBytes || !unitPerByte) for (; byteLine < line; byteLine++) byteStart = chunk.indexOf(NEWLINE, byteStart) + 1;
      if (exactBytes) bytes = chunk.indexOf(NEWLINE, byteStart) - byteStart;
      this.emitLine(text, pos, stop, bytes, base + (unitPerByte ? start + pos : byteStart));
      if (newline === -1) return;
      pos = newline + 1;
      line++;
      if (ask) {
        const wants = this.handler.wantsBytes!();
        if (wants === 'yes') {
          // The rest of the piece as bytes, from the next line's first byte.
          for (; byteLine < line; byteLine++) byteStart = chunk.indexOf(NEWLINE, byteStart) + 1;
          this.emitBytes(chunk, byteStart, end, base);
          return;
        }
        ask = wants === 'later';
      }
    }
  }

  /**
   * Gives the lines of `chunk[start, end]` (`end` a newline) the handler takes as rows
   * (LineHandler.columnPlan) as rows; each line the reader stops at is made text on its own. False,
   * having done nothing, when the handler has no plan or the piece does not fit the reader's memory.
   */
  private emitRows(chunk: Buffer, start: number, end: number, base: number): boolean {
    let plan = this.handler.columnPlan?.();
    if (plan === undefined) return false;
    const reader = columnLineReader();
    if (reader === undefined || !reader.load(chunk, start, end + 1)) return false;
    const piece = new LinePiece(chunk, start, end + 1, base + start);
    for (let pos = start; pos <= end; ) {
      const stop = reader.read(pos, plan, this.maxLineBytes);
      if (reader.rows.count > 0) this.handler.columnRows!(reader.rows, piece);
      if (stop > end) return true;
      pos = stop;
      if (reader.rowsFull || reader.keysFull) continue;
      pos = this.emitPieceLine(piece, stop, base);
      plan = this.handler.columnPlan!();
      if (plan === undefined) {
        if (pos <= end) this.emitText(chunk, pos, end, base);
        return true;
      }
    }
    return true;
  }

  /**
   * Emits the line of `piece` starting at `pos` (in its bytes), as emitText would; returns where the
   * next line starts. An ASCII piece's text, made once, serves all its lines.
   */
  private emitPieceLine(piece: LinePiece, pos: number, base: number): number {
    if (!piece.ascii) {
      const newline = piece.bytes.indexOf(NEWLINE, pos);
      this.emitText(piece.bytes, pos, newline, base);
      return newline + 1;
    }
    const text = piece.text;
    const start = pos - piece.start;
    const newline = text.indexOf('\n', start);
    this.emitLine(text, start, newline, newline - start, piece.offset + start);
    return newline + 1 + piece.start;
  }

  /**
   * Emits the lines of `chunk[start, end]` (`end` a newline) the handler reads, and passes over the
   * status-only ones it only counts (LineHandler.statusOnlyLayout): each line the skipper stops at
   * is made text on its own. False, having done nothing, when the handler has no such layout or
   * the piece does not fit the skipper's memory.
   */
  private emitPassingOver(chunk: Buffer, start: number, end: number, base: number): boolean {
    let layout = this.handler.statusOnlyLayout?.();
    if (layout === undefined) return false;
    const skipper = statusLineSkipper();
    if (skipper === undefined || !skipper.load(chunk, start, end + 1)) return false;
    for (let pos = start; pos <= end; ) {
      const stop = skipper.skip(pos, layout, this.maxLineBytes);
      if (skipper.skipped > 0) this.handler.statusOnlyLines!(skipper.skipped);
      if (stop > end) return true;
      const newline = chunk.indexOf(NEWLINE, stop);
      this.emitText(chunk, stop, newline, base);
      pos = newline + 1;
      layout = this.handler.statusOnlyLayout!();
      if (layout === undefined) {
        if (pos <= end) this.emitText(chunk, pos, end, base);
        return true;
      }
    }
    return true;
  }

  /**
   * Offers each line of `chunk[start, end]` (`end` a newline) to the handler as bytes; a line it
   * does not take, or one over the limit, is decoded and emitted as text, as emitText would.
   */
  private emitBytes(chunk: Buffer, start: number, end: number, base: number): void {
    const handler = this.handler;
    for (let pos = start; pos <= end; ) {
      const newline = chunk.indexOf(NEWLINE, pos);
      let stop = newline;
      while (stop > pos && chunk[stop - 1] === CARRIAGE_RETURN) stop--;
      if (newline - pos > this.maxLineBytes || !handler.bytesLine!(chunk, pos, stop)) this.emitText(chunk, pos, newline, base);
      pos = newline + 1;
    }
  }

  /** `bytes` is exact when the line may exceed the limit, else a lower bound; `offset` is where it starts in the stream. */
  private emitLine(text: string, start: number, end: number, bytes: number, offset: number): void {
    const jsonArray =
      bytes > this.maxLineBytes && bytes <= MAX_JSON_ARRAY_LINE_BYTES && opensJsonArray((i) => text.charCodeAt(start + i), end - start);
    if (bytes > this.maxLineBytes && !jsonArray) {
      this.handler.tooLong(bytes);
      return;
    }
    // `\r\r\n` (a CRLF file converted twice) ends a line as `\r\n` does.
    while (end > start && text.charCodeAt(end - 1) === CARRIAGE_RETURN) end--;
    if (this.handler.lineIn !== undefined) this.handler.lineIn(text, start, end, offset);
    else this.handler.line(start === 0 && end === text.length ? text : text.slice(start, end), offset);
  }
}
