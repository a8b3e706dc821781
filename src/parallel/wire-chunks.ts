/**
 * A worker's output as the text encodeOutput gives (wire-json.ts), written straight into UTF-8
 * chunks whose buffers are transferred to the merging thread, never as one string.
 *
 * Why: a worker is at its largest as it finishes. One JSON.stringify of the whole output made the
 * text (8 MB for half of a 30-day high-cardinality errors series, built in parts and then
 * flattened) and its UTF-8 bytes on top of the partial itself; written piece by piece, only the
 * bytes remain, in chunks of 1 MB. A string posted to another thread is copied twice more (into
 * the message, then into a string there); transferred chunks are not copied at all.
 */
import { isObject, toWire } from './wire-json.js';

/** Chunks of at most this size (up to 3 bytes less where a character did not fit), the last cut to what it holds. */
export const WIRE_CHUNK_BYTES = 1 << 20;
/**
 * Arrays with more items than this are written item by item at any depth (a `--by` table of 2M
 * groups is one flat array), and every array and object above SPLIT_DEPTH is. Smaller parts
 * below it are one JSON.stringify each, which is faster than walking them here.
 */
const SPLIT_ITEMS = 64;
const SPLIT_DEPTH = 3;

/** UTF-8 chunks filled one after the other. */
class Utf8Chunks {
  private readonly encoder = new TextEncoder();
  private readonly chunks: Uint8Array<ArrayBuffer>[] = [];
  private current: Uint8Array<ArrayBuffer>;
  private used = 0;

  constructor(private readonly chunkBytes: number) {
    // UTF-8 takes up to 4 bytes a character: a smaller chunk could not take every character.
    if (!(chunkBytes >= 4)) throw new RangeError(`chunks of at least 4 bytes, not ${chunkBytes}`);
    this.current = new Uint8Array(chunkBytes);
  }

  write(text: string): void {
    let rest = text;
    for (;;) {
      const { read, written } = this.encoder.encodeInto(rest, this.current.subarray(this.used));
      this.used += written;
      if (read === rest.length) return;
      rest = rest.slice(read);
      // Full, or with fewer bytes left than the next character takes.
      this.chunks.push(this.current.subarray(0, this.used));
      this.current = new Uint8Array(this.chunkBytes);
      this.used = 0;
    }
  }

  finish(): Uint8Array<ArrayBuffer>[] {
    if (this.used > 0) this.chunks.push(this.current.subarray(0, this.used));
    return this.chunks;
  }
}

/**
 * encodeOutput(output) as UTF-8 chunks of `chunkBytes`: the same text, byte for byte. Consumes
 * `output` as encodeOutput does.
 */
export function encodeOutputChunks(output: unknown, chunkBytes = WIRE_CHUNK_BYTES): Uint8Array<ArrayBuffer>[] {
  const sink = new Utf8Chunks(chunkBytes);
  const text = writeJson(toWire(output), sink, 0);
  // A top-level value JSON.stringify leaves out (undefined) has no text at all; as encodeOutput's, it cannot be decoded.
  if (text === undefined) throw new TypeError('a worker output must be JSON data');
  return sink.finish();
}

/** The text of chunks from encodeOutputChunks, decoded as one. */
export const chunksText = (chunks: readonly Uint8Array[]): string => Buffer.concat(chunks).toString('utf8');

/**
 * Writes `value` as JSON.stringify would; undefined (and nothing written) where JSON.stringify
 * gives undefined: an object's property so valued is then left out, an array's item is `null`.
 */
function writeJson(value: unknown, sink: Utf8Chunks, depth: number): true | undefined {
  if (!structural(value, depth)) {
    const text = JSON.stringify(value);
    if (text === undefined) return undefined;
    sink.write(text);
    return true;
  }
  if (Array.isArray(value)) {
    sink.write('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.write(',');
      if (writeJson(value[i], sink, depth + 1) === undefined) sink.write('null');
    }
    sink.write(']');
    return true;
  }
  const object = value as Record<string, unknown>;
  sink.write('{');
  let first = true;
  for (const key of Object.keys(object)) {
    const item = object[key];
    // A property JSON.stringify leaves out must be known before its key is written.
    const text = structural(item, depth + 1) ? null : JSON.stringify(item);
    if (text === undefined) continue;
    sink.write(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    if (text === null) writeJson(item, sink, depth + 1);
    else sink.write(text);
  }
  sink.write('}');
  return true;
}

/**
 * Whether `value` is written item by item here rather than by one JSON.stringify: an array or a
 * plain object above SPLIT_DEPTH, a long array at any depth. (After toWire, the long tables are
 * arrays: a dictionary is an object of one key.) A value with its own JSON form never is.
 */
function structural(value: unknown, depth: number): boolean {
  if (!isObject(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  return depth < SPLIT_DEPTH || (Array.isArray(value) && value.length > SPLIT_ITEMS);
}
