/**
 * A task's output crosses threads as JSON with its dictionaries as flat arrays: what arrives is
 * what was sent, dictionaries again null-prototype, keys in their order, awkward keys kept.
 */
import { describe, expect, it } from 'vitest';
import { dictionary } from '../parsers/lookup-table.js';
import { decodeOutput, encodeOutput } from '../src/parallel/wire-json.js';

const dict = (entries: [string, unknown][]): Record<string, unknown> => {
  const d = dictionary<unknown>();
  for (const [k, v] of entries) d[k] = v;
  return d;
};

describe('wire JSON between threads', () => {
  it('gives back nested dictionaries as dictionaries, with their keys in order', () => {
    const uris = dict([
      ['/b', 2],
      ['__proto__', 3],
      ['constructor', 4],
      ['', 5],
      ['10', 6],
      ['/ü\u0001x', 7],
    ]);
    const output = { result: { groups: dict([['g1', { count: 1, uris, latency: { values: [1, 2] } }]]), by: ['uri'] }, lines: 3 };
    const back = decodeOutput<typeof output>(encodeOutput(output));
    const group = back.result.groups.g1 as { count: number; uris: Record<string, number>; latency: unknown };
    expect(Object.getPrototypeOf(back.result.groups)).toBeNull();
    expect(Object.getPrototypeOf(group.uris)).toBeNull();
    expect(Object.getPrototypeOf(group)).toBe(Object.prototype);
    // Integer-like keys come first in any object, here as in the one sent.
    expect(Object.keys(group.uris)).toEqual(Object.keys(uris));
    expect(Object.entries(group.uris)).toEqual(Object.entries(uris));
    expect(group.latency).toEqual({ values: [1, 2] });
    expect(back.result.by).toEqual(['uri']);
    expect(back.lines).toBe(3);
  });

  it('reads as plain JSON would, apart from the prototype: same text when written again', () => {
    const output = {
      a: dict([
        ['x', undefined],
        ['y', null],
        ['z', dict([])],
      ]),
      b: [dict([['k', 1]])],
      c: 'text',
    };
    expect(JSON.stringify(decodeOutput(encodeOutput(output)))).toBe(JSON.stringify(output));
  });
});
