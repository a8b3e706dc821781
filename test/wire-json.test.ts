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
    const asJson = JSON.stringify(output);
    // Encoding consumes its argument (dictionaries replaced in place), so the text is taken first.
    expect(JSON.stringify(decodeOutput(encodeOutput(output)))).toBe(asJson);
  });

  it('keeps the own __proto__ key of a plain object as data, both ways, and writes undefined as JSON does', () => {
    const plain = JSON.parse('{"__proto__": {"polluted": true}, "n": 1}') as Record<string, unknown>;
    const output = { plain, list: [1, undefined, dict([['k', undefined]])], gone: undefined };
    const back = decodeOutput<{ plain: Record<string, unknown>; list: unknown[] }>(encodeOutput(output));
    expect(Object.getPrototypeOf(back.plain)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(back.plain)).toEqual(['__proto__', 'n']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(back.list[1]).toBeNull();
    expect(Object.keys(back.list[2] as object)).toEqual([]);
    expect('gone' in back).toBe(false);
  });
});
