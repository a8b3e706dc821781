/**
 * Latency counts in buckets of 3 significant digits: every value under 2,048 in a bucket of its
 * own, then 1,024 buckets per power of two (a bucket of [2^k, 2^(k+1)) is 2^(k-10) wide), so a
 * value's bucket is within 0.1% of it. These are the buckets of an HDR histogram with 3
 * significant digits and a lowest discernible value of 1 (http://hdrhistogram.org), index for
 * index, and a percentile is taken as HDR takes it: the same numbers, without a histogram library
 * to load, a histogram object per group, or zlib to encode it.
 *
 * A recorder counts in an array indexed by bucket; merges and percentiles work on the non-empty
 * buckets only. Encoded, they are the non-empty buckets in order, each as two LEB128 varints
 * (buckets skipped since the previous one, count), in base64: a function of the counts alone, so
 * equal counts always encode alike.
 */

/** Values below this have a bucket of their own. */
export const EXACT_BELOW = 2048;
const HALF = EXACT_BELOW / 2;
/**
 * One past the largest bucket index: values up to 2^53 (a time-taken above 10^12 ms is refused,
 * scan/out-of-range.ts; a partial's values are below 2^53, partial-check.ts).
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

/**
 * The bucket of a number of milliseconds from 0 to 2^53. Recorders give whole numbers; a value from
 * a partial may have a fraction (partial-check.ts lets it), which goes in the bucket below it, as in HDR.
 */
