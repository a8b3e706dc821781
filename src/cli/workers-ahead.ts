/**
 * How many scan workers the bin starts before it has read its command line properly
 * (parallel/warm-workers.ts): a guess from the raw arguments that is right for the common case, a
 * report or errors run over large plain files, and errs towards none. A wrong guess costs little:
 * a worker not taken is stopped with the process, after some CPU time on an otherwise idle core;
 * one missing is started when needed, as without the guess.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { PARALLEL_MIN_BYTES } from '../parallel/warm-workers.js';

/** Commands that scan logs with worker threads (through parallel/worker-pool.ts). */
const SCANNING_COMMANDS = new Set(['report', 'errors']);
/** Options after which the run reads no local file with scan workers, or in one thread. */
const NO_SCAN_WORKERS = new Set(['--from', '--state', '--follow', '--strict', '--help', '-h']);

/** The workers to start ahead for `argv` (the arguments after the bin's name): 0 unless sure enough. */
export function scanWorkersAhead(argv: readonly string[], cores = availableParallelism()): number {
  if (!SCANNING_COMMANDS.has(argv[0] ?? '')) return 0;
  let threads = cores;
  let bytes = 0;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
    if (NO_SCAN_WORKERS.has(name!) || arg === '-') return 0;
    if (name === '--threads') {
      threads = Number(inline ?? argv[++i]);
      continue;
    }
    if (!arg.startsWith('-')) bytes += plainFileBytes(arg);
  }
  return Number.isInteger(threads) && threads >= 2 && bytes >= PARALLEL_MIN_BYTES ? threads : 0;
}

/** The size of `path` when it is a plain (not gzip) file; 0 for anything else (an option's value, a folder, a glob). */
function plainFileBytes(path: string): number {
  if (path.toLowerCase().endsWith('.gz')) return 0;
  try {
    const info = statSync(path);
    return info.isFile() ? info.size : 0;
  } catch {
    return 0;
  }
}
