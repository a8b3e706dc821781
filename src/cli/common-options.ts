/**
 * Options shared by the commands that read logs, and their translation into library options.
 */
import { isTimeZone, type LocalTimeSpec } from '../../parsers/local-time.js';
import type { Readable, Writable } from 'node:stream';
import { LogtallyError } from '../errors/logtally-error.js';
import { resolveSources, type Source } from '../sources/sources.js';
import type { RecordFilter } from '../analyse/aggregator.js';
import { compileFilter, parseTimeBound } from '../filter/filters.js';
import { EXCLUDE_HELP, EXCLUDE_OPTIONS, excludeFromArgs } from './exclude-options.js';
import { parseInterval } from '../report/time-series.js';
import { parseFieldMap } from '../../parsers/field-map.js';
import { availableParallelism } from 'node:os';
import type { ParallelOptions } from '../parallel/run-parallel.js';
import { EXIT_IO, EXIT_OK, type CliIO, type OptionSpec, type ParsedArgs } from './command.js';
import type { InputSummary } from '../scan/input-summary.js';
import { forTerminal } from '../render/sanitize.js';
import { createProgress } from './progress.js';
import { filterKeptNothing } from './filter-kept-nothing.js';
import { wrapProse } from '../render/wrap.js';

/** Help text is laid out for a terminal this wide. */
const HELP_WIDTH = 100;

/** A help entry built from data (a list of dimensions or columns), wrapped under its first word. */
export const helpEntry = (lead: string, text: string): string => wrapProse(lead, text, HELP_WIDTH).join('\n');

export const INPUT_OPTIONS: OptionSpec = {
  'log-format': { type: 'string' },
  map: { type: 'string' },
  tz: { type: 'string' },
  strict: { type: 'boolean' },
  debug: { type: 'boolean' },
};

export const INPUT_HELP = `Input options:
  PATH...                files, folders (recursive: *.log, *_log, rotated *.log.1 or *.log-20240101,
                         and .gz of each), globs, .gz files, or - for stdin
  --log-format NAME      skip detection and read every file as NAME (w3c, httperr, iis-native,
                         common, combined, combinedio, vhost_combined, nginx-main, traefik,
                         json, csv, …), or as apache:'LOGFORMAT' / nginx:'LOG_FORMAT' (a format
                         string, a nickname, or the LogFormat / log_format line from the config);
                         inside an envelope as syslog:NAME, docker:NAME, cri:NAME, compose:NAME
                         or timestamps:NAME
  --map FIELD=KEY,...    JSON/CSV keys for record fields, e.g. status=EdgeResponseStatus,uri=path,
                         duration=elapsed:s (units s, ms, us, ns; default ms)
  --tz ZONE              zone of logs written in local time (IIS native, time-local, CLF without
                         an offset): +02:00, -0500, UTC, or a name such as America/New_York
                         (daylight saving applied); default the machine's zone
  --strict               stop at the first rejected line (exit 1), naming file and line
  --debug                show internal error details`;

export const EXIT_HELP = `Exit codes: 0 ok, 1 data problem (--strict reject, no readable log), 2 usage error,
3 I/O error (a file partly unreadable, such as a truncated .gz, still gets its report, then exit 3),
70 internal error (a bug in logtally: please report it), 130 interrupted (Ctrl-C).`;

/**
 * A file read only in part (a truncated .gz) still gives its lines to the output, as zcat and
 * ripgrep do; the damage is named on stderr and the exit code says the input was incomplete.
 */
export function exitForInput(input: InputSummary, command: string, stderr: Writable): number {
  for (const damaged of input.damaged) stderr.write(`logtally ${command}: ${forTerminal(damaged.message)}\n`);
  return input.damaged.length > 0 ? EXIT_IO : EXIT_OK;
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(args: ParsedArgs, name: string): string[] {
  const value = stringOption(args, name);
  return value === undefined
    ? []
    : value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0);
}

/** A whole number of at least `least`; anything else is refused rather than bent into range. */
export function integerOption(args: ParsedArgs, name: string, fallback: number, least: 0 | 1 = 0): number {
  const value = stringOption(args, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < least)
    throw new LogtallyError('USAGE', `--${name} needs a whole number (${least} or more), got "${value}"`);
  return Number(value);
}

/**
 * Each worker holds its own tables (hundreds of MB on a big input), so more threads than cores
 * gains nothing and costs memory: 150 threads took 3 GB. Up to 64, or four per core.
 */
export const MAX_THREADS = Math.max(64, availableParallelism() * 4);

function threadsOption(args: ParsedArgs): number {
  const threads = integerOption(args, 'threads', availableParallelism(), 1);
  if (threads > MAX_THREADS)
    throw new LogtallyError(
      'USAGE',
      `--threads ${threads} is more than this machine can use: at most ${MAX_THREADS} (${availableParallelism()} cores)`,
    );
  return threads;
}

export function choiceOption<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const value = stringOption(args, name) ?? fallback;
  if (!choices.includes(value as T)) throw new LogtallyError('USAGE', `--${name} must be one of ${choices.join(', ')}; got "${value}"`);
  return value as T;
}

