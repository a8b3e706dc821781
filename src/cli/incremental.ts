/**
 * `--state FILE` and `--follow` for the commands that read logs: glue between the options, the
 * process (Ctrl-C, timers, the terminal) and the library's catch-up and follow (src/incremental).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { LogtallyError } from '../errors/logtally-error.js';
import type { ReadSoFar } from '../incremental/catch-up.js';
import type { Round } from '../incremental/follow.js';
import type { IncrementalState, StateKey } from '../incremental/state-file.js';
import type { ParallelJob, ParallelOptions } from '../parallel/run-parallel.js';
import type { OutputFormat } from '../render/render-report.js';
import { safeJson } from '../render/sanitize.js';
import { parseInterval } from '../report/time-series.js';
import type { InputSummary } from '../scan/input-summary.js';
import { resolveSources } from '../sources/sources.js';
import type { CliIO, OptionSpec, ParsedArgs } from './command.js';
import { exitForInput, FILTER_OPTIONS, filterFromArgs, integerOption, selectInputs, stringOption } from './common-options.js';
import { writeText } from './output.js';
import { writeOutput } from './output-file.js';
import { availableParallelism } from 'node:os';
import { version } from './run.js';

export const INCREMENTAL_OPTIONS: OptionSpec = {
  state: { type: 'string' },
  'rebuild-state': { type: 'boolean' },
  follow: { type: 'boolean' },
  refresh: { type: 'string' },
};

export const INCREMENTAL_HELP = `Keeping up (docs/incremental.md):
  --state FILE           remember how far each file was read and its partial result: the next
                         run reads only new lines and new files and reports over everything seen
                         (renamed, rotated, compressed and truncated files are recognised)
  --rebuild-state        start FILE afresh, e.g. after changing options or upgrading logtally
  --follow               keep reading as files grow and appear (tail -F); on a terminal the
                         report is redrawn every --refresh; piped, one JSON line per refresh
                         (NDJSON, the --format json report, or partial); Ctrl-C prints the final
                         report and exits 130
  --refresh SPAN         time between --follow refreshes (default 2s)`;

/** Exit code after Ctrl-C ends --follow, as a shell reports SIGINT. */
export const EXIT_INTERRUPTED = 130;
/** Cursor home and clear screen: the report is redrawn in place. */
const CLEAR_SCREEN = '\u001b[H\u001b[2J';
const DEFAULT_REFRESH = '2s';

export interface IncrementalSpec<Result extends { input: InputSummary }> {
  command: string;
  job: ParallelJob<Result>;
  /** The command's own options that change its partial result (--by, --interval …): a state is kept for these only. */
  shape: Record<string, unknown>;
  format: OutputFormat;
  render(result: Result, format: OutputFormat): string;
}

const RELATIVE_TIME = /^\s*\d+[smhdw]\s*$/;

/** The options a state is kept for: the command's, the filters, and how input is read. */
function stateKey(args: ParsedArgs, spec: IncrementalSpec<{ input: InputSummary }>, localTime: unknown): StateKey {
  const filters: Record<string, string> = {};
  for (const name of Object.keys(FILTER_OPTIONS)) {
    const value = stringOption(args, name);
    if (value !== undefined) filters[name] = value;
  }
  for (const bound of ['since', 'until'])
    if (RELATIVE_TIME.test(filters[bound] ?? ''))
      throw new LogtallyError('USAGE', `--state needs a fixed --${bound} (2026-11-01): "${filters[bound]}" would move at every run`);
  return {
    command: spec.command,
    tool: version(),
    options: {
      ...spec.shape,
      filters,
      'log-format': stringOption(args, 'log-format'),
      map: stringOption(args, 'map'),
      tz: localTime,
      strict: args.values.strict === true,
    },
  };
}

/**
 * Runs a command with --state and/or --follow; resolves to undefined when neither is given, so
 * the command runs as usual.
 */
