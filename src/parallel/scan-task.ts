/**
 * One unit of parallel work: a whole file, or a byte range of one, scanned into its own aggregator.
 * Worker threads and the in-thread fallback run exactly this, so both give the same partials.
 */
import { createReadStream } from 'node:fs';
import type { Aggregator } from '../analyse/aggregator.js';
import { recordSink, sampledRecordSink, scanFields } from '../analyse/aggregator.js';
import { compileFilter, type FilterSpec } from '../filter/filters.js';
import { emptyInputSummary, type InputSummary } from '../scan/input-summary.js';
import { scanSource, type ScanOptions } from '../scan/scan.js';
import { fileChunks } from '../sources/file-chunks.js';
import { fileSource, type Source } from '../sources/sources.js';
import { HeaderTracker, preambleOf, type HeaderState } from './w3c-header.js';

/** Scan options that can cross to a worker thread (no callbacks, no signal). */
export type PlainScanOptions = Pick<ScanOptions, 'format' | 'fieldMap' | 'localOffsetMinutes' | 'timeZone' | 'strict' | 'maxLineBytes'> & {
  allFields?: boolean;
  /** A filter as plain data: a compiled one is a function, which cannot be posted to a worker. */
  filter?: FilterSpec;
};

export interface ScanTask {
  file: string;
  /** A byte range; absent for a whole file (which may be gzip). */
  range?: { start: number; end: number };
  /** Format forced for a range that starts mid-file, where detection cannot run. */
  format?: string;
  /** Header in force at the range start, as guessed by the planner. */
  header?: HeaderState;
  /** Lines of the file before the range, when known (a file read on from a saved state): line numbers then count from the file's start. */
  lineOffset?: number;
}

export interface TaskOutput<Result> {
  result: Result;
  /** Directives the range leaves in force for the next one: the guess is checked against these. */
  header: HeaderState;
  /** Whether the range's lines depended on the `#Date` it was started with. */
  inheritedDateUsed: boolean;
  /** The format the lines were read as; absent when none was detected (an empty or skipped file). */
  format?: string;
}

const RANGE_CHUNK_BYTES = 1 << 20;

export function rangeSource(path: string, start: number, end: number): Source {
  return {
    name: path,
    size: end - start,
    open: () => createReadStream(path, { start, end: end - 1, highWaterMark: RANGE_CHUNK_BYTES }),
    chunks: () => fileChunks(path, RANGE_CHUNK_BYTES, { start, end }),
  };
}

/**
 * @param onBytes bytes of the task read so far, for progress.
 * @param source stands in for the task's file in this thread (a .gz read on past what was read before).
 * @param beforeFinish awaited once every line is read, before the aggregator makes its result
 *   (a worker waits there for its turn to finish, worker-pool.ts).
 */
export async function runScanTask<Result extends { input: InputSummary }>(
  task: ScanTask,
  aggregator: Aggregator<Result>,
  options: PlainScanOptions,
  onBytes?: (bytes: number) => void,
  source: Source = task.range ? rangeSource(task.file, task.range.start, task.range.end) : fileSource(task.file),
  beforeFinish?: () => Promise<void>,
): Promise<TaskOutput<Result>> {
  const summary = emptyInputSummary();
  const tracker = new HeaderTracker(task.header ?? {});
  let format: string | undefined;
  const filter = options.filter === undefined ? undefined : compileFilter(options.filter);
  const sink = recordSink(aggregator, filter, summary);
  await scanSource(source, summary, sink, {
    ...options,
    ...scanFields(aggregator, { ...options, filter }),
    sampleSink: sampledRecordSink(aggregator, filter),
    format: task.format ?? options.format,
    preamble: task.header ? preambleOf(task.header) : undefined,
    onDirective: (line) => tracker.see(line),
    onBytes,
    lineOffset: task.lineOffset,
    byteOffset: task.range?.start,
    onFormat: (name) => {
      format = name;
    },
  });
  await beforeFinish?.();
  const output = { result: aggregator.finish(summary), header: tracker.seen, inheritedDateUsed: tracker.inheritedDateUsed };
  return format === undefined ? output : { ...output, format };
}
