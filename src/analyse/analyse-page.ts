/**
 * The HTML page's data in one scan: report, errors, traffic and timeline together (see
 * report/page-builder.ts), on worker threads when the input is large, like every other report.
 */
import { runParallel, type ParallelJob, type ParallelOptions } from '../parallel/run-parallel.js';
import { createPageBuilder, type PageBuilderConfig } from '../report/page-builder.js';
import { mergePageData, relocatePageExamples, withSharedInput, type PageData } from '../report/page-data.js';
import { DEFAULT_MAX_KEYS } from '../report/top-k.js';

/** Options of `analysePage`: what any read takes, plus the report and errors settings the page shows. */
export interface PageOptions extends ParallelOptions {
  /** --interval in ms for the over-time chart; 0 or absent lets the page choose from the span. */
  intervalMs?: number;
  /** Keys per count table before it turns approximate (see report/top-k.ts). */
  maxKeys?: number;
}

export function pageJob(config: PageBuilderConfig): ParallelJob<PageData> {
  return {
    create: () => createPageBuilder(config),
    factory: { module: new URL('../report/page-builder.js', import.meta.url).href, name: 'createPageBuilder', config },
    merge: (a, b) => mergePageData(a, b, config.maxKeys ?? DEFAULT_MAX_KEYS),
    relocate: relocatePageExamples,
  };
}

/**
 * Reads the sources once and gathers everything the HTML page shows (report, errors, traffic, timeline),
 * on worker threads when the input is large. Feed the result to `renderHtml`.
 */
export async function analysePage(sources: Parameters<typeof runParallel>[0], options: PageOptions = {}): Promise<PageData> {
  const config = { intervalMs: options.intervalMs ?? 0, maxKeys: options.maxKeys ?? DEFAULT_MAX_KEYS };
  const page = await runParallel(sources, pageJob(config), { ...options, threads: options.threads ?? 1 });
  return withSharedInput(page);
}
