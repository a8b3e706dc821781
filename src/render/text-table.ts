/**
 * Terminal tables with cli-table3. Every cell goes through the terminal sanitiser; long text is cut
 * with an ellipsis so a table fits the width it is given.
 */
import Table from 'cli-table3';
import type { InputSummary } from '../input-summary.js';
import { forTerminal } from '../sanitize.js';
import type { Cell, Column, TableData } from '../report/table-data.js';

export interface TextOptions {
  /** Terminal width in columns. */
  width: number;
  color: boolean;
}

const integerFormat = new Intl.NumberFormat('en-US');

function formatCell(cell: Cell, column: Column): string {
  if (cell === null) return '-';
  if (typeof cell === 'number') {
    if (column.kind === 'share') return `${(cell * 100).toFixed(1)}%`;
    if (column.kind === 'integer' && column.name === 'count') return integerFormat.format(cell);
    return String(cell);
  }
  return forTerminal(cell);
}

const truncate = (text: string, width: number): string => (text.length <= width ? text : `${text.slice(0, Math.max(1, width - 1))}…`);

/** Shrinks the widest text columns until the table fits; numbers are never cut. */
function fitWidths(header: string[], body: string[][], columns: Column[], width: number): number[] {
  const widths = header.map((h, i) => body.reduce((max, row) => Math.max(max, row[i]!.length), h.length));
  // cli-table3 draws a border and one space of padding on each side of every cell.
  const chrome = columns.length * 3 + 1;
  let excess = widths.reduce((a, b) => a + b, 0) + chrome - width;
  while (excess > 0) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (columns[i]!.kind === 'text' && w > 8 && (widest === -1 || w > widths[widest]!)) widest = i;
    });
    if (widest === -1) break;
    const cut = Math.min(excess, widths[widest]! - 8);
    widths[widest]! -= cut;
    excess -= cut;
  }
  return widths;
}

/**
 * cli-table3 draws the frame (borders, header) from fixed column widths; body rows are laid out
 * here with the same characters, because cli-table3's own row layout costs ~170 µs a row and grows
 * worse than linearly, which made `--top 0` over 60,000 URIs take minutes.
 */
function frame(header: string[], widths: number[], aligns: ('left' | 'right')[], color: boolean): { top: string[]; bottom: string } {
  const out = new Table({
    head: header,
    colWidths: widths.map((w) => w + 2),
    wordWrap: false,
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [], compact: true },
    colAligns: aligns,
  });
  out.push(widths.map(() => ''));
  const lines = out.toString().split('\n');
  return { top: lines.slice(0, -2), bottom: lines.at(-1)! };
}

/** SGR colours by the class a status, class or code cell starts with: 2xx green … 5xx red. */
const CLASS_COLOURS: Record<string, number> = { '1': 37, '2': 32, '3': 36, '4': 33, '5': 31 };
const COLOURED_COLUMNS = new Set(['status', 'class', 'code']);

function colourCell(text: string): string {
  const colour = /^[1-5]\d\d|^[1-5]xx/.test(text.trimStart()) ? CLASS_COLOURS[text.trimStart()[0]!] : undefined;
  return colour === undefined ? text : `\u001b[${colour}m${text}\u001b[39m`;
}

function bodyRow(cells: string[], widths: number[], aligns: ('left' | 'right')[], bar: string, coloured: readonly boolean[]): string {
  let line = bar;
  for (let i = 0; i < cells.length; i++) {
    const text = cells[i]!;
    const padded = aligns[i] === 'left' ? text.padEnd(widths[i]!) : text.padStart(widths[i]!);
    line += ` ${coloured[i] ? colourCell(padded) : padded} ${bar}`;
  }
  return line;
}

export function renderTextTable(table: TableData, options: TextOptions): string {
  const header = table.columns.map((c) => c.name);
  const body = table.rows.map((row) => row.map((cell, i) => formatCell(cell, table.columns[i]!)));
  const widths = fitWidths(header, body, table.columns, options.width);
  const aligns = table.columns.map((c) => (c.kind === 'text' || c.kind === 'time' ? 'left' : 'right'));
  const { top, bottom } = frame(header, widths, aligns, options.color);
  const bar = options.color ? '\u001b[90m│\u001b[39m' : '│';
  // Colour only after padding, so escape codes never count towards a column's width.
  const coloured = table.columns.map((c) => options.color && COLOURED_COLUMNS.has(c.name));
  const rows = body.map((row) => bodyRow(row.map((text, i) => truncate(text, widths[i]!)), widths, aligns, bar, coloured));
  const title = options.color ? `\u001b[1m${table.title}\u001b[22m` : table.title;
  const more = table.omitted > 0 ? `\n… ${integerFormat.format(table.omitted)} more rows (use --top 0 for all)` : '';
  return `${title}\n${table.rows.length === 0 ? '(none)' : [...top, ...rows, bottom].join('\n')}${more}\n`;
}

/** The accounting block every report starts with: where every line went. */
export function renderInputSummary(input: InputSummary): string {
  const n = (v: number) => integerFormat.format(v);
  const lines = [
    `Input: ${n(input.files)} file${input.files === 1 ? '' : 's'}, ${n(input.lines)} lines = ${n(input.records)} records + ${n(input.directives)} directives + ${n(input.blank)} blank + ${n(input.rejected)} rejected`,
  ];
  if (input.filteredOut > 0) lines.push(`  filtered out: ${n(input.filteredOut)} records`);
  const formats = Object.entries(input.formats);
  if (formats.length > 0) lines.push(`  formats: ${formats.map(([f, c]) => `${f} ${n(c)}`).join(', ')}`);
  for (const [reason, count] of Object.entries(input.rejectedByReason)) {
    lines.push(`  rejected ${reason}: ${n(count)}`);
    for (const s of input.rejectedSamples.filter((x) => x.reason === reason)) {
      lines.push(`    ${forTerminal(s.file)}:${s.line}${s.detail ? ` (${forTerminal(s.detail)})` : ''}: ${forTerminal(s.excerpt)}`);
    }
  }
  for (const note of input.notes) lines.push(`  note: ${forTerminal(note)}`);
  for (const skipped of input.skipped) lines.push(`  skipped: ${forTerminal(skipped.message)}`);
  return `${lines.join('\n')}\n`;
}
