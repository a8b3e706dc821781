/**
 * Passes over the lines of a W3C log that a consumer would only count: lines whose record would
 * hold nothing but a status below 400 (W3cParser.statusOnlyLayout says when a layout's records are
 * such). JavaScript reads a line at about 300 ns, its string, columns and record included;
 * this reads its bytes 16 at a time in WebAssembly (status-lines.wat) at about 50 ns, so a report
 * of errors reads the 85–95% of lines that are not errors at close to memory speed.
 *
 * It passes over a line only where the parser would certainly make that record of it (the rules
 * are in the .wat); any other line, and every line of a piece too large for its memory, is left
 * to the parser as before.
 */
import { STATUS_LINES_WASM } from './status-lines-wasm.js';
import { exportsOf, LOAD_SLACK, perThread } from './wasm-module.js';

/** Where the status is in the lines a layout's reader reads whole: `values` values, one space between. */
export interface StatusOnlyLayout {
  values: number;
  /** The status column, from 0. */
  statusColumn: number;
}

interface StatusLinesExports {
  memory: { buffer: ArrayBuffer };
  skipped: { value: number };
  skip(p: number, end: number, values: number, status: number, maxLine: number): number;
}

/** Holds the piece of text being split in its memory: load a piece, then pass over its lines, before loading another. */
export class StatusLineSkipper {
  private readonly exports: StatusLinesExports;
  private readonly memory: Uint8Array;
  /** Where the loaded piece starts in the caller's bytes. */
  private base = 0;
  private end = 0;
  /** Lines passed over by the last `skip`. */
  skipped = 0;

  constructor(module: object) {
    this.exports = exportsOf(module) as StatusLinesExports;
    this.memory = new Uint8Array(this.exports.memory.buffer);
  }

  /** Copies `bytes[start, end)`, whole lines, into memory; false when they do not fit. */
  load(bytes: Uint8Array, start: number, end: number): boolean {
    if (end - start + LOAD_SLACK > this.memory.length) return false;
    this.memory.set(bytes.subarray(start, end), 0);
    this.base = start;
    this.end = end;
    return true;
  }

  /**
   * Passes over the lines of the loaded piece from `from` (a line start in the caller's bytes)
   * that the layout's reader would read as status-only records; returns where the first line it
   * did not pass over starts, or the piece's end. `skipped` tells how many it passed over.
   */
  skip(from: number, layout: StatusOnlyLayout, maxLineBytes: number): number {
    const maxLine = Math.min(maxLineBytes, this.memory.length);
    const next = this.exports.skip(from - this.base, this.end - this.base, layout.values, layout.statusColumn, maxLine);
    this.skipped = this.exports.skipped.value;
    return next + this.base;
  }
}

/** The thread's one skipper (18 µs and 256 KB to make): see perThread. */
export const statusLineSkipper = perThread(STATUS_LINES_WASM, (module) => new StatusLineSkipper(module));
