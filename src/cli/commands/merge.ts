/**
 * `logtally merge`: adds partial reports (`report … --format partial`) from many machines into one
 * and renders it like `report` would have. Inputs are validated: anything that is not a partial
 * report is named and refused (BAD_PARTIAL, exit 2) before any output.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { LogtallyError } from '../../errors/logtally-error.js';
import { renderErrors } from '../../render/render-errors.js';
import { renderReport, type OutputFormat } from '../../render/render-report.js';
import { mergeErrorsReports, type ErrorsReport } from '../../report/errors-report.js';
import { mergeReports, PARTIAL_VERSION, type Report } from '../../report/report.js';
import { isTimeDimension } from '../../report/dimensions.js';
import { describeFsError } from '../../sources/sources.js';
import { isIoFailure } from '../../errors/io-failure.js';
import { longLines } from '../../sources/long-lines.js';
import { errorsProblem, inputProblem, reportProblem } from '../../report/partial-check.js';
import { DEFAULT_MAX_KEYS } from '../../report/top-k.js';
import type { Command } from '../command.js';
import { measuresProblem } from '../../report/measures-check.js';
import { EXIT_OK } from '../command.js';
import { choiceOption, integerOption } from '../common-options.js';
import { useColor, writeText } from '../output.js';

const FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json', 'partial'];

type Partial = Report | ErrorsReport;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with `value` as a partial, or undefined when it is one; every field is checked (report/partial-check.ts). */
function partialProblem(value: unknown): string | undefined {
  if (!isObject(value) || (value.logtally !== 'report' && value.logtally !== 'errors'))
    return 'not a logtally partial report (make one with `logtally report … --format partial`)';
  if (value.version !== PARTIAL_VERSION)
    return `partial version ${String(value.version)}, this logtally reads version ${PARTIAL_VERSION} (make the partial again with this logtally)`;
  return (
    inputProblem(value.input) ?? (value.logtally === 'errors' ? errorsProblem(value) : (reportProblem(value) ?? measuresProblem(value)))
  );
}

function parsePartial(text: string, where: string): Partial {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LogtallyError(
      'BAD_PARTIAL',
      `${where}: not a partial report, one JSON document per line (make one with \`logtally report … --format partial\`; --format json is for reading, not merging)`,
      { file: where },
    );
  }
  const problem = partialProblem(value);
  if (problem) throw new LogtallyError('BAD_PARTIAL', `${where}: ${problem}`, { file: where });
  // Partials written before files could be read in part carry no damaged list.
  (value as Partial).input.damaged ??= [];
  return value as Partial;
}

/**
 * A partial is one line of JSON, so a file or stdin may carry several (`cat web*.json`, or
 * `for h in …; do ssh $h logtally report … --format partial; done | logtally merge -`); they are
 * read a line at a time (in time linear in their length), never as one string.
 */
async function readPartials(name: string, stream: Readable): Promise<{ path: string; value: Partial }[]> {
  const partials = [];
  let line = 0;
  try {
    for await (const text of longLines(stream)) {
      line++;
      if (text.trim() !== '') partials.push({ path: `${name}:${line}`, value: parsePartial(text, line === 1 ? name : `${name}:${line}`) });
    }
  } catch (error) {
    if (!isIoFailure(error)) throw error;
    throw describeFsError(name, error);
  } finally {
    stream.destroy();
  }
  if (partials.length === 0) throw new LogtallyError('BAD_PARTIAL', `${name}: empty, no partial report in it`, { file: name });
  return partials;
}

