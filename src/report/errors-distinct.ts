/**
 * Distinct clients per error group: an exact set while small, then HyperLogLog. HLL with 2^12
 * registers has a standard error of 1.04/√4096 ≈ 1.6%, costs 4 KiB per group, and merges by taking
 * the larger register, so partial reports combine.
 */

export const HLL_BITS = 12;
const REGISTERS = 1 << HLL_BITS;
/** Bytes of a HyperLogLog's registers, as partials carry them in base64 (dense form). */
export const HLL_BYTES = REGISTERS;
/** The largest rank: 1 + the hash bits left after the register index. */
const MAX_RANK = 32 - HLL_BITS + 1;
/** Set registers up to which the encoding is sparse: 3 bytes each, so always shorter than dense. */
const SPARSE_ENCODED_MAX = Math.floor((HLL_BYTES - 1) / 3);
export const DISTINCT_ACCURACY = 'exact up to 10,000 clients per group, then HyperLogLog with 4,096 registers (standard error about 1.6%)';

/** FNV-1a then murmur3's finaliser: FNV alone mixes the low bits poorly for similar IPs. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 2^-rank for every rank a register holds: estimates run once per group, mostly before they are optimised. */
const INVERSE_POWERS = Float64Array.from({ length: MAX_RANK + 1 }, (_, rank) => 2 ** -rank);

/** Dense registers' set ones as register << 5 | rank, in register order; undefined when too many for the sparse encoding. */
function denseSetRegisters(dense: Uint8Array): Uint32Array | undefined {
  let count = 0;
  for (let i = 0; i < REGISTERS; i++) if (dense[i] !== 0) count++;
  if (count > SPARSE_ENCODED_MAX) return undefined;
  const set = new Uint32Array(count);
  let at = 0;
  for (let i = 0; i < REGISTERS; i++) if (dense[i] !== 0) set[at++] = (i << 5) | dense[i]!;
  return set;
}

/**
 * Registers set, past which the sparse form turns dense: its table (twice as many slots, 4 bytes
 * each) would then be larger than the 4 KiB of dense registers.
 */
const SPARSE_MAX = REGISTERS / 4;
/** Slots of a new sparse table: 64 bytes, which V8 keeps on its heap with the object. */
const SPARSE_START = 16;

/**
 * HyperLogLog registers, sparse while few are set: a group with a few dozen clients holds an open
 * addressed table of (register + 1) << 5 | rank, 4 bytes a slot, instead of 4 KiB (an errors time
 * series over a high-cardinality log held 7,000 of them, 28 MB of one worker's 83). The registers,
 * and so every estimate and encoding, are the same in both forms.
 */
export class HyperLogLog {
  private dense?: Uint8Array;
  private sparse?: Uint32Array;
  private sparseSet = 0;

  constructor(registers?: Uint8Array) {
    if (registers !== undefined) this.dense = registers;
    else this.sparse = new Uint32Array(SPARSE_START);
  }

  /** The registers, dense (the sparse form is turned dense for good). */
  get registers(): Uint8Array {
    return this.densify();
  }

  add(text: string): void {
    this.addHash(hash32(text));
  }

  /** Adds a client by its hash32, as `add` would add the client (column-lines.wat hashes it so). */
  addHash(h: number): void {
    const index = h >>> (32 - HLL_BITS);
    // Rank: position of the first 1 bit in the remaining 20 bits (1-based), 21 when all are 0.
    const rest = (h << HLL_BITS) >>> 0;
    const rank = rest === 0 ? MAX_RANK : Math.clz32(rest) + 1;
    this.raise(index, rank);
  }

