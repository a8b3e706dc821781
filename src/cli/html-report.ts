/**
 * `--format html` on report and errors: both commands make the same page, from one scan that
 * gathers report, errors, traffic and timeline together (analyse/analyse-page.ts).
 */
import { LogtallyError } from '../errors/logtally-error.js';
import type { FilterApplied } from '../render/html/render-html.js';
import { DEFAULT_MAX_KEYS } from '../report/top-k.js';
import type { CliIO, ParsedArgs } from './command.js';
import { exitForInput, FILTER_OPTIONS, integerOption, intervalOption, readLogs, stringOption } from './common-options.js';
import { pageFromClickHouse } from './clickhouse-options.js';
import { writeOutput } from './output-file.js';

/** The filters as given, for the page's header. */
function filtersApplied(args: ParsedArgs): FilterApplied[] {
  return Object.keys(FILTER_OPTIONS).flatMap((name) => {
    const value = stringOption(args, name);
    return value === undefined ? [] : [{ option: `--${name}`, value }];
  });
}

/** Options that shape terminal, CSV or JSON tables but mean nothing on the page. */
const NOT_FOR_HTML = ['by', 'wide'];

export async function runHtmlReport(args: ParsedArgs, io: CliIO, command: string): Promise<number> {
  for (const name of NOT_FOR_HTML)
    if (args.values[name] !== undefined) throw new LogtallyError('USAGE', `--${name} does not apply to --format html`);
  // The page's modules load only for --format html: other runs start without them.
  const [{ analysePage }, { DEFAULT_HTML_TOP, renderHtml }] = await Promise.all([
    import('../analyse/analyse-page.js'),
    import('../render/html/render-html.js'),
  ]);
  const top = integerOption(args, 'top', DEFAULT_HTML_TOP);
  const items = integerOption(args, 'items', 5);
  const intervalMs = intervalOption(args);
  const maxKeys = integerOption(args, 'max-keys', DEFAULT_MAX_KEYS, 1);
  const page =
    args.values.from === undefined
      ? await readLogs(args, io, (sources, options) => analysePage(sources, { ...options, intervalMs, maxKeys }))
      : await pageFromClickHouse(args, io, intervalMs, maxKeys);
  await writeOutput(args, io, renderHtml(page, { top, items, intervalMs, filters: filtersApplied(args) }));
  return exitForInput(page.input, command, io.stderr);
}
