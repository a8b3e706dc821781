/**
 * Accumulates records into a Report. Hot path: status classes in an array, codes in nested
 * numeric maps, URIs only for error responses, and group keys only when `--by` asks for them.
 */
import { addNote, type InputSummary } from '../scan/input-summary.js';
import type { LogRecord } from '../../parsers/record.js';
import type { Aggregator } from '../analyse/aggregator.js';
import { codeKey, DIMENSIONS, isTimeDimension, timeDimension, type Dimension } from './dimensions.js';
import { emptyReport, GROUP_KEY_SEPARATOR, setBoundedTable, type Report } from './report.js';
import { BoundedCounter, cutKey, DEFAULT_MAX_KEYS, detached, groupCap, KEY_CUT_NOTE, MAX_KEY_CHARS } from './top-k.js';
import { BoundedGroups, PRUNED } from './bounded-groups.js';
import { OVERVIEW_FIELDS, OverviewRecorder, type OverviewDepth } from './overview.js';
import { overviewSample } from './overview-sampling.js';
import { LogtallyError } from '../errors/logtally-error.js';
import { DIMENSION_CHOICES } from './dimension-names.js';
import { ROW_SLOT, type ColumnLayout } from '../../parsers/column-lines.js';
import type { ColumnSink, RowTaker } from '../scan/row-taker.js';
import type { LinePiece } from '../sources/lines.js';
import type { GroupRecorder } from './group-measures.js';
import { reportRowPlan, STATUS_SLOT, type ReportRowPlan } from './report-rows.js';

const MEASURE_FIELDS = ['sc-bytes', 'c-ip', 'time-taken'];
const CLASS_NAMES = ['other', '1xx', '2xx', '3xx', '4xx', '5xx'];
const NO_VALUE = -1;
/** Stands for "no sub-status logged" in the packed status*1e6 + substatus key. */
const NO_SUBSTATUS = 999_999;
/** Statuses are three digits. */
const PLAIN_CODES = 1000;

export function resolveDimensions(names: readonly string[]): Dimension[] {
  return names.map((name) => {
    const dimension = isTimeDimension(name) ? timeBuckets(name) : DIMENSIONS[name];
    if (!dimension) throw new LogtallyError('USAGE', `unknown dimension "${name}" in \`by\` (choose from ${DIMENSION_CHOICES})`);
    return dimension;
  });
}

/** A `time:SPAN` dimension, its span refused in the library's words (parseInterval speaks of --interval). */
function timeBuckets(name: string): Dimension {
  try {
    return timeDimension(name);
  } catch (error) {
    if (!(error instanceof LogtallyError)) throw error;
    throw new LogtallyError('USAGE', `dimension "${name}" in \`by\` needs a bucket width such as time:5m, time:1h or time:1d`);
  }
}

export class ReportBuilder implements Aggregator<Report> {
  readonly fields: ReadonlySet<string>;
  /** URIs are counted for errors only, unless a dimension groups by them. */
  readonly errorFields: ReadonlySet<string>;
  private readonly classCounts = new Array<number>(CLASS_NAMES.length).fill(0);
  /** status*1e6 + substatus → win32 → count; -1 stands for a win32 status not logged. */
  private readonly codeCounts = new Map<number, Map<number, number>>();
  /** Counts of status.0.0 by status, the code of nearly every record: counted here, not in codeCounts, until finish. */
  private readonly plainCodes = new Float64Array(PLAIN_CODES);
  /** Records with no status logged (HTTPERR entries, layouts without sc-status): a row of their own, so the codes add up to the records. */
  private withoutStatus = 0;
  private readonly errorUris: BoundedCounter;
  private readonly groups: BoundedGroups;
  private readonly dimensions: Dimension[];
  private valuesCut = 0;
  /** Set where lines may be taken as rows (report-rows.ts). */
  readonly columnSink?: ColumnSink;
  private readonly takers = new Map<ColumnLayout, ReportRowTaker | undefined>();
  /** Groups by key id (ColumnRows), for the key table's epoch they were found in. */
  private rowGroups: (GroupRecorder | undefined)[] = [];
  /** The key of each id in rowGroups (an error's URI, where errors come as rows). */
  private rowKeys: (string | undefined)[] = [];
  /** The key of the row rowGroup last found the group of. */
  private rowKey = '';
  /** Rows whose group rowGroup found since the key table was last cleared. */
  private epochRows = 0;
  /** Whether takers' plans take keys as ids (see newEpoch). */
  private keysById = true;
  private rowEpoch = -1;

