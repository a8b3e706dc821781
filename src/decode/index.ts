/**
 * Decoding of the codes web server logs carry: HTTP status, IIS sub-status, Win32/HRESULT values,
 * HTTP.sys (HTTPERR) reasons, and a diagnosis for common combinations. The tables are data in the
 * sibling files; this module builds lookup maps once at load and answers questions about codes.
 */
import { LogtallyError } from '../errors/logtally-error.js';
import type { CodeEntry, CodeKind } from './types.js';
import { DIAGNOSIS_ENTRIES } from './diagnoses.js';
import { HTTP_CLASSES, HTTP_STATUS_ENTRIES } from './http-status.js';
import { HTTPERR_REASON_ENTRIES } from './httperr-reasons.js';
import { IIS_SUBSTATUS_ENTRIES } from './iis-substatus.js';
import { HRESULT_FACILITIES, WIN32_ENTRIES, WIN32_RANGES } from './win32.js';
import { HRESULT_LAYOUT, IANA_HTTP_STATUS, IIS_LOGFILE, IIS_STATUS_CODES, WIN32_ERRORS_INDEX, rfc9110 } from './sources.js';

export type { CodeEntry, CodeKind } from './types.js';
export { DIAGNOSIS_ENTRIES } from './diagnoses.js';
export { HTTP_STATUS_ENTRIES } from './http-status.js';
export { HTTPERR_REASON_ENTRIES } from './httperr-reasons.js';
export { IIS_SUBSTATUS_ENTRIES } from './iis-substatus.js';
export { WIN32_ENTRIES } from './win32.js';

/** What `explain` says about one code: its kind, meaning (own words), source document, and the table entries behind it. */
export interface Explanation {
  input: string;
  code: string;
  kind: CodeKind;
  meaning: string;
  source: string;
  class?: string;
  diagnosis?: string;
  entries: CodeEntry[];
}

const groupByCode = (entries: readonly CodeEntry[]): Map<string, CodeEntry[]> => {
  const map = new Map<string, CodeEntry[]>();
  for (const entry of entries) {
    const list = map.get(entry.code);
    if (list) list.push(entry);
    else map.set(entry.code, [entry]);
  }
  return map;
};
const byCode = (entries: readonly CodeEntry[]): Map<string, CodeEntry> => new Map(entries.map((e) => [e.code, e]));

const HTTP = byCode(HTTP_STATUS_ENTRIES);
const SUBSTATUS = groupByCode(IIS_SUBSTATUS_ENTRIES);
const WIN32 = byCode(WIN32_ENTRIES);
const WIN32_BY_NAME = new Map(WIN32_ENTRIES.map((e) => [(e.name ?? '').toUpperCase(), e]));
const HTTPERR = new Map(HTTPERR_REASON_ENTRIES.map((e) => [e.name ?? '', e]));
// Log writers and users are not consistent about case ("timer_connectionidle"), so fall back to it.
const HTTPERR_CI = new Map(HTTPERR_REASON_ENTRIES.map((e) => [(e.name ?? '').toLowerCase(), e]));
const DIAGNOSES = byCode(DIAGNOSIS_ENTRIES);

const UINT32_MAX = 0xffffffff;
const HRESULT_MIN = 0x80000000;
const FACILITY_WIN32 = 7;
/** IIS 5/6 labels are kept for `explain`, but a report row reads better with the current meaning only. */
const LEGACY_IIS = 'IIS 5/6';

const isStatusNumber = (n: number): boolean => Number.isInteger(n) && n >= 100 && n <= 599;

/** '4xx client error' for 100-599, otherwise undefined. */
export function httpClass(status: number): string | undefined {
  return isStatusNumber(status) ? HTTP_CLASSES[String(status)[0] ?? ''] : undefined;
}

/** The meaning of an HTTP status (IANA registry, vendor codes); an unknown one gets its class, an invalid one says so. */
export function describeHttpStatus(status: number): CodeEntry {
  const known = HTTP.get(String(status));
  if (known) return known;
  const cls = httpClass(status);
  if (cls) {
    return {
      code: String(status),
      kind: 'http-status',
      registry: 'unregistered',
      meaning: `${cls}, unregistered: not in the IANA registry nor a known vendor code, so only its class is known.`,
      source: IANA_HTTP_STATUS,
    };
  }
  return {
    code: String(status),
    kind: 'http-status',
    registry: 'unregistered',
    meaning: 'Not a valid HTTP status code: a status is a whole number from 100 to 599.',
    source: rfc9110('15'),
  };
}

