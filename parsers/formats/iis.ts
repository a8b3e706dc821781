/**
 * IIS and HTTP.sys logs as data: W3C extended with its `#Fields:` header, HTTP.sys error logs,
 * W3C lines that lost their header, and IIS's comma-separated native format. The engines are
 * parsers/w3c.ts (with w3c-layouts.ts for header-less lines) and parsers/iis-native.ts.
 */
import type { FormatInfo } from './format-info.js';

const IIS_15_FIELDS =
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';

const HTTPERR_SPEC =
  'https://learn.microsoft.com/troubleshoot/developer/webapps/iis/health-diagnostic-performance/error-logging-in-http-apis';

export const W3C: FormatInfo = {
  name: 'w3c',
  family: 'w3c',
  description: 'W3C extended (IIS, HTTP.sys, other W3C writers): fields named by #Fields:, re-keyed at every header block',
  aliases: ['iis'],
  spec: 'https://www.w3.org/TR/WD-logfile.html',
  samples: [
    {
      lines: [
        '#Software: Microsoft Internet Information Services 10.0',
        '#Version: 1.0',
        '#Date: 2022-08-26 00:00:00',
        `#Fields: ${IIS_15_FIELDS}`,
        '2022-08-26 00:00:01 10.0.0.5 GET /default.aspx - 443 - 203.0.113.7 Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 15',
      ],
      layout: 'w3c (15 fields)',
      records: [
        {
          time: '2022-08-26T00:00:01.000Z',
          's-ip': '10.0.0.5',
          'cs-method': 'GET',
          'cs-uri-stem': '/default.aspx',
          's-port': 443,
          'c-ip': '203.0.113.7',
          'sc-status': 200,
          'sc-substatus': 0,
          'sc-win32-status': 0,
          'time-taken': 15,
        },
      ],
    },
    {
      // The W3C draft's own shape: the day from #Date, time-taken in seconds.
      lines: [
        '#Version: 1.0',
        '#Date: 2024-05-01 00:00:00',
        '#Fields: time c-ip cs-method cs-uri-stem sc-status time-taken',
        '10:00:00 203.0.113.9 GET /a.html 404 0.002',
      ],
      layout: 'w3c (6 fields)',
      records: [
        {
          time: '2024-05-01T10:00:00.000Z',
          'c-ip': '203.0.113.9',
          'cs-method': 'GET',
          'cs-uri-stem': '/a.html',
          'sc-status': 404,
          'time-taken': 2,
        },
      ],
    },
  ],
};

export const HTTPERR: FormatInfo = {
  name: 'httperr',
  family: 'w3c',
  description: "HTTP.sys error log (HTTPERR): W3C lines with the HTTP API's s-reason and s-queuename; 13-, 14- and 18-field layouts",
  spec: HTTPERR_SPEC,
  samples: [
    {
      lines: [
        '#Software: Microsoft HTTP API 2.0',
        '#Version: 1.0',
        '#Date: 2002-07-05 18:45:09',
        '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename',
        '2002-07-05 18:45:09 172.31.77.6 2094 172.31.77.6 80 HTTP/1.1 GET /qos/1kbfile.txt 503 - ConnLimit -',
      ],
      layout: 'httperr (13 fields)',
      records: [
        {
          time: '2002-07-05T18:45:09.000Z',
          'c-ip': '172.31.77.6',
          'c-port': 2094,
          's-port': 80,
          'cs-method': 'GET',
          'cs-uri-stem': '/qos/1kbfile.txt',
          'sc-status': 503,
          's-reason': 'ConnLimit',
        },
      ],
    },
    {
      // Windows Server 2022's 18 fields (log2timeline/plaso test data, Apache-2.0).
      lines: [
        '#Software: Microsoft HTTP API 2.0',
        '#Version: 1.0',
        '#Date: 2026-10-07 12:24:54',
        '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport fault-code extended-fault-code',
        '2026-10-07 12:24:54 127.0.0.1 54518 127.0.0.1 8123 HTTP/9.9 GET /a - - 505 - Version_N/S - TCP - -',
        '2026-10-07 12:24:55 127.0.0.1 54520 127.0.0.1 8123 - GET - - - 414 - URL_Length - TCP - -',
      ],
      layout: 'httperr (18 fields)',
      records: [
        {
          time: '2026-10-07T12:24:54.000Z',
          'c-ip': '127.0.0.1',
          'c-port': 54518,
          's-port': 8123,
          'cs-version': 'HTTP/9.9',
          'cs-method': 'GET',
          'cs-uri-stem': '/a',
          'sc-status': 505,
          's-reason': 'Version_N/S',
        },
        { time: '2026-10-07T12:24:55.000Z', 'c-port': 54520, 'cs-method': 'GET', 'sc-status': 414, 's-reason': 'URL_Length' },
      ],
    },
  ],
};

