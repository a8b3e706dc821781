/**
 * The access-log layouts found without being told, as data. They share one line shape, so each is
 * detected by the share of first lines its scanner reads; they are listed most fields first, so a
 * tie goes to the layout that reads the most, and each falls back on its siblings for lines written
 * under another layout. parsers/access-formats.ts compiles them.
 */
import type { FormatInfo } from './format-info.js';

export interface AccessLayout extends FormatInfo {
  family: 'access-log';
  /** The label the report names the layout by. */
  label: string;
  /** Whose format-string syntax `format` is in. */
  syntax: 'apache' | 'nginx' | 'envoy';
  /** The server's nickname for the layout (`combined`, `main`, `default`) or its format string. */
  format: string;
  /**
   * Fields of the site's own may follow the layout, kept as `extra`; `unquoted`: only when they do
   * not open with a quote (a combined line's referer and user agent are combined's to read).
   */
  extra?: 'any' | 'unquoted';
  /** Read `$request_time` only in nginx's own `0.012` shape, so a byte count in its place is not taken for seconds. */
  strictRequestTime?: true;
  /** false: lines of the other layouts may not fall back on this one, too loose to trust. */
  fallback?: false;
}

const APACHE_SPEC = 'https://httpd.apache.org/docs/current/mod/mod_log_config.html#formats';
const NGINX_SPEC = 'https://nginx.org/en/docs/http/ngx_http_log_module.html#log_format';
const NGINX_APM_SPEC = 'https://www.f5.com/company/blog/nginx/using-nginx-logging-for-application-performance-monitoring';

