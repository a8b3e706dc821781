/**
 * Two depths of the same tests. `npm test` runs every behaviour on a sample, so it stays fast;
 * `npm run test:full` (LOGTALLY_TEST_FULL=1, which CI also runs) runs the exhaustive loops: every
 * split point, every chunk size, the big property runs and the huge folders.
 */
export const FULL = process.env.LOGTALLY_TEST_FULL === '1';

/**
 * The integers from `from` up to (not including) `to`: all of them in a full run; in a quick run
 * about `quick` of them, always with both ends, spaced by a step that drifts through every
 * position of a line rather than landing on the same column each time.
 */
export function range(from: number, to: number, quick: number): number[] {
  const all = Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  if (FULL || all.length <= quick) return all;
  const step = (all.length - 1) / (quick - 1);
  return [...new Set(Array.from({ length: quick }, (_, i) => all[Math.round(i * step)]!))];
}

/** A count for loops and property runs: `full` in a full run, `quick` otherwise. */
export const runs = (quick: number, full: number): number => (FULL ? full : quick);