export function bucketOf(value: number): number {
  if (value < EXACT_BELOW) return Math.floor(value);
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

/** Counts per bucket index, read-only (a recorder's array). */
export interface BucketCounts {
  readonly length: number;
  readonly [index: number]: number;
}

/** The non-empty buckets: their indexes in increasing order, and their counts. */
export interface Buckets {
  indexes: number[];
  counts: number[];
}

/** The non-empty buckets of an array of counts per bucket. */
export function bucketsOf(counts: BucketCounts): Buckets {
  const buckets: Buckets = { indexes: [], counts: [] };
  for (let i = 0; i < counts.length; i++)
    if (counts[i] !== 0) {
      buckets.indexes.push(i);
      buckets.counts.push(counts[i]!);
    }
  return buckets;
}

/** The buckets of (value, how many) pairs in any order. */
export function bucketsOfValues(pairs: readonly (readonly [number, number])[]): Buckets {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const buckets: Buckets = { indexes: [], counts: [] };
  for (const [value, n] of sorted) {
    const index = bucketOf(value);
    const last = buckets.indexes.length - 1;
    if (last >= 0 && buckets.indexes[last] === index) buckets.counts[last]! += n;
    else {
      buckets.indexes.push(index);
      buckets.counts.push(n);
    }
  }
  return buckets;
}

/**
 * The buckets of a list of values, each counted once: bucketsOfValues of (value, 1) pairs, without
 * a pair per value (a merge of an overview's 100,000 client groups made hundreds of MB of them).
 */
export function bucketsOfList(values: readonly number[]): Buckets {
  const sorted = isAscending(values) ? values : Float64Array.from(values).sort();
  const buckets: Buckets = { indexes: [], counts: [] };
  for (let i = 0; i < sorted.length; i++) {
    const index = bucketOf(sorted[i]!);
    const last = buckets.indexes.length - 1;
    if (last >= 0 && buckets.indexes[last] === index) buckets.counts[last]!++;
    else {
      buckets.indexes.push(index);
      buckets.counts.push(1);
    }
  }
  return buckets;
}

/** Whether `values` are in ascending order (equal neighbours allowed). */
export const isAscending = (values: readonly number[]): boolean => {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false;
  return true;
};

/** Both buckets' counts added, bucket by bucket. */
export function addBuckets(a: Buckets, b: Buckets): Buckets {
  const sum: Buckets = { indexes: [], counts: [] };
  let i = 0;
  let j = 0;
  while (i < a.indexes.length || j < b.indexes.length) {
    const ai = i < a.indexes.length ? a.indexes[i]! : Infinity;
    const bj = j < b.indexes.length ? b.indexes[j]! : Infinity;
    sum.indexes.push(Math.min(ai, bj));
    sum.counts.push((ai <= bj ? a.counts[i++]! : 0) + (bj <= ai ? b.counts[j++]! : 0));
  }
  return sum;
}

/** One unit in the last place of `x`, as HDR takes it to round a percentile's count. */
const ulp = (x: number): number => 2 ** (Math.floor(Math.log2(x)) - 52);

/**
 * The value at percentile `p` of `total` counted values: the largest value of the bucket that
 * holds the value of rank ceil(p% of total) (the smallest value for p = 0), as HDR's
 * getValueAtPercentile gives it.
 */
export function valueAtPercentile(buckets: Buckets, total: number, p: number): number {
  const exact = (Math.min(p, 100) / 100) * total;
  // Rounded up, but not past a count that floating point overstated by one ulp.
  const rank = Math.max(Math.ceil(exact - ulp(exact)), 1);
  const { indexes, counts } = buckets;
  let seen = 0;
  for (let i = 0; i < indexes.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return p === 0 ? lowestOf(indexes[i]!) : highestOf(indexes[i]!);
  }
  return 0;
}

/** Bytes a bucket takes at most: a gap under 2^21 (3 bytes) and a count under 2^53 (8). */
const MOST_BYTES_A_BUCKET = 11;

/** Writes `n` as a LEB128 varint at `at`; returns where the next byte goes. */
function writeVarint(bytes: Uint8Array, at: number, n: number): number {
  while (n >= 0x80) {
    bytes[at++] = (n % 0x80) | 0x80;
    n = Math.floor(n / 0x80);
  }
  bytes[at++] = n;
  return at;
}

/** The buckets in base64 (see the module's comment); empty buckets are left out. */
export function encodeBuckets(buckets: Buckets): string {
  const { indexes, counts } = buckets;
  const bytes = Buffer.allocUnsafe(indexes.length * MOST_BYTES_A_BUCKET);
  let at = 0;
  let previous = -1;
  for (let i = 0; i < indexes.length; i++) {
    if (counts[i] === 0) continue;
    // Most gaps and many counts take one byte: written here, as the call would cost more than the
    // byte in code that runs once per group, mostly before it is optimised.
    const gap = indexes[i]! - previous - 1;
    if (gap < 0x80) bytes[at++] = gap;
    else at = writeVarint(bytes, at, gap);
    const n = counts[i]!;
    if (n < 0x80) bytes[at++] = n;
    else at = writeVarint(bytes, at, n);
    previous = indexes[i]!;
  }
  return bytes.toString('base64', 0, at);
}

/**
 * The non-empty buckets of an encoding, or undefined when the text is no encoding of counts. One
 * loop without calls: it runs once per group as a report is merged, mostly before it is optimised.
 */
export function readBuckets(text: string): Buckets | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return undefined;
  const indexes: number[] = [];
  const counts: number[] = [];
  let index = -1;
  let skipped = -1;
  let n = 0;
  let scale = 1;
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at]!;
    n += (byte & 0x7f) * scale;
    if (byte >= 0x80) {
      scale *= 0x80;
      // Past 2^53 a number is no longer exact.
      if (scale > 2 ** 49) return undefined;
      continue;
    }
    if (skipped < 0) skipped = n;
    else {
      index += skipped + 1;
      if (n === 0 || !Number.isSafeInteger(n) || index >= BUCKETS_END) return undefined;
      indexes.push(index);
      counts.push(n);
      skipped = -1;
    }
    n = 0;
    scale = 1;
  }
  // A varint cut off, or a bucket without its count.
  return scale === 1 && skipped < 0 ? { indexes, counts } : undefined;
}
