/**
 * Loads records into ClickHouse exactly once, on any server version from 18.16 (whose plain
 * MergeTree has no insert deduplication) on.
 *
 * The protocol, per batch of about BATCH_ROWS rows (one INSERT; a batch never ends inside a line):
 *  1. the rows go to `requests`, synchronously to every shard (insert_distributed_sync);
 *  2. then the ledger `load_progress` gets one row per file in the batch: lines first_line to
 *     last_line of that file are committed, with their row count.
 * A batch is sent only after the previous one's ledger rows are acknowledged, and records of a file
 * come in line order, so what the ledger commits for a file is always a prefix of it. The next batch
 * is read and encoded meanwhile; it is only its sending that waits.
 *
 * A load stopped at any point (SIGKILL included) leaves at most rows past a file's last committed
 * line: a batch stored but not yet in the ledger, or part of one whose request was cut short (no
 * atomicity of an INSERT is relied on). Before loading, `recover` waits until no earlier load's
 * statement is still running on any server, deletes every row past its file's committed line
 * (ALTER … DELETE on each shard, awaited), and checks that each file's row count equals what the
 * ledger committed. Loading then skips the lines each file has committed, so re-running on the same
 * files, or on a grown file, adds exactly the lines not yet committed. The ledger is plain data on
 * the entry server (with --cluster, the first shard); nothing depends on local state.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { LocatedRecord } from '../../parsers/record.js';
import { LogtallyError } from '../errors/logtally-error.js';
import { sqlString } from './client.js';
import { REQUEST_COLUMNS } from './schema.js';
import { tsvRow, tsvText } from './row-encoder.js';
import { BATCH_ROWS, MAX_BATCH_ROWS } from './batch-size.js';
import { filesTableName, ledgerTableName, localRequestsTable, requestsTable, type Target } from './target.js';

/** Queries the loader sends carry this prefix in their query_id, so a later load can wait for them. */
const QUERY_ID_PREFIX = 'logtally-load-';
const WAIT_MS = 120_000;
const CHUNK_CHARS = 64 * 1024;

export interface Committed {
  /** Last committed line per file. */
  lines: Map<string, number>;
  /** Rows deleted as leftovers of a stopped load. */
  removed: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new LogtallyError('IO', `gave up after ${WAIT_MS / 1000} s waiting for ${what}`);
    await sleep(200);
  }
}

const countOf = async (server: Target['entry'], sql: string): Promise<number> => Number((await server.query(sql))[0]?.[0] ?? 0);

/** Waits for statements of earlier loads (a killed client's INSERT may still be running on a server). */
async function waitForEarlierLoads(target: Target): Promise<void> {
  for (const server of target.servers)
    await waitUntil(
      `an earlier logtally load on ${server.name} to finish (is another load running?)`,
      async () => (await countOf(server, `SELECT count() FROM system.processes WHERE initial_query_id LIKE '${QUERY_ID_PREFIX}%'`)) === 0,
    );
}

