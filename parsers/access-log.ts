/**
 * The engine behind Apache `LogFormat` and nginx `log_format` strings: a format string is compiled
 * once into literals and typed fields, and each line is read by a scanner that looks for those
 * literals with indexOf, so no regular expression runs per line.
 *
 * Values in access logs are not escaped consistently (a `"` inside a request, a user agent with
 * spaces, X-Forwarded-For lists in the client address), so a field whose terminator occurs too early
 * is retried at the terminator's next occurrence, a bounded number of times.
 */
import { fixedOffset, type LocalTime } from './local-time.js';
import { newRecord, type LogRecord } from './record.js';
import { digitsAt } from './time.js';
import { LINE_RECORD, LINE_REJECTED, type FieldSet, type LineKind, type LineParser, type ParseContext, type Rejection } from './types.js';
import { BACKSLASH, COLON, COMMA, DASH, QUOTE, SPACE } from './char-codes.js';
import { lookupTable } from './lookup-table.js';

/** How a field's text becomes record values. */
export type FieldKind =
  | 'text' // a string field, `-` = absent
  | 'status' // three digits
  | 'int' // unsigned decimal
  | 'duration' // decimal number in some unit, stored as ms
  | 'clf-time' // 10/Oct/2000:13:55:36 -0700
  | 'iso-time' // 2000-10-10T13:55:36-07:00
  | 'epoch-time' // time since the epoch in some unit, with fraction (nginx $msec, Apache %{msec}t)
  | 'request' // "GET /path?q HTTP/1.1": method, stem, query, version
  | 'uri' // /path?q: stem and query
  | 'host-uri' // host/path?q, a host logged right before the URI ($host$request_uri): host, stem and query
  | 'query' // ?q or empty (Apache %q)
  | 'address' // ip:port or [ipv6]:port, the IP kept (Envoy's addresses)
  | 'extra' // fields the layout does not name, kept as one text; an nginx $request_time among them is the time taken
  | 'time-parts' // part of a time in a format of its own (Apache %{%Y-%m-%d %T}t, %{msec_frac}t)
  | 'ignore'; // present in the line, not in the record

/** The parts of a time that `time-parts` fields read; NaN where no field gave the part. */
export interface TimeParts {
  year: number;
  month: number; // 0-11
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC, when the line says. */
  offset: number;
  /** Seconds since the epoch (%s), which makes the other parts unnecessary. */
  epoch: number;
}

/** Reads one time-parts value at s[start, end) into `parts`; false when it does not fit its format. */
export type TimePartsReader = (s: string, start: number, end: number, parts: TimeParts) => boolean;

/**
 * Which characters a value may contain; it decides where the scanner may end the value. A 'list' is
 * one value or a list of them (X-Forwarded-For in the client address, nginx `$upstream_addr`): a
 * space only after a comma or around nginx's ` : ` between upstream groups. 'words' is a user name
 * as Basic auth sent it (`john smith`): blanks between words only right before the `[time]` of
 * common and combined, and none of the words a lone `-` (which would be the neighbouring ident or
 * user of a shifted reading, `site 10.0.0.1 - - [`).
 */
export type Charset = 'nospace' | 'list' | 'words' | 'any';

export interface FieldSpec {
  /** Record field name (W3C name, or the log's own name for custom fields). */
  target: string;
  kind: FieldKind;
  charset: Charset;
  /** For 'duration' and 'epoch-time': multiplier from the logged unit to ms. */
  toMs?: number;
  /** The directive as written (`%>s`, `$status`), for messages. */
  source: string;
  /** For 'time-parts': the reader compiled from the field's own format. */
  readTime?: TimePartsReader;
  /** For 'time-parts': the characters it always logs (3 for %{msec_frac}t), so a part logged right after it can be told apart. */
  width?: number;
  /** For 'extra': the value may not open with a quote (common + extra must leave combined's referer to combined). */
  unquoted?: boolean;
  /**
   * For 'duration': the decimals the writer always logs (nginx's `%T.%03M` for $request_time), so
   * an integer in its place (a byte count, Apache's %D) is not read as seconds.
   */
  decimals?: number;
}

const emptyTimeParts = (): TimeParts => ({
  year: NaN,
  month: NaN,
  day: NaN,
  hour: NaN,
  minute: NaN,
  second: NaN,
  ms: NaN,
  offset: NaN,
  epoch: NaN,
});

/** The time the parts name, in UTC ms; NaN when they do not name a whole date and time. */
function timeOf(parts: TimeParts, local: LocalTime): number {
  const ms = Number.isNaN(parts.ms) ? 0 : parts.ms;
  if (!Number.isNaN(parts.epoch)) return parts.epoch * 1000 + ms;
  const time = Date.UTC(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second, ms);
  return Number.isNaN(parts.offset) ? local.toUtc(time) : time - parts.offset * 60_000;
}

export interface CompiledAccessFormat {
  /** Name reported as the layout ("apache combined", "nginx custom"). */
  label: string;
  /** literals[i] precedes fields[i]; literals[fields.length] ends the line. */
  literals: string[];
  fields: FieldSpec[];
  /** For each field, the wrapping character (`"` or `[`) when the format quotes or brackets it. */
  wraps: (string | undefined)[];
}

/** Fields a format may have: the matcher goes one call deeper per field, so 20,000 would overflow the stack. */
const MAX_FORMAT_FIELDS = 1000;

const CLOSE: Record<string, string> = lookupTable({ '"': '"', '[': ']' });

