/**
 * Why filters left nothing: when every record was filtered out and the records' time span lies
 * wholly outside --since/--until, a note says so, instead of an empty report with no hint.
 */
import { toIso } from '../../parsers/time.js';
import { addNote, type InputSummary } from '../scan/input-summary.js';
import type { FilterSpec } from './filters.js';

const count = new Intl.NumberFormat('en-US');

export function explainFilteredOut(summary: InputSummary, spec: FilterSpec | undefined): void {
  const span = summary.timeRange;
  if (spec === undefined || span === undefined || summary.records === 0 || summary.filteredOut < summary.records) return;
  const first = Date.parse(span.first);
  const last = Date.parse(span.last);
  const all = `all ${count.format(summary.records)} record${summary.records === 1 ? ' is' : 's are'}`;
  if (spec.since !== undefined && last < spec.since)
    addNote(summary, `${all} before --since ${toIso(spec.since)} (the last is at ${span.last})`);
  else if (spec.until !== undefined && first >= spec.until)
    addNote(summary, `${all} at or after --until ${toIso(spec.until)} (the first is at ${span.first})`);
}
