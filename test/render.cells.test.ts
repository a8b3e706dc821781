/** Widths in terminal cells, and cutting and wrapping that never splits a character or a token. */
import { describe, expect, it } from 'vitest';
import { cellWidth, cutEnd, cutStart, fitCell } from '../src/render/cells.js';
import { fitColumns } from '../src/render/fit-columns.js';
import { wrapTokens } from '../src/render/wrap.js';

describe('cells', () => {
  it('count wide characters as 2 and combining marks as 0', () => {
    expect(cellWidth('abc')).toBe(3);
    expect(cellWidth('日本語')).toBe(6);
    expect(cellWidth('ｆｕｌｌ')).toBe(8);
    expect(cellWidth('e\u0301')).toBe(1);
    expect(cellWidth('👍')).toBe(2);
    expect(cellWidth('👍🏽')).toBe(2);
    expect(cellWidth('👨‍👩‍👧')).toBe(2);
    expect(cellWidth('🇯🇵')).toBe(2);
    expect(cellWidth('❤️')).toBe(2);
    expect(cellWidth('a\u200bb')).toBe(2);
  });

  it('cut to a cell count with an ellipsis, never inside a character', () => {
    expect(cutEnd('/a/long/path', 6)).toBe('/a/lo…');
    expect(cutEnd('日本語日本語', 6)).toBe('日本…');
    expect(cellWidth(cutEnd('日本語日本語', 6))).toBe(5);
    expect(cutEnd('e\u0301e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301…');
    expect(cutStart('D:/logs/W3SVC1/u_ex1.log', 12)).toBe('…1/u_ex1.log');
    expect(cutEnd('short', 10)).toBe('short');
    expect(fitCell('日本語日本語', 6, 'left')).toBe('日本… ');
    expect(fitCell('12', 4, 'right')).toBe('  12');
  });

  it('wrap tokens with a hanging indent, cutting only a token wider than a line', () => {
    expect(wrapTokens('Input: ', ['1 file,', '18 lines =', '14 records', '+ 4 directives'], '  ', 30)).toEqual(['Input: 1 file, 18 lines =', '  14 records + 4 directives']);
    expect(wrapTokens('x: ', ['a'.repeat(40)], '   ', 20)).toEqual([`x: ${'a'.repeat(16)}…`]);
  });
});

describe('fitColumns', () => {
  const columns = [
    { name: 'code', header: 4, values: [9], cuttable: false },
    { name: 'count', header: 5, values: [5], cuttable: false },
    { name: 'seen', header: 4, values: [20, 19, 16, 11], cuttable: false },
    { name: 'clients', header: 7, values: [3], cuttable: false },
    { name: 'meaning', header: 7, values: [70], cuttable: true },
  ];

  it('cuts text first, then compacts times, then hides what the table says matters least', () => {
    expect(fitColumns(columns, 100, ['clients'])).toMatchObject({ timeStyle: 0, hidden: [], widths: [9, 5, 20, 7, 43] });
    expect(fitColumns(columns, 70, ['clients'])).toMatchObject({ timeStyle: 3, hidden: [], widths: [9, 5, 11, 7, 22] });
    // Hiding clients makes room for a fuller time again.
    expect(fitColumns(columns, 65, ['clients'])).toMatchObject({ timeStyle: 2, hidden: ['clients'], widths: [9, 5, 16, 0, 22] });
  });

  it('never cuts numbers or identifiers, and never hides the first column or count', () => {
    const fit = fitColumns(columns, 20, ['clients']);
    expect(fit.widths[0]).toBe(9);
    expect(fit.widths[1]).toBe(5);
    expect(fit.hidden).not.toContain('code');
    expect(fit.hidden).not.toContain('count');
  });
});
