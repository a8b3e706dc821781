/**
 * Runs any Aggregator over many cores: files, and byte ranges of large plain W3C and access logs, are scanned
 * by worker threads into partial results that the job's merge function adds up in input order.
 * The result equals the single-threaded one (tested on every split point of multi-block files):
 *
 * - A range that starts mid-file is read with the `#Fields:`/`#Date:` of the file's leading header,
 *   a guess that is right unless the header changes before the range. Each range reports the
 *   directives it saw; the guess is checked against them and a wrongly guessed range re-scanned.
 * - Line numbers: a range counts lines from its own start. Its offset is the lines of the ranges
 *   before it, known exactly once they finish, so rejected samples are shifted afterwards at no
 *   cost (no second pass counting newlines). Aggregators that keep line numbers shift theirs in
 *   `relocate`.
 * - A split file counts as one file; each range counts its records under the layouts in force.
 */
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { ACCESS_FORMATS } from '../../parsers/access-formats.js';
import { detectFormat, envelopeOf } from '../../parsers/index.js';
import { runAggregator, throwIfNothingRead, type Aggregator, type RunOptions } from '../analyse/aggregator.js';
import type { InputSummary } from '../scan/input-summary.js';
import type { Source } from '../sources/sources.js';
import { evenRanges, readHeadLines, type ByteRange } from './byte-ranges.js';
import { runScanTask, type PlainScanOptions, type ScanTask, type TaskOutput } from './scan-task.js';
import { applyDirective, leadingHeader, sameEffect, type HeaderState } from './w3c-header.js';
import { runInWorkers, type AggregatorFactory } from './worker-pool.js';

export interface ParallelJob<Result extends { input: InputSummary }> {
  /** The aggregator, in this thread. */
  create(): Aggregator<Result>;
  /** The same aggregator, as worker threads build it. */
  factory: AggregatorFactory;
  merge(a: Result, b: Result): Result;
  /** `merge` folded over the results in order, where the job can do that faster. */
  mergeAll?(results: readonly Result[]): Result;
  /** Adds `lineOffset` to line numbers the result holds for `file` (a range counts from its start). */
  relocate?(result: Result, file: string, lineOffset: number): void;
  /**
   * The factory for `workers` worker threads reading at once, when the job shares a memory bound
   * among them (the errors report's key budget: every reader's partial meets in this thread).
   */
  inWorkers?(workers: number): AggregatorFactory;
}

export interface ParallelOptions extends RunOptions {
  /** Worker threads; 1 scans in this thread. Default: available cores. */
  threads?: number;
}

/** Below this total, thread start-up costs more than it saves, unless there are several files. */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;
/** Several files get workers from this total size. */
export const SEVERAL_FILES_MIN_BYTES = 8 * 1024 * 1024;
/** Ranges are never smaller than this. */
const MIN_RANGE_BYTES = 16 * 1024 * 1024;
/** Bytes read to detect a file's format and leading header before splitting it. */
const HEAD_BYTES = 256 * 1024;
const DETECTION_LINES = 16;

/** A file and how it is cut: one range per task, or a single whole-file task. */
export interface FilePlan {
  file: string;
  ranges?: ByteRange[];
  /** The format the ranges after the first are read as (the first detects it, as a whole file would). */
  format?: string;
  /** W3C: the header guessed in force at every range start. */
  header?: HeaderState;
}

/**
 * Formats a range can be read in without anything from before it: the built-in access-log layouts,
 * one request per line and no header, bare or in an envelope whose lines stand alone (syslog,
 * compose). (W3C needs the header in force, which each range is given; CSV its header row, JSON
 * arrays and mappings their first lines; Docker and CRI lines may continue the line before.)
 */
const HEADERLESS_SPLITTABLE = new Set(ACCESS_FORMATS.map((f) => f.name));
const headerless = (format: string): boolean => {
  const enveloped = envelopeOf(format);
  return enveloped === undefined
    ? HEADERLESS_SPLITTABLE.has(format)
    : enveloped.envelope.linesStandAlone && HEADERLESS_SPLITTABLE.has(enveloped.inner);
};
export const splittable = (format: string | undefined): format is string =>
  format === 'w3c' || (format !== undefined && headerless(format));

/** Paths of sources that are plain files on disk as resolveSources makes them; undefined when any is not (stdin, memory). */
function diskPaths(sources: readonly Source[]): { path: string; size: number }[] | undefined {
  const paths = [];
  for (const source of sources) {
    if (source.name === '-' || source.size === undefined) return undefined;
    try {
      const info = statSync(source.name);
      if (!info.isFile() || info.size !== source.size) return undefined;
    } catch {
      return undefined;
    }
    paths.push({ path: source.name, size: source.size });
  }
  return paths;
}

/** The split of one file into `parts` ranges, when it is a plain W3C or access log whose head we can read. */
export function planFile(path: string, size: number, parts: number, options: PlainScanOptions, cut = evenRanges): FilePlan {
  const whole = { file: path };
  if (parts < 2 || options.strict || path.toLowerCase().endsWith('.gz')) return whole;
  if (options.format !== undefined && !splittable(options.format)) return whole;
  const head = readHeadLines(path, HEAD_BYTES);
  // UTF-16 is re-encoded from its byte order mark on; a range starting mid-file has none to go by.
  if (head.utf16) return whole;
  const nonBlank = head.lines.filter((l) => l.trim() !== '').slice(0, DETECTION_LINES);
  // Detection must see what the single-threaded scan would see.
  if (options.format === undefined && !head.whole && nonBlank.length < DETECTION_LINES) return whole;
  const format = options.format ?? detectFormat(nonBlank, { fieldMap: options.fieldMap }).format?.name;
  if (!splittable(format)) return whole;
  const header = format === 'w3c' ? leadingHeader(head.lines) : undefined;
  // Data before the first #Fields is read with a layout inferred from the first lines, which a later range cannot see.
  if (header !== undefined && header.fields === undefined) return whole;
  const ranges = cut(path, size, parts);
  if (ranges.length < 2) return whole;
  return header !== undefined ? { file: path, ranges, format, header } : { file: path, ranges, format };
}