  private readonly overview?: OverviewRecorder;
  /** The overview when it counts every record (`--overview`), not a sample of lines (addSampled). */
  private readonly everyRecord?: OverviewRecorder;
  /** Of the overview's fields, those read only for lines in its sample. */
  readonly sampledFields?: ReadonlySet<string>;
  /** Picks the lines the overview counts (overview-sampling.ts), every one when it counts all. */
  readonly inSample?: (offset: number) => boolean;
  /** Whether the times read are of a sample of lines: the input's time span is then marked. */
  private readonly timeSampled: boolean = false;

  constructor(
    private readonly by: readonly string[] = [],
    private readonly maxKeys = DEFAULT_MAX_KEYS,
    overview: boolean | OverviewDepth | OverviewConfig = false,
    maxGroups?: number,
  ) {
    const spec = overviewConfig(overview);
    const oneIn = spec?.oneIn ?? 1;
    if (spec !== undefined) this.overview = new OverviewRecorder(maxKeys, spec.depth, spec.oneIn);
    this.errorUris = new BoundedCounter(maxKeys);
    this.groups = new BoundedGroups(groupCap(maxKeys, maxGroups));
    this.dimensions = resolveDimensions(by);
    const fields = new Set(['sc-status', 'sc-substatus', 'sc-win32-status', 'cs-uri-stem', 'cs-uri']);
    const grouped = new Set(this.dimensions.flatMap((d) => d.fields));
    // Every group carries bytes, distinct clients and latency (group-measures.ts).
    if (this.dimensions.length > 0) for (const f of MEASURE_FIELDS) grouped.add(f);
    // The overview reads its fields (and, the default report's, the time for the input's span)
    // for the lines it counts. The default report's (a config object) reads them as sampled fields,
    // every line or those of its sample: best effort, so a value that does not read is left out and
    // the accounting is what it was without them. `--overview` reads its fields for every record.
    const overviewFields = spec === undefined ? [] : OVERVIEW_FIELDS;
    if (typeof overview === 'object') {
      this.sampledFields = new Set([...overviewFields, 'timestamp'].filter((f) => !grouped.has(f)));
      this.inSample = oneIn > 1 ? overviewSample(oneIn) : everyLine;
      this.timeSampled = oneIn > 1;
      fields.add('timestamp');
    } else for (const f of overviewFields) grouped.add(f);
    for (const f of [...grouped, ...overviewFields]) fields.add(f);
    this.fields = fields;
    this.errorFields = new Set(['cs-uri-stem', 'cs-uri'].filter((f) => !grouped.has(f)));
    if (this.inSample === undefined) this.everyRecord = this.overview;
    const key = this.dimensions.length === 1 ? this.dimensions[0]!.keyFields : undefined;
    // Every record's fields go to the full overview; several dimensions make a key of several columns.
    if (this.everyRecord === undefined && (this.dimensions.length === 0 || key !== undefined))
      this.columnSink = { takerFor: (layout) => this.takerFor(layout, key) };
  }

  private takerFor(layout: ColumnLayout, key: readonly string[] | undefined): RowTaker | undefined {
    if (this.takers.has(layout)) return this.takers.get(layout);
    const plan = reportRowPlan(layout, key, this.keysById);
    const taker = plan && new ReportRowTaker(plan, this, () => reportRowPlan(layout, key, false)!);
    this.takers.set(layout, taker);
    return taker;
  }

  /** A line's row, added as `add` adds its record: the same counts, group and measures. */
  addRow(plan: ReportRowPlan, values: Float64Array, at: number, epoch: number, piece: LinePiece): void {
    const status = values[at + STATUS_SLOT]!;
    this.classCounts[(status / 100) | 0]!++;
    this.countCode(
      status,
      plan.substatus === 0 ? NO_VALUE : values[at + plan.substatus]!,
      plan.win32 === 0 ? NO_VALUE : values[at + plan.win32]!,
    );
    if (!plan.key) return;
    const group = plan.keyById ? this.rowGroup(values, at, epoch, piece) : this.rowGroupByText(values, at, piece);
    if (status >= 400) this.errorUris.add(this.rowKey);
    if (plan.bytes !== 0) {
      const bytes = values[at + plan.bytes]!;
      if (bytes >= 0) group.bytesSent += bytes;
    }
    const client = plan.client ? values[at + ROW_SLOT.clientHash]! : NO_VALUE;
    if (client >= 0) {
      if (group.countsHashes) group.addClientHash(client);
      else group.addClient(piece.text.slice(values[at + ROW_SLOT.clientStart]!, values[at + ROW_SLOT.clientEnd]!));
    }
    if (plan.timeTaken !== 0) {
      const ms = values[at + plan.timeTaken]!;
      if (ms >= 0) group.recordLatency(ms);
    }
  }

