/**
 * A records export over worker threads, written in input order: the output is byte for byte what
 * one thread writes (tested on every split point of multi-block files).
 *
 * - Large plain W3C and access logs are cut into byte ranges of about RANGE_BYTES; each range and
 *   each other file is one task. Workers encode tasks into row chunks; this thread writes the
 *   chunks of the oldest unfinished task as they come, and holds later ones until its turn.
 * - Memory is bounded: tasks are handed out at most threads + 1 past the one being written, and a
 *   worker waits once CHUNK_WINDOW of its chunks are not yet written (a big .gz held back).
 * - Line numbers: a range's rows count from the file's start. Each worker reads its range into
 *   memory and posts its newline count before encoding it; this thread adds up the counts of the
 *   ranges before each one and posts where its rows start (records-worker.ts).
 * - Row buffers: with `reuseChunks`, a chunk's buffer goes back to its worker once written, and
 *   takes later rows there.
 * - W3C: a range is read with the header guessed in force at its start (as `report` does). When
 *   the ranges before it show another header, its rows are held until it ends; a guess that
 *   changed its lines is re-read here with the right header.
 */
import { Worker } from 'node:worker_threads';
import { throwIfNothingRead } from '../analyse/aggregator.js';
import { mergeInputSummaries, type InputSummary } from '../scan/input-summary.js';
import type { Source } from '../sources/sources.js';
import { runRecordsTask, type RecordsEncoding, type RecordsTask, type RecordsTaskOutput } from './records-task.js';
import { planFile, plainOptions, workerInputs, type FilePlan, type ParallelOptions } from './run-parallel.js';
import { runnableModuleUrl } from './runnable-module-url.js';
import type { PlainScanOptions } from './scan-task.js';
import { applyDirective, sameEffect, type HeaderState } from './w3c-header.js';
import { fromWireError, type WireError } from './worker-pool.js';

/**
 * Input bytes per range: small enough that a range's rows held in memory stay small, and that a
 * range's rows fit in its worker's CHUNK_WINDOW (NDJSON is about 2.3 times its input, 9 MB here),
 * so the worker encoding the range after the one being written does not stop for want of acks.
 */
export const RANGE_BYTES = 4 * 1024 * 1024;
/**
 * A worker's young generation: rows die young, and V8's default (a semi-space per thread sized
 * for throughput) took each worker's RSS near 100 MB for no measurable gain in CPU time.
 */
const WORKER_YOUNG_MB = 8;
/**
 * Chunks a worker may have posted and not yet seen written. Each holds a row buffer of 2 MB (of
 * about 1 MB of rows): 48 of them per worker took `records --format csv` on 2M lines to 244 MB peak
 * RSS with two workers; 16 to 216 MB, at the same CPU time (docs/memory.md), before the buffers
 * were reused.
 */
export const CHUNK_WINDOW = 16;

const WORKER_URL = runnableModuleUrl('../parallel/records-worker.js', import.meta.url);

export interface RecordsResult {
  input: InputSummary;
  /** CSV columns some record had a value for. */
  seen: Set<string>;
}

interface Planned extends RecordsTask {
  /** Position among its file's ranges: 0 for the first range or a whole file. */
  part: number;
}

interface TaskState {
  chunks: Buffer[];
  worker?: Worker;
  output?: RecordsTaskOutput;
  error?: Error;
  /** Newlines of the task's range, as its worker counted them. */
  lines?: number;
  /** Whether the task was handed out before its line offset was known: it is posted to its worker once it is. */
  offsetFollows?: boolean;
}

/** A task as a worker receives it; `offsetFollows`: its line offset comes in a later message. */
export interface RecordsTaskMessage {
  id: number;
  task: RecordsTask;
  offsetFollows: boolean;
}

/** What this thread posts to a records worker. */
export type ToRecordsWorker = RecordsTaskMessage | { ack: number; buffer?: ArrayBuffer } | { lineOffset: number };

