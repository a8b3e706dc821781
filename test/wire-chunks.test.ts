/**
 * A worker's output written straight into UTF-8 chunks (src/parallel/wire-chunks.ts) is the text
 * encodeOutput gives, byte for byte, whatever the data and the chunk size: long tables at any
 * depth, values JSON leaves out or writes as null, own JSON forms, awkward keys, and characters
 * of 2 to 4 bytes cut at chunk ends.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dictionary } from '../parsers/lookup-table.js';
import { chunksText, encodeOutputChunks } from '../src/parallel/wire-chunks.js';
import { decodeOutput, encodeOutput } from '../src/parallel/wire-json.js';

const dict = (entries: [string, unknown][]): Record<string, unknown> => {
  const d = dictionary<unknown>();
  for (const [k, v] of entries) d[k] = v;
  return d;
};

/** Both encodings of fresh copies of the same data (each consumes its argument). */
function bothTexts(make: () => unknown, chunkBytes: number): { expected: string; chunks: Uint8Array[] } {
  return { expected: encodeOutput(make()), chunks: encodeOutputChunks(make(), chunkBytes) };
}

/** An output shaped as the errors report's: a long array of groups with nested tables, at the depths the writer splits at. */
function errorsLike(groups: number): unknown {
  return {
    result: {
      input: { lines: 10, rejectedSamples: [], notes: ['naïve — 日本 😀'], timeRange: { from: new Date(0), to: new Date(86_400_000) } },
      groups: Array.from({ length: groups }, (_, i) => ({
        time: i * 60_000,
        status: 404,
        uris: dict([
          [`/p/${i}/ü`, i],
          ['__proto__', 1],
          ['', 2],
        ]),
        clients: dict(Array.from({ length: i % 90 }, (_, j): [string, number] => [`10.0.${i}.${j}`, j + 1])),
        latency: i % 3 === 0 ? undefined : { count: 1, sum: 5, max: 5, values: [5] },
        skipped: () => 1,
        ratio: i % 7 === 0 ? Number.NaN : i / 7,
      })),
      measures: dict(Array.from({ length: 300 }, (_, i): [string, unknown] => [`/u/${i}😀`, { bytesSent: i, clients: [`c${i}`] }])),
    },
    header: { fields: '#Fields: date time' },
    list: [1, undefined, () => 2, Symbol('s'), null],
  };
}

describe('wire chunks', () => {
  it.each([4, 5, 7, 64, 4096, 1 << 20])('are the text of encodeOutput in chunks of %i bytes', (size) => {
    const { expected, chunks } = bothTexts(() => errorsLike(150), size);
    // Full but for a character that did not fit in what was left (at most 3 bytes).
    for (const chunk of chunks.slice(0, -1)) expect(chunk.byteLength).toBeGreaterThanOrEqual(size - 3);
    for (const chunk of chunks) expect(chunk.byteLength).toBeLessThanOrEqual(size);
    expect(chunks.at(-1)!.byteLength).toBeLessThanOrEqual(size);
    expect(chunksText(chunks)).toBe(expected);
    expect(Buffer.concat(chunks).equals(Buffer.from(expected, 'utf8'))).toBe(true);
  });

  it('decode to what the text decodes to', () => {
    const { expected, chunks } = bothTexts(() => errorsLike(80), 1000);
    expect(decodeOutput(chunksText(chunks))).toEqual(decodeOutput(expected));
  });

  it('are the text of encodeOutput for any JSON data, dictionaries and long arrays included', () => {
    const leaf = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object'), tie('dict')),
      array: fc.array(tie('tree'), { maxLength: 80 }),
      object: fc.dictionary(fc.string({ unit: 'binary' }), tie('tree'), { maxKeys: 6 }),
      dict: fc.array(fc.tuple(fc.string({ unit: 'binary' }), tie('tree')), { maxLength: 6 }).map((entries) => dict(entries)),
    }));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), tree, { maxKeys: 4 }), fc.integer({ min: 4, max: 40 }), (data, size) => {
        const copy = (): unknown => structuredClone(data);
        const expected = encodeOutput(copy());
        expect(chunksText(encodeOutputChunks(copy(), size))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuse chunks too small for a 4-byte character', () => {
    expect(() => encodeOutputChunks({ a: 1 }, 3)).toThrow(RangeError);
  });
});
