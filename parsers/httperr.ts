/**
 * HTTP.sys error logs (HTTPERR): W3C extended lines with the HTTP API's own fields (`s-reason`,
 * `s-queuename`, and from Windows Server 2016/2022 `streamid`, `transport`, fault codes). They are
 * read by the W3C parser; this format only names them so the report says "httperr".
 * Spec: https://learn.microsoft.com/troubleshoot/developer/webapps/iis/health-diagnostic-performance/error-logging-in-http-apis
 */
import type { LogFormat } from './types.js';
import { W3cParser } from './w3c.js';

export const HTTPERR_SPEC =
  'https://learn.microsoft.com/troubleshoot/developer/webapps/iis/health-diagnostic-performance/error-logging-in-http-apis';

const isHttpApiHeader = (line: string): boolean => line.startsWith('#Software: Microsoft HTTP API');
const isHttperrFields = (line: string): boolean => line.startsWith('#Fields:') && / s-reason( |$)/.test(line);

export const httperrFormat: LogFormat = {
  name: 'httperr',
  title: 'HTTP.sys error log (HTTPERR)',
  spec: HTTPERR_SPEC,
  samples: [
    '#Software: Microsoft HTTP API 2.0',
    '#Version: 1.0',
    '#Date: 2002-07-05 18:45:09',
    '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename',
    '2002-07-05 18:45:09 172.31.77.6 2094 172.31.77.6 80 HTTP/1.1 GET /qos/1kbfile.txt 503 - ConnLimit -',
  ],
  detect(firstLines) {
    // Equal to W3C's certainty, and listed before it: the more specific name wins.
    return firstLines.some((l) => isHttpApiHeader(l) || isHttperrFields(l)) ? 1 : 0;
  },
  create: (ctx) => new W3cParser(ctx, { label: 'httperr' }),
};
