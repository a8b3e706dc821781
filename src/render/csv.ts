/**
 * RFC 4180 CSV for dashboards: one header row named after the columns, CRLF line ends, plain
 * numbers, ISO-8601 UTC times, and text cells neutralised (formulas, control characters) by csvField.
 */
import { csvField } from './sanitize.js';
import type { TableData } from '../report/table-data.js';

export function renderCsv(table: TableData): string {
  const lines = [table.columns.map((c) => csvField(c.name)).join(',')];
  for (const row of table.rows) lines.push(row.map((cell) => csvField(cell)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
