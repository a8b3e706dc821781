/**
 * CSV with a header row (exports from Cloudflare, CDNs, log shippers): columns are named by the
 * header and mapped like JSON keys (built-in shapes or `--map`). Quoting follows RFC 4180; a quoted
 * value spanning lines is not supported, since lines are read one at a time.
 * Spec: https://www.rfc-editor.org/rfc/rfc4180
 */
import type { LogRecord } from '../src/record.js';
import { chooseShape, compileShape, type RowReader } from './field-map.js';
import { LINE_DIRECTIVE, LINE_RECORD, LINE_REJECTED, type LineKind, type LineParser, type LogFormat, type ParseContext, type Rejection } from './types.js';

/** One RFC 4180 line → its cells; `undefined` when a quote is left open. */
export function splitCsvLine(line: string): string[] | undefined {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = line.indexOf('"', j);
        if (close === -1) return undefined;
        value += line.slice(j, close);
        if (line.charCodeAt(close + 1) === 34) {
          value += '"';
          j = close + 2;
        } else {
          j = close + 1;
          break;
        }
      }
      cells.push(value);
      i = j;
    } else {
      const comma = line.indexOf(',', i);
      cells.push(line.slice(i, comma === -1 ? line.length : comma));
      i = comma === -1 ? line.length : comma;
    }
    if (i >= line.length) return cells;
    if (line.charCodeAt(i) !== 44) return undefined;
    i++;
  }
}

class CsvParser implements LineParser {
  rejection: Rejection = { reason: 'field-count-mismatch' };
  private header?: string[];
  private read?: RowReader;
  private shapeName = 'unmapped';

  constructor(private readonly ctx: ParseContext) {}

  layout(): string {
    return `csv (${this.shapeName})`;
  }

  notes(): string[] {
    return [];
  }

  parse(line: string, out: LogRecord): LineKind {
    const cells = splitCsvLine(line);
    if (cells === undefined) {
      this.rejection = { reason: 'no-match', detail: 'unbalanced quotes' };
      return LINE_REJECTED;
    }
    if (this.header === undefined || sameCells(cells, this.header)) {
      this.useHeader(cells);
      return LINE_DIRECTIVE;
    }
    if (cells.length !== this.header.length) {
      this.rejection = { reason: 'field-count-mismatch', detail: `${cells.length} values for ${this.header.length} columns` };
      return LINE_REJECTED;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < cells.length; i++) row[this.header[i]!] = cells[i]!;
    this.read!(row, out);
    return LINE_RECORD;
  }

  /** The header names the columns; a repeated header (files concatenated) is skipped the same way. */
  private useHeader(cells: string[]): void {
    this.header = cells;
    const row = Object.fromEntries(cells.map((c) => [c, c]));
    const shape = chooseShape([row], this.ctx.fieldMap);
    this.shapeName = shape?.name ?? 'unmapped';
    this.read = compileShape(shape?.fields ?? {}, this.ctx.wanted, this.ctx.localOffsetMinutes, shape?.span);
  }
}

const sameCells = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((c, i) => c === b[i]);

export const csvFormat: LogFormat = {
  name: 'csv',
  title: 'CSV with a header row',
  spec: 'https://www.rfc-editor.org/rfc/rfc4180',
  samples: ['ClientIP,ClientRequestMethod,ClientRequestURI,EdgeResponseStatus,EdgeResponseBytes,EdgeStartTimestamp', '203.0.113.9,GET,/a?b=1,404,120,2024-04-10T23:00:00Z'],
  detect(firstLines) {
    const header = firstLines[0] === undefined ? undefined : splitCsvLine(firstLines[0]);
    if (header === undefined || header.length < 3 || header.some((h) => h === '' || /^\d/.test(h))) return 0;
    const rows = firstLines.slice(1).map(splitCsvLine);
    // Most rows must fit the header; a damaged one is rejected later, not a reason to refuse the file.
    const fitting = rows.filter((r) => r !== undefined && r.length === header.length).length;
    if (rows.length === 0 || fitting * 2 < rows.length) return 0;
    // Columns of no known shape: some other table; read it with --log-format csv --map.
    return chooseShape([Object.fromEntries(header.map((h) => [h, h]))], undefined) ? 0.85 : 0;
  },
  create: (ctx) => new CsvParser(ctx),
};
