/**
 * HyperLogLog's sparse form (few registers set) and sparse encoding: the registers, estimates and
 * merges are those of plain dense registers, computed here on their own from the documented hash
 * (FNV-1a, then murmur3's finaliser; 4,096 registers; rank of the low 20 bits).
 */
import { describe, expect, it } from 'vitest';
import { HLL_BYTES, HyperLogLog } from '../src/report/errors-distinct.js';

function referenceRegisters(keys: Iterable<string>): Uint8Array {
  const registers = new Uint8Array(4096);
  for (const key of keys) {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    h >>>= 0;
    const low = (h & 0xfffff) >>> 0;
    let rank = 1;
    for (let bit = 19; bit >= 0 && ((low >>> bit) & 1) === 0; bit--) rank++;
    const index = h >>> 20;
    if (rank > registers[index]!) registers[index] = rank;
  }
  return registers;
}

const clients = (n: number, prefix = 'c'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}.${(i * 7919) % 1000}`);
const setRegisters = (r: Uint8Array): number => r.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);

describe('HyperLogLog, sparse while few registers are set', () => {
  it('holds the registers dense registers hold, for sizes on both sides of every switch', () => {
    for (const n of [1, 5, 37, 200, 600, 1200, 2000, 5000, 30000]) {
      const keys = clients(n);
      expect(HyperLogLog.of(keys).registers, `${n} clients`).toEqual(referenceRegisters(keys));
    }
  });

  it('encodes 3 bytes a set register while that is shorter, else the 4,096 registers', () => {
    const few = clients(37);
    const text = HyperLogLog.of(few).toBase64();
    const reference = referenceRegisters(few);
    expect(Buffer.from(text, 'base64').length).toBe(3 * setRegisters(reference));
    const many = clients(5000);
    expect(setRegisters(referenceRegisters(many))).toBeGreaterThan(1365);
    expect(Buffer.from(HyperLogLog.of(many).toBase64(), 'base64')).toEqual(Buffer.from(referenceRegisters(many)));
    expect(Buffer.from(new HyperLogLog().toBase64(), 'base64').length).toBe(HLL_BYTES);
  });

  it('encodes and estimates from the sparse form exactly as from the same registers dense', () => {
    const referenceText = (registers: Uint8Array): string => {
      const set = [...registers.keys()].filter((i) => registers[i]! > 0);
      if (set.length === 0 || set.length > 1365) return Buffer.from(registers).toString('base64');
      return Buffer.from(
        set.flatMap((i) => [
          ((i << 5) | registers[i]!) >>> 16,
          (((i << 5) | registers[i]!) >>> 8) & 0xff,
          ((i << 5) | registers[i]!) & 0xff,
        ]),
      ).toString('base64');
    };
    for (const n of [0, 1, 2, 37, 300, 800, 1300, 1700, 5000]) {
      const keys = clients(n, 'e');
      const reference = referenceRegisters(keys);
      const sparse = HyperLogLog.of(keys);
      const dense = new HyperLogLog(new Uint8Array(reference));
      expect(sparse.toBase64(), `${n} clients`).toBe(referenceText(reference));
      expect(dense.toBase64(), `${n} clients, dense`).toBe(referenceText(reference));
      expect(sparse.estimate(), `${n} clients`).toBe(dense.estimate());
    }
  });

  it('decodes both forms, and dense encodings as earlier versions wrote them', () => {
    for (const n of [3, 900, 4000]) {
      const keys = clients(n);
      const reference = referenceRegisters(keys);
      expect(HyperLogLog.fromBase64(HyperLogLog.of(keys).toBase64()).registers).toEqual(reference);
      expect(HyperLogLog.fromBase64(Buffer.from(reference).toString('base64')).registers).toEqual(reference);
    }
  });

  it('refuses text that is neither form', () => {
    const entry = (index: number, rank: number): number[] => [
      (index << 5) >>> 16,
      ((index << 5) >>> 8) & 0xff,
      ((index << 5) | rank) & 0xff,
    ];
    const bad = [
      Buffer.alloc(4), // not 3 bytes an entry
      Buffer.from([...entry(9, 2), ...entry(3, 1)]), // registers out of order
      Buffer.from(entry(5, 0)), // rank 0 is no register set
      Buffer.from(entry(5, 22)), // above the largest rank
    ];
    for (const bytes of bad) expect(HyperLogLog.decode(bytes.toString('base64'))).toBeUndefined();
    expect(HyperLogLog.decode(Buffer.from(entry(5, 21)).toString('base64'))?.registers[5]).toBe(21);
  });

  it('merges sparse into sparse, sparse into dense and dense into sparse as the union', () => {
    const a = clients(300, 'a');
    const b = clients(3000, 'b');
    const union = referenceRegisters([...a, ...b]);
    const sparseDense = HyperLogLog.of(a);
    sparseDense.merge(HyperLogLog.of(b));
    const denseSparse = HyperLogLog.of(b);
    denseSparse.merge(HyperLogLog.of(a));
    const sparseSparse = HyperLogLog.of(a.slice(0, 100));
    sparseSparse.merge(HyperLogLog.of(a.slice(100)));
    expect(sparseDense.registers).toEqual(union);
    expect(denseSparse.registers).toEqual(union);
    expect(sparseSparse.registers).toEqual(referenceRegisters(a));
    expect(sparseDense.estimate()).toBe(denseSparse.estimate());
  });
});
