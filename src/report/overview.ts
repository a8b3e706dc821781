/**
 * Who and what the traffic is, over all requests: top URIs and top clients with their measures
 * (bytes, distinct clients, latency; group-measures.ts), the slowest URIs by p95, and the share of
 * requests from bots. The default report has a lean one, from a sample of lines on large inputs
 * (overview-sampling.ts); `report --overview` a full one from every line, which takes about 2.7
 * times the default report's CPU (docs/benchmarks.md). Memory: two tables of at most --max-keys
 * groups each, bounded as --by groups are (group-measures.ts), and three counters.
 */
import type { LogRecord } from '../../parsers/record.js';
import { isBotAgent } from '../filter/noise.js';
import { BoundedGroups } from './bounded-groups.js';
import { mergeGroupMeasures, type GroupMeasureData } from './group-measures.js';
import { BoundedCounter, mergeBoundedTables } from './top-k.js';

export const OVERVIEW_FIELDS = ['cs-uri-stem', 'cs-uri', 'c-ip', 'sc-bytes', 'time-taken', 'cs(User-Agent)'];

/** A capped table of groups with their measures. */
export interface MeasuredTable {
  counts: Record<string, number>;
  /** The most any count may exceed the truth by; 0 when exact. */
  maxError: number;
  measures: Record<string, GroupMeasureData>;
}

export interface Overview {
  uris: MeasuredTable;
  clients: MeasuredTable;
  /** Requests by user agent: bots (isbot), others, and those with no agent logged. */
  bots: { yes: number; no: number; unknown: number };
  /** `lean` leaves out a URI's distinct clients and a client's latency; absent means full. */
  depth?: 'lean';
  /**
   * Present when the lines counted are a bounded sample of the input (overview-sampling.ts): one
   * line in `oneIn` (1: every line of an input of known, small size), `lines` of them, each counted
   * `oneIn` times (past 1, counts, bytes and bots are estimates). Latency keeps every sampled value
   * (they are few), so percentiles are exact for the sample and no histogram is built.
   */
  sample?: { oneIn: number; lines: number };
}

/**
 * `full` measures every group as `--by` does; `lean` leaves out what costs most and the HTML page
 * does not show: the distinct clients of each URI and the latency of each client (a quarter of
 * the overview's CPU on the benchmark log, and a latency recorder per client). Counts, bytes, the
 * URIs' latency and bots are the same in both.
 */
export type OverviewDepth = 'full' | 'lean';

export class OverviewRecorder {
  private readonly uris: BoundedGroups;
  private readonly clients: BoundedGroups;
  private readonly bots = { yes: 0, no: 0, unknown: 0 };
  private readonly full: boolean;
  private sampledLines = 0;
  private readonly weight: number;

  /**
   * @param oneIn given for a bounded sample (see Overview.sample): each record added stands for
   *   this many lines; absent, every line of an input of any size.
   */
  constructor(
    maxKeys: number,
    depth: OverviewDepth = 'full',
    private readonly oneIn?: number,
  ) {
    const rawLatency = oneIn === undefined ? undefined : Infinity;
    this.uris = new BoundedGroups(maxKeys, rawLatency);
    this.clients = new BoundedGroups(maxKeys, rawLatency);
    this.full = depth === 'full';
    this.weight = oneIn ?? 1;
  }

  /** `sample`: the record of the sampled fields of a line in the sample (a parser may have put them in `record`). */
  add(record: LogRecord, sample?: LogRecord): void {
    const weight = this.weight;
    this.sampledLines++;
    const bytes = (sample?.['sc-bytes'] ?? record['sc-bytes'] ?? 0) * weight;
    const ms = sample?.['time-taken'] ?? record['time-taken'];
    const client = sample?.['c-ip'] ?? record['c-ip'];
    const uri = sample?.['cs-uri-stem'] ?? sample?.['cs-uri'] ?? record['cs-uri-stem'] ?? record['cs-uri'];
    if (uri !== undefined) {
      const group = this.uris.add(String(uri), weight);
      group.bytesSent += bytes;
      if (client !== undefined && this.full) group.addClient(client);
      if (ms !== undefined) group.recordLatency(ms);
    }
    // A client's own distinct clients would always be 1: the clients table records none (overview-view.ts drops the column).
    if (client !== undefined) {
      const group = this.clients.add(client, weight);
      group.bytesSent += bytes;
      if (ms !== undefined && this.full) group.recordLatency(ms);
    }
    const agent = sample?.['cs(User-Agent)'] ?? record['cs(User-Agent)'];
    if (agent === undefined) this.bots.unknown += weight;
    else if (isBotAgent(agent)) this.bots.yes += weight;
    else this.bots.no += weight;
  }

  finish(): Overview {
    const overview: Overview = { uris: measured(this.uris), clients: measured(this.clients), bots: { ...this.bots } };
    if (!this.full) overview.depth = 'lean';
    if (this.oneIn !== undefined) overview.sample = { oneIn: this.oneIn, lines: this.sampledLines };
    return overview;
  }
}

function measured(groups: BoundedGroups): MeasuredTable {
  const { table, measures } = groups.finish();
  return { ...table, measures };
}

