/**
 * Glob filters are matched without backtracking: the same answers as the RegExp reading of a glob
 * (`*` → `.*`, `?` → `.`, case-insensitive) on random patterns and texts, and patterns that make a
 * backtracking matcher run for minutes finish (the test timeout catches a hang; no timing asserted).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob } from '../src/filter/glob-match.js';
import { runInProcess } from './cli-run.js';

/** The reference: a glob as a regular expression, which backtracks but is obviously right. */
const reference = (glob: string, text: string): boolean =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
    'i',
  ).test(text);

describe('glob filters in linear time', () => {
  it('agree with the RegExp reading on random patterns and texts', () => {
    const pattern = fc.string({ unit: fc.constantFrom('a', 'B', 'b', '/', '.', '*', '?'), maxLength: 10 });
    const text = fc.string({ unit: fc.constantFrom('a', 'A', 'b', '/', '.'), maxLength: 14 });
    fc.assert(
      fc.property(pattern, text, (glob, t) => compileGlob(glob).test(t) === reference(glob, t)),
      { numRuns: 5000 },
    );
  });

  it('agree on texts built to match: the pattern with its stars and ? filled in', () => {
    const piece = fc.string({ unit: fc.constantFrom('a', 'b', '/'), maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, piece), { minLength: 1, maxLength: 5 }), fc.boolean(), (pairs, upper) => {
        const glob = pairs.map(([p]) => p).join('*');
        const text = pairs.map(([p, fill]) => p + fill).join('');
        const t = upper ? text.toUpperCase() : text;
        return compileGlob(glob).test(t) === reference(glob, t);
      }),
      { numRuns: 2000 },
    );
  });

  it("'*a*a*a*b' against 3,000 a's finishes: no match", () => {
    expect(compileGlob('*a*a*a*b').test('a'.repeat(3000))).toBe(false);
    expect(compileGlob('*a*a*a*b').test(`${'a'.repeat(3000)}b`)).toBe(true);
  });

  it("--uri '*/a*/a*/a*.php' on a 2,100-character URI through the CLI", async () => {
    const uri = `/${'a/'.repeat(1050)}`;
    const input = `#Fields: date time cs-uri-stem sc-status\n2025-01-01 10:00:00 ${uri} 404\n2025-01-01 10:00:01 /x/a/a/a.php 404\n`;
    const result = await runInProcess(['report', '-', '--uri', '*/a*/a*/a*.php', '--format', 'json'], { input });
    const summary = (JSON.parse(result.stdout) as { input: { records: number; filteredOut: number } }).input;
    expect([summary.records, summary.filteredOut]).toEqual([2, 1]);
  });

  it("--uri '*a*a*a*a*a*b' on a URI of 3,000 a's through the CLI", async () => {
    const input = `#Fields: date time cs-uri-stem sc-status\n2025-01-01 10:00:00 /${'a'.repeat(3000)} 404\n`;
    const result = await runInProcess(['report', '-', '--uri', '*a*a*a*a*a*b', '--format', 'json'], { input });
    expect((JSON.parse(result.stdout) as { input: { filteredOut: number } }).input.filteredOut).toBe(1);
  });
});
