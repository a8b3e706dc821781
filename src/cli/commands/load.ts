import { readRecords } from '../../analyse/analyse.js';
import { BATCH_ROWS, MAX_BATCH_ROWS } from '../../clickhouse/batch-size.js';
import { LogtallyError } from '../../errors/logtally-error.js';
import { nothingReadMessage, type InputSummary } from '../../scan/input-summary.js';
import { forTerminal } from '../../render/sanitize.js';
import type { Command } from '../command.js';
import { clickHouseOptions, CLICKHOUSE_HELP } from '../clickhouse-options.js';
import { EXIT_HELP, exitForInput, INPUT_HELP, INPUT_OPTIONS, integerOption, selectInputs } from '../common-options.js';
import { createProgress } from '../progress.js';

export const loadCommand: Command = {
  name: 'load',
  summary: 'load decoded records into ClickHouse, exactly once, for SQL, Grafana and report --from',
  options: {
    ...INPUT_OPTIONS,
    to: { type: 'string' },
    database: { type: 'string' },
    cluster: { type: 'string' },
    'batch-rows': { type: 'string' },
  },
  help: `Usage: logtally load PATH... --to URL [--database NAME] [--cluster NAME [--to URL,URL...]]

Decodes the logs and stores one row per record in the ClickHouse table NAME.requests
(created when missing, with the code tables NAME.codes and the ledger NAME.load_progress).
Exactly once: running it again on the same files, or on files that have grown, adds only
lines not loaded yet; a load that was stopped (even killed) is completed, never doubled.
Files are known by their path as given, so load them by the same path each time.

Options:
${CLICKHOUSE_HELP}
  --batch-rows N         rows per INSERT (default ${BATCH_ROWS.toLocaleString('en-US')}; at most 1,000,000)

${INPUT_HELP}

${EXIT_HELP}
Unreachable server: exit 3; refused login or an existing table of another schema: exit 2.

Examples:
  logtally load C:/inetpub/logs/LogFiles --to http://127.0.0.1:8123
  CLICKHOUSE_PASSWORD=… logtally load logs/ --to http://loader@ch1:8123 --database weblogs
  logtally load logs/ --cluster farm --to http://ch1:8123,http://ch2:8123
  logtally report --from http://127.0.0.1:8123 --by day,class`,
  async run(args, io) {
    // The ClickHouse modules load with this command only: every other command starts without them.
    const [
      { ensureCodeTables },
      { fileStates, loadRecords, markFilesRead, recover, unchangedFiles },
      { checkCluster, ensureTables, openTarget },
    ] = await Promise.all([
      import('../../clickhouse/code-tables.js'),
      import('../../clickhouse/load.js'),
      import('../../clickhouse/target.js'),
    ]);
    const target = openTarget(clickHouseOptions(args, io.env, 'to'));
    const batchRows = integerOption(args, 'batch-rows', BATCH_ROWS, 1);
    if (batchRows > MAX_BATCH_ROWS)
      throw new LogtallyError('USAGE', `--batch-rows is at most ${MAX_BATCH_ROWS} (one ClickHouse block); got ${batchRows}`);
    if (args.positionals.includes('-'))
      throw new LogtallyError('USAGE', 'load reads files, not stdin: a file is resumed by its path, which stdin has not');
    const input = await selectInputs(args, io.stdin, io.timeZone);
    await checkCluster(target, true);
    await ensureTables(target);
    await ensureCodeTables(target);
    const committed = await recover(target);
    if (committed.removed > 0)
      io.stderr.write(`logtally load: removed ${committed.removed} rows an interrupted load had stored past its last committed line\n`);
    const states = await fileStates(input.sources.map((s) => s.name));
    const unchanged = await unchangedFiles(target, states);
    const sources = input.sources.filter((s) => !unchanged.has(s.name));
    const progress = createProgress(io.stderr, io.stderrIsTTY, sources);
    let summary: InputSummary | undefined;
    let result;
    try {
      const records = readRecords(progress.sources, {
        format: input.format,
        fieldMap: input.fieldMap,
        ...input.localTime,
        strict: input.strict,
        onBytes: progress.onBytes,
        onSummary: (s) => (summary = s),
      });
      result = await loadRecords(target, records, committed, () => {}, batchRows);
    } finally {
      progress.done();
    }
    const incomplete = new Set([...summary!.skipped, ...summary!.damaged].map((f) => f.file));
    await markFilesRead(
      target,
      states.filter((f) => !unchanged.has(f.file) && !incomplete.has(f.file)),
      committed,
    );
    if (summary!.files === 0 && summary!.skipped.length > 0)
      throw new LogtallyError(
        summary!.skipped[0]!.code === 'NOT_A_WEB_LOG' ? 'NOT_A_WEB_LOG' : 'UNKNOWN_FORMAT',
        nothingReadMessage(summary!),
      );
    for (const skipped of summary!.skipped) io.stderr.write(`logtally load: skipped ${forTerminal(skipped.message)}\n`);
    const rejected = summary!.rejected > 0 ? `; ${summary!.rejected} lines rejected (not loaded)` : '';
    const same =
      unchanged.size > 0 ? `; ${unchanged.size} ${unchanged.size === 1 ? 'file' : 'files'} unchanged since loaded, not read again` : '';
    io.stderr.write(
      `logtally load: ${result.loaded} records loaded into ${target.database}.requests in ${result.batches} batches, ${result.skipped} already loaded${rejected}${same}\n`,
    );
    return exitForInput(summary!, 'load', io.stderr);
  },
};
