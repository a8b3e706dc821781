import { reportTables } from '../report/report-view.js';
import type { Report } from '../report/report.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderInputSummary, renderTextTable } from './text-table.js';

export type OutputFormat = 'table' | 'csv' | 'json' | 'partial';

export interface RenderOptions {
  format: OutputFormat;
  /** Rows per table; 0 = all. */
  top?: number;
  /** Terminal width for tables. */
  width?: number;
  color?: boolean;
}

const DEFAULT_TOP = 10;

/**
 * table: input accounting then each section; csv: the main section (groups with --by, else codes)
 * with every row unless --top cuts it; json: input plus every section; partial: the raw mergeable
 * Report for `logtally merge`.
 */
export function renderReport(report: Report, options: RenderOptions): string {
  switch (options.format) {
    case 'partial':
      return `${JSON.stringify(report)}\n`;
    case 'csv': {
      const tables = reportTables(report, { top: options.top ?? 0, share: false });
      return renderCsv(tables.find((t) => t.id === 'groups' || t.id === 'codes')!);
    }
    case 'json':
      return renderJson(report.input, reportTables(report, { top: options.top ?? 0, share: true }), { by: report.by });
    case 'table': {
      const tables = reportTables(report, { top: options.top ?? DEFAULT_TOP, share: true });
      const text = { width: options.width ?? 100, color: options.color ?? false };
      return [renderInputSummary(report.input), ...tables.map((t) => renderTextTable(t, text))].join('\n');
    }
  }
}
