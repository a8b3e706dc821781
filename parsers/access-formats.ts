/**
 * The access-log layouts found without being told: ingress-nginx upstreaminfo, NGINX Amplify's
 * main_ext, Nginx Proxy Manager, Envoy and Istio, Traefik, Apache combinedio, nginx main and
 * upstream_time, nginx combined with $request_time before the referer, Apache vhost_combined (with
 * and without the port), combined, nginx combined after an X-Forwarded-For list, vhost_common,
 * Apache's stock ssl_request_log, Apache/NCSA common, and combined, vhost_combined, nginx's timed
 * combined or common followed by fields of the site's own. They share one line shape, so each is
 * detected by the share of first lines its scanner reads (listed most fields first, so a tie goes
 * to the layout that reads the most), and each falls back on its siblings for lines written under
 * another layout. A user's own `LogFormat`/`log_format` string becomes a format with no fallbacks
 * (`--log-format 'apache:…'`, `--log-format 'nginx:…'`).
 */
import { AccessLogParser, matchShare, withExtraFields, type CompiledAccessFormat } from './access-log.js';
import { APACHE_SPEC, compileApacheFormat } from './apache.js';
import { compileEnvoyFormat, ENVOY_SPEC } from './envoy.js';
import { compileNginxFormat, NGINX_NICKNAMES, NGINX_SPEC } from './nginx.js';
import type { LogFormat } from './types.js';

/**
 * A layout found without being told is a guess: only nginx's own `0.012` shape (`%T.%03M`) is read
 * as its $request_time, so an integer in that place (a byte count, Apache's %D) is not taken for seconds.
 */
const strictRequestTime = (format: CompiledAccessFormat): CompiledAccessFormat => ({
  ...format,
  fields: format.fields.map((f) => (f.source === '$request_time' ? { ...f, decimals: 3 } : f)),
});

interface Builtin {
  name: string;
  title: string;
  spec: string;
  sample: string;
  compile: () => CompiledAccessFormat;
  /** Whether lines of the other layouts may fall back on this one; false for a layout too loose to trust. */
  fallback?: false;
}