/** Measures of the groups the merged counts kept; a side that pruned a group contributes what it kept. */
export function mergeMeasuresOf(
  kept: Record<string, number>,
  a: Record<string, GroupMeasureData> = {},
  b: Record<string, GroupMeasureData> = {},
  rawLatency?: number,
): Record<string, GroupMeasureData> {
  const merged: Record<string, GroupMeasureData> = Object.create(null) as Record<string, GroupMeasureData>;
  for (const key of Object.keys(kept)) {
    const measures = mergeGroupMeasures(a[key], b[key], rawLatency);
    if (measures !== undefined) merged[key] = measures;
  }
  return merged;
}

function mergeMeasured(a: MeasuredTable, b: MeasuredTable, maxKeys: number, rawLatency?: number): MeasuredTable {
  const table = mergeBoundedTables([a, b], maxKeys);
  return { ...table, measures: mergeMeasuresOf(table.counts, a.measures, b.measures, rawLatency) };
}

export function mergeOverviews(a: Overview | undefined, b: Overview | undefined, maxKeys: number): Overview | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  // Two bounded samples keep every latency value, as one pass over both would.
  const rawLatency = a.sample !== undefined && b.sample !== undefined ? Infinity : undefined;
  const merged: Overview = {
    uris: mergeMeasured(a.uris, b.uris, maxKeys, rawLatency),
    clients: mergeMeasured(a.clients, b.clients, maxKeys, rawLatency),
    bots: { yes: a.bots.yes + b.bots.yes, no: a.bots.no + b.bots.no, unknown: a.bots.unknown + b.bots.unknown },
  };
  // Lean if either side lacks the full measures; sampled if either side is a sample.
  if (a.depth === 'lean' || b.depth === 'lean') merged.depth = 'lean';
  const sample = mergeSamples(a, b);
  if (sample !== undefined) merged.sample = sample;
  return merged;
}

/**
 * mergeOverviews folded over `overviews` in order. Partials of a sample (one per byte range of a
 * large input) are many and their client tables large, and a fold rebuilt the merged tables once
 * per partial: when nothing can be capped on the way (no table capped, their union within
 * `maxKeys`), each table is summed in one pass and each group's measures folded on their own,
 * which gives what the fold gives.
 */
export function mergeAllOverviews(overviews: readonly (Overview | undefined)[], maxKeys: number): Overview | undefined {
  const all = overviews.filter((o): o is Overview => o !== undefined);
  const sampled = all.filter((o) => o.sample !== undefined).length;
  const uris = all.map((o) => o.uris);
  const clients = all.map((o) => o.clients);
  const summed = all.length > 2 && (sampled === 0 || sampled === all.length) ? [sumOf(uris, maxKeys), sumOf(clients, maxKeys)] : [];
  const [uriCounts, clientCounts] = summed;
  if (uriCounts === undefined || clientCounts === undefined)
    return all.reduce<Overview | undefined>((a, b) => mergeOverviews(a, b, maxKeys), undefined);
  const rawLatency = sampled > 0 ? Infinity : undefined;
  const merged: Overview = {
    uris: { ...uriCounts, measures: foldMeasures(uriCounts.counts, uris, rawLatency) },
    clients: { ...clientCounts, measures: foldMeasures(clientCounts.counts, clients, rawLatency) },
    bots: all.reduce((sum, o) => ({ yes: sum.yes + o.bots.yes, no: sum.no + o.bots.no, unknown: sum.unknown + o.bots.unknown }), {
      yes: 0,
      no: 0,
      unknown: 0,
    }),
  };
  if (all.some((o) => o.depth === 'lean')) merged.depth = 'lean';
  const sample = all.reduce<Overview['sample']>((a, o) => mergeSamples({ ...o, sample: a }, o), undefined);
  if (sample !== undefined) merged.sample = sample;
  return merged;
}

/** The tables summed, when none is capped and their union is within `maxKeys` (keys in the order a fold gives). */
function sumOf(tables: readonly MeasuredTable[], maxKeys: number): { counts: Record<string, number>; maxError: number } | undefined {
  if (tables.some((t) => t.maxError !== 0)) return undefined;
  const counter = BoundedCounter.from(tables, maxKeys);
  return counter.size > maxKeys ? undefined : counter.toTable();
}

/** Each kept group's measures folded over the tables in order, as mergeMeasuresOf in a fold would. */
function foldMeasures(
  kept: Record<string, number>,
  tables: readonly MeasuredTable[],
  rawLatency?: number,
): Record<string, GroupMeasureData> {
  const folded = new Map<string, GroupMeasureData>();
  for (const { measures } of tables) {
    for (const key of Object.keys(measures)) {
      const own = measures[key]!;
      const before = folded.get(key);
      folded.set(key, before === undefined ? own : mergeGroupMeasures(before, own, rawLatency)!);
    }
  }
  const merged: Record<string, GroupMeasureData> = Object.create(null) as Record<string, GroupMeasureData>;
  for (const key of Object.keys(kept)) {
    const measures = folded.get(key);
    if (measures !== undefined) merged[key] = measures;
  }
  return merged;
}

/** The merged sample is as coarse as the coarser side (a side without one counted every line). */
function mergeSamples(a: Overview, b: Overview): Overview['sample'] {
  if (a.sample === undefined && b.sample === undefined) return undefined;
  const oneIn = Math.max(a.sample?.oneIn ?? 1, b.sample?.oneIn ?? 1);
  return { oneIn, lines: (a.sample?.lines ?? 0) + (b.sample?.lines ?? 0) };
}
