/**
 * The library's front door: records out of sources, and sources into a report.
 */
import { wantedFields, type RunOptions } from './aggregator.js';
import { emptyInputSummary, type InputSummary } from '../scan/input-summary.js';
import type { LocatedRecord } from '../../parsers/record.js';
import { createReportBuilder, type ReportBuilderConfig } from '../report/report-builder.js';
import { runParallel, type ParallelJob } from '../parallel/run-parallel.js';
import { createErrorsBuilder, type ErrorsBuilderConfig } from '../report/errors-builder.js';
import { mergeErrorsReports, relocateErrorExamples, type ErrorsReport } from '../report/errors-report.js';
import { mergeReports, type Report } from '../report/report.js';
import { scanChunks } from '../scan/scan.js';
import type { Source } from '../sources/sources.js';

export interface AnalyseOptions extends RunOptions {
  /** Dimensions to group by, e.g. ['status', 'substatus', 'win32']. */
  by?: readonly string[];
  /** Keys per count table before it turns approximate (see report/top-k.ts). */
  maxKeys?: number;
  /** Worker threads for large inputs; 1 (the default) reads in this thread. */
  threads?: number;
}

/** The default report as a parallel job: workers import the same builder factory. */
export function reportJob(config: ReportBuilderConfig): ParallelJob<Report> {
  return {
    create: () => createReportBuilder(config),
    factory: { module: new URL('../report/report-builder.js', import.meta.url).href, name: 'createReportBuilder', config },
    merge: (a, b) => mergeReports(a, b, config.maxKeys),
  };
}

/** Reads every source into one mergeable Report, on worker threads when asked to and the input is large. */
export function analyse(sources: readonly Source[], options: AnalyseOptions = {}): Promise<Report> {
  return runParallel(sources, reportJob({ by: options.by ?? [], maxKeys: options.maxKeys }), { ...options, threads: options.threads ?? 1 });
}

export interface ErrorsOptions extends RunOptions {
  /** Bucket width in ms for a time series; 0 or absent for none. */
  intervalMs?: number;
  /** Worker threads for large inputs; 1 (the default) reads in this thread. */
  threads?: number;
}

/** The errors report as a parallel job; its groups' examples are line numbers to relocate. */
export function errorsJob(config: ErrorsBuilderConfig): ParallelJob<ErrorsReport> {
  return {
    create: () => createErrorsBuilder(config),
    factory: { module: new URL('../report/errors-builder.js', import.meta.url).href, name: 'createErrorsBuilder', config },
    merge: mergeErrorsReports,
    relocate: relocateErrorExamples,
  };
}

/** Reads every source into one mergeable ErrorsReport (4xx, 5xx and HTTPERR groups), on worker threads when asked to and the input is large. */
export function analyseErrors(sources: readonly Source[], options: ErrorsOptions = {}): Promise<ErrorsReport> {
  return runParallel(sources, errorsJob({ intervalMs: options.intervalMs ?? 0 }), { ...options, threads: options.threads ?? 1 });
}

export interface RecordsOptions extends RunOptions {
  /** Receives the input accounting when iteration ends. */
  onSummary?: (summary: InputSummary) => void;
}

/** Every record of every source, normalised to W3C field names, with file and line. */
export async function* readRecords(sources: readonly Source[], options: RecordsOptions = {}): AsyncGenerator<LocatedRecord> {
  let batch: LocatedRecord[] = [];
  for await (const _ of visitRecords(sources, options, (r) => batch.push(r))) {
    const ready = batch;
    batch = [];
    yield* ready;
  }
}

/**
 * Every record of every source handed to `visit` as it is parsed; yields after each chunk of
 * input, so the caller can write what `visit` made (and wait for the stream) between chunks.
 * For exports: a record that is done with at once never outlives the young generation, where
 * collecting a whole chunk's records at a time (readRecords) costs more than parsing them.
 */
export async function* visitRecords(
  sources: readonly Source[],
  options: RecordsOptions,
  visit: (record: LocatedRecord) => void,
): AsyncGenerator<void> {
  const summary = emptyInputSummary();
  const wanted = wantedFields(new Set(), { ...options, allFields: options.allFields ?? true });
  const filter = options.filter;
  const sink = (record: LocatedRecord['record'], file: string, line: number, format: string) => {
    if (filter && !filter.test(record)) summary.filteredOut++;
    else visit({ record, file, line, format });
  };
  for (const source of sources) yield* scanChunks(source, summary, sink, { ...options, wanted });
  options.onSummary?.(summary);
}
