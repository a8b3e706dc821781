/**
 * `kubectl logs --prefix` output (with `-l app=web` or `--all-containers`, saved to a file): each line
 * the container wrote after `[pod/NAME/CONTAINER] `, and with `--timestamps` the API server's RFC 3339
 * time after that. Lines of several pods mix; those of containers that log no requests are rejected.
 * Spec: https://kubernetes.io/docs/reference/kubectl/generated/kubectl_logs/ (`--prefix`)
 */
import { STDOUT, type Envelope, type Unwrapper } from './envelope.js';
import { stampEnd } from './envelope-timestamps.js';
import { SPACE } from './char-codes.js';
import { KUBECTL_PREFIX } from './formats/envelopes.js';
import { describedBy } from './formats/format-info.js';

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
  ...describedBy(KUBECTL_PREFIX),
  linesStandAlone: true,
  open: () => new KubectlPrefixUnwrapper(),
};
