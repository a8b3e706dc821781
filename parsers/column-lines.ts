/**
 * Reads the values a consumer counts from W3C lines into rows of numbers, in WebAssembly
 * (column-lines.wat): statuses, sub-statuses, bytes and times as numbers, a group key as an id in a
 * table of the keys seen, a client as its hash. JavaScript reads a line, makes its record and looks
 * its key up at about 450 ns; a row costs about 150 ns and makes no string, so `report --by uri`
 * reads the ~88% of lines that are not errors at close to memory speed.
 *
 * A row is written only for a line the parser would certainly read into the record the row stands
 * for (the rules are in the .wat): any other line (an error, a `-` status, a quoted or non-ASCII
 * value, a directive …) is left to the parser as before, as is every line of a piece too large for
 * the module's memory.
 */
import { COLUMN_LINES_WASM } from './column-lines-wasm.js';
import { exportsOf, LOAD_SLACK, perThread } from './wasm-module.js';

/** How a layout's reader reads a column (W3cParser.columnLayout). */
export type ColumnKind = 'status' | 'number' | 'duration' | 'string';

/**
 * The columns the reader of a layout reads on every line, when each holds a plain value (no time,
 * no quoted or `+`-encoded text): a line of `values` values one space apart gives a record of those
 * columns' values and nothing else, and reading it changes nothing for the lines after.
 */
export interface ColumnLayout {
  values: number;
  columns: readonly { column: number; field: string; kind: ColumnKind }[];
  /** Whether the reader reads more columns for errors (a status of 400 or more), which `columns` leaves out. */
  errorColumns: boolean;
}

/** What a row holds for each column (column-lines.wat): nothing, a number, a key's id or a client's hash. */
export const PLAN_KIND = { skip: 0, status: 1, number: 2, duration: 3, key: 4, client: 5, statusWithErrors: 6, keyText: 7 } as const;

/** Row slots (f64), as column-lines.wat writes them. */
export const ROW_SLOT = {
  lineStart: 0,
  lineEnd: 1,
  keyId: 2,
  keyStart: 3,
  keyEnd: 4,
  /** -1 for a `-` client. */
  clientHash: 5,
  clientStart: 6,
  clientEnd: 7,
  /** The first slot for the plan's numbers (-1 for a `-` value). */
  firstNumber: 8,
} as const;
export const ROW_SLOTS = 16;

/** For each column of a layout, what its rows hold and (numbers) in which slot: a consumer's plan. */
export interface ColumnPlan {
  values: number;
  kinds: Uint8Array;
  slots: Uint8Array;
}

/** Positions in rows are from the loaded piece's start; those of a line are those of the piece's text, one byte a character. */
export interface ColumnRows {
  /** The rows, ROW_SLOTS values each, from 0. */
  readonly values: Float64Array;
  count: number;
  /**
   * Increases whenever the key table is cleared: the ids of an earlier epoch then stand for other
   * keys. The table keeps ids across pieces and files of one thread while it lasts.
   */
  epoch: number;
}

const PLAN = 0x40100;
const ROWS = 0x40400;
/** The most rows memory holds, and the most columns a plan has. */
const MAX_ROWS = 4096;
export const MAX_PLAN_VALUES = 256;
const STOP_ROWS_FULL = 1;
const STOP_KEYS_FULL = 2;

interface ColumnLinesExports {
  memory: { buffer: ArrayBuffer };
  rows: { value: number };
  stop: { value: number };
  read(p: number, end: number, values: number, maxLine: number, maxRows: number): number;
  clearKeys(): void;
}

/** Holds a piece of text in its memory: load a piece, then read its lines, before loading another. */
export class ColumnLineReader {
  private readonly exports: ColumnLinesExports;
  private readonly memory: Uint8Array;
  private plan?: ColumnPlan;
  /** Where the loaded piece starts in the caller's bytes. */
  private base = 0;
  private end = 0;
  readonly rows: ColumnRows;

  constructor(module: object) {
    this.exports = exportsOf(module) as ColumnLinesExports;
    this.memory = new Uint8Array(this.exports.memory.buffer);
    this.rows = { values: new Float64Array(this.exports.memory.buffer, ROWS, MAX_ROWS * ROW_SLOTS), count: 0, epoch: 0 };
  }

  /** Copies `bytes[start, end)`, whole lines, into memory; false when they do not fit. */
  load(bytes: Uint8Array, start: number, end: number): boolean {
    if (end - start + LOAD_SLACK > PLAN) return false;
    this.memory.set(bytes.subarray(start, end), 0);
    this.base = start;
    this.end = end;
    return true;
  }

  /**
   * Reads rows (`rows`, positions from `bytes[start]` of the last `load`) from the line starting at
   * `from` (in the caller's bytes) as `plan` says, until a line the plan's rows cannot stand for or
   * the rows' memory is full; returns where the first line it did not read starts, or the piece's end.
   */
  read(from: number, plan: ColumnPlan, maxLineBytes: number): number {
    if (plan !== this.plan) this.setPlan(plan);
    const maxLine = Math.min(maxLineBytes, PLAN);
    for (;;) {
      const next = this.exports.read(from - this.base, this.end - this.base, plan.values, maxLine, MAX_ROWS);
      this.rows.count = this.exports.rows.value;
      if (this.exports.stop.value !== STOP_KEYS_FULL || this.rows.count > 0) return next + this.base;
      // The table is full at a line's key: a new epoch of ids, and that line read again.
      this.exports.clearKeys();
      this.rows.epoch++;
    }
  }

  /** Whether the last `read` stopped for want of room for rows, not at a line it cannot read. */
  get rowsFull(): boolean {
    return this.exports.stop.value === STOP_ROWS_FULL;
  }

  /** Whether the last `read` stopped at a line whose key did not fit the table: read on from there. */
  get keysFull(): boolean {
    return this.exports.stop.value === STOP_KEYS_FULL;
  }

  private setPlan(plan: ColumnPlan): void {
    this.memory.fill(0, PLAN, PLAN + 2 * MAX_PLAN_VALUES);
    this.memory.set(plan.kinds, PLAN);
    this.memory.set(plan.slots, PLAN + MAX_PLAN_VALUES);
    this.plan = plan;
  }
}

/** The thread's one reader, whose key table serves every file of the thread: see perThread. */
export const columnLineReader = perThread(COLUMN_LINES_WASM, (module) => new ColumnLineReader(module));