/** The meanings of an IIS sub-status under a status (`404, 13`): one per IIS version that documents it differently. */
export function describeSubstatus(status: number, substatus: number): CodeEntry[] {
  const documented = SUBSTATUS.get(`${status}.${substatus}`);
  if (documented) return [...documented];
  // IIS writes 0 when it has nothing to add; that is documented field behaviour, not a missing entry.
  if (substatus === 0 && isStatusNumber(status)) {
    return [
      {
        code: `${status}.0`,
        kind: 'iis-substatus',
        vendor: 'Microsoft',
        iisVersion: 'IIS 6+',
        meaning: `No sub-status: IIS had no more specific reason to add to ${status}.`,
        source: IIS_LOGFILE,
      },
    ];
  }
  return [];
}

const hex32 = (value: number): string => `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
const hexShort = (value: number): string => `0x${value.toString(16).toUpperCase()}`;

interface Win32Decoding {
  entry: CodeEntry;
  class: string;
}

function decodeWin32(value: number): Win32Decoding {
  const code = `win32:${value}`;
  const known = WIN32.get(code);
  const range = WIN32_RANGES.find((r) => value >= r.from && value <= r.to);
  if (!Number.isInteger(value) || value < 0) {
    return {
      class: 'invalid',
      entry: {
        code,
        kind: 'win32',
        meaning: 'Not a valid Win32 status: it is a whole number from 0 to 4294967295.',
        source: WIN32_ERRORS_INDEX,
      },
    };
  }
  if (value > UINT32_MAX) {
    return {
      class: 'out of range',
      entry: {
        code,
        kind: 'win32',
        meaning: `Out of range: ${value} does not fit in 32 bits, so it is neither a Win32 code nor an HRESULT (some Exchange servers write such values).`,
        source: HRESULT_LAYOUT,
      },
    };
  }
  if (value >= HRESULT_MIN) return decodeHresult(value, known, range?.label);
  if (known) return { entry: known, class: range?.label ?? 'Windows system error' };
  return {
    class: range?.label ?? 'unknown',
    entry: {
      code,
      kind: 'win32',
      meaning: range
        ? `${range.label} ${value} (${hexShort(value)}, facility: none, a plain Win32 code) that logtally has no text for; look it up at the source.`
        : `Unknown Win32 value ${value} (${hexShort(value)}, facility: none, a plain Win32 code) outside the ranges logtally knows.`,
      source: range?.source ?? WIN32_ERRORS_INDEX,
    },
  };
}

function decodeHresult(value: number, known: CodeEntry | undefined, rangeLabel: string | undefined): Win32Decoding {
  const hex = hex32(value);
  const facility = (value >>> 16) & 0x7ff;
  const facilityName = HRESULT_FACILITIES[facility] ?? `facility ${facility}`;
  if (known) return { entry: known, class: `HRESULT, ${facilityName}` };
  const low = value & 0xffff;
  if (facility === FACILITY_WIN32) {
    // 0x8007xxxx: a Win32 error code carried in an HRESULT; decode the inner code.
    const inner = decodeWin32(low).entry;
    return {
      class: `HRESULT, ${facilityName}`,
      entry: {
        code: `win32:${value}`,
        kind: 'win32',
        vendor: 'Microsoft',
        name: inner.name,
        meaning: `HRESULT ${hex} wraps Win32 error ${low}: ${inner.meaning}`,
        source: inner.source,
      },
    };
  }
  // Severity and reserved bits both set: an NTSTATUS value rather than an HRESULT.
  const kind = (value & 0xc0000000) >>> 0 === 0xc0000000 ? 'NTSTATUS-style value' : 'HRESULT';
  return {
    class: rangeLabel ?? `${kind}, ${facilityName}`,
    entry: {
      code: `win32:${value}`,
      kind: 'win32',
      meaning: `${rangeLabel ? `${rangeLabel}: ` : ''}${kind} ${hex}, facility ${facility} (${facilityName}), code ${low}, not in logtally's table.`,
      source: HRESULT_LAYOUT,
    },
  };
}

/** The meaning of a Win32 status (`64`, or an HRESULT such as 0x80070040) as IIS logs it in sc-win32-status. */
export function describeWin32(value: number): CodeEntry {
  return decodeWin32(value).entry;
}

/** The meaning of an HTTP.sys (HTTPERR log) reason phrase such as `Timer_ConnectionIdle`; undefined when unknown. */
export function describeHttpErrReason(reason: string): CodeEntry | undefined {
  return HTTPERR.get(reason) ?? HTTPERR_CI.get(reason.toLowerCase());
}

