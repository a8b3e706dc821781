/**
 * Worker threads started before the command line is read. A worker takes 50 to 80 ms to boot and
 * load its modules; the main thread takes about as long to load the CLI and plan the ranges, while
 * the second core idles. Started first, the workers load beside it, and a run over a large file
 * begins reading that much sooner. A worker started so gets its setup as its first message (a cold
 * one as workerData; worker-inbox.ts reads both); one left unused is unreferenced, so it never
 * keeps the process alive, and it is stopped with the process.
 *
 * Only node:worker_threads is imported here: the bin loads this module before anything else.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { runnableModuleUrl } from './runnable-module-url.js';

/** Below this total, thread start-up costs more than it saves, unless there are several files. */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/** A worker thread entry and the heap it runs with. */
export interface WorkerKind {
  url: URL;
  resourceLimits: ResourceLimits;
}

/**
 * A scan worker's heap (docs/memory.md). V8 sizes a heap for throughput: a worker's young
 * generation grew to 32 MB and its old generation to 4 times what it held live before collecting
 * (an errors time series: 25 MB live, 117 MB of heap per worker, 372 MB peak RSS with two). Capped,
 * V8 collects before it grows past the cap. A task whose live data does not fit (a very high
 * cardinality report) is not lost: it runs again in this thread, without the cap.
 */
export const WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

/** Scan workers: a report's or errors' partial per task (worker-pool.ts). */
export const SCAN_WORKERS: WorkerKind = {
  url: runnableModuleUrl('../parallel/scan-worker.js', import.meta.url),
  resourceLimits: WORKER_HEAP_LIMITS,
};

/**
 * Records workers (records-parallel.ts). Their young generation: rows die young, and V8's default
 * (a semi-space per thread sized for throughput) took each worker's RSS near 100 MB for no
 * measurable gain in CPU time.
 */
export const RECORDS_WORKERS: WorkerKind = {
  url: runnableModuleUrl('../parallel/records-worker.js', import.meta.url),
  resourceLimits: { maxYoungGenerationSizeMb: 8 },
};

/** What a warm worker gets as workerData: its setup comes in its first message. */
export const WARM = { warm: true } as const;

const warm = new Map<WorkerKind, Worker[]>();

/** Starts `count` workers of `kind` ahead of their job (none when count < 2: one thread works in place). */
export function warmWorkers(kind: WorkerKind, count: number): void {
  if (count < 2) return;
  const started = warm.get(kind) ?? [];
  warm.set(kind, started);
  for (let i = 0; i < count; i++) {
    const worker = new Worker(kind.url, { workerData: WARM, resourceLimits: kind.resourceLimits });
    worker.unref();
    // A warm worker that failed to start is simply not used; the run starts a cold one instead.
    worker.on('error', () => started.splice(started.indexOf(worker) >>> 0, 1));
    started.push(worker);
  }
}

/** A worker of `kind` given `setup`: a warm one if any is left, else a new one. */
export function startWorker(kind: WorkerKind, setup: unknown): Worker {
  const worker = warm.get(kind)?.shift();
  if (worker === undefined) return new Worker(kind.url, { workerData: setup, resourceLimits: kind.resourceLimits });
  worker.removeAllListeners('error');
  worker.ref();
  worker.postMessage(setup);
  return worker;
}

/** Warm workers of `kind` no run took yet. */
export const warmLeft = (kind: WorkerKind): number => warm.get(kind)?.length ?? 0;

/** Stops the warm workers no run took (for a caller that goes on living after its run, as tests do). */
export async function stopWarmWorkers(): Promise<void> {
  const left = [...warm.values()].flatMap((workers) => workers.splice(0));
  await Promise.all(left.map((worker) => worker.terminate()));
}
