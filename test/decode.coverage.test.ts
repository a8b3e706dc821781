import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DIAGNOSIS_ENTRIES,
  HTTPERR_REASON_ENTRIES,
  HTTP_STATUS_ENTRIES,
  IIS_SUBSTATUS_ENTRIES,
  WIN32_ENTRIES,
  describeHttpErrReason,
  describeHttpStatus,
  describeSubstatus,
  describeWin32,
  diagnose,
  type CodeEntry,
} from '../src/decode/index.js';

interface ReferenceCodes {
  'http-status': number[];
  'iis-substatus': string[];
  win32: number[];
  'httperr-reason': string[];
  'iis-substatus-not-in-current-docs': string[];
}
const reference = JSON.parse(readFileSync(new URL('./fixtures-data/reference-codes.json', import.meta.url), 'utf8')) as ReferenceCodes;

const URL_RE = /^https?:\/\/\S+$/;
const split = (code: string): [number, number] => code.split('.').map(Number) as [number, number];
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function expectDecoded(entry: CodeEntry | undefined): void {
  expect(entry).toBeDefined();
  expect(entry!.meaning.trim().length).toBeGreaterThan(5);
  expect(entry!.source).toMatch(URL_RE);
}

describe('fact sheet coverage (test/fixtures-data/reference-codes.json)', () => {
  it.each(reference['http-status'])('HTTP %i is in the registry table', (code) => {
    const entry = describeHttpStatus(code);
    expectDecoded(entry);
    expect(entry.registry).not.toBe('unregistered');
    expect(entry.name).toBeTruthy();
  });

  it.each(reference['iis-substatus'])('IIS %s is documented', (code) => {
    const entries = describeSubstatus(...split(code));
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expectDecoded(e);
      expect(e.code).toBe(code);
      expect(e.iisVersion).toBeTruthy();
    }
  });

  it.each(reference.win32)('win32 %i has a symbolic name', (value) => {
    const entry = describeWin32(value);
    expectDecoded(entry);
    expect(entry.name).toMatch(/^[A-Z][A-Z0-9_]+$/);
  });

  it.each(reference['httperr-reason'])('HTTPERR %s is documented', (reason) => {
    const entry = describeHttpErrReason(reason);
    expectDecoded(entry);
    expect(entry!.name).toBe(reason);
  });

  it.each(reference['iis-substatus-not-in-current-docs'])('%s gets no invented IIS 7+ meaning', (code) => {
    // The fact sheet found no current Microsoft page for these; only IIS 5/6-era lists may define them.
    for (const e of describeSubstatus(...split(code))) expect(e.iisVersion).toBe('IIS 5/6');
  });
});

describe("the user's seed list", () => {
  it.each(range(100, 505))('HTTP %i decodes (registered or by class)', (code) => {
    expectDecoded(describeHttpStatus(code));
  });

  // IIS 5/6 lists (KB 318380, IIS 6 operations guide) have no 401.6; it must say so rather than invent one.
  const seedSubstatus = [
    ...[1, 2, 3, 4, 5, 7].map((n) => `401.${n}`),
    ...range(1, 20).map((n) => `403.${n}`),
    ...range(0, 3).map((n) => `404.${n}`),
    ...[11, 12, 13, 14, 15, 16, 17, 18, 19, 100].map((n) => `500.${n}`),
    '502.1',
    '502.2',
  ];
  it.each(seedSubstatus)('IIS %s decodes', (code) => {
    const entries = describeSubstatus(...split(code));
    expect(entries.length).toBeGreaterThan(0);
    entries.forEach(expectDecoded);
  });

  it('401.6 is reported as undocumented', () => {
    expect(describeSubstatus(401, 6)).toEqual([]);
  });

  it.each(['403.9', '403.10', '500.19'])('%s carries both its IIS 7+ and its IIS 5/6 meaning', (code) => {
    const versions = describeSubstatus(...split(code)).map((e) => e.iisVersion);
    expect(versions).toEqual(expect.arrayContaining(['IIS 7+', 'IIS 5/6']));
  });
});

