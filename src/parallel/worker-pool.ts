/**
 * A fixed set of worker threads fed from one queue: each takes the next task when it finishes
 * one, so big and small files balance out. Results come back indexed like the tasks.
 */
import { Worker } from 'node:worker_threads';
import { LogtallyError, type ErrorCode, type ErrorDetails } from '../errors/logtally-error.js';
import { runnableModuleUrl } from './runnable-module-url.js';
import type { Aggregator } from '../analyse/aggregator.js';
import type { InputSummary } from '../scan/input-summary.js';
import { runScanTask, type PlainScanOptions, type ScanTask, type TaskOutput } from './scan-task.js';
import { chunksText } from './wire-chunks.js';
import { decodeOutput, encodeOutput } from './wire-json.js';

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

const WORKER_URL = runnableModuleUrl('../parallel/scan-worker.js', import.meta.url);

/**
 * A scan worker's heap (docs/memory.md). V8 sizes a heap for throughput: a worker's young
 * generation grew to 32 MB and its old generation to 4 times what it held live before collecting
 * (an errors time series: 25 MB live, 117 MB of heap per worker, 372 MB peak RSS with two). Capped,
 * V8 collects before it grows past the cap. A task whose live data does not fit (a very high
 * cardinality report) is not lost: it runs again in this thread, without the cap.
 */
export const WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

const isOutOfMemory = (error: unknown): boolean => (error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY';

/** A task run in this thread, its output passed through JSON as a worker's is, so both read the same. */
async function runHere<Result>(
  task: ScanTask,
  factory: AggregatorFactory,
  options: PlainScanOptions,
  onBytes: (bytes: number) => void,
): Promise<TaskOutput<Result>> {
  const module = (await import(factory.module)) as Record<string, (config: unknown) => Aggregator<{ input: InputSummary }>>;
  const output = await runScanTask(task, module[factory.name]!(factory.config), options, onBytes);
  return decodeOutput<TaskOutput<Result>>(encodeOutput(output));
}

/**
 * Workers with a large partial make it one at a time (scan-worker.ts asks before it finishes):
 * the turn passes on in the order asked once the holder's output is here, or, for its last task,
 * once it has stopped and its heap is gone.
 */
class FinishTurns {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  ask(grant: () => void): void {
    if (this.held) this.waiting.push(grant);
    else {
      this.held = true;
      grant();
    }
  }

  /** A worker that died waiting never gets a turn. */
  withdraw(grant: () => void): void {
    const at = this.waiting.indexOf(grant);
    if (at >= 0) this.waiting.splice(at, 1);
  }

  release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.held = false;
  }
}

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
  const settleHere = async (id: number): Promise<void> => {
    try {
      // A task read again after its worker ran out of memory: progress never goes back.
      const value = await runHere<Result>(tasks[id]!, factory, options, (bytes) => progress(id, Math.max(bytes, taskBytes[id]!)));
      settled[id] = { status: 'fulfilled', value };
    } catch (reason) {
      settled[id] = { status: 'rejected', reason };
    }
  };
  const runRestHere = async (unfinished: number | undefined): Promise<void> => {
    if (unfinished !== undefined) await settleHere(unfinished);
    while (next < tasks.length) await settleHere(next++);
  };
  const turns = new FinishTurns();
  const runWorker = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_URL, { workerData: { factory, options }, resourceLimits: WORKER_HEAP_LIMITS });
      let holdsTurn = false;
      const grant = (): void => {
        holdsTurn = true;
        worker.postMessage({ turn: true });
      };
      const releaseTurn = (): void => {
        turns.withdraw(grant);
        if (!holdsTurn) return;
        holdsTurn = false;
        turns.release();
      };
      let current: number | undefined;
      /** The last output, decoded once the worker has stopped (below). */
      let last: { id: number; chunks: Uint8Array[] } | undefined;
      const settleLast = (): void => {
        if (last !== undefined)
          settled[last.id] = { status: 'fulfilled', value: decodeOutput<TaskOutput<Result>>(chunksText(last.chunks)) };
      };
      const feed = () => {
        if (next >= tasks.length) {
          worker
            .terminate()
            .then(() => {
              releaseTurn();
              settleLast();
            })
            .then(resolve, reject);
          return;
        }
        const id = next++;
        current = id;
        worker.postMessage({ id, task: tasks[id] });
      };
      worker.on('message', (message: { id: number; bytes?: number; finishing?: true; output?: Uint8Array[]; error?: WireError }) => {
        if (message.bytes !== undefined) {
          progress(message.id, message.bytes);
          return;
        }
        if (message.finishing) {
          turns.ask(grant);
          return;
        }
        // Its partial is here: another may finish now, unless this was its last and it still holds its heap.
        if (next < tasks.length) releaseTurn();
        const range = tasks[message.id]!.range;
        if (range !== undefined) progress(message.id, range.end - range.start);
        current = undefined;
        if (message.error) settled[message.id] = { status: 'rejected', reason: fromWireError(message.error) };
        // A worker's heap is at its largest as it finishes (its data, and the same as JSON chunks):
        // the last output is decoded after the worker stops, so the two peaks are not held at once.
        else if (next >= tasks.length) last = { id: message.id, chunks: message.output! };
        else settled[message.id] = { status: 'fulfilled', value: decodeOutput<TaskOutput<Result>>(chunksText(message.output!)) };
        feed();
      });
      worker.on('error', (error) => {
        releaseTurn();
        // Anything but memory (a failed import) fails the whole run.
        if (!isOutOfMemory(error)) {
          reject(error);
          return;
        }
        // The task that outgrew the worker's heap, and this runner's share of the rest, run here.
        const unfinished = current;
        current = undefined;
        settleLast();
        runRestHere(unfinished).then(resolve, reject);
      });
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(threads, tasks.length) }, runWorker));
  return settled;
}
