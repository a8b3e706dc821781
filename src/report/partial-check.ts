/**
 * What is wrong with a partial report read back from a file, field by field, before anything is
 * merged: a partial is data from another machine (or a hand edit), and a value of the wrong type
 * (`"count":"abc"`, a `null` group, a string time), an impossible number (1e308 requests, -1) or an
 * undecodable latency count would otherwise surface later as nonsense in the output, an internal error,
 * or an error blamed on whichever file it was merged with.
 */
import { HLL_BYTES, HyperLogLog } from './errors-distinct.js';
import { COUNT_TABLES } from './report.js';
import { readBuckets } from './latency-buckets.js';

type Problem = string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A count: a non-negative safe integer (a sum of such stays exact up to 2^53). */
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
const isInteger = (n: unknown): n is number => Number.isSafeInteger(n);
const isString = (v: unknown): v is string => typeof v === 'string';
const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v === 'number' ? String(v) : typeof v;
};

/** A table of counts: an object whose every value is a count. */
function countsProblem(v: unknown, where: string): Problem {
  if (!isObject(v)) return `${where} is ${describe(v)}, not a table of counts`;
  // Object.keys, then lookups: Object.values and Object.entries over a table of a million keys
  // (a dictionary-mode object) take several times as long.
  for (const key of Object.keys(v)) {
    const n = v[key];
    if (!isCount(n)) return `${where}[${JSON.stringify(key)}] is ${describe(n)}, not a count (a whole number from 0 to 2^53)`;
  }
  return undefined;
}

function fieldProblem(object: Record<string, unknown>, key: string, check: (v: unknown) => boolean, what: string, where: string): Problem {
  return check(object[key]) ? undefined : `${where}.${key} is ${describe(object[key])}, not ${what}`;
}

const optional =
  (check: (v: unknown) => boolean) =>
  (v: unknown): boolean =>
    v === undefined || check(v);

const INPUT_COUNTS = ['files', 'lines', 'records', 'directives', 'blank', 'rejected', 'filteredOut'] as const;

