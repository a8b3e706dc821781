import { describe, expect, it } from 'vitest';
import {
  describeHttpErrReason,
  describeHttpStatus,
  describeSubstatus,
  describeWin32,
  diagnose,
  explain,
  meaningOf,
} from '../src/decode/index.js';
import { LogtallyError } from '../src/errors/logtally-error.js';

describe('describeHttpStatus', () => {
  it('names registered codes', () => {
    expect(describeHttpStatus(404)).toMatchObject({ code: '404', kind: 'http-status', name: 'Not Found', registry: 'permanent' });
  });

  it.each([
    [299, '2xx success, unregistered'],
    [450, '4xx client error, unregistered'],
    [599, '5xx server error, unregistered'],
  ])('gives an unregistered %i its class', (code, prefix) => {
    const e = describeHttpStatus(code);
    expect(e.meaning.startsWith(prefix)).toBe(true);
    expect(e.registry).toBe('unregistered');
  });

  it.each([0, 99, 600, 1000, -1, 4.5, Number.NaN])('never throws, even for %s', (code) => {
    const e = describeHttpStatus(code);
    expect(e.meaning).toMatch(/not a valid HTTP status/i);
  });
});

describe('describeSubstatus', () => {
  it('shows both documented meanings of 502.5', () => {
    const e = describeSubstatus(502, 5);
    expect(e.map((x) => x.iisVersion)).toEqual(['ARR 3.0.1916+', 'ASP.NET Core Module']);
    expect(e[0]!.meaning).toMatch(/WebSocket/);
    expect(e[1]!.meaning).toMatch(/process/);
  });

  it('has the ASP.NET Core Module codes 500.30-500.38', () => {
    for (let n = 30; n <= 38; n++) expect(describeSubstatus(500, n)[0]?.iisVersion).toBe('ASP.NET Core Module');
  });

  it('returns [] for undocumented codes and a generic entry for .0', () => {
    expect(describeSubstatus(404, 99)).toEqual([]);
    expect(describeSubstatus(503, 1)).toEqual([]);
    expect(describeSubstatus(200, 0)[0]?.meaning).toMatch(/no sub-status/i);
  });
});

