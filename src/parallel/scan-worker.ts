/**
 * Worker thread entry: builds its aggregator from a factory module once, then scans every task
 * the pool sends and posts the partial result back as JSON text. Errors travel as plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Aggregator } from '../analyse/aggregator.js';
import type { InputSummary } from '../scan/input-summary.js';
import { runScanTask, type PlainScanOptions, type ScanTask } from './scan-task.js';
import { toWireError, type AggregatorFactory } from './worker-pool.js';
import { encodeOutput } from './wire-json.js';
import { WARM } from './warm-workers.js';

interface WorkerSetup {
  factory: AggregatorFactory;
  options: PlainScanOptions;
}

interface TaskMessage {
  id: number;
  task: ScanTask;
}

/**
 * One listener from the start, so no message arrives while none listens: a warm worker
 * (warm-workers.ts), started before its job was known, gets the job as its first message, and the
 * first task may follow before the aggregator's module is loaded.
 */
let awaitingSetup = isWarm(workerData);
let receiveSetup: (setup: WorkerSetup) => void = () => {};
let runTask: ((message: TaskMessage) => void) | undefined;
const early: TaskMessage[] = [];
parentPort!.on('message', (message: WorkerSetup | TaskMessage) => {
  if (awaitingSetup) {
    awaitingSetup = false;
    receiveSetup(message as WorkerSetup);
  } else if (runTask !== undefined) runTask(message as TaskMessage);
  else early.push(message as TaskMessage);
});

const setup: WorkerSetup = awaitingSetup
  ? await new Promise<WorkerSetup>((resolve) => {
      receiveSetup = resolve;
    })
  : (workerData as WorkerSetup);
const module = (await import(setup.factory.module)) as Record<string, (config: unknown) => Aggregator<{ input: InputSummary }>>;
const create = module[setup.factory.name];
if (typeof create !== 'function') throw new Error(`${setup.factory.module} has no export ${setup.factory.name}`);

function isWarm(data: unknown): boolean {
  return (data as { warm?: unknown } | null)?.warm === WARM.warm;
}

/** Progress goes to the main thread at most this often per worker. */
const PROGRESS_MS = 100;

runTask = (message: TaskMessage): void => {
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
    (output) => parentPort!.postMessage({ id: message.id, output: encodeOutput(output) }),
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: toWireError(error) }),
  );
};
for (const message of early.splice(0)) runTask(message);
