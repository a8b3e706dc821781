/**
 * Body rows are laid out by logtally (cli-table3 is too slow for 60,000-row tables): they must be
 * exactly what cli-table3 itself would draw.
 */
import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { renderTextTable } from '../src/render/text-table.js';

describe('table layout', () => {
  it('matches cli-table3 exactly for the same cells', () => {
    const rows = [
      ['/api/orders', 1200, 0.5],
      ['/', 3, 0.0012],
      ['/a/very/long/path/that/is/long', 45, 0.25],
    ];
    const ours = renderTextTable(
      {
        id: 't',
        title: 'T',
        columns: [
          { name: 'uri', kind: 'text' },
          { name: 'count', kind: 'integer' },
          { name: 'share', kind: 'share' },
        ],
        rows,
        omitted: 0,
      },
      { width: 200, color: false },
    );
    const theirs = new Table({
      head: ['uri', 'count', 'share'],
      style: { head: [], border: [], compact: true },
      colAligns: ['left', 'right', 'right'],
    });
    theirs.push(['/api/orders', '1,200', '50.0%'], ['/', '3', '0.1%'], ['/a/very/long/path/that/is/long', '45', '25.0%']);
    expect(ours).toBe(`T\n${theirs.toString()}\n`);
  });

  it('draws a 20,000-row table whole, one line per row', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`/p/${i}`, i]);
    const out = renderTextTable(
      {
        id: 't',
        title: 'T',
        columns: [
          { name: 'uri', kind: 'text' },
          { name: 'count', kind: 'integer' },
        ],
        rows,
        omitted: 0,
      },
      { width: 80, color: false },
    );
    expect(out.split('\n')).toHaveLength(20_000 + 6);
  });

  it('colours status cells by class on a colour terminal, without changing the layout', () => {
    const table = {
      id: 't',
      title: 'T',
      columns: [
        { name: 'status', kind: 'integer' as const },
        { name: 'count', kind: 'integer' as const },
      ],
      rows: [
        [200, 5],
        [404, 3],
        [503, 1],
      ],
      omitted: 0,
    };
    const plain = renderTextTable(table, { width: 80, color: false });
    const coloured = renderTextTable(table, { width: 80, color: true });
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
    expect(coloured).toContain('\u001b[31m   503\u001b[39m');
    expect(coloured).toContain('\u001b[33m   404\u001b[39m');
    expect(plain).not.toContain('\u001b');
  });
});
