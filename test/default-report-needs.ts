/**
 * What the default report (with its sampled overview) asks the parsers to read, taken from the
 * report builder itself, so tests of the readers run under the report's own parse context.
 */
import { fixedOffset } from '../parsers/local-time.js';
import type { ParseContext } from '../parsers/types.js';
import { scanFields } from '../src/analyse/aggregator.js';
import { createReportBuilder } from '../src/report/report-builder.js';

const { wanted, errorOnly, sampledOnly } = scanFields(createReportBuilder({ by: [], overview: { depth: 'lean', oneIn: 8 } }), {});

export const DEFAULT_REPORT_NEEDS: Omit<ParseContext, 'file' | 'firstLines'> = {
  wanted,
  errorOnly,
  sampledOnly,
  localTime: fixedOffset(0),
};
