/**
 * Bounded counting for tables whose keys can run into millions (URIs, clients, user agents).
 * Exact until a table holds `maxKeys` keys; past that it is Space-Saving (Metwally, Agrawal,
 * El Abbadi 2005) with pruning in batches: when the map reaches twice the cap, only the `maxKeys`
 * largest counts are kept (ties at the cut-off in arrival order) and `floor` rises to the largest
 * count dropped. A key that (re-)enters starts at `floor`, so every count over-states its key's
 * true count by at most `floor`, never under-states it, and any key left out occurred at most
 * `floor` times. Batching keeps the cost amortised O(1) per new key instead of a scan for the
 * minimum on every one.
 */
import { dictionary } from '../../parsers/lookup-table.js';

import { LogtallyError } from '../errors/logtally-error.js';
export const DEFAULT_MAX_KEYS = 100_000;

/**
 * Groups of a `report --by` table kept exactly by default (docs/memory.md): a group carries its
 * measures (bytes, clients, latency), about 250 bytes live in a reader and 600 as report data, so
 * 100,000 of them per worker thread, and two workers' partials in the merging thread, were most of
 * a gigabyte on 2M distinct URIs. Past the cap the table is Space-Saving as any other, marked.
 */
export const DEFAULT_MAX_GROUPS = 20_000;

/** The cap of a `--by` groups table: `maxGroups` when given, else the default or `maxKeys` if smaller. */
export const groupCap = (maxKeys: number = DEFAULT_MAX_KEYS, maxGroups?: number): number =>
  maxGroups ?? Math.min(maxKeys, DEFAULT_MAX_GROUPS);

/**
 * Longest key a table keeps, in UTF-16 code units; a longer one is cut there and ends in
 * KEY_CUT_MARK, so keys that differ only past this point are counted together. Bounds a table's
 * bytes, not just its keys: 250,000 distinct 8 KB URIs were 5 GB of keys.
 */
export const MAX_KEY_CHARS = 512;
export const KEY_CUT_MARK = '…';
export const KEY_CUT_NOTE = `values longer than ${MAX_KEY_CHARS} characters (URIs, clients, user agents …) are counted by their first ${MAX_KEY_CHARS} characters, shown ending in ${KEY_CUT_MARK}`;

/** `key` cut to MAX_KEY_CHARS with the mark, never between the halves of a surrogate pair. */
export function cutKey(key: string): string {
  let end = MAX_KEY_CHARS;
  const last = key.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return key.slice(0, end) + KEY_CUT_MARK;
}

/** A capped table as reports store it: counts, and the most any count may exceed the truth by. */
export interface BoundedTable {
  counts: Record<string, number>;
  /** 0 when the table is exact. */
  maxError: number;
}

/**
 * Map size, as a multiple of the cap, that triggers pruning back to the cap: a table holds at most
 * 1.25 × its cap between prunes (2 × cost a high-cardinality `report --by uri` worker 200,000
 * groups and 200,000 error URIs), and a prune, linear in the map, comes every quarter of the cap of
 * new keys: about five moves per new key, amortised.
 */
export const PRUNE_FACTOR = 1.25;

/**
 * A copy of `key` that shares no memory with it. Keys are often slices of a decoded chunk, and V8
 * keeps a slice's whole parent string alive: the errors report's few thousand client keys from
 * different chunks held the entire input text (441 MB peak on 2M lines). Copied once, on entry.
 */
export const detached = (key: string): string => (' ' + key).slice(1);

/**
 * One copy of each key for many tables: an errors report holds a URI and a client table per
 * group, and the same client or URI sits in hundreds of them (10M lines over 30 days: 400,000
 * keys, a few thousand distinct, each its own copy of 40 to 90 bytes). Holds at most `limit`
 * keys, then starts again (tables keep the copies they have), so its own cost is bounded.
 *
 * Where keys do not come back (millions of distinct clients and URIs), a pool shares nothing and
 * costs a lookup and an insertion per key: a tenth of a worker's time on a 30-day series over 2M
 * distinct clients. So a pool that filled while fewer than half its lookups found a key stops
 * pooling, and each table copies its own keys from then on.
 */