const BUILTINS: readonly Builtin[] = [
  {
    name: 'nginx-upstreaminfo',
    title: 'ingress-nginx upstreaminfo',
    spec: 'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/log-format/',
    sample:
      '0.0.0.0 - bob [18/Mar/2023:15:00:00 +0000] "GET /some/path HTTP/2.0" 200 12312 "-" "curl/8.0" 462 0.050 [svc-9000] [] 10.0.50.80:9000 19437 0.049 200 752178adb17130b291aefd8c386279e7',
    compile: () => compileNginxFormat('upstreaminfo', 'nginx upstreaminfo'),
  },

  {
    name: 'nginx-main-ext',
    title: 'NGINX Amplify main_ext (main + host, rt=, ua=, us=, ut=, ul=, cs=)',
    spec: 'https://docs.nginx.com/nginx-amplify/nginx-amplify-agent/configuring-metrics-collection/',
    sample:
      '192.168.1.10 - - [20/Mar/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 612 "-" "curl/8.0" "-" "example.com" sn="example.com" rt=0.123 ua="10.0.0.5:8080" us="200" ut="0.120" ul="612" cs=-',
    compile: () => compileNginxFormat('main_ext', 'nginx main_ext'),
  },
  {
    name: 'nginx-proxy-manager',
    title: 'Nginx Proxy Manager proxy-host log',
    spec: 'https://github.com/NginxProxyManager/nginx-proxy-manager/blob/develop/docker/rootfs/etc/nginx/conf.d/include/log-proxy.conf',
    sample:
      '[01/Oct/2025:14:32:15 +0000] HIT 200 200 - GET https example.com "/api/users" [Client 192.168.1.100] [Length 1543] [Gzip 2.45] [Sent-to 10.0.0.15:8080] "curl/8.0" "-"',
    compile: () => compileNginxFormat('npm_proxy', 'nginx proxy manager'),
  },
  {
    name: 'nginx-proxy-manager-standard',
    title: 'Nginx Proxy Manager standard log (default and dead hosts, redirections)',
    spec: 'https://github.com/NginxProxyManager/nginx-proxy-manager/blob/develop/docker/rootfs/etc/nginx/nginx.conf',
    sample:
      '[01/Oct/2025:14:32:21 +0000] 404 - GET https app.example.com "/robots.txt" [Client 198.51.100.42] [Length 169] [Gzip -] "curl/8.0" "-"',
    compile: () => compileNginxFormat('npm_standard', 'nginx proxy manager standard'),
  },

  {
    name: 'envoy',
    title: 'Envoy default access log (text)',
    spec: ENVOY_SPEC,
    sample:
      '[2018-11-23T04:51:00.281Z] "GET / HTTP/1.1" 200 - 0 58 4 1 "-" "curl/7.47.0" "f21ebd42-6770-4aa5-88d4-e56118165a7d" "one.example.com" "172.18.0.4:80"',
    compile: () => compileEnvoyFormat('default', 'envoy default'),
    // Its own shape: no other layout's lines are Envoy's, and Envoy's are no other layout's.
    fallback: false,
  },
  {
    name: 'envoy-istio',
    title: "Istio's Envoy access log (text)",
    spec: 'https://istio.io/latest/docs/tasks/observability/logs/access-log/#default-access-log-format',
    sample:
      '[2024-06-02T13:35:27.054Z] "GET / HTTP/2" 302 UAEX ext_authz_denied - "-" 0 387 16 - "192.168.0.24" "Mozilla/5.0" "1d3ec87f-d974-4521-b5ac-23404817a56a" "kubeflow.example.com" "-" outbound|80||dashboard.kubeflow.svc.cluster.local - 10.0.0.196:8443 192.168.0.24:41604 kubeflow.example.com -',
    compile: () => compileEnvoyFormat('istio', 'envoy istio'),
    fallback: false,
  },
  {
    name: 'traefik',
    title: 'Traefik access log (common format)',
    spec: 'https://doc.traefik.io/traefik/observability/access-logs/',
    sample:
      '10.42.0.1 - - [01/Apr/2026:01:25:41 +0000] "GET /eks HTTP/1.1" 200 4729 "-" "-" 2 "default-web@kubernetes" "http://10.42.0.77:3000" 373ms',
    // Fields named as in Traefik's JSON format; the duration is logged in ms with its unit.
    compile: () =>
      compileApacheFormat(
        '%h - %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %{RequestCount}n "%{RouterName}n" "%{ServiceURL}n" %{ms}Tms',
        'traefik',
      ),
  },
  {
    name: 'combinedio',
    title: 'Apache combinedio (combined + %I %O, Red Hat and openSUSE httpd.conf)',
    spec: APACHE_SPEC,
    sample: '203.0.113.7 - - [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "-" "curl/8.0" 312 2651',
    compile: () => compileApacheFormat('combinedio', 'combinedio'),
  },
  {
    name: 'nginx-main',
    title: 'nginx main (combined + X-Forwarded-For)',
    spec: NGINX_SPEC,
    sample: '172.24.0.3 - - [31/Dec/2024:17:32:06 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.11.1" "1.2.3.4, 10.10.1.1"',
    compile: () => compileNginxFormat('main', 'nginx main'),
  },
  {
    name: 'nginx-upstream-time',
    title: 'nginx upstream_time (combined + rt, uct, uht, urt)',
    spec: 'https://www.f5.com/company/blog/nginx/using-nginx-logging-for-application-performance-monitoring',
    sample:
      '165.22.19.102 - - [14/Aug/2019:04:38:36 +0300] "POST /wp-login.php HTTP/1.1" 200 1721 "-" "curl/8.0"rt=0.255 uct="0.000" uht="0.193" urt="0.193"',
    compile: () => compileNginxFormat('upstream_time', 'nginx upstream_time'),
  },
  {
    name: 'nginx-upstream-time-spaced',
    title: 'nginx upstream_time with a blank before rt=',
    spec: 'https://www.f5.com/company/blog/nginx/using-nginx-logging-for-application-performance-monitoring',
    sample: '172.17.0.1 - - [26/Sep/2020:11:24:37 +0000] "GET / HTTP/1.1" 200 513 "-" "curl/7.71.1" rt=0.000 uct="-" uht="-" urt="-"',
    compile: () => compileNginxFormat(NGINX_NICKNAMES.upstream_time!.replace('"rt=', '" rt='), 'nginx upstream_time'),
  },
  {
    name: 'nginx-timed-combined',
    title: 'nginx combined with $request_time before the referer',
    spec: NGINX_SPEC,
    sample: '127.0.0.1 - - [19/Feb/2015:15:50:36 -0500] "GET /big.pdf HTTP/1.1" 206 33973115 0.202 "-" "curl/8.0"',
    compile: () => strictRequestTime(compileNginxFormat('timed_combined', 'nginx timed_combined')),
  },
  {
    name: 'vhost_combined',
    title: 'Apache vhost_combined',
    spec: APACHE_SPEC,
    sample: 'www.example.com:443 203.0.113.7 - - [13/Jan/2018:19:31:17 +0000] "GET /index.html HTTP/1.1" 200 1063 "-" "curl/8.0"',
    compile: () => compileApacheFormat('vhost_combined', 'vhost_combined'),
  },
  {
    name: 'vhost_combined_suse',
    title: 'Apache vhost_combined without the port (openSUSE), nginx $server_name + combined',
    spec: APACHE_SPEC,
    sample: 'www.example.com 203.0.113.7 - - [13/Jan/2018:19:31:17 +0000] "GET /index.html HTTP/1.1" 200 1063 "-" "curl/8.0"',
    compile: () => compileApacheFormat('vhost_combined_suse', 'vhost_combined_suse'),
  },
  {
    name: 'combined',
    title: 'Apache/nginx combined',
    spec: APACHE_SPEC,
    sample:
      '203.0.113.7 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
    compile: () => compileApacheFormat('combined', 'combined'),
  },
  // After vhost_combined_suse: `site 10.0.0.1 - - [` is read as a site and its client, not a one-address proxy chain.
  {
    name: 'nginx-quoted-xff-combined',
    title: 'nginx combined after the quoted X-Forwarded-For list',
    spec: NGINX_SPEC,
    sample:
      '"10.5.102.222, 199.96.1.1, 204.246.1.1" 10.2.1.185 - - [22/Jan/2016:13:18:29 +0000] "GET /assets/xxxx?q=100 HTTP/1.1" 200 25507 "-" "Amazon CloudFront"',
    compile: () => compileNginxFormat('quoted_xff_combined', 'nginx quoted_xff_combined'),
  },
  {
    name: 'nginx-xff-combined',
    title: 'nginx combined after the X-Forwarded-For list',
    spec: NGINX_SPEC,
    sample:
      '2a03:0000:10ff:f00f:0000:0000:0:8000, 10.225.192.17 10.2.2.121 - - [30/Dec/2016:06:47:09 +0000] "GET /test.html HTTP/1.1" 404 8571 "-" "curl/8.0"',
    compile: () => compileNginxFormat('xff_combined', 'nginx xff_combined'),
  },
  // Before the unquoted one, whose list would take the quotes in.
  {
    name: 'nginx-vhost-quoted-xff-combined',
    title: 'nginx combined after the Host and the quoted X-Forwarded-For list',
    spec: NGINX_SPEC,
    sample:
      'www.example.org:80 "198.51.100.2, 203.0.113.9" 192.0.2.11 - - [17/Dec/2025:09:03:02 +0000] "GET /b HTTP/1.1" 200 10 "-" "curl/8.0"',
    compile: () => compileNginxFormat('vhost_quoted_xff_combined', 'nginx vhost_quoted_xff_combined'),
  },
  {
    name: 'nginx-vhost-xff-combined',
    title: 'nginx combined after the Host and the X-Forwarded-For list',
    spec: NGINX_SPEC,
    sample: '203.0.113.7 2001:db8::1, 198.51.100.4 192.0.2.10 - - [17/Dec/2025:09:03:02 +0000] "GET /a HTTP/1.1" 200 10 "-" "curl/8.0"',
    compile: () => compileNginxFormat('vhost_xff_combined', 'nginx vhost_xff_combined'),
  },

  {
    name: 'vhost_common',
    title: 'Apache vhost_common (openSUSE), vcommon (mod_vhost_alias)',
    spec: APACHE_SPEC,
    sample: 'www.example.com 203.0.113.7 - - [13/Jan/2018:19:31:17 +0000] "GET /index.html HTTP/1.1" 200 1063',
    compile: () => compileApacheFormat('vhost_common', 'vhost_common'),
  },
  {
    name: 'ssl_request',
    title: 'Apache ssl_request_log (stock httpd-ssl.conf)',
    spec: APACHE_SPEC,
    sample: '[10/Aug/2018:09:45:56 +0200] 172.30.0.119 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 "GET /index.php?a=1 HTTP/1.1" 1375',
    compile: () => compileApacheFormat('ssl_request', 'ssl_request'),
    // No status and mostly free-text fields: it would "read" lines broken under other layouts.
    fallback: false,
  },
  {
    name: 'common',
    title: 'Apache common / NCSA (as IIS and others write it)',
    spec: 'https://www.w3.org/Daemon/User/Config/Logging.html#common-logfile-format',
    sample: '127.0.0.1 - REDMOND\\fred [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
    compile: () => compileApacheFormat('common', 'common'),
  },
  {
    name: 'aws-apigateway-clf',
    title: "Amazon API Gateway CLF (the console's preset: no blank before the request; request ids after the size)",
    spec: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html',
    sample:
      '203.0.113.10 - - [09/Jan/2024:12:00:00 +0000]"GET /pets/{petId} HTTP/1.1" 200 123 c6af9ac6-7b61-11e6-9a41-93e8deadbeef IyJZ6Fk0IAMFwMw=',
    // $context.requestId and extendedRequestId, and whatever else a stage adds, follow as `extra`.
    compile: () => withExtraFields(compileApacheFormat('%h %l %u %t"%r" %>s %b'), 'aws apigateway clf'),
  },
  // Last: they read any line of their layout that goes on with fields of its own (+ %D, + a header).
  {
    name: 'vhost_combined-extra',
    title: 'Apache vhost_combined followed by other fields',
    spec: APACHE_SPEC,
    sample: 'localhost:443 178.20.184.42 - jsmith [26/Jul/2023:00:01:26 -0700] "GET /secure/ HTTP/2.0" 200 17163 "-" "Mozilla/5.0" 116075',
    compile: () => withExtraFields(compileApacheFormat('vhost_combined'), 'vhost_combined + extra fields'),
  },
  {
    name: 'vhost_combined_suse-extra',
    title: 'Apache vhost_combined without the port, followed by other fields',
    spec: APACHE_SPEC,
    sample: 'www.example.com 203.0.113.7 - - [29/May/2017:19:02:48 +0000] "GET /test2 HTTP/1.1" 200 612 "-" "curl/8.0" "-"',
    compile: () => withExtraFields(compileApacheFormat('vhost_combined_suse'), 'vhost_combined_suse + extra fields'),
  },
  {
    name: 'combined-extra',
    title: 'Apache/nginx combined followed by other fields (timers, headers, HAProxy clf)',
    spec: APACHE_SPEC,
    sample: '172.16.0.5 - - [10/Oct/2000:13:55:36 -0700] "GET /api/x HTTP/1.1" 200 512 "-" "curl/8.0" 0.012 "10.0.0.9:8080"',
    compile: () => withExtraFields(compileApacheFormat('combined'), 'combined + extra fields'),
  },
  {
    name: 'nginx-timed-combined-extra',
    title: 'nginx combined with $request_time before the referer, followed by other fields ("$http_x_forwarded_for" …)',
    spec: NGINX_SPEC,
    sample: '10.0.0.1 - - [19/Feb/2015:15:50:36 -0500] "GET / HTTP/1.1" 200 612 0.002 "-" "curl/8.0" "198.51.100.7" "1424379036.123"',
    compile: () => withExtraFields(strictRequestTime(compileNginxFormat('timed_combined')), 'nginx timed_combined + extra fields'),
  },
  // Its extra may not open with a quote: a combined line's referer and user agent are combined's to read.
  {
    name: 'common-extra',
    title: 'Apache/NCSA common followed by other fields (Tomcat and Jetty with %D or %T)',
    spec: APACHE_SPEC,
    sample: '127.0.0.1 - admin [22/May/2024:08:21:15 +0300] "GET /manager/html HTTP/1.1" 200 17453 120',
    compile: () => withExtraFields(compileApacheFormat('common'), 'common + extra fields', true),
  },
];

