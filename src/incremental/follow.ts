/**
 * Following logs as they grow (tail -F): read what is there, then every `refreshMs` look again
 * (new files in the folders given, growth, rotation: see catch-up.ts) and hand the result over
 * everything on. Polling with stat, not file system events: it works the same on every system and
 * network share, and a missed event cannot lose lines. Memory stays that of a normal run: a
 * partial result per file, never records.
 *
 * The clock, the wait and the stop signal are given by the caller, so this never touches the
 * process and tests run rounds without waiting.
 */
import { isLogtallyError } from '../errors/logtally-error.js';
import type { ParallelJob, ParallelOptions } from '../parallel/run-parallel.js';
import type { InputSummary } from '../scan/input-summary.js';
import type { Source } from '../sources/sources.js';
import { catchUp, type ReadSoFar } from './catch-up.js';
import type { FileEntry, MergedPrefix } from './state-file.js';

/** One refresh of `follow`: the result over everything read so far, and whether it is the last. */
export interface Round<Result> {
  result: Result;
  files: FileEntry<Result>[];
  prefix?: MergedPrefix<Result>;
  /** What this round read (see CatchUpResult): nothing when no file changed. */
  read: { files: number; bytes: number };
  /** The last round, after the stop signal. */
  final: boolean;
}

/** How `follow` reads on: the job, the refresh interval, the clock and sleep (injectable for tests), and the stop signal. */
export interface FollowOptions<Result extends { input: InputSummary }> {
  /** The files to read, asked again each round so new files in the folders given are picked up. */
  sources(): Promise<readonly Source[]>;
  job: ParallelJob<Result>;
  options?: ParallelOptions;
  /** Files already read (a saved state). */
  before?: ReadSoFar<Result>;
  refreshMs: number;
  /** Ends following: one last round is read and handed on as final. */
  signal: AbortSignal;
  /** Milliseconds now, for spacing rounds `refreshMs` apart whatever a round takes. */
  now(): number;
  /** Waits `ms`, or until `signal` aborts, whichever comes first; never rejects. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  onRound(round: Round<Result>): Promise<void>;
}

/**
 * A file that vanished between being listed and being read (rotation deleting the oldest), or a
 * folder briefly without logs, is not an end: the round is skipped and the next one reads on.
 */
const passing = (error: unknown): boolean => isLogtallyError(error) && (error.code === 'IO' || error.code === 'NO_INPUT');

/** Rounds until the signal aborts; resolves with the last round. */
export async function follow<Result extends { input: InputSummary }>(options: FollowOptions<Result>): Promise<Round<Result> | undefined> {
  let before: ReadSoFar<Result> = options.before ?? { files: [] };
  let last: Round<Result> | undefined;
  for (;;) {
    const started = options.now();
    const final = options.signal.aborted;
    try {
      const caught = await catchUp(await options.sources(), before, options.job, options.options);
      before = caught;
      last = {
        result: caught.result,
        files: caught.files,
        ...(caught.prefix === undefined ? {} : { prefix: caught.prefix }),
        read: caught.read,
        final,
      };
      await options.onRound(last);
    } catch (error) {
      if (!passing(error)) throw error;
      if (final && last !== undefined) {
        last = { ...last, final };
        await options.onRound(last);
      }
    }
    if (final) return last;
    const wait = options.refreshMs - (options.now() - started);
    if (wait > 0) await options.sleep(wait, options.signal);
  }
}