export class KeyPool {
  private held = new Map<string, string>();
  /** Lookups that found their key since the pool last started. */
  private found = 0;
  private pooling = true;

  constructor(private readonly limit = 50_000) {}

  readonly copy = (key: string): string => {
    if (!this.pooling) return detached(key);
    const held = this.held.get(key);
    if (held !== undefined) {
      this.found++;
      return held;
    }
    const copy = detached(key);
    if (this.held.size >= this.limit) this.restart();
    if (this.pooling) this.held.set(copy, copy);
    return copy;
  };

  /** Whether keys are still shared. */
  get sharing(): boolean {
    return this.pooling;
  }

  /** Full: `limit` lookups found nothing since the last start, `found` found their key. */
  private restart(): void {
    this.pooling = this.found >= this.limit;
    this.held = new Map();
    this.found = 0;
  }
}

/** Slots a table's counts start with once it has a map, and never shrink below. */
const MIN_SLOTS = 16;
/** A prune keeping a quarter of the keys or fewer makes the table again at its new size. */
const CUT_FAR = 4;
/**
 * Keys a table holds in two short arrays, found by comparing, before it makes a map. Most tables
 * of an errors time series over many clients hold a handful of keys (the key budget cuts them to
 * that), and a Map with a Float64Array of counts costs about 800 bytes however few it holds: about
 * 12 of a worker's 47 MB of live heap and typed arrays on a 30-day high-cardinality series.
 */
const FEW_KEYS = 8;
/** The map and counts of every table without a map yet (never written: makeMap gives a table its own). */
const NO_SLOTS = new Map<string, number>();
const EMPTY_COUNTS = new Float64Array(0);

export class BoundedCounter {
  /** While the table holds at most FEW_KEYS keys: its keys and counts, in the order they came. */
  private fewKeys: string[] | undefined = [];
  private fewCounts: number[] = [];
  /**
   * Past FEW_KEYS: each key's slot in `counts`, in the order the keys came (slots are kept in that
   * order too). A count lives in the array, not in the map, so counting a key seen before is one
   * map lookup, not a lookup and a store: the errors report's per-group tables spent a tenth of a
   * run there.
   */
  private slots = NO_SLOTS;
  private counts = EMPTY_COUNTS;
  private floor = 0;
  private pruned = false;
  /** Keys cut to MAX_KEY_CHARS (counted once per time they were added). */
  keysCut = 0;

  /**
   * @param cutLongKeys false for keys the caller cuts itself (joined group keys, cut per value).
   * @param copyKey makes the table's own copy of a new key (a KeyPool's, to share copies).
   */
  constructor(
    private readonly maxKeys: number = DEFAULT_MAX_KEYS,
    private readonly cutLongKeys = true,
    private readonly copyKey: (key: string) => string = detached,
  ) {
    // A caller's option, so a LogtallyError: a RangeError would read as a bug in logtally.
    if (!(maxKeys >= 1)) throw new LogtallyError('USAGE', `maxKeys must be at least 1, got ${maxKeys}`);
  }

  /** Counts `key` `n` times; true when the table did not hold it (it was new, or had been pruned). */
  add(key: string, n = 1): boolean {
    if (key.length > MAX_KEY_CHARS && this.cutLongKeys) {
      key = cutKey(key);
      this.keysCut += n;
    }
    const few = this.fewKeys;
    if (few !== undefined) {
      for (let i = 0; i < few.length; i++) {
        if (few[i] === key) {
          this.fewCounts[i]! += n;
          return false;
        }
      }
    } else {
      const slot = this.slots.get(key);
      if (slot !== undefined) {
        this.counts[slot]! += n;
        return false;
      }
    }
    this.append(this.copyKey(key), this.floor + n);
    if (this.size >= this.maxKeys * PRUNE_FACTOR) this.prune();
    return true;
  }

  /** A key not held yet, with its count. */
  private append(key: string, count: number): void {
    const few = this.fewKeys;
    if (few !== undefined && few.length < FEW_KEYS) {
      few.push(key);
      this.fewCounts.push(count);
      return;
    }
    if (few !== undefined) this.makeMap();
    const slot = this.slots.size;
    if (slot === this.counts.length) {
      const wider = new Float64Array(Math.max(MIN_SLOTS, slot * 2));
      wider.set(this.counts);
      this.counts = wider;
    }
    this.counts[slot] = count;
    this.slots.set(key, slot);
  }

