import { analyse, reportJob, reportOverview } from '../../analyse/analyse.js';
import { INCREMENTAL_HELP, INCREMENTAL_OPTIONS, runIncremental } from '../incremental.js';
import { renderReport, type OutputFormat } from '../../render/render-report.js';
import { DIMENSIONS, isTimeDimension, TIME_DIMENSION, timeDimensionName } from '../../report/dimensions.js';
import { formatInterval, parseInterval } from '../../report/time-series.js';
import { LogtallyError } from '../../errors/logtally-error.js';
import { DEFAULT_MAX_GROUPS, DEFAULT_MAX_KEYS } from '../../report/top-k.js';
import { GROUP_SORTS } from '../../report/group-columns.js';
import type { Report } from '../../report/report.js';
import type { Command } from '../command.js';
import { dimensionsOf } from '../by-option.js';
import {
  choiceOption,
  EXIT_HELP,
  exitForInput,
  FILTER_HELP,
  FILTER_OPTIONS,
  helpEntry,
  INPUT_HELP,
  INPUT_OPTIONS,
  integerOption,
  intervalOption,
  listOption,
  readLogs,
  wideOption,
} from '../common-options.js';
import { useColor } from '../output.js';
import { runHtmlReport } from '../html-report.js';
import { OUTPUT_HELP, OUTPUT_OPTION, writeOutput } from '../output-file.js';
import { CSV_HELP, CSV_OPTIONS, csvShapeFromArgs } from '../csv-options.js';
import { refuseBesideFrom, CLICKHOUSE_OPTIONS, FROM_HELP, reportFromClickHouse } from '../clickhouse-options.js';

const FORMATS: readonly (OutputFormat | 'html')[] = ['table', 'csv', 'json', 'partial', 'html'];

