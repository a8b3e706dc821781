/**
 * nginx `log_format` strings compiled into access-log scanners.
 * Spec: https://nginx.org/en/docs/http/ngx_http_log_module.html#log_format
 */
import { assemble, type CompiledAccessFormat, type FieldSpec } from './access-log.js';
import { lookupTable } from './lookup-table.js';

export const NGINX_SPEC = 'https://nginx.org/en/docs/http/ngx_http_log_module.html#log_format';

export const NGINX_NICKNAMES: Record<string, string> = lookupTable({
  combined: '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"',
  // The `main` format nginx's packaged nginx.conf defines.
  main: '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"',
  // ingress-nginx's default (https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/log-format/).
  // NGINX's "Using NGINX Logging for Application Performance Monitoring" blog format, copied into
  // many configs as written: no blank before rt=.
  upstream_time:
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"rt=$request_time uct="$upstream_connect_time" uht="$upstream_header_time" urt="$upstream_response_time"',
  // NGINX Amplify's `main_ext`, which its agent asks for (and many configs copy): main, the host,
  // then key=value timers. https://docs.nginx.com/nginx-amplify/nginx-amplify-agent/configuring-metrics-collection/
  main_ext:
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for" "$host" sn="$server_name" rt=$request_time ua="$upstream_addr" us="$upstream_status" ut="$upstream_response_time" ul="$upstream_response_length" cs=$upstream_cache_status',
  // combined with $request_time before the referer: a `main` many configs write (and Datadog's
  // nginx log pipeline reads), often followed by "$http_x_forwarded_for".
  timed_combined:
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent $request_time "$http_referer" "$http_user_agent"',
  // The proxy chain before the address nginx saw, unquoted and quoted (filebeat's nginx test logs).
  xff_combined:
    '$http_x_forwarded_for $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"',
  quoted_xff_combined:
    '"$http_x_forwarded_for" $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"',
  // The same after the Host the request named (`www.example.org:80`, an address): a vhost log behind proxies.
  vhost_xff_combined:
    '$http_host $http_x_forwarded_for $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"',
  vhost_quoted_xff_combined:
    '$http_host "$http_x_forwarded_for" $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"',
  // Nginx Proxy Manager's proxy-host and fallback formats (docker/rootfs/etc/nginx/conf.d/include/log-proxy.conf):
  // the time first, the client in `[Client …]`. $server is NPM's own `set` variable, the upstream host.
  npm_proxy:
    '[$time_local] $upstream_cache_status $upstream_status $status - $request_method $scheme $host "$request_uri" [Client $remote_addr] [Length $body_bytes_sent] [Gzip $gzip_ratio] [Sent-to $server] "$http_user_agent" "$http_referer"',
  npm_standard:
    '[$time_local] $status - $request_method $scheme $host "$request_uri" [Client $remote_addr] [Length $body_bytes_sent] [Gzip $gzip_ratio] "$http_user_agent" "$http_referer"',
  upstreaminfo:
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_length $request_time [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr $upstream_response_length $upstream_response_time $upstream_status $req_id',
});

type Spec = Omit<FieldSpec, 'source'>;

const VARIABLES: Record<string, Spec> = lookupTable({
  remote_addr: { target: 'c-ip', kind: 'text', charset: 'list' },
  realip_remote_addr: { target: 'c-ip', kind: 'text', charset: 'list' },
  remote_port: { target: 'c-port', kind: 'int', charset: 'nospace' },
  remote_user: { target: 'cs-username', kind: 'text', charset: 'words' },
  time_local: { target: 'timestamp', kind: 'clf-time', charset: 'any' },
  time_iso8601: { target: 'timestamp', kind: 'iso-time', charset: 'nospace' },
  msec: { target: 'timestamp', kind: 'epoch-time', charset: 'nospace' },
  request: { target: 'request', kind: 'request', charset: 'any' },
  status: { target: 'sc-status', kind: 'status', charset: 'nospace' },
  body_bytes_sent: { target: 'sc-bytes', kind: 'int', charset: 'nospace' },
  bytes_sent: { target: 'sc-bytes', kind: 'int', charset: 'nospace' },
  request_length: { target: 'cs-bytes', kind: 'int', charset: 'nospace' },
  request_time: { target: 'time-taken', kind: 'duration', charset: 'nospace', toMs: 1000 },
  request_method: { target: 'cs-method', kind: 'text', charset: 'nospace' },
  request_uri: { target: 'uri', kind: 'uri', charset: 'any' },
  uri: { target: 'uri', kind: 'uri', charset: 'any' },
  document_uri: { target: 'uri', kind: 'uri', charset: 'any' },
  args: { target: 'cs-uri-query', kind: 'text', charset: 'any' },
  query_string: { target: 'cs-uri-query', kind: 'text', charset: 'any' },
  server_protocol: { target: 'cs-version', kind: 'text', charset: 'nospace' },
  host: { target: 'cs-host', kind: 'text', charset: 'nospace' },
  http_host: { target: 'cs-host', kind: 'text', charset: 'nospace' },
  server_name: { target: 's-sitename', kind: 'text', charset: 'nospace' },
  server_addr: { target: 's-ip', kind: 'text', charset: 'nospace' },
  server_port: { target: 's-port', kind: 'int', charset: 'nospace' },
  http_referer: { target: 'cs(Referer)', kind: 'text', charset: 'any' },
  http_user_agent: { target: 'cs(User-Agent)', kind: 'text', charset: 'any' },
  http_cookie: { target: 'cs(Cookie)', kind: 'text', charset: 'any' },
  // Unquoted before $remote_addr, the list must end where the client begins.
  http_x_forwarded_for: { target: 'cs(X-Forwarded-For)', kind: 'text', charset: 'list' },
});

/** `x_forwarded_for` → `X-Forwarded-For`, the header as W3C `cs(…)` names it. */
const headerName = (variable: string): string =>
  variable
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('-');

function variable(name: string): FieldSpec {
  const source = `$${name}`;
  const known = VARIABLES[name];
  if (known) return { ...known, source };
  if (name.startsWith('http_')) return { target: `cs(${headerName(name.slice(5))})`, kind: 'text', charset: 'any', source };
  if (name.startsWith('sent_http_')) return { target: `sc(${headerName(name.slice(10))})`, kind: 'text', charset: 'any', source };
  // One value per upstream tried: `10.0.0.1:80, 10.0.0.2:80 : 10.0.1.1:80`.
  if (name.startsWith('upstream_')) return { target: name, kind: 'text', charset: 'list', source };
  // $req_id, $ssl_protocol, …: kept under nginx's own name, as custom W3C fields are.
  return { target: name, kind: 'text', charset: 'any', source };
}

const NAME_CHAR = /[A-Za-z0-9_]/;

/** What nginx's configuration reader makes of a backslash (ngx_conf_read_token); any other stays as written. */
const CONFIG_ESCAPES: Record<string, string> = lookupTable({ '"': '"', "'": "'", '\\': '\\', t: '\t', r: '\r', n: '\n' });

/**
 * The format as nginx reads it from its configuration: `\t` is a tab (LTSV formats are written
 * `"time:$time_local\thost:$remote_addr"`), `\"` a quote. nginx unescapes every token, quoted or
 * not, so a bare format copied out of nginx.conf means the same.
 */
function unescapeConfig(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const escaped = text.charAt(i) === '\\' ? CONFIG_ESCAPES[text.charAt(i + 1)] : undefined;
    if (escaped === undefined) {
      out += text.charAt(i);
      continue;
    }
    out += escaped;
    i++;
  }
  return out;
}