  /** From the short arrays to a map and counts, the keys in the same order. */
  private makeMap(): void {
    const few = this.fewKeys!;
    this.counts = new Float64Array(Math.max(MIN_SLOTS, few.length * 2));
    this.slots = new Map();
    for (let i = 0; i < few.length; i++) {
      this.slots.set(few[i]!, i);
      this.counts[i] = this.fewCounts[i]!;
    }
    this.fewKeys = undefined;
    this.fewCounts = [];
  }

  /** Adds `n` to `key`'s count, or holds it with `start + n`. */
  private addTo(key: string, start: number, n: number): void {
    const few = this.fewKeys;
    if (few !== undefined) {
      const at = few.indexOf(key);
      if (at >= 0) this.fewCounts[at]! += n;
      else this.append(key, start + n);
      return;
    }
    const slot = this.slots.get(key);
    if (slot === undefined) this.append(key, start + n);
    else this.counts[slot]! += n;
  }

  /** Every key held with its count, in the order the keys came. */
  private forEachCount(visit: (key: string, count: number) => void): void {
    const few = this.fewKeys;
    if (few !== undefined) for (let i = 0; i < few.length; i++) visit(few[i]!, this.fewCounts[i]!);
    else for (const [key, slot] of this.slots) visit(key, this.counts[slot]!);
  }

  /** A counter holding the sum of tables, as a merge needs; pruned later if the union is over the cap. */
  static from(tables: readonly BoundedTable[], maxKeys: number): BoundedCounter {
    const counter = new BoundedCounter(maxKeys);
    const floor = tables.reduce((sum, t) => sum + t.maxError, 0);
    // A table that does not list a key may still have seen it up to its maxError times: a key
    // starts at every table's bound, and each table that lists it swaps its bound for its count.
    // One pass over each table's own keys: a lookup per key in every other table was most of a
    // merge of large partials, and finds inherited names (`toString`) in a plain object.
    for (const table of tables) {
      const own = table.counts;
      for (const key of Object.keys(own)) counter.addTo(key, floor, own[key]! - table.maxError);
    }
    counter.floor = floor;
    counter.pruned = floor > 0;
    return counter;
  }

  /** Keys held now. */
  get size(): number {
    return this.fewKeys?.length ?? this.slots.size;
  }

  /**
   * Keeps only the `keep` largest counts now (a caller's memory budget across many counters):
   * the table stays within its bound, which may rise, as after any prune.
   */
  shrinkTo(keep: number): void {
    if (keep >= 1 && this.size > keep) this.prune(keep);
  }

  /** Keys held now, in the order they came. */
  keys(): IterableIterator<string> {
    return this.fewKeys?.values() ?? this.slots.keys();
  }

  /**
   * Adds `other` into this counter: the counts `BoundedCounter.from([this.toTable(), other.toTable()])`
   * holds, kept in place (no tables built: widening a time series merged thousands of groups).
   * `other` is left pruned and must not be used again.
   */
  absorb(other: BoundedCounter): void {
    if (this.size > this.maxKeys) this.prune();
    if (other.size > other.maxKeys) other.prune();
    const ownError = this.pruned ? this.floor : 0;
    const otherError = other.pruned ? other.floor : 0;
    // As in `from`: a key one side does not list may have been seen there up to that side's bound.
    if (otherError > 0) {
      if (this.fewKeys !== undefined) for (let i = 0; i < this.fewCounts.length; i++) this.fewCounts[i]! += otherError;
      else for (let slot = 0; slot < this.slots.size; slot++) this.counts[slot]! += otherError;
    }
    other.forEachCount((key, count) => this.addTo(key, ownError + otherError, count - otherError));
    this.floor = ownError + otherError;
    this.pruned = this.floor > 0;
    this.keysCut += other.keysCut;
  }