export const W3C_HEADERLESS: FormatInfo = {
  name: 'w3c-headerless',
  family: 'w3c',
  description: 'IIS / HTTPERR lines without a #Fields header: the layout is inferred from the values and named in the report',
  spec: HTTPERR_SPEC,
  samples: [
    {
      lines: ['2018-01-01 08:09:10 172.31.77.6 2094 172.31.77.6 80 HTTP/1.1 GET /qos/1kbfile.txt 503 - ConnLimit -'],
      layout: 'httperr (13 fields)',
      records: [
        {
          time: '2018-01-01T08:09:10.000Z',
          'c-ip': '172.31.77.6',
          'cs-method': 'GET',
          'cs-uri-stem': '/qos/1kbfile.txt',
          'sc-status': 503,
          's-reason': 'ConnLimit',
        },
      ],
    },
    {
      lines: ['2026-10-07 12:24:54 127.0.0.1 54518 127.0.0.1 8123 HTTP/9.9 GET /a - - 505 - Version_N/S - TCP - -'],
      layout: 'httperr (18 fields)',
      records: [
        { time: '2026-10-07T12:24:54.000Z', 'c-ip': '127.0.0.1', 'cs-uri-stem': '/a', 'sc-status': 505, 's-reason': 'Version_N/S' },
      ],
    },
    {
      // IIS 8.5+'s default fields, the header lost to rotation.
      lines: [
        '2022-08-26 00:00:01 10.0.0.5 GET /web.config - 443 - 203.0.113.7 Mozilla/5.0+(Windows+NT+10.0) - 500 19 13 31',
        '2022-08-26 00:00:02 10.0.0.5 GET /app/ q=1 443 CONTOSO\\bob 203.0.113.8 curl/8.0 https://example.com/ 401 2 5 0',
      ],
      layout: 'w3c (15 fields)',
      records: [
        {
          time: '2022-08-26T00:00:01.000Z',
          'cs-uri-stem': '/web.config',
          'c-ip': '203.0.113.7',
          'sc-status': 500,
          'sc-substatus': 19,
          'sc-win32-status': 13,
          'time-taken': 31,
        },
        {
          time: '2022-08-26T00:00:02.000Z',
          'cs-uri-stem': '/app/',
          'cs-uri-query': 'q=1',
          'cs-username': 'CONTOSO\\bob',
          'c-ip': '203.0.113.8',
          'cs(Referer)': 'https://example.com/',
          'sc-status': 401,
          'sc-substatus': 2,
          'sc-win32-status': 5,
        },
      ],
    },
  ],
};

export const IIS_NATIVE: FormatInfo = {
  name: 'iis-native',
  family: 'iis-native',
  description: 'IIS native (IIS log file format): comma-separated, in local time (--tz)',
  spec: 'https://learn.microsoft.com/previous-versions/iis/6.0-sdk/ms525807(v=vs.90)',
  samples: [
    {
      lines: [
        '192.168.114.201, -, 03/20/01, 7:55:20, W3SVC2, SERVER, 172.21.13.45, 4502, 163, 3223, 200, 0, GET, /DeptLogo.gif, -,',
        '::1, -, 2/23/2013, 12:12:46, W3SVC1, MSA3644463, ::1, 324, 285, 935, 200, 0, GET, /, -,',
      ],
      records: [
        {
          time: '2001-03-20T07:55:20.000Z',
          'c-ip': '192.168.114.201',
          's-sitename': 'W3SVC2',
          's-computername': 'SERVER',
          's-ip': '172.21.13.45',
          'time-taken': 4502,
          'cs-bytes': 163,
          'sc-bytes': 3223,
          'sc-status': 200,
          'sc-win32-status': 0,
          'cs-method': 'GET',
          'cs-uri-stem': '/DeptLogo.gif',
        },
        {
          time: '2013-02-23T12:12:46.000Z',
          'c-ip': '::1',
          's-computername': 'MSA3644463',
          'sc-status': 200,
          'cs-method': 'GET',
          'cs-uri-stem': '/',
        },
      ],
    },
  ],
};
