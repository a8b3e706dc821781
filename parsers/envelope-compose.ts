/**
 * `docker compose logs` and `docker compose up` output: `web-1  | <line>`, the service name padded
 * to the longest one (`web_1` before Compose v2), and with `--timestamps` an RFC 3339 time after the
 * bar. Lines of several services may mix; those of services that log no requests are rejected.
 * Spec: https://docs.docker.com/reference/cli/docker/compose/logs/
 */
import { isRfc3339At, STDOUT, type Envelope, type Unwrapper } from './envelope.js';
import { BAR, SPACE } from './char-codes.js';

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
  name: 'compose',
  title: 'docker compose',
  spec: 'https://docs.docker.com/reference/cli/docker/compose/logs/',
  samples: [
    'web-1  | 172.18.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.4.0" "-"',
    'web-1  | 2026-11-26T10:00:01.000000001Z 172.18.0.1 - - [26/Nov/2026:10:00:01 +0000] "GET /x HTTP/1.1" 404 153 "-" "curl/8.4.0" "-"',
  ],
  linesStandAlone: true,
  open: () => new ComposeUnwrapper(),
};