  /**
   * The group of a row's key, by the key's id: its string is made only the first time an id is
   * seen, and again after a prune took its group out. Ids of an earlier key table are forgotten.
   */
  private rowGroup(values: Float64Array, at: number, epoch: number, piece: LinePiece): GroupRecorder {
    if (epoch !== this.rowEpoch) this.newEpoch(epoch);
    this.epochRows++;
    const id = values[at + ROW_SLOT.keyId]!;
    let group = this.rowGroups[id];
    if (group !== undefined && group.count !== PRUNED) {
      group.count++;
      this.rowKey = this.rowKeys[id]!;
      return group;
    }
    const key = detached(piece.text.slice(values[at + ROW_SLOT.keyStart]!, values[at + ROW_SLOT.keyEnd]!));
    this.rowKey = key;
    group = this.groups.addOwn(key);
    this.rowGroups[id] = group;
    this.rowKeys[id] = key;
    return group;
  }

  /** The group of a row's key found by its text, as `add` finds a record's. */
  private rowGroupByText(values: Float64Array, at: number, piece: LinePiece): GroupRecorder {
    this.rowKey = piece.text.slice(values[at + ROW_SLOT.keyStart]!, values[at + ROW_SLOT.keyEnd]!);
    return this.groups.add(this.rowKey);
  }

  /**
   * Forgets the ids of the key table just cleared. A table filled by keys that mostly came once
   * (under two rows a key) would fill again and again, and its ids would keep groups a prune took
   * out alive: keys are then found by their text, as records' are.
   */
  private newEpoch(epoch: number): void {
    if (this.rowEpoch !== -1 && this.epochRows < 2 * this.rowKeys.length) {
      this.keysById = false;
      for (const taker of this.takers.values()) taker?.keysByText();
    }
    this.rowGroups = [];
    this.rowKeys = [];
    this.rowEpoch = epoch;
    this.epochRows = 0;
  }

  /** Counts a status with its sub-status and Win32 status (NO_VALUE, or any negative, for one not logged). */
  private countCode(status: number, sub: number, win32: number): void {
    if (sub === 0 && win32 === 0 && status < PLAIN_CODES) {
      // The code's entry is made when first seen, so codes keep the order they came in.
      if (this.plainCodes[status]!++ === 0) this.win32Counts(status * 1_000_000).set(0, 0);
      return;
    }
    const inner = this.win32Counts(status * 1_000_000 + (sub < 0 || sub >= NO_SUBSTATUS ? NO_SUBSTATUS : sub));
    inner.set(win32, (inner.get(win32) ?? 0) + 1);
  }

  /** The counts by Win32 status of a packed status and sub-status. */
  private win32Counts(outer: number): Map<number, number> {
    let inner = this.codeCounts.get(outer);
    if (inner === undefined) this.codeCounts.set(outer, (inner = new Map()));
    return inner;
  }

  add(record: LogRecord, file = '', _line = 0): void {
    this.everyRecord?.add(record);
    const status = record['sc-status'];
    const statusClass = status === undefined || status < 100 || status > 599 ? 0 : (status / 100) | 0;
    this.classCounts[statusClass]!++;
    if (status !== undefined) {
      this.countCode(status, record['sc-substatus'] ?? NO_VALUE, record['sc-win32-status'] ?? NO_VALUE);
      if (status >= 400) {
        const uri = record['cs-uri-stem'] ?? record['cs-uri'];
        if (uri !== undefined) this.errorUris.add(uri);
      }
    } else this.withoutStatus++;
    if (this.dimensions.length > 0) {
      const group = this.groups.add(this.groupKey(record, file));
      group.bytesSent += record['sc-bytes'] ?? 0;
      const client = record['c-ip'];
      if (client !== undefined) group.addClient(client);
      const ms = record['time-taken'];
      if (ms !== undefined) group.recordLatency(ms);
    }
  }