function diagnosisEntry(status: number, substatus?: number, win32?: number): CodeEntry | undefined {
  const keys: string[] = [];
  if (substatus !== undefined && win32 !== undefined) keys.push(`${status}.${substatus}.${win32}`);
  if (substatus !== undefined) keys.push(`${status}.${substatus}`);
  if (win32 !== undefined) keys.push(`*.*.${win32}`);
  keys.push(String(status));
  for (const key of keys) {
    const found = DIAGNOSES.get(key);
    if (found) return found;
  }
  return undefined;
}

export function diagnose(status: number, substatus?: number, win32?: number): string | undefined {
  return diagnosisEntry(status, substatus, win32)?.meaning;
}

/** Words that stay capitalised at the start of a clause: names, not ordinary sentence starts. */
const PROPER_NOUNS = new Set([
  'Windows',
  'Kerberos',
  'Passport',
  'Global.asa',
  'Classic',
  'Exchange',
  'Cloudflare',
  'Dynamic',
  'Request',
  'Application',
]);
const lowerFirst = (text: string): string => {
  const first = text.split(/[\s:]/, 1)[0] ?? '';
  return /^[A-Z][a-z]/.test(first) && !PROPER_NOUNS.has(first) ? text[0]!.toLowerCase() + text.slice(1) : text;
};
const noFinalStop = (text: string): string => text.replace(/\.$/, '');
const clause = (text: string): string => lowerFirst(noFinalStop(text));

const MEANING_CACHE_LIMIT = 10_000;
const meaningCache = new Map<string, string>();

/** One-line meaning for a report row; omitting substatus/win32 means the report does not group by them. */
export function meaningOf(status: number, substatus?: number, win32?: number): string {
  const key = `${status}|${substatus ?? ''}|${win32 ?? ''}`;
  const cached = meaningCache.get(key);
  if (cached !== undefined) return cached;

  const http = describeHttpStatus(status);
  const parts = [
    http.name && http.registry !== 'unused' ? `${http.name}${http.vendor ? ` (${http.vendor})` : ''}` : noFinalStop(http.meaning),
  ];
  if (substatus !== undefined) {
    const all = SUBSTATUS.get(`${status}.${substatus}`) ?? [];
    const current = all.filter((e) => e.iisVersion !== LEGACY_IIS);
    // Keep one meaning per product (ARR's two 502.3 lists read the same in a report row), but do
    // show different products side by side, e.g. 502.5 from ARR and from the ASP.NET Core Module.
    const product = (e: CodeEntry): string => (e.iisVersion ?? '').split(' ')[0] ?? '';
    const shown = (current.length > 0 ? current : all).filter((e, i, list) => list.findIndex((o) => product(o) === product(e)) === i);
    if (shown.length > 0) {
      const label = (e: CodeEntry): string => (shown.length > 1 ? `${e.code}, ${e.iisVersion}` : e.code);
      parts.push(shown.map((e) => `${clause(e.meaning)} (${label(e)})`).join('; or '));
    } else if (substatus !== 0) {
      parts.push(`sub-status ${substatus} is not documented (${status}.${substatus})`);
    }
  }
  if (win32 !== undefined && win32 !== 0) {
    const w = describeWin32(win32);
    parts.push(w.name ? `${w.name} (${win32}): ${clause(w.meaning)}` : `win32 ${win32}: ${clause(w.meaning)}`);
  }
  const text = parts.join(' — ');
  if (meaningCache.size >= MEANING_CACHE_LIMIT) meaningCache.clear();
  meaningCache.set(key, text);
  return text;
}

const withName = (e: CodeEntry): string => (e.name && e.registry !== 'unused' ? `${e.name}: ${e.meaning}` : e.meaning);

function explainStatus(input: string, status: number): Explanation {
  const http = describeHttpStatus(status);
  return {
    input,
    code: http.code,
    kind: 'http-status',
    meaning: withName(http),
    source: http.source,
    class: httpClass(status),
    diagnosis: diagnose(status),
    entries: [http],
  };
}

function explainSubstatus(input: string, status: number, substatus: number): Explanation {
  const http = describeHttpStatus(status);
  const subs = describeSubstatus(status, substatus);
  const code = `${status}.${substatus}`;
  const meaning =
    subs.length === 0
      ? `${code} is not a documented IIS sub-status; ${status} itself: ${withName(http)}`
      : subs.length === 1
        ? subs[0]!.meaning
        : subs.map((e) => `${e.iisVersion}: ${e.meaning}`).join(' | ');
  return {
    input,
    code,
    kind: 'iis-substatus',
    meaning,
    source: subs[0]?.source ?? IIS_STATUS_CODES,
    class: httpClass(status),
    diagnosis: diagnose(status, substatus),
    entries: [http, ...subs],
  };
}

