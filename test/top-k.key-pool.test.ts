/**
 * KeyPool: one copy of a key for many tables while keys come back; where they do not (millions of
 * distinct clients), a pool that filled with keys found less than half the time stops pooling.
 * Either way every copy equals its key and shares no memory with the text it was cut from.
 */
import { describe, expect, it } from 'vitest';
import { KeyPool } from '../src/report/top-k.js';

const ip = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

describe('KeyPool', () => {
  it('keeps pooling keys that come back, past its limit', () => {
    const pool = new KeyPool(100);
    // 150 distinct keys, each looked up 5 times in a row: 4 of every 5 lookups find their key.
    for (let i = 0; i < 150; i++) for (let n = 0; n < 5; n++) expect(pool.copy(ip(i))).toBe(ip(i));
    expect(pool.sharing).toBe(true);
  });

  it('stops pooling once it filled with keys it found less than half the time', () => {
    const pool = new KeyPool(100);
    for (let i = 0; i < 100; i++) pool.copy(ip(i));
    for (let i = 0; i < 40; i++) pool.copy(ip(i)); // 40 found
    expect(pool.sharing).toBe(true);
    pool.copy(ip(1000)); // the 101st key: full, and 40 < 100 lookups found theirs
    expect(pool.sharing).toBe(false);
    for (let i = 0; i < 300; i++) expect(pool.copy(ip(5000 + i))).toBe(ip(5000 + i));
    expect(pool.sharing).toBe(false);
  });

  it('gives a copy equal to a slice of a larger text, in either state', () => {
    const text = `2024-01-01 00:00:00 ${ip(7)} GET /a 200`;
    const slice = text.slice(20, 20 + ip(7).length);
    const pooling = new KeyPool(10);
    const stopped = new KeyPool(1);
    stopped.copy('a');
    stopped.copy('b'); // full after one key, none found: stops
    expect(stopped.sharing).toBe(false);
    expect(pooling.copy(slice)).toBe(ip(7));
    expect(stopped.copy(slice)).toBe(ip(7));
  });
});