function listProblem(v: unknown, where: string, item: (v: unknown, at: string) => Problem): Problem {
  if (!Array.isArray(v)) return `${where} is ${describe(v)}, not a list`;
  for (const [i, entry] of v.entries()) {
    const problem = item(entry, `${where}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

function shapeProblem(v: unknown, where: string, fields: Record<string, [(v: unknown) => boolean, string]>): Problem {
  if (!isObject(v)) return `${where} is ${describe(v)}, not an object`;
  for (const [key, [check, what]] of Object.entries(fields)) {
    const problem = fieldProblem(v, key, check, what, where);
    if (problem) return problem;
  }
  return undefined;
}

const SAMPLE: Record<string, [(v: unknown) => boolean, string]> = {
  file: [isString, 'a file name'],
  line: [isCount, 'a line number'],
  reason: [isString, 'a reason'],
  excerpt: [isString, 'text'],
  detail: [optional(isString), 'text'],
};
const SKIPPED: Record<string, [(v: unknown) => boolean, string]> = {
  file: [isString, 'a file name'],
  code: [isString, 'a code'],
  message: [isString, 'text'],
};
const DAMAGED: Record<string, [(v: unknown) => boolean, string]> = { ...SKIPPED, lines: [isCount, 'a count'] };

/** The `input` accounting: counts that add up, and lists of the right shape. */
export function inputProblem(v: unknown): Problem {
  if (!isObject(v)) return `"input" is ${describe(v)}, not the input accounting`;
  for (const key of INPUT_COUNTS) {
    const problem = fieldProblem(v, key, isCount, 'a count', 'input');
    if (problem) return problem;
  }
  const problem =
    countsProblem(v.rejectedByReason, 'input.rejectedByReason') ??
    countsProblem(v.formats, 'input.formats') ??
    listProblem(v.rejectedSamples, 'input.rejectedSamples', (s, at) => shapeProblem(s, at, SAMPLE)) ??
    listProblem(v.notes, 'input.notes', (s, at) => (isString(s) ? undefined : `${at} is ${describe(s)}, not text`)) ??
    listProblem(v.skipped, 'input.skipped', (s, at) => shapeProblem(s, at, SKIPPED)) ??
    (v.damaged === undefined ? undefined : listProblem(v.damaged, 'input.damaged', (s, at) => shapeProblem(s, at, DAMAGED)));
  if (problem) return problem;
  const { lines, records, directives, blank, rejected } = v as Record<(typeof INPUT_COUNTS)[number], number>;
  // Every report keeps this invariant, so a partial that breaks it was edited or damaged.
  const sum = records + directives + blank + rejected;
  return sum === lines
    ? undefined
    : `its "input" accounting does not add up: ${lines} lines, but ${records} records + ${directives} directives + ${blank} blank + ${rejected} rejected = ${sum}`;
}

/** The report's tables: counts, the `by` list, the approximation bounds. */
export function reportProblem(v: Record<string, unknown>): Problem {
  for (const table of ['classes', ...COUNT_TABLES]) {
    const problem = countsProblem(v[table], `"${table}"`);
    if (problem) return problem;
  }
  if (!Array.isArray(v.by) || !v.by.every(isString)) return 'its "by" list is malformed';
  if (v.approximate === undefined) return undefined;
  const problem = countsProblem(v.approximate, '"approximate"');
  if (problem) return problem;
  const unknown = Object.keys(v.approximate as object).find((k) => !(COUNT_TABLES as readonly string[]).includes(k));
  return unknown === undefined ? undefined : `"approximate" names ${JSON.stringify(unknown)}, which is not a table`;
}

/** A finite number at least 0 (bytes and milliseconds can exceed 2^53 only in a forged file, but are not counts). */
const isAmount = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n < 2 ** 53;
/** Epoch milliseconds within what Date can hold. */
const isTime = (n: unknown): n is number => typeof n === 'number' && Math.abs(n) <= 8.64e15;

function latencyProblem(v: unknown, where: string): Problem {
  const shape = shapeProblem(v, where, {
    count: [(n) => isCount(n) && n > 0, 'a count above 0'],
    sum: [isAmount, 'milliseconds'],
    max: [isAmount, 'milliseconds'],
  });
  if (shape) return shape;
  const data = v as Record<string, unknown>;
  if (Array.isArray(data.values)) {
    if (!data.values.every(isAmount)) return `${where}.values holds something other than milliseconds`;
    if (data.values.length !== data.count) return `${where}.values holds ${data.values.length} values for a count of ${data.count}`;
    return undefined;
  }
  if (!isString(data.buckets)) return `${where} has neither values nor buckets`;
  const buckets = readBuckets(data.buckets);
  if (buckets === undefined) return `${where}.buckets is not an encoding of bucket counts`;
  let counted = 0;
  for (const n of buckets.counts) counted += n;
  if (counted !== data.count) return `${where}.buckets holds ${counted} values for a count of ${data.count}`;
  return undefined;
}

const GROUP: Record<string, [(v: unknown) => boolean, string]> = {
  time: [optional(isTime), 'epoch milliseconds'],
  status: [optional(isInteger), 'a status'],
  substatus: [optional(isInteger), 'a substatus'],
  win32: [optional(isInteger), 'a win32 code'],
  reason: [optional(isString), 'a reason'],
  count: [isCount, 'a count'],
  firstSeen: [optional(isTime), 'epoch milliseconds'],
  lastSeen: [optional(isTime), 'epoch milliseconds'],
  bytesSent: [isAmount, 'bytes'],
  bytesReceived: [isAmount, 'bytes'],
  urisMaxError: [isCount, 'a count'],
  clientsMaxError: [isCount, 'a count'],
  clientsHll: [
    optional((s) => isString(s) && HyperLogLog.decode(s) !== undefined),
    `HyperLogLog registers in base64 (${HLL_BYTES} bytes, or 3 bytes a set register)`,
  ],
};

function groupProblem(v: unknown, where: string): Problem {
  const problem =
    shapeProblem(v, where, GROUP) ??
    countsProblem((v as Record<string, unknown>).uris, `${where}.uris`) ??
    countsProblem((v as Record<string, unknown>).clients, `${where}.clients`) ??
    shapeProblem((v as Record<string, unknown>).example, `${where}.example`, {
      file: [isString, 'a file name'],
      line: [isCount, 'a line number'],
    });
  if (problem) return problem;
  const latency = (v as Record<string, unknown>).latency;
  return latency === undefined ? undefined : latencyProblem(latency, `${where}.latency`);
}

/** The errors report's buckets and groups. */
export function errorsProblem(v: Record<string, unknown>): Problem {
  if (!isCount(v.intervalMs)) return `"intervalMs" is ${describe(v.intervalMs)}, not a count of milliseconds`;
  if (
    v.requestedIntervalMs !== undefined &&
    !(isCount(v.requestedIntervalMs) && v.requestedIntervalMs > 0 && v.intervalMs % v.requestedIntervalMs === 0)
  )
    return `"requestedIntervalMs" is ${describe(v.requestedIntervalMs)}, not an interval that "intervalMs" is a multiple of`;
  const problem = countsProblem(v.requests, '"requests"');
  if (problem) return problem;
  if (!isObject(v.groups)) return `"groups" is ${describe(v.groups)}, not an object of groups`;
  for (const key in v.groups) {
    if (!Object.hasOwn(v.groups, key)) continue;
    const group = groupProblem(v.groups[key], `groups[${JSON.stringify(key.replaceAll('\u0001', ' '))}]`);
    if (group) return group;
  }
  return undefined;
}