  toTable(): BoundedTable {
    if (this.size > this.maxKeys) this.prune();
    // A null-prototype object is a dictionary from the start. Object.fromEntries adds keys one
    // hidden class at a time, and thousands of tables with their own keys (an errors time series)
    // cost seconds and hundreds of MB of hidden classes.
    const counts = dictionary<number>();
    this.forEachCount((key, count) => {
      counts[key] = count;
    });
    return { counts, maxError: this.pruned ? this.floor : 0 };
  }

  /**
   * Keeps the `maxKeys` largest counts. The cut-off count is found by selection, not a sort, so a
   * prune is linear in the table's size; keys tied at the cut-off are kept in the order they came.
   */
  private prune(keep = this.maxKeys): void {
    const held = this.size;
    const all = new Float64Array(held);
    let at = 0;
    this.forEachCount((_, count) => {
      all[at++] = count;
    });
    const cutoff = kthLargest(all, keep);
    let tiesKept = keep;
    for (let i = 0; i < held; i++) if (all[i]! > cutoff) tiesKept--;
    const isKept = (count: number): boolean => count > cutoff || (count === cutoff && tiesKept-- > 0);
    const dropped = (count: number): void => {
      if (count > this.floor) this.floor = count;
    };
    this.pruned = true;
    if (this.fewKeys !== undefined) {
      this.pruneFew(isKept, dropped);
      return;
    }
    // A table cut to a few keys goes back to short arrays; one cut far below its size is made
    // again at its new size, its counts' array included, which never shrinks as keys are dropped.
    if (keep <= FEW_KEYS || held >= CUT_FAR * keep) {
      const keys: string[] = [];
      const counts: number[] = [];
      this.forEachCount((key, count) => {
        if (isKept(count)) {
          keys.push(key);
          counts.push(count);
        } else dropped(count);
      });
      this.fewKeys = [];
      this.fewCounts = [];
      this.slots = NO_SLOTS;
      this.counts = EMPTY_COUNTS;
      for (let i = 0; i < keys.length; i++) this.append(keys[i]!, counts[i]!);
      return;
    }
    // Kept keys move down to the first slots, in the order they came.
    let next = 0;
    for (const [key, slot] of this.slots) {
      const count = this.counts[slot]!;
      if (isKept(count)) {
        this.counts[next] = count;
        this.slots.set(key, next++);
        continue;
      }
      this.slots.delete(key);
      dropped(count);
    }
  }

  private pruneFew(isKept: (count: number) => boolean, dropped: (count: number) => void): void {
    const keys = this.fewKeys!;
    const counts = this.fewCounts;
    let next = 0;
    for (let i = 0; i < keys.length; i++) {
      const count = counts[i]!;
      if (!isKept(count)) {
        dropped(count);
        continue;
      }
      keys[next] = keys[i]!;
      counts[next++] = count;
    }
    keys.length = next;
    counts.length = next;
  }
}

/** The k-th largest value (1-based) of `values`, which it reorders: Hoare's quickselect. */
export function kthLargest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  const target = k - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else return values[target]!;
  }
  return values[target]!;
}

/** Adds tables that may each be capped; exact while the union fits in `maxKeys`. */
export function mergeBoundedTables(tables: readonly BoundedTable[], maxKeys: number): BoundedTable {
  return (tables.every((t) => t.maxError === 0) && exactSum(tables, maxKeys)) || BoundedCounter.from(tables, maxKeys).toTable();
}

/**
 * Exact tables added key by key, their keys in the order BoundedCounter.from lists them; undefined
 * once the union passes `maxKeys` (a prune then decides what stays, and the keys added so far, at
 * most `maxKeys`, were added for nothing). The same table as `from` gives,
 * built straight into the result. A merge runs once per run, so its code runs cold: the URI and
 * client tables of a 2M-line errors report's two partials took 30 ms through the counter's slots
 * and closures, 13 ms here (the run's whole merge 69 → 47 ms).
 */
function exactSum(tables: readonly BoundedTable[], maxKeys: number): BoundedTable | undefined {
  const counts = dictionary<number>();
  let size = 0;
  for (const table of tables) {
    const own = table.counts;
    for (const key of Object.keys(own)) {
      const before = counts[key];
      if (before !== undefined) counts[key] = before + own[key]!;
      else if (++size > maxKeys) return undefined;
      else counts[key] = own[key]!;
    }
  }
  return { counts, maxError: 0 };
}
