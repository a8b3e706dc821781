/**
 * Worker thread entry: builds its aggregator from a factory module once, then scans every task
 * the pool sends and posts the partial result back as JSON text, in UTF-8 bytes (worker-pool.ts). Errors travel as plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Aggregator } from '../analyse/aggregator.js';
import type { InputSummary } from '../scan/input-summary.js';
import { runScanTask, type PlainScanOptions, type ScanTask } from './scan-task.js';
import { outputBytes, toWireError, type AggregatorFactory } from './worker-pool.js';
import { encodeOutput } from './wire-json.js';

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

parentPort!.on('message', (message: { id: number; task: ScanTask }) => {
  let lastPost = 0;
  const onBytes = (bytes: number): void => {
    const now = Date.now();
    if (now - lastPost < PROGRESS_MS) return;
    lastPost = now;
    parentPort!.postMessage({ id: message.id, bytes });
  };
  // A fresh aggregator per task: partials must not share state.
  runScanTask(message.task, create(setup.factory.config), setup.options, onBytes).then(
    // As JSON text: structured clone rebuilds objects one hidden class per key, and thousands of
    // count tables with their own keys (an errors time series) took tens of seconds to receive.
    (output) => {
      const bytes = outputBytes(encodeOutput(output));
      parentPort!.postMessage({ id: message.id, output: bytes }, [bytes.buffer]);
    },
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: toWireError(error) }),
  );
});
