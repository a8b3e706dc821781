/**
 * One record shape for every format, keyed by W3C extended field names so every report works on
 * every format. Numbers are numbers; absent fields are absent (W3C `-` becomes absent).
 */
export interface LogRecord {
  /** Milliseconds since the epoch, UTC. */
  timestamp?: number;
  'c-ip'?: string;
  'c-port'?: number;
  's-ip'?: string;
  's-port'?: number;
  'cs-method'?: string;
  'cs-uri-stem'?: string;
  'cs-uri-query'?: string;
  'cs-uri'?: string;
  'cs-version'?: string;
  'cs-username'?: string;
  'cs-host'?: string;
  's-sitename'?: string;
  's-siteid'?: string;
  's-computername'?: string;
  'cs(User-Agent)'?: string;
  'cs(Referer)'?: string;
  'cs(Cookie)'?: string;
  'sc-status'?: number;
  'sc-substatus'?: number;
  'sc-win32-status'?: number;
  'sc-bytes'?: number;
  'cs-bytes'?: number;
  /** Milliseconds, whatever unit the source logged. */
  'time-taken'?: number;
  's-reason'?: string;
  's-queuename'?: string;
  /** Custom fields keep the name their log gave them. */
  [field: string]: string | number | undefined;
}

/** A record with where it came from, as the library's record iterator yields it. */
export interface LocatedRecord {
  record: LogRecord;
  file: string;
  /** 1-based line number in the source. */
  line: number;
  format: string;
}

/** Fields whose W3C values are numbers. */
export const NUMERIC_FIELDS: ReadonlySet<string> = new Set([
  'c-port',
  's-port',
  'sc-status',
  'sc-substatus',
  'sc-win32-status',
  'sc-bytes',
  'cs-bytes',
  'time-taken',
]);

/**
 * Records inherit nothing, so a field a log names `constructor`, `toString` or `__proto__` is a
 * field like any other (with Object.prototype in the chain, `record['__proto__'] = v` was lost and
 * `record.constructor` was Object). A constructor whose prototype has no prototype keeps V8's fast
 * objects, which `Object.create(null)` (a dictionary from the start) would not.
 */
const RecordObject = function RecordObject() {} as unknown as new () => LogRecord;
RecordObject.prototype = Object.create(null);

/** An empty record. */
export const newRecord = (): LogRecord => new RecordObject();