function tasksOf(plans: readonly FilePlan[]): ScanTask[] {
  return plans.flatMap((plan): ScanTask[] =>
    plan.ranges === undefined
      ? [{ file: plan.file }]
      : plan.ranges.map((range, i) =>
          i === 0 ? { file: plan.file, range } : { file: plan.file, range, format: plan.format, header: plan.header },
        ),
  );
}

/** The scan options a task takes, as plain data a worker thread can receive. */
export const plainOptions = (options: ParallelOptions): PlainScanOptions => ({
  format: options.format,
  fieldMap: options.fieldMap,
  localOffsetMinutes: options.localOffsetMinutes,
  timeZone: options.timeZone,
  strict: options.strict,
  maxLineBytes: options.maxLineBytes,
  allFields: options.allFields,
  filter: options.filter?.spec,
});

/** Runs planned files with `threads` workers (1: in this thread) and merges in input order. */
export async function runPlanned<Result extends { input: InputSummary }>(
  plans: readonly FilePlan[],
  job: ParallelJob<Result>,
  options: ParallelOptions,
  threads: number,
): Promise<Result> {
  if (options.filter !== undefined && options.filter.spec === undefined)
    throw new TypeError('a filter for parallel runs must come from compileFilter (it needs its spec)');
  const plain = plainOptions(options);
  const tasks = tasksOf(plans);
  let outputs: TaskOutput<Result>[] = [];
  if (threads > 1) {
    const factory = job.inWorkers?.(Math.min(threads, tasks.length)) ?? job.factory;
    const settled = await runInWorkers<Result>(tasks, factory, plain, threads, options.onBytes);
    // The first failure in input order, as a single-threaded run would have met it.
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    outputs = settled.map((s) => (s as PromiseFulfilledResult<TaskOutput<Result>>).value);
  } else {
    for (const task of tasks) outputs.push(await runScanTask(task, job.create(), plain));
  }
  let at = 0;
  const results: Result[] = [];
  for (const plan of plans) {
    const count = plan.ranges?.length ?? 1;
    const own = outputs.slice(at, at + count);
    const ownTasks = tasks.slice(at, at + count);
    at += count;
    if (plan.ranges !== undefined) await joinRanges(plan.file, own, ownTasks, job, plain);
    results.push(...own.map((o) => o.result));
  }
  const merged = job.mergeAll?.(results) ?? results.reduce((a, b) => job.merge(a, b));
  throwIfNothingRead(merged.input);
  return merged;
}

/** Checks each range's guessed header, re-scans wrong guesses, and makes the ranges' accounting read as one file. */
async function joinRanges<Result extends { input: InputSummary }>(
  file: string,
  outputs: TaskOutput<Result>[],
  tasks: ScanTask[],
  job: ParallelJob<Result>,
  options: PlainScanOptions,
): Promise<void> {
  let inForce: HeaderState = {};
  for (let i = 0; i < outputs.length; i++) {
    if (i > 0 && !sameEffect(tasks[i]!.header ?? {}, inForce, outputs[i]!.inheritedDateUsed)) {
      outputs[i] = await runScanTask({ ...tasks[i]!, header: inForce }, job.create(), options);
    }
    for (const line of [outputs[i]!.header.date, outputs[i]!.header.fields])
      if (line !== undefined) inForce = applyDirective(inForce, line);
  }
  let lineOffset = 0;
  for (const [i, { result }] of outputs.entries()) {
    const input = result.input;
    if (i > 0) {
      input.files--;
      for (const sample of input.rejectedSamples) if (sample.file === file) sample.line += lineOffset;
      job.relocate?.(result, file, lineOffset);
    }
    lineOffset += input.lines;
  }
}

/** Whether sources are worth worker threads; the paths and sizes when they are. */
export function workerInputs(
  sources: readonly Source[],
  threads: number,
  options: ParallelOptions,
): { path: string; size: number }[] | undefined {
  // Workers compile a filter from its spec; a filter without one (a library caller's own function)
  // cannot cross to them. Workers report progress (onBytes) as bytes read over all tasks.
  const filterStaysHere = options.filter !== undefined && options.filter.spec === undefined;
  if (threads < 2 || filterStaysHere || options.signal !== undefined) return undefined;
  const paths = diskPaths(sources);
  if (paths === undefined) return undefined;
  const total = paths.reduce((sum, p) => sum + p.size, 0);
  return total >= PARALLEL_MIN_BYTES || (paths.length > 1 && total >= SEVERAL_FILES_MIN_BYTES) ? paths : undefined;
}

/** Like runAggregator, on worker threads when the input is large enough to gain from them. */
export async function runParallel<Result extends { input: InputSummary }>(
  sources: readonly Source[],
  job: ParallelJob<Result>,
  options: ParallelOptions = {},
): Promise<Result> {
  const threads = options.threads ?? availableParallelism();
  const inputs = workerInputs(sources, threads, options);
  if (inputs === undefined) return runAggregator(sources, job.create(), options);
  const total = inputs.reduce((sum, p) => sum + p.size, 0);
  // Split files only as much as it takes to give every thread about an equal share.
  const share = Math.max(MIN_RANGE_BYTES, Math.ceil(total / threads));
  const plain = plainOptions(options);
  const plans = inputs.map(({ path, size }) => planFile(path, size, Math.floor(size / share + 0.5), plain));
  return runPlanned(plans, job, options, threads);
}
