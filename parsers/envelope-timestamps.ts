/**
 * `kubectl logs --timestamps` and `docker logs --timestamps` output, as SREs save it to a file: an
 * RFC 3339 time (nanoseconds, `Z` or an offset) and a blank before each line the container wrote.
 * CRI node logs also open with a time, but a stream and a tag follow it: those are the cri envelope's.
 * Spec: https://kubernetes.io/docs/reference/kubectl/generated/kubectl_logs/ (`--timestamps`),
 * https://docs.docker.com/reference/cli/docker/container/logs/ (`--timestamps`)
 */
import { isDigit, isRfc3339At, STDOUT, type Envelope, type Unwrapper } from './envelope.js';
import { SPACE } from './char-codes.js';
import { TIMESTAMPS } from './formats/envelopes.js';
import { describedBy } from './formats/format-info.js';

/**
 * Where the time stamp at `line[at]` ends: after its fraction and its `Z` or `±hh:mm`;
 * -1 when there is none. A CSV row that opens with a time (`2026-…Z,500,/a`) has no stamp of its own.
 */
export function stampEnd(line: string, at = 0): number {
  if (!isRfc3339At(line, at)) return -1;
  let i = at + 19;
  if (line.charCodeAt(i) === 46 /* . */) while (isDigit(line, ++i));
  const c = line.charCodeAt(i);
  if (c === 90 /* Z */) return i + 1;
  if (
    (c === 43 /* + */ || c === 45) /* - */ &&
    isDigit(line, i + 1) &&
    isDigit(line, i + 2) &&
    line.charCodeAt(i + 3) === 58 &&
    isDigit(line, i + 4) &&
    isDigit(line, i + 5)
  )
    return i + 6;
  return -1;
}

class TimestampsUnwrapper implements Unwrapper {
  stream = STDOUT;
  partial = false;

  unwrap(line: string): string | undefined {
    const end = stampEnd(line);
    if (end === -1 || (end < line.length && line.charCodeAt(end) !== SPACE)) return undefined;
    if (line.startsWith('stdout ', end + 1) || line.startsWith('stderr ', end + 1)) return undefined;
    return line.slice(end + 1);
  }
}

export const timestampsEnvelope: Envelope = {
  ...describedBy(TIMESTAMPS),
  linesStandAlone: true,
  open: () => new TimestampsUnwrapper(),
};
