/**
 * Consumers that take lines as rows of their values (parsers/column-lines.ts) instead of records:
 * where a layout's records hold nothing but plain columns, a line costs a row's few numbers, not a
 * string, a record and the lookups of its values.
 */
import type { ColumnLayout, ColumnPlan } from '../../parsers/column-lines.js';
import type { LinePiece } from '../sources/lines.js';

/** Takes the rows of one plan, each as the consumer would take the record of its line. */
export interface RowTaker {
  /** May change from one piece to the next: the rows given are always read under the plan of the moment. */
  readonly plan: ColumnPlan;
  /**
   * The row at `values[at]` (ROW_SLOTS values): `epoch` is the key table's (ColumnRows.epoch), and
   * `piece` the text its positions are in, for the few values needed as strings.
   */
  take(values: Float64Array, at: number, epoch: number, piece: LinePiece): void;
}

/** A consumer that may take a layout's lines as rows (ScanOptions.columnSink). */
export interface ColumnSink {
  /** A taker for the lines of `layout`, made once per layout; undefined where its records need more than rows hold. */
  takerFor(layout: ColumnLayout): RowTaker | undefined;
}
