/**
 * A fixed set of worker threads fed from one queue: each takes the next task when it finishes
 * one, so big and small files balance out. Results come back indexed like the tasks.
 */
import { Worker } from 'node:worker_threads';
import { LogtallyError, type ErrorCode, type ErrorDetails } from '../errors/logtally-error.js';
import { runnableModuleUrl } from './runnable-module-url.js';
import type { PlainScanOptions, ScanTask, TaskOutput } from './scan-task.js';

/** Where a worker finds its aggregator: `module`'s export `name`, called with `config` (structured-cloneable). */
export interface AggregatorFactory {
  module: string;
  name: string;
  config: unknown;
}

/** An error as plain data: a LogtallyError keeps its code and details, anything else (a bug) its name and stack. */
export interface WireError {
  code?: ErrorCode;
  message: string;
  details?: ErrorDetails;
  name?: string;
  stack?: string;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof LogtallyError) return { code: error.code, message: error.message, details: error.details() };
  const err = error as Error;
  return { message: String(err?.message ?? error), name: err?.name, stack: err?.stack };
}

/** Rebuilds a worker's error in this thread: a LogtallyError stays one; a bug stays a plain Error, never an IO error. */
export function fromWireError(wire: WireError): Error {
  if (wire.code !== undefined) return new LogtallyError(wire.code, wire.message, wire.details);
  const error = new Error(wire.message);
  if (wire.name) error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  return error;
}

const WORKER_URL = runnableModuleUrl('./scan-worker.js', import.meta.url);

/**
 * Runs every task; settles each slot with its output or error, so the caller can report the first
 * error in input order. `onBytes` gets the bytes all tasks have read so far, for progress.
 */
export async function runInWorkers<Result>(
  tasks: readonly ScanTask[],
  factory: AggregatorFactory,
  options: PlainScanOptions,
  threads: number,
  onBytes?: (bytes: number) => void,
): Promise<PromiseSettledResult<TaskOutput<Result>>[]> {
  const settled: PromiseSettledResult<TaskOutput<Result>>[] = new Array(tasks.length);
  let next = 0;
  const taskBytes = new Float64Array(tasks.length);
  let bytesRead = 0;
  const progress = (id: number, bytes: number): void => {
    bytesRead += bytes - taskBytes[id]!;
    taskBytes[id] = bytes;
    onBytes?.(bytesRead);
  };
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_URL, { workerData: { factory, options } });
      const feed = () => {
        if (next >= tasks.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const id = next++;
        worker.postMessage({ id, task: tasks[id] });
      };
      worker.on('message', (message: { id: number; bytes?: number; output?: string; error?: WireError }) => {
        if (message.bytes !== undefined) {
          progress(message.id, message.bytes);
          return;
        }
        const range = tasks[message.id]!.range;
        if (range !== undefined) progress(message.id, range.end - range.start);
        settled[message.id] = message.error
          ? { status: 'rejected', reason: fromWireError(message.error) }
          : { status: 'fulfilled', value: JSON.parse(message.output!) as TaskOutput<Result> };
        feed();
      });
      // A worker that dies (out of memory, a failed import) fails the whole run.
      worker.on('error', reject);
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(threads, tasks.length) }, runWorker));
  return settled;
}
