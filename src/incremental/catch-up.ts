/**
 * Catching up: reads only what is new since the files were last read (the bytes past where each
 * stopped, and new files), and returns the result over everything seen with the files' new state.
 *
 * Each file keeps its own partial result, and the result is their merge in input order, so it is
 * exactly the result of one run over all the text (line numbers, first examples and rejected
 * samples included). A file is recognised across runs as logrotate and IIS move files about:
 *
 * 1. by device and inode (a rename keeps them), when its text still starts with the same bytes and
 *    holds the same bytes before where reading stopped;
 * 2. else by those bytes alone, among the files not found by inode (a copy made by copytruncate, a
 *    rotated file compressed to .gz, whose decompressed text is compared);
 * 3. else it is a new file, read from its start: a file truncated or replaced under its old name is
 *    one (its old text stays counted under the old entry, or under the copy that kept it).
 *
 * Only whole lines are read from a plain file: a last line still being written waits for its
 * newline. Files that cannot be read on from the middle (CSV, JSON, UTF-16, W3C without #Fields)
 * are read again from the start when they change. A file no longer present keeps its counts.
 */
import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { emptyInputSummary } from '../scan/input-summary.js';
import { throwIfNothingRead } from '../analyse/aggregator.js';
import type { ParallelJob, ParallelOptions } from '../parallel/run-parallel.js';
import { PARALLEL_MIN_BYTES, plainOptions, SEVERAL_FILES_MIN_BYTES, splittable } from '../parallel/run-parallel.js';
import { runScanTask, type PlainScanOptions, type ScanTask, type TaskOutput } from '../parallel/scan-task.js';
import { runInWorkers } from '../parallel/worker-pool.js';
import { applyDirective, preambleOf, type HeaderState } from '../parallel/w3c-header.js';
import type { InputSummary } from '../scan/input-summary.js';
import { memorySource, type Source } from '../sources/sources.js';
import { ByteObserver, SPAN_BYTES, completeLinesEnd, continues, hashSpan, headOf, isGzipPath, isUtf16, readAt } from './fingerprint.js';
import { renameFileInPartial } from './rename.js';
import { entrySignature, type FileEntry, type MergedPrefix } from './state-file.js';
import { Stored } from './stored.js';

/** What `catchUp` returns: the result over everything seen so far and the state to keep for next time. */
export interface CatchUpResult<Result> {
  /** The result over everything read, now and before. */
  result: Result;
  /** The files' state to keep for the next run. */
  files: FileEntry<Result>[];
  /** The merged prefix to keep for the next run. */
  prefix?: MergedPrefix<Result>;
  /** What this run read: files read from (in part or whole), and bytes of text. */
  read: { files: number; bytes: number };
}

/** A file as seen now. */
interface Seen {
  path: string;
  id: string;
  gzip: boolean;
  size: number;
  mtime: string;
}

/** What to do with a file: nothing (unchanged), read on from its entry, or read from the start. */
interface Plan<Result> {
  seen: Seen;
  entry?: FileEntry<Result>;
  action: 'keep' | 'resume' | 'reread';
}

/** One read to run, and what it leaves: a byte range of a plain file, or a .gz past `skip` bytes of text. */
interface Read<Result> {
  plan: Plan<Result>;
  task: ScanTask;
  /** For a .gz: the bytes of text already read. */
  skip?: number;
  /** Read from the file's start. */
  fresh: boolean;
  utf16: boolean;
}

async function look(path: string): Promise<Seen | undefined> {
  const info = await stat(path, { bigint: true }).catch(() => undefined);
  if (info === undefined || !info.isFile()) return undefined;
  return {
    path,
    id: info.ino === 0n ? '' : `${info.dev}:${info.ino}`,
    gzip: isGzipPath(path),
    size: Number(info.size),
    mtime: info.mtimeNs.toString(),
  };
}

const unchanged = <Result>(entry: FileEntry<Result>, seen: Seen): boolean =>
  entry.gzip === seen.gzip && entry.size === seen.size && entry.mtime === seen.mtime;

