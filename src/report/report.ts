/**
 * The report as plain, mergeable data. Counts are keyed records so two partial reports (other
 * files, other cores, other machines) combine by adding: merge(analyse(a), analyse(b)) equals
 * analyse(a + b).
 */
import { emptyInputSummary, mergeInputSummaries, type InputSummary } from '../input-summary.js';

export const GROUP_KEY_SEPARATOR = '\u0001';

export interface Report {
  logtally: 'report';
  version: 1;
  input: InputSummary;
  /** Records per status class: 1xx … 5xx, and `other` for missing or out-of-range statuses. */
  classes: Record<string, number>;
  /** Records per `status.substatus.win32`. */
  codes: Record<string, number>;
  /** Records per URI, among 4xx and 5xx responses. */
  errorUris: Record<string, number>;
  /** The `--by` dimensions, in order; empty when not grouping. */
  by: string[];
  /** Records per group; a key is the dimension values joined by GROUP_KEY_SEPARATOR. */
  groups: Record<string, number>;
}

export function emptyReport(by: readonly string[] = []): Report {
  return { logtally: 'report', version: 1, input: emptyInputSummary(), classes: {}, codes: {}, errorUris: {}, by: [...by], groups: {} };
}

const sumInto = (into: Record<string, number>, from: Record<string, number>): Record<string, number> => {
  for (const key of Object.keys(from)) into[key] = (into[key] ?? 0) + from[key]!;
  return into;
};

export function mergeReports(a: Report, b: Report): Report {
  if (a.by.join(',') !== b.by.join(',')) {
    throw new TypeError(`cannot merge reports grouped by different dimensions (${a.by.join(',') || 'none'} vs ${b.by.join(',') || 'none'})`);
  }
  return {
    logtally: 'report',
    version: 1,
    input: mergeInputSummaries(a.input, b.input),
    classes: sumInto(sumInto({}, a.classes), b.classes),
    codes: sumInto(sumInto({}, a.codes), b.codes),
    errorUris: sumInto(sumInto({}, a.errorUris), b.errorUris),
    by: [...a.by],
    groups: sumInto(sumInto({}, a.groups), b.groups),
  };
}