/** Adds partials of one kind; mixing kinds or --by dimensions is a BAD_PARTIAL error naming the file. */
export function mergePartials(partials: readonly { path: string; value: Partial }[], maxKeys: number): Partial {
  const [first, ...rest] = partials;
  let merged = first!.value;
  for (const { path, value } of rest) {
    if (value.logtally !== merged.logtally)
      throw new LogtallyError(
        'BAD_PARTIAL',
        `${path}: a partial from \`logtally ${value.logtally}\` cannot merge with partials from \`logtally ${merged.logtally}\``,
        { file: path },
      );
    try {
      merged =
        merged.logtally === 'report' ? mergeReports(merged, value as Report, maxKeys) : mergeErrorsReports(merged, value as ErrorsReport);
    } catch (error) {
      // Name the partial in the merge's own refusal; anything else is a bug and stays one.
      if (!(error instanceof LogtallyError)) throw error;
      throw new LogtallyError('BAD_PARTIAL', `${path}: ${error.message}`, { file: path }, { cause: error });
    }
  }
  return merged;
}

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'combine partial reports from many machines (report --format partial) into one',
  options: {
    top: { type: 'string' },
    items: { type: 'string' },
    wide: { type: 'boolean' },
    format: { type: 'string' },
    'max-keys': { type: 'string' },
    debug: { type: 'boolean' },
  },
  help: `Usage: logtally merge PARTIAL.json... [--top N] [--format table|csv|json|partial] [--wide]
                      [--max-keys N]
       … | logtally merge -

Adds partial reports made with \`logtally report … --format partial\` (or \`errors … --format
partial\`) on each machine, and prints the combined report as \`report\` would have printed it for
all the logs at once. Counts add exactly; a table over --max-keys keys is approximated and says by
how much a count may be over. A partial is one line of JSON: a file (or stdin, \`-\`) may hold
several, one per line.

The grouping (--by), time buckets (--interval) and filters are those the partials were made with,
so they are not options here: partials with different --by or --interval do not merge.

Options:
  --top N                rows per table (default 10 for tables, all for csv/json; 0 = all)
  --items N              errors partials: URIs and clients listed per group (default 5; 0 = none)
  --wide                 partials made with --interval, csv and table: one row per bucket, one
                         count column per group
  --format FORMAT        table (default), csv, json, or partial (to merge again later)
  --max-keys N           keys per table before it turns approximate (default 100000)
  --debug                show internal error details

Exit codes: 0 ok, 2 usage error (also a file that is not a partial report, or partials that do
not merge), 3 I/O error (a missing or unreadable file), 70 internal error (a bug in logtally:
please report it), 130 interrupted (Ctrl-C).

Examples:
  ssh web1 logtally report 'D:/logs/W3SVC1' --format partial > web1.json
  ssh web2 logtally report 'D:/logs/W3SVC1' --format partial > web2.json
  logtally merge web1.json web2.json
  logtally merge web*.json --format csv > fleet-codes.csv
  for h in web1 web2 web3; do ssh $h logtally report D:/logs --format partial; done | logtally merge -`,
  async run(args, io) {
    const format = choiceOption(args, 'format', FORMATS, 'table');
    const top = integerOption(args, 'top', format === 'table' ? 10 : 0);
    const maxKeys = integerOption(args, 'max-keys', DEFAULT_MAX_KEYS, 1);
    const items = integerOption(args, 'items', 5);
    if (args.positionals.length === 0)
      throw new LogtallyError('USAGE', 'no input: give partial report files (from `logtally report … --format partial`)');
    if (args.positionals.filter((p) => p === '-').length > 1) throw new LogtallyError('USAGE', '- (stdin) given more than once');
    const partials = [];
    for (const path of args.positionals) partials.push(...(await readPartials(path, path === '-' ? io.stdin : createReadStream(path))));
    const merged = mergePartials(partials, maxKeys);
    const wide = args.values.wide === true;
    if (wide && !isTimeSeries(merged)) throw new LogtallyError('USAGE', '--wide needs partials made with --interval');
    const render = { format, top, items, wide, width: io.columns, color: useColor(io.stdoutIsTTY, io.env) };
    await writeText(io.stdout, merged.logtally === 'report' ? renderReport(merged, render) : renderErrors(merged, render));
    return EXIT_OK;
  },
};

const isTimeSeries = (partial: Partial): boolean =>
  partial.logtally === 'report' ? partial.by.some(isTimeDimension) : partial.intervalMs > 0;
