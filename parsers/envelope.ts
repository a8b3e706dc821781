/**
 * Envelopes: what deployments wrap access-log lines in on their way to a file (a syslog header,
 * Docker's json-file, a Kubernetes node's CRI log, docker compose's `service  | ` prefix). An
 * envelope is a layer of its own: its unwrapper, opened once per file, strips it from each line with
 * character scans, and the message inside goes to the format the normal detection chose on the
 * unwrapped first lines. The report names both: `syslog > combined`.
 */
import type { LogRecord } from './record.js';
import {
  LINE_DIRECTIVE,
  LINE_REJECTED,
  type DetectionHints,
  type LineKind,
  type LineParser,
  type LogFormat,
  type Rejection,
} from './types.js';

export const STDOUT = 0;
export const STDERR = 1;

export const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** `hh:mm:ss` at i. */
export const isClock = (s: string, i: number): boolean =>
  isDigit(s, i) &&
  isDigit(s, i + 1) &&
  s.charCodeAt(i + 2) === 58 &&
  isDigit(s, i + 3) &&
  isDigit(s, i + 4) &&
  s.charCodeAt(i + 5) === 58 &&
  isDigit(s, i + 6) &&
  isDigit(s, i + 7);

/** `YYYY-MM-DDThh:mm:ss` at i: the start of an RFC 3339 time stamp, as container runtimes and syslog write them. */
export const isRfc3339At = (s: string, i: number): boolean =>
  isDigit(s, i) &&
  isDigit(s, i + 3) &&
  s.charCodeAt(i + 4) === 45 &&
  s.charCodeAt(i + 7) === 45 &&
  s.charCodeAt(i + 10) === 84 /* T */ &&
  isClock(s, i + 11);

/** Strips one envelope from lines, in order; state is kept between lines. */
export interface Unwrapper {
  /** The message inside `line`, or undefined when the line is not in this envelope; sets `stream` and `partial` for it. */
  unwrap(line: string): string | undefined;
  /** STDERR for a container's standard error, else STDOUT. */
  stream: number;
  /** Whether the message goes on in the next line of its stream (CRI's `P`, Docker's 16 KiB pieces). */
  partial: boolean;
}

export interface Envelope {
  /** Short name, used in `--log-format NAME:FORMAT` and in the report's layout (`syslog > combined`). */
  name: string;
  title: string;
  spec: string;
  /** Real-looking wrapped lines, requests among them (tested: detected as this envelope and read). */
  samples: readonly string[];
  /** Whether a message never spans lines, so a byte range of a file can start at any line. */
  linesStandAlone: boolean;
  open(): Unwrapper;
}

export interface EnvelopeSample {
  /** Lines in the envelope. */
  wrapped: number;
  /** The non-blank messages inside, pieces joined, by stream (STDOUT, STDERR): what detection reads. */
  streams: string[][];
}

const isBlank = (text: string): boolean => text.trim() === '';

/** The messages inside a file's first lines, for detection; not on the hot path. */
export function unwrapSample(envelope: Envelope, lines: readonly string[]): EnvelopeSample {
  const unwrapper = envelope.open();
  const streams: string[][] = [[], []];
  const held = ['', ''];
  let wrapped = 0;
  for (const line of lines) {
    const message = unwrapper.unwrap(line);
    if (message === undefined) continue;
    wrapped++;
    const stream = unwrapper.stream;
    held[stream] += message;
    if (unwrapper.partial) continue;
    if (!isBlank(held[stream]!)) streams[stream]!.push(held[stream]!);
    held[stream] = '';
  }
  return { wrapped, streams };
}

/**
 * The messages the inner format is created with: standard output's, where requests are, unless
 * the format reads none of them and does read stderr's (Caddy logs requests to stderr).
 */
function requestMessages(sample: EnvelopeSample, inner: LogFormat, hints?: DetectionHints): string[] {
  const [stdout, stderr] = sample.streams as [string[], string[]];
  return inner.detect(stdout, hints) === 0 && inner.detect(stderr, hints) > 0 ? stderr : stdout;
}

/** A message's first piece and the parser line it came on, while the rest is awaited. */
interface Held {
  text: string;
  line: number;
}

/**
 * Reads lines in an envelope: the message of each goes to the inner parser. Pieces of a message
 * (CRI `P` lines) count as directives and the last one carries the message's outcome, numbered by
 * its first piece. A message on stderr that the inner format does not read is the server's own
 * (nginx's error log, a start-up notice): a directive, as `docker logs web 2>/dev/null | goaccess`
 * would drop it; on stdout it is rejected, as any line the format does not read.
 */