/** Pairs the files now present with the entries of files read before (see the module comment). */
async function match<Result>(seen: readonly Seen[], entries: readonly FileEntry<Result>[]): Promise<Plan<Result>[]> {
  const claimed = new Set<FileEntry<Result>>();
  const plans: (Plan<Result> | undefined)[] = new Array(seen.length);
  const claim = (i: number, entry: FileEntry<Result>, action: Plan<Result>['action']) => {
    claimed.add(entry);
    plans[i] = { seen: seen[i]!, entry, action };
  };
  const byId = new Map(entries.filter((e) => e.id !== '').map((e) => [e.id, e]));
  for (const [i, file] of seen.entries()) {
    const entry = file.id === '' ? undefined : byId.get(file.id);
    // An entry that read no text has nothing to check a file against, and a deleted file's inode
    // is soon another's (a rotated file gzipped): the file is read from its start as a new one,
    // which is all continuing such an entry would do, and stays free to be recognised by content.
    if (entry === undefined || claimed.has(entry) || entry.offset === 0) continue;
    if (unchanged(entry, file)) claim(i, entry, 'keep');
    else if (await continues(file.path, file.size, entry)) claim(i, entry, entry.resumable ? 'resume' : 'reread');
  }
  const byHead = headIndex(entries.filter((e) => !claimed.has(e)));
  for (const [i, file] of seen.entries()) {
    if (plans[i] !== undefined || byHead.size === 0) continue;
    const head = await headOf(file.path);
    for (const [bytes, hashes] of byHead) {
      if (head.length < bytes) continue;
      const candidates = hashes.get(hashSpan(head.subarray(0, bytes)).hash) ?? [];
      for (const entry of candidates) {
        if (claimed.has(entry) || !(await continues(file.path, file.size, entry))) continue;
        claim(i, entry, entry.resumable ? 'resume' : 'reread');
        break;
      }
      if (plans[i] !== undefined) break;
    }
  }
  return seen.map((file, i) => plans[i] ?? { seen: file, action: 'reread' });
}

/** Entries by the length and hash of their first bytes; an entry with no text read is recognised by none. */
function headIndex<Result>(entries: readonly FileEntry<Result>[]): Map<number, Map<string, FileEntry<Result>[]>> {
  const index = new Map<number, Map<string, FileEntry<Result>[]>>();
  for (const entry of entries) {
    if (entry.head.bytes === 0) continue;
    const hashes = index.get(entry.head.bytes) ?? new Map<string, FileEntry<Result>[]>();
    index.set(entry.head.bytes, hashes);
    hashes.set(entry.head.hash, [...(hashes.get(entry.head.hash) ?? []), entry]);
  }
  return index;
}

/** The read a plan needs, or undefined when there is nothing new to read. */
async function readOf<Result>(plan: Plan<Result>): Promise<Read<Result> | undefined> {
  const { seen, entry } = plan;
  if (plan.action === 'keep') return undefined;
  const resume = plan.action === 'resume' ? entry! : undefined;
  const from: Pick<ScanTask, 'format' | 'header' | 'lineOffset'> =
    resume === undefined ? {} : { format: resume.format, header: resume.header, lineOffset: resume.lines };
  if (seen.gzip) {
    return { plan, task: { file: seen.path, ...from }, skip: resume?.offset ?? 0, fresh: resume === undefined, utf16: false };
  }
  const start = resume?.offset ?? 0;
  const utf16 = resume === undefined && isUtf16(await readAt(seen.path, 0, 2));
  // UTF-16 is decoded from its byte order mark on, so such a file is read whole, each time it changes.
  const end = utf16 ? seen.size : await completeLinesEnd(seen.path, seen.size);
  if (resume !== undefined && end <= start) return undefined;
  return { plan, task: { file: seen.path, range: { start, end }, ...from }, fresh: resume === undefined, utf16 };
}

/** A .gz's text past its first `skip` bytes, watched by `observer` from the start. */
function gunzippedFrom(path: string, skip: number, observer: ByteObserver): Source {
  async function* chunks(): AsyncGenerator<Buffer> {
    const stream = pipeline(createReadStream(path), createGunzip({ chunkSize: 1 << 20 }), () => {});
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const at = observer.total;
        observer.see(chunk);
        if (observer.total > skip) yield at >= skip ? chunk : chunk.subarray(skip - at);
      }
    } finally {
      stream.destroy();
    }
  }
  return { name: path, open: () => Readable.from(chunks(), { objectMode: false }) };
}

const plainOptionsOf = (options: ParallelOptions): PlainScanOptions => {
  if (options.filter !== undefined && options.filter.spec === undefined)
    throw new TypeError('a filter for an incremental run must come from compileFilter (it needs its spec)');
  return plainOptions(options);
};

/** Whether the plain reads are worth worker threads, by the same rule as a normal run. */
function useWorkers(reads: readonly Read<unknown>[], threads: number): boolean {
  const total = reads.reduce((sum, r) => sum + (r.task.range === undefined ? 0 : r.task.range.end - r.task.range.start), 0);
  return threads > 1 && (total >= PARALLEL_MIN_BYTES || (reads.length > 1 && total >= SEVERAL_FILES_MIN_BYTES));
}

interface Outcome<Result> {
  output: TaskOutput<Result>;
  /** For a .gz: what went by. */
  observer?: ByteObserver;
}

