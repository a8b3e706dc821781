/**
 * JSON for programs: the input accounting under `input`, each section as an array of row objects
 * beside it.
 */
import type { InputSummary } from '../scan/input-summary.js';
import { safeJson } from './sanitize.js';
import { rowsAsObjects, type TableData } from '../report/table-data.js';

export function renderJson(input: InputSummary, tables: readonly TableData[], extra: Record<string, unknown> = {}): string {
  const body: Record<string, unknown> = { input, ...extra };
  for (const table of tables) body[table.id] = rowsAsObjects(table);
  return `${safeJson(body, 2)}\n`;
}
