/**
 * One error class for everything logtally reports to a caller, in the csv-parse style:
 * a stable `code` callers can switch on, plus where and why it happened when that is known.
 * Anything else a call throws (a TypeError, a RangeError) is a bug in logtally, not a verdict on the input.
 */
export type ErrorCode =
  | 'USAGE'
  | 'NO_INPUT'
  | 'IO'
  | 'GZIP'
  | 'UNKNOWN_FORMAT'
  | 'NOT_A_WEB_LOG'
  | 'STRICT_REJECT'
  | 'UNKNOWN_CODE'
  | 'BAD_PARTIAL';

/** Where and why, as far as known: every field is optional. */
export interface ErrorDetails {
  /** The source's name (a path, or `-` for stdin). */
  file?: string;
  /** 1-based line number in the file. */
  line?: number;
  /** 1-based column in the line. */
  column?: number;
  /** A reject reason code, such as `field-count-mismatch` (STRICT_REJECT). */
  reason?: string;
  /** The offending line, shortened and with control characters escaped. */
  excerpt?: string;
}

/** The error every library call rejects with for bad input, bad options or a failed read. */
export class LogtallyError extends Error {
  /** What kind of failure: stable, for callers to switch on. */
  readonly code: ErrorCode;
  /** The source's name, when the failure belongs to one. */
  readonly file?: string;
  /** 1-based line number, when the failure belongs to a line. */
  readonly line?: number;
  /** 1-based column, when the parser knows where in the line. */
  readonly column?: number;
  /** A reject reason code (`field-count-mismatch`, `binary`, …), when a line was rejected. */
  readonly reason?: string;
  /** The offending line, shortened and with control characters escaped. */
  readonly excerpt?: string;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogtallyError';
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.reason = details.reason;
    this.excerpt = details.excerpt;
  }

  /** The details as plain data (to cross a worker thread, or to log). */
  details(): ErrorDetails {
    const { file, line, column, reason, excerpt } = this;
    return { file, line, column, reason, excerpt };
  }
}

/** Whether `value` is a LogtallyError (as `instanceof` does, spelled as a type guard). */
export const isLogtallyError = (value: unknown): value is LogtallyError => value instanceof LogtallyError;
