/**
 * What a dashboard can rely on in CSV: the columns of a wide series never depend on the data
 * (every status class, codes in numeric order, or exactly the --columns asked for), a long CSV can
 * be cut to named columns and freed of the repeated meaning text, and a UTF-8 byte order mark for
 * Excel on request.
 */
import { LogtallyError } from '../errors/logtally-error.js';
import type { Cell, TableData } from '../report/table-data.js';

export interface CsvShape {
  /** Long CSV: these columns, in this order. Wide CSV: these series, in this order, 0 where absent. */
  columns?: readonly string[];
  /** Leaves out the columns of explanatory text (meaning, likely cause), repeated on every row of a series. */
  noText?: boolean;
  /** Starts the output with a UTF-8 byte order mark, which Excel needs to read UTF-8. */
  bom?: boolean;
}

export const TEXT_COLUMNS = ['meaning', 'likely_cause'];
export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx', 'other'];

const BOM = '\uFEFF';
export const withBom = (csv: string, shape: CsvShape | undefined): string => (shape?.bom ? BOM + csv : csv);

const tokens = (label: string): (string | number)[] =>
  (label.match(/\d+|\D+/g) ?? []).map((token) => (/^\d/.test(token) ? Number(token) : token));

/**
 * Natural order: numbers compare as numbers part by part, so codes read status, then sub-status,
 * then win32 (404.0.2 before 404.13.0 before 500.0.0) and classes 1xx … 5xx, then other.
 */
export function naturalOrder(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** A wide table with its series columns in `order`: listed series first (zeros where absent), the rest dropped. */
function withSeries(table: TableData, series: readonly string[]): TableData {
  const at = new Map(table.columns.map((c, i) => [c.name, i]));
  const columns = [table.columns[0]!, ...series.map((name) => ({ name, kind: 'integer' as const }))];
  const rows = table.rows.map((row): Cell[] => [row[0]!, ...series.map((name) => (at.has(name) ? row[at.get(name)!]! : 0))]);
  return { ...table, columns, rows };
}

/** Series in natural order, with every one of `required` present even when it had no requests. */
export function stableWide(table: TableData, required: readonly string[] = []): TableData {
  const present = table.columns.slice(1).map((c) => c.name);
  return withSeries(table, [...new Set([...required, ...present])].sort(naturalOrder));
}

/** The CSV table as asked: wide tables get their series fixed by --columns, long ones their columns cut. */
export function shapeCsv(table: TableData, wide: boolean, shape: CsvShape | undefined): TableData {
  if (shape === undefined) return table;
  if (wide) return shape.columns?.length ? withSeries(table, shape.columns) : table;
  let names = table.columns.map((c) => c.name);
  if (shape.noText) names = names.filter((name) => !TEXT_COLUMNS.includes(name));
  if (shape.columns?.length) {
    const unknown = shape.columns.filter((name) => !names.includes(name));
    if (unknown.length > 0)
      throw new LogtallyError(
        'USAGE',
        `--columns: no column ${unknown.map((n) => `"${n}"`).join(', ')} here; choose from ${names.join(',')}`,
      );
    names = [...shape.columns];
  }
  const at = names.map((name) => table.columns.findIndex((c) => c.name === name));
  return { ...table, columns: at.map((i) => table.columns[i]!), rows: table.rows.map((row) => at.map((i) => row[i] ?? null)) };
}
