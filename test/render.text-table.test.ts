/** Terminal tables: fit the width with an ellipsis, colour only when asked, log text made inert. */
import { describe, expect, it } from 'vitest';
import { renderTextTable } from '../src/render/text-table.js';
import { useColor } from '../src/cli/output.js';
import type { TableData } from '../src/report/table-data.js';

const table: TableData = {
  id: 'uris',
  title: 'URIs',
  columns: [
    { name: 'uri', kind: 'text' },
    { name: 'count', kind: 'integer' },
  ],
  rows: [
    [`/very/long/${'segment/'.repeat(20)}end`, 12345],
    ['/\u001b[2Jclear', 1],
  ],
  omitted: 0,
};

describe('text tables', () => {
  it('fit the given width, cutting long text with an ellipsis and never numbers', () => {
    const out = renderTextTable(table, { width: 60, color: false });
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(out).toContain('…');
    expect(out).toContain('12,345');
  });

  it('escape control characters and use no ANSI codes without colour', () => {
    const out = renderTextTable(table, { width: 120, color: false });
    expect(out).not.toMatch(/\u001b/);
    expect(out).toContain('\\x1b[2J');
  });

  it('colour only on a TTY and never with NO_COLOR', () => {
    expect(useColor(true, {})).toBe(true);
    expect(useColor(false, {})).toBe(false);
    expect(useColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(true, { TERM: 'dumb' })).toBe(false);
  });
});

describe('the rows --top left out', () => {
  const cut = (omitted: number): string => renderTextTable({ ...table, omitted }, { width: 120, color: false });

  it('are counted under the table, one row in the singular', () => {
    expect(cut(1)).toContain('… 1 more row (use --top 0 for all)');
    expect(cut(1234)).toContain('… 1,234 more rows (use --top 0 for all)');
    expect(cut(0)).not.toContain('more row');
  });
});
