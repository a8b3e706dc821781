/**
 * The aggregator behind `--format html`: feeds every record to the report (with its overview: top
 * URIs and clients, slowest URIs, bots; report/overview.ts), errors, traffic and timeline builders
 * in the same scan, so the page costs one read of the logs, not four.
 */
import type { LogRecord } from '../../parsers/record.js';
import { OVERVIEW_FIELDS } from './overview.js';
import type { Aggregator } from '../analyse/aggregator.js';
import type { InputSummary } from '../scan/input-summary.js';
import { ErrorsBuilder } from './errors-builder.js';
import type { PageData, TrafficData } from './page-data.js';
import { ReportBuilder } from './report-builder.js';
import { DEFAULT_BASE_MS, TimelineBuilder } from './timeline.js';
import { BoundedCounter, DEFAULT_MAX_KEYS } from './top-k.js';

/** Top URIs and clients come from the report's overview; these are the tables it does not have. */
const TRAFFIC_FIELDS = ['cs-uri-stem', 'cs-uri', 'cs-method', 'cs-host', 's-sitename', 's-siteid', 'sc-status', 'timestamp'];
const TIMELINE_FIELDS = ['timestamp', 'sc-status', 'sc-substatus', 'sc-win32-status', 's-reason'];

class TrafficBuilder {
  private readonly notFound: BoundedCounter;
  private readonly methods: BoundedCounter;
  private readonly hosts: BoundedCounter;
  private readonly sites: BoundedCounter;

  constructor(maxKeys: number) {
    this.notFound = new BoundedCounter(maxKeys);
    this.methods = new BoundedCounter(maxKeys);
    this.hosts = new BoundedCounter(maxKeys);
    this.sites = new BoundedCounter(maxKeys);
  }

  add(record: LogRecord): void {
    const uri = record['cs-uri-stem'] ?? record['cs-uri'];
    if (uri !== undefined && record['sc-status'] === 404) this.notFound.add(uri);
    const method = record['cs-method'];
    if (method !== undefined) this.methods.add(method);
    const host = record['cs-host'];
    if (host !== undefined) this.hosts.add(host);
    const site = record['s-sitename'] ?? record['s-siteid'];
    if (site !== undefined) this.sites.add(String(site));
  }

  finish(): TrafficData {
    return {
      notFound: this.notFound.toTable(),
      methods: this.methods.toTable(),
      hosts: this.hosts.toTable(),
      sites: this.sites.toTable(),
    };
  }
}

export interface PageBuilderConfig {
  /** --interval in ms, the timeline's starting bucket width; 0 lets the page choose. */
  intervalMs: number;
  maxKeys?: number;
}

export class PageBuilder implements Aggregator<PageData> {
  readonly fields: ReadonlySet<string>;
  readonly errorFields: ReadonlySet<string>;
  private readonly report: ReportBuilder;
  private readonly errors = new ErrorsBuilder(0);
  private readonly traffic: TrafficBuilder;
  private readonly timeline: TimelineBuilder;

  constructor(config: PageBuilderConfig) {
    const maxKeys = config.maxKeys ?? DEFAULT_MAX_KEYS;
    // The page shows neither a URI's distinct clients nor a client's latency: the lean overview leaves them out.
    this.report = new ReportBuilder([], maxKeys, 'lean');
    this.traffic = new TrafficBuilder(maxKeys);
    this.timeline = new TimelineBuilder(config.intervalMs > 0 ? config.intervalMs : DEFAULT_BASE_MS);
    this.fields = new Set([...this.report.fields, ...this.errors.fields, ...TRAFFIC_FIELDS, ...TIMELINE_FIELDS]);
    // The overview, traffic and the timeline read their fields on every record; the rest only the errors need.
    const everyRecord = new Set([...OVERVIEW_FIELDS, ...TRAFFIC_FIELDS, ...TIMELINE_FIELDS]);
    this.errorFields = new Set([...this.errors.errorFields].filter((f) => !everyRecord.has(f)));
  }

  add(record: LogRecord, file: string, line: number): void {
    this.report.add(record);
    this.errors.add(record, file, line);
    this.traffic.add(record);
    this.timeline.add(record);
  }

  countRequest(record: LogRecord): void {
    this.errors.countRequest(record);
  }

  finish(input: InputSummary): PageData {
    return {
      logtally: 'page',
      version: 1,
      input,
      report: this.report.finish(input),
      errors: this.errors.finish(input),
      traffic: this.traffic.finish(),
      timeline: this.timeline.finish(),
    };
  }
}

/** The factory worker threads call to build their own PageBuilder (see parallel/run-parallel.ts). */
export const createPageBuilder = (config: PageBuilderConfig): PageBuilder => new PageBuilder(config);