class EnvelopeParser implements LineParser {
  rejection: Rejection = { reason: 'no-match' };
  recordLinesBack = 0;
  /** Present when the inner parser reads several records from one line (a one-line JSON array). */
  next?: (out: LogRecord) => LineKind | undefined;
  /** Present when the inner parser has it: reads from the message `parse` last gave the inner parser. */
  readSample?: (line: string, sample: LogRecord) => void;
  /** The message last given to the inner parser (pieces of a split one joined). */
  private message = '';
  private readonly held: (Held | undefined)[] = [undefined, undefined];
  private lines = 0;
  private stream = STDOUT;
  private stderrAside = false;
  private innerLayout = '';
  private label = '';

  constructor(
    private readonly envelope: Envelope,
    private readonly unwrapper: Unwrapper,
    private readonly inner: LineParser,
  ) {
    if (inner.next !== undefined) this.next = (out) => this.nextOf(out);
    if (inner.readSample !== undefined) this.readSample = (_line, sample) => this.inner.readSample!(this.message, sample);
  }

  parse(line: string, out: LogRecord): LineKind {
    this.lines++;
    this.recordLinesBack = 0;
    let message = this.unwrapper.unwrap(line);
    if (message === undefined) {
      this.rejection = { reason: 'no-match', detail: `not in the ${this.envelope.title} envelope` };
      return LINE_REJECTED;
    }
    const stream = (this.stream = this.unwrapper.stream);
    const held = this.held[stream];
    if (this.unwrapper.partial) {
      if (held === undefined) this.held[stream] = { text: message, line: this.lines };
      else held.text += message;
      return LINE_DIRECTIVE;
    }
    let joined = 0;
    if (held !== undefined) {
      message = held.text + message;
      joined = this.lines - held.line;
      this.held[stream] = undefined;
    }
    // A message with nothing in it (an empty line the server wrote) holds no request and no damage.
    if (message.length === 0) return LINE_DIRECTIVE;
    this.message = message;
    const kind = this.outcome(this.inner.parse(message, out));
    this.recordLinesBack = joined + (this.inner.recordLinesBack ?? 0);
    return kind;
  }

  private nextOf(out: LogRecord): LineKind | undefined {
    const kind = this.inner.next!(out);
    this.recordLinesBack = this.inner.recordLinesBack ?? 0;
    return kind === undefined ? undefined : this.outcome(kind);
  }

  private outcome(kind: LineKind): LineKind {
    if (kind !== LINE_REJECTED) return kind;
    if (this.stream === STDERR) {
      this.stderrAside = true;
      return LINE_DIRECTIVE;
    }
    this.rejection = this.inner.rejection;
    return kind;
  }

  layout(): string {
    const inner = this.inner.layout();
    if (inner !== this.innerLayout) {
      this.innerLayout = inner;
      this.label = `${this.envelope.name} > ${inner}`;
    }
    return this.label;
  }

  notes(): string[] {
    const notes = [...this.inner.notes()];
    if (this.stderrAside)
      notes.push(
        `${this.envelope.name}: stderr lines that are no requests (the server's own messages, such as nginx's error log) are counted as directives`,
      );
    if (this.held.some((h) => h !== undefined))
      notes.push(
        `${this.envelope.name}: the file ends inside a message split over lines (truncated?); its pieces are counted as directives`,
      );
    return notes;
  }
}

/** `inner` read inside `envelope`: named `ENVELOPE:FORMAT`, as `--log-format` takes it. */
export function envelopeFormat(envelope: Envelope, inner: LogFormat): LogFormat {
  return {
    name: `${envelope.name}:${inner.name}`,
    title: `${inner.title}, in ${envelope.title}`,
    spec: envelope.spec,
    samples: [],
    detect(firstLines, hints) {
      const sample = unwrapSample(envelope, firstLines);
      return firstLines.length === 0
        ? 0
        : (sample.wrapped / firstLines.length) * inner.detect(requestMessages(sample, inner, hints), hints);
    },
    create(ctx) {
      const firstLines =
        ctx.firstLines === undefined
          ? undefined
          : requestMessages(unwrapSample(envelope, ctx.firstLines), inner, { fieldMap: ctx.fieldMap });
      return new EnvelopeParser(envelope, envelope.open(), inner.create({ ...ctx, firstLines }));
    },
  };
}
