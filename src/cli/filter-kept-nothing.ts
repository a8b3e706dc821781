/**
 * A report of nothing, when filters dropped every record read, must say why rather than look like
 * empty logs: which filters were given, and for a time window how times are compared.
 */
import { forTerminal } from '../render/sanitize.js';
import type { InputSummary } from '../scan/input-summary.js';
import type { ParsedArgs } from './command.js';

export function filterKeptNothing(args: ParsedArgs, filterNames: readonly string[], input: InputSummary): string | undefined {
  if (input.records === 0 || input.filteredOut < input.records) return undefined;
  const given = filterNames.filter((name) => typeof args.values[name] === 'string').map((name) => `--${name} ${args.values[name]}`);
  const window = args.values.since !== undefined || args.values.until !== undefined;
  const why = window
    ? '; --since and --until compare UTC times (a time given without a zone is UTC; a log written in local time needs --tz)'
    : '';
  return `logtally: the filters kept none of the ${input.records} records read (${forTerminal(given.join(', '))})${why}\n`;
}
