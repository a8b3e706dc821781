/**
 * Apache httpd `LogFormat` strings compiled into access-log scanners.
 * Spec: https://httpd.apache.org/docs/current/mod/mod_log_config.html#formats
 */
import { assemble, type CompiledAccessFormat, type FieldSpec, type TimeParts, type TimePartsReader } from './access-log.js';
import { lookupTable } from './lookup-table.js';

export const APACHE_SPEC = 'https://httpd.apache.org/docs/current/mod/mod_log_config.html#formats';

/** The nicknames httpd's default configuration defines. */
export const APACHE_NICKNAMES: Record<string, string> = lookupTable({
  common: '%h %l %u %t "%r" %>s %b',
  combined: '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"',
  vhost_combined: '%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"',
  // openSUSE's stock apache2-mod_log_config.conf names these vhost_common and vhost_combined; nginx
  // configs "borrowed from Apache" write the second with $server_name.
  vhost_common: '%v %h %l %u %t "%r" %>s %b',
  vhost_combined_suse: '%v %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"',
  // Red Hat's and openSUSE's stock httpd.conf, with mod_logio.
  combinedio: '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %I %O',
  // The CustomLog of Apache's stock httpd-ssl.conf (logs/ssl_request_log): no status is logged.
  ssl_request: '%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x "%r" %b',
});

/** Request headers that have a W3C field of their own. */
const HEADER_FIELDS: Record<string, string> = lookupTable({
  referer: 'cs(Referer)',
  'user-agent': 'cs(User-Agent)',
  host: 'cs-host',
  cookie: 'cs(Cookie)',
});

const field = (target: string, kind: FieldSpec['kind'], charset: FieldSpec['charset'], source: string, toMs?: number): FieldSpec => ({
  target,
  kind,
  charset,
  source,
  toMs,
});

/** Units `%{UNIT}T` may name, as multipliers to ms. */
const T_UNITS: Record<string, number> = lookupTable({ s: 1000, ms: 1, us: 0.001 });

/** `%{sec}t`, `%{msec}t`, `%{usec}t`: time since the epoch, as multipliers to ms. */
const EPOCH_UNITS: Record<string, number> = lookupTable({ sec: 1000, msec: 1, usec: 0.001 });

/** One strftime conversion or literal: reads at `pos`, returns where it ended or -1. */
type TimeStep = (s: string, pos: number, end: number, parts: TimeParts) => number;

const MONTH_INDEX: Record<string, number> = lookupTable({
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
});

function month(parts: TimeParts, name: string): boolean {
  parts.month = MONTH_INDEX[name] ?? NaN;
  return parts.month >= 0;
}

