/**
 * Docker's json-file logs (`/var/lib/docker/containers/<id>/<id>-json.log`, and Kubernetes node
 * logs under the Docker runtime): `{"log":"…\n","stream":"stdout","time":"…"}`, one object per line
 * written by the container. Docker writes the keys in that order, so the `log` string is read in
 * place, unescaping as it goes, with no JSON.parse per line. A `log` value without its closing `\n`
 * is a piece of a longer line (Docker cuts at 16 KiB); the next piece of the stream continues it.
 * Spec: https://docs.docker.com/engine/logging/drivers/json-file/
 */
import { STDERR, STDOUT, type Envelope, type Unwrapper } from './envelope.js';
import { BACKSLASH, CARRIAGE_RETURN, NEWLINE, QUOTE } from './char-codes.js';
import { DOCKER } from './formats/envelopes.js';
import { describedBy } from './formats/format-info.js';
import { lookupTable } from './lookup-table.js';

const PREFIX = '{"log":"';
const STDERR_KEY = '"stream":"stderr"';

/** JSON's one-character escapes. */
const ESCAPED: Record<string, string> = lookupTable({ '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' });

/** The four hex digits at `at` as a number; -1 when they are not that. */
function hex4(line: string, at: number): number {
  let code = 0;
  for (let i = at; i < at + 4; i++) {
    const c = line.charCodeAt(i) | 0x20;
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit === -1) return -1;
    code = code * 16 + digit;
  }
  return code;
}

class DockerJsonUnwrapper implements Unwrapper {
  stream = STDOUT;
  partial = false;
  /** Where the string last read by `jsonString` closed. */
  private end = 0;

  unwrap(line: string): string | undefined {
    if (!line.startsWith(PREFIX)) return undefined;
    let message = this.jsonString(line, PREFIX.length);
    if (message === undefined) return undefined;
    this.stream = line.startsWith(STDERR_KEY, this.end + 2) ? STDERR : STDOUT;
    let length = message.length;
    this.partial = message.charCodeAt(length - 1) !== NEWLINE;
    if (!this.partial) length--;
    if (message.charCodeAt(length - 1) === CARRIAGE_RETURN) length--;
    if (length !== message.length) message = message.slice(0, length);
    return message;
  }

  /** The JSON string from `start` (after its opening quote) to its closing quote, unescaped; undefined when it is malformed. */
  private jsonString(line: string, start: number): string | undefined {
    let text = '';
    let from = start;
    for (let i = start; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === QUOTE) {
        this.end = i;
        return text + line.slice(from, i);
      }
      if (c !== BACKSLASH) continue;
      text += line.slice(from, i);
      const escaped = line.charAt(i + 1);
      if (escaped === 'u') {
        const code = hex4(line, i + 2);
        if (code === -1) return undefined;
        text += String.fromCharCode(code);
        i += 5;
      } else {
        const char = ESCAPED[escaped];
        if (char === undefined) return undefined;
        text += char;
        i++;
      }
      from = i + 1;
    }
    return undefined;
  }
}

export const dockerJsonEnvelope: Envelope = {
  ...describedBy(DOCKER),
  linesStandAlone: false,
  open: () => new DockerJsonUnwrapper(),
};