describe('codes found in the IIS logs of the shared corpus', () => {
  // Collected with a scan of every #Fields-headed W3C/HTTPERR file and IIS native file in ../shared/corpus.
  const statuses = [200, 226, 230, 301, 302, 304, 331, 400, 401, 403, 404, 413, 414, 500, 503, 505];
  const substatus = ['200.0', '301.0', '302.0', '304.0', '401.0', '401.1', '404.0', '404.4', '500.0'];
  const win32 = [0, 2, 64, 2148074254, 214784354254, 67567567567];
  const reasons = [
    'AppOffline',
    'BadRequest',
    'ConnLimit',
    'Connection_Abandoned_By_ReqQueue',
    'Forbidden',
    'Header',
    'Hostname',
    'NotFound',
    'QueueFull',
    'Request_Too_Large',
    'Timer_ConnectionIdle',
    'Timer_MinBytesPerSecond',
    'URL',
    'URL_Length',
    'Verb',
    'Version_N/S',
  ];

  it.each(statuses)('status %i', (s) => expectDecoded(describeHttpStatus(s)));
  it.each(substatus)('sub-status %s', (code) => {
    const entries = describeSubstatus(...split(code));
    expect(entries.length).toBeGreaterThan(0);
    entries.forEach(expectDecoded);
  });
  it.each(win32)('win32 %i', (v) => expectDecoded(describeWin32(v)));
  it.each(reasons)('s-reason %s', (r) => expectDecoded(describeHttpErrReason(r)));

  it.each([
    [200, 0, 64],
    [404, 0, 2],
    [404, 0, 64],
    [401, 1, 2148074254],
  ])('triple %i.%i.%i has a diagnosis', (s, ss, w) => {
    expect(diagnose(s, ss, w)).toBeTruthy();
  });
});

describe('tables', () => {
  const tables: Array<[string, readonly CodeEntry[], (e: CodeEntry) => string]> = [
    ['http-status', HTTP_STATUS_ENTRIES, (e) => e.code],
    ['iis-substatus', IIS_SUBSTATUS_ENTRIES, (e) => `${e.code} ${e.iisVersion}`],
    ['win32', WIN32_ENTRIES, (e) => e.code],
    ['httperr-reason', HTTPERR_REASON_ENTRIES, (e) => (e.name ?? '').toLowerCase()],
    ['diagnosis', DIAGNOSIS_ENTRIES, (e) => e.code],
  ];

  it.each(tables)('%s has no duplicate entries', (_kind, entries, key) => {
    const keys = entries.map(key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it.each(tables)('%s entries are complete: kind, one-sentence meaning, URL source', (kind, entries) => {
    for (const e of entries) {
      expect(e.kind).toBe(kind);
      expect(e.meaning).toMatch(/^\S.*[.)]$/);
      expect(e.source).toMatch(URL_RE);
    }
  });

  it('win32 symbolic names are unique', () => {
    const names = WIN32_ENTRIES.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the IANA table flags deprecated and unused codes', () => {
    expect(describeHttpStatus(305).registry).toBe('deprecated');
    expect(describeHttpStatus(306).registry).toBe('unused');
    expect(describeHttpStatus(418).registry).toBe('unused');
    expect(describeHttpStatus(510).registry).toBe('deprecated');
    expect(describeHttpStatus(104).registry).toBe('temporary');
  });

  it.each([
    [444, 'nginx'],
    [494, 'nginx'],
    [495, 'nginx'],
    [496, 'nginx'],
    [497, 'nginx'],
    [498, 'nginx'],
    [499, 'nginx'],
    [440, 'IIS/Exchange'],
    [449, 'IIS/Exchange'],
    ...range(520, 527).map((c) => [c, 'Cloudflare'] as [number, string]),
    [460, 'AWS ELB'],
    [463, 'AWS ELB'],
    [464, 'AWS ELB'],
  ])('vendor code %i is marked %s', (code, vendor) => {
    const e = describeHttpStatus(code);
    expect(e.vendor).toBe(vendor);
    expect(e.registry).toBe('unregistered');
  });
});
