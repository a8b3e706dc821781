/**
 * One HTML table shape for every section: a caption, column headers with scope, a row header per
 * row, and numbers right-aligned with their raw value in `data-v` for the page script to sort by.
 * Cells arrive as HTML already escaped by their section (see escape.ts); sort values are the
 * page's own numbers, the only thing ever written into an attribute.
 */
export interface HtmlColumn {
  name: string;
  numeric?: boolean;
  /** Prose (meanings): given room to read rather than squeezed by the numbers. */
  prose?: boolean;
}

export interface HtmlCell {
  html: string;
  /** Sort key for numeric columns. */
  value?: number;
}

export interface HtmlTable {
  id: string;
  caption: string;
  columns: HtmlColumn[];
  rows: HtmlCell[][];
  /** Shown under the table: rows left out by --top, approximate counts. */
  note?: string;
}

export const num = (value: number, html: string): HtmlCell => ({ html, value });
export const cell = (html: string): HtmlCell => ({ html });

function cellHtml(c: HtmlCell, column: HtmlColumn, first: boolean): string {
  const tag = first ? 'th scope="row"' : 'td';
  const close = first ? 'th' : 'td';
  const value = c.value !== undefined && Number.isFinite(c.value) ? ` data-v="${c.value}"` : '';
  return `<${tag}${columnClass(column)}${value}>${c.html}</${close}>`;
}

const columnClass = (column: HtmlColumn): string => (column.numeric ? ' class="n"' : column.prose ? ' class="prose"' : '');

export function renderTable(table: HtmlTable): string {
  const head = table.columns.map((c) => `<th scope="col"${columnClass(c)}>${c.name}</th>`).join('');
  const body = table.rows.map((row) => `<tr>${row.map((c, i) => cellHtml(c, table.columns[i]!, i === 0)).join('')}</tr>`).join('\n');
  const empty = table.rows.length === 0 ? `<tr><td colspan="${table.columns.length}">none</td></tr>` : '';
  const note = table.note ? `<p class="note">${table.note}</p>` : '';
  // One block per table, so the filter box the script puts before the table stays with it in a grid.
  return `<div class="block"><div class="table-wrap"><table class="data" id="${table.id}"><caption>${table.caption}</caption>
<thead><tr>${head}</tr></thead>
<tbody>${body}${empty}</tbody></table></div>${note}</div>`;
}