async function runReads<Result extends { input: InputSummary }>(
  reads: readonly Read<Result>[],
  job: ParallelJob<Result>,
  plain: PlainScanOptions,
  threads: number,
): Promise<Outcome<Result>[]> {
  const outcomes: Outcome<Result>[] = new Array(reads.length);
  const ranged = reads.flatMap((read, i) => (read.task.range !== undefined && read.task.range.end > 0 ? [i] : []));
  if (
    useWorkers(
      ranged.map((i) => reads[i]!),
      threads,
    )
  ) {
    const settled = await runInWorkers<Result>(
      ranged.map((i) => reads[i]!.task),
      job.factory,
      plain,
      threads,
    );
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    for (const [k, i] of ranged.entries()) outcomes[i] = { output: (settled[k] as PromiseFulfilledResult<TaskOutput<Result>>).value };
  }
  for (const [i, read] of reads.entries()) {
    if (outcomes[i] !== undefined) continue;
    const task = read.task;
    if (read.skip !== undefined) {
      const observer = new ByteObserver();
      const output = await runScanTask(task, job.create(), plain, undefined, gunzippedFrom(task.file, read.skip, observer));
      outcomes[i] = { output, observer };
    } else if (read.task.range!.end === 0) {
      // Nothing complete yet: the file counts as read, with no lines, as an empty file does.
      outcomes[i] = { output: await runScanTask(task, job.create(), plain, undefined, memorySource(task.file, '')) };
    } else outcomes[i] = { output: await runScanTask(task, job.create(), plain) };
  }
  return outcomes;
}

const continuedHeader = (before: HeaderState | undefined, seen: HeaderState): HeaderState => {
  let state = before ?? {};
  for (const line of [seen.date, seen.fields]) if (line !== undefined) state = applyDirective(state, line);
  return state;
};

/** The entry a read leaves; undefined for a file skipped as not a log (it is looked at again next time). */
async function entryAfter<Result extends { input: InputSummary }>(
  read: Read<Result>,
  { output, observer }: Outcome<Result>,
  job: ParallelJob<Result>,
): Promise<FileEntry<Result> | undefined> {
  const { seen } = read.plan;
  const previous = read.fresh ? undefined : read.plan.entry!;
  const segment = output.result;
  if (segment.input.skipped.length > 0) return undefined;
  let offset: number;
  let head: Buffer;
  let tail: Buffer;
  if (observer !== undefined) {
    offset = observer.total;
    head = observer.head();
    tail = observer.tail();
  } else {
    offset = read.task.range!.end;
    head = await readAt(seen.path, 0, Math.min(SPAN_BYTES, offset));
    tail = offset <= SPAN_BYTES ? head : await readAt(seen.path, offset - SPAN_BYTES, SPAN_BYTES);
  }
  let partial = segment;
  if (previous !== undefined) {
    const before = previous.partial.value;
    renameFileInPartial(before, previous.path, seen.path);
    // The same file read on: it was counted when first read.
    segment.input.files--;
    partial = job.merge(before, segment);
  }
  const format = output.format ?? previous?.format;
  const header = continuedHeader(previous?.header, output.header);
  const damaged = partial.input.damaged.length > 0;
  const resumable =
    format !== undefined && splittable(format) && !read.utf16 && !damaged && (format !== 'w3c' || header.fields !== undefined);
  return {
    path: seen.path,
    id: seen.id,
    gzip: seen.gzip,
    size: seen.size,
    mtime: seen.mtime,
    offset,
    lines: (previous?.lines ?? 0) + segment.input.lines,
    head: hashSpan(head),
    tail: hashSpan(tail),
    ...(format === undefined ? {} : { format }),
    ...(preambleOf(header).length === 0 ? {} : { header }),
    resumable,
    partial: Stored.of(partial),
  };
}

/** An entry whose file is unchanged, or grew by less than a line: under its current name and stat. */
function kept<Result extends { input: InputSummary }>(entry: FileEntry<Result>, seen: Seen): FileEntry<Result> {
  let partial = entry.partial;
  if (entry.path !== seen.path) {
    const value = partial.value;
    renameFileInPartial(value, entry.path, seen.path);
    partial = Stored.of(value);
  }
  return { ...entry, path: seen.path, id: seen.id, gzip: seen.gzip, size: seen.size, mtime: seen.mtime, partial };
}

/**
 * Merges results in order, pairwise: merging is associative, and adding neighbours in rounds
 * copies each table about log2(n) times instead of n times as a left fold does.
 */
function mergeInOrder<Result>(results: readonly Result[], merge: (a: Result, b: Result) => Result): Result {
  let round = results;
  while (round.length > 1) {
    const next: Result[] = [];
    for (let i = 0; i < round.length; i += 2) next.push(i + 1 < round.length ? merge(round[i]!, round[i + 1]!) : round[i]!);
    round = next;
  }
  return round[0]!;
}

