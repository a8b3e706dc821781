/**
 * Terminal tables with cli-table3. Every cell goes through the terminal sanitiser, and the table fits
 * the width it is given, counted in terminal cells (see fit-columns.ts for what gives way first).
 */
import Table from 'cli-table3';
import { forTerminal } from './sanitize.js';
import type { Cell, Column, TableData } from '../report/table-data.js';
import { cellWidth, cutEnd, fitCell } from './cells.js';
import { formatTime, timeStyleCount } from './compact-time.js';
import { fitColumns, type Fit, type FitColumn } from './fit-columns.js';
import { words, wrapProse, wrapTokens } from './wrap.js';

export interface TextOptions {
  /** Terminal width in cells. */
  width: number;
  color: boolean;
  /** Columns that may be hidden to fit the width, least important first. */
  hideable?: readonly string[];
  /** A footnote per column, shown when some of its text had to be cut: where to read it whole. */
  whenCut?: Readonly<Record<string, string>>;
}

const integerFormat = new Intl.NumberFormat('en-US');

/** Text columns that name a row (a status code, an HTTP.sys reason, a client address): never cut. */
const WHOLE_COLUMNS = new Set(['code', 'class', 'status', 'reason', 'method', 'client']);

/**
 * A percentage to one decimal, except where rounding would say something false: 3 server errors
 * in 40,000 requests are not "0.0%", and the rest of the traffic is not "100.0%".
 */
function formatShare(share: number): string {
  const text = (share * 100).toFixed(1);
  if (text === '0.0' && share > 0) return '<0.1%';
  if (text === '100.0' && share < 1) return '>99.9%';
  return `${text}%`;
}

function formatCell(cell: Cell, column: Column): string {
  if (cell === null) return '-';
  if (typeof cell === 'number') {
    if (column.kind === 'share') return formatShare(cell);
    if (column.kind === 'integer' && column.name === 'count') return integerFormat.format(cell);
    return String(cell);
  }
  return forTerminal(cell);
}

const widest = (body: readonly string[][], at: number, format: (text: string) => string = (t) => t): number =>
  body.reduce((max, row) => Math.max(max, cellWidth(format(row[at]!))), 0);

/** What fitColumns needs to know of each column; time columns are measured in every style. */
function measure(columns: readonly Column[], header: readonly string[], body: readonly string[][]): FitColumn[] {
  const timeAt = columns.flatMap((c, i) => (c.kind === 'time' ? [i] : []));
  const styles = timeStyleCount(timeAt.flatMap((i) => body.map((row) => row[i]!)));
  return columns.map((c, i) => ({
    name: c.name,
    header: cellWidth(header[i]!),
    values:
      c.kind === 'time' ? Array.from({ length: styles }, (_, style) => widest(body, i, (t) => formatTime(t, style))) : [widest(body, i)],
    cuttable: c.kind === 'text' && !WHOLE_COLUMNS.has(c.name),
  }));
}

/**
 * cli-table3 draws the frame (borders, header) from fixed column widths; body rows are laid out
 * here with the same characters, because cli-table3's time for a whole table grows faster than its
 * rows (`npm run bench:libraries`: 1,000 rows 0.4–0.5 s, 10,000 rows 10–18 s, against 0.02–0.2 s
 * here), which made `--top 0` over 60,000 URIs take minutes.
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
    const padded = fitCell(cells[i]!, widths[i]!, aligns[i]!);
    line += ` ${coloured[i] ? colourCell(padded) : padded} ${bar}`;
  }
  return line;
}

/** The lines under a table: what --top left out, which columns did not fit, and where cut text is whole. */
function footnotes(table: TableData, fit: Fit, width: number, cutNotes: readonly string[]): string[] {
  const lines: string[] = [];
  if (table.omitted > 0)
    lines.push(
      ...wrapProse('', `… ${integerFormat.format(table.omitted)} more row${table.omitted === 1 ? '' : 's'} (use --top 0 for all)`, width),
    );
  if (fit.hidden.length > 0) {
    // Each column name is one token, so a name is never split across lines.
    const names = fit.hidden.map((name, i) => `${forTerminal(name)}${i < fit.hidden.length - 1 ? ',' : ''}`);
    lines.push(
      ...wrapTokens(
        '',
        [...words(`(columns hidden to fit ${width}:`), ...names, ...words('— widen the terminal or use --format csv)')],
        '',
        width,
      ),
    );
  }
  for (const note of cutNotes) lines.push(...wrapProse('', note, width));
  return lines;
}

export function renderTextTable(table: TableData, options: TextOptions): string {
  const header = table.columns.map((c) => forTerminal(c.name));
  const body = table.rows.map((row) => row.map((cell, i) => formatCell(cell, table.columns[i]!)));
  const fit = fitColumns(measure(table.columns, header, body), options.width, options.hideable);
  const shown = fit.visible.map((i) => ({ column: table.columns[i]!, at: i, width: fit.widths[i]! }));
  const widths = shown.map((c) => c.width);
  const aligns = shown.map(({ column }) => (column.kind === 'text' || column.kind === 'time' ? 'left' : 'right'));
  const { top, bottom } = frame(
    shown.map((c) => cutEnd(header[c.at]!, c.width)),
    widths,
    aligns,
    options.color,
  );
  const bar = options.color ? '\u001b[90m│\u001b[39m' : '│';
  // Colour only after padding, so escape codes never count towards a column's width.
  const coloured = shown.map(({ column }) => options.color && COLOURED_COLUMNS.has(column.name));
  const cellsOf = (row: string[]): string[] =>
    shown.map(({ column, at }) => (column.kind === 'time' ? formatTime(row[at]!, fit.timeStyle) : row[at]!));
  const rows = body.map((row) => bodyRow(cellsOf(row), widths, aligns, bar, coloured));
  const titleText = fit.timeStyle > 0 ? `${table.title} (times in UTC)` : table.title;
  const title = wrapProse('', forTerminal(titleText), options.width).map((line) => (options.color ? `\u001b[1m${line}\u001b[22m` : line));
  const drawn = table.rows.length === 0 ? ['(none)'] : [...top, ...rows, bottom];
  const cutNotes = shown
    .filter(({ column, at, width }) => options.whenCut?.[column.name] !== undefined && widest(body, at) > width)
    .map(({ column }) => options.whenCut![column.name]!);
  return `${[...title, ...drawn, ...footnotes(table, fit, options.width, cutNotes)].join('\n')}\n`;
}