export const reportCommand: Command = {
  name: 'report',
  summary: 'count requests by status, sub-status and Win32 code, with their meanings',
  options: {
    ...INPUT_OPTIONS,
    ...FILTER_OPTIONS,
    by: { type: 'string' },
    interval: { type: 'string' },
    wide: { type: 'boolean' },
    top: { type: 'string' },
    format: { type: 'string' },
    ...CSV_OPTIONS,
    threads: { type: 'string' },
    'max-keys': { type: 'string' },
    'max-groups': { type: 'string' },
    ...OUTPUT_OPTION,
    sort: { type: 'string' },
    overview: { type: 'boolean' },
    ...INCREMENTAL_OPTIONS,
    ...CLICKHOUSE_OPTIONS,
  },
  help: `Usage: logtally report PATH... [--by DIMS] [--top N] [--format table|csv|json|partial|html]
                       [-o FILE] [--threads N]

Reads the logs and prints where every line went, status classes, the top
status.substatus.win32 combinations with their documented meaning, and the top URIs among errors.

Options:
${helpEntry('  --by DIMS              ', `group by a comma list of: ${[...Object.keys(DIMENSIONS), 'time'].join(', ')}`)}
  --interval SPAN        add a \`time\` dimension (UTC bucket start, ISO-8601): 1m, 5m, 15m, 1h,
                         1d or any N s|m|h|d; empty buckets are filled with 0; share is of
                         the bucket's requests
  --wide                 with --interval: one row per bucket, one count column per group
  --sort KEY             order --by groups by count (the default, but day, hour, hour-of-day
                         and weekday read in time order with empty periods as 0), bytes, p95,
                         p99, mean, max (latency, ms) or clients (distinct), largest first
  --overview             top URIs, top clients, slowest URIs (p95) and bots from every line,
                         with a URI's distinct clients and a client's latency (about 2.7 times
                         the CPU); without it the report shows them lean, and past 4 MB of input
                         estimated from a sample of lines (marked); with --by, only with it
  --top N                rows per table (default 10 for tables, all for csv/json; 0 = all)
  --format FORMAT        table (default), csv (RFC 4180, for dashboards), json,
                         partial (mergeable data for \`logtally merge\`), or html (one
                         self-contained page: accounting, over-time chart, errors, traffic;
                         --top defaults to 25 there; see docs/html.md)
${OUTPUT_HELP}
  --threads N            worker threads for inputs over 64 MB or several files
                         (default: available cores; 1 = none)
  --max-keys N           keys per table before it turns approximate, with its error bound
                         shown (default 100000)
  --max-groups N         groups a --by table keeps exactly (default 20000, or --max-keys
                         if smaller); each costs about 1 KB of memory (docs/memory.md)
${CSV_HELP}
${FILTER_HELP}
${INPUT_HELP}
${INCREMENTAL_HELP}
${FROM_HELP}

${EXIT_HELP}

Examples:
  logtally report C:/inetpub/logs/LogFiles/W3SVC1
  logtally report C:/inetpub/logs/LogFiles/W3SVC1 --state W3SVC1.state --format csv > codes.csv
  logtally report /var/log/nginx --follow --by class
  logtally report logs/ --by status,substatus,win32 --format csv > codes.csv
  logtally report 'logs/**/u_ex*.log.gz' --by day,class --format json
  logtally report logs/ --interval 5m --by class --since 24h --format csv > classes-5m.csv
  logtally report logs/ --interval 1h --by class --wide --format csv
  logtally report logs/ --format html -o report.html
  gzip -dc u_ex261101.log.gz | logtally report -
  logtally report --from http://127.0.0.1:8123 --by day,class --since 7d`,
  async run(args, io) {
    const chosen = choiceOption(args, 'format', FORMATS, 'table');
    refuseBesideFrom(args);
    if (chosen === 'html') return runHtmlReport(args, io, 'report');
    const format: OutputFormat = chosen;
    const { by: names, intervalMs } = timeDimension(listOption(args, 'by'), intervalOption(args));
    const by = dimensionsOf(names);
    const wide = wideOption(args, intervalMs);
    const top = integerOption(args, 'top', format === 'table' ? 10 : 0);
    const maxKeys = integerOption(args, 'max-keys', DEFAULT_MAX_KEYS, 1);
    const maxGroups = args.values['max-groups'] === undefined ? undefined : integerOption(args, 'max-groups', DEFAULT_MAX_GROUPS, 1);
    const sort = args.values.sort === undefined ? undefined : choiceOption(args, 'sort', GROUP_SORTS, 'count');
    // Undefined: the default report's own overview (a lean one without --by; analyse/analyse.ts).
    const overview = args.values.overview === true ? true : undefined;
    const color = useColor(io.stdoutIsTTY, io.env);
    const csv = csvShapeFromArgs(args, listOption);
    const render = (r: Report, f: OutputFormat) =>
      renderReport(r, { format: f, top: f === format ? top : integerOption(args, 'top', 0), wide, sort, csv, width: io.columns, color });
    const incremental = await runIncremental(args, io, {
      command: 'report',
      // Runs that keep up read a little at a time: their overview counts every line.
      job: reportJob({ by, maxKeys, maxGroups, overview: reportOverview(by, overview, [undefined]) }),
      shape: { by, maxKeys, overview: reportOverview(by, overview, [undefined]) },
      format,
      render,
    });
    if (incremental !== undefined) return incremental;
    const report =
      args.values.from === undefined
        ? await readLogs(args, io, (sources, options) => analyse(sources, { ...options, by, maxKeys, maxGroups, overview }))
        : await reportFromClickHouse(args, io, by, maxKeys);
    await writeOutput(args, io, render(report, format));
    return exitForInput(report.input, 'report', io.stderr);
  },
};

/**
 * The time dimension: `--interval 5m` puts `time:5m` where `--by` names `time`, or first; `--by
 * time:5m` (the name a partial report carries) is the same as `--by time --interval 5m`. A report
 * has one time dimension at most: two would show one of them as raw epoch milliseconds.
 */
function timeDimension(by: string[], intervalMs: number): { by: string[]; intervalMs: number } {
  const times = by.filter((d) => d === TIME_DIMENSION || isTimeDimension(d));
  if (times.length > 1) throw new LogtallyError('USAGE', `--by takes one time dimension; got ${times.join(', ')}`);
  const named = times.find(isTimeDimension);
  if (named !== undefined) {
    const namedMs = parseInterval(named.slice(TIME_DIMENSION.length + 1));
    if (intervalMs !== 0 && intervalMs !== namedMs)
      throw new LogtallyError('USAGE', `--by ${named} and --interval ${formatInterval(intervalMs)} disagree; give one of them`);
    return { by: by.map((d) => (d === named ? timeDimensionName(namedMs) : d)), intervalMs: namedMs };
  }
  if (intervalMs === 0) {
    if (times.length > 0) throw new LogtallyError('USAGE', '--by time needs --interval, e.g. --interval 5m');
    return { by, intervalMs };
  }
  const name = timeDimensionName(intervalMs);
  return { by: times.length === 0 ? [name, ...by] : by.map((d) => (d === TIME_DIMENSION ? name : d)), intervalMs };
}
