/**
 * `logtally/internals`: the building blocks behind the front door (src/index.ts), for tools built
 * on logtally's parts: aggregators and builders, the parallel runner, report views, the code
 * tables, format detection and the sanitisers. No stability promise: these may change in any release.
 */
export { errorsJob, reportJob } from '../analyse/analyse.js';
export { runAggregator, type Aggregator, type RunOptions } from '../analyse/aggregator.js';
export { runParallel, runPlanned, type ParallelJob, type ParallelOptions } from '../parallel/run-parallel.js';
export { ReportBuilder } from '../report/report-builder.js';
export { ErrorsBuilder } from '../report/errors-builder.js';
export { emptyReport, GROUP_KEY_SEPARATOR } from '../report/report.js';
export { emptyErrorsReport } from '../report/errors-report.js';
export { errorsView, type ErrorGroupRow, type ErrorsView } from '../report/errors-view.js';
export { DIMENSIONS } from '../report/dimensions.js';
export { DIMENSION_NAMES, isDimension } from '../report/dimension-names.js';
export { parseInterval } from '../report/time-series.js';
export { LATENCY_ACCURACY, type LatencySummary } from '../report/latency.js';
export { DISTINCT_ACCURACY } from '../report/errors-distinct.js';
export {
  DIAGNOSIS_ENTRIES,
  diagnose,
  EXPLAIN_FORMS,
  HTTP_STATUS_ENTRIES,
  HTTPERR_REASON_ENTRIES,
  httpClass,
  IIS_SUBSTATUS_ENTRIES,
  WIN32_ENTRIES,
} from '../decode/index.js';
export { detectFormat, ENVELOPES, FORMATS } from '../../parsers/index.js';
export { neutraliseFormula } from '../render/sanitize.js';

// Incremental state: the pieces behind catchUp and follow
export * from '../incremental/index.js';
