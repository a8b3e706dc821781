/**
 * The library's front door: records out of sources, and sources into a report.
 */
import { runAggregator, wantedFields, type RunOptions } from './aggregator.js';
import { emptyInputSummary, type InputSummary } from './input-summary.js';
import type { LocatedRecord } from './record.js';
import { ReportBuilder } from './report/report-builder.js';
import type { Report } from './report/report.js';
import { scanChunks } from './scan.js';
import type { Source } from './sources.js';

export interface AnalyseOptions extends RunOptions {
  /** Dimensions to group by, e.g. ['status', 'substatus', 'win32']. */
  by?: readonly string[];
}

/** Reads every source into one mergeable Report. */
export function analyse(sources: readonly Source[], options: AnalyseOptions = {}): Promise<Report> {
  return runAggregator(sources, new ReportBuilder(options.by ?? []), options);
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
