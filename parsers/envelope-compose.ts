/**
 * `docker compose logs` and `docker compose up` output: `web-1  | <line>`, the service name padded
 * to the longest one (`web_1` before Compose v2), and with `--timestamps` an RFC 3339 time after the
 * bar. Lines of several services may mix; those of services that log no requests are rejected.
 * Spec: https://docs.docker.com/reference/cli/docker/compose/logs/
 */
import { isRfc3339At, STDOUT, type Envelope, type Unwrapper } from './envelope.js';
import { BAR, SPACE } from './char-codes.js';
import { COMPOSE } from './formats/envelopes.js';
import { describedBy } from './formats/format-info.js';

/** Longer names than this are not Compose's: the bar is then inside a line of another kind. */
const MAX_NAME = 64;

class ComposeUnwrapper implements Unwrapper {
  stream = STDOUT;
  partial = false;

  unwrap(line: string): string | undefined {
    let i = 0;
    while (i < MAX_NAME && line.charCodeAt(i) > SPACE && line.charCodeAt(i) !== BAR) i++;
    const nameEnd = i;
    while (line.charCodeAt(i) === SPACE) i++;
    if (nameEnd === 0 || i === nameEnd || line.charCodeAt(i) !== BAR) return undefined;
    i++;
    if (i === line.length) return '';
    if (line.charCodeAt(i) !== SPACE) return undefined;
    i++;
    if (isRfc3339At(line, i)) {
      const space = line.indexOf(' ', i);
      return space === -1 ? '' : line.slice(space + 1);
    }
    return line.slice(i);
  }
}

export const composeEnvelope: Envelope = {
  ...describedBy(COMPOSE),
  linesStandAlone: true,
  open: () => new ComposeUnwrapper(),
};
