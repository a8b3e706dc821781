/**
 * Syslog headers before access-log lines: nginx's `access_log syslog:server=…` (`<190>Nov 26
 * 10:00:00 web1 nginx: …`, without the host under `nohostname`), what rsyslog and syslog-ng write
 * to files (no `<PRI>`; a traditional or an RFC 3339 time stamp), `journalctl` output (`-o short`,
 * `short-precise`, `short-iso`) and RFC 5424 (`<190>1 2026-11-26T10:00:00Z web1 nginx - - - …`).
 * The header's time is not used: the access line carries its own, with the year and zone that the
 * header's lacks.
 * Spec: https://www.rfc-editor.org/rfc/rfc3164, https://www.rfc-editor.org/rfc/rfc5424, https://nginx.org/en/docs/syslog.html
 */
import { isClock, isDigit, isRfc3339At, STDOUT, type Envelope, type Unwrapper } from './envelope.js';
import { BACKSLASH, CLOSE_BRACKET, COLON, DASH, DOT, GREATER, LESS, OPEN_BRACKET, SPACE } from './char-codes.js';
import { SYSLOG } from './formats/envelopes.js';
import { describedBy } from './formats/format-info.js';

const isLetter = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i) | 0x20;
  return c >= 97 && c <= 122;
};

/** After `<PRI>` (1 to 3 digits); -1 when there is none. */
function afterPri(line: string): number {
  let i = 1;
  while (i < 4 && isDigit(line, i)) i++;
  return i > 1 && line.charCodeAt(i) === GREATER ? i + 1 : -1;
}

/** After a time stamp and its blank: `Nov 26 10:00:00 ` (the day may be ` 6` or `6`, a fraction may follow), or RFC 3339 up to its blank. -1 when there is none. */
function afterTimestamp(line: string, i: number): number {
  if (isRfc3339At(line, i)) {
    const space = line.indexOf(' ', i + 19);
    return space === -1 ? -1 : space + 1;
  }
  if (!(isLetter(line, i) && isLetter(line, i + 1) && isLetter(line, i + 2) && line.charCodeAt(i + 3) === SPACE)) return -1;
  let j = i + 4;
  if (line.charCodeAt(j) === SPACE) j++;
  if (!isDigit(line, j)) return -1;
  j += isDigit(line, j + 1) ? 2 : 1;
  if (line.charCodeAt(j) !== SPACE || !isClock(line, j + 1)) return -1;
  j += 9;
  // `journalctl -o short-precise` adds microseconds.
  if (line.charCodeAt(j) === DOT)
    do j++;
    while (isDigit(line, j));
  return line.charCodeAt(j) === SPACE ? j + 1 : -1;
}

/** After `HOST TAG: ` or `TAG: ` (nginx's `nohostname`); the tag ends with a colon (`nginx:`, `nginx[123]:`). -1 when there is none. */
function afterTag(line: string, i: number): number {
  for (let token = 0; token < 2; token++) {
    let end = line.indexOf(' ', i);
    if (end === -1) end = line.length;
    if (end > i + 1 && line.charCodeAt(end - 1) === COLON) return Math.min(end + 1, line.length);
    if (end === line.length) return -1;
    i = end + 1;
  }
  return -1;
}

/** RFC 5424 after `<PRI>`: `1 TIMESTAMP HOST APP PROCID MSGID SD [MSG]`. -1 when the header is not that. */
function after5424(line: string, i: number): number {
  if (!(isDigit(line, i) && line.charCodeAt(i + 1) === SPACE)) return -1;
  i += 2;
  for (let field = 0; field < 5; field++) {
    const space = line.indexOf(' ', i);
    if (space <= i) return -1;
    i = space + 1;
  }
  i = afterStructuredData(line, i);
  if (i === -1 || i === line.length) return i;
  if (line.charCodeAt(i) !== SPACE) return -1;
  // The message may open with a byte-order mark (RFC 5424 section 6.4).
  return line.charCodeAt(i + 1) === 0xfeff ? i + 2 : i + 1;
}

/** After `-` or `[id k="v"]…`, where `\]` inside a value does not close the element. */
function afterStructuredData(line: string, i: number): number {
  if (line.charCodeAt(i) === DASH) return i + 1;
  if (line.charCodeAt(i) !== OPEN_BRACKET) return -1;
  while (line.charCodeAt(i) === OPEN_BRACKET) {
    let j = i + 1;
    for (; j < line.length; j++) {
      const c = line.charCodeAt(j);
      if (c === BACKSLASH) j++;
      else if (c === CLOSE_BRACKET) break;
    }
    if (j >= line.length) return -1;
    i = j + 1;
  }
  return i;
}

/** Where the message starts after the syslog header; -1 when the line has none. */
export function syslogMessageStart(line: string): number {
  let i = 0;
  if (line.charCodeAt(0) === LESS) {
    i = afterPri(line);
    if (i === -1) return -1;
    const rfc5424 = after5424(line, i);
    if (rfc5424 !== -1) return rfc5424;
  }
  i = afterTimestamp(line, i);
  return i === -1 ? -1 : afterTag(line, i);
}

/** journalctl's own lines between entries: `-- Logs begin at … --`, `-- Journal begins at … --`, `-- Reboot --`, `-- Boot 3f2a… --`. */
const isJournalMarker = (line: string): boolean => line.startsWith('-- ') && line.endsWith(' --');

class SyslogUnwrapper implements Unwrapper {
  stream = STDOUT;
  partial = false;

  unwrap(line: string): string | undefined {
    const start = syslogMessageStart(line);
    if (start !== -1) return line.slice(start);
    // No entry and no damage: an empty message, counted as a directive.
    return isJournalMarker(line) ? '' : undefined;
  }
}

export const syslogEnvelope: Envelope = {
  ...describedBy(SYSLOG),
  linesStandAlone: true,
  open: () => new SyslogUnwrapper(),
};
