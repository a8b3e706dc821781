/**
 * Runs sources through the scanner into an aggregator. Every report kind (the default report,
 * errors, …) is an Aggregator: it names the fields it reads, takes records, and finishes into
 * plain data.
 */
import type { FieldSet } from '../../parsers/types.js';
import type { FilterSpec } from '../filter/filters.js';
import { emptyInputSummary, nothingReadMessage, type InputSummary } from '../scan/input-summary.js';
import type { LogRecord } from '../../parsers/record.js';
import { scanSource, type RecordSink, type SampleSink, type ScanOptions } from '../scan/scan.js';
import type { Source } from '../sources/sources.js';
import type { ColumnSink } from '../scan/row-taker.js';
import { LogtallyError } from '../errors/logtally-error.js';

export interface Aggregator<Result> {
  /** Record fields the aggregator reads. */
  readonly fields: ReadonlySet<string>;
  /**
   * Of `fields`, those it reads only for errors: records with no status, a status of 400 or more,
   * or an HTTP.sys reason. Parsers may then skip them for the other ~90% of lines.
   */
  readonly errorFields?: ReadonlySet<string>;
  /**
   * Of `fields`, those it reads only for records of lines `inSample` picks (by where a line starts
   * in its file); parsers may skip them for the other lines. Given with `inSample` and `addSampled`.
   */
  readonly sampledFields?: ReadonlySet<string>;
  readonly inSample?: (offset: number) => boolean;
  add(record: LogRecord, file: string, line: number): void;
  /**
   * The record of a line `inSample` picked (given to `add` before), with the record of its
   * `sampledFields` (a parser may have put them in the record instead).
   */
  addSampled?(record: LogRecord, sample: LogRecord): void;
  /**
   * A record the filter left out that still counts as a request for shares (it failed only
   * --status): the errors report's "share of all requests" must not shrink to the shown groups.
   */
  countRequest?(record: LogRecord): void;
  /**
   * Adds `records` records that hold nothing but a status below 400, as `add` would add each of
   * them; set only where `add` does nothing else with such a record (the errors report without a
   * time series counts it as a request). See ScanOptions.countStatusOnly.
   */
  readonly addStatusOnly?: (records: number) => void;
  /** Takes lines as rows of their values where a layout allows, as `add` would take their records; see ScanOptions.columnSink. */
  readonly columnSink?: ColumnSink;
  finish(input: InputSummary): Result;
}

/** A predicate on records, with the fields it reads. */
export interface RecordFilter {
  fields: readonly string[];
  test(record: LogRecord): boolean;
  /** Whether a record the filter rejects still belongs to the population shares are taken of. */
  inScope?(record: LogRecord): boolean;
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
export function scanFields(
  aggregator: Aggregator<unknown>,
  options: RunOptions,
): Pick<ScanOptions, 'wanted' | 'errorOnly' | 'sampledOnly' | 'inSample' | 'countStatusOnly' | 'columnSink'> {
  const wanted = wantedFields(aggregator.fields, options);
  // The sample is picked all the same when every field is read: the aggregator counts what it picks.
  const sample = aggregator.inSample === undefined ? {} : { inSample: aggregator.inSample };
  if (wanted === 'all') return { wanted, ...sample };
  // A filter reads its fields from every record.
  const statusOnly =
    aggregator.addStatusOnly === undefined || options.filter !== undefined ? {} : { countStatusOnly: aggregator.addStatusOnly };
  const columns = aggregator.columnSink === undefined || options.filter !== undefined ? {} : { columnSink: aggregator.columnSink };
  const filtered = new Set(options.filter?.fields ?? []);
  const unfiltered = (fields: ReadonlySet<string> | undefined) =>
    fields === undefined ? undefined : new Set([...fields].filter((f) => !filtered.has(f)));
  const errorOnly = unfiltered(aggregator.errorFields);
  const sampledOnly = aggregator.inSample === undefined ? undefined : unfiltered(aggregator.sampledFields);
  return {
    wanted,
    ...(errorOnly === undefined ? {} : { errorOnly }),
    ...(sampledOnly === undefined ? {} : { sampledOnly }),
    ...sample,
    ...statusOnly,
    ...columns,
  };
}

export async function runAggregator<Result>(
  sources: readonly Source[],
  aggregator: Aggregator<Result>,
  options: RunOptions = {},
): Promise<Result> {
  const summary = emptyInputSummary();
  const fields = scanFields(aggregator, options);
  const sink = recordSink(aggregator, options.filter, summary);
  const sampleSink = sampledRecordSink(aggregator, options.filter);
  for (const source of sources) await scanSource(source, summary, sink, { ...options, ...fields, sampleSink });
  throwIfNothingRead(summary);
  return aggregator.finish(summary);
}

/** Where scanned records go: through the filter (counting what it leaves out) into the aggregator. */
export function recordSink(aggregator: Aggregator<unknown>, filter: RecordFilter | undefined, summary: InputSummary): RecordSink {
  if (filter === undefined) return (record, file, line) => aggregator.add(record, file, line);
  const countRequest = filter.inScope && aggregator.countRequest ? aggregator.countRequest.bind(aggregator) : undefined;
  const inScope = filter.inScope;
  return (record, file, line) => {
    if (filter.test(record)) aggregator.add(record, file, line);
    else {
      summary.filteredOut++;
      if (countRequest && inScope!(record)) countRequest(record);
    }
  };
}

/** Where the records of sampled lines go again (ScanOptions.sampleSink): those the filter keeps, to the aggregator. */
export function sampledRecordSink(aggregator: Aggregator<unknown>, filter: RecordFilter | undefined): SampleSink | undefined {
  if (aggregator.addSampled === undefined) return undefined;
  if (filter === undefined) return (record, sample) => aggregator.addSampled!(record, sample);
  return (record, sample) => {
    if (filter.test(record)) aggregator.addSampled!(record, sample);
  };
}

/** Every source skipped as not a log: an error, not an empty report. */
export function throwIfNothingRead(summary: InputSummary): void {
  if (summary.files === 0 && summary.skipped.length > 0) {
    throw new LogtallyError(
      summary.skipped[0]!.code === 'NOT_A_WEB_LOG' ? 'NOT_A_WEB_LOG' : 'UNKNOWN_FORMAT',
      nothingReadMessage(summary),
      {
        file: summary.skipped[0]!.file,
      },
    );
  }
}
