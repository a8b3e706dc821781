/**
 * Accumulates records into a Report. Hot path: status classes in an array, codes in nested
 * numeric maps, URIs only for error responses, and group keys only when `--by` asks for them.
 */
import type { InputSummary } from '../input-summary.js';
import type { LogRecord } from '../record.js';
import type { Aggregator } from '../aggregator.js';
import { codeKey, DIMENSIONS, type Dimension } from './dimensions.js';
import { emptyReport, GROUP_KEY_SEPARATOR, type Report } from './report.js';
import { LogtallyError } from '../errors.js';

const CLASS_NAMES = ['other', '1xx', '2xx', '3xx', '4xx', '5xx'];
const NO_VALUE = -1;
/** Stands for "no sub-status logged" in the packed status*1e6 + substatus key. */
const NO_SUBSTATUS = 999_999;

export function resolveDimensions(names: readonly string[]): Dimension[] {
  return names.map((name) => {
    const dimension = DIMENSIONS[name];
    if (!dimension) throw new LogtallyError('USAGE', `unknown --by dimension "${name}" (choose from ${Object.keys(DIMENSIONS).join(', ')})`);
    return dimension;
  });
}

export class ReportBuilder implements Aggregator<Report> {
  readonly fields: ReadonlySet<string>;
  private readonly classCounts = new Array<number>(CLASS_NAMES.length).fill(0);
  /** status*1e6 + substatus → win32 → count; -1 stands for a win32 status not logged. */
  private readonly codeCounts = new Map<number, Map<number, number>>();
  private readonly errorUris = new Map<string, number>();
  private readonly groups = new Map<string, number>();
  private readonly dimensions: Dimension[];

  constructor(private readonly by: readonly string[] = []) {
    this.dimensions = resolveDimensions(by);
    const fields = new Set(['sc-status', 'sc-substatus', 'sc-win32-status', 'cs-uri-stem', 'cs-uri']);
    for (const d of this.dimensions) for (const f of d.fields) fields.add(f);
    this.fields = fields;
  }

  add(record: LogRecord): void {
    const status = record['sc-status'];
    const statusClass = status === undefined || status < 100 || status > 599 ? 0 : (status / 100) | 0;
    this.classCounts[statusClass]!++;
    if (status !== undefined) {
      const sub = record['sc-substatus'];
      const outer = status * 1_000_000 + (sub === undefined || sub >= NO_SUBSTATUS ? NO_SUBSTATUS : sub);
      let inner = this.codeCounts.get(outer);
      if (inner === undefined) this.codeCounts.set(outer, (inner = new Map()));
      const win32 = record['sc-win32-status'] ?? NO_VALUE;
      inner.set(win32, (inner.get(win32) ?? 0) + 1);
      if (status >= 400) {
        const uri = record['cs-uri-stem'] ?? record['cs-uri'];
        if (uri !== undefined) this.errorUris.set(uri, (this.errorUris.get(uri) ?? 0) + 1);
      }
    }
    if (this.dimensions.length > 0) {
      const key = this.groupKey(record);
      this.groups.set(key, (this.groups.get(key) ?? 0) + 1);
    }
  }

  private groupKey(record: LogRecord): string {
    const dims = this.dimensions;
    if (dims.length === 1) return dims[0]!.key(record);
    let key = dims[0]!.key(record);
    for (let i = 1; i < dims.length; i++) key += GROUP_KEY_SEPARATOR + dims[i]!.key(record);
    return key;
  }

  finish(input: InputSummary): Report {
    const report = emptyReport(this.by);
    report.input = input;
    this.classCounts.forEach((count, i) => {
      if (count > 0) report.classes[CLASS_NAMES[i]!] = count;
    });
    for (const [outer, inner] of this.codeCounts) {
      const status = Math.floor(outer / 1_000_000);
      const rawSub = outer - status * 1_000_000;
      for (const [win32, count] of inner) {
        const key = codeKey(status, rawSub === NO_SUBSTATUS ? undefined : rawSub, win32 === NO_VALUE ? undefined : win32);
        report.codes[key] = (report.codes[key] ?? 0) + count;
      }
    }
    report.errorUris = Object.fromEntries(this.errorUris);
    report.groups = Object.fromEntries(this.groups);
    return report;
  }
}
