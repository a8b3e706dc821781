import { availableParallelism } from 'node:os';
import { LogtallyError } from '../../errors/logtally-error.js';
import type { InputSummary } from '../../scan/input-summary.js';
import { forTerminal } from '../../render/sanitize.js';
import { csvHeader } from '../../render/record-writer.js';
import { exportRecordsInParallel } from '../../parallel/records-parallel.js';
import { exportRecords } from '../../parallel/records-task.js';
import { EXIT_OK, EXIT_USAGE, type Command } from '../command.js';
import {
  choiceOption,
  EXIT_HELP,
  exitForInput,
  FILTER_HELP,
  helpEntry,
  FILTER_OPTIONS,
  integerOption,
  filterFromArgs,
  INPUT_HELP,
  INPUT_OPTIONS,
  selectInputs,
  stringOption,
} from '../common-options.js';
import { writeText } from '../output.js';
import { writeChunk, writesToDescriptor } from '../write-chunk.js';

const FORMATS = ['ndjson', 'csv'] as const;

/**
 * CSV columns: a header must come before the first row, so the columns are the standard W3C fields
 * every format maps to, not whatever custom fields a log happens to carry (ndjson has those);
 * --columns names others.
 */
export const CSV_COLUMNS = [
  'timestamp',
  'c-ip',
  'c-port',
  's-ip',
  's-port',
  'cs-method',
  'cs-uri-stem',
  'cs-uri-query',
  'cs-version',
  'sc-status',
  'sc-substatus',
  'sc-win32-status',
  'sc-bytes',
  'cs-bytes',
  'time-taken',
  'cs(User-Agent)',
  'cs(Referer)',
  'cs-username',
  'cs-host',
  's-sitename',
  's-computername',
  's-reason',
  's-queuename',
  'file',
  'line',
] as const;

/** --columns: a comma list of record keys (W3C names, custom fields as the log names them, file, line). */
function csvColumns(value: string | undefined): readonly string[] {
  if (value === undefined) return CSV_COLUMNS;
  const columns = value
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (columns.length === 0)
    throw new LogtallyError('USAGE', '--columns needs a comma list of field names, e.g. timestamp,c-ip,sc-status,X-Forwarded-For');
  return columns;
}

export const recordsCommand: Command = {
  name: 'records',
  summary: 'one normalised row per request (ndjson or CSV) for Elasticsearch, ClickHouse, BigQuery, Power BI',
  options: { ...INPUT_OPTIONS, ...FILTER_OPTIONS, format: { type: 'string' }, columns: { type: 'string' }, threads: { type: 'string' } },
  help: `Usage: logtally records PATH... [--format ndjson|csv] [filters]

Writes every record of every log, whatever its format, in one shape: W3C field names,
timestamp as ISO-8601 UTC, time-taken in milliseconds, numbers as numbers, and the
file and 1-based line it came from. Rejected lines are counted on stderr, not written.

Options:
  --format FORMAT        ndjson (default: one JSON object per line, only the fields
                         present, custom fields included) or csv (RFC 4180, header row,
${helpEntry(' '.repeat(25), `columns: ${CSV_COLUMNS.join(' ')})`)}
  --columns LIST         csv columns instead, in this order: record keys such as
                         timestamp,c-ip,sc-status,X-Forwarded-For,file,line (custom fields
                         as the log names them)
  --threads N            worker threads for inputs over 64 MB or several files
                         (default: the cores available); rows keep their input order
${FILTER_HELP}
${INPUT_HELP}

${EXIT_HELP}

Examples:
  logtally records C:/inetpub/logs/LogFiles/W3SVC1 > records.ndjson
  logtally records access.log.gz --log-format 'apache:%h %l %u %t "%r" %>s %b %D' --format csv > r.csv
  logtally records cloudflare.json --map status=EdgeResponseStatus | clickhouse-client -q 'INSERT INTO logs FORMAT JSONEachRow'`,
  async run(args, io) {
    const format = choiceOption(args, 'format', FORMATS, 'ndjson');
    const filter = filterFromArgs(args);
    const input = await selectInputs(args, io.stdin, io.timeZone);
    const columns = csvColumns(stringOption(args, 'columns'));
    if (format !== 'csv' && args.values.columns !== undefined) throw new LogtallyError('USAGE', '--columns applies to --format csv');
    const threads = integerOption(args, 'threads', availableParallelism(), 1);
    const seen = new Set(['file', 'line']);
    const options = { format: input.format, fieldMap: input.fieldMap, ...input.localTime, strict: input.strict, filter };
    // The header goes out with the first rows, or alone at the end: not before an unreadable input's error.
    let header = format === 'csv' ? csvHeader(columns) : '';
    // Row buffers are reused once written, when written to a file, pipe or terminal.
    const reuse = writesToDescriptor(io.stdout);
    const write = async (chunk: Buffer) => {
      if (header !== '') await writeText(io.stdout, header);
      header = '';
      await (reuse ? writeChunk(io.stdout, chunk) : writeText(io.stdout, chunk));
    };
    const parallel = await exportRecordsInParallel(input.sources, { ...options, threads }, { format, columns }, write, reuse);
    for (const column of parallel?.seen ?? []) seen.add(column);
    const summary = parallel?.input ?? (await exportRecords(input.sources, { format, columns }, seen, options, write, reuse));
    if (header !== '') await writeText(io.stdout, header);
    reportInput(summary, io.stderr);
    const unknownColumns = args.values.columns !== undefined && reportEmptyColumns(columns, seen, summary, io.stderr);
    const code = exitForInput(summary, 'records', io.stderr);
    // A column no record has is most likely misspelt: a usage error, though the rows are written.
    return code === EXIT_OK && unknownColumns ? EXIT_USAGE : code;
  },
};

/** Records written, and those read but filtered out: a filter's count is not what was written. */
function recordCounts(summary: InputSummary): string {
  const written = summary.records - summary.filteredOut;
  return summary.filteredOut === 0
    ? `${written} records written`
    : `${summary.records} records read, ${summary.filteredOut} filtered out, ${written} written`;
}

/** Skipped files and rejects go to stderr, so stdout stays pure data. (No readable file at all: readRecords throws.) */
function reportInput(summary: InputSummary, stderr: NodeJS.WritableStream): void {
  for (const skipped of summary.skipped) stderr.write(`logtally records: skipped ${forTerminal(skipped.message)}\n`);
  if (summary.rejected > 0) {
    const reasons = Object.entries(summary.rejectedByReason).map(([reason, n]) => `${reason} ${n}`);
    stderr.write(`logtally records: ${recordCounts(summary)}; ${summary.rejected} lines rejected (${reasons.join(', ')})\n`);
  }
  for (const note of summary.notes) stderr.write(`logtally records: note: ${forTerminal(note)}\n`);
}

/**
 * A --columns name no record had a value for is most likely misspelt (`status` for `sc-status`):
 * its column is empty, which a loader would take as data, so it is named on stderr.
 */
function reportEmptyColumns(
  columns: readonly string[],
  seen: ReadonlySet<string>,
  summary: InputSummary,
  stderr: NodeJS.WritableStream,
): boolean {
  if (summary.records - summary.filteredOut === 0) return false;
  const empty = columns.filter((c) => !seen.has(c));
  if (empty.length > 0)
    stderr.write(
      `logtally records: no record has ${empty.map(forTerminal).join(', ')}; fields have W3C names (sc-status, c-ip, cs-uri-stem …) or, for custom fields, the log's own\n`,
    );
  return empty.length > 0;
}
