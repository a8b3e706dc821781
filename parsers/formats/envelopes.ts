/**
 * Envelopes as data: what deployments wrap access-log lines in on their way to a file. The message
 * inside is detected as any other line would be; the samples say which format it turns out to be.
 * The unwrappers are parsers/envelope-*.ts.
 */
import type { FormatInfo } from './format-info.js';

export interface EnvelopeInfo extends FormatInfo {
  family: 'envelope';
}

const KUBECTL_LOGS_SPEC = 'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_logs/';

export const SYSLOG: EnvelopeInfo = {
  name: 'syslog',
  title: 'syslog',
  family: 'envelope',
  description: "syslog: nginx's access_log syslog:, rsyslog and syslog-ng files, journalctl output, RFC 3164 and RFC 5424 headers",
  spec: 'https://www.rfc-editor.org/rfc/rfc5424',
  samples: [
    {
      lines: [
        '<190>Nov 26 10:00:00 web1 nginx: 203.0.113.7 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/8.4.0"',
        'Nov  6 10:00:01 web1 nginx[812]: 203.0.113.8 - - [06/Nov/2026:10:00:01 +0000] "GET /a HTTP/1.1" 404 153 "-" "curl/8.4.0"',
        '<190>1 2026-11-26T10:00:02.120Z web1 nginx - - - 203.0.113.9 - - [26/Nov/2026:10:00:02 +0000] "POST /b HTTP/1.1" 502 0 "-" "curl/8.4.0"',
      ],
      layout: 'syslog > combined',
      records: [
        { time: '2026-11-26T10:00:00.000Z', 'c-ip': '203.0.113.7', 'cs-method': 'GET', 'cs-uri-stem': '/', 'sc-status': 200 },
        { time: '2026-11-06T10:00:01.000Z', 'c-ip': '203.0.113.8', 'cs-method': 'GET', 'cs-uri-stem': '/a', 'sc-status': 404 },
        { time: '2026-11-26T10:00:02.000Z', 'c-ip': '203.0.113.9', 'cs-method': 'POST', 'cs-uri-stem': '/b', 'sc-status': 502 },
      ],
    },
  ],
};

export const DOCKER: EnvelopeInfo = {
  name: 'docker',
  title: 'Docker json-file',
  family: 'envelope',
  description:
    "Docker's json-file driver: one JSON object per line, its 16 KiB pieces joined; stderr lines that are no requests are directives",
  spec: 'https://docs.docker.com/engine/logging/drivers/json-file/',
  samples: [
    {
      lines: [
        '{"log":"203.0.113.7 - - [26/Nov/2026:10:00:00 +0000] \\"GET / HTTP/1.1\\" 200 615 \\"-\\" \\"curl/8.4.0\\" \\"-\\"\\n","stream":"stdout","time":"2026-11-26T10:00:00.123456789Z"}',
        '{"log":"2026/11/26 10:00:01 [error] 29#29: *1 open() \\"/usr/share/nginx/html/x\\" failed (2: No such file or directory)\\n","stream":"stderr","time":"2026-11-26T10:00:01.000000001Z"}',
      ],
      layout: 'docker > nginx main',
      records: [{ time: '2026-11-26T10:00:00.000Z', 'c-ip': '203.0.113.7', 'cs-uri-stem': '/', 'sc-status': 200, 'sc-bytes': 615 }],
    },
  ],
};

export const CRI: EnvelopeInfo = {
  name: 'cri',
  title: 'CRI (containerd, CRI-O)',
  family: 'envelope',
  description: "CRI (containerd, CRI-O): a Kubernetes node's container logs, partial lines (P) joined",
  spec: 'https://github.com/kubernetes/design-proposals-archive/blob/main/node/kubelet-cri-logging.md',
  samples: [
    {
      lines: [
        '2026-11-26T10:00:00.123456789Z stdout F 10.244.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31"',
        '2026-11-26T10:00:01.000000001+01:00 stdout F 10.244.0.9 - - [26/Nov/2026:10:00:01 +0100] "GET / HTTP/1.1" 404 153 "-" "curl/8.4.0"',
      ],
      layout: 'cri > combined',
      records: [
        {
          time: '2026-11-26T10:00:00.000Z',
          'c-ip': '10.244.0.1',
          'cs-uri-stem': '/healthz',
          'sc-status': 200,
          'cs(User-Agent)': 'kube-probe/1.31',
        },
        { time: '2026-11-26T09:00:01.000Z', 'c-ip': '10.244.0.9', 'cs-uri-stem': '/', 'sc-status': 404 },
      ],
    },
  ],
};

