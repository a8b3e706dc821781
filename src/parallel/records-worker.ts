/**
 * Worker thread entry of a parallel records export: encodes each task it is sent and posts the
 * rows back chunk by chunk, the bytes moved rather than copied (transferred ArrayBuffers). The
 * main thread acknowledges each chunk once written, giving its buffer back when the output is done
 * with it (reused for later rows); with CHUNK_WINDOW chunks unacknowledged the worker waits, so a
 * task far ahead of the one being written cannot fill memory.
 *
 * A range is read into memory first and its newlines counted and posted at once: the main thread
 * adds up the counts of the ranges before each one and posts the line number its rows start from,
 * which a range waits for before its first row (the ranges before it were handed out earlier, and
 * their counts come before any of their rows).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkPool } from '../render/chunk-pool.js';
import type { Source } from '../sources/sources.js';
import type { ByteRange } from './byte-ranges.js';
import { bytesSource, countNewlines, RangeReader } from './range-in-memory.js';
import { runRecordsTask, taskRows, type RecordsEncoding } from './records-task.js';
import type { RecordsTaskMessage, ToRecordsWorker } from './records-parallel.js';
import type { PlainScanOptions } from './scan-task.js';
import { toWireError } from './worker-pool.js';

interface RecordsWorkerSetup {
  encoding: RecordsEncoding;
  options: PlainScanOptions;
  window: number;
}

const setup = workerData as RecordsWorkerSetup;
const port = parentPort!;
const pool = new ChunkPool(setup.window + 1);
const ranges = new RangeReader();
const rows = taskRows(setup.encoding, setup.options, pool);
let unacknowledged = 0;
let wake: (() => void) | undefined;
/** Where the rows of the task being encoded start, when it was handed out before that was known. */
let offsetOf: ((lineOffset: number) => void) | undefined;

async function emit(id: number, chunk: Buffer): Promise<void> {
  // RowBuffer#take gives a view at the start of an ArrayBuffer of its own (never the shared pool), which can move whole.
  const bytes = chunk.byteOffset === 0 ? chunk.buffer : Uint8Array.prototype.slice.call(chunk).buffer;
  port.postMessage({ id, chunk: bytes, length: chunk.length }, [bytes as ArrayBuffer]);
  unacknowledged++;
  while (unacknowledged >= setup.window) await new Promise<void>((resolve) => (wake = resolve));
}

async function run({ id, task, offsetFollows }: RecordsTaskMessage): Promise<void> {
  let source: Source | undefined;
  const bytes = task.range === undefined ? undefined : readRange(task.file, task.range);
  if (bytes !== undefined) {
    port.postMessage({ id, lines: countNewlines(bytes) });
    source = bytesSource(task.file, bytes);
  }
  const lineOffset = offsetFollows ? await new Promise<number>((resolve) => (offsetOf = resolve)) : task.lineOffset;
  const output = await runRecordsTask({ ...task, lineOffset }, setup.encoding, setup.options, (chunk) => emit(id, chunk), source, rows);
  port.postMessage({ id, output });
}

/** A range's bytes; undefined when they cannot be read, for the scanner to read the file and report the failure as it does. */
function readRange(file: string, range: ByteRange): Buffer | undefined {
  try {
    return ranges.read(file, range);
  } catch {
    return undefined;
  }
}

port.on('message', (message: ToRecordsWorker) => {
  if ('ack' in message) {
    unacknowledged -= message.ack;
    if (message.buffer !== undefined) pool.put(message.buffer);
    wake?.();
    wake = undefined;
  } else if ('lineOffset' in message) {
    offsetOf?.(message.lineOffset);
    offsetOf = undefined;
  } else {
    run(message).catch((error: unknown) => port.postMessage({ id: message.id, error: toWireError(error) }));
  }
});