describe('describeWin32', () => {
  it('decodes plain Win32 codes', () => {
    expect(describeWin32(64)).toMatchObject({ code: 'win32:64', name: 'ERROR_NETNAME_DELETED' });
    expect(describeWin32(12002).name).toBe('ERROR_WINHTTP_TIMEOUT');
    expect(describeWin32(10054).name).toBe('WSAECONNRESET');
  });

  it('decodes the decimal HRESULT IIS writes for SSPI', () => {
    const e = describeWin32(2148074254);
    expect(e.name).toBe('SEC_E_NO_CREDENTIALS');
    expect(e.meaning).toContain('0x8009030E');
  });

  it('unwraps 0x8007xxxx HRESULTs to the Win32 code', () => {
    const e = describeWin32(0x80070005);
    expect(e.name).toBe('ERROR_ACCESS_DENIED');
    expect(e.meaning).toMatch(/0x80070005 wraps Win32 error 5/);
    expect(describeWin32(0x800704cd).name).toBe('ERROR_CONNECTION_INVALID');
  });

  it('shows hex and facility for unknown HRESULTs, and names the SSPI range', () => {
    expect(describeWin32(0x80091234).meaning).toMatch(/0x80091234.*facility 9/);
    expect(describeWin32(0x80090399).meaning).toMatch(/SSPI/);
    expect(describeWin32(0x8004abcd).meaning).toMatch(/0x8004ABCD, facility 4 \(FACILITY_ITF/);
  });

  it('names the logon, RPC and proxy codes IIS, Exchange and ARR logs carry', () => {
    expect(describeWin32(1385).name).toBe('ERROR_LOGON_TYPE_NOT_GRANTED');
    expect(describeWin32(1346).name).toBe('ERROR_BAD_IMPERSONATION_LEVEL');
    expect(describeWin32(0x800706ba).name).toBe('RPC_S_SERVER_UNAVAILABLE');
    expect(describeWin32(12017).name).toBe('ERROR_WINHTTP_OPERATION_CANCELLED');
    expect(describeWin32(0x80072f76).name).toBe('ERROR_WINHTTP_HEADER_NOT_FOUND');
  });

  it('labels Winsock and WinHTTP ranges for codes not in the table', () => {
    expect(describeWin32(10099).meaning).toMatch(/Winsock/);
    expect(describeWin32(12099).meaning).toMatch(/WinHTTP/);
    expect(describeWin32(54321).meaning).toMatch(/0xD431/);
  });

  it('says values above 32 bits are out of range (Exchange logs)', () => {
    expect(describeWin32(214784354254).meaning).toMatch(/out of range/i);
    expect(describeWin32(67567567567).meaning).toMatch(/32 bits/);
  });

  it.each([-1, 1.5, Number.NaN])('never throws for %s', (v) => {
    expect(describeWin32(v).meaning).toMatch(/not a valid/i);
  });
});

describe('describeHttpErrReason', () => {
  it('finds documented and observed reasons, case-insensitively as a fallback', () => {
    expect(describeHttpErrReason('Timer_ConnectionIdle')?.code).toBe('httperr:Timer_ConnectionIdle');
    expect(describeHttpErrReason('queuefull')?.name).toBe('QueueFull');
    expect(describeHttpErrReason('NotFound')?.meaning).toMatch(/404/);
    expect(describeHttpErrReason('Connection_Dropped')?.meaning).toMatch(/disagree/);
    expect(describeHttpErrReason('NoSuchReason')).toBeUndefined();
  });
});

describe('diagnose', () => {
  it.each([
    [200, 0, 64, /client went away/],
    [500, 19, 13, /web\.config/],
    [401, 2, 5, /first, anonymous step/],
    [404, 0, 2, /not on disk/],
    [502, 3, 12002, /proxy timeout/],
    [404, 0, 64, /disconnected/],
  ])('%i.%i.%i', (s, ss, w, re) => {
    expect(diagnose(s, ss, w)).toMatch(re);
  });

  it('falls back from the triple to status.substatus and to the status', () => {
    expect(diagnose(503, 2, 0)).toMatch(/appConcurrentRequestLimit/);
    expect(diagnose(503, 2)).toMatch(/appConcurrentRequestLimit/);
    expect(diagnose(503)).toMatch(/HTTPERR/);
    expect(diagnose(200, 0, 0)).toBeUndefined();
  });
});

describe('meaningOf', () => {
  it('joins status, sub-status and win32 into one line', () => {
    expect(meaningOf(500, 19, 13)).toMatch(/^Internal Server Error — the configuration .* \(500\.19\) — ERROR_INVALID_DATA \(13\): /);
  });

  it('leaves out what the report does not group by, and the uninformative 0s', () => {
    expect(meaningOf(404)).toBe('Not Found');
    expect(meaningOf(200, 0, 0)).toBe('OK');
    expect(meaningOf(499)).toBe('Client Closed Request (nginx)');
  });

  it('shows both products for 502.5 but only current IIS for 500.19', () => {
    expect(meaningOf(502, 5)).toMatch(/ARR.*ASP\.NET Core Module/);
    expect(meaningOf(500, 19)).not.toMatch(/metabase/);
  });

  it('says when a sub-status is undocumented', () => {
    expect(meaningOf(404, 77)).toMatch(/not documented \(404\.77\)/);
  });

  it('returns the same string on repeated calls (memoised)', () => {
    expect(meaningOf(401, 1, 2148074254)).toBe(meaningOf(401, 1, 2148074254));
  });
});

describe('explain', () => {
  it.each([
    ['404', 'http-status', '404'],
    ['404.3', 'iis-substatus', '404.3'],
    ['500.19.13', 'diagnosis', '500.19.13'],
    ['win32:64', 'win32', 'win32:64'],
    ['0x80070005', 'win32', 'win32:2147942405'],
    ['2148074254', 'win32', 'win32:2148074254'],
    ['64', 'win32', 'win32:64'],
    ['ERROR_NETNAME_DELETED', 'win32', 'win32:64'],
    ['httperr:Timer_ConnectionIdle', 'httperr-reason', 'httperr:Timer_ConnectionIdle'],
    ['Timer_ConnectionIdle', 'httperr-reason', 'httperr:Timer_ConnectionIdle'],
    [' 503.2 ', 'iis-substatus', '503.2'],
  ])('%s', (input, kind, code) => {
    const x = explain(input);
    expect(x).toMatchObject({ input, kind, code });
    expect(x.meaning.length).toBeGreaterThan(5);
    expect(x.source).toMatch(/^https:\/\//);
    expect(x.entries.length).toBeGreaterThan(0);
  });

  it('adds class and diagnosis where known', () => {
    const x = explain('200.0.64');
    expect(x.class).toBe('2xx success');
    expect(x.diagnosis).toMatch(/client went away/);
  });

  it.each(['abc', '', '4o4', '404.', 'win32:', 'httperr:NoSuchThing', '\u001b[31m'])('rejects %j with UNKNOWN_CODE', (input) => {
    let caught: unknown;
    try {
      explain(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LogtallyError);
    expect((caught as LogtallyError).code).toBe('UNKNOWN_CODE');
    expect((caught as LogtallyError).message).not.toMatch(/[\u0000-\u001f]/);
  });
});