/**
 * Joins directives and literals into the compiled shape, turning `"…"` and `[…]` around a field into
 * wrapped fields: a wrapped value may contain its terminator, and may be a bare `-`.
 */
export function assemble(label: string, parts: readonly (string | FieldSpec)[]): CompiledAccessFormat {
  const literals: string[] = [''];
  const fields: FieldSpec[] = [];
  const wraps: (string | undefined)[] = [];
  // Behind a proxy, Apache's and nginx's recipes log X-Forwarded-For in place of the address: the client.
  const clientless = !parts.some((p) => typeof p !== 'string' && p.target === 'c-ip');
  for (let part of parts) {
    if (clientless && typeof part !== 'string' && part.target === 'cs(X-Forwarded-For)') part = { ...part, target: 'c-ip' };
    if (typeof part === 'string') {
      literals[literals.length - 1] += part;
      continue;
    }
    if (fields.length > 0 && literals[literals.length - 1] === '') {
      const joined = joinAdjacent(fields[fields.length - 1]!, part);
      if (joined === undefined)
        throw new Error(`${fields[fields.length - 1]!.source} and ${part.source} have nothing between them to tell them apart`);
      fields[fields.length - 1] = joined;
      continue;
    }
    fields.push(part);
    wraps.push(undefined);
    literals.push('');
  }
  if (fields.length > MAX_FORMAT_FIELDS)
    throw new Error(`${fields.length} fields; a format may have at most ${MAX_FORMAT_FIELDS} (the longest real ones have about 40)`);
  // Lines are read without trailing blanks, so a format's trailing blanks (`… %{UNIQUE_ID}e `) are dropped too.
  literals[fields.length] = literals[fields.length]!.replace(/[ \t]+$/, '');
  for (let i = 0; i < fields.length; i++) {
    const before = literals[i]!;
    const open = before.charAt(before.length - 1);
    const close = CLOSE[open];
    if (close !== undefined && literals[i + 1]!.startsWith(close)) {
      literals[i] = before.slice(0, -1);
      literals[i + 1] = literals[i + 1]!.slice(1);
      wraps[i] = open;
      // Quotes end a list themselves: a header logged with odd spacing ("a ,b") is still read.
      if (open === '"' && fields[i]!.charset === 'list') fields[i] = { ...fields[i]!, charset: 'any' };
    }
  }
  return { label, literals, fields, wraps };
}

/** The directives that log a URL's query after its path, with its `?` or after `$is_args`. */
const QUERY_PARTS = new Set(['%q', '$is_args', '$args', '$query_string']);

/**
 * Two fields logged with nothing between them that together are one value: a path and its query
 * (Apache `%U%q`, nginx `$uri$is_args$args`), a host and the URI (`$host$request_uri`). Undefined
 * for any other pair, which no scanner could split.
 */
function joinAdjacent(first: FieldSpec, second: FieldSpec): FieldSpec | undefined {
  const source = first.source + second.source;
  if ((first.kind === 'uri' || first.kind === 'host-uri') && QUERY_PARTS.has(second.source)) return { ...first, source };
  if ((first.target === 'cs-host' || first.target === 's-sitename') && first.kind === 'text' && second.kind === 'uri') {
    return { target: first.target, kind: 'host-uri', charset: 'any', source };
  }
  // `%{msec_frac}t%{%z}t` (ISO 8601 times in Apache logs): the fraction's fixed width is the split.
  if (first.kind === 'time-parts' && second.kind === 'time-parts' && first.width !== undefined) {
    const width = first.width;
    const readFirst = first.readTime!;
    const readSecond = second.readTime!;
    const readTime: TimePartsReader = (s, start, end, parts) =>
      end - start > width && readFirst(s, start, start + width, parts) && readSecond(s, start + width, end, parts);
    return { ...second, source, readTime, width: second.width === undefined ? undefined : width + second.width };
  }
  return undefined;
}

/**
 * A layout followed by fields it does not name (combined + `%D`, + `"%{X-Forwarded-For}i"`, HAProxy's
 * CLF timers): they are kept, as one text field `extra`, so a line is read rather than rejected.
 */
export function withExtraFields(format: CompiledAccessFormat, label: string, unquoted = false): CompiledAccessFormat {
  const literals = [...format.literals];
  literals[literals.length - 1] += ' ';
  literals.push('');
  const extra: FieldSpec = { target: 'extra', kind: 'extra', charset: 'any', source: '(extra fields)', unquoted };
  return { label, literals, fields: [...format.fields, extra], wraps: [...format.wraps, undefined] };
}

/** Retries per field: enough for quotes inside requests, small enough that hostile lines stay linear-ish. */
const MAX_TRIES = 8;

/** Month abbreviations of `[10/Oct/2000:…]` → 0-11. */
export const MONTHS: Record<string, number> = lookupTable({
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
});

