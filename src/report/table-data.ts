/**
 * The renderer-neutral shape of a report section: named, typed columns and rows. Views build these;
 * the table, CSV and JSON renderers only lay them out.
 */
export type ColumnKind = 'text' | 'integer' | 'share' | 'number' | 'time';

export interface Column {
  name: string;
  kind: ColumnKind;
}

export type Cell = string | number | null;

export interface TableData {
  /** Stable identifier, used as the JSON key. */
  id: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** Rows left out by --top, so renderers can say so. */
  omitted: number;
}

export const cutTop = <T>(rows: T[], top: number): { kept: T[]; omitted: number } =>
  top > 0 && rows.length > top ? { kept: rows.slice(0, top), omitted: rows.length - top } : { kept: rows, omitted: 0 };

/**
 * count / total as a fraction 0…1 to 4 decimal places, except that a count above 0 never rounds to
 * 0: 30 errors among a million requests keep two significant digits rather than reading as none.
 */
export function shareOf(count: number, total: number): number {
  if (total === 0) return 0;
  const rounded = Math.round((count / total) * 10000) / 10000;
  return rounded === 0 && count > 0 ? Number((count / total).toPrecision(2)) : rounded;
}

/** Sort by count descending, ties by key so output is deterministic. */
export const byCountThenKey = (a: [string, number], b: [string, number]): number => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Rows as objects keyed by column name, for JSON. */
export function rowsAsObjects(table: TableData): Record<string, Cell>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c.name, row[i] ?? null])));
}

/**
 * Object.entries for count tables: keys, then lookups. Object.entries over a table of a million keys
 * (a dictionary-mode object, as JSON.parse makes a large partial's) is several times slower.
 */
export function entriesOf(counts: Record<string, number>): [string, number][] {
  const keys = Object.keys(counts);
  const entries: [string, number][] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) entries[i] = [keys[i]!, counts[keys[i]!]!];
  return entries;
}