/** Up to `max` digits (at least one) into `set`; -1 when there is none. */
const digits =
  (max: number, set: (parts: TimeParts, value: number) => void): TimeStep =>
  (s, pos, end, parts) => {
    let value = 0;
    let i = pos;
    for (; i < end && i < pos + max; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    if (i === pos) return -1;
    set(parts, value);
    return i;
  };

/** A run of letters (a month or day name); `set` sees it lower-cased and may refuse it. */
const letters =
  (set?: (parts: TimeParts, word: string) => boolean): TimeStep =>
  (s, pos, end, parts) => {
    let i = pos;
    while (i < end && (s.charCodeAt(i) | 32) >= 97 && (s.charCodeAt(i) | 32) <= 122) i++;
    if (i === pos) return -1;
    return set === undefined || set(parts, s.slice(pos, i).toLowerCase()) ? i : -1;
  };

const literal =
  (text: string): TimeStep =>
  (s, pos) =>
    s.startsWith(text, pos) ? pos + text.length : -1;

const optionalSpace: TimeStep = (s, pos) => (s.charCodeAt(pos) === 32 ? pos + 1 : pos);

/** `+0200`, `-05:00`, `Z`. */
const zoneOffset: TimeStep = (s, pos, end, parts) => {
  const sign = s.charCodeAt(pos);
  if (sign === 90 /* Z */) {
    parts.offset = 0;
    return pos + 1;
  }
  if (sign !== 43 && sign !== 45) return -1;
  const colon = s.charCodeAt(pos + 3) === 58 ? 1 : 0;
  const hh = Number(s.slice(pos + 1, pos + 3));
  const mm = Number(s.slice(pos + 3 + colon, pos + 5 + colon));
  if (pos + 5 + colon > end || !Number.isInteger(hh) || !Number.isInteger(mm)) return -1;
  parts.offset = (sign === 45 ? -1 : 1) * (hh * 60 + mm);
  return pos + 5 + colon;
};

/** Conversions spelled as others (C locale). */
const STRFTIME_ALIASES: Record<string, string> = lookupTable({
  T: '%H:%M:%S',
  F: '%Y-%m-%d',
  D: '%m/%d/%y',
  R: '%H:%M',
  r: '%I:%M:%S %p',
  c: '%a %b %e %H:%M:%S %Y',
  x: '%m/%d/%y',
  X: '%H:%M:%S',
  h: '%b',
});

const STRFTIME_STEPS: Record<string, TimeStep> = lookupTable({
  Y: digits(4, (p, v) => (p.year = v)),
  y: digits(2, (p, v) => (p.year = v < 69 ? 2000 + v : 1900 + v)),
  m: digits(2, (p, v) => (p.month = v - 1)),
  d: digits(2, (p, v) => (p.day = v)),
  H: digits(2, (p, v) => (p.hour = v)),
  I: digits(2, (p, v) => (p.hour = v % 12)),
  M: digits(2, (p, v) => (p.minute = v)),
  S: digits(2, (p, v) => (p.second = v)),
  s: digits(12, (p, v) => (p.epoch = v)),
  b: letters((p, w) => month(p, w)),
  B: letters((p, w) => month(p, w.slice(0, 3))),
  a: letters(),
  A: letters(),
  Z: letters((p, w) => {
    // Other zone names do not say their offset: the time is then read as local.
    if (w === 'utc' || w === 'gmt') p.offset = 0;
    return true;
  }),
  p: letters((p, w) => {
    if (w === 'pm') p.hour += 12;
    return w === 'am' || w === 'pm';
  }),
  z: zoneOffset,
  n: optionalSpace,
  t: optionalSpace,
});

/**
 * A `%{…}t` strftime format (as httpd hands it to apr_strftime, C locale) → a reader of its parts.
 * Throws on a conversion that names no part of a time logtally can use.
 */
function compileStrftime(format: string): TimePartsReader {
  const steps: TimeStep[] = [];
  const expanded = format.replace(/%([TFDRrcxXh])/g, (_, c: string) => STRFTIME_ALIASES[c]!);
  for (let i = 0; i < expanded.length; i++) {
    const c = expanded.charAt(i);
    if (c !== '%') {
      steps.push(literal(c));
      continue;
    }
    const conversion = expanded.charAt(++i);
    if (conversion === '%') steps.push(literal('%'));
    else if (conversion === 'e') steps.push(optionalSpace, STRFTIME_STEPS.d!);
    else if (STRFTIME_STEPS[conversion] !== undefined) steps.push(STRFTIME_STEPS[conversion]!);
    else throw new Error(`unsupported %${conversion} in %{${format}}t`);
  }
  return (s, start, end, parts) => {
    let pos = start;
    for (const step of steps) {
      pos = step(s, pos, end, parts);
      if (pos === -1 || pos > end) return false;
    }
    return pos === end;
  };
}

/** `%{msec_frac}t`, `%{usec_frac}t`: the fraction of the second, in ms. */
const fractionReader =
  (width: number): TimePartsReader =>
  (s, start, end, parts) => {
    if (end - start !== width) return false;
    const value = Number(s.slice(start, end));
    if (!Number.isInteger(value)) return false;
    parts.ms = value / 10 ** (width - 3);
    return true;
  };

/** `%{…}t`: epoch units, fractions, or a strftime format; `begin:`/`end:` say when, not how. */
function timeDirective(arg: string, source: string): FieldSpec {
  const format = arg.replace(/^(begin|end):/, '');
  const unit = EPOCH_UNITS[format];
  if (unit !== undefined) return field('timestamp', 'epoch-time', 'nospace', source, unit);
  if (format === 'msec_frac' || format === 'usec_frac') {
    const width = format === 'msec_frac' ? 3 : 6;
    return { ...field('time', 'time-parts', 'nospace', source), readTime: fractionReader(width), width };
  }
  // No conversion at all names no part of a time: kept as text, as it was logged.
  if (!format.includes('%')) return field(`time(${format})`, 'text', 'any', source);
  return { ...field('time', 'time-parts', format.includes(' ') ? 'any' : 'nospace', source), readTime: compileStrftime(format) };
}

/** Directives with no W3C field: kept as custom fields under these names. */
const CUSTOM_NAMES: Record<string, string> = lookupTable({
  k: 'keepalives',
  X: 'connection-status',
  L: 'log-id',
  R: 'handler',
  f: 'filename',
  S: 'bytes-transferred',
});

/** One `%…` directive → the field it logs. Directives with no W3C field are kept as custom fields. */
function directive(letter: string, arg: string | undefined, source: string): FieldSpec | string {
  switch (letter) {
    case 'h':
    case 'a':
      // %{c}a, %{c}h: the connection's peer, a proxy when mod_remoteip names the client.
      if (arg === 'c') return field(letter === 'a' ? 'peer-ip' : 'peer-host', 'text', 'nospace', source);
      return field('c-ip', 'text', 'list', source);
    case 'A':
      return field('s-ip', 'text', 'nospace', source);
    case 'l':
      return field('ident', 'ignore', 'nospace', source);
    case 'u':
      // What Basic auth sent, blanks included (`john smith`).
      return field('cs-username', 'text', 'words', source);
    case 't':
      return arg === undefined ? '%t' : timeDirective(arg, source);
    case 'r':
      return field('request', 'request', 'any', source);
    case 's':
      return field('sc-status', 'status', 'nospace', source);
    case 'b':
    case 'B':
    case 'O':
      return field('sc-bytes', 'int', 'nospace', source);
    case 'I':
      return field('cs-bytes', 'int', 'nospace', source);
    case 'D':
      return field('time-taken', 'duration', 'nospace', source, 0.001);
    case 'T':
      return field('time-taken', 'duration', 'nospace', source, T_UNITS[arg ?? 's'] ?? 1000);
    case 'm':
      return field('cs-method', 'text', 'nospace', source);
    case 'U':
      return field('uri', 'uri', 'any', source);
    case 'q':
      return field('cs-uri-query', 'query', 'any', source);
    case 'H':
      return field('cs-version', 'text', 'nospace', source);
    case 'p':
      return field(arg === 'remote' ? 'c-port' : 's-port', 'int', 'nospace', source);
    case 'v':
      return field('s-sitename', 'text', 'nospace', source);
    case 'V':
      return field('cs-host', 'text', 'nospace', source);
    case 'i': {
      const name = (arg ?? '').toLowerCase();
      // Unquoted in place of %h, the list must end where the next field begins.
      if (name === 'x-forwarded-for') return field('cs(X-Forwarded-For)', 'text', 'list', source);
      return field(HEADER_FIELDS[name] ?? `cs(${arg})`, 'text', 'any', source);
    }
    case 'o':
      return field(`sc(${arg})`, 'text', 'any', source);
    case 'e': // environment variable: %{UNIQUE_ID}e
    case 'x': // mod_ssl variable: %{SSL_PROTOCOL}x
    case 'n': // note from another module: %{ratio}n
      return field(arg ?? source, 'text', 'any', source);
    case 'C':
      return field(`cookie(${arg})`, 'text', 'any', source);
    case 'P': // %P, %{pid}P, %{tid}P, %{hextid}P
      return field(arg === 'tid' || arg === 'hextid' ? 'tid' : 'pid', 'text', 'any', source);
    default: {
      // Apache refuses a LogFormat with a directive it does not know; a typo here would otherwise
      // make every line, headers included, a record.
      const name = CUSTOM_NAMES[letter];
      if (name === undefined) throw new Error(`unknown directive ${source} in LogFormat`);
      return field(name, 'text', 'any', source);
    }
  }
}

/**
 * A directive pasted from httpd.conf (`LogFormat "%h %l … \"%r\" …" combined`): the quoted format,
 * its `\"` left for the compiler. Anything else is the format itself.
 */
function unquoteDirective(format: string): string {
  const directive = /^\s*LogFormat\s+"/i.exec(format);
  if (!directive) return format;
  let end = directive[0].length;
  while (end < format.length && format.charAt(end) !== '"') end += format.charAt(end) === '\\' ? 2 : 1;
  return format.slice(directive[0].length, end);
}

/**
 * Compiles a `LogFormat` string (or one of httpd's nicknames). Throws with a message naming the
 * problem when the string cannot be read unambiguously.
 */
export function compileApacheFormat(format: string, label = 'apache custom'): CompiledAccessFormat {
  const text = APACHE_NICKNAMES[format] ?? unquoteDirective(format);
  const parts: (string | FieldSpec)[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      // Escapes as written inside httpd's quoted configuration string; a backslash ending a line
      // continues the directive on the next, and httpd's configuration reader drops both.
      const next = text.charAt(i + 1);
      const continued = next === '\n' || (next === '\r' && text.charAt(i + 2) === '\n');
      if (!continued) parts.push(next === 't' ? '\t' : next);
      i += next === '\r' && continued ? 3 : 2;
      continue;
    }
    if (c !== '%') {
      parts.push(c);
      i++;
      continue;
    }
    let j = i + 1;
    if (text.charAt(j) === '%') {
      parts.push('%');
      i = j + 1;
      continue;
    }
    // Conditions and redirect selectors (`%>s`, `%!200,304b`) do not change what is logged.
    while (j < text.length && /[<>!0-9,]/.test(text.charAt(j))) j++;
    let arg: string | undefined;
    if (text.charAt(j) === '{') {
      const close = text.indexOf('}', j);
      if (close === -1) throw new Error(`unclosed %{ in LogFormat at column ${i + 1}`);
      arg = text.slice(j + 1, close);
      j = close + 1;
    }
    while (j < text.length && /[<>]/.test(text.charAt(j))) j++;
    const trailer = text.slice(j, j + 3);
    if (trailer === '^ti' || trailer === '^to') {
      // Request and response trailers (httpd 2.4.7+): logged like the headers.
      parts.push(field(`${trailer === '^ti' ? 'cs' : 'sc'}(${arg})`, 'text', 'any', text.slice(i, j + 3)));
      i = j + 3;
      continue;
    }
    if (trailer === '^FB') {
      // Time to first byte (httpd 2.4.13+, LogIOTrackTTFB), in µs as logged.
      parts.push(field('ttfb-us', 'text', 'any', text.slice(i, j + 3)));
      i = j + 3;
      continue;
    }
    const letter = text.charAt(j);
    if (letter === '' || letter === '^') throw new Error(`unsupported directive ${text.slice(i, j + 3)} in LogFormat`);
    const spec = directive(letter, arg, text.slice(i, j + 1));
    if (spec === '%t') parts.push('[', field('timestamp', 'clf-time', 'any', '%t'), ']');
    else parts.push(spec);
    i = j + 1;
  }
  if (!parts.some((p) => typeof p !== 'string')) throw new Error('LogFormat has no % directives');
  return assemble(label, bodyBytesBesideSent(parts));
}

/**
 * `%O` (bytes sent, headers included) is sc-bytes, as IIS counts it; a `%B` or `%b` in the same
 * format (the body alone) keeps its value under a name of its own instead of overwriting it.
 */
function bodyBytesBesideSent(parts: (string | FieldSpec)[]): (string | FieldSpec)[] {
  const isBytes = (p: string | FieldSpec, letters: string): p is FieldSpec =>
    typeof p !== 'string' && p.target === 'sc-bytes' && letters.includes(p.source.slice(-1));
  if (!parts.some((p) => isBytes(p, 'O'))) return parts;
  return parts.map((p) => (isBytes(p, 'Bb') ? { ...p, target: 'body-bytes' } : p));
}
