/**
 * The CRI log format that containerd and CRI-O write for Kubernetes (`/var/log/pods/…/0.log`,
 * `/var/log/containers/*.log`): `2026-11-26T10:00:00.123456789Z stdout F <line>`. The tag is `F`
 * for a full line or `P` for a piece of a longer one (cut at 16 KiB), which the next lines of the
 * same stream continue up to an `F`.
 * Spec: https://github.com/kubernetes/design-proposals-archive/blob/main/node/kubelet-cri-logging.md
 */
import { isRfc3339At, STDERR, STDOUT, type Envelope, type Unwrapper } from './envelope.js';
import { SPACE } from './char-codes.js';
import { CRI } from './formats/envelopes.js';
import { describedBy } from './formats/format-info.js';

const PARTIAL = 80; // P
const FULL = 70; // F

class CriUnwrapper implements Unwrapper {
  stream = STDOUT;
  partial = false;

  unwrap(line: string): string | undefined {
    const space = line.indexOf(' ');
    if (space === -1 || !isRfc3339At(line, 0)) return undefined;
    if (line.startsWith('stdout ', space + 1)) this.stream = STDOUT;
    else if (line.startsWith('stderr ', space + 1)) this.stream = STDERR;
    else return undefined;
    const tag = space + 8;
    const kind = line.charCodeAt(tag);
    if (kind !== PARTIAL && kind !== FULL) return undefined;
    this.partial = kind === PARTIAL;
    // Further tags may follow, joined by colons (`F:x`); the message starts after the blank.
    let end = tag + 1;
    while (end < line.length && line.charCodeAt(end) !== SPACE) end++;
    return end + 1 >= line.length ? '' : line.slice(end + 1);
  }
}

export const criEnvelope: Envelope = {
  ...describedBy(CRI),
  linesStandAlone: false,
  open: () => new CriUnwrapper(),
};
