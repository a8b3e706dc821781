/**
 * Worker thread entry of a parallel records export: encodes each task it is sent and posts the
 * rows back chunk by chunk, the bytes moved rather than copied (transferred ArrayBuffers). The
 * main thread acknowledges each chunk once written: with CHUNK_WINDOW chunks unacknowledged the
 * worker waits, so a task far ahead of the one being written cannot fill memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runRecordsTask, type RecordsEncoding, type RecordsTask } from './records-task.js';
import type { PlainScanOptions } from './scan-task.js';
import { toWireError } from './worker-pool.js';

interface RecordsWorkerSetup {
  encoding: RecordsEncoding;
  options: PlainScanOptions;
  window: number;
}

const setup = workerData as RecordsWorkerSetup;
const port = parentPort!;
let unacknowledged = 0;
let wake: (() => void) | undefined;

async function emit(id: number, chunk: Buffer): Promise<void> {
  // RowBuffer#take gives a view at the start of an ArrayBuffer of its own (never the shared pool), which can move whole.
  const bytes = chunk.byteOffset === 0 ? chunk.buffer : Uint8Array.prototype.slice.call(chunk).buffer;
  port.postMessage({ id, chunk: bytes, length: chunk.length }, [bytes as ArrayBuffer]);
  unacknowledged++;
  while (unacknowledged >= setup.window) await new Promise<void>((resolve) => (wake = resolve));
}

port.on('message', (message: { ack?: number; id: number; task: RecordsTask }) => {
  if (message.ack !== undefined) {
    unacknowledged -= message.ack;
    wake?.();
    wake = undefined;
    return;
  }
  const id = message.id;
  runRecordsTask(message.task, setup.encoding, setup.options, (chunk) => emit(id, chunk)).then(
    (output) => port.postMessage({ id, output }),
    (error: unknown) => port.postMessage({ id, error: toWireError(error) }),
  );
});
