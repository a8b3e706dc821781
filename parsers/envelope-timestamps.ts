/**
 * `kubectl logs --timestamps` and `docker logs --timestamps` output, as SREs save it to a file: an
 * RFC 3339 time (nanoseconds, `Z` or an offset) and a blank before each line the container wrote.
 * CRI node logs also open with a time, but a stream and a tag follow it: those are the cri envelope's.
 * Spec: https://kubernetes.io/docs/reference/kubectl/generated/kubectl_logs/ (`--timestamps`),
 * https://docs.docker.com/reference/cli/docker/container/logs/ (`--timestamps`)
 */
import { isRfc3339At, STDOUT, type Envelope, type Unwrapper } from './envelope.js';

class TimestampsUnwrapper implements Unwrapper {
  stream = STDOUT;
  partial = false;

  unwrap(line: string): string | undefined {
    if (!isRfc3339At(line, 0)) return undefined;
    const space = line.indexOf(' ');
    if (space === -1) return '';
    if (line.startsWith('stdout ', space + 1) || line.startsWith('stderr ', space + 1)) return undefined;
    return line.slice(space + 1);
  }
}

export const timestampsEnvelope: Envelope = {
  name: 'timestamps',
  title: 'kubectl/docker logs --timestamps',
  spec: 'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_logs/',
  samples: [
    '2026-11-26T10:00:00.123456789Z 10.244.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31"',
    '2026-11-26T10:00:01.000000001Z 10.244.0.9 - - [26/Nov/2026:10:00:01 +0000] "GET / HTTP/1.1" 404 153 "-" "curl/8.4.0"',
  ],
  linesStandAlone: true,
  open: () => new TimestampsUnwrapper(),
};
