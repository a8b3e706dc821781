/**
 * The dimensions a report can group by, as data: which record fields each reads and how it turns a
 * record into a group key. Adding a dimension is adding an entry here.
 */
import type { LogRecord } from '../../parsers/record.js';
import { toIso } from '../../parsers/time.js';
import { bucketStart, formatInterval, parseInterval } from './time-series.js';
import { NOISE_DIMENSIONS, PROFILE_DIMENSIONS } from './more-dimensions.js';
import { lookupTable } from '../../parsers/lookup-table.js';

export interface Dimension {
  name: string;
  /** Record fields the dimension reads (parsers build only these). */
  fields: readonly string[];
  /** Key for a record read from `file`; '' when the record has no value. */
  key(record: LogRecord, file: string): string;
  /** Values are numbers in CSV and JSON output. */
  numeric: boolean;
  /**
   * Set when the key is the value, as read, of the first of these fields the record has: a line's
   * column of that field can then stand for the key (report/report-rows.ts).
   */
  keyFields?: readonly string[];
  description: string;
}

const str = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

const statusClass = (status: number | undefined): string =>
  status === undefined || status < 100 || status > 599 ? 'other' : `${Math.floor(status / 100)}xx`;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const DIMENSIONS: Record<string, Dimension> = lookupTable({
  status: { name: 'status', fields: ['sc-status'], numeric: true, description: 'HTTP status (sc-status)', key: (r) => str(r['sc-status']) },
  substatus: {
    name: 'substatus',
    fields: ['sc-substatus'],
    numeric: true,
    description: 'IIS sub-status (sc-substatus)',
    key: (r) => str(r['sc-substatus']),
  },
  win32: {
    name: 'win32',
    fields: ['sc-win32-status'],
    numeric: true,
    description: 'Win32 status (sc-win32-status)',
    key: (r) => str(r['sc-win32-status']),
  },
  code: {
    name: 'code',
    fields: ['sc-status', 'sc-substatus', 'sc-win32-status'],
    numeric: false,
    description: 'status.substatus.win32',
    key: (r) => codeKey(r['sc-status'], r['sc-substatus'], r['sc-win32-status']),
  },
  class: {
    name: 'class',
    fields: ['sc-status'],
    numeric: false,
    description: 'status class (2xx, 4xx …)',
    key: (r) => statusClass(r['sc-status']),
  },
  method: {
    name: 'method',
    fields: ['cs-method'],
    keyFields: ['cs-method'],
    numeric: false,
    description: 'request method (cs-method)',
    key: (r) => str(r['cs-method']),
  },
  uri: {
    name: 'uri',
    fields: ['cs-uri-stem', 'cs-uri'],
    keyFields: ['cs-uri-stem', 'cs-uri'],
    numeric: false,
    description: 'URI path (cs-uri-stem)',
    key: (r) => str(r['cs-uri-stem'] ?? r['cs-uri']),
  },
  host: {
    name: 'host',
    fields: ['cs-host'],
    keyFields: ['cs-host'],
    numeric: false,
    description: 'Host header (cs-host)',
    key: (r) => str(r['cs-host']),
  },
  site: {
    name: 'site',
    fields: ['s-sitename', 's-siteid'],
    keyFields: ['s-sitename', 's-siteid'],
    numeric: false,
    description: 'IIS site (s-sitename)',
    key: (r) => str(r['s-sitename'] ?? r['s-siteid']),
  },
  client: { name: 'client', fields: ['c-ip'], numeric: false, description: 'client address (c-ip)', key: (r) => str(r['c-ip']) },
  user: {
    name: 'user',
    fields: ['cs-username'],
    keyFields: ['cs-username'],
    numeric: false,
    description: 'authenticated user (cs-username)',
    key: (r) => str(r['cs-username']),
  },
  agent: { name: 'agent', fields: ['cs(User-Agent)'], numeric: false, description: 'user agent', key: (r) => str(r['cs(User-Agent)']) },
  referer: {
    name: 'referer',
    fields: ['cs(Referer)'],
    numeric: false,
    description: 'referring page (cs(Referer))',
    key: (r) => str(r['cs(Referer)']),
  },
  reason: {
    name: 'reason',
    fields: ['s-reason'],
    numeric: false,
    description: 'HTTP.sys reason (s-reason, HTTPERR logs)',
    key: (r) => str(r['s-reason']),
  },
  day: {
    name: 'day',
    fields: ['timestamp'],
    numeric: false,
    description: 'UTC day (ISO-8601)',
    key: (r) => (r.timestamp === undefined ? '' : toIso(r.timestamp - (r.timestamp % DAY_MS)).slice(0, 10)),
  },
  hour: {
    name: 'hour',
    fields: ['timestamp'],
    numeric: false,
    description: 'UTC hour start (ISO-8601)',
    key: (r) => (r.timestamp === undefined ? '' : toIso(r.timestamp - (r.timestamp % HOUR_MS))),
  },
  ...NOISE_DIMENSIONS,
  ...PROFILE_DIMENSIONS,
});

/** `status.substatus.win32`, leaving out trailing parts the format does not log; a missing middle part stays empty (`404..2`). */
export function codeKey(status: number | undefined, substatus: number | undefined, win32: number | undefined): string {
  if (status === undefined) return '';
  if (win32 !== undefined) return `${status}.${substatus ?? ''}.${win32}`;
  if (substatus !== undefined) return `${status}.${substatus}`;
  return String(status);
}

export function parseCodeKey(key: string): { status?: number; substatus?: number; win32?: number } {
  const [status, substatus, win32] = key.split('.').map((part) => (part === '' ? undefined : Number(part)));
  return { status, substatus, win32 };
}

export { statusClass };

/** `time:5m` and the like: --interval buckets, named with their width so reports of different widths never merge. */
export const TIME_DIMENSION = 'time';
export const isTimeDimension = (name: string): boolean => name.startsWith(`${TIME_DIMENSION}:`);
export const timeDimensionName = (intervalMs: number): string => `${TIME_DIMENSION}:${formatInterval(intervalMs)}`;

/** The UTC start of a record's bucket as epoch ms: integer arithmetic here, ISO-8601 only when rendered. */
export function timeDimension(name: string): Dimension {
  const intervalMs = parseInterval(name.slice(TIME_DIMENSION.length + 1));
  return {
    name,
    fields: ['timestamp'],
    numeric: false,
    description: 'UTC start of the --interval bucket (ISO-8601)',
    key: (r) => (r.timestamp === undefined ? '' : String(bucketStart(r.timestamp, intervalMs))),
  };
}
