/**
 * A share is never rounded into a falsehood: a few errors among many requests are not "0.0%" in a
 * table nor 0 in JSON, and the rest of the traffic is not "100.0%".
 */
import { describe, expect, it } from 'vitest';
import { renderTextTable } from '../src/render/text-table.js';
import { shareOf, type TableData } from '../src/report/table-data.js';

const classes = (rows: [string, number][], total: number): TableData => ({
  id: 'classes',
  title: 'Status classes',
  columns: [
    { name: 'class', kind: 'text' },
    { name: 'count', kind: 'integer' },
    { name: 'share', kind: 'share' },
  ],
  rows: rows.map(([name, count]) => [name, count, shareOf(count, total)]),
  omitted: 0,
});

const shareCells = (text: string): string[] =>
  text
    .split('\n')
    .filter((line) => /^│ \dxx/.test(line))
    .map((line) => line.split('│')[3]!.trim());

describe('small shares', () => {
  it('shareOf keeps a non-zero count above 0, and rounds the rest to 4 places', () => {
    expect(shareOf(30, 1_000_000)).toBe(0.00003);
    expect(shareOf(3, 39_774)).toBe(0.0001);
    expect(shareOf(2, 7)).toBe(0.2857);
    expect(shareOf(0, 7)).toBe(0);
    expect(shareOf(1, 0)).toBe(0);
  });

  it('tables show <0.1% and >99.9% where one decimal would round to 0.0% or 100.0%', () => {
    const out = renderTextTable(
      classes(
        [
          ['2xx', 39_771],
          ['5xx', 3],
          ['4xx', 0],
        ],
        39_774,
      ),
      { width: 80, color: false },
    );
    expect(shareCells(out)).toEqual(['>99.9%', '<0.1%', '0.0%']);
  });

  it('tables keep exact 100.0% and ordinary shares as they are', () => {
    expect(shareCells(renderTextTable(classes([['2xx', 7]], 7), { width: 80, color: false }))).toEqual(['100.0%']);
    expect(
      shareCells(
        renderTextTable(
          classes(
            [
              ['2xx', 5],
              ['4xx', 2],
            ],
            7,
          ),
          { width: 80, color: false },
        ),
      ),
    ).toEqual(['71.4%', '28.6%']);
  });
});
