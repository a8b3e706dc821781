/**
 * Which W3C directives a byte range needs: a range that starts mid-file reads its lines with the
 * `#Fields:` (and, for time-only layouts, `#Date:`) in force at its start. The two are
 * independent in the parser, so the state at any point is the last of each seen before it.
 */
export interface HeaderState {
  fields?: string;
  date?: string;
}

/** The directive's name as W3cParser reads it: between `#` and `:`, trimmed. */
function directiveName(line: string): string | undefined {
  if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  if (line.charCodeAt(0) !== 35 /* # */) return undefined;
  const colon = line.indexOf(':');
  return colon === -1 ? undefined : line.slice(1, colon).trim();
}

/** The state after `line`, when it is a directive the state keeps. */
export function applyDirective(state: HeaderState, line: string): HeaderState {
  const name = directiveName(line);
  if (name === 'Fields') return { ...state, fields: line };
  if (name === 'Date') return { ...state, date: line };
  return state;
}

/** The state after the leading directive block of a file's first lines. */
export function leadingHeader(lines: readonly string[]): HeaderState {
  let state: HeaderState = {};
  for (const line of lines) {
    if (line.trim() === '' || line === '\ufeff') continue;
    if (directiveName(line) === undefined) break;
    state = applyDirective(state, line);
  }
  return state;
}

export const preambleOf = (state: HeaderState): string[] => [state.date, state.fields].filter((l): l is string => l !== undefined);

const hasDateField = (fields: string): boolean => /\s(date|date-local)\s/.test(` ${fields.slice(fields.indexOf(':') + 1)} `);

/**
 * Follows the directives of one range: which it leaves in force, and whether the `#Date` it
 * inherited was ever needed (a layout without a date column was in force before the range's own
 * first `#Date`). Only then does a wrong guess of the inherited `#Date` change the result.
 */
export class HeaderTracker {
  /** Directives seen in the range, last of each. */
  seen: HeaderState = {};
  inheritedDateUsed: boolean;

  constructor(start: HeaderState) {
    this.inheritedDateUsed = start.fields !== undefined && !hasDateField(start.fields);
  }

  see(line: string): void {
    const before = this.seen;
    this.seen = applyDirective(before, line);
    const fields = this.seen.fields;
    if (
      before.date === undefined &&
      this.seen.date === undefined &&
      fields !== before.fields &&
      fields !== undefined &&
      !hasDateField(fields)
    ) {
      this.inheritedDateUsed = true;
    }
  }
}

/** Whether a range read with `used` read its lines as it would have with `actual`. */
export const sameEffect = (used: HeaderState, actual: HeaderState, inheritedDateUsed: boolean): boolean =>
  used.fields === actual.fields && (used.date === actual.date || !inheritedDateUsed);