/** What a records worker posts: a chunk of rows, its range's newline count, or the task's end. */
interface FromRecordsWorker {
  id: number;
  chunk?: ArrayBuffer;
  length?: number;
  lines?: number;
  output?: RecordsTaskOutput;
  error?: WireError;
}

/**
 * Exports `sources` on `options.threads` worker threads when they are large plain files (as
 * `report` would use workers for), handing chunks of rows to `write` in input order; undefined,
 * having written nothing, when they are better exported in this thread.
 */
export async function exportRecordsInParallel(
  sources: readonly Source[],
  options: ParallelOptions,
  encoding: RecordsEncoding,
  write: (chunk: Buffer) => Promise<void>,
  reuseChunks = false,
): Promise<RecordsResult | undefined> {
  const threads = options.threads ?? 1;
  // --strict stops at the first rejected line, in input order: one thread reads in that order.
  if (options.strict) return undefined;
  const inputs = workerInputs(sources, threads, options);
  if (inputs === undefined) return undefined;
  const plain = plainOptions(options);
  const plans = inputs.map(({ path, size }) => planFile(path, size, Math.ceil(size / RANGE_BYTES), plain));
  return writeRecordsInParallel(plans, encoding, plain, threads, write, reuseChunks);
}

function tasksOf(plans: readonly FilePlan[]): Planned[] {
  return plans.flatMap((plan): Planned[] =>
    plan.ranges === undefined
      ? [{ file: plan.file, lineOffset: 0, part: 0 }]
      : plan.ranges.map((range, part) =>
          part === 0
            ? { file: plan.file, range, lineOffset: 0, part }
            : { file: plan.file, range, format: plan.format, header: plan.header, lineOffset: 0, part },
        ),
  );
}

/**
 * Exports the planned files with `threads` workers, handing each chunk of rows to `write` in input
 * order; resolves with the accounting of every line once the last is written. `reuseChunks`:
 * `write` is done with a chunk's bytes once its promise resolves, so its buffer can take later rows.
 */