  /** The default report's overview: the record of a line in its sample, with its sampled fields. */
  addSampled(record: LogRecord, sample: LogRecord): void {
    if (this.inSample !== undefined) this.overview?.add(record, sample);
  }

  /** A group's key: each dimension's value cut to MAX_KEY_CHARS on its own, so a long URI never cuts off the status beside it. */
  private groupKey(record: LogRecord, file: string): string {
    const dims = this.dimensions;
    let key = this.valueOf(dims[0]!, record, file);
    for (let i = 1; i < dims.length; i++) key += GROUP_KEY_SEPARATOR + this.valueOf(dims[i]!, record, file);
    return key;
  }

  private valueOf(dimension: Dimension, record: LogRecord, file: string): string {
    const value = dimension.key(record, file);
    if (value.length <= MAX_KEY_CHARS) return value;
    this.valuesCut++;
    return cutKey(value);
  }

  finish(input: InputSummary): Report {
    const report = emptyReport(this.by);
    report.input = input;
    this.classCounts.forEach((count, i) => {
      if (count > 0) report.classes[CLASS_NAMES[i]!] = count;
    });
    // Codes are few (status × sub-status × win32 actually logged), so they are counted exactly and capped only here.
    const codes = new BoundedCounter(this.maxKeys);
    this.plainCodes.forEach((count, status) => {
      if (count > 0) this.codeCounts.get(status * 1_000_000)!.set(0, count);
    });
    for (const [outer, inner] of this.codeCounts) {
      const status = Math.floor(outer / 1_000_000);
      const rawSub = outer - status * 1_000_000;
      for (const [win32, count] of inner)
        codes.add(codeKey(status, rawSub === NO_SUBSTATUS ? undefined : rawSub, win32 === NO_VALUE ? undefined : win32), count);
    }
    if (this.withoutStatus > 0) codes.add(codeKey(undefined, undefined, undefined), this.withoutStatus);
    setBoundedTable(report, 'codes', codes.toTable());
    if (this.errorUris.keysCut + this.valuesCut > 0) addNote(input, KEY_CUT_NOTE);
    setBoundedTable(report, 'errorUris', this.errorUris.toTable());
    if (this.dimensions.length > 0) {
      const { table, measures } = this.groups.finish();
      setBoundedTable(report, 'groups', table);
      report.measures = measures;
    }
    if (this.overview !== undefined) report.overview = this.overview.finish();
    if (this.timeSampled && input.timeRange !== undefined) input.timeRange.sampled = true;
    return report;
  }
}

/** Takes a layout's rows into a ReportBuilder, under a plan that turns to keys by text once ids do not pay. */
class ReportRowTaker implements RowTaker {
  constructor(
    public plan: ReportRowPlan,
    private readonly builder: ReportBuilder,
    private readonly byText: () => ReportRowPlan,
  ) {}

  take(values: Float64Array, at: number, epoch: number, piece: LinePiece): void {
    this.builder.addRow(this.plan, values, at, epoch, piece);
  }

  keysByText(): void {
    if (this.plan.keyById) this.plan = this.byText();
  }
}

/**
 * An overview of a bounded sample of lines, one in `oneIn` (overview-sampling.ts; 1: every line of
 * an input of known, small size), or without `oneIn` of every line of an input of any size.
 */
export interface OverviewConfig {
  depth: OverviewDepth;
  oneIn?: number;
}

const everyLine = (): boolean => true;

const overviewConfig = (overview: boolean | OverviewDepth | OverviewConfig): OverviewConfig | undefined =>
  overview === false ? undefined : overview === true ? { depth: 'full' } : typeof overview === 'string' ? { depth: overview } : overview;

export interface ReportBuilderConfig {
  by: readonly string[];
  maxKeys?: number;
  /** Groups a `by` table keeps exactly before it turns approximate (default DEFAULT_MAX_GROUPS, or maxKeys if smaller). */
  maxGroups?: number;
  /** Top URIs, top clients, slowest URIs and bots over all requests (report/overview.ts): true for a full one of every line. */
  overview?: boolean | OverviewConfig;
}

/** The factory worker threads call to build their own ReportBuilder (see parallel/run-parallel.ts). */
export const createReportBuilder = (config: ReportBuilderConfig): ReportBuilder =>
  new ReportBuilder(config.by, config.maxKeys, config.overview, config.maxGroups);