/** A partial result in merge order; `signature` for a file's entry, absent for a file skipped as not a log. */
interface Item<Result> {
  partial: Stored<Result>;
  signature?: string;
  /** Not a file that grew in this run (a file being written): likely unchanged in the next, so worth keeping in the merged prefix. */
  settled: boolean;
}

/**
 * The merge of all items, using and renewing the merged prefix: the saved one serves while its
 * files are still the first ones, unchanged; the next covers the settled files at the start, never
 * the last one (in a folder of daily files, the one still being written).
 */
function mergeItems<Result>(
  items: readonly Item<Result>[],
  prefix: MergedPrefix<Result> | undefined,
  merge: (a: Result, b: Result) => Result,
): { result: Result; prefix?: MergedPrefix<Result> } {
  const values = (from: number, to: number) => items.slice(from, to).map((item) => item.partial.value);
  const covered =
    prefix !== undefined && prefix.covers.length <= items.length && prefix.covers.every((s, i) => items[i]!.signature === s)
      ? prefix.covers.length
      : 0;
  let settled = 0;
  while (settled < items.length - 1 && items[settled]!.settled && items[settled]!.signature !== undefined) settled++;
  const covers = items.slice(0, settled).map((item) => item.signature!);
  if (settled < covered || settled === 0) {
    const result = mergeInOrder(covered > 0 ? [prefix!.partial.value, ...values(covered, items.length)] : values(0, items.length), merge);
    return settled === 0 ? { result } : { result, prefix: { covers, partial: Stored.of(mergeInOrder(values(0, settled), merge)) } };
  }
  const next =
    settled === covered
      ? prefix!
      : { covers, partial: Stored.of(mergeInOrder([...(covered > 0 ? [prefix!.partial.value] : []), ...values(covered, settled)], merge)) };
  return { result: mergeInOrder([next.partial.value, ...values(settled, items.length)], merge), prefix: next };
}

/** What a run knows of files read before: their entries, and the merged prefix. */
export interface ReadSoFar<Result> {
  files: readonly FileEntry<Result>[];
  prefix?: MergedPrefix<Result>;
}

/**
 * Reads what is new in `sources` (files on disk) since `before`, and returns the result over
 * everything with the files' new state. `job` is the report's parallel job (analyse's reportJob,
 * errorsJob); options as for a normal run. Files read before that are no longer present keep
 * their counts.
 */
export async function catchUp<Result extends { input: InputSummary }>(
  sources: readonly Source[],
  before: ReadSoFar<Result>,
  job: ParallelJob<Result>,
  options: ParallelOptions = {},
): Promise<CatchUpResult<Result>> {
  const previous = before.files;
  const plain = plainOptionsOf(options);
  const seen = (await Promise.all(sources.map((s) => look(s.name)))).filter((s): s is Seen => s !== undefined);
  const plans = await match(seen, previous);
  const reads: Read<Result>[] = [];
  const readIndex: (number | undefined)[] = [];
  for (const plan of plans) {
    const read = await readOf(plan);
    readIndex.push(read === undefined ? undefined : reads.length);
    if (read !== undefined) reads.push(read);
  }
  const outcomes = await runReads(reads, job, plain, options.threads ?? 1);
  const claimed = new Set(plans.flatMap((p) => (p.entry === undefined ? [] : [p.entry])));
  // A file gone before any text was read from it is forgotten: an empty file has nothing to tell
  // it from any other, so it could only be counted twice when it comes back under another name.
  const gone = previous.filter((e) => !claimed.has(e) && e.offset > 0);
  const current: FileEntry<Result>[] = [];
  const items: Item<Result>[] = gone.map((e) => ({ partial: e.partial, signature: entrySignature(e), settled: true }));
  let bytes = 0;
  for (const [i, plan] of plans.entries()) {
    const r = readIndex[i];
    if (r === undefined) {
      const entry = kept(plan.entry!, plan.seen);
      current.push(entry);
      items.push({ partial: entry.partial, signature: entrySignature(entry), settled: plan.action === 'keep' });
      continue;
    }
    const read = reads[r]!;
    const outcome = outcomes[r]!;
    bytes += outcome.observer ? outcome.observer.total - (read.skip ?? 0) : read.task.range!.end - read.task.range!.start;
    const entry = await entryAfter(read, outcome, job);
    if (entry !== undefined) current.push(entry);
    items.push(
      entry === undefined
        ? { partial: Stored.of(outcome.output.result), settled: false }
        : { partial: entry.partial, signature: entrySignature(entry), settled: read.fresh },
    );
  }
  const merged = items.length === 0 ? { result: job.create().finish(emptyInputSummary()) } : mergeItems(items, before.prefix, job.merge);
  throwIfNothingRead(merged.result.input);
  return { ...merged, files: [...gone, ...current], read: { files: reads.length, bytes } };
}