/** Deletes rows past each file's committed line, and checks every file's count against the ledger. */
export async function recover(target: Target): Promise<Committed> {
  await waitForEarlierLoads(target);
  const ledger = await target.ledger.query(`SELECT file, max(last_line), sum(rows) FROM ${ledgerTableName(target)} GROUP BY file`);
  const committed = new Map(ledger.map((r) => [String(r[0]), Number(r[1])]));
  const committedRows = new Map(ledger.map((r) => [String(r[0]), Number(r[2])]));
  const stored = () => target.entry.query(`SELECT file, max(line), count() FROM ${requestsTable(target)} GROUP BY file`);
  const leftovers = (await stored()).filter((r) => Number(r[1]) > (committed.get(String(r[0])) ?? 0));
  let removed = 0;
  if (leftovers.length > 0) {
    const where = leftovers.map((r) => `(file = ${sqlString(String(r[0]))} AND line > ${committed.get(String(r[0])) ?? 0})`).join(' OR ');
    removed = await countOf(target.entry, `SELECT count() FROM ${requestsTable(target)} WHERE ${where}`);
    // One interrupted batch leaves at most a batch of rows; many more means the ledger is not the
    // one these rows were loaded with (dropped, or another database's): deleting would lose data.
    if (removed > 2 * MAX_BATCH_ROWS)
      throw new LogtallyError(
        'IO',
        `${requestsTable(target)} holds ${removed} rows the ledger ${ledgerTableName(target)} on ${target.ledger.name} does not commit, more than a stopped load leaves: not deleting them (was load_progress dropped?)`,
      );
    for (const server of target.servers) {
      await server.execute(`ALTER TABLE ${localRequestsTable(target)} DELETE WHERE ${where}`, {
        query_id: `${QUERY_ID_PREFIX}${randomUUID()}`,
      });
      await waitUntil(
        `the deletion of rows of an interrupted load on ${server.name}`,
        async () =>
          (await countOf(
            server,
            `SELECT count() FROM system.mutations WHERE database = ${sqlString(target.database)} AND table = ${sqlString(localRequestsTable(target).split('.')[1]!.replaceAll('`', ''))} AND is_done = 0`,
          )) === 0,
      );
    }
  }
  for (const row of await stored()) {
    const file = String(row[0]);
    const expected = committedRows.get(file) ?? 0;
    if (Number(row[2]) !== expected)
      throw new LogtallyError(
        'IO',
        `${requestsTable(target)} holds ${row[2]} rows of ${file} but the load ledger committed ${expected}: rows were changed outside logtally load; delete that file's rows and its load_progress rows to load it again`,
      );
  }
  return { lines: committed, removed };
}

export interface LoadProgress {
  /** Records stored in this load. */
  loaded: number;
  /** Records skipped because an earlier load committed their lines. */
  skipped: number;
  batches: number;
}

interface FileSpan {
  first: number;
  last: number;
  rows: number;
}

const INSERT_COLUMNS = REQUEST_COLUMNS.map(([name]) => name).join(', ');