/** Where a fraction of the second (`.123456`) at s[dot] ends; `dot` when there is none. */
function fractionEnd(s: string, dot: number, end: number): number {
  if (s.charCodeAt(dot) !== 46) return dot;
  let i = dot + 1;
  while (i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  return i;
}

/** The fraction at s[dot, to) in whole ms (`.5` → 500, `.123456` → 123). */
function fractionMs(s: string, dot: number, to: number): number {
  let ms = 0;
  for (let i = dot + 1, scale = 100; i < to && scale >= 1; i++, scale /= 10) ms += (s.charCodeAt(i) - 48) * scale;
  return ms;
}

/**
 * `10/Oct/2000:13:55:36 -0700` (Apache %t, nginx $time_local) → UTC ms. Also read: a fraction of the
 * second (`13:55:36.123`, HAProxy, Tomcat), a blank for the first colon (`10/Oct/2000 13:55:36`,
 * Python's http.server and Werkzeug), and no offset (those, NCSA as IIS writes it), when the time is
 * local: `local` turns it into UTC.
 */
export function parseClfTime(s: string, start: number, end: number, local: LocalTime): number {
  const separator = s.charCodeAt(start + 11);
  if (end - start < 20 || s.charCodeAt(start + 2) !== 47 || s.charCodeAt(start + 6) !== 47 || (separator !== 58 && separator !== SPACE))
    return NaN;
  const day = digitsAt(s, start, 2);
  const month = MONTHS[s.slice(start + 3, start + 6)];
  const year = digitsAt(s, start + 7, 4);
  const hours = digitsAt(s, start + 12, 2);
  const minutes = digitsAt(s, start + 15, 2);
  const seconds = digitsAt(s, start + 18, 2);
  if (month === undefined || !(day >= 1 && day <= 31 && hours < 24 && minutes < 60 && seconds < 61)) return NaN;
  const dot = start + 20;
  const i = s.charCodeAt(dot) === 46 ? fractionEnd(s, dot, end) : dot;
  const ms = i === dot ? 0 : fractionMs(s, dot, i);
  const wall = Date.UTC(year, month, day, hours, minutes, seconds, ms);
  if (i === end) return local.toUtc(wall);
  if (end - i !== 6 || s.charCodeAt(i) !== SPACE) return NaN;
  const sign = s.charCodeAt(i + 1);
  const hh = digitsAt(s, i + 2, 2);
  const mm = digitsAt(s, i + 4, 2);
  if ((sign !== 43 && sign !== 45) || Number.isNaN(hh + mm)) return NaN;
  return wall - (sign === 45 ? -1 : 1) * (hh * 60 + mm) * 60_000;
}

/**
 * `2000-10-10T13:55:36-07:00` (nginx $time_iso8601), with `Z`, `+0200`, a fraction or a space for
 * the `T` → UTC ms; without an offset the time is local. NaN when it is not such a time.
 */
export function parseIsoTime(s: string, start: number, end: number, local: LocalTime): number {
  if (
    end - start < 19 ||
    s.charCodeAt(start + 4) !== DASH ||
    s.charCodeAt(start + 7) !== DASH ||
    s.charCodeAt(start + 13) !== 58 ||
    s.charCodeAt(start + 16) !== 58
  )
    return NaN;
  const t = s.charCodeAt(start + 10);
  if (t !== 84 && t !== SPACE) return NaN;
  const year = digitsAt(s, start, 4);
  const month = digitsAt(s, start + 5, 2);
  const day = digitsAt(s, start + 8, 2);
  const hours = digitsAt(s, start + 11, 2);
  const minutes = digitsAt(s, start + 14, 2);
  const seconds = digitsAt(s, start + 17, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hours < 24 && minutes < 60 && seconds < 61)) return NaN;
  const i = fractionEnd(s, start + 19, end);
  const ms = fractionMs(s, start + 19, i);
  const wall = Date.UTC(year, month - 1, day, hours, minutes, seconds, ms);
  if (i === end) return local.toUtc(wall);
  const sign = s.charCodeAt(i);
  if (sign === 90 /* Z */ && i + 1 === end) return wall;
  if (sign !== 43 && sign !== 45) return NaN;
  const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
  const hh = digitsAt(s, i + 1, 2);
  const mm = digitsAt(s, i + 3 + colon, 2);
  if (i + 5 + colon !== end || Number.isNaN(hh + mm)) return NaN;
  return wall - (sign === 45 ? -1 : 1) * (hh * 60 + mm) * 60_000;
}

export const isDigitRun = (s: string, start: number, end: number): boolean => {
  if (end === start) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

export const isDecimal = (s: string, start: number, end: number): boolean => {
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) dots++;
    else if (c < 48 || c > 57) return false;
  }
  return end > start && dots <= 1;
};

/** Digits, a dot and exactly `decimals` digits: `0.012` for 3. */
export const hasDecimals = (s: string, start: number, end: number, decimals: number): boolean =>
  end - start > decimals + 1 &&
  s.charCodeAt(end - decimals - 1) === 46 &&
  isDigitRun(s, start, end - decimals - 1) &&
  isDigitRun(s, end - decimals, end);

export const isDash = (s: string, start: number, end: number): boolean => end - start === 1 && s.charCodeAt(start) === DASH;

/**
 * Apache (`\"`, `\\`, `\xNN`, `\n` …) and nginx (`\xNN`) escapes → text. Escaped bytes are gathered
 * and decoded as UTF-8, so an escaped multi-byte character comes back whole. Without `controls`,
 * `\n`, `\t`, `\b` … stay as written: in a user name (`CONTOSO\bob` as IIS writes NCSA) the
 * backslash is a domain separator, and Apache writes a real one as `\\`.
 */
