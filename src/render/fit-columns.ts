/**
 * Chooses column widths so a table fits a terminal, in the order a reader loses least:
 * free text is cut to a readable width, then times are written more compactly, then the columns
 * the table names as least important are hidden, then text is cut to a bare minimum, and only then
 * are further columns hidden from the right. Numbers and identifiers are never cut; the first column
 * and `count` are never hidden. A table that still does not fit is drawn at its minimum widths.
 */

export interface FitColumn {
  name: string;
  /** Header width in cells. */
  header: number;
  /** Widest value in cells, one entry per time style (a single entry for other columns). */
  values: readonly number[];
  /** Free text that may be cut with an ellipsis (a meaning, a URI), unlike numbers and codes. */
  cuttable: boolean;
}

export interface Fit {
  /** Column indexes shown, in order. */
  visible: number[];
  /** Width in cells of every column, by index; 0 when hidden. */
  widths: number[];
  /** Index into the time styles; 0 is the full ISO-8601 form. */
  timeStyle: number;
  /** Names of the hidden columns, in the order they were hidden. */
  hidden: string[];
}

/** Free text is cut to this before anything else gives way: a few words still read. */
const TEXT_READABLE = 20;
/** Below this, cut text says nothing. Headers of numeric columns may be cut to this too. */
const TEXT_MINIMUM = 10;

interface Step {
  hidden: readonly string[];
  timeStyle: number;
  textFloor: number;
}

const valuesAt = (c: FitColumn, style: number): number => c.values[Math.min(style, c.values.length - 1)]!;
const natural = (c: FitColumn, style: number): number => Math.max(c.header, valuesAt(c, style));

function minimum(c: FitColumn, step: Step): number {
  if (c.cuttable) return Math.min(natural(c, step.timeStyle), step.textFloor);
  return Math.max(valuesAt(c, step.timeStyle), Math.min(c.header, TEXT_MINIMUM));
}

// Each cell has one space of padding either side and a bar after it; the row starts with a bar.
const chrome = (visible: number): number => visible * 3 + 1;

function* steps(columns: readonly FitColumn[], hideable: readonly string[]): Generator<Step> {
  const styles = Math.max(1, ...columns.map((c) => c.values.length));
  const hidden: string[] = [];
  let step: Step = { hidden, timeStyle: 0, textFloor: TEXT_READABLE };
  yield step;
  for (let style = 1; style < styles; style++) yield (step = { ...step, timeStyle: style });
  for (const name of hideable.filter((h) => columns.some((c) => c.name === h))) yield (step = { ...step, hidden: [...step.hidden, name] });
  yield (step = { ...step, textFloor: TEXT_MINIMUM });
  for (let i = columns.length - 1; i > 0; i--) {
    const name = columns[i]!.name;
    if (name !== 'count' && !step.hidden.includes(name)) yield (step = { ...step, hidden: [...step.hidden, name] });
  }
}

/**
 * Widths for the shown columns: the widest give way first, down to their minimum, and cells left
 * over go back to cut columns from the left.
 */
function allocate(columns: readonly FitColumn[], visible: number[], step: Step, width: number): number[] {
  const available = width - chrome(visible.length);
  const want = visible.map((i) => natural(columns[i]!, step.timeStyle));
  const floor = visible.map((i) => minimum(columns[i]!, step));
  const at = (cap: number): number[] => want.map((w, k) => Math.max(floor[k]!, Math.min(w, cap)));
  const sum = (ws: number[]): number => ws.reduce((a, b) => a + b, 0);
  let cap = Math.max(0, ...want);
  while (cap > 0 && sum(at(cap)) > available) cap--;
  const chosen = at(cap);
  let spare = available - sum(chosen);
  for (let k = 0; k < chosen.length && spare > 0; k++) {
    const more = Math.min(spare, want[k]! - chosen[k]!);
    chosen[k]! += more;
    spare -= more;
  }
  const widths = columns.map(() => 0);
  visible.forEach((i, k) => {
    widths[i] = chosen[k]!;
  });
  return widths;
}

const visibleIn = (columns: readonly FitColumn[], step: Step): number[] =>
  columns.flatMap((c, i) => (step.hidden.includes(c.name) ? [] : [i]));

function fits(columns: readonly FitColumn[], step: Step, width: number): boolean {
  const visible = visibleIn(columns, step);
  return chrome(visible.length) + visible.reduce((total, i) => total + minimum(columns[i]!, step), 0) <= width;
}

function fitOf(columns: readonly FitColumn[], step: Step, width: number): Fit {
  const visible = visibleIn(columns, step);
  const timeShown = visible.some((i) => columns[i]!.values.length > 1);
  return { visible, widths: allocate(columns, visible, step, width), timeStyle: timeShown ? step.timeStyle : 0, hidden: [...step.hidden] };
}

export function fitColumns(columns: readonly FitColumn[], width: number, hideable: readonly string[] = []): Fit {
  let last: Step | undefined;
  for (const step of steps(columns, hideable)) {
    last = step;
    if (!fits(columns, step, width)) continue;
    // Hiding columns may have made room for fuller times again.
    for (let style = 0; style < step.timeStyle; style++)
      if (fits(columns, { ...step, timeStyle: style }, width)) return fitOf(columns, { ...step, timeStyle: style }, width);
    return fitOf(columns, step, width);
  }
  return fitOf(columns, last!, width);
}
