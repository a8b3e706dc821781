/**
 * Scan worker threads started before the command line is read. A worker takes 50 to 80 ms to boot
 * and load the scanner; the main thread takes about as long to load the CLI and plan the ranges,
 * while the second core idles. Started first, the workers load beside it, and a run over a large
 * file begins reading that much sooner. A worker started so is told its job by its first message
 * (a cold one gets it as workerData); one left unused is unreferenced, so it never keeps the
 * process alive, and it is stopped with the process.
 *
 * Only node:worker_threads is imported here: the bin loads this module before anything else.
 */
import { Worker } from 'node:worker_threads';
import { runnableModuleUrl } from './runnable-module-url.js';

export const SCAN_WORKER_URL = runnableModuleUrl('../parallel/scan-worker.js', import.meta.url);

/**
 * A scan worker's heap (docs/memory.md). V8 sizes a heap for throughput: a worker's young
 * generation grew to 32 MB and its old generation to 4 times what it held live before collecting
 * (an errors time series: 25 MB live, 117 MB of heap per worker, 372 MB peak RSS with two). Capped,
 * V8 collects before it grows past the cap. A task whose live data does not fit (a very high
 * cardinality report) is not lost: it runs again in this thread, without the cap.
 */
export const WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

/** Below this total, thread start-up costs more than it saves, unless there are several files. */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/** What a warm worker gets as workerData: its job comes in its first message. */
export const WARM = { warm: true } as const;

const warm: Worker[] = [];

/** Starts `count` scan workers ahead of their job (none when count < 2: one thread scans in place). */
export function warmScanWorkers(count: number): void {
  if (count < 2) return;
  for (let i = 0; i < count; i++) {
    const worker = new Worker(SCAN_WORKER_URL, { workerData: WARM, resourceLimits: WORKER_HEAP_LIMITS });
    worker.unref();
    // A warm worker that failed to start is simply not used; the pool starts a cold one instead.
    worker.on('error', () => removeWarm(worker));
    warm.push(worker);
  }
}

function removeWarm(worker: Worker): void {
  const at = warm.indexOf(worker);
  if (at !== -1) warm.splice(at, 1);
}

/** A warm worker told its job, or undefined when none is left. */
export function takeWarmWorker(setup: unknown): Worker | undefined {
  const worker = warm.shift();
  if (worker === undefined) return undefined;
  worker.removeAllListeners('error');
  worker.ref();
  worker.postMessage(setup);
  return worker;
}

/** Stops the warm workers no run took (a caller that goes on living after its run, as tests do). */
export async function stopWarmWorkers(): Promise<void> {
  await Promise.all(warm.splice(0).map((worker) => worker.terminate()));
}
