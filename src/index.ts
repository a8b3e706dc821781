/**
 * logtally as a library: sources → records → a plain, mergeable Report → table, CSV or JSON.
 * Nothing here touches `process`: callers pass streams, widths and colours in.
 */
export { analyse, analyseErrors, readRecords, type AnalyseOptions, type ErrorsOptions, type RecordsOptions } from './analyse/analyse.js';
export { ErrorsBuilder } from './report/errors-builder.js';
export { mergeErrorsReports, emptyErrorsReport, type ErrorsReport, type ErrorGroupData } from './report/errors-report.js';
export { errorsView, type ErrorGroupRow, type ErrorsView } from './report/errors-view.js';
export { renderErrors, type ErrorsRenderOptions } from './render/render-errors.js';
export { compileFilter, parseTimeBound, type FilterSpec } from './filter/filters.js';
export { parseInterval } from './report/time-series.js';
export { LATENCY_ACCURACY, type LatencySummary } from './report/latency.js';
export { DISTINCT_ACCURACY } from './report/errors-distinct.js';
export { runAggregator, type Aggregator, type RecordFilter, type RunOptions } from './analyse/aggregator.js';
export { resolveSources, fileSource, memorySource, streamSource, type Source, type ResolveOptions } from './sources/sources.js';
export { mergeReports, emptyReport, type Report } from './report/report.js';
export { ReportBuilder } from './report/report-builder.js';
export { DIMENSIONS } from './report/dimensions.js';
export { renderReport, type RenderOptions, type OutputFormat } from './render/render-report.js';
export { LogtallyError, isLogtallyError, type ErrorCode } from './errors/logtally-error.js';
export type { DamagedFile, InputSummary, RejectedSample, SkippedFile } from './scan/input-summary.js';
export type { LogRecord, LocatedRecord } from '../parsers/record.js';
export { FORMATS, ENVELOPES, detectFormat } from '../parsers/index.js';
export * from './decode/index.js';
export { forTerminal, csvField, forHtml, safeJson, neutraliseFormula } from './render/sanitize.js';
export * from './incremental/index.js';
