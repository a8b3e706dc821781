/**
 * The contract every log format implements. A format is data plus a compiler: `create` runs once per
 * file (and W3C recompiles once per `#Fields:` line), returning a per-line function with no
 * per-line setup.
 */
import type { LocalTime } from './local-time.js';
import type { LogRecord } from './record.js';
import type { StatusOnlyLayout } from './status-lines.js';
import type { ColumnLayout } from './column-lines.js';

/** Which record fields the consumer reads; parsers skip building strings for the rest. */
export type FieldSet = ReadonlySet<string> | 'all';

export const LINE_RECORD = 0;
export const LINE_DIRECTIVE = 1;
export const LINE_REJECTED = 3;
export type LineKind = typeof LINE_RECORD | typeof LINE_DIRECTIVE | typeof LINE_REJECTED;

/** Stable reason codes for rejected lines; reports and tests key on them. */
export type RejectReason =
  | 'field-count-mismatch'
  | 'missing-fields-directive'
  | 'invalid-status'
  | 'invalid-time'
  | 'invalid-number'
  | 'no-match'
  | 'invalid-json'
  | 'line-too-long'
  | 'binary';

export interface Rejection {
  reason: RejectReason;
  /** 1-based column where the problem was seen, when known. */
  column?: number;
  detail?: string;
}

export interface ParseContext {
  file: string;
  wanted: FieldSet;
  /**
   * Of the wanted fields, those the consumer reads only for errors (no status, status >= 400, or
   * an HTTP.sys reason). A hint: a parser may skip them for other records, or read them anyway.
   */
  errorOnly?: ReadonlySet<string>;
  /**
   * Of the wanted fields, those the consumer reads only for lines in its sample: `parse` skips
   * them, and `readSample` reads them, for the sampled lines only, into a record of their own. So
   * `parse` runs the same code for every line, sampled or not (V8 slows down code that sees
   * records of several shapes, or two readers at one call). A hint, as errorOnly: a parser without
   * `readSample` reads them into `out`, for every line. Best effort: a value that does not read is
   * left out, never a reason to reject the line.
   */
  sampledOnly?: ReadonlySet<string>;
  /** How local times without an offset become UTC (IIS native, time-local, CLF without a zone). */
  localTime: LocalTime;
  /** `--map`: record field (W3C name) → source key or dotted path, for JSON lines and CSV. */
  fieldMap?: Readonly<Record<string, string>>;
  /** The non-blank lines detection looked at, for formats that derive a layout from them (header-less W3C). */
  firstLines?: readonly string[];
}

export interface LineParser {
  /**
   * Parses one non-blank line (no line terminator) into `out`, a fresh object owned by the caller.
   * On LINE_REJECTED, `rejection` says why; `out` is then discarded.
   */
  parse(line: string, out: LogRecord): LineKind;
  /**
   * Reads the ParseContext.sampledOnly fields of the line `parse` (or `parseIn`) has just read as a record (its
   * first record, for a line that holds several) into `sample`, as best effort: a value that does
   * not read is left out. Only for lines in the caller's sample, right after `parse`, with the
   * state `parse` (or `parseIn`) left (the layout in force). Absent when the parser reads those fields in `parse`.
   */
  readSample?(line: string, sample: LogRecord): void;
  /**
   * `parse(text.slice(start, end), out)`, with the same outcome and record, reading the line in
   * place when it can: a line of the common shape then costs no string of its own. Only for
   * parsers without `next`.
   */
  parseIn?(text: string, start: number, end: number, out: LogRecord): LineKind;
  rejection: Rejection;
  /**
   * For a record that spans lines (a pretty-printed JSON array element): how many lines before
   * the current one it began, so the record is numbered by its first line. Absent means 0.
   */
  recordLinesBack?: number;
  /**
   * For a line that holds several records (a one-line JSON array): the outcome of the next one,
   * into `out`, after `parse` gave the first; undefined when the line has no more. Each counts as
   * a line of its own, so lines = records + directives + blank + rejected still holds.
   */
  next?(out: LogRecord): LineKind | undefined;
  /**
   * Where the status column is, when every data line of the layout in force that has exactly
   * `values` values one space apart and a status from 100 to 399 in that column gives a record
   * holding that status and nothing else, and reading it changes nothing for the lines after:
   * such lines may then be counted without being read (StatusLineSkipper). Undefined otherwise.
   */
  statusOnlyLayout?(): StatusOnlyLayout | undefined;
  /**
   * The columns read for every record, when every data line of the layout in force that has
   * exactly `values` values one space apart, each a plain value, gives a record of those values
   * and nothing else, and reading it changes nothing for the lines after: a consumer may then take
   * such lines' values as rows (ColumnLineReader). Undefined otherwise.
   */
  columnLayout?(): ColumnLayout | undefined;
  /** The layout in force (asked once per record: return a stored string), for the report: "w3c", "httperr (13 fields)", "iis-native". */
  layout(): string;
  /** Notes the report must show, e.g. an assumed layout or time zone. */
  notes(): string[];
}

/** What the user said about the input that detection may use. */
export interface DetectionHints {
  /** `--map`: record field → source key, for JSON and CSV of shapes logtally does not know. */
  fieldMap?: Readonly<Record<string, string>>;
}

export interface LogFormat {
  name: string;
  title: string;
  /** Where the format is specified. */
  spec: string;
  /** Real-looking lines that must parse with this format (tested). */
  samples: readonly string[];
  /** Confidence 0..1 that a file starting with these non-blank lines is in this format. */
  detect(firstLines: readonly string[], hints?: DetectionHints): number;
  create(ctx: ParseContext): LineParser;
}
