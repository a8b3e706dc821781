import { analyseErrors, errorsJob } from '../../analyse/analyse.js';
import { INCREMENTAL_HELP, INCREMENTAL_OPTIONS, runIncremental } from '../incremental.js';
import type { ErrorsReport } from '../../report/errors-report.js';
import { renderErrors } from '../../render/render-errors.js';
import type { OutputFormat } from '../../render/render-report.js';
import { boundNotes } from '../../report/errors-builder.js';
import { DISTINCT_ACCURACY } from '../../report/errors-distinct.js';
import { TOP_ACCURACY } from '../../report/errors-report.js';
import { LATENCY_ACCURACY } from '../../report/latency.js';
import type { Command } from '../command.js';
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
import { refuseBesideFrom, CLICKHOUSE_OPTIONS, errorsFromClickHouse, FROM_HELP } from '../clickhouse-options.js';

const FORMATS: readonly (OutputFormat | 'html')[] = ['table', 'csv', 'json', 'partial', 'html'];

export const errorsCommand: Command = {
  name: 'errors',
  summary: 'every 4xx/5xx and HTTPERR group with meaning, likely cause, URIs, clients, latency',
  options: {
    ...INPUT_OPTIONS,
    ...FILTER_OPTIONS,
    interval: { type: 'string' },
    wide: { type: 'boolean' },
    top: { type: 'string' },
    items: { type: 'string' },
    format: { type: 'string' },
    ...CSV_OPTIONS,
    threads: { type: 'string' },
    ...OUTPUT_OPTION,
    ...INCREMENTAL_OPTIONS,
    ...CLICKHOUSE_OPTIONS,
  },
  help: `Usage: logtally errors PATH... [filters] [--interval 1m|5m|15m|1h|1d [--wide]]
                       [--format table|csv|json|partial|html] [-o FILE] [--threads N]

Groups every 4xx and 5xx response, and every HTTP.sys (HTTPERR) entry, by
status.substatus.win32 (and s-reason), sorted by count. Each group has its meaning,
likely cause, count, share of all requests, first and last seen (UTC), distinct
clients, bytes sent and received, latency from time-taken (count, mean, p50, p90,
p95, p99, max), top URIs, top clients, and an example as file:line.

Options:
  --interval SPAN        a time series: one row per UTC bucket × group (1m, 5m, 15m, 1h, 1d
                         or any N s|m|h|d); empty buckets are filled with 0; share is of the
                         bucket's requests
  --wide                 with --interval, csv and table: one row per bucket, one count column
                         per group
  --top N                groups shown (default 10 for tables, all for csv/json; 0 = all)
  --items N              URIs and clients listed per group (default 5; 0 = none)
  --format FORMAT        table (default), csv (RFC 4180, one header row, plain numbers),
                         json (\`groups\` array), partial (mergeable data), or html
                         (the same page as \`report --format html\`; see docs/html.md)
${OUTPUT_HELP}
  --threads N            worker threads for inputs over 64 MB or several files
                         (default: available cores; 1 = none)
${CSV_HELP}
${FILTER_HELP}
${INPUT_HELP}
${INCREMENTAL_HELP}
${FROM_HELP}

Accuracy:
${helpEntry('  latency: ', LATENCY_ACCURACY)}
${helpEntry('  clients: ', DISTINCT_ACCURACY)}
${helpEntry('  top URIs and clients: ', TOP_ACCURACY)}

${EXIT_HELP}

Examples:
  logtally errors C:/inetpub/logs/LogFiles/W3SVC1
  logtally errors logs/ --since 24h --status 5xx
  logtally errors logs/ --status 401.2,403 --uri '/api/*' --format json | jq '.groups[0]'
  logtally errors logs/ --interval 15m --format csv > errors-15m.csv
  logtally errors logs/ --interval 1h --wide --format csv > errors-by-hour.csv
  logtally errors C:/Windows/System32/LogFiles/HTTPERR
  logtally errors C:/inetpub/logs/LogFiles/W3SVC1 --state W3SVC1-errors.state --format json > errors.json
  logtally errors /var/log/nginx --follow --status 5xx
logtally errors --from http://127.0.0.1:8123 --since 24h --status 5xx`,
  async run(args, io) {
    const chosen = choiceOption(args, 'format', FORMATS, 'table');
    refuseBesideFrom(args);
    if (chosen === 'html') return runHtmlReport(args, io, 'errors');
    const format: OutputFormat = chosen;
    const top = integerOption(args, 'top', format === 'table' ? 10 : 0);
    const items = integerOption(args, 'items', 5);
    const intervalMs = intervalOption(args);
    const wide = wideOption(args, intervalMs);
    const color = useColor(io.stdoutIsTTY, io.env);
    const csv = csvShapeFromArgs(args, listOption);
    const render = (r: ErrorsReport, f: OutputFormat) =>
      renderErrors(r, { format: f, top: f === format ? top : integerOption(args, 'top', 0), items, wide, csv, width: io.columns, color });
    const incremental = await runIncremental(args, io, {
      command: 'errors',
      job: errorsJob({ intervalMs }),
      shape: { intervalMs },
      format,
      render,
    });
    if (incremental !== undefined) return incremental;
    const report =
      args.values.from === undefined
        ? await readLogs(args, io, (sources, options) => analyseErrors(sources, { ...options, intervalMs }))
        : await errorsFromClickHouse(args, io, intervalMs);
    await writeOutput(args, io, render(report, format));
    if (format === 'csv') for (const note of boundNotes(report.input)) io.stderr.write(`logtally errors: note: ${note}\n`);
    return exitForInput(report.input, 'errors', io.stderr);
  },
};
