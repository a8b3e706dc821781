/**
 * `kubectl logs --prefix` output (with `-l app=web` or `--all-containers`, saved to a file): each line
 * the container wrote after `[pod/NAME/CONTAINER] `, and with `--timestamps` the API server's RFC 3339
 * time after that. Lines of several pods mix; those of containers that log no requests are rejected.
 * Spec: https://kubernetes.io/docs/reference/kubectl/generated/kubectl_logs/ (`--prefix`)
 */
import { STDOUT, type Envelope, type Unwrapper } from './envelope.js';
import { stampEnd } from './envelope-timestamps.js';
import { SPACE } from './char-codes.js';

const PREFIX = '[pod/';

class KubectlPrefixUnwrapper implements Unwrapper {
  stream = STDOUT;
  partial = false;

  unwrap(line: string): string | undefined {
    if (!line.startsWith(PREFIX)) return undefined;
    // Pod and container names are DNS labels: no blank and no `]` before the prefix closes.
    const close = line.indexOf('] ', PREFIX.length);
    if (close === -1 || line.lastIndexOf(' ', close) !== -1) return undefined;
    const start = close + 2;
    const stamp = stampEnd(line, start);
    return stamp !== -1 && line.charCodeAt(stamp) === SPACE ? line.slice(stamp + 1) : line.slice(start);
  }
}

export const kubectlPrefixEnvelope: Envelope = {
  name: 'kubectl-prefix',
  title: 'kubectl logs --prefix',
  spec: 'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_logs/',
  samples: [
    '[pod/web-7d4b9c8f6-abcde/nginx] 10.244.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31" "-"',
    '[pod/web-7d4b9c8f6-fghij/nginx] 2026-11-26T10:00:01.000000001Z 10.244.0.9 - - [26/Nov/2026:10:00:01 +0000] "GET / HTTP/1.1" 404 153 "-" "curl/8.4.0" "-"',
  ],
  linesStandAlone: true,
  open: () => new KubectlPrefixUnwrapper(),
};
