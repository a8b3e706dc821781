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
import { explainFilteredOut } from '../filter/filter-explain.js';
import type { Source } from '../sources/sources.js';

export interface AnalyseOptions extends RunOptions {
  /** Dimensions to group by, e.g. ['status', 'substatus', 'win32']. */
  by?: readonly string[];
  /** Keys per count table before it turns approximate (see report/top-k.ts). */
  maxKeys?: number;
  /** Worker threads for large inputs; 1 (the default) reads in this thread. */
  threads?: number;
  /** Adds top URIs, top clients, slowest URIs and the bot share over all requests (report/overview.ts); costs time. */
  overview?: boolean;
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
export async function analyse(sources: readonly Source[], options: AnalyseOptions = {}): Promise<Report> {
  const job = reportJob({ by: options.by ?? [], maxKeys: options.maxKeys, overview: options.overview });
  const report = await runParallel(sources, job, { ...options, threads: options.threads ?? 1 });
  explainFilteredOut(report.input, options.filter?.spec);
  return report;
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
export async function analyseErrors(sources: readonly Source[], options: ErrorsOptions = {}): Promise<ErrorsReport> {
  const report = await runParallel(sources, errorsJob({ intervalMs: options.intervalMs ?? 0 }), {
    ...options,
    threads: options.threads ?? 1,
  });
  explainFilteredOut(report.input, options.filter?.spec);
  return report;
}

export interface RecordsOptions extends RunOptions {
  /** Receives the input accounting when iteration ends. */
  onSummary?: (summary: InputSummary) => void;
}

/** Every record of every source, normalised to W3C field names, with file and line. */
export async function* readRecords(sources: readonly Source[], options: RecordsOptions = {}): AsyncGenerator<LocatedRecord> {
  const summary = emptyInputSummary();
  const wanted = wantedFields(new Set(), { ...options, allFields: options.allFields ?? true });
  const filter = options.filter;
  let batch: LocatedRecord[] = [];
  const sink = (record: LocatedRecord['record'], file: string, line: number, format: string) => {
    if (filter && !filter.test(record)) summary.filteredOut++;
    else batch.push({ record, file, line, format });
  };
  for (const source of sources) {
    for await (const _ of scanChunks(source, summary, sink, { ...options, wanted })) {
      const ready = batch;
      batch = [];
      yield* ready;
    }
  }
  options.onSummary?.(summary);
}
