/**
 * What holds for every format of a family: how its engine reads lines, what it decodes, what it
 * keeps. docs/formats.md opens each family's section with these notes.
 */
import type { FormatFamily } from './format-info.js';

export interface FamilyInfo {
  family: FormatFamily;
  title: string;
  /** Markdown paragraphs. */
  notes: readonly string[];
}

export const FAMILIES: readonly FamilyInfo[] = [
  {
    family: 'w3c',
    title: 'W3C extended: IIS, HTTP.sys (HTTPERR) and other W3C writers',
    notes: [
      'Fields are named by the `#Fields:` line in force, re-keyed at every header block (IIS writes one after every restart), also when the header is joined onto the line before it, as Azure App Service\'s log stream shows it. Time-only layouts take the day from `#Date`. Quoted values with `""` escapes and runs of spaces (IIS Advanced Logging, Incapsula, Oracle) are read as one value.',
      'A data line whose value count does not match the `#Fields` in force is rejected (`field-count-mismatch`), never shifted into the wrong columns. A W3C log without web server fields (a Windows Firewall `pfirewall.log`) and IIS FTP and SMTP service logs, whose codes are FTP/SMTP replies, are skipped as not web logs.',
      "HTTPERR's 13-, 14- (`streamid`) and 18-field layouts are read with `s-reason` decoded (`logtally explain httperr:Timer_ConnectionIdle`).",
      "Lines without a header: HTTPERR lines are matched to its three layouts, IIS lines to IIS's fixed field order (any selection of fields, custom fields last) by value shapes, and the report says which layout it assumed. Data lines before a file's first `#Fields:` (an excerpt spanning a restart) are read the same way; lines of another value count (a custom field added, its `#Fields:` line not in the file) get a layout of their own, inferred once per count.",
    ],
  },
  {
    family: 'iis-native',
    title: 'IIS native',
    notes: [
      "Split at its `, ` separator (a query's own commas stay in it). Times are local: `--tz` gives an offset or a zone name whose daylight saving is applied per record; the default is the machine's zone, named in the report.",
    ],
  },
  {
    family: 'access-log',
    title: 'Access logs: Apache, nginx, Envoy, Traefik and their kin',
    notes: [
      "The layouts share one line shape, so each is detected by the share of a file's first lines it reads; they are tried most fields first, and a line written under another layout falls back on its siblings. `\\xNN` and `\\\"` are decoded; absolute-form requests (`GET http://host/path`, Varnish, proxies) are split into host and path; a client logged as `ip:port` or `[ipv6]:port` is read as the address. Layouts followed by fields of the site's own keep them as `extra` (a `0.123`-shaped value in it, nginx's `$request_time`, is read as time-taken).",
      'Any Apache `LogFormat` is read with `--log-format \'apache:%h %l %u %t "%r" %>s %b %D\'` (or the `LogFormat` line pasted from the config, continuation backslashes and all): `%{strftime}t`, `%{msec}t`, `%{msec_frac}t%{%z}t`, `%U%q`, `%D` (µs) and `%T` (s) to ms; `%{VAR}e/x/n/C` kept under their names.',
      "Any nginx `log_format` is read with `--log-format 'nginx:$remote_addr - …'` (or the `log_format` directive pasted), its `\\t` and `\\\"` read as nginx reads them (LTSV formats): `$request_time` to ms, `$upstream_*` lists kept whole, `$uri$is_args$args` and `$scheme://$host$request_uri` read as the URI, `$time_iso8601` where `$time_local` was. Envoy's and Istio's default text formats log addresses without ports.",
    ],
  },
  {
    family: 'json',
    title: 'JSON: lines, arrays, pretty-printed objects, and the shapes chosen by their keys',
    notes: [
      'A JSON file is read with the built-in shape whose keys its first rows carry most of; others with `--map status=EdgeResponseStatus,uri=path` (`--map` also lays keys over a built-in shape). `ip:port` becomes the address, durations become ms (`0.123s` and Go durations such as `968.030256ms` too), epoch times in s, ms, µs or ns are told apart by magnitude.',
      "Arrays and `jq .` output are read with stream-json, an element at a time; a line holding several array elements counts as one line per element. Each element of Azure Monitor's `records` wrapper (diagnostic logs in a storage account or Event Hub, pretty-printed or one wrapper per line) is a record (`records > json (azure-frontdoor)`). Lines that are not requests (a server's own messages) are counted as directives.",
    ],
  },
  {
    family: 'csv',
    title: 'CSV with a header row',
    notes: [
      'Read with csv-parse against the header; the shape is chosen from the column names, `--map` for others. W3C-named columns with `date` and `time` apart are IIS logs exported to CSV. Exchange Server logs other than its web request logs (message tracking …) are skipped as not web logs.',
    ],
  },
  {
    family: 'envelope',
    title: 'Envelopes: any of the above inside syslog, Docker, Kubernetes and compose output',
    notes: [
      "The envelope is stripped and the line inside read by the usual detection, its own time the record's; the report names both (`syslog > combined`, `docker > nginx main`), and `--log-format syslog:combined` (or `docker:nginx:$remote_addr …`) forces them.",
      "Pieces of a long line (CRI `P`, Docker's 16 KiB pieces) are joined, the pieces before the last counted as directives. stderr lines that are no requests (nginx's error log) are directives, stdout lines that are none (an entrypoint's messages) rejected, as GoAccess would count them; detection reads past up to 1,024 lines of start-up messages for the first requests. `journalctl`'s `-- Reboot --` markers are directives.",
    ],
  },
];
