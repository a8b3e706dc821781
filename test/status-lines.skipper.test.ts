/**
 * The WebAssembly skipper (parsers/status-lines.wat) against a plain model of its rules: on any
 * bytes, it passes over exactly the lines the model does and stops where the model stops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statusLineSkipper } from '../parsers/status-lines.js';
import { runs } from './helpers/exhaustive.js';

const NEWLINE = 10;

/** The rules, written out plainly: see the comment at the top of status-lines.wat. */
function modelSkip(bytes: Buffer, from: number, end: number, values: number, statusColumn: number, maxLine: number) {
  let p = from;
  let skipped = 0;
  while (p < end) {
    const newline = bytes.indexOf(NEWLINE, p);
    const first = bytes[p]!;
    if (first <= 35 || first === 0xef || newline - p > maxLine) break;
    let e = newline;
    while (e > p && bytes[e - 1] === 13) e--;
    const columns = bytes.toString('latin1', p, e).split(' ');
    if (columns.length !== values || !/^[1-3][0-9][0-9]$/.test(columns[statusColumn]!)) break;
    skipped++;
    p = newline + 1;
  }
  return { next: p, skipped };
}

const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('200', '304', '399', '100', 'a', '/x', '-', '0') },
  { weight: 2, arbitrary: fc.constantFrom('400', '404', '500', '099', '1000', '20', '2x0', '', '#', '\t200', '200\r') },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom('a', '1', '/', ' ', '\t', '\r', '"', '#', '\u00e9', '\u0000', '\uFEFF'), maxLength: 24 }),
  },
);
/** A line of about `values` values: exactly that many most of the time, one more or less now and then. */
const line = (values: number) =>
  fc
    .tuple(fc.array(value, { minLength: values, maxLength: values }), fc.nat(7), fc.constantFrom('\n', '\r\n', '\r\r\n'))
    .map(([vs, odd, end]) => (odd === 0 ? [...vs, '1'] : odd === 1 ? vs.slice(1) : vs).join(' ') + end);
/** A layout (values, status column) and a piece of lines mostly of its shape. */
const layoutAndPiece = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.nat(7)).chain(([values, column]) =>
  fc.tuple(
    fc.constant({ values, statusColumn: column % values }),
    fc.array(line(values), { minLength: 1, maxLength: 30 }).map((lines) => Buffer.from(lines.join(''))),
  ),
);

describe('StatusLineSkipper', () => {
  it('passes over what the plain rules pass over, and stops where they stop', () => {
    const skipper = statusLineSkipper()!;
    let passedOver = 0;
    fc.assert(
      fc.property(layoutAndPiece, fc.integer({ min: 4, max: 200 }), ([layout, bytes], maxLine) => {
        const { values, statusColumn } = layout;
        expect(skipper.load(bytes, 0, bytes.length)).toBe(true);
        let pos = 0;
        while (pos < bytes.length) {
          const next = skipper.skip(pos, layout, maxLine);
          const model = modelSkip(bytes, pos, bytes.length, values, statusColumn, maxLine);
          expect({ next, skipped: skipper.skipped }).toEqual(model);
          passedOver += model.skipped;
          pos = next >= bytes.length ? next : bytes.indexOf(NEWLINE, next) + 1;
        }
      }),
      { numRuns: runs(2000, 20000) },
    );
    // The generated lines reach the skipping path, not only its stops.
    expect(passedOver).toBeGreaterThan(1000);
  });

  it('reads a piece in place inside a larger buffer, and passes over IIS lines at the status column', () => {
    const lines = [
      '2024-03-01 00:00:01 GET /a 200 0 0 15\r\n',
      '2024-03-01 00:00:02 GET /b 304 0 0 3\r\n',
      '2024-03-01 00:00:03 GET /c 404 0 2 9\r\n',
      '2024-03-01 00:00:04 GET /d 200 0 0 1\r\n',
    ];
    const bytes = Buffer.from(`junk\n${lines.join('')}more junk`);
    const start = 5;
    const end = start + Buffer.byteLength(lines.join(''));
    const skipper = statusLineSkipper()!;
    expect(skipper.load(bytes, start, end)).toBe(true);
    const layout = { values: 8, statusColumn: 4 };
    const stop = skipper.skip(start, layout, 1024);
    expect(skipper.skipped).toBe(2);
    expect(bytes.toString('latin1', stop, stop + 24)).toBe('2024-03-01 00:00:03 GET ');
    const after = bytes.indexOf(NEWLINE, stop) + 1;
    expect(skipper.skip(after, layout, 1024)).toBe(end);
    expect(skipper.skipped).toBe(1);
  });

  it('refuses a piece larger than its memory, so the caller reads it as before', () => {
    const skipper = statusLineSkipper()!;
    const big = Buffer.alloc(1 << 20, 0x61);
    expect(skipper.load(big, 0, big.length)).toBe(false);
    expect(skipper.load(big, 0, 64 * 1024)).toBe(true);
  });
});
