/**
 * HTTP.sys error logs (HTTPERR): W3C extended lines with the HTTP API's own fields (`s-reason`,
 * `s-queuename`, and from Windows Server 2016/2022 `streamid`, `transport`, fault codes). They are
 * read by the W3C parser; this format only names them so the report says "httperr".
 * Spec: https://learn.microsoft.com/troubleshoot/developer/webapps/iis/health-diagnostic-performance/error-logging-in-http-apis
 */
import type { LogFormat } from './types.js';
import { W3cParser } from './w3c.js';
import { describedBy } from './formats/format-info.js';
import { HTTPERR } from './formats/iis.js';

const isHttpApiHeader = (line: string): boolean => line.startsWith('#Software: Microsoft HTTP API');
const isHttperrFields = (line: string): boolean => line.startsWith('#Fields:') && / s-reason( |$)/.test(line);

export const httperrFormat: LogFormat = {
  ...describedBy(HTTPERR),
  detect(firstLines) {
    // Equal to W3C's certainty, and listed before it: the more specific name wins.
    return firstLines.some((l) => isHttpApiHeader(l) || isHttperrFields(l)) ? 1 : 0;
  },
  create: (ctx) => new W3cParser(ctx, { label: 'httperr' }),
};
