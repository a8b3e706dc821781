import { analyse } from '../../analyse.js';
import { renderReport, type OutputFormat } from '../../render/render-report.js';
import { DIMENSIONS } from '../../report/dimensions.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../command.js';
import { choiceOption, EXIT_HELP, INPUT_HELP, INPUT_OPTIONS, integerOption, listOption, selectInputs } from '../common-options.js';
import { writeText, useColor } from '../output.js';

const FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json', 'partial'];

export const reportCommand: Command = {
  name: 'report',
  summary: 'count requests by status, sub-status and Win32 code, with their meanings',
  options: {
    ...INPUT_OPTIONS,
    by: { type: 'string' },
    top: { type: 'string' },
    format: { type: 'string' },
  },
  help: `Usage: logtally report PATH... [--by DIMS] [--top N] [--format table|csv|json|partial]

Reads the logs and prints where every line went, status classes, the top
status.substatus.win32 combinations with their documented meaning, and the top URIs among errors.

Options:
  --by DIMS              group by a comma list of: ${Object.keys(DIMENSIONS).join(', ')}
  --top N                rows per table (default 10 for tables, all for csv/json; 0 = all)
  --format FORMAT        table (default), csv (RFC 4180, for dashboards), json, or
                         partial (mergeable data for \`logtally merge\`)
${INPUT_HELP}

${EXIT_HELP}

Examples:
  logtally report C:/inetpub/logs/LogFiles/W3SVC1
  logtally report logs/ --by status,substatus,win32 --format csv > codes.csv
  logtally report 'logs/**/u_ex*.log.gz' --by day,class --format json
  gzip -dc u_ex261101.log.gz | logtally report -`,
  async run(args, io) {
    const format = choiceOption(args, 'format', FORMATS, 'table');
    const by = listOption(args, 'by');
    const top = integerOption(args, 'top', format === 'table' ? 10 : 0);
    const input = await selectInputs(args, io.stdin, io.localOffsetMinutes);
    const report = await analyse(input.sources, {
      by,
      format: input.format,
      localOffsetMinutes: input.localOffsetMinutes,
      strict: input.strict,
    });
    await writeText(io.stdout, renderReport(report, { format, top, width: io.columns, color: useColor(io.stdoutIsTTY, io.env) }));
    return EXIT_OK;
  },
};