/** `+02:00`, `-0500`, `+2`, `UTC`/`Z` → a fixed offset; `Europe/Berlin` → that zone, daylight saving included. */
export function parseTimeZone(text: string): LocalTimeSpec {
  if (/^(utc|z|gmt)$/i.test(text)) return { localOffsetMinutes: 0 };
  const match = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (match) {
    const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
    // Real offsets run from -12:00 to +14:00.
    if (Number(match[3] ?? 0) >= 60 || minutes > 14 * 60)
      throw new LogtallyError('USAGE', `--tz offset out of range (at most ±14:00, minutes under 60): "${text}"`);
    return { localOffsetMinutes: match[1] === '-' ? -minutes : minutes };
  }
  if (isTimeZone(text)) return { timeZone: text };
  throw new LogtallyError('USAGE', `--tz needs an offset like +02:00 or -0500, or a time zone name like Europe/Berlin; got "${text}"`);
}

function mapOption(args: ParsedArgs): Record<string, string> | undefined {
  const value = stringOption(args, 'map');
  if (value === undefined) return undefined;
  try {
    return parseFieldMap(value);
  } catch (error) {
    throw new LogtallyError('USAGE', (error as Error).message);
  }
}

export interface InputSelection {
  sources: Source[];
  format?: string;
  fieldMap?: Record<string, string>;
  localTime: LocalTimeSpec;
  strict: boolean;
}

export async function selectInputs(args: ParsedArgs, stdin: Readable, machineTimeZone: string): Promise<InputSelection> {
  if (args.positionals.length === 0) throw new LogtallyError('USAGE', 'no input: give files, folders, globs, or - for stdin');
  const tz = stringOption(args, 'tz');
  return {
    sources: await resolveSources(args.positionals, { stdin }),
    format: stringOption(args, 'log-format'),
    fieldMap: mapOption(args),
    localTime: parseTimeZone(tz ?? machineTimeZone),
    strict: args.values.strict === true,
  };
}

/** Record filters shared by the commands that read logs. */
export const FILTER_OPTIONS: OptionSpec = {
  since: { type: 'string' },
  until: { type: 'string' },
  status: { type: 'string' },
  uri: { type: 'string' },
  site: { type: 'string' },
  host: { type: 'string' },
  client: { type: 'string' },
  method: { type: 'string' },
  ...EXCLUDE_OPTIONS,
};

export const FILTER_HELP = `Filters (records that fail one are counted as "filtered out"):
  --since TIME           keep records at or after TIME: ISO-8601 (2021-04-01, 2021-04-01T10:00Z,
                         no zone = UTC) or an age before now (30m, 24h, 7d, 2w)
  --until TIME           keep records before TIME (same forms)
  --status LIST          comma list of 5xx (class), 404, 401.2, 500.19.13
  --uri GLOBS            URI path globs, * any characters (also /), ? one; case-insensitive
  --site, --host, --client, --method LIST
                         comma lists of values or globs for s-sitename, cs-host, c-ip, cs-method;
                         --client also takes CIDR ranges (10.0.0.0/8, 2001:db8::/32)
${EXCLUDE_HELP}`;

/** Compiles the filter options once; undefined when none is given. */
export function filterFromArgs(args: ParsedArgs, now: number = Date.now()): RecordFilter | undefined {
  const since = stringOption(args, 'since');
  const until = stringOption(args, 'until');
  return compileFilter({
    since: since === undefined ? undefined : parseTimeBound(since, now, 'since'),
    until: until === undefined ? undefined : parseTimeBound(until, now, 'until'),
    status: listOption(args, 'status'),
    uri: listOption(args, 'uri'),
    site: listOption(args, 'site'),
    host: listOption(args, 'host'),
    client: listOption(args, 'client'),
    method: listOption(args, 'method'),
    ...excludeFromArgs(args, listOption),
  });
}

/** --interval in ms, 0 when not given. */
export function intervalOption(args: ParsedArgs): number {
  const value = stringOption(args, 'interval');
  return value === undefined ? 0 : parseInterval(value);
}

/** --wide pivots a time series, so without --interval there is nothing to pivot. */
export function wideOption(args: ParsedArgs, intervalMs: number): boolean {
  const wide = args.values.wide === true;
  if (wide && intervalMs === 0) throw new LogtallyError('USAGE', '--wide needs --interval, e.g. --interval 5m');
  return wide;
}

/**
 * The input, filter and thread options of a report command as the library takes them, with a
 * progress bar on stderr (TTY only) while `read` runs.
 */
export async function readLogs<T>(
  args: ParsedArgs,
  io: CliIO,
  read: (sources: readonly Source[], options: ParallelOptions) => Promise<T>,
): Promise<T> {
  const threads = threadsOption(args);
  const filter = filterFromArgs(args);
  const input = await selectInputs(args, io.stdin, io.timeZone);
  const progress = createProgress(io.stderr, io.stderrIsTTY, input.sources);
  try {
    const result = await read(progress.sources, {
      filter,
      format: input.format,
      fieldMap: input.fieldMap,
      ...input.localTime,
      strict: input.strict,
      onBytes: progress.onBytes,
      threads,
    });
    const keptNothing = filterKeptNothing(args, Object.keys(FILTER_OPTIONS), (result as { input: InputSummary }).input);
    if (keptNothing !== undefined) io.stderr.write(keptNothing);
    return result;
  } finally {
    progress.done();
  }
}
