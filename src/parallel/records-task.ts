/**
 * One unit of a parallel records export: a whole file, or a byte range of one, encoded as export
 * rows (CSV or NDJSON) in chunks. Worker threads and the main thread (a range re-read with the
 * right W3C header) run exactly this, so both give the same bytes.
 */
import type { LocatedRecord, LogRecord } from '../../parsers/record.js';
import { throwIfNothingRead, type RecordFilter } from '../analyse/aggregator.js';
import type { ReadOptions } from '../analyse/analyse.js';
import { compileFilter } from '../filter/filters.js';
import { ChunkPool } from '../render/chunk-pool.js';
import { PlainW3cRows } from '../render/plain-w3c-rows.js';
import { csvEncoder, ndjsonEncoder, RowBuffer, type RowEncoder } from '../render/record-writer.js';
import type { Source } from '../sources/sources.js';
import { emptyInputSummary, type InputSummary } from '../scan/input-summary.js';
import { scanChunks } from '../scan/scan.js';
import { fileSource } from '../sources/sources.js';
import type { PlainScanOptions, ScanTask } from './scan-task.js';
import { rangeSource } from './scan-task.js';
import { HeaderTracker, preambleOf, type HeaderState } from './w3c-header.js';

/** How rows are written, as plain data a worker can receive. */
export interface RecordsEncoding {
  format: 'csv' | 'ndjson';
  /** CSV columns. */
  columns: readonly string[];
  /**
   * false: every line goes through the parser and the record encoder, none is written straight
   * from its bytes (plain-w3c-rows.ts); the output is the same, which tests check.
   */
  plainRows?: boolean;
}

export interface RecordsTask extends ScanTask {
  /** Lines of the file before the range: the `line` of each row counts from the file's start. */
  lineOffset: number;
}

export interface RecordsTaskOutput {
  /** The accounting of the task's lines; rejected samples number lines from the range's start. */
  input: InputSummary;
  /** Directives the range leaves in force for the next one. */
  header: HeaderState;
  /** Whether the range's lines depended on the `#Date` it was started with. */
  inheritedDateUsed: boolean;
  /** CSV columns some record had a value for. */
  seen: string[];
}

export function rowEncoder(encoding: RecordsEncoding, seen: Set<string>): RowEncoder {
  return encoding.format === 'csv' ? csvEncoder(encoding.columns, seen) : ndjsonEncoder();
}

/** Rows for the tasks of one export: kept from task to task by a worker, so its row code stays compiled and warm. */
export const taskRows = (encoding: RecordsEncoding, options: PlainScanOptions, pool?: ChunkPool): RecordRows =>
  new RecordRows(
    encoding,
    new Set(),
    options.filter === undefined ? undefined : compileFilter(options.filter),
    emptyInputSummary(),
    0,
    pool,
  );

/**
 * Encodes the task's records into chunks of about ROW_CHUNK_BYTES, handed to `emit` in order;
 * waits for `emit` between chunks of input, so a caller can hold the task back (back-pressure).
 * `rows` (from taskRows, with the same encoding and options) may be one that earlier tasks used.
 */
export async function runRecordsTask(
  task: RecordsTask,
  encoding: RecordsEncoding,
  options: PlainScanOptions,
  emit: (chunk: Buffer) => void | Promise<void>,
  source: Source = task.range ? rangeSource(task.file, task.range.start, task.range.end) : fileSource(task.file),
  rows: RecordRows = taskRows(encoding, options),
): Promise<RecordsTaskOutput> {
  const input = emptyInputSummary();
  const tracker = new HeaderTracker(task.header ?? {});
  rows.startTask(input, task.lineOffset);
  const chunks = scanChunks(source, input, rows.sink, {
    ...options,
    plainRows: rows.plain,
    wanted: 'all',
    format: task.format ?? options.format,
    preamble: task.header ? preambleOf(task.header) : undefined,
    onDirective: (line) => tracker.see(line),
  });
  for await (const _ of chunks) if (rows.full) await emit(rows.take());
  if (rows.size > 0) await emit(rows.take());
  return { input, header: tracker.seen, inheritedDateUsed: tracker.inheritedDateUsed, seen: [...rows.seen] };
}

/**
 * Records through the filter into rows: the sink the scanner calls for each record. The record
 * goes to the encoder in one reused object, since the encoder keeps nothing of it. Without a
 * filter, plain W3C lines are written straight from their bytes by `plain`, before any record.
 */
export class RecordRows extends RowBuffer {
  private readonly located: LocatedRecord = { record: {}, file: '', line: 0, format: '' };
  private readonly toRow: RowEncoder;
  readonly plain?: PlainW3cRows;

  constructor(
    encoding: RecordsEncoding,
    /** CSV columns some record had a value for. */
    readonly seen: Set<string>,
    private readonly filter: RecordFilter | undefined,
    private input: InputSummary,
    private lineOffset = 0,
    pool?: ChunkPool,
  ) {
    super(undefined, pool);
    this.toRow = rowEncoder(encoding, seen);
    if (filter === undefined && encoding.plainRows !== false) this.plain = new PlainW3cRows(this, encoding, seen, lineOffset);
  }

  /** Rows of another task from here on: its accounting, and the lines of its file before it; rows left from a failed task are dropped. */
  startTask(input: InputSummary, lineOffset: number): void {
    this.clear();
    this.input = input;
    this.lineOffset = lineOffset;
    if (this.plain !== undefined) this.plain.lineOffset = lineOffset;
  }

  readonly sink = (record: LogRecord, file: string, line: number, format: string): void => {
    if (this.filter && !this.filter.test(record)) {
      this.input.filteredOut++;
      return;
    }
    const located = this.located;
    located.record = record;
    located.file = file;
    located.line = line + this.lineOffset;
    located.format = format;
    this.add(this.toRow(located));
  };
}

/**
 * Every record of every source as rows, in this thread, handed to `emit` in chunks (CSV columns
 * some record had a value for added to `seen`); resolves with the accounting of every line.
 * `reuseChunks`: `emit` is done with a chunk's bytes once its promise resolves (it wrote them out),
 * so its buffer takes later rows.
 *
 * @throws LogtallyError as `readRecords` does.
 */
export async function exportRecords(
  sources: readonly Source[],
  encoding: RecordsEncoding,
  seen: Set<string>,
  options: ReadOptions,
  emit: (chunk: Buffer) => Promise<void>,
  reuseChunks = false,
): Promise<InputSummary> {
  const input = emptyInputSummary();
  const pool = reuseChunks ? new ChunkPool(2) : undefined;
  const rows = new RecordRows(encoding, seen, options.filter, input, 0, pool);
  const write = async (chunk: Buffer) => {
    await emit(chunk);
    pool?.put(chunk.buffer as ArrayBuffer);
  };
  for (const source of sources) {
    const scan = scanChunks(source, input, rows.sink, { ...options, wanted: 'all', plainRows: rows.plain });
    for await (const _ of scan) if (rows.full) await write(rows.take());
  }
  if (rows.size > 0) await write(rows.take());
  throwIfNothingRead(input);
  return input;
}
