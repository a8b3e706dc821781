/**
 * Runs sources through the scanner into an aggregator. Every report kind (the default report,
 * errors, …) is an Aggregator: it names the fields it reads, takes records, and finishes into
 * plain data.
 */
import type { FieldSet } from '../parsers/types.js';
import type { FilterSpec } from './filters.js';
import { emptyInputSummary, type InputSummary } from './input-summary.js';
import type { LogRecord } from './record.js';
import { scanSource, type ScanOptions } from './scan.js';
import type { Source } from './sources.js';
import { LogtallyError } from './errors.js';

export interface Aggregator<Result> {
  /** Record fields the aggregator reads. */
  readonly fields: ReadonlySet<string>;
  /**
   * Of `fields`, those it reads only for errors: records with no status, a status of 400 or more,
   * or an HTTP.sys reason. Parsers may then skip them for the other ~90% of lines.
   */
  readonly errorFields?: ReadonlySet<string>;
  add(record: LogRecord, file: string, line: number): void;
  finish(input: InputSummary): Result;
}

/** A predicate on records, with the fields it reads. */
export interface RecordFilter {
  fields: readonly string[];
  test(record: LogRecord): boolean;
  /** The plain data it was compiled from, when any: worker threads compile their own from it. */
  spec?: FilterSpec;
}

export interface RunOptions extends Omit<ScanOptions, 'wanted'> {
  filter?: RecordFilter;
  /** Parse every field, e.g. for a record dump. */
  allFields?: boolean;
}

export function wantedFields(aggregatorFields: ReadonlySet<string>, options: RunOptions): FieldSet {
  if (options.allFields) return 'all';
  const wanted = new Set(aggregatorFields);
  for (const field of options.filter?.fields ?? []) wanted.add(field);
  return wanted;
}

/** What the scanner must parse for this aggregator and filter; a filter reads its fields on every record. */
export function scanFields(aggregator: Aggregator<unknown>, options: RunOptions): Pick<ScanOptions, 'wanted' | 'errorOnly'> {
  const wanted = wantedFields(aggregator.fields, options);
  if (aggregator.errorFields === undefined || wanted === 'all') return { wanted };
  const filtered = new Set(options.filter?.fields ?? []);
  return { wanted, errorOnly: new Set([...aggregator.errorFields].filter((f) => !filtered.has(f))) };
}

export async function runAggregator<Result>(sources: readonly Source[], aggregator: Aggregator<Result>, options: RunOptions = {}): Promise<Result> {
  const summary = emptyInputSummary();
  const fields = scanFields(aggregator, options);
  const filter = options.filter;
  const sink = filter
    ? (record: LogRecord, file: string, line: number) => {
        if (filter.test(record)) aggregator.add(record, file, line);
        else summary.filteredOut++;
      }
    : (record: LogRecord, file: string, line: number) => aggregator.add(record, file, line);
  for (const source of sources) await scanSource(source, summary, sink, { ...options, ...fields });
  throwIfNothingRead(summary);
  return aggregator.finish(summary);
}

/** Every source skipped as not a log: an error, not an empty report. */
export function throwIfNothingRead(summary: InputSummary): void {
  if (summary.files === 0 && summary.skipped.length > 0) {
    throw new LogtallyError(summary.skipped[0]!.code === 'NOT_A_WEB_LOG' ? 'NOT_A_WEB_LOG' : 'UNKNOWN_FORMAT', summary.skipped.map((s) => s.message).join('\n'), {
      file: summary.skipped[0]!.file,
    });
  }
}
