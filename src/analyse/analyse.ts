/**
 * The library's front door: records out of sources, and sources into a report.
 */
import { throwIfNothingRead, wantedFields, type RecordFilter } from './aggregator.js';
import { emptyInputSummary, type InputSummary } from '../scan/input-summary.js';
import type { LocatedRecord } from '../../parsers/record.js';
import { createReportBuilder, type ReportBuilderConfig } from '../report/report-builder.js';
import { overviewSampleRate } from '../report/overview-sampling.js';
import type { Dimension } from '../report/dimension-names.js';
import { runParallel, type ParallelJob } from '../parallel/run-parallel.js';
import { runnableModuleUrl } from '../parallel/runnable-module-url.js';
import { createErrorsBuilder, type ErrorsBuilderConfig } from '../report/errors-builder.js';
import { mergeErrorsReports, relocateErrorExamples, type ErrorsReport } from '../report/errors-report.js';
import { mergeAllReports, mergeReports, type Report } from '../report/report.js';
import { scanChunks } from '../scan/scan.js';
import { explainFilteredOut } from '../filter/filter-explain.js';
import type { Source } from '../sources/sources.js';

/** How sources are read: the options `analyse`, `analyseErrors` and `readRecords` share. */
export interface ReadOptions {
  /**
   * A format name (`w3c`, `combined`, `json`, …) or format string (`apache:%h %t "%r" %>s`,
   * `nginx:…`, `syslog:combined`) to read every source as, instead of detecting each one's format.
   */
  format?: string;
  /** For JSON lines and CSV of a shape logtally does not know: record field → key in the source (`{ status: 'code' }`). */
  fieldMap?: Readonly<Record<string, string>>;
  /** Offset east of UTC in minutes for formats that log local time (IIS native, NCSA without a zone); default 0. */
  localOffsetMinutes?: number;
  /** A time zone name (`Europe/Berlin`) for formats that log local time, daylight saving applied; wins over localOffsetMinutes. */
  timeZone?: string;
  /** Reject with a STRICT_REJECT LogtallyError at the first line that cannot be read, instead of counting it. */
  strict?: boolean;
  /** Lines longer than this many bytes are rejected as `line-too-long` (default 1 MiB). */
  maxLineBytes?: number;
  /** Called with the bytes read so far of the current source, for progress display. */
  onBytes?: (bytes: number) => void;
  /** Stops reading when aborted; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Only records the filter keeps are counted (or yielded); build one with `compileFilter`. */
  filter?: RecordFilter;
}

/** Options of `analyse`. */
export interface AnalyseOptions extends ReadOptions {
  /** Dimensions to group by, e.g. `['status', 'substatus', 'win32']`; none gives only the fixed tables. */
  by?: readonly Dimension[];
  /** Keys per count table before it turns approximate, with an error bound (default 100,000). */
  maxKeys?: number;
  /** Groups a `by` table keeps exactly before it turns approximate (default 20,000, or maxKeys if smaller): each carries its measures. */
  maxGroups?: number;
  /** Worker threads for large inputs (64 MB, or 8 MB over several files); 1 (the default) reads in this thread. */
  threads?: number;
  /**
   * Top URIs, top clients, slowest URIs and the bot share over all requests (report/overview.ts).
   * By default (undefined), a report without `by` has a lean one, of every line up to 4 MB of
   * input, beyond that of a sample of about 4 MB worth of lines (report/overview-sampling.ts),
   * estimates marked; sources of unknown size are counted line by line. true gives a full one of
   * every line (about 2.7 times the CPU of the default report), false none.
   */
  overview?: boolean;
}

/**
 * The overview a report gathers (see AnalyseOptions.overview); `sizes` are the sources' sizes,
 * undefined where unknown (stdin, which is then counted line by line).
 */
export function reportOverview(
  by: readonly string[],
  overview: boolean | undefined,
  sizes: readonly (number | undefined)[],
): ReportBuilderConfig['overview'] {
  if (overview !== undefined) return overview;
  if (by.length > 0) return false;
  // Of unknown size (stdin), every line is counted and the sample is not bounded.
  return sizes.includes(undefined) ? { depth: 'lean' } : { depth: 'lean', oneIn: overviewSampleRate(sizes) };
}