export async function runIncremental<Result extends { input: InputSummary }>(
  args: ParsedArgs,
  io: CliIO,
  spec: IncrementalSpec<Result>,
): Promise<number | undefined> {
  const path = stringOption(args, 'state');
  const following = args.values.follow === true;
  if (args.values['rebuild-state'] === true && path === undefined) throw new LogtallyError('USAGE', '--rebuild-state needs --state FILE');
  if (stringOption(args, 'refresh') !== undefined && !following) throw new LogtallyError('USAGE', '--refresh needs --follow');
  if (path === undefined && !following) return undefined;
  const what = path === undefined ? '--follow' : '--state';
  if (args.positionals.includes('-')) throw new LogtallyError('USAGE', `${what} reads files and folders, not stdin (-)`);
  if (following && spec.format === 'csv')
    throw new LogtallyError('USAGE', '--follow writes a table on a terminal, JSON lines otherwise: use --format table, json or partial');
  const refreshMs = following ? refreshOption(args) : 0;
  // Loaded only for --state and --follow: every other run starts without them.
  const [{ catchUp }, { follow }, { emptyState, loadState, saveState }] = await Promise.all([
    import('../incremental/catch-up.js'),
    import('../incremental/follow.js'),
    import('../incremental/state-file.js'),
  ]);
  const threads = integerOption(args, 'threads', availableParallelism(), 1);
  const input = await selectInputs(args, io.stdin, io.timeZone);
  const options: ParallelOptions = {
    filter: filterFromArgs(args),
    format: input.format,
    fieldMap: input.fieldMap,
    ...input.localTime,
    strict: input.strict,
    threads,
  };
  const key = stateKey(args, spec, input.localTime);
  const state: IncrementalState<Result> =
    path === undefined ? emptyState(key) : await loadState<Result>(path, key, args.values['rebuild-state'] === true);
  const save = async ({ files, prefix }: ReadSoFar<Result>) => {
    if (path !== undefined)
      await saveState(path, { ...emptyState<Result>(key), files: [...files], ...(prefix === undefined ? {} : { prefix }) });
  };
  if (!following) {
    const caught = await catchUp(input.sources, state, spec.job, options);
    await save(caught);
    await writeOutput(args, io, spec.render(caught.result, spec.format));
    return exitForInput(caught.result.input, spec.command, io.stderr);
  }
  const stop = new AbortController();
  io.onInterrupt?.(() => stop.abort());
  const show = roundWriter(args, io, spec);
  await follow({
    sources: () => resolveSources(args.positionals),
    job: spec.job,
    options,
    before: state,
    refreshMs,
    signal: stop.signal,
    now: Date.now,
    sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => {}),
    onRound: async (round) => {
      // A round that read nothing leaves the state as it was.
      if (round.read.files > 0 || round.final) await save(round);
      await show(round);
    },
  });
  return EXIT_INTERRUPTED;
}

function refreshOption(args: ParsedArgs): number {
  const text = stringOption(args, 'refresh') ?? DEFAULT_REFRESH;
  try {
    return parseInterval(text);
  } catch {
    throw new LogtallyError('USAGE', `--refresh needs a span like 2s, 10s or 1m; got "${text}"`);
  }
}

/**
 * How each round is shown: redrawn in place on a terminal; else one JSON document per line, so a
 * consumer reads each refresh with a line reader. With `-o FILE` the file is rewritten atomically
 * each round instead, so a dashboard reading it never sees half a report.
 */
function roundWriter<Result extends { input: InputSummary }>(
  args: ParsedArgs,
  io: CliIO,
  spec: IncrementalSpec<Result>,
): (round: Round<Result>) => Promise<void> {
  if (args.values.output !== undefined) return (round) => writeOutput(args, io, spec.render(round.result, spec.format));
  if (io.stdoutIsTTY) return (round) => writeText(io.stdout, `${CLEAR_SCREEN}${spec.render(round.result, spec.format)}`);
  const format: OutputFormat = spec.format === 'partial' ? 'partial' : 'json';
  return (round) => writeText(io.stdout, `${safeJson(JSON.parse(spec.render(round.result, format)))}\n`);
}