export function unescapeLogText(text: string, controls = true): string {
  if (text.indexOf('\\') === -1) return text;
  const bytes: number[] = [];
  const pushText = (t: string) => {
    for (const b of Buffer.from(t, 'utf8')) bytes.push(b);
  };
  let i = 0;
  while (i < text.length) {
    const slash = text.indexOf('\\', i);
    if (slash === -1 || slash === text.length - 1) {
      pushText(text.slice(i));
      break;
    }
    pushText(text.slice(i, slash));
    const next = text.charAt(slash + 1);
    const hex = next === 'x' ? text.slice(slash + 2, slash + 4) : '';
    if (hex.length === 2 && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i = slash + 4;
      continue;
    }
    const code = controls ? ESCAPES[next] : QUOTING_ESCAPES[next];
    if (code === undefined) pushText('\\' + next);
    else bytes.push(code);
    i = slash + 2;
  }
  const buffer = Buffer.from(bytes);
  try {
    return UTF8.decode(buffer);
  } catch {
    // Not UTF-8 (a cp1251 referer, a binary probe): one character per byte keeps every byte visible.
    return buffer.toString('latin1');
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const QUOTING_ESCAPES: Record<string, number> = lookupTable({ '"': 34, '\\': 92 });
const ESCAPES: Record<string, number> = lookupTable({ ...QUOTING_ESCAPES, n: 10, r: 13, t: 9, b: 8, v: 11 });

/** Writes a matched value into the record; only built for wanted fields. */
export type Writer = (line: string, start: number, end: number, out: LogRecord) => void;

export function splitUri(uri: string, out: LogRecord, wanted: FieldSet): void {
  const q = uri.indexOf('?');
  if (wanted === 'all' || wanted.has('cs-uri-stem')) out['cs-uri-stem'] = q === -1 ? uri : uri.slice(0, q);
  if (q !== -1 && q < uri.length - 1 && (wanted === 'all' || wanted.has('cs-uri-query'))) out['cs-uri-query'] = uri.slice(q + 1);
}

/** `example.com/a?b` (`$host$request_uri`): the host into `hostField`, the rest as a URI. */
function writeHostUri(text: string, hostField: string, out: LogRecord, wanted: FieldSet): void {
  let path = 0;
  while (path < text.length && text.charCodeAt(path) !== 47 /* / */ && text.charCodeAt(path) !== 63 /* ? */) path++;
  if (path > 0 && (wanted === 'all' || wanted.has(hostField))) out[hostField] = text.slice(0, path);
  splitUri(text.charCodeAt(path) === 47 ? text.slice(path) : `/${text.slice(path)}`, out, wanted);
}

/**
 * An absolute-form target (`http://host/path?q`, as Varnish and forward proxies log it) → its path,
 * the host kept as cs-host when nothing else gave one, so URIs group by path as origin-form ones do.
 */
function originForm(target: string, out: LogRecord, wanted: FieldSet): string {
  const scheme = target.startsWith('http://') ? 7 : target.startsWith('https://') ? 8 : 0;
  if (scheme === 0) return target;
  let path = scheme;
  while (path < target.length && target.charCodeAt(path) !== 47 /* / */ && target.charCodeAt(path) !== 63 /* ? */) path++;
  if (out['cs-host'] === undefined && (wanted === 'all' || wanted.has('cs-host'))) out['cs-host'] = target.slice(scheme, path);
  return target.charCodeAt(path) === 47 ? target.slice(path) : `/${target.slice(path)}`;
}

/** Whether s[0, end) is visible ASCII, as an HTTP method is. */
function isVisibleAscii(s: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c <= SPACE || c >= 127) return false;
  }
  return true;
}

/**
 * Werkzeug (Flask's development server) colours the request line of every non-200 response, in
 * files and pipes too: `\x1b[33mGET /favicon.ico HTTP/1.1\x1b[0m`. Only such lines pay for the regex.
 */
