/** Rejected-line excerpts: short, safe anywhere, and never half a character. */
import { describe, expect, it } from 'vitest';
import { excerptOf } from '../src/scan/input-summary.js';

describe('excerptOf', () => {
  it('cuts long lines at 120 characters with an ellipsis', () => {
    expect(excerptOf('x'.repeat(300))).toBe(`${'x'.repeat(120)}…`);
    expect(excerptOf('short line')).toBe('short line');
  });

  it('does not split a surrogate pair at the cut', () => {
    const line = `${'a'.repeat(119)}😀${'b'.repeat(10)}`;
    const excerpt = excerptOf(line);
    expect(excerpt).toBe(`${'a'.repeat(119)}…`);
    expect(excerpt.isWellFormed()).toBe(true);
  });

  it('replaces control characters so an excerpt cannot drive a terminal', () => {
    expect(excerptOf('GET /\u001b[31mred\u0007')).toBe('GET /\uFFFD[31mred\uFFFD');
  });
});