function explainTriple(input: string, status: number, substatus: number, win32: number): Explanation {
  const http = describeHttpStatus(status);
  const subs = describeSubstatus(status, substatus);
  const dx = diagnosisEntry(status, substatus, win32);
  return {
    input,
    code: `${status}.${substatus}.${win32}`,
    kind: 'diagnosis',
    meaning: meaningOf(status, substatus, win32),
    source: dx?.source ?? subs[0]?.source ?? http.source,
    class: httpClass(status),
    diagnosis: dx?.meaning,
    entries: [http, ...subs, describeWin32(win32)],
  };
}

function explainWin32(input: string, value: number): Explanation {
  const { entry, class: cls } = decodeWin32(value);
  return {
    input,
    code: entry.code,
    kind: 'win32',
    meaning: withName(entry),
    source: entry.source,
    class: cls,
    diagnosis: DIAGNOSES.get(`*.*.${value}`)?.meaning,
    entries: [entry],
  };
}

function explainReason(input: string, entry: CodeEntry): Explanation {
  return {
    input,
    code: entry.code,
    kind: 'httperr-reason',
    meaning: entry.meaning,
    source: entry.source,
    class: 'HTTP.sys error log reason (s-reason)',
    entries: [entry],
  };
}

const parseNumber = (text: string): number => (/^0x/i.test(text) ? parseInt(text.slice(2), 16) : Number(text));
const printable = (text: string): string => {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
};

export const EXPLAIN_FORMS =
  'an HTTP status (404), status.substatus (404.3), status.substatus.win32 (500.19.13), win32:64, a hex HRESULT (0x80070005), a Win32 name (ERROR_ACCESS_DENIED) or httperr:Timer_ConnectionIdle';

/** The status of a dotted code (`404.3`, `500.19.13`): a code led by no HTTP status is unknown, not explained. */
function httpStatusOf(text: string, status: string): number {
  const n = Number(status);
  if (!isStatusNumber(n))
    throw new LogtallyError(
      'UNKNOWN_CODE',
      `Unknown code "${printable(text)}": ${status} is not an HTTP status (100 to 599), so it has no sub-status.`,
    );
  return n;
}

/** Explain one code as a user typed it; throws LogtallyError('UNKNOWN_CODE') for input it cannot read. */
export function explain(input: string): Explanation {
  const text = input.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,3})\.(\d{1,5})\.(\d{1,20}|0x[0-9a-f]{1,16})$/i.exec(text))) {
    return explainTriple(input, httpStatusOf(text, m[1]!), Number(m[2]), parseNumber(m[3]!));
  }
  if ((m = /^(\d{1,3})\.(\d{1,5})$/.exec(text))) return explainSubstatus(input, httpStatusOf(text, m[1]!), Number(m[2]));
  if ((m = /^(?:win32:)?(0x[0-9a-f]{1,16})$/i.exec(text)) || (m = /^win32:(\d{1,20})$/i.exec(text))) {
    return explainWin32(input, parseNumber(m[1]!));
  }
  if ((m = /^\d{1,20}$/.exec(text))) {
    // A bare number outside 100-599 cannot be an HTTP status, so read it as a Win32 value (e.g. 64, 2148074254).
    const n = Number(text);
    return isStatusNumber(n) ? explainStatus(input, n) : explainWin32(input, n);
  }
  if ((m = /^httperr:(.+)$/i.exec(text))) {
    const entry = describeHttpErrReason(m[1]!);
    if (!entry) {
      throw new LogtallyError(
        'UNKNOWN_CODE',
        `Unknown HTTPERR reason "${printable(m[1]!)}": not a documented HTTP.sys s-reason (e.g. Timer_ConnectionIdle, QueueFull, Connection_Dropped).`,
      );
    }
    return explainReason(input, entry);
  }
  const reason = describeHttpErrReason(text);
  if (reason) return explainReason(input, reason);
  const named = WIN32_BY_NAME.get(text.toUpperCase());
  if (named) return explainWin32(input, Number(named.code.slice('win32:'.length)));
  throw new LogtallyError('UNKNOWN_CODE', `Unknown code "${printable(text)}": expected ${EXPLAIN_FORMS}.`);
}