const withoutColour = (request: string): string => (request.charCodeAt(0) === 27 ? request.replace(/\x1b\[[0-9;]*m/g, '') : request);

export function writeRequest(logged: string, out: LogRecord, wanted: FieldSet): void {
  const request = withoutColour(logged);
  const first = request.indexOf(' ');
  // "-", "", a lone word, `- - HTTP/1.0` (Apache's line for a request it could not read) or a binary
  // probe (`\x16\x03\x01 …`, a TLS hello on the plain port): no method or URI.
  if (first === -1 || (first === 1 && request.charCodeAt(0) === DASH) || !isVisibleAscii(request, first)) return;
  const last = request.lastIndexOf(' ');
  out['cs-method'] = request.slice(0, first);
  const hasVersion = last > first && request.startsWith('HTTP/', last + 1);
  splitUri(originForm(request.slice(first + 1, hasVersion ? last : request.length), out, wanted), out, wanted);
  if (hasVersion) out['cs-version'] = request.slice(last + 1);
}

/**
 * An address without its port: `203.0.113.9:443` and `[2001:db8::1]:443` (Envoy's addresses,
 * Traefik's ClientAddr, Google's remoteIp, Go servers' RemoteAddr in place of %h) → the IP. A bare
 * IPv6 address, a list and nginx's `unix:` are kept.
 */
export function withoutPort(address: string): string {
  if (address.charCodeAt(0) === 91 /* [ */) {
    const close = address.indexOf(']');
    const port =
      close + 1 === address.length || (address.charCodeAt(close + 1) === COLON && isDigitRun(address, close + 2, address.length));
    return close !== -1 && port ? address.slice(1, close) : address;
  }
  const colon = address.indexOf(':');
  return colon > 0 && colon === address.lastIndexOf(':') && isDigitRun(address, colon + 1, address.length)
    ? address.slice(0, colon)
    : address;
}

/** Keys custom formats give $request_time in key=value extras (`rt=0.123`); `urt=`, `ut=` are the upstream's. */
const REQUEST_TIME_KEYS = ['rt=', 'request_time='];

/** Where the value of the blank-separated token at `from` starts: after a $request_time key, if any. */
function afterRequestTimeKey(s: string, from: number): number {
  for (const key of REQUEST_TIME_KEYS) if (s.startsWith(key, from)) return from + key.length;
  return from;
}

/**
 * The first blank-separated value in s[start, end) shaped like nginx's $request_time (seconds with
 * exactly three decimals, `0.012`), bare or after `rt=`, in ms; -1 when there is none. Appended
 * after combined or main (alone, or before or after $upstream_response_time, which has the same
 * shape and is at most as long), it is the time taken; integers are left alone: `%D` µs, `%T` s
 * and byte counts look alike.
 */
function requestTimeIn(s: string, start: number, end: number): number {
  for (let from = start; from < end; ) {
    let to = s.indexOf(' ', from);
    if (to === -1 || to > end) to = end;
    const value = afterRequestTimeKey(s, from);
    const dot = to - 4;
    if (dot > value && s.charCodeAt(dot) === 46 && isDigitRun(s, value, dot) && isDigitRun(s, dot + 1, to)) {
      return Number(s.slice(value, dot)) * 1000 + Number(s.slice(dot + 1, to));
    }
    from = to + 1;
  }
  return -1;
}

export function writerFor(spec: FieldSpec, wanted: FieldSet): Writer | undefined {
  const { target } = spec;
  const want = (name: string) => wanted === 'all' || wanted.has(name);
  switch (spec.kind) {
    case 'ignore':
    case 'time-parts':
    case 'clf-time':
    case 'iso-time':
    case 'epoch-time':
      return undefined;
    case 'status':
    case 'int':
      if (!want(target)) return undefined;
      return (line, start, end, out) => {
        if (!isDash(line, start, end)) out[target] = Number(line.slice(start, end));
      };
    case 'duration': {
      if (!want(target)) return undefined;
      const toMs = spec.toMs ?? 1;
      return (line, start, end, out) => {
        if (!isDash(line, start, end)) out[target] = Math.round(Number(line.slice(start, end)) * toMs * 1000) / 1000;
      };
    }
    case 'request':
      if (!['cs-method', 'cs-uri-stem', 'cs-uri-query', 'cs-version'].some(want)) return undefined;
      return (line, start, end, out) => writeRequest(unescapeLogText(line.slice(start, end)), out, wanted);
    case 'uri':
      if (!want('cs-uri-stem') && !want('cs-uri-query')) return undefined;
      return (line, start, end, out) => {
        if (!isDash(line, start, end)) splitUri(unescapeLogText(line.slice(start, end)), out, wanted);
      };
    case 'host-uri':
      if (!want(target) && !want('cs-uri-stem') && !want('cs-uri-query')) return undefined;
      return (line, start, end, out) => {
        if (!isDash(line, start, end)) writeHostUri(unescapeLogText(line.slice(start, end)), target, out, wanted);
      };
    case 'query':
      if (!want(target)) return undefined;
      return (line, start, end, out) => {
        const from = line.charCodeAt(start) === 63 /* ? */ ? start + 1 : start;
        if (end > from && !isDash(line, from, end)) out[target] = unescapeLogText(line.slice(from, end));
      };
    case 'address':
      if (!want(target)) return undefined;
      return (line, start, end, out) => {
        if (!isDash(line, start, end)) out[target] = withoutPort(line.slice(start, end));
      };
    case 'extra': {
      const text = want(target);
      const timer = want('time-taken');
      if (!text && !timer) return undefined;
      return (line, start, end, out) => {
        if (text && end > start && !isDash(line, start, end)) out[target] = unescapeLogText(line.slice(start, end));
        if (timer && out['time-taken'] === undefined) {
          const ms = requestTimeIn(line, start, end);
          if (ms !== -1) out['time-taken'] = ms;
        }
      };
    }
    case 'text': {
      if (!want(target)) return undefined;
      const controls = target !== 'cs-username';
      // A client logged with its port (Go servers' RemoteAddr, `[::1]:5678`) is one client on every port.
      if (target === 'c-ip') {
        return (line, start, end, out) => {
          if (end > start && !isDash(line, start, end)) out[target] = withoutPort(unescapeLogText(line.slice(start, end)));
        };
      }
      return (line, start, end, out) => {
        if (end > start && !isDash(line, start, end)) out[target] = unescapeLogText(line.slice(start, end), controls);
      };
    }
  }
}

/** One compiled format bound to a context: the per-line matcher. */
export class AccessLineMatcher {
  rejection: Rejection = { reason: 'no-match' };
  /**
   * Whether the last match put an unescaped `"` inside a quoted value. Apache and nginx escape
   * quotes in values, so such a match is a guess ("ua" "-" read as one user agent) that a sibling
   * layout may read exactly.
   */
  guessed = false;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly writers: (Writer | undefined)[];
  private readonly n: number;
  /** Indexes of the 'time-parts' fields, whose parts make the time once the line has matched. */
  private readonly timeFields: number[];
  /** Index of the c-ip field, -1 when the layout has none. */
  private readonly clientField: number;
  private readonly scratchParts = emptyTimeParts();
  private lineEnd = 0;
  private time = NaN;
  private budget = 0;
  /** Field index of the furthest point a failed match reached, for the rejection message. */
  private furthest = 0;

  constructor(
    readonly format: CompiledAccessFormat,
    private readonly ctx: ParseContext,
  ) {
    this.n = format.fields.length;
    this.starts = new Int32Array(this.n);
    this.ends = new Int32Array(this.n);
    this.writers = format.fields.map((f) => writerFor(f, ctx.wanted));
    this.timeFields = format.fields.flatMap((f, i) => (f.kind === 'time-parts' ? [i] : []));
    this.clientField = format.fields.findIndex((f) => f.target === 'c-ip');
  }

  /** Matches the whole line and keeps where each value is; `write` then fills a record from it. */
  matches(line: string): boolean {
    let end = line.length;
    while (end > 0 && (line.charCodeAt(end - 1) === SPACE || line.charCodeAt(end - 1) === 9)) end--;
    this.lineEnd = end;
    this.time = NaN;
    this.furthest = 0;
    this.guessed = false;
    this.budget = MAX_TRIES * (this.n + 1);
    const first = this.format.literals[0]!;
    if (!line.startsWith(first) || !this.match(line, 0, first.length)) {
      const field = this.format.fields[Math.min(this.furthest, this.n - 1)];
      this.rejection = { reason: 'no-match', detail: `does not match ${this.format.label}${field ? ` (at ${field.source})` : ''}` };
      return false;
    }
    if (this.timeFields.length > 0) this.assembleTime(line);
    // Servers always log the client's address. A `-` there means the values moved over by one: a
    // user name with a blank (`10.0.0.1 - john smith [`) read as vhost, client `-`, ident and user.
    const client = this.clientField;
    if (client >= 0 && isDash(line, this.starts[client]!, this.ends[client]!)) this.guessed = true;
    return true;
  }

  /** The time from the 'time-parts' fields of the matched line (read again: a failed branch may have left parts behind). */
  private assembleTime(line: string): void {
    const parts = emptyTimeParts();
    for (const i of this.timeFields) {
      if (!isDash(line, this.starts[i]!, this.ends[i]!)) this.format.fields[i]!.readTime!(line, this.starts[i]!, this.ends[i]!, parts);
    }
    const time = timeOf(parts, this.ctx.localTime);
    if (!Number.isNaN(time)) this.time = time;
  }

  /** Writes the wanted fields of the line last matched into `out`. */
  write(line: string, out: LogRecord): void {
    for (let i = 0; i < this.n; i++) this.writers[i]?.(line, this.starts[i]!, this.ends[i]!, out);
    if (!Number.isNaN(this.time)) out.timestamp = this.time;
  }

  private match(line: string, i: number, pos: number): boolean {
    if (i === this.n) return pos === this.lineEnd;
    if (i > this.furthest) this.furthest = i;
    const after = this.format.literals[i + 1]!;
    const wrap = this.format.wraps[i];
    if (wrap !== undefined) {
      if (line.charCodeAt(pos) === wrap.charCodeAt(0)) return this.tryEnds(line, i, pos + 1, CLOSE[wrap]! + after, wrap === '"');
      // A wrapped field logged as a bare `-` (VRL's "- - - - - - -" common line), followed by its literal as any value is.
      return line.charCodeAt(pos) === DASH && line.startsWith(after, pos + 1) && this.tryAt(line, i, pos, pos + 1, after);
    }
    // Past the trimmed end (a literal that was trailing blanks) there is no last value to read.
    if (after === '' && i === this.n - 1) return pos <= this.lineEnd && this.tryAt(line, i, pos, this.lineEnd, '');
    return this.tryEnds(line, i, pos, after, false);
  }

  /** Tries successive occurrences of `terminator` as the end of field i. */
  private tryEnds(line: string, i: number, start: number, terminator: string, quoted: boolean): boolean {
    const spec = this.format.fields[i]!;
    let from = start;
    for (let tries = 0; tries < MAX_TRIES && this.budget > 0; tries++) {
      let end = line.indexOf(terminator, from);
      if (quoted) end = unescapedEnd(line, start, end, terminator);
      if (spec.charset === 'list') end = listEnd(line, start, end, terminator);
      if (end === -1 || end > this.lineEnd) return false;
      this.budget--;
      if (this.tryAt(line, i, start, end, terminator)) {
        if (quoted) this.noteQuoted(line, start, end, tries);
        return true;
      }
      // A later terminator would put a space inside a value that cannot hold one.
      if ((spec.charset === 'nospace' || spec.charset === 'list') && terminator.includes(' ')) return false;
      from = end + 1;
    }
    return false;
  }

  /**
   * A quoted value read past an earlier quote, or holding one, is a guess (see `guessed`): nginx
   * escapes quotes as \x22 and Apache as \", so a bare one means the value swallowed a neighbour
   * (`"curl/8" "1.2.3.4" rt=…` read as one user agent) unless no layout reads the line exactly.
   */
  private noteQuoted(line: string, start: number, end: number, tries: number): void {
    if (tries > 0 || bareQuoteIn(line, start, end)) this.guessed = true;
  }

  private tryAt(line: string, i: number, start: number, end: number, terminator: string): boolean {
    if (!this.accept(this.format.fields[i]!, line, start, end)) return false;
    if (!this.match(line, i + 1, end + terminator.length)) return false;
    this.starts[i] = start;
    this.ends[i] = end;
    return true;
  }

  /** Checks a candidate value's shape; time values are parsed here so a bad one can be retried. */
  private accept(spec: FieldSpec, line: string, start: number, end: number): boolean {
    if (spec.charset !== 'any' && !fitsCharset(spec.charset, line, start, end)) return false;
    switch (spec.kind) {
      case 'status':
        return isDash(line, start, end) || (end - start === 3 && isDigitRun(line, start, end));
      case 'int':
        return isDash(line, start, end) || isDigitRun(line, start, end);
      case 'duration':
        if (isDash(line, start, end)) return true;
        return spec.decimals === undefined ? isDecimal(line, start, end) : hasDecimals(line, start, end, spec.decimals);
      case 'extra':
        return spec.unquoted !== true || line.charCodeAt(start) !== QUOTE;
      case 'clf-time':
      case 'iso-time':
      case 'epoch-time':
      case 'time-parts':
        return isDash(line, start, end) ? spec.kind !== 'epoch-time' : this.acceptTime(spec, line, start, end);
      default:
        return true;
    }
  }

  /** Reads a time value into `time` (or, for time parts, checks it); false when it is not one. */
  private acceptTime(spec: FieldSpec, line: string, start: number, end: number): boolean {
    const local = this.ctx.localTime;
    switch (spec.kind) {
      case 'clf-time':
        this.time = parseClfTime(line, start, end, local);
        // nginx configs put $time_iso8601 where $time_local was: `[2025-08-06T14:43:25+02:00]`.
        if (Number.isNaN(this.time)) this.time = parseIsoTime(line, start, end, local);
        return !Number.isNaN(this.time);
      case 'iso-time':
        this.time = parseIsoTime(line, start, end, local);
        return !Number.isNaN(this.time);
      case 'epoch-time':
        if (!isDecimal(line, start, end)) return false;
        this.time = Math.round(Number(line.slice(start, end)) * (spec.toMs ?? 1000));
        return true;
      default:
        return spec.readTime!(line, start, end, this.scratchParts);
    }
  }
}

/** Whether s[start, end) fits a 'nospace', 'list' or 'words' value. */
export function fitsCharset(charset: Charset, line: string, start: number, end: number): boolean {
  if (charset === 'words') return !hasBlank(line, start, end) || (line.startsWith(' [', end) && !hasLoneDash(line, start, end));
  // A comma before a space goes on into a list: `10.0.0.2,` is not a host of its own.
  if (line.charCodeAt(end - 1) === COMMA && line.charCodeAt(end) === SPACE) return false;
  for (let space = line.indexOf(' ', start); space !== -1 && space < end; space = line.indexOf(' ', space + 1)) {
    if (charset === 'nospace' || !isListSpace(line, space)) return false;
  }
  return true;
}

function hasBlank(line: string, start: number, end: number): boolean {
  const blank = line.indexOf(' ', start);
  return blank !== -1 && blank < end;
}

/** Whether s[start, end) has a lone `-` among its blank-separated words. */
const hasLoneDash = (line: string, start: number, end: number): boolean => line.slice(start, end).split(' ').includes('-');

/** The first `terminator` at or after `end` that an odd run of backslashes does not escape. */
function unescapedEnd(line: string, start: number, end: number, terminator: string): number {
  while (end !== -1 && escapedAt(line, start, end)) end = line.indexOf(terminator, end + 1);
  return end;
}

/** The first `terminator` at or after `end` that does not fall inside a list (`a, b`, `a : b`). */
export function listEnd(line: string, start: number, end: number, terminator: string): number {
  while (end > start && isListSpace(line, end)) end = line.indexOf(terminator, end + 1);
  return end;
}

/** A space inside a list value: after a comma (`a, b`) or around nginx's ` : ` (`a:80 : b:80`). */
function isListSpace(line: string, at: number): boolean {
  if (line.charCodeAt(at) !== SPACE) return false;
  const before = line.charCodeAt(at - 1);
  if (before === COMMA || (before === COLON && line.charCodeAt(at - 2) === SPACE)) return true;
  return line.charCodeAt(at + 1) === COLON && line.charCodeAt(at + 2) === SPACE;
}

/** Whether s[start, end) holds a `"` that is not escaped. */
function bareQuoteIn(line: string, start: number, end: number): boolean {
  for (let q = line.indexOf('"', start); q !== -1 && q < end; q = line.indexOf('"', q + 1)) {
    if (!escapedAt(line, start, q)) return true;
  }
  return false;
}

/** A `"` preceded by an odd run of backslashes is escaped (Apache `\"`), not a closing quote. */
function escapedAt(line: string, start: number, quote: number): boolean {
  let slashes = 0;
  for (let i = quote - 1; i >= start && line.charCodeAt(i) === BACKSLASH; i--) slashes++;
  return slashes % 2 === 1 && line.charCodeAt(quote) === QUOTE;
}

/** Compiles fast readers for a parse context (access-reader.ts); given to AccessLogParser. */
export interface FastAccessReaders {
  /**
   * Reads the line `text.slice(start, end)`, in place, when it has the layout's common shape, as
   * its general matcher would; false for any other line.
   */
  reader(
    format: CompiledAccessFormat,
  ): ((text: string, start: number, end: number, out: LogRecord, sample?: LogRecord) => boolean) | undefined;
  /**
   * Reads a line of formats[index]'s common shape as its general matcher would, when no format
   * before it could read the line exactly; false for any other line.
   */
  sibling(
    formats: readonly CompiledAccessFormat[],
    index: number,
  ): ((line: string, out: LogRecord, sample?: LogRecord) => boolean) | undefined;
}

/** A sibling layout that read the last line the first layout could not, with its reader for the next such lines. */
interface Sibling {
  matcher: AccessLineMatcher;
  read: (line: string, out: LogRecord, sample?: LogRecord) => boolean;
}

/**
 * A parser for a family of layouts: the detected one first, then the family's other layouts, so a
 * file mixing common and combined lines (as Apache writes after a config change) loses no lines.
 * A layout that reads a line only by guessing where a quoted value ends gives way to one that
 * reads it exactly (a combined line with one more quoted field is nginx main, not a user agent
 * holding `" "`).
 */
export class AccessLogParser implements LineParser {
  rejection: Rejection = { reason: 'no-match' };
  private readonly matchers: AccessLineMatcher[];
  private lastRead?: AccessLineMatcher;
  /** The first format's reader of its common shape: a line it reads is read as the first matcher would read it. */
  private readonly fast?: (text: string, start: number, end: number, out: LogRecord, sample?: LogRecord) => boolean;
  /**
   * Whether the last line was read by the first format's fast reader: lines are then read in place
   * (parseIn). After any other line, the next is made a string first: a value's end searched for
   * in place may lie lines further on, and a run of lines of another shape would each search that far.
   */
  private inPlace: boolean;
  private sibling?: Sibling;
  /** The fast reader over a whole line, for readSample. */
  private readonly fastWhole?: (line: string, out: LogRecord, sample?: LogRecord) => boolean;
  /** The fast reader that read the last line, undefined when the general matcher did. */
  private readBy?: (line: string, out: LogRecord, sample?: LogRecord) => boolean;
  /** Siblings compiled so far by matcher index; null where a layout up to it has no fast reader. */
  private readonly siblings = new Map<number, Sibling | null>();

  /**
   * @param readers compiles the layouts' fast readers (access-reader.ts): the first layout's at once,
   *   a sibling's when it reads a line, so a file written under a sibling layout (nginx main read
   *   with `--log-format combined`) is read at the fast reader's speed too.
   */
  constructor(
    formats: readonly CompiledAccessFormat[],
    ctx: ParseContext,
    private readonly extraNotes: string[] = [],
    private readonly readers?: FastAccessReaders,
  ) {
    this.matchers = formats.map((f) => new AccessLineMatcher(f, ctx));
    const fast = readers?.reader(formats[0]!);
    this.fast = fast;
    this.fastWhole = fast && ((line, out, sample) => fast(line, 0, line.length, out, sample));
    this.inPlace = fast !== undefined;
  }

  parse(line: string, out: LogRecord): LineKind {
    // A sibling in use first: its reader takes no line the first layout reads exactly (its probe
    // says so), and the first layout's reader would only scan the line to fail.
    const sibling = this.sibling;
    if (sibling?.read(line, out)) {
      this.lastRead = sibling.matcher;
      this.readBy = sibling.read;
      return LINE_RECORD;
    }
    this.inPlace = this.fast?.(line, 0, line.length, out) === true;
    if (this.inPlace) {
      this.lastRead = this.matchers[0];
      this.readBy = this.fastWhole;
      return LINE_RECORD;
    }
    let guess: AccessLineMatcher | undefined;
    for (let i = 0; i < this.matchers.length; i++) {
      const matcher = this.matchers[i]!;
      if (!matcher.matches(line)) continue;
      if (matcher.guessed) {
        guess ??= matcher;
        continue;
      }
      if (i > 0) this.sibling = this.siblingAt(i);
      return this.read(matcher, line, out);
    }
    if (guess !== undefined) return this.read(guess, line, out);
    this.rejection = this.matchers[0]!.rejection;
    return LINE_REJECTED;
  }

  parseIn(text: string, start: number, end: number, out: LogRecord): LineKind {
    if (this.inPlace && this.sibling === undefined && this.fast!(text, start, end, out)) {
      this.lastRead = this.matchers[0];
      this.readBy = this.fastWhole;
      return LINE_RECORD;
    }
    return this.parse(text.slice(start, end), out);
  }

  private siblingAt(index: number): Sibling | undefined {
    let sibling = this.siblings.get(index);
    if (sibling === undefined) {
      const read = this.readers?.sibling(
        this.matchers.map((m) => m.format),
        index,
      );
      sibling = read === undefined ? null : { matcher: this.matchers[index]!, read };
      this.siblings.set(index, sibling);
    }
    return sibling ?? undefined;
  }

  private read(matcher: AccessLineMatcher, line: string, out: LogRecord): LineKind {
    matcher.write(line, out);
    this.lastRead = matcher;
    this.readBy = undefined;
    return LINE_RECORD;
  }

  /**
   * The sampled-only fields of the line `parse` just read, read again by the fast reader that read
   * it (the general matcher reads every wanted field into the record).
   */
  readSample(line: string, sample: LogRecord): void {
    this.readBy?.(line, newRecord(), sample);
  }

  /** The layout of the last line read (a mixed file's common, combined and vhost lines are tallied apart). */
  layout(): string {
    return (this.lastRead ?? this.matchers[0]!).format.label;
  }

  notes(): string[] {
    return this.extraNotes;
  }
}

/** Share of lines a compiled format reads: the detection score of access-log layouts. */
export function matchShare(format: CompiledAccessFormat, lines: readonly string[]): number {
  const matcher = new AccessLineMatcher(format, { file: '', wanted: new Set(), localTime: fixedOffset(0) });
  const candidates = lines.filter((l) => !l.startsWith('#'));
  if (candidates.length === 0) return 0;
  let hits = 0;
  // A guessed match (a quote inside a quoted value) counts half, so the layout that reads such
  // lines exactly wins.
  for (const line of candidates) if (matcher.matches(line)) hits += matcher.guessed ? 0.5 : 1;
  return hits / candidates.length;
}