let compiled: CompiledAccessFormat[] | undefined;
/** Compiled lazily, once per process. */
const family = (): CompiledAccessFormat[] => (compiled ??= BUILTINS.map((b) => b.compile()));

function builtinFormat(index: number): LogFormat {
  const b = BUILTINS[index]!;
  return {
    name: b.name,
    title: b.title,
    spec: b.spec,
    samples: [b.sample],
    detect(firstLines) {
      // Slightly below W3C's certainty: a header-bearing format wins over a line-shape match.
      return 0.9 * matchShare(family()[index]!, firstLines);
    },
    create(ctx) {
      const all = family();
      return new AccessLogParser([all[index]!, ...all.filter((_, i) => i !== index && BUILTINS[i]!.fallback !== false)], ctx);
    },
  };
}

export const ACCESS_FORMATS: readonly LogFormat[] = BUILTINS.map((_, i) => builtinFormat(i));

/**
 * `apache:FORMAT` or `nginx:FORMAT`, where FORMAT is a nickname (`combined`, `main`) or the format
 * string itself. Throws Error with a message for the user when the string cannot be compiled.
 */
export function customAccessFormat(spec: string): LogFormat | undefined {
  const colon = spec.indexOf(':');
  const kind = spec.slice(0, colon);
  if (colon === -1 || (kind !== 'apache' && kind !== 'nginx')) return undefined;
  const text = spec.slice(colon + 1);
  const format =
    kind === 'apache'
      ? compileApacheFormat(text, `apache ${/^\w+$/.test(text) ? text : 'custom'}`)
      : compileNginxFormat(text, `nginx ${/^\w+$/.test(text) ? text : 'custom'}`);
  return {
    name: spec,
    title: `${kind} format ${text}`,
    spec: kind === 'apache' ? APACHE_SPEC : NGINX_SPEC,
    samples: [],
    detect: (firstLines) => matchShare(format, firstLines),
    create: (ctx) => new AccessLogParser([format], ctx),
  };
}
