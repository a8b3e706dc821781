/**
 * Latency counts in buckets of 3 significant digits: every value under 2,048 in a bucket of its
 * own, then 1,024 buckets per power of two (a bucket of [2^k, 2^(k+1)) is 2^(k-10) wide), so a
 * value's bucket is within 0.1% of it. These are the buckets of an HDR histogram with 3
 * significant digits and a lowest discernible value of 1 (http://hdrhistogram.org), index for
 * index, and a percentile is taken as HDR takes it: the same numbers, without a histogram library
 * to load, a histogram object per group, or zlib to encode it.
 *
 * Counts are a plain array indexed by bucket; encoded, they are the non-empty buckets in order, each
 * as two LEB128 varints (buckets skipped since the previous one, count), in base64: a function of
 * the counts alone, so equal counts always encode alike.
 */

/** Values below this have a bucket of their own. */
export const EXACT_BELOW = 2048;
const HALF = EXACT_BELOW / 2;
/**
 * One past the largest bucket index: values up to 2^53 (time-taken is refused above 10^12 ms,
 * scan/time-taken; a merged partial adds counts, never values).
 */
export const BUCKETS_END = (53 - 10) * HALF + EXACT_BELOW;

/** The power of two a bucket of `value` (≥ EXACT_BELOW) is wide: floor(log2(value)) - 10. */
function shiftOf(value: number): number {
  if (value < 2 ** 31) return 31 - Math.clz32(value) - 10;
  let shift = Math.floor(Math.log2(value)) - 10;
  // Math.log2 may round across a power of two for values this large.
  if (value < 2 ** (shift + 10)) shift--;
  else if (value >= 2 ** (shift + 11)) shift++;
  return shift;
}

/** The bucket of a whole number of milliseconds from 0 to 2^53. */
export function bucketOf(value: number): number {
  if (value < EXACT_BELOW) return value;
  const shift = shiftOf(value);
  return shift * HALF + Math.floor(value / 2 ** shift);
}

/** How wide bucket `index` is, as a power of two. */
const widthShift = (index: number): number => (index < EXACT_BELOW ? 0 : Math.floor(index / HALF) - 1);

/** The smallest value bucket `index` holds. */
export function lowestOf(index: number): number {
  if (index < EXACT_BELOW) return index;
  const shift = widthShift(index);
  return (index - shift * HALF) * 2 ** shift;
}

/** The largest value bucket `index` holds. */
export const highestOf = (index: number): number => lowestOf(index) + 2 ** widthShift(index) - 1;

/** Counts per bucket, read-only. */
export interface BucketCounts {
  readonly length: number;
  readonly [index: number]: number;
}

/** One unit in the last place of `x`, as HDR takes it to round a percentile's count. */
const ulp = (x: number): number => 2 ** (Math.floor(Math.log2(x)) - 52);

/**
 * The value at percentile `p` of `total` counted values: the largest value of the bucket that
 * holds the value of rank ceil(p% of total) (the smallest value for p = 0), as HDR's
 * getValueAtPercentile gives it.
 */
export function valueAtPercentile(counts: BucketCounts, total: number, p: number): number {
  const exact = (Math.min(p, 100) / 100) * total;
  // Rounded up, but not past a count that floating point overstated by one ulp.
  const rank = Math.max(Math.ceil(exact - ulp(exact)), 1);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return p === 0 ? lowestOf(i) : highestOf(i);
  }
  return 0;
}

function pushVarint(bytes: number[], n: number): void {
  while (n >= 0x80) {
    bytes.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  bytes.push(n);
}

/** The non-empty buckets of `counts` in base64 (see the module's comment). */
export function encodeBuckets(counts: BucketCounts): string {
  const bytes: number[] = [];
  let previous = -1;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n === 0) continue;
    pushVarint(bytes, i - previous - 1);
    pushVarint(bytes, n);
    previous = i;
  }
  return Buffer.from(bytes).toString('base64');
}

/** Calls `each` with every non-empty bucket of an encoding and its count; false when the text is no encoding of counts. */
export function eachBucket(text: string, each: (index: number, count: number) => void): boolean {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return false;
  let at = 0;
  /** The next varint, or -1 past the end or where it would pass 2^53. */
  const varint = (): number => {
    let n = 0;
    for (let scale = 1; at < bytes.length && scale <= 2 ** 49; scale *= 0x80) {
      const byte = bytes[at++]!;
      n += (byte & 0x7f) * scale;
      if (byte < 0x80) return n;
    }
    return -1;
  };
  let index = -1;
  while (at < bytes.length) {
    const skipped = varint();
    const count = varint();
    index += skipped + 1;
    if (skipped < 0 || count <= 0 || !Number.isSafeInteger(count) || index >= BUCKETS_END) return false;
    each(index, count);
  }
  return true;
}

/** The counts of an encoding as an array, or undefined when the text is no encoding of counts. */
export function decodeBuckets(text: string): number[] | undefined {
  const counts: number[] = [];
  const ok = eachBucket(text, (index, count) => {
    while (counts.length < index) counts.push(0);
    counts.push(count);
  });
  return ok ? counts : undefined;
}