/**
 * A format pasted as nginx.conf writes it (`log_format main '$remote_addr - …'\n '"$request" …';`):
 * the quoted pieces joined, as nginx joins them. Anything else is the format itself.
 */
function unquoteConfig(format: string): string {
  let text = format.trim();
  const directive = /^log_format\s+\S+\s+(?:escape=\S+\s+)?/.exec(text);
  if (directive) text = text.slice(directive[0].length);
  if (!text.startsWith("'") && !(directive && text.startsWith('"'))) return unescapeConfig(format);
  let joined = '';
  let i = 0;
  while (i < text.length) {
    const quote = text.charAt(i);
    if (quote !== "'" && quote !== '"') {
      i++; // blanks, newlines and the closing `;` between pieces
      continue;
    }
    let j = i + 1;
    // An escaped character (a quote among them) is kept with its backslash for unescapeConfig.
    while (j < text.length && text.charAt(j) !== quote) j += text.charAt(j) === '\\' ? 2 : 1;
    joined += text.slice(i + 1, j);
    i = j + 1;
  }
  return unescapeConfig(joined);
}

/**
 * $uri is the URI after internal redirects and index files (`/index.html` for `/`): the request as
 * sent wins, and $uri (with its `$is_args$args`, if joined) is kept as a field of its own.
 */
function keepRequestUri(format: CompiledAccessFormat): CompiledAccessFormat {
  const sent = format.fields.some((f) => f.source === '$request' || f.source === '$request_uri');
  if (!sent) return format;
  const fields = format.fields.map((f): FieldSpec => {
    const rewritten = f.kind === 'uri' && (f.source.startsWith('$uri') || f.source.startsWith('$document_uri'));
    return rewritten ? { target: f.source.slice(1).split('$')[0]!, kind: 'text', charset: 'any', source: f.source } : f;
  });
  return { ...format, fields };
}

export function compileNginxFormat(format: string, label = 'nginx custom'): CompiledAccessFormat {
  const text = NGINX_NICKNAMES[format] ?? unquoteConfig(format);
  const parts: (string | FieldSpec)[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c !== '$') {
      parts.push(c);
      i++;
      continue;
    }
    let name: string;
    if (text.charAt(i + 1) === '{') {
      const close = text.indexOf('}', i);
      if (close === -1) throw new Error(`unclosed \${ in log_format at column ${i + 1}`);
      name = text.slice(i + 2, close);
      i = close + 1;
    } else {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text.charAt(j))) j++;
      name = text.slice(i + 1, j);
      i = j;
    }
    if (name === '') throw new Error(`a lone $ in log_format at column ${i}`);
    parts.push(variable(name));
  }
  if (!parts.some((p) => typeof p !== 'string')) throw new Error('log_format has no $variables');
  return keepRequestUri(assemble(label, parts));
}
