/**
 * CSV with a header row (exports from Cloudflare, CDNs, log shippers): columns are named by the
 * header and mapped like JSON keys (built-in shapes or `--map`). Fields are split by csv-parse
 * (RFC 4180 quoting, `""` escapes); a quoted value spanning lines is not supported, since lines
 * are read one at a time. Exchange Server's logs (HttpProxy, EWS, …) are CSV under W3C-style
 * directives: `#Software:`, `#Log-type:`, and `#Fields:` naming the columns, comma-separated.
 * Spec: https://www.rfc-editor.org/rfc/rfc4180
 */
import { CsvError, Parser, type Options } from 'csv-parse';
import type { LogRecord } from './record.js';
import { chooseShape, compileShape, type RowReader } from './field-map.js';
import {
  LINE_DIRECTIVE,
  LINE_RECORD,
  LINE_REJECTED,
  type LineKind,
  type LineParser,
  type LogFormat,
  type ParseContext,
  type Rejection,
} from './types.js';
import { describedBy } from './formats/format-info.js';
import { CSV } from './formats/structured.js';

/** The parser behind csv-parse's stream and its sync API; not in csv-parse's type declarations. */
interface CsvParseApi {
  parse(buf: Buffer, end: boolean, push: (record: unknown) => void, close: () => void): CsvError | undefined;
}

const noop = (): void => {};

/**
 * csv-parse for one line at a time, its options normalised once. `csv-parse/sync` normalises its
 * options and builds a parser on every call; the parser that call wraps (`Parser#api`), given each
 * line with `end` set, is twice as fast (measured 107k vs 223k lines/s on 8-column lines). An
 * error leaves that parser mid-record, so it is rebuilt after one.
 */
export class CsvLineReader<T> {
  private api: CsvParseApi;
  private record: T | undefined;
  private readonly push = (record: unknown): void => {
    this.record = record as T;
  };

  constructor(private readonly options: Options) {
    this.api = CsvLineReader.apiOf(options);
  }

  /**
   * Lines come without terminators: naming the record delimiter stops csv-parse looking for one at
   * every byte (10 times slower without).
   */
  private static apiOf(options: Options): CsvParseApi {
    return (new Parser({ ...options, record_delimiter: '\n' }) as unknown as { api: CsvParseApi }).api;
  }

  /** The line's record, or the CsvError csv-parse gives for it. */
  read(line: string): T | CsvError {
    const error = this.api.parse(Buffer.from(line), true, this.push, noop);
    // A non-empty line always gives a record: empty lines are not skipped, and none is given.
    if (error === undefined) return this.record!;
    this.api = CsvLineReader.apiOf(this.options);
    return error;
  }
}

/** A csv-parse error as a rejection: its code in the detail, so a report says what csv-parse saw. */
export function csvRejection(error: CsvError, columns?: number): Rejection {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const values = Array.isArray(error.record) ? `${error.record.length} values` : 'values';
      return { reason: 'field-count-mismatch', detail: `${values} for ${columns ?? '?'} columns (${error.code})` };
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return { reason: 'no-match', detail: `unbalanced quotes (${error.code})` };
    default:
      return { reason: 'no-match', detail: error.code };
  }
}

/** RFC 4180, leniently: a quote inside an unquoted value is kept as text, as exporters write them. */
const CSV_OPTIONS = { relax_quotes: true } as const satisfies Options;

type Row = Record<string, string>;

/** `#Software: …`, `#Fields: …`: a directive line, as Exchange writes them above its CSV. */
const isDirective = (line: string): boolean => line.charCodeAt(0) === 35 /* # */ && /^#[A-Za-z][\w-]*:/.test(line);

/** The column list of a `#Fields:` directive that names them comma-separated (Exchange); undefined for W3C's space-separated one. */
function fieldsList(line: string): string | undefined {
  if (!line.startsWith('#Fields:')) return undefined;
  const names = line.slice(8).trim();
  return names.indexOf(',') === -1 ? undefined : names;
}

/** The header line (a `#Fields:` list, or the first line that is no directive) and the data lines after it. */
function headerAndRows(lines: readonly string[]): { header?: string; rows: string[] } {
  let header: string | undefined;
  const rows: string[] = [];
  for (const line of lines) {
    if (isDirective(line)) header = fieldsList(line) ?? header;
    else if (header === undefined) header = line;
    else rows.push(line);
  }
  return { header, rows };
}

class CsvParser implements LineParser {
  rejection: Rejection = { reason: 'field-count-mismatch' };
  private readonly headerReader = new CsvLineReader<string[]>(CSV_OPTIONS);
  private header?: string[];
  /** Rows as objects keyed by the header; csv-parse rejects a row whose value count differs. */
  private rowReader?: CsvLineReader<Row>;
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
    if (isDirective(line)) {
      // Every `#Fields:` list names the columns from there on, as in W3C logs.
      const names = fieldsList(line);
      return names === undefined ? LINE_DIRECTIVE : this.readHeader(names);
    }
    if (this.header === undefined) return this.readHeader(line);
    const row = this.rowReader!.read(line);
    if (row instanceof CsvError) {
      this.rejection = csvRejection(row, this.header.length);
      return LINE_REJECTED;
    }
    // Files concatenated: a repeated header is skipped the same way.
    if (this.header.every((name) => row[name] === name)) return LINE_DIRECTIVE;
    this.read!(row, out);
    return LINE_RECORD;
  }

  /** The header names the columns; rows are read against it from then on. */
  private readHeader(line: string): LineKind {
    const cells = this.headerReader.read(line);
    if (cells instanceof CsvError) {
      this.rejection = csvRejection(cells);
      return LINE_REJECTED;
    }
    this.header = cells;
    this.rowReader = new CsvLineReader<Row>({ ...CSV_OPTIONS, columns: cells });
    const shape = chooseShape([Object.fromEntries(cells.map((c) => [c, c]))], this.ctx.fieldMap);
    this.shapeName = shape?.name ?? 'unmapped';
    this.read = compileShape(shape?.fields ?? {}, this.ctx.wanted, this.ctx.localTime, shape?.span, shape?.dateTime);
    return LINE_DIRECTIVE;
  }
}

export const csvFormat: LogFormat = {
  ...describedBy(CSV),
  detect(firstLines, hints) {
    const { header: headerLine, rows: dataLines } = headerAndRows(firstLines);
    if (headerLine === undefined || dataLines.length === 0) return 0;
    const header = new CsvLineReader<string[]>(CSV_OPTIONS).read(headerLine);
    if (header instanceof CsvError || header.length < 3 || header.some((h) => h === '' || /^\d/.test(h))) return 0;
    const rows = new CsvLineReader<Row>({ ...CSV_OPTIONS, columns: header });
    // Most rows must fit the header; a damaged one is rejected later, not a reason to refuse the file.
    const fitting = dataLines.filter((line) => !(rows.read(line) instanceof CsvError)).length;
    if (fitting * 2 < dataLines.length) return 0;
    // Columns of no known shape are some other table, unless --map says which columns to read.
    return chooseShape([Object.fromEntries(header.map((h) => [h, h]))], hints?.fieldMap) ? 0.85 : 0;
  },
  create: (ctx) => new CsvParser(ctx),
};
