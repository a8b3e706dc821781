/**
 * Which lines a report takes as rows (parsers/column-lines.ts) and where their values are: a
 * layout whose records hold nothing but the columns a report counts (the status, sub-status and
 * Win32 status; for a `--by` of one key column, that column, the bytes, the client and the time
 * taken) gives rows, so the report counts most lines without a string, a record or a map lookup
 * by a key made for the line. Anything else a layout reads on every line keeps its lines records.
 */
import { PLAN_KIND, ROW_SLOT, type ColumnKind, type ColumnLayout, type ColumnPlan } from '../../parsers/column-lines.js';

/** Where a report's values are in a row: their slot, or 0 for a value the layout does not log. */
export interface ReportRowPlan extends ColumnPlan {
  substatus: number;
  win32: number;
  bytes: number;
  timeTaken: number;
  /** Whether rows hold a group key (a `--by` report), and a client's hash. */
  key: boolean;
  /** Whether the key comes as its id in the key table, or (where keys seldom come back) as its place only. */
  keyById: boolean;
  client: boolean;
}

/** The status's slot: every row has one. */
export const STATUS_SLOT = ROW_SLOT.firstNumber;

/** The field of the URI a report lists for errors (ReportBuilder.add reads cs-uri-stem, or cs-uri where a layout has no stem). */
const URI_STEM = 'cs-uri-stem';

/** The numbers a report reads, each with how the layout must read it and its slot. */
const NUMBERS: Readonly<Record<string, { kind: ColumnKind; slot: number }>> = {
  'sc-status': { kind: 'status', slot: STATUS_SLOT },
  'sc-substatus': { kind: 'number', slot: STATUS_SLOT + 1 },
  'sc-win32-status': { kind: 'number', slot: STATUS_SLOT + 2 },
  'sc-bytes': { kind: 'number', slot: STATUS_SLOT + 3 },
  'time-taken': { kind: 'duration', slot: STATUS_SLOT + 4 },
};

const NUMBER_KINDS: Readonly<Record<string, number>> = { status: PLAN_KIND.status, number: PLAN_KIND.number, duration: PLAN_KIND.duration };

/**
 * The plan for `layout`'s lines, or undefined when a column it reads on every line is none a report
 * takes from rows. `keyFields`: the group key's fields (Dimension.keyFields) for a `--by` report,
 * the first the layout logs being the key's column; undefined for a report of codes only.
 * `keyById`: keys as ids in the key table (see ReportRowPlan.keyById).
 */
export function reportRowPlan(layout: ColumnLayout, keyFields: readonly string[] | undefined, keyById = true): ReportRowPlan | undefined {
  const kinds = new Uint8Array(layout.values);
  const slots = new Uint8Array(layout.values);
  const plan: ReportRowPlan = {
    values: layout.values,
    kinds,
    slots,
    substatus: 0,
    win32: 0,
    bytes: 0,
    timeTaken: 0,
    key: false,
    keyById,
    client: false,
  };
  const keyField = keyFields?.find((field) => layout.columns.some((c) => c.field === field));
  for (const { column, field, kind } of layout.columns) {
    const number = NUMBERS[field];
    if (field === 'sc-status' && kind === 'status' && keyField === URI_STEM && !layout.errorColumns) {
      // Errors come as rows too: their records hold the same columns, and the URI a report lists for one is the key.
      kinds[column] = PLAN_KIND.statusWithErrors;
      slots[column] = STATUS_SLOT;
    } else if (field === keyField && kind === 'string') {
      kinds[column] = keyById ? PLAN_KIND.key : PLAN_KIND.keyText;
      plan.key = true;
    } else if (field === 'c-ip' && kind === 'string' && keyFields !== undefined) {
      kinds[column] = PLAN_KIND.client;
      plan.client = true;
    } else if (number !== undefined && number.kind === kind) {
      kinds[column] = NUMBER_KINDS[kind]!;
      slots[column] = number.slot;
      if (field === 'sc-substatus') plan.substatus = number.slot;
      else if (field === 'sc-win32-status') plan.win32 = number.slot;
      else if (field === 'sc-bytes') plan.bytes = number.slot;
      else if (field === 'time-taken') plan.timeTaken = number.slot;
    } else return undefined;
  }
  return keyFields !== undefined && !plan.key ? undefined : plan;
}
