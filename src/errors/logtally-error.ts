/**
 * One error class for everything logtally reports to a caller, in the csv-parse style:
 * a stable `code` callers can switch on, plus where it happened when that is known.
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

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
}

export class LogtallyError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(code: ErrorCode, message: string, where: ErrorLocation = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogtallyError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

export const isLogtallyError = (value: unknown): value is LogtallyError => value instanceof LogtallyError;