/** Streams records into the target in batches, skipping committed lines; see the module comment. */
export async function loadRecords(
  target: Target,
  records: AsyncIterable<LocatedRecord>,
  committed: Committed,
  onBatch: (progress: LoadProgress) => void = () => {},
  batchRows = BATCH_ROWS,
): Promise<LoadProgress> {
  const loadId = randomUUID();
  const progress: LoadProgress = { loaded: 0, skipped: 0, batches: 0 };
  /** Lines committed before this load, skipped; committed.lines itself follows each stored batch. */
  const before = new Map(committed.lines);
  /** Last line per file put in a batch, where the file's next span starts. */
  const sent = new Map(committed.lines);
  // Rows are gathered in short strings turned into bytes as they fill: one string of a whole batch
  // is a rope of millions of pieces that costs more in garbage collection than the encoding does.
  let chunk = '';
  let body: Buffer[] = [];
  let rows = 0;
  let spans = new Map<string, FileSpan>();
  let previousFile = '';
  let previousLine = 0;
  let sending: Promise<void> | undefined;
  let batchIndex = 0;
  const send = async (batch: Buffer, batchRows: number, batchSpans: Map<string, FileSpan>, index: number) => {
    const queryId = `${QUERY_ID_PREFIX}${loadId}-${index}`;
    await target.entry.insert(`INSERT INTO ${requestsTable(target)} (${INSERT_COLUMNS}) FORMAT TabSeparated`, batch, {
      query_id: queryId,
      insert_distributed_sync: '1',
    });
    const now = String(Math.floor(Date.now() / 1000)).padStart(10, '0');
    const ledger = [...batchSpans].map(([file, s]) => `${tsvText(file)}\t${s.first}\t${s.last}\t${s.rows}\t${loadId}\t${now}\n`).join('');
    await target.ledger.insert(`INSERT INTO ${ledgerTableName(target)} FORMAT TabSeparated`, Buffer.from(ledger), {
      query_id: `${queryId}-ledger`,
    });
    for (const [file, s] of batchSpans) committed.lines.set(file, s.last);
    progress.loaded += batchRows;
    progress.batches++;
    onBatch(progress);
  };
  /**
   * Hands the gathered batch to the server while the next one is read and encoded. A batch is sent
   * only once the previous one's rows and ledger rows are stored, which the protocol rests on.
   */
  const flush = async () => {
    if (rows === 0) return;
    body.push(Buffer.from(chunk));
    const batch = Buffer.concat(body);
    const [batchRows, batchSpans] = [rows, spans];
    chunk = '';
    body = [];
    rows = 0;
    spans = new Map();
    if (sending !== undefined) await sending;
    sending = send(batch, batchRows, batchSpans, batchIndex++);
    // Its failure is thrown where it is awaited (the next flush or the end), not reported as unhandled meanwhile.
    sending.catch(() => {});
  };
  for await (const located of records) {
    const done = before.get(located.file) ?? 0;
    if (located.line <= done) {
      progress.skipped++;
      continue;
    }
    // Several records may share a line (a JSON line with a records array): a batch never ends inside a line, as the ledger commits whole lines.
    if (rows >= batchRows && (located.file !== previousFile || located.line !== previousLine)) await flush();
    previousFile = located.file;
    previousLine = located.line;
    chunk += tsvRow(located);
    if (chunk.length >= CHUNK_CHARS) {
      body.push(Buffer.from(chunk));
      chunk = '';
    }
    rows++;
    const span = spans.get(located.file);
    if (span === undefined) spans.set(located.file, { first: (sent.get(located.file) ?? 0) + 1, last: located.line, rows: 1 });
    else {
      span.last = located.line;
      span.rows++;
    }
    sent.set(located.file, located.line);
  }
  await flush();
  if (sending !== undefined) await sending;
  return progress;
}

/** A file as it was when a load began reading it. */
export interface FileState {
  file: string;
  bytes: number;
  mtimeMs: number;
}

/** Size and modification time of each file before it is read; what cannot be stat'ed as a file is left out, and read as usual. */
export async function fileStates(names: readonly string[]): Promise<FileState[]> {
  const states = await Promise.all(
    names.map(async (file) => {
      const info = await stat(file).catch(() => undefined);
      return info?.isFile() ? { file, bytes: info.size, mtimeMs: info.mtimeMs } : undefined;
    }),
  );
  return states.filter((s): s is FileState => s !== undefined);
}

const stateKey = (s: FileState): string => `${s.file}\u0000${s.bytes}\u0000${Math.trunc(s.mtimeMs)}`;

/** Of `files`, those an earlier load read to their end at this very size and modification time. */
export async function unchangedFiles(target: Target, files: readonly FileState[]): Promise<Set<string>> {
  const read = new Set(
    (await target.ledger.query(`SELECT file, bytes, mtime_ms FROM ${filesTableName(target)}`)).map((r) =>
      stateKey({ file: String(r[0]), bytes: Number(r[1]), mtimeMs: Number(r[2]) }),
    ),
  );
  return new Set(files.filter((f) => read.has(stateKey(f))).map((f) => f.file));
}

/** Notes files read to their end, after every batch of them is committed. */
export async function markFilesRead(target: Target, files: readonly FileState[], committed: Committed): Promise<void> {
  if (files.length === 0) return;
  const now = String(Math.floor(Date.now() / 1000)).padStart(10, '0');
  const rows = files
    .map((f) => `${tsvText(f.file)}\t${f.bytes}\t${Math.trunc(f.mtimeMs)}\t${committed.lines.get(f.file) ?? 0}\t${now}\n`)
    .join('');
  await target.ledger.insert(`INSERT INTO ${filesTableName(target)} FORMAT TabSeparated`, Buffer.from(rows));
}