export const COMPOSE: EnvelopeInfo = {
  name: 'compose',
  title: 'docker compose',
  family: 'envelope',
  description: 'docker compose logs: the service  | prefix, with or without --timestamps',
  spec: 'https://docs.docker.com/reference/cli/docker/compose/logs/',
  samples: [
    {
      lines: [
        'web-1  | 172.18.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.4.0" "-"',
        'web-1  | 2026-11-26T10:00:01.000000001Z 172.18.0.1 - - [26/Nov/2026:10:00:01 +0000] "GET /x HTTP/1.1" 404 153 "-" "curl/8.4.0" "-"',
      ],
      layout: 'compose > nginx main',
      records: [
        { time: '2026-11-26T10:00:00.000Z', 'c-ip': '172.18.0.1', 'cs-uri-stem': '/', 'sc-status': 200 },
        { time: '2026-11-26T10:00:01.000Z', 'c-ip': '172.18.0.1', 'cs-uri-stem': '/x', 'sc-status': 404 },
      ],
    },
  ],
};

export const KUBECTL_PREFIX: EnvelopeInfo = {
  name: 'kubectl-prefix',
  title: 'kubectl logs --prefix',
  family: 'envelope',
  description: 'kubectl logs --prefix: [pod/NAME/CONTAINER] before each line, with or without --timestamps',
  spec: KUBECTL_LOGS_SPEC,
  samples: [
    {
      lines: [
        '[pod/web-7d4b9c8f6-abcde/nginx] 10.244.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31" "-"',
        '[pod/web-7d4b9c8f6-fghij/nginx] 2026-11-26T10:00:01.000000001Z 10.244.0.9 - - [26/Nov/2026:10:00:01 +0000] "GET / HTTP/1.1" 404 153 "-" "curl/8.4.0" "-"',
      ],
      layout: 'kubectl-prefix > nginx main',
      records: [
        { time: '2026-11-26T10:00:00.000Z', 'c-ip': '10.244.0.1', 'cs-uri-stem': '/healthz', 'sc-status': 200 },
        { time: '2026-11-26T10:00:01.000Z', 'c-ip': '10.244.0.9', 'cs-uri-stem': '/', 'sc-status': 404 },
      ],
    },
  ],
};

export const TIMESTAMPS: EnvelopeInfo = {
  name: 'timestamps',
  title: 'kubectl/docker logs --timestamps',
  family: 'envelope',
  description: 'kubectl logs --timestamps and docker logs --timestamps: an RFC 3339 time before each line',
  spec: KUBECTL_LOGS_SPEC,
  samples: [
    {
      lines: [
        '2026-11-26T10:00:00.123456789Z 10.244.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31"',
        '2026-11-26T10:00:01.000000001Z 10.244.0.9 - - [26/Nov/2026:10:00:01 +0000] "GET / HTTP/1.1" 404 153 "-" "curl/8.4.0"',
      ],
      layout: 'timestamps > combined',
      records: [
        { time: '2026-11-26T10:00:00.000Z', 'c-ip': '10.244.0.1', 'cs-uri-stem': '/healthz', 'sc-status': 200 },
        { time: '2026-11-26T10:00:01.000Z', 'c-ip': '10.244.0.9', 'cs-uri-stem': '/', 'sc-status': 404 },
      ],
    },
  ],
};

/** In detection order: the bare time stamp comes last, as syslog and CRI lines open with a time too. */
export const ENVELOPE_INFOS: readonly EnvelopeInfo[] = [SYSLOG, DOCKER, CRI, COMPOSE, KUBECTL_PREFIX, TIMESTAMPS];
