/**
 * The default report's overview (top URIs, top clients, slowest URIs, bots) comes from a sample of
 * lines once the input is large. Reading the URI, client, bytes, time-taken and user agent of every
 * record, and counting them in tables, takes about 1.8 times the CPU of
 * the rest of the report (docs/benchmarks.md). A sample of about EXACT_OVERVIEW_BYTES worth of
 * lines (some 25,000 IIS lines) bounds that work whatever the input's size (what the default report
 * still pays for it is in docs/benchmarks.md), and gives shares to about ±0.2 points for a URI of
 * 10% of the requests (one standard error). `report --overview` counts
 * every line.
 *
 * Which lines: a hash of where each line starts in its file (bytes), so a line is in the sample or
 * not whatever the threads, the byte ranges a file is cut into, or the runs that read it; counts
 * of sampled lines stand for `oneIn` lines each (weights), so partials still add up exactly.
 */

/** Inputs up to this size (the files' sizes on disk) are counted line by line; larger ones are sampled down to about this much. */
export const EXACT_OVERVIEW_BYTES = 4 * 1024 * 1024;
/** The sparsest sample: one line in this many (a power of two), from 512 MB of input on. */
export const MAX_SAMPLE_RATE = 128;

/**
 * One line in how many is in the overview's sample: 1 (every line) up to EXACT_OVERVIEW_BYTES or
 * when a size is unknown (stdin), else the power of two that brings the input down to about
 * EXACT_OVERVIEW_BYTES, at most MAX_SAMPLE_RATE.
 */
export function overviewSampleRate(sizes: readonly (number | undefined)[]): number {
  let total = 0;
  for (const size of sizes) {
    if (size === undefined) return 1;
    total += size;
  }
  let oneIn = 1;
  while (oneIn < MAX_SAMPLE_RATE && total > EXACT_OVERVIEW_BYTES * oneIn) oneIn *= 2;
  return oneIn;
}

/**
 * Whether the line starting at byte `offset` of its file is in a 1-in-`oneIn` sample. The offset
 * is mixed (murmur3's finaliser) so that neighbouring lines, and lines a fixed length apart, fall
 * in or out independently.
 */
export function overviewSample(oneIn: number): (offset: number) => boolean {
  if (!Number.isInteger(Math.log2(oneIn)) || oneIn < 1) throw new RangeError(`sample rate must be a power of two, got ${oneIn}`);
  const mask = oneIn - 1;
  return (offset) => {
    let h = (offset >>> 0) ^ Math.imul((offset / 4294967296) >>> 0, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return ((h ^ (h >>> 16)) & mask) === 0;
  };
}