/** The default report as a parallel job: workers import the same builder factory. */
export function reportJob(config: ReportBuilderConfig): ParallelJob<Report> {
  return {
    create: () => createReportBuilder(config),
    factory: { module: runnableModuleUrl('../report/report-builder.js', import.meta.url).href, name: 'createReportBuilder', config },
    merge: (a, b) => mergeReports(a, b, config.maxKeys, config.maxGroups),
    mergeAll: (results) => mergeAllReports(results, config.maxKeys, config.maxGroups),
  };
}

/**
 * Reads every source into one mergeable Report: status classes, decoded codes, error URIs and
 * the `by` groups with their measures, with the accounting of every line read.
 *
 * @throws LogtallyError UNKNOWN_FORMAT or NOT_A_WEB_LOG when no source could be read as a log,
 *   IO or GZIP when one could not be read, STRICT_REJECT with `strict`, USAGE for bad options.
 */
export async function analyse(sources: readonly Source[], options: AnalyseOptions = {}): Promise<Report> {
  const by = options.by ?? [];
  const overview = reportOverview(
    by,
    options.overview,
    sources.map((s) => s.size),
  );
  const job = reportJob({ by, maxKeys: options.maxKeys, maxGroups: options.maxGroups, overview });
  const report = await runParallel(sources, job, { ...options, threads: options.threads ?? 1 });
  explainFilteredOut(report.input, options.filter?.spec);
  return report;
}

/** Options of `analyseErrors`. */
export interface ErrorsOptions extends ReadOptions {
  /** Bucket width in ms for a time series of each error group; 0 or absent for none. */
  intervalMs?: number;
  /** Worker threads for large inputs (64 MB, or 8 MB over several files); 1 (the default) reads in this thread. */
  threads?: number;
}

/** The errors report as a parallel job; its groups' examples are line numbers to relocate. */
export function errorsJob(config: ErrorsBuilderConfig): ParallelJob<ErrorsReport> {
  const module = runnableModuleUrl('../report/errors-builder.js', import.meta.url).href;
  return {
    create: () => createErrorsBuilder(config),
    factory: { module, name: 'createErrorsBuilder', config },
    merge: mergeErrorsReports,
    relocate: relocateErrorExamples,
    // Workers reading at once share the key budget: their partials all meet in the merging thread.
    inWorkers: (workers) => ({ module, name: 'createErrorsBuilder', config: { ...config, readers: workers } }),
  };
}

/**
 * Reads every source into one mergeable ErrorsReport: every 4xx, 5xx and HTTPERR group with its
 * meaning, likely cause, first and last time, top URIs and clients, latency and an example line.
 *
 * @throws LogtallyError as `analyse` does.
 */
export async function analyseErrors(sources: readonly Source[], options: ErrorsOptions = {}): Promise<ErrorsReport> {
  const report = await runParallel(sources, errorsJob({ intervalMs: options.intervalMs ?? 0 }), {
    ...options,
    threads: options.threads ?? 1,
  });
  explainFilteredOut(report.input, options.filter?.spec);
  return report;
}

/** Options of `readRecords`. */
export interface RecordsOptions extends ReadOptions {
  /** Receives the accounting of every line read when iteration ends. */
  onSummary?: (summary: InputSummary) => void;
}

/**
 * Every record of every source, normalised to W3C field names (`sc-status`, `cs-uri-stem`, …),
 * with its file, line and format.
 *
 * @throws LogtallyError as `analyse` does: when no source could be read as a log, once iteration
 *   reaches the end (after `onSummary`).
 */
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
  const wanted = wantedFields(new Set(), { ...options, allFields: true });
  const filter = options.filter;
  const sink = (record: LocatedRecord['record'], file: string, line: number, format: string) => {
    if (filter && !filter.test(record)) summary.filteredOut++;
    else visit({ record, file, line, format });
  };
  for (const source of sources) yield* scanChunks(source, summary, sink, { ...options, wanted });
  options.onSummary?.(summary);
  throwIfNothingRead(summary);
}
