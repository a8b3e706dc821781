/**
 * Values a parser read as numbers but no request can have: a time beyond what a Date can hold
 * (`"ts":1e300`, `%{sec}t` of 99999999999999) or a time-taken of 1e35 ms. Reports would fail on
 * them (an ISO date cannot be written, the latency histogram cannot hold them), so the line is
 * rejected with its reason instead.
 */
import type { LogRecord } from '../../parsers/record.js';

/** The furthest a Date reaches either side of 1970 (ECMA-262, Time Values): 100,000,000 days. */
const MAX_TIME_MS = 8.64e15;
/** About 31 years: any longer time-taken is a unit mix-up or garbage, not a request's duration. */
const MAX_TIME_TAKEN_MS = 1e12;

export interface OutOfRange {
  reason: 'time-out-of-range' | 'time-taken-out-of-range';
  detail: string;
}

/**
 * Why the record cannot be reported, or undefined. A field in `bestEffort` (read for a sample of
 * lines only, ScanOptions.sampledOnly) is dropped from the record instead: whether a line is
 * rejected must not depend on the sample.
 */
export function outOfRange(record: LogRecord, bestEffort?: ReadonlySet<string>): OutOfRange | undefined {
  const time = record.timestamp;
  if (time !== undefined && !(time >= -MAX_TIME_MS && time <= MAX_TIME_MS)) {
    if (!bestEffort?.has('timestamp'))
      return { reason: 'time-out-of-range', detail: `time ${time} ms from 1970 is beyond the dates a report can hold` };
    delete record.timestamp;
  }
  const taken = record['time-taken'];
  if (taken !== undefined && !(taken <= MAX_TIME_TAKEN_MS)) {
    if (!bestEffort?.has('time-taken'))
      return { reason: 'time-taken-out-of-range', detail: `time-taken ${taken} ms is over ${MAX_TIME_TAKEN_MS} ms (31 years)` };
    delete record['time-taken'];
  }
  return undefined;
}

/** Drops the values out of range from a record of best-effort values (a sample's, ScanOptions.sampledOnly). */
export function dropOutOfRange(record: LogRecord): void {
  const time = record.timestamp;
  if (time !== undefined && !(time >= -MAX_TIME_MS && time <= MAX_TIME_MS)) delete record.timestamp;
  const taken = record['time-taken'];
  if (taken !== undefined && !(taken <= MAX_TIME_TAKEN_MS)) delete record['time-taken'];
}
