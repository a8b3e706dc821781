/**
 * Every format logtally reads, in detection order. Detection asks each for its confidence on a
 * file's first lines; the best one above zero wins (the first listed on a tie, so the more specific
 * name comes first). Lines in an envelope (syslog, Docker, CRI, compose, kubectl) are unwrapped first, and
 * the format is detected on the messages inside.
 */
import { ACCESS_FORMATS, customAccessFormat } from './access-formats.js';
import { csvFormat } from './csv.js';
import { envelopeFormat, STDERR, STDOUT, unwrapSample, type Envelope } from './envelope.js';
import { FORMAT_CATALOG } from './formats/index.js';
import { composeEnvelope } from './envelope-compose.js';
import { kubectlPrefixEnvelope } from './envelope-kubectl-prefix.js';
import { timestampsEnvelope } from './envelope-timestamps.js';
import { criEnvelope } from './envelope-cri.js';
import { dockerJsonEnvelope } from './envelope-docker.js';
import { syslogEnvelope } from './envelope-syslog.js';
import { httperrFormat } from './httperr.js';
import { iisNativeFormat } from './iis-native.js';
import { jsonArrayFormat, jsonLinesFormat } from './json-lines.js';
import type { DetectionHints, LogFormat } from './types.js';
import { w3cHeaderlessFormat } from './w3c-headerless.js';
import { guessLayout } from './w3c-layouts.js';
import { SERVICE_LOG_NAMES, serviceLogOf, w3cFormat } from './w3c.js';
import { lookupTable } from './lookup-table.js';

export const FORMATS: readonly LogFormat[] = [
  httperrFormat,
  w3cFormat,
  w3cHeaderlessFormat,
  iisNativeFormat,
  jsonLinesFormat,
  jsonArrayFormat,
  csvFormat,
  ...ACCESS_FORMATS,
];

// The bare time stamp comes last: syslog and CRI lines open with a time too, and are theirs.
export const ENVELOPES: readonly Envelope[] = [
  syslogEnvelope,
  dockerJsonEnvelope,
  criEnvelope,
  composeEnvelope,
  kubectlPrefixEnvelope,
  timestampsEnvelope,
];

/** Other names users give the built-in formats, from their entries. */
const ALIASES: Readonly<Record<string, string>> = lookupTable(
  Object.fromEntries(FORMAT_CATALOG.flatMap((entry) => (entry.aliases ?? []).map((alias) => [alias, entry.name]))),
);

export function findFormat(name: string): LogFormat | undefined {
  const wanted = ALIASES[name] ?? name;
  return FORMATS.find((f) => f.name === wanted);
}

/**
 * A `--log-format` value: a format name, `apache:…`/`nginx:…` with a nickname or format string, or
 * either inside an envelope (`syslog:combined`, `docker:nginx:$remote_addr …`).
 * Throws Error with a message for the user when a format string cannot be compiled.
 */
export function resolveFormat(spec: string): LogFormat | undefined {
  return findFormat(spec) ?? customAccessFormat(spec) ?? envelopedFormat(spec);
}

function envelopedFormat(spec: string): LogFormat | undefined {
  const named = envelopeOf(spec);
  const inner = named && (findFormat(named.inner) ?? customAccessFormat(named.inner));
  return inner && envelopeFormat(named!.envelope, inner);
}

/** The envelope a format name starts with (`syslog:combined`), and the format inside it. */
export function envelopeOf(name: string): { envelope: Envelope; inner: string } | undefined {
  const colon = name.indexOf(':');
  const envelope = colon === -1 ? undefined : ENVELOPES.find((e) => e.name === name.slice(0, colon));
  return envelope && { envelope, inner: name.slice(colon + 1) };
}

export interface Detection {
  format?: LogFormat;
  tried: string[];
  /** Set when the lines are in this envelope but no format reads the messages inside (yet: more lines may hold requests). */
  envelope?: Envelope;
}

function bestFormat(lines: readonly string[], hints: DetectionHints | undefined): { format?: LogFormat; score: number } {
  let format: LogFormat | undefined;
  let score = 0;
  if (lines.length === 0) return { score };
  for (const candidate of FORMATS) {
    const s = candidate.detect(lines, hints);
    if (s > score) {
      format = candidate;
      score = s;
    }
  }
  return { format, score };
}

/**
 * IIS's SMTP service logging in NCSA form: `"HELO -?+mail.example.com SMTP" 250 47`. Its statuses
 * are SMTP reply codes, so like its W3C form it is not read as a web log: most sampled lines say so.
 */
const NCSA_SMTP_REQUEST = /"[A-Za-z]+ \S+ SMTP" \d{3} /;
const isNcsaSmtpLog = (lines: readonly string[]): boolean => lines.filter((l) => NCSA_SMTP_REQUEST.test(l)).length * 2 > lines.length;

export function detectFormat(firstLines: readonly string[], hints?: DetectionHints): Detection {
  const tried = [...FORMATS, ...ENVELOPES].map((f) => f.name);
  if (isNcsaSmtpLog(firstLines)) return { tried };
  const bare = bestFormat(firstLines, hints);
  for (const envelope of ENVELOPES) {
    const sample = unwrapSample(envelope, firstLines);
    // Most lines are wrapped, and more of them than a bare format reads.
    const share = sample.wrapped / firstLines.length;
    if (share <= 0.5 || share <= bare.score) continue;
    // Requests are on stdout; a server that logs them to stderr (Caddy) writes little to stdout.
    const inner = bestFormat(sample.streams[STDOUT]!, hints).format ?? bestFormat(sample.streams[STDERR]!, hints).format;
    return inner === undefined ? { tried, envelope } : { format: envelopeFormat(envelope, inner), tried };
  }
  return { format: bare.format, tried };
}

/**
 * Why a file no format claimed is a log but not a web log, for the skip message: IIS FTP and SMTP
 * service logs (with a header, or IIS FTP's default layout without one), and Exchange Server logs
 * other than its web request logs (message tracking, SMTP protocol, ECP activity …). Undefined otherwise.
 */
export function notWebLogReason(firstLines: readonly string[]): string | undefined {
  const service =
    serviceLogOf(firstLines) ??
    (guessLayout(firstLines)?.fields.includes('x-session') ? 'ftp' : undefined) ??
    (isNcsaSmtpLog(firstLines) ? 'smtp' : undefined);
  if (service !== undefined)
    return `${SERVICE_LOG_NAMES[service]}: its sc-status holds ${service.toUpperCase()} reply codes, not HTTP statuses, so it is not read as a web log`;
  const exchangeLog = exchangeLogType(firstLines);
  if (exchangeLog !== undefined) return `an Exchange Server ${exchangeLog}, which logs no web requests (its HttpProxy and EWS logs do)`;
  return undefined;
}

/** The `#Log-type:` of an Exchange Server log (`Message Tracking Log`); undefined for any other file. */
function exchangeLogType(firstLines: readonly string[]): string | undefined {
  if (!firstLines.some((l) => l.startsWith('#Software: Microsoft Exchange'))) return undefined;
  return (
    firstLines
      .find((l) => l.startsWith('#Log-type:'))
      ?.slice(10)
      .trim() ?? 'log'
  );
}

export type { DetectionHints, LogFormat, LineParser, ParseContext, FieldSet, RejectReason } from './types.js';
