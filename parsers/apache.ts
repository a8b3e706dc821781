/**
 * Apache httpd `LogFormat` strings compiled into access-log scanners.
 * Spec: https://httpd.apache.org/docs/current/mod/mod_log_config.html#formats
 */
import { assemble, type CompiledAccessFormat, type FieldSpec } from './access-log.js';

export const APACHE_SPEC = 'https://httpd.apache.org/docs/current/mod/mod_log_config.html#formats';

/** The nicknames httpd's default configuration defines. */
export const APACHE_NICKNAMES: Record<string, string> = {
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
};

/** Request headers that have a W3C field of their own. */
const HEADER_FIELDS: Record<string, string> = {
  referer: 'cs(Referer)',
  'user-agent': 'cs(User-Agent)',
  host: 'cs-host',
  cookie: 'cs(Cookie)',
};

const field = (target: string, kind: FieldSpec['kind'], charset: FieldSpec['charset'], source: string, toMs?: number): FieldSpec => ({
  target,
  kind,
  charset,
  source,
  toMs,
});

/** Units `%{UNIT}T` may name, as multipliers to ms. */
const T_UNITS: Record<string, number> = { s: 1000, ms: 1, us: 0.001 };

/** `%{sec}t`, `%{msec}t`, `%{usec}t`: time since the epoch, as multipliers to ms. */
const EPOCH_UNITS: Record<string, number> = { sec: 1000, msec: 1, usec: 0.001 };

/** Directives with no W3C field: kept as custom fields under these names. */
const CUSTOM_NAMES: Record<string, string> = {
  P: 'pid',
  k: 'keepalives',
  X: 'connection-status',
  L: 'log-id',
  R: 'handler',
  f: 'filename',
  S: 'bytes-transferred',
};

/** One `%…` directive → the field it logs. Directives with no W3C field are kept as custom fields. */
function directive(letter: string, arg: string | undefined, source: string): FieldSpec | string {
  switch (letter) {
    case 'h':
    case 'a':
      return field('c-ip', 'text', 'list', source);
    case 'A':
      return field('s-ip', 'text', 'nospace', source);
    case 'l':
      return field('ident', 'ignore', 'nospace', source);
    case 'u':
      return field('cs-username', 'text', 'nospace', source);
    case 't':
      if (arg === undefined) return '%t';
      {
        // `begin:` and `end:` say when the time was taken, not how it is written.
        const unit = EPOCH_UNITS[arg.replace(/^(begin|end):/, '')];
        if (unit !== undefined) return field('timestamp', 'epoch-time', 'nospace', source, unit);
      }
      return field('time', 'ignore', 'any', source);
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
    case 'i':
      return field(HEADER_FIELDS[(arg ?? '').toLowerCase()] ?? `cs(${arg})`, 'text', 'any', source);
    case 'o':
      return field(`sc(${arg})`, 'text', 'any', source);
    case 'e': // environment variable: %{UNIQUE_ID}e
    case 'x': // mod_ssl variable: %{SSL_PROTOCOL}x
    case 'n': // note from another module: %{ratio}n
      return field(arg ?? source, 'text', 'any', source);
    case 'C':
      return field(`cookie(${arg})`, 'text', 'any', source);
    default:
      // Kept in the record, so nothing the log holds is lost.
      return field(CUSTOM_NAMES[letter] ?? source, 'text', 'any', source);
  }
}

/**
 * Compiles a `LogFormat` string (or one of httpd's nicknames). Throws with a message naming the
 * problem when the string cannot be read unambiguously.
 */
export function compileApacheFormat(format: string, label = 'apache custom'): CompiledAccessFormat {
  const text = APACHE_NICKNAMES[format] ?? format;
  const parts: (string | FieldSpec)[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      // Escapes as written inside httpd's quoted configuration string.
      const next = text.charAt(i + 1);
      parts.push(next === 't' ? '\t' : next);
      i += 2;
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
    const letter = text.charAt(j);
    if (letter === '' || letter === '^') throw new Error(`unsupported directive ${text.slice(i, j + 3)} in LogFormat`);
    const spec = directive(letter, arg, text.slice(i, j + 1));
    if (spec === '%t') parts.push('[', field('timestamp', 'clf-time', 'any', '%t'), ']');
    else parts.push(spec);
    i = j + 1;
  }
  if (!parts.some((p) => typeof p !== 'string')) throw new Error('LogFormat has no % directives');
  return assemble(label, parts);
}
