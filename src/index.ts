/**
 * logtally as a library: sources → records → a plain, mergeable report → table, CSV or JSON.
 * Nothing here touches `process`: callers pass streams, widths and colours in. docs/api.md has
 * runnable examples. Building blocks (aggregators, builders, code tables) are in `logtally/internals`,
 * which may change between minor versions.
 */

// Reading logs
export {
  analyse,
  analyseErrors,
  readRecords,
  type AnalyseOptions,
  type ErrorsOptions,
  type ReadOptions,
  type RecordsOptions,
} from './analyse/analyse.js';
export { fileSource, memorySource, resolveSources, streamSource, type ResolveOptions, type Source } from './sources/sources.js';
export { compileFilter, parseTimeBound, type FilterSpec } from './filter/filters.js';
export type { RecordFilter } from './analyse/aggregator.js';
export type { LocatedRecord, LogRecord } from '../parsers/record.js';

// Reports: plain data that merges
export { groupRows, type Dimension, type GroupRow, type GroupValues, type NumericDimension } from './report/group-rows.js';
export { mergeReports, type Report } from './report/report.js';
export { mergeErrorsReports, type ErrorGroupData, type ErrorsReport } from './report/errors-report.js';
export type { DamagedFile, InputSummary, RejectedSample, SkippedFile } from './scan/input-summary.js';

// Rendering
export { renderReport, type OutputFormat, type RenderOptions } from './render/render-report.js';
export { renderErrors, type ErrorsRenderOptions } from './render/render-errors.js';
export { analysePage, type PageOptions } from './analyse/analyse-page.js';
export { renderHtml, type HtmlOptions, type SlowRow, type SlowRows } from './render/html/render-html.js';

// Decoding codes
export {
  describeHttpErrReason,
  describeHttpStatus,
  describeSubstatus,
  describeWin32,
  explain,
  meaningOf,
  type CodeEntry,
  type CodeKind,
  type Explanation,
} from './decode/index.js';

// Errors
export { isLogtallyError, LogtallyError, type ErrorCode, type ErrorDetails } from './errors/logtally-error.js';

// Putting log text somewhere safely (what logtally's own renderers use)
export { csvField, forHtml, forTerminal, safeJson } from './render/sanitize.js';

// Keeping up: incremental state and following growing logs
export { errorsJob, reportJob } from './analyse/analyse.js';
export { catchUp, type CatchUpResult, type ReadSoFar } from './incremental/catch-up.js';
export { follow, type FollowOptions, type Round } from './incremental/follow.js';
export { emptyState, loadState, saveState, type IncrementalState, type StateKey } from './incremental/state-file.js';
