/**
 * Worker thread entry: builds its aggregator from a factory module once, then scans every task
 * the pool sends and posts the partial result back as JSON text in transferred UTF-8 chunks
 * (wire-chunks.ts). Errors travel as plain data.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { Aggregator } from '../analyse/aggregator.js';
import type { InputSummary } from '../scan/input-summary.js';
import { runScanTask, type PlainScanOptions, type ScanTask } from './scan-task.js';
import { toWireError, type AggregatorFactory } from './worker-pool.js';
import { encodeOutputChunks } from './wire-chunks.js';

interface WorkerSetup {
  factory: AggregatorFactory;
  options: PlainScanOptions;
}

const setup = workerData as WorkerSetup;
const module = (await import(setup.factory.module)) as Record<string, (config: unknown) => Aggregator<{ input: InputSummary }>>;
const create = module[setup.factory.name];
if (typeof create !== 'function') throw new Error(`${setup.factory.module} has no export ${setup.factory.name}`);

/** Progress goes to the main thread at most this often per worker. */
const PROGRESS_MS = 100;

/**
 * A worker whose heap holds more than this once its lines are read waits for its turn to finish
 * (worker-pool.ts): making the result and its JSON chunks raises what a worker holds for a
 * moment by up to 20 MB, and two workers doing it at once made the run's peak (an errors
 * time series over 2M distinct clients). A small heap finishes at once: its moment costs little.
 */
const FINISH_ALONE_HEAP_BYTES = 32 * 1024 * 1024;

/** Resolves the wait for this worker's turn, when the pool grants it. */
let turnGranted: (() => void) | undefined;

const turnToFinish = (id: number) => (): Promise<void> =>
  getHeapStatistics().used_heap_size < FINISH_ALONE_HEAP_BYTES
    ? Promise.resolve()
    : new Promise((resolve) => {
        turnGranted = resolve;
        parentPort!.postMessage({ id, finishing: true });
      });

parentPort!.on('message', (message: { id: number; task: ScanTask } | { turn: true }) => {
  if ('turn' in message) {
    turnGranted?.();
    turnGranted = undefined;
    return;
  }
  let lastPost = 0;
  const onBytes = (bytes: number): void => {
    const now = Date.now();
    if (now - lastPost < PROGRESS_MS) return;
    lastPost = now;
    parentPort!.postMessage({ id: message.id, bytes });
  };
  // A fresh aggregator per task: partials must not share state.
  runScanTask(message.task, create(setup.factory.config), setup.options, onBytes, undefined, turnToFinish(message.id)).then(
    // As JSON text: structured clone rebuilds objects one hidden class per key, and thousands of
    // count tables with their own keys (an errors time series) took tens of seconds to receive.
    (output) => {
      const chunks = encodeOutputChunks(output);
      parentPort!.postMessage(
        { id: message.id, output: chunks },
        chunks.map((chunk) => chunk.buffer),
      );
    },
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: toWireError(error) }),
  );
});