  private raise(index: number, rank: number): void {
    const dense = this.dense;
    if (dense !== undefined) {
      if (rank > dense[index]!) dense[index] = rank;
      return;
    }
    const table = this.sparse!;
    const mask = table.length - 1;
    const tag = (index + 1) << 5;
    // The register index is the hash's top bits, already spread: linear probing from it.
    for (let slot = index & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot]!;
      if (entry === 0) {
        table[slot] = tag | rank;
        if (++this.sparseSet * 2 > table.length) this.grow();
        return;
      }
      if ((entry & ~31) === tag) {
        if (rank > (entry & 31)) table[slot] = tag | rank;
        return;
      }
    }
  }

  /** Doubles the sparse table, or turns dense past SPARSE_MAX registers set. */
  private grow(): void {
    const old = this.sparse!;
    if (this.sparseSet > SPARSE_MAX) {
      this.densify();
      return;
    }
    this.sparse = new Uint32Array(old.length * 2);
    this.sparseSet = 0;
    for (const entry of old) if (entry !== 0) this.raise((entry >>> 5) - 1, entry & 31);
  }

  private densify(): Uint8Array {
    this.dense ??= this.densified();
    this.sparse = undefined;
    return this.dense;
  }

  merge(other: HyperLogLog): void {
    if (other.sparse !== undefined) {
      for (const entry of other.sparse) if (entry !== 0) this.raise((entry >>> 5) - 1, entry & 31);
      return;
    }
    const theirs = other.dense!;
    const registers = this.densify();
    for (let i = 0; i < REGISTERS; i++) if (theirs[i]! > registers[i]!) registers[i] = theirs[i]!;
  }

  estimate(): number {
    // Register by register in order, as the dense form is summed, so that both give the same sum;
    // a sparse form is walked without making it dense (4 KB for each of thousands of groups).
    const dense = this.dense;
    const set = dense === undefined ? this.setRegisters() : undefined;
    let sum = 0;
    let zeros = 0;
    for (let i = 0, next = 0; i < REGISTERS; i++) {
      let r = 0;
      if (dense !== undefined) r = dense[i]!;
      else if (next < set!.length && set![next]! >>> 5 === i) r = set![next++]! & 31;
      sum += INVERSE_POWERS[r]!;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / REGISTERS);
    const raw = (alpha * REGISTERS * REGISTERS) / sum;
    // Small cardinalities: linear counting is more accurate (Flajolet et al. 2007).
    if (raw <= 2.5 * REGISTERS && zeros > 0) return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    return Math.round(raw);
  }

  /** The registers as dense, this one left in its form (a copy when sparse). */
  private densified(): Uint8Array {
    if (this.dense !== undefined) return this.dense;
    const dense = new Uint8Array(REGISTERS);
    for (const entry of this.sparse!) if (entry !== 0) dense[(entry >>> 5) - 1] = entry & 31;
    return dense;
  }

  /**
   * The registers in base64: dense (HLL_BYTES bytes, one a register) when more than
   * SPARSE_ENCODED_MAX are set or none is, else sparse (3 bytes a set register, in register
   * order: register << 5 | rank, big-endian). The form follows from the registers alone, so equal
   * registers always encode alike; a group of 37 clients is 148 characters instead of 5,464.
   */
  toBase64(): string {
    // A sparse table's registers are listed from it: making them dense first cost 4 KB a group
    // (30 MB for the 7,000 groups of a worker's errors time series, as it finished).
    const set = this.dense === undefined ? this.setRegisters() : denseSetRegisters(this.dense);
    if (set === undefined || set.length === 0 || set.length > SPARSE_ENCODED_MAX) return Buffer.from(this.densified()).toString('base64');
    const bytes = Buffer.alloc(set.length * 3);
    let at = 0;
    for (const entry of set) {
      bytes[at++] = entry >>> 16;
      bytes[at++] = (entry >>> 8) & 0xff;
      bytes[at++] = entry & 0xff;
    }
    return bytes.toString('base64');
  }

  /** The sparse table's set registers as register << 5 | rank, in register order. */
  private setRegisters(): Uint32Array {
    const set = new Uint32Array(this.sparseSet);
    let at = 0;
    for (const entry of this.sparse!) if (entry !== 0) set[at++] = (((entry >>> 5) - 1) << 5) | (entry & 31);
    return set.sort();
  }

  /** Registers from toBase64's text, dense or sparse; undefined when it is neither (a damaged partial). */
  static decode(text: string): HyperLogLog | undefined {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length === HLL_BYTES) return new HyperLogLog(new Uint8Array(bytes));
    if (bytes.length === 0 || bytes.length % 3 !== 0 || bytes.length / 3 > SPARSE_ENCODED_MAX) return undefined;
    const hll = new HyperLogLog();
    let previous = -1;
    for (let at = 0; at < bytes.length; at += 3) {
      const entry = (bytes[at]! << 16) | (bytes[at + 1]! << 8) | bytes[at + 2]!;
      const index = entry >>> 5;
      const rank = entry & 31;
      if (index <= previous || index >= REGISTERS || rank === 0 || rank > MAX_RANK) return undefined;
      previous = index;
      hll.raise(index, rank);
    }
    return hll;
  }

  static fromBase64(text: string): HyperLogLog {
    const hll = HyperLogLog.decode(text);
    if (hll === undefined) throw new RangeError('not HyperLogLog registers in base64');
    return hll;
  }

  static of(keys: Iterable<string>): HyperLogLog {
    const hll = new HyperLogLog();
    for (const key of keys) hll.add(key);
    return hll;
  }
}