export const ACCESS_LAYOUTS: readonly AccessLayout[] = [
  {
    name: 'nginx-upstreaminfo',
    label: 'nginx upstreaminfo',
    family: 'access-log',
    description: 'ingress-nginx upstreaminfo (the Kubernetes ingress controller default)',
    spec: 'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/log-format/',
    syntax: 'nginx',
    format: 'upstreaminfo',
    samples: [
      {
        lines: [
          '0.0.0.0 - bob [18/Mar/2023:15:00:00 +0000] "GET /some/path HTTP/2.0" 200 12312 "-" "curl/8.0" 462 0.050 [svc-9000] [] 10.0.50.80:9000 19437 0.049 200 752178adb17130b291aefd8c386279e7',
        ],
        records: [
          {
            time: '2023-03-18T15:00:00.000Z',
            'c-ip': '0.0.0.0',
            'cs-username': 'bob',
            'cs-method': 'GET',
            'cs-uri-stem': '/some/path',
            'sc-status': 200,
            'sc-bytes': 12312,
            'cs-bytes': 462,
            'time-taken': 50,
          },
        ],
      },
    ],
  },
  {
    name: 'nginx-main-ext',
    label: 'nginx main_ext',
    family: 'access-log',
    description: "NGINX Amplify's main_ext (main + host, rt=, ua=, us=, ut=, ul=, cs=)",
    spec: 'https://docs.nginx.com/nginx-amplify/nginx-amplify-agent/configuring-metrics-collection/',
    syntax: 'nginx',
    format: 'main_ext',
    samples: [
      {
        lines: [
          '192.168.1.10 - - [20/Mar/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 612 "-" "curl/8.0" "-" "example.com" sn="example.com" rt=0.123 ua="10.0.0.5:8080" us="200" ut="0.120" ul="612" cs=-',
        ],
        records: [
          {
            time: '2024-03-20T10:00:00.000Z',
            'c-ip': '192.168.1.10',
            'cs-method': 'GET',
            'cs-uri-stem': '/index.html',
            'sc-status': 200,
            'sc-bytes': 612,
            'cs-host': 'example.com',
            'time-taken': 123,
          },
        ],
      },
    ],
  },
  {
    name: 'nginx-proxy-manager',
    label: 'nginx proxy manager',
    family: 'access-log',
    description: 'Nginx Proxy Manager proxy-host log',
    spec: 'https://github.com/NginxProxyManager/nginx-proxy-manager/blob/develop/docker/rootfs/etc/nginx/conf.d/include/log-proxy.conf',
    syntax: 'nginx',
    format: 'npm_proxy',
    samples: [
      {
        lines: [
          '[01/Oct/2025:14:32:15 +0000] HIT 200 200 - GET https example.com "/api/users" [Client 192.168.1.100] [Length 1543] [Gzip 2.45] [Sent-to 10.0.0.15:8080] "curl/8.0" "-"',
        ],
        records: [
          {
            time: '2025-10-01T14:32:15.000Z',
            'c-ip': '192.168.1.100',
            'cs-method': 'GET',
            'cs-host': 'example.com',
            'cs-uri-stem': '/api/users',
            'sc-status': 200,
            'sc-bytes': 1543,
          },
        ],
      },
    ],
  },
  {
    name: 'nginx-proxy-manager-standard',
    label: 'nginx proxy manager standard',
    family: 'access-log',
    description: 'Nginx Proxy Manager standard log (default and dead hosts, redirections)',
    spec: 'https://github.com/NginxProxyManager/nginx-proxy-manager/blob/develop/docker/rootfs/etc/nginx/nginx.conf',
    syntax: 'nginx',
    format: 'npm_standard',
    samples: [
      {
        lines: [
          '[01/Oct/2025:14:32:21 +0000] 404 - GET https app.example.com "/robots.txt" [Client 198.51.100.42] [Length 169] [Gzip -] "curl/8.0" "-"',
        ],
        records: [
          {
            time: '2025-10-01T14:32:21.000Z',
            'c-ip': '198.51.100.42',
            'cs-method': 'GET',
            'cs-host': 'app.example.com',
            'cs-uri-stem': '/robots.txt',
            'sc-status': 404,
            'sc-bytes': 169,
          },
        ],
      },
    ],
  },
  {
    name: 'envoy',
    label: 'envoy default',
    family: 'access-log',
    description: "Envoy's default access log (text), as Envoy and the gateways built on it write it unconfigured",
    spec: 'https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage#default-format-string',
    syntax: 'envoy',
    format: 'default',
    // Its own shape: no other layout's lines are Envoy's, and Envoy's are no other layout's.
    fallback: false,
    samples: [
      {
        lines: [
          '[2018-11-23T04:51:00.281Z] "GET / HTTP/1.1" 200 - 0 58 4 1 "-" "curl/7.47.0" "f21ebd42-6770-4aa5-88d4-e56118165a7d" "one.example.com" "172.18.0.4:80"',
        ],
        records: [
          {
            time: '2018-11-23T04:51:00.281Z',
            'cs-method': 'GET',
            'cs-uri-stem': '/',
            'sc-status': 200,
            'cs-bytes': 0,
            'sc-bytes': 58,
            'time-taken': 4,
            'cs-host': 'one.example.com',
          },
        ],
      },
    ],
  },
  {
    name: 'envoy-istio',
    label: 'envoy istio',
    family: 'access-log',
    description: "Istio's Envoy access log (text): sidecars and gateways",
    spec: 'https://istio.io/latest/docs/tasks/observability/logs/access-log/#default-access-log-format',
    syntax: 'envoy',
    format: 'istio',
    fallback: false,
    samples: [
      {
        lines: [
          '[2024-06-02T13:35:27.054Z] "GET / HTTP/2" 302 UAEX ext_authz_denied - "-" 0 387 16 - "192.168.0.24" "Mozilla/5.0" "1d3ec87f-d974-4521-b5ac-23404817a56a" "kubeflow.example.com" "-" outbound|80||dashboard.kubeflow.svc.cluster.local - 10.0.0.196:8443 192.168.0.24:41604 kubeflow.example.com -',
        ],
        records: [
          {
            time: '2024-06-02T13:35:27.054Z',
            'c-ip': '192.168.0.24',
            's-ip': '10.0.0.196',
            'cs-method': 'GET',
            'cs-uri-stem': '/',
            'sc-status': 302,
            'sc-bytes': 387,
            'time-taken': 16,
            'cs-host': 'kubeflow.example.com',
          },
        ],
      },
    ],
  },
  {
    name: 'traefik',
    label: 'traefik',
    family: 'access-log',
    description: 'Traefik access log (common format): combined + request count, router, service URL, duration in ms',
    spec: 'https://doc.traefik.io/traefik/observability/access-logs/',
    syntax: 'apache',
    // Fields named as in Traefik's JSON format; the duration is logged in ms with its unit.
    format: '%h - %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %{RequestCount}n "%{RouterName}n" "%{ServiceURL}n" %{ms}Tms',
    samples: [
      {
        lines: [
          '10.42.0.1 - - [01/Apr/2026:01:25:41 +0000] "GET /eks HTTP/1.1" 200 4729 "-" "-" 2 "default-web@kubernetes" "http://10.42.0.77:3000" 373ms',
        ],
        records: [
          {
            time: '2026-04-01T01:25:41.000Z',
            'c-ip': '10.42.0.1',
            'cs-method': 'GET',
            'cs-uri-stem': '/eks',
            'sc-status': 200,
            'sc-bytes': 4729,
            'time-taken': 373,
            RouterName: 'default-web@kubernetes',
          },
        ],
      },
    ],
  },
  {
    name: 'combinedio',
    label: 'combinedio',
    family: 'access-log',
    description: 'Apache combinedio: combined + bytes received and sent (%I %O), as Red Hat and openSUSE httpd.conf define it',
    spec: APACHE_SPEC,
    syntax: 'apache',
    format: 'combinedio',
    samples: [
      {
        lines: ['203.0.113.7 - - [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "-" "curl/8.0" 312 2651'],
        records: [
          {
            time: '2000-10-10T20:55:36.000Z',
            'c-ip': '203.0.113.7',
            'cs-method': 'GET',
            'cs-uri-stem': '/apache_pb.gif',
            'sc-status': 200,
            'cs-bytes': 312,
            'sc-bytes': 2651,
          },
        ],
      },
    ],
  },
  {
    name: 'nginx-main',
    label: 'nginx main',
    family: 'access-log',
    description: "nginx main: combined + X-Forwarded-For, as nginx's packaged nginx.conf defines it",
    spec: NGINX_SPEC,
    syntax: 'nginx',
    format: 'main',
    samples: [
      {
        lines: ['172.24.0.3 - - [31/Dec/2024:17:32:06 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.11.1" "1.2.3.4, 10.10.1.1"'],
        records: [
          {
            time: '2024-12-31T17:32:06.000Z',
            'c-ip': '172.24.0.3',
            'cs-method': 'GET',
            'cs-uri-stem': '/',
            'sc-status': 200,
            'sc-bytes': 615,
            'cs(User-Agent)': 'curl/8.11.1',
            'cs(X-Forwarded-For)': '1.2.3.4, 10.10.1.1',
          },
        ],
      },
    ],
  },
  {
    name: 'nginx-upstream-time',
    label: 'nginx upstream_time',
    family: 'access-log',
    description: 'nginx upstream_time: combined + rt=, uct=, uht=, urt= (NGINX application performance monitoring)',
    spec: NGINX_APM_SPEC,
    syntax: 'nginx',
    format: 'upstream_time',
    samples: [
      {
        lines: [
          '165.22.19.102 - - [14/Aug/2019:04:38:36 +0300] "POST /wp-login.php HTTP/1.1" 200 1721 "-" "curl/8.0"rt=0.255 uct="0.000" uht="0.193" urt="0.193"',
        ],
        records: [
          {
            time: '2019-08-14T01:38:36.000Z',
            'c-ip': '165.22.19.102',
            'cs-method': 'POST',
            'cs-uri-stem': '/wp-login.php',
            'sc-status': 200,
            'sc-bytes': 1721,
            'time-taken': 255,
          },
        ],
      },
    ],
  },
  {
    name: 'nginx-upstream-time-spaced',
    label: 'nginx upstream_time',
    family: 'access-log',
    description: 'nginx upstream_time with a blank before rt=, as most copies of it are written',
    spec: NGINX_APM_SPEC,
    syntax: 'nginx',
    format:
      '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time uct="$upstream_connect_time" uht="$upstream_header_time" urt="$upstream_response_time"',
    samples: [
      {
        lines: ['172.17.0.1 - - [26/Sep/2020:11:24:37 +0000] "GET / HTTP/1.1" 200 513 "-" "curl/7.71.1" rt=0.000 uct="-" uht="-" urt="-"'],
        records: [
          {
            time: '2020-09-26T11:24:37.000Z',
            'c-ip': '172.17.0.1',
            'cs-method': 'GET',
            'cs-uri-stem': '/',
            'sc-status': 200,
            'sc-bytes': 513,
            'time-taken': 0,
          },
        ],
      },
    ],
  },
  {
    name: 'nginx-timed-combined',
    label: 'nginx timed_combined',
    family: 'access-log',
    description: 'nginx combined with $request_time before the referer',
    spec: NGINX_SPEC,
    syntax: 'nginx',
    format: 'timed_combined',
    strictRequestTime: true,
    samples: [
      {
        lines: ['127.0.0.1 - - [19/Feb/2015:15:50:36 -0500] "GET /big.pdf HTTP/1.1" 206 33973115 0.202 "-" "curl/8.0"'],
        records: [
          {
            time: '2015-02-19T20:50:36.000Z',
            'c-ip': '127.0.0.1',
            'cs-method': 'GET',
            'cs-uri-stem': '/big.pdf',
            'sc-status': 206,
            'sc-bytes': 33973115,
            'time-taken': 202,
          },
        ],
      },
    ],
  },
  {
    name: 'vhost_combined',
    label: 'vhost_combined',
    family: 'access-log',
    description: "Apache vhost_combined: the virtual host and port, then combined (Debian's and Ubuntu's other_vhosts_access.log)",
    spec: APACHE_SPEC,
    syntax: 'apache',
    format: 'vhost_combined',
    samples: [
      {
        lines: ['www.example.com:443 203.0.113.7 - - [13/Jan/2018:19:31:17 +0000] "GET /index.html HTTP/1.1" 200 1063 "-" "curl/8.0"'],
        records: [
          {
            time: '2018-01-13T19:31:17.000Z',
            's-sitename': 'www.example.com',
            's-port': 443,
            'c-ip': '203.0.113.7',
            'cs-method': 'GET',
            'cs-uri-stem': '/index.html',
            'sc-status': 200,
            'sc-bytes': 1063,
          },
        ],
      },
    ],
  },
  {
    name: 'vhost_combined_suse',
    label: 'vhost_combined_suse',
    family: 'access-log',
    description: 'Apache vhost_combined without the port (openSUSE), and nginx $server_name + combined',
    spec: APACHE_SPEC,
    syntax: 'apache',
    format: 'vhost_combined_suse',
    samples: [
      {
        lines: ['www.example.com 203.0.113.7 - - [13/Jan/2018:19:31:17 +0000] "GET /index.html HTTP/1.1" 200 1063 "-" "curl/8.0"'],
        records: [
          {
            time: '2018-01-13T19:31:17.000Z',
            's-sitename': 'www.example.com',
            'c-ip': '203.0.113.7',
            'cs-method': 'GET',
            'cs-uri-stem': '/index.html',
            'sc-status': 200,
            'sc-bytes': 1063,
          },
        ],
      },
    ],
  },
  {
    name: 'combined',
    label: 'combined',
    family: 'access-log',
    description: 'Apache/nginx combined: NCSA common + referer and user agent',
    aliases: ['apache', 'nginx', 'nginx-combined'],
    spec: APACHE_SPEC,
    syntax: 'apache',
    format: 'combined',
    samples: [
      {
        lines: [
          '203.0.113.7 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
        ],
        records: [
          {
            time: '2000-10-10T20:55:36.000Z',
            'c-ip': '203.0.113.7',
            'cs-username': 'frank',
            'cs-method': 'GET',
            'cs-uri-stem': '/apache_pb.gif',
            'cs-version': 'HTTP/1.0',
            'sc-status': 200,
            'sc-bytes': 2326,
            'cs(Referer)': 'http://www.example.com/start.html',
            'cs(User-Agent)': 'Mozilla/4.08 [en] (Win98; I ;Nav)',
          },
        ],
      },
      {
        // A proxy's absolute-form request, an IPv6 client, a query and an escaped quote.
        lines: [
          '2001:db8::1 - - [05/Mar/2024:08:00:00 +0100] "GET http://shop.example.com/search?q=%22x%22 HTTP/1.1" 404 153 "-" "Mozilla/5.0 \\"X\\""',
        ],
        records: [
          {
            time: '2024-03-05T07:00:00.000Z',
            'c-ip': '2001:db8::1',
            'cs-method': 'GET',
            'cs-host': 'shop.example.com',
            'cs-uri-stem': '/search',
            'cs-uri-query': 'q=%22x%22',
            'sc-status': 404,
            'cs(User-Agent)': 'Mozilla/5.0 "X"',
          },
        ],
      },
    ],
  },
  // After vhost_combined_suse: `site 10.0.0.1 - - [` is read as a site and its client, not a one-address proxy chain.
  {
    name: 'nginx-quoted-xff-combined',
    label: 'nginx quoted_xff_combined',
    family: 'access-log',
    description: 'nginx combined after the quoted X-Forwarded-For list',
    spec: NGINX_SPEC,
    syntax: 'nginx',
    format: 'quoted_xff_combined',
    samples: [
      {
        lines: [
          '"10.5.102.222, 199.96.1.1, 204.246.1.1" 10.2.1.185 - - [22/Jan/2016:13:18:29 +0000] "GET /assets/xxxx?q=100 HTTP/1.1" 200 25507 "-" "Amazon CloudFront"',
        ],
        records: [
          {
            time: '2016-01-22T13:18:29.000Z',
            'c-ip': '10.2.1.185',
            'cs(X-Forwarded-For)': '10.5.102.222, 199.96.1.1, 204.246.1.1',
            'cs-method': 'GET',
            'cs-uri-stem': '/assets/xxxx',
            'cs-uri-query': 'q=100',
            'sc-status': 200,
            'sc-bytes': 25507,
          },
        ],
      },
    ],
  },
  {
    name: 'nginx-xff-combined',
    label: 'nginx xff_combined',
    family: 'access-log',
    description: 'nginx combined after the X-Forwarded-For list',
    spec: NGINX_SPEC,
    syntax: 'nginx',
    format: 'xff_combined',
    samples: [
      {
        lines: [
          '2a03:0000:10ff:f00f:0000:0000:0:8000, 10.225.192.17 10.2.2.121 - - [30/Dec/2016:06:47:09 +0000] "GET /test.html HTTP/1.1" 404 8571 "-" "curl/8.0"',
        ],
        records: [
          {
            time: '2016-12-30T06:47:09.000Z',
            'c-ip': '10.2.2.121',
            'cs(X-Forwarded-For)': '2a03:0000:10ff:f00f:0000:0000:0:8000, 10.225.192.17',
            'cs-method': 'GET',
            'cs-uri-stem': '/test.html',
            'sc-status': 404,
            'sc-bytes': 8571,
          },
        ],
      },
    ],
  },
  // Before the unquoted one, whose list would take the quotes in.
  {
    name: 'nginx-vhost-quoted-xff-combined',
    label: 'nginx vhost_quoted_xff_combined',
    family: 'access-log',
    description: 'nginx combined after the Host and the quoted X-Forwarded-For list',
    spec: NGINX_SPEC,
    syntax: 'nginx',
    format: 'vhost_quoted_xff_combined',
    samples: [
      {
        lines: [
          'www.example.org:80 "198.51.100.2, 203.0.113.9" 192.0.2.11 - - [17/Dec/2025:09:03:02 +0000] "GET /b HTTP/1.1" 200 10 "-" "curl/8.0"',
        ],
        records: [
          {
            time: '2025-12-17T09:03:02.000Z',
            'cs-host': 'www.example.org:80',
            'cs(X-Forwarded-For)': '198.51.100.2, 203.0.113.9',
            'c-ip': '192.0.2.11',
            'cs-method': 'GET',
            'cs-uri-stem': '/b',
            'sc-status': 200,
            'sc-bytes': 10,
          },
        ],
      },
    ],
  },
  {
    name: 'nginx-vhost-xff-combined',
    label: 'nginx vhost_xff_combined',
    family: 'access-log',
    description: 'nginx combined after the Host and the X-Forwarded-For list',
    spec: NGINX_SPEC,
    syntax: 'nginx',
    format: 'vhost_xff_combined',
    samples: [
      {
        lines: [
          '203.0.113.7 2001:db8::1, 198.51.100.4 192.0.2.10 - - [17/Dec/2025:09:03:02 +0000] "GET /a HTTP/1.1" 200 10 "-" "curl/8.0"',
        ],
        records: [
          {
            time: '2025-12-17T09:03:02.000Z',
            'cs-host': '203.0.113.7',
            'cs(X-Forwarded-For)': '2001:db8::1, 198.51.100.4',
            'c-ip': '192.0.2.10',
            'cs-method': 'GET',
            'cs-uri-stem': '/a',
            'sc-status': 200,
            'sc-bytes': 10,
          },
        ],
      },
    ],
  },
  {
    name: 'vhost_common',
    label: 'vhost_common',
    family: 'access-log',
    description: 'Apache vhost_common (openSUSE) and vcommon (mod_vhost_alias): the virtual host, then common',
    spec: APACHE_SPEC,
    syntax: 'apache',
    format: 'vhost_common',
    samples: [
      {
        lines: ['www.example.com 203.0.113.7 - - [13/Jan/2018:19:31:17 +0000] "GET /index.html HTTP/1.1" 200 1063'],
        records: [
          {
            time: '2018-01-13T19:31:17.000Z',
            's-sitename': 'www.example.com',
            'c-ip': '203.0.113.7',
            'cs-method': 'GET',
            'cs-uri-stem': '/index.html',
            'sc-status': 200,
            'sc-bytes': 1063,
          },
        ],
      },
    ],
  },
  {
    name: 'ssl_request',
    label: 'ssl_request',
    family: 'access-log',
    description: 'Apache ssl_request_log (stock httpd-ssl.conf): TLS protocol and cipher, no status',
    spec: APACHE_SPEC,
    syntax: 'apache',
    format: 'ssl_request',
    // No status and mostly free-text fields: it would "read" lines broken under other layouts.
    fallback: false,
    samples: [
      {
        lines: ['[10/Aug/2018:09:45:56 +0200] 172.30.0.119 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 "GET /index.php?a=1 HTTP/1.1" 1375'],
        records: [
          {
            time: '2018-08-10T07:45:56.000Z',
            'c-ip': '172.30.0.119',
            'cs-method': 'GET',
            'cs-uri-stem': '/index.php',
            'cs-uri-query': 'a=1',
            'sc-bytes': 1375,
          },
        ],
      },
    ],
  },
  {
    name: 'common',
    label: 'common',
    family: 'access-log',
    description: 'Apache common / NCSA Common Log Format, as Apache, IIS and many others write it',
    aliases: ['ncsa', 'clf'],
    spec: 'https://www.w3.org/Daemon/User/Config/Logging.html#common-logfile-format',
    syntax: 'apache',
    format: 'common',
    samples: [
      {
        lines: ['127.0.0.1 - REDMOND\\fred [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326'],
        records: [
          {
            time: '2000-10-10T20:55:36.000Z',
            'c-ip': '127.0.0.1',
            'cs-username': 'REDMOND\\fred',
            'cs-method': 'GET',
            'cs-uri-stem': '/apache_pb.gif',
            'sc-status': 200,
            'sc-bytes': 2326,
          },
        ],
      },
    ],
  },
  {
    name: 'aws-apigateway-clf',
    label: 'aws apigateway clf',
    family: 'access-log',
    description: "Amazon API Gateway CLF (the console's preset: no blank before the request; request ids after the size)",
    spec: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html',
    syntax: 'apache',
    format: '%h %l %u %t"%r" %>s %b',
    // $context.requestId and extendedRequestId, and whatever else a stage adds, follow as `extra`.
    extra: 'any',
    samples: [
      {
        lines: [
          '203.0.113.10 - - [09/Jan/2024:12:00:00 +0000]"GET /pets/{petId} HTTP/1.1" 200 123 c6af9ac6-7b61-11e6-9a41-93e8deadbeef IyJZ6Fk0IAMFwMw=',
        ],
        records: [
          {
            time: '2024-01-09T12:00:00.000Z',
            'c-ip': '203.0.113.10',
            'cs-method': 'GET',
            'cs-uri-stem': '/pets/{petId}',
            'sc-status': 200,
            'sc-bytes': 123,
            extra: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef IyJZ6Fk0IAMFwMw=',
          },
        ],
      },
    ],
  },
  // Last: they read any line of their layout that goes on with fields of its own (+ %D, + a header).
  {
    name: 'vhost_combined-extra',
    label: 'vhost_combined + extra fields',
    family: 'access-log',
    description: "Apache vhost_combined followed by fields of the site's own",
    spec: APACHE_SPEC,
    syntax: 'apache',
    format: 'vhost_combined',
    extra: 'any',
    samples: [
      {
        lines: [
          'localhost:443 178.20.184.42 - jsmith [26/Jul/2023:00:01:26 -0700] "GET /secure/ HTTP/2.0" 200 17163 "-" "Mozilla/5.0" 116075',
        ],
        records: [
          {
            time: '2023-07-26T07:01:26.000Z',
            's-sitename': 'localhost',
            's-port': 443,
            'c-ip': '178.20.184.42',
            'cs-username': 'jsmith',
            'cs-uri-stem': '/secure/',
            'sc-status': 200,
            extra: '116075',
          },
        ],
      },
    ],
  },
  {
    name: 'vhost_combined_suse-extra',
    label: 'vhost_combined_suse + extra fields',
    family: 'access-log',
    description: "Apache vhost_combined without the port, followed by fields of the site's own",
    spec: APACHE_SPEC,
    syntax: 'apache',
    format: 'vhost_combined_suse',
    extra: 'any',
    samples: [
      {
        lines: ['www.example.com 203.0.113.7 - - [29/May/2017:19:02:48 +0000] "GET /test2 HTTP/1.1" 200 612 "-" "curl/8.0" "-"'],
        records: [
          {
            time: '2017-05-29T19:02:48.000Z',
            's-sitename': 'www.example.com',
            'c-ip': '203.0.113.7',
            'cs-uri-stem': '/test2',
            'sc-status': 200,
            'sc-bytes': 612,
            extra: '"-"',
          },
        ],
      },
    ],
  },
  {
    name: 'combined-extra',
    label: 'combined + extra fields',
    family: 'access-log',
    description:
      "Apache/nginx combined followed by fields of the site's own (timers, headers, HAProxy clf); a 0.123-shaped value in them is read as $request_time",
    spec: APACHE_SPEC,
    syntax: 'apache',
    format: 'combined',
    extra: 'any',
    samples: [
      {
        lines: ['172.16.0.5 - - [10/Oct/2000:13:55:36 -0700] "GET /api/x HTTP/1.1" 200 512 "-" "curl/8.0" 0.012 "10.0.0.9:8080"'],
        records: [
          {
            time: '2000-10-10T20:55:36.000Z',
            'c-ip': '172.16.0.5',
            'cs-uri-stem': '/api/x',
            'sc-status': 200,
            'sc-bytes': 512,
            'time-taken': 12,
            extra: '0.012 "10.0.0.9:8080"',
          },
        ],
      },
    ],
  },
  {
    name: 'nginx-timed-combined-extra',
    label: 'nginx timed_combined + extra fields',
    family: 'access-log',
    description: 'nginx combined with $request_time before the referer, followed by other fields ("$http_x_forwarded_for" …)',
    spec: NGINX_SPEC,
    syntax: 'nginx',
    format: 'timed_combined',
    strictRequestTime: true,
    extra: 'any',
    samples: [
      {
        lines: ['10.0.0.1 - - [19/Feb/2015:15:50:36 -0500] "GET / HTTP/1.1" 200 612 0.002 "-" "curl/8.0" "198.51.100.7" "1424379036.123"'],
        records: [
          {
            time: '2015-02-19T20:50:36.000Z',
            'c-ip': '10.0.0.1',
            'cs-uri-stem': '/',
            'sc-status': 200,
            'sc-bytes': 612,
            'time-taken': 2,
            extra: '"198.51.100.7" "1424379036.123"',
          },
        ],
      },
    ],
  },
  // Its extra may not open with a quote: a combined line's referer and user agent are combined's to read.
  {
    name: 'common-extra',
    label: 'common + extra fields',
    family: 'access-log',
    description: "Apache/NCSA common followed by fields of the site's own (Tomcat and Jetty with %D or %T)",
    spec: APACHE_SPEC,
    syntax: 'apache',
    format: 'common',
    extra: 'unquoted',
    samples: [
      {
        lines: ['127.0.0.1 - admin [22/May/2024:08:21:15 +0300] "GET /manager/html HTTP/1.1" 200 17453 120'],
        records: [
          {
            time: '2024-05-22T05:21:15.000Z',
            'c-ip': '127.0.0.1',
            'cs-username': 'admin',
            'cs-uri-stem': '/manager/html',
            'sc-status': 200,
            'sc-bytes': 17453,
            extra: '120',
          },
        ],
      },
    ],
  },
];
