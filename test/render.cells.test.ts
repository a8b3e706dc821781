/** Widths in terminal cells, and cutting and wrapping that never splits a character or a token. */
import fc from 'fast-check';
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

  it('Latin text with accents and dashes (every decoded meaning) is one cell per character', () => {
    expect(cellWidth('Not Found — the file is not there (404.0)')).toBe(41);
    expect(cellWidth('Zugriff verweigert – Übersicht é ñ ø')).toBe(36);
    expect(cutEnd('Forbidden — access denied', 12)).toBe('Forbidden —…');
    expect(cutStart('…/Übersicht/café.log', 9)).toBe('…café.log');
  });

  it('the fast path for such text agrees with grapheme segmenting, mixed with marks, wide and emoji', () => {
    const pieces = [
      'a',
      'Z',
      ' ',
      '—',
      'é',
      'ñ',
      'Ü',
      'ß',
      '€',
      '\u0301',
      '\u200d',
      '日',
      'ｶ',
      'Ａ',
      '👍',
      '🏽',
      '❤',
      '\ufe0f',
      '한',
      '\u1161',
      'क',
      '\u093e',
      '©',
    ];
    // Independent oracle: every grapheme cluster is 2 cells if it holds a wide character or emoji, 0 if only marks, else 1.
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const oracle = (text: string): number =>
      Array.from(segmenter.segment(text), ({ segment }) => {
        if (/^[\p{Mn}\p{Me}\p{Cf}]+$/u.test(segment)) return 0;
        if (
          /\p{Emoji_Presentation}|\ufe0f/u.test(segment) ||
          /^[\u1100-\u115f\u3041-\u33ff\u4e00-\u9fff\uac00-\ud7a3\uff00-\uff60]/u.test(segment)
        )
          return 2;
        return 1;
      }).reduce<number>((a, b) => a + b, 0);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(cellWidth(text)).toBe(oracle(text));
      }),
      { numRuns: 2000 },
    );
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
    expect(wrapTokens('Input: ', ['1 file,', '18 lines =', '14 records', '+ 4 directives'], '  ', 30)).toEqual([
      'Input: 1 file, 18 lines =',
      '  14 records + 4 directives',
    ]);
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