export async function writeRecordsInParallel(
  plans: readonly FilePlan[],
  encoding: RecordsEncoding,
  plain: PlainScanOptions,
  threads: number,
  write: (chunk: Buffer) => Promise<void>,
  reuseChunks = false,
): Promise<RecordsResult> {
  const tasks = tasksOf(plans);
  const states: TaskState[] = tasks.map(() => ({ chunks: [] }));
  const maxAhead = threads + 1;
  let head = 0;
  let next = 0;
  /** Tasks before this one have their line offsets set. */
  let placedUpTo = 0;
  let crash: Error | undefined;
  let closing = false;
  let wakeWriter: (() => void) | undefined;
  const notify = () => {
    wakeWriter?.();
    wakeWriter = undefined;
  };
  const idle: Worker[] = [];

  /** Sets the line offsets that the counts so far tell (a range starts where the ranges before it in its file end), posting those that follow. */
  const placeOffsets = (): void => {
    for (; placedUpTo < tasks.length; placedUpTo++) {
      const task = tasks[placedUpTo]!;
      if (task.part > 0) {
        const lines = states[placedUpTo - 1]!.lines;
        if (lines === undefined) return;
        task.lineOffset = tasks[placedUpTo - 1]!.lineOffset + lines;
      }
      const state = states[placedUpTo]!;
      if (state.offsetFollows) state.worker!.postMessage({ lineOffset: task.lineOffset } satisfies ToRecordsWorker);
    }
  };
  const dispatch = (): void => {
    while (idle.length > 0 && next < tasks.length && next < head + maxAhead) {
      const worker = idle.pop()!;
      const id = next++;
      const state = states[id]!;
      state.worker = worker;
      state.offsetFollows = id >= placedUpTo;
      const { part: _, ...task } = tasks[id]!;
      worker.postMessage({ id, task, offsetFollows: state.offsetFollows } satisfies ToRecordsWorker);
    }
  };

  const workers = Array.from({ length: Math.min(threads, tasks.length) }, () => {
    const worker = new Worker(WORKER_URL, {
      workerData: { encoding, options: plain, window: CHUNK_WINDOW },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    worker.on('message', (message: FromRecordsWorker) => {
      const state = states[message.id]!;
      if (message.chunk !== undefined) state.chunks.push(Buffer.from(message.chunk, 0, message.length));
      else if (message.lines !== undefined) {
        state.lines = message.lines;
        placeOffsets();
      } else {
        if (message.error !== undefined) state.error = fromWireError(message.error);
        else {
          state.output = message.output;
          // A range its worker could not read into memory is counted by its scan.
          state.lines ??= message.output!.input.lines;
          placeOffsets();
        }
        idle.push(worker);
        dispatch();
      }
      notify();
    });
    // A worker that dies (out of memory, a failed import) fails the whole run.
    worker.on('error', (error) => {
      crash = error;
      notify();
    });
    // One that stops without an error would leave its task unfinished: fail rather than wait for ever.
    worker.on('exit', (code) => {
      if (closing) return;
      crash ??= new Error(`a records worker thread stopped (exit code ${code})`);
      notify();
    });
    idle.push(worker);
    return worker;
  });
  const ack = (state: TaskState) => state.worker!.postMessage({ ack: 1 } satisfies ToRecordsWorker);
  /** Acknowledges a written chunk, giving its buffer back to the worker that filled it. */
  const ackWritten = (state: TaskState, chunk: Buffer) => {
    if (!reuseChunks) return ack(state);
    const buffer = chunk.buffer as ArrayBuffer;
    state.worker!.postMessage({ ack: 1, buffer } satisfies ToRecordsWorker, [buffer]);
  };
  const nextEvent = () => new Promise<void>((resolve) => (wakeWriter = resolve));

  const outputs: RecordsTaskOutput[] = [];
  try {
    let inForce: HeaderState = {};
    placeOffsets();
    dispatch();
    for (; head < tasks.length; head++) {
      const task = tasks[head]!;
      const state = states[head]!;
      if (task.part === 0) inForce = {};
      // A range read with another header than the one in force: held until it shows whether that mattered.
      const doubtful = task.part > 0 && (task.header?.fields !== inForce.fields || task.header?.date !== inForce.date);
      const held: Buffer[] = [];
      for (;;) {
        if (crash) throw crash;
        const chunk = state.chunks.shift();
        if (chunk !== undefined) {
          if (doubtful) {
            held.push(chunk);
            ack(state);
          } else {
            await write(chunk);
            ackWritten(state, chunk);
          }
        } else if (state.error) throw state.error;
        else if (state.output) break;
        else await nextEvent();
      }
      let output = state.output!;
      if (doubtful && !sameEffect(task.header ?? {}, inForce, output.inheritedDateUsed)) {
        output = await runRecordsTask({ ...task, header: inForce }, encoding, plain, write);
      } else for (const chunk of held) await write(chunk);
      for (const line of [output.header.date, output.header.fields]) if (line !== undefined) inForce = applyDirective(inForce, line);
      outputs.push(placed(output, task));
      states[head] = { chunks: [] };
      dispatch();
    }
  } finally {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const input = outputs.map((o) => o.input).reduce(mergeInputSummaries);
  throwIfNothingRead(input);
  return { input, seen: new Set(outputs.flatMap((o) => o.seen)) };
}

/** A range's accounting as part of its file: counted once, its rejected lines numbered from the file's start. */
function placed(output: RecordsTaskOutput, task: Planned): RecordsTaskOutput {
  if (task.part === 0) return output;
  output.input.files--;
  for (const sample of output.input.rejectedSamples) if (sample.file === task.file) sample.line += task.lineOffset;
  return output;
}
