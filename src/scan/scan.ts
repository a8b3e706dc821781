/**
 * Reads one source line by line, detects its format from the first lines, parses every line and
 * accounts for it: record, directive, blank or rejected. Records go to a sink synchronously, chunk
 * by chunk, so the hot path has no promise per line.
 */
import { localTimeOf, type LocalTime } from '../../parsers/local-time.js';
import { detectFormat, notWebLogReason, resolveFormat, type Detection } from '../../parsers/index.js';
import { LINE_DIRECTIVE, LINE_RECORD, type FieldSet, type LineKind, type LineParser, type LogFormat } from '../../parsers/types.js';
import { isGzipFailure, isIoFailure } from '../errors/io-failure.js';
import { LogtallyError } from '../errors/logtally-error.js';
import {
  addNote,
  addRejection,
  excerptOf,
  FORMATS_TRIED_NOTE,
  noteTimeRange,
  type DamagedFile,
  type InputSummary,
} from './input-summary.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter, type LinePiece } from '../sources/lines.js';
import { newRecord, type LogRecord } from '../../parsers/record.js';
import type { Readable } from 'node:stream';
import type { Source } from '../sources/sources.js';
import { dropOutOfRange, outOfRange } from './out-of-range.js';
import type { StatusOnlyLayout } from '../../parsers/status-lines.js';
import { ROW_SLOT, ROW_SLOTS, type ColumnLayout, type ColumnPlan, type ColumnRows } from '../../parsers/column-lines.js';
import type { ColumnSink, RowTaker } from './row-taker.js';

export type RecordSink = (record: LogRecord, file: string, line: number, format: string) => void;

/**
 * Takes the record of a line in the scan's sample (ScanOptions.inSample), after the sink had it,
 * with the record of the line's sampledOnly fields: see ScanOptions.sampleSink.
 */
export type SampleSink = (record: LogRecord, sample: LogRecord) => void;

/**
 * A writer that turns plain lines into output itself, from their bytes, without a record (the
 * records export of W3C logs): `write` returns true when it wrote the line's row, false to leave
 * the line to the parser and the sink. It only takes lines the parser would read as records with
 * nothing to reject, filter or note, so such a line counts as a record as any other does.
 */
export interface PlainRowSink {
  /** Whether lines read by this parser may be plain: asked for each chunk of input, and once the format is known. */
  takes(parser: LineParser): boolean;
  write(bytes: Buffer, start: number, end: number, parser: LineParser, file: string, lineNo: number): boolean;
  /** The time of the record last written, for the summary's time span. */
  readonly timestamp: number | undefined;
}

export interface ScanOptions {
  wanted: FieldSet;
  /** Wanted fields read only for errors; see ParseContext.errorOnly. */
  errorOnly?: ReadonlySet<string>;
  /** Wanted fields read only for lines `inSample` picks; see ParseContext.sampledOnly. */
  sampledOnly?: ReadonlySet<string>;
  /**
   * Picks the lines whose sampledOnly fields are read, by where each line starts in its file
   * (bytes), so the pick is the same however the file is cut into ranges. Given with sampleSink.
   */
  inSample?: (offset: number) => boolean;
  /**
   * Where the records of the lines `inSample` picks go again, with their sampledOnly fields. Such a
   * line is parsed and accounted for as any other (the sink has its record); its sampledOnly
   * fields are read after that, apart (LineParser.readSample), so the code every line runs is the
   * code it runs without a sample. A sampled line's time, when only sampled lines have one, counts
   * in the time span.
   */
  sampleSink?: SampleSink;
  /** Bytes of the file before the first byte read (a byte range, a file read on from a saved state). */
  byteOffset?: number;
  /** Format name, or `apache:…`/`nginx:…` format string, to use instead of detection. */
  format?: string;
  /** `--map`: record field → source key, for JSON lines and CSV. */
  fieldMap?: Readonly<Record<string, string>>;
  /** Offset east of UTC, in minutes, for formats that log local time (default 0). */
  localOffsetMinutes?: number;
  /** A time zone name (`Europe/Berlin`) for formats that log local time: its offset at each time, daylight saving included. Wins over localOffsetMinutes. */
  timeZone?: string;
  /** Stop at the first rejected line with a STRICT_REJECT error. */
  strict?: boolean;
  maxLineBytes?: number;
  /** Called with bytes read so far, for progress display. */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
  /**
   * Directive lines in force before the first byte read (a byte range of a file starts mid-file):
   * given to the parser, not counted as lines. Needs `format`, since detection runs on counted lines.
   */
  preamble?: readonly string[];
  /** Called with every directive line, so a range scan can tell which header it leaves in force. */
  onDirective?: (line: string) => void;
  /** Lines before the first byte read (a file read on from where a previous run stopped): line numbers count on from there. */
  lineOffset?: number;
  /** Called with the format's name once it is detected (or forced), so a later read can go on with it. */
  onFormat?: (name: string) => void;
  /** Writes plain lines' rows before any record is made of them; see PlainRowSink. */
  plainRows?: PlainRowSink;
  /**
   * Takes, in bulk, records that hold nothing but a status below 400, in place of the sink: given,
   * the scan may pass over the lines that make such records without reading them
   * (LineParser.statusOnlyLayout), and count them here. Only for a sink that would do nothing
   * else with such a record (Aggregator.addStatusOnly).
   */
  countStatusOnly?: (records: number) => void;
  /**
   * Takes lines as rows of their values in place of the sink, where a layout allows
   * (LineParser.columnLayout, ColumnSink.takerFor): such lines are counted as records here and
   * never made records. Only for a sink that would do nothing else with their records (no filter).
   */
  columnSink?: ColumnSink;
}

/** Non-blank lines looked at before deciding a file's format. */
const DETECTION_LINES = 16;
/**
 * Lines in an envelope may open with a server's start-up messages (nginx's Docker image writes a
 * score of them before its first request): detection reads on, up to this many, for requests.
 */
const ENVELOPE_DETECTION_LINES = 1024;

/**
 * Why a file no format claimed is skipped: not a web log (W3C of another kind), or no known format.
 * `triedAll` when detection went through every format, which the summary then notes once.
 */
function skipReasonOf(
  file: string,
  nonBlank: readonly string[],
  { envelope }: Detection,
): { code: string; message: string; triedAll: boolean } {
  if (envelope !== undefined) {
    return {
      code: 'UNKNOWN_FORMAT',
      message: `${file}: ${envelope.title} lines, but no log format logtally knows inside them`,
      triedAll: true,
    };
  }
  const service = notWebLogReason(nonBlank);
  if (service !== undefined) return { code: 'NOT_A_WEB_LOG', message: `${file}: ${service}`, triedAll: false };
  const fields = nonBlank.find((l) => l.startsWith('#Fields:'));
  if (fields === undefined)
    return { code: 'UNKNOWN_FORMAT', message: `${file}: not a log format logtally knows${structuredHint(nonBlank[0]!)}`, triedAll: true };
  return {
    code: 'NOT_A_WEB_LOG',
    message: `${file}: a W3C log without web server fields (${excerptOf(fields)}); a Windows Firewall or other non-web log?`,
    triedAll: true,
  };
}

/** JSON or CSV of a shape no built-in map knows still reads with --map: say so. */
function structuredHint(firstLine: string): string {
  const first = firstLine.trimStart().charCodeAt(0);
  const looksStructured = first === 123 /* { */ || first === 91 /* [ */ || firstLine.split(',').length >= 3;
  return looksStructured ? '; for JSON or CSV of another shape, name its keys with --map status=KEY,uri=KEY,time=KEY' : '';
}

const isBlank = (line: string): boolean => {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
  }
  return true;
};

/**
 * A BOM starts a file, or a file concatenated onto another. NULs are what a crashed server leaves
 * in a preallocated file before it appends again after restart: the text after them is read. A
 * line of NULs only is kept, to be rejected as binary rather than pass as blank.
 */
function stripLeadingPadding(text: string): string {
  let i = 0;
  let nul = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) nul = true;
    else if (c !== 0xfeff) break;
  }
  return nul && i === text.length ? text : text.slice(i);
}

/** Control characters other than tab and CR: bytes no text log contains. */
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** `--log-format`: a name or a format string; a string that does not compile is a usage error. */
function forcedFormat(spec: string): LogFormat {
  let format: LogFormat | undefined;
  try {
    format = resolveFormat(spec);
  } catch (error) {
    // A format string may be pasted from a config, or be thousands of characters long.
    const shown = spec.length > 80 ? `${spec.slice(0, 80)}…` : spec;
    throw new LogtallyError('USAGE', `--log-format ${shown}: ${(error as Error).message}`);
  }
  if (!format)
    throw new LogtallyError(
      'USAGE',
      `unknown format ${spec}; use a name (w3c, httperr, iis-native, common, combined, json, csv, …) or apache:FORMAT / nginx:FORMAT, inside an envelope as syslog:FORMAT, docker:FORMAT, cri:FORMAT, compose:FORMAT or timestamps:FORMAT`,
    );
  return format;
}

class FileScanner {
  private lineNo: number;
  private parser?: LineParser;
  private formatName = '';
  /** Lines held until the format is known; a number stands for a too-long line of that many bytes. */
  private pending: (string | number)[] = [];
  /** Where each held line starts in the file (bytes); a too-long line's entry is unused. */
  private pendingOffsets: number[] = [];
  private pendingNonBlank = 0;
  /** Non-blank lines held before detection runs (more when the first ones were an envelope's start-up messages). */
  private detectAt = DETECTION_LINES;
  private record: LogRecord = newRecord();
  /** Records are counted per layout: a W3C file's layout changes at its `#Fields:` lines. */
  private layoutInForce = '';
  private layoutRecords = 0;
  /** The taker of the plan columnPlan last gave, and the layout it is for. */
  private taker?: RowTaker;
  private takerLayout?: ColumnLayout;
  /** ScanOptions.inSample and byteOffset, kept as fields: read on every line. */
  private readonly inSample?: (offset: number) => boolean;
  private readonly byteOffset: number;
  /** Earliest and latest record time, epoch ms, for the summary's time span. */
  firstMs = Infinity;
  lastMs = -Infinity;

  constructor(
    private readonly file: string,
    private readonly summary: InputSummary,
    private readonly sink: RecordSink,
    private readonly options: ScanOptions,
  ) {
    this.lineNo = options.lineOffset ?? 0;
    this.inSample = options.sampleSink === undefined ? undefined : options.inSample;
    this.byteOffset = options.byteOffset ?? 0;
    if (options.format !== undefined) {
      const format = forcedFormat(options.format);
      this.start(format);
      const scratch = newRecord();
      for (const line of options.preamble ?? []) this.parser!.parse(line, scratch);
      this.layoutInForce = this.parser!.layout();
    }
  }

  /**
   * Whether the records' times are read, for the time span: not when only errors' are (their span
   * would mislead); those of a sample of lines make a span its aggregator marks as sampled.
   */
  get timesRead(): boolean {
    const { wanted, errorOnly } = this.options;
    return (wanted === 'all' || wanted.has('timestamp')) && !errorOnly?.has('timestamp');
  }

  get linesRead(): number {
    return this.lineNo;
  }

  /** Lines held for format detection, not yet counted. */
  get linesHeld(): number {
    return this.pending.length;
  }

  /** Set when the file turned out not to be a log we can read: its lines are then not counted. */
  skipReason?: { code: string; message: string };
  /** With skipReason, when every format was tried: the note naming them, added if the file is skipped. */
  triedNote?: string;

  /** `offset`: where the line starts in what was read (bytes). */
  line(text: string, offset: number): void {
    const first = text.charCodeAt(0);
    if (first === 0xfeff || first === 0) text = stripLeadingPadding(text);
    if (this.parser === undefined) {
      this.pending.push(text);
      this.pendingOffsets.push(offset);
      if (!isBlank(text) && ++this.pendingNonBlank >= this.detectAt) this.detect(false);
      return;
    }
    this.handle(text, offset);
  }

  /**
   * A line in place (LineHandler.lineIn): read there by a parser that can (LineParser.parseIn),
   * made a string for anything else. Blank and padded lines, held lines and parsers with `next`
   * take the string path, as `line` would.
   */
  lineIn(text: string, start: number, end: number, offset: number): void {
    const parser = this.parser;
    const first = text.charCodeAt(start);
    if (
      parser?.parseIn === undefined ||
      parser.next !== undefined ||
      end === start ||
      first === 32 ||
      first === 9 ||
      first === 0xfeff ||
      first === 0
    ) {
      this.line(start === 0 && end === text.length ? text : text.slice(start, end), offset);
      return;
    }
    this.lineNo++;
    this.summary.lines++;
    const record = this.record;
    const sunk = this.account(parser.parseIn(text, start, end, record), parser, text, start, end);
    if (this.inSample?.(offset + this.byteOffset) === true) this.sampled(text.slice(start, end), parser, sunk ? record : undefined);
  }

  /** The plan of the lines taken as rows (ScanOptions.columnSink); undefined while every line must be read. */
  columnPlan(): ColumnPlan | undefined {
    const sink = this.options.columnSink;
    const layout = sink === undefined || this.options.plainRows !== undefined ? undefined : this.parser?.columnLayout?.();
    // Asked after every line the reader left as text: the layout rarely changes.
    if (layout !== this.takerLayout) {
      this.taker = layout === undefined ? undefined : sink!.takerFor(layout);
      this.takerLayout = layout;
    }
    return this.taker?.plan;
  }

  /**
   * Rows of lines read under columnPlan: records, each counted as `account` would count it, and
   * taken by the sink's taker. A line in the sample is read as text instead, as any line is.
   */
  columnRows(rows: ColumnRows, piece: LinePiece): void {
    const taker = this.taker!;
    const { values, count, epoch } = rows;
    this.noteLayout(this.parser!.layout());
    for (let i = 0, at = 0; i < count; i++, at += ROW_SLOTS) {
      const offset = piece.offset + values[at + ROW_SLOT.lineStart]!;
      if (this.inSample?.(offset + this.byteOffset) === true) {
        this.lineIn(piece.text, values[at + ROW_SLOT.lineStart]!, values[at + ROW_SLOT.lineEnd]!, offset);
        continue;
      }
      this.lineNo++;
      this.summary.lines++;
      this.summary.records++;
      this.layoutRecords++;
      taker.take(values, at, epoch, piece);
    }
  }

  /** The layout whose status-only lines are counted, not read (ScanOptions.countStatusOnly); undefined while every line must be read. */
  statusOnlyLayout(): StatusOnlyLayout | undefined {
    // A sampled line's record goes on to the sample sink; a plain row writer writes every line.
    if (this.options.countStatusOnly === undefined || this.inSample !== undefined || this.options.plainRows !== undefined) return undefined;
    return this.parser?.statusOnlyLayout?.();
  }

  /** Lines passed over under statusOnlyLayout: records, each counted as `account` would count it. */
  statusOnlyLines(lines: number): void {
    this.lineNo += lines;
    this.summary.lines += lines;
    this.summary.records += lines;
    this.noteLayout(this.parser!.layout());
    this.layoutRecords += lines;
    this.options.countStatusOnly!(lines);
  }

  wantsBytes(): 'yes' | 'no' | 'later' {
    const plain = this.options.plainRows;
    if (plain === undefined || this.skipReason !== undefined) return 'no';
    if (this.parser === undefined) return 'later';
    return plain.takes(this.parser) ? 'yes' : 'no';
  }

  /** A line offered as bytes, taken when the plain row writer writes it (see PlainRowSink). */
  bytesLine(bytes: Buffer, start: number, end: number): boolean {
    const first = bytes[start];
    // Blank lines, directives, a BOM or NUL padding at the start: the text path's.
    if (end <= start || first === 0x20 || first === 0x09 || first === 0x23 || first === 0xef || first === 0) return false;
    const parser = this.parser!;
    const plain = this.options.plainRows!;
    if (!plain.write(bytes, start, end, parser, this.file, this.lineNo + 1)) return false;
    this.lineNo++;
    this.summary.lines++;
    this.countRecord(plain.timestamp, parser);
    return true;
  }

  tooLong(bytes: number): void {
    if (this.parser === undefined) {
      this.pending.push(bytes);
      this.pendingOffsets.push(-1);
      return;
    }
    this.handleTooLong(bytes);
  }

  private handleTooLong(bytes: number): void {
    this.lineNo++;
    this.summary.lines++;
    this.reject('line-too-long', `${bytes} bytes`, `[${bytes} bytes]`);
  }

  finish(): void {
    if (this.parser === undefined) this.detect(true);
  }

  /** `last`: no more lines will come, so detection must decide. */
  private detect(last: boolean): void {
    if (this.parser !== undefined || this.skipReason !== undefined) return;
    const nonBlank = this.pending.filter((l): l is string => typeof l === 'string' && !isBlank(l));
    if (nonBlank.length === 0) {
      // Empty or all-blank file: nothing to detect, every line is blank.
      this.flushPendingAsBlank();
      return;
    }
    const detection = detectFormat(nonBlank, { fieldMap: this.options.fieldMap });
    if (detection.format === undefined) {
      if (detection.envelope !== undefined && !last && this.detectAt < ENVELOPE_DETECTION_LINES) {
        this.detectAt *= 2;
        return;
      }
      const { triedAll, ...reason } = skipReasonOf(this.file, nonBlank, detection);
      if (triedAll) this.triedNote = FORMATS_TRIED_NOTE + detection.tried.join(', ');
      this.skipReason = reason;
      return;
    }
    this.start(detection.format, nonBlank);
  }

  private flushPendingAsBlank(): void {
    for (const held of this.pending) {
      if (typeof held === 'number') {
        this.handleTooLong(held);
        continue;
      }
      this.lineNo++;
      this.summary.lines++;
      this.summary.blank++;
    }
    this.pending = [];
    this.pendingOffsets = [];
  }

  private get localTime(): LocalTime {
    return localTimeOf(this.options);
  }

  private start(format: LogFormat, firstLines?: readonly string[]): void {
    this.parser = format.create({
      file: this.file,
      wanted: this.options.wanted,
      errorOnly: this.options.errorOnly,
      sampledOnly: this.options.sampledOnly,
      localTime: this.localTime,
      fieldMap: this.options.fieldMap,
      firstLines,
    });
    this.formatName = format.name;
    this.options.onFormat?.(format.name);
    this.layoutInForce = this.parser.layout();
    const pending = this.pending;
    const offsets = this.pendingOffsets;
    this.pending = [];
    this.pendingOffsets = [];
    pending.forEach((held, i) => {
      if (typeof held === 'number') this.handleTooLong(held);
      else this.handle(held, offsets[i]!);
    });
  }

  private handle(text: string, offset: number): void {
    this.lineNo++;
    this.summary.lines++;
    if (isBlank(text)) {
      this.summary.blank++;
      return;
    }
    const parser = this.parser!;
    const record = this.record;
    const sunk = this.account(parser.parse(text, record), parser, text);
    if (this.inSample?.(offset + this.byteOffset) === true) this.sampled(text, parser, sunk ? record : undefined);
    else if (parser.next !== undefined) this.nextRecords(text, parser);
  }

  /** Further records on the same line (a one-line JSON array) count as lines of their own. */
  private nextRecords(text: string, parser: LineParser): void {
    for (let kind = parser.next!(this.record); kind !== undefined; kind = parser.next!(this.record)) {
      this.summary.lines++;
      this.account(kind, parser, text);
    }
  }

  /**
   * A line in the sample, after it was handled as any other: its record (if it made one) goes to
   * the SampleSink with its sampled fields. Further records on the same line (a one-line JSON
   * array) count as lines of their own, in the sample as the line is (their parsers read every
   * field into the record).
   */
  private sampled(text: string, parser: LineParser, record: LogRecord | undefined): void {
    if (record !== undefined) {
      const sample = newRecord();
      parser.readSample?.(text, sample);
      this.addSample(record, sample);
    }
    for (let kind = parser.next?.(this.record); kind !== undefined; kind = parser.next!(this.record)) {
      this.summary.lines++;
      const next = this.record;
      if (this.account(kind, parser, text)) this.addSample(next, newRecord());
    }
  }

  private addSample(record: LogRecord, sample: LogRecord): void {
    // A sample record's values are all best effort: one out of range is dropped.
    dropOutOfRange(sample);
    this.noteTime(sample.timestamp);
    // At once: records held for a batch would keep their lines' text alive (their values are
    // slices of it) into the old generation.
    this.options.sampleSink!(record, sample);
  }

  /** True when the record went to the sink. The line is `text.slice(start, end)`, made only when a reject or directive needs it. */
  private account(kind: LineKind, parser: LineParser, text: string, start = 0, end = text.length): boolean {
    const unfit = kind === LINE_RECORD ? outOfRange(this.record, this.options.sampledOnly) : undefined;
    if (kind !== LINE_RECORD || unfit !== undefined) text = text.slice(start, end);
    if (unfit !== undefined) {
      this.record = newRecord();
      this.reject(unfit.reason, unfit.detail, text);
    } else if (kind === LINE_RECORD) {
      this.countRecord(this.record.timestamp, parser);
      const record = this.record;
      this.record = newRecord();
      this.sink(record, this.file, this.lineNo - (parser.recordLinesBack ?? 0), this.formatName);
      return true;
    } else if (kind === LINE_DIRECTIVE) {
      this.summary.directives++;
      this.options.onDirective?.(text);
    } else {
      this.record = newRecord();
      this.reject(parser.rejection.reason, parser.rejection.detail, text, parser.rejection.column);
    }
    return false;
  }

  private countRecord(time: number | undefined, parser: LineParser): void {
    this.summary.records++;
    this.noteTime(time);
    this.noteLayout(parser.layout());
    this.layoutRecords++;
  }

  /** Widens the time span seen to `time`. */
  private noteTime(time: number | undefined): void {
    if (time === undefined) return;
    if (time < this.firstMs) this.firstMs = time;
    if (time > this.lastMs) this.lastMs = time;
  }

  private reject(reason: string, detail: string | undefined, text: string, column?: number): void {
    // Garbage is named as such instead of being blamed on the format's field rules.
    if (BINARY.test(text)) {
      detail = `control characters in the line (${reason})`;
      reason = 'binary';
    }
    if (this.options.strict) {
      throw new LogtallyError('STRICT_REJECT', `${this.file}:${this.lineNo}: line rejected (${reason}${detail ? `: ${detail}` : ''})`, {
        file: this.file,
        line: this.lineNo,
        column,
        reason,
        excerpt: excerptOf(text),
      });
    }
    addRejection(this.summary, { file: this.file, line: this.lineNo, reason, detail, excerpt: excerptOf(text) });
  }

  /** A layout can change at a header line (W3C) or with a record (JSON picks its mapping from the first request). */
  private noteLayout(layout: string): void {
    if (layout === this.layoutInForce) return;
    this.closeLayout();
    this.layoutInForce = layout;
  }

  private closeLayout(): void {
    if (this.layoutRecords === 0) return;
    this.summary.formats[this.layoutInForce] = (this.summary.formats[this.layoutInForce] ?? 0) + this.layoutRecords;
    this.layoutRecords = 0;
  }

  /** Adds the records of the last layout to the summary, and the parser's notes. */
  close(): void {
    if (this.parser === undefined) return;
    this.closeLayout();
    for (const note of this.parser.notes()) addNote(this.summary, note);
  }
}

/**
 * Scans one source into `summary`, sending records to `sink`, and yields after every chunk so a
 * caller can hand records on (the record iterator) without a promise per line.
 * Throws LogtallyError on a failed read or (strict) a rejected line; anything else a parser or the
 * sink throws is a bug and propagates as it is.
 */
export async function* scanChunks(source: Source, summary: InputSummary, sink: RecordSink, options: ScanOptions): AsyncGenerator<void> {
  const scanner = new FileScanner(source.name, summary, sink, options);
  const splitter = new LineSplitter(scanner, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  // Chunks in reused buffers where the source has them: the splitter copies what it keeps.
  let stream: Readable | undefined;
  let chunks: AsyncIterable<Buffer | string>;
  try {
    chunks = source.chunks?.() ?? (stream = source.open());
  } catch (error) {
    throw readFailure(source.name, error);
  }
  let bytes = 0;
  let damage: LogtallyError | undefined;
  try {
    for await (const data of chunks) {
      options.signal?.throwIfAborted();
      // A caller's stream may be in string mode (setEncoding, Readable.from(strings)).
      const chunk = typeof data === 'string' ? Buffer.from(data) : (data as Buffer);
      splitter.push(chunk);
      if (scanner.skipReason) break;
      bytes += chunk.length;
      options.onBytes?.(bytes);
      yield;
    }
    splitter.end();
    scanner.finish();
  } catch (error) {
    stream?.destroy();
    const failure = readFailure(source.name, error);
    if (failure.code !== 'GZIP' || options.strict) throw failure;
    // A cut or corrupt .gz (rotation compressing a file still being written, a copy cut short)
    // still holds every line up to the damage: count them, as zcat would print them, and name the damage.
    splitter.end();
    scanner.finish();
    damage = failure;
  }
  if (scanner.skipReason && damage) {
    // The damage cut the file before its format could be told (inside its #Fields line): it is a
    // damaged log, not a file of another kind.
    summary.files++;
    summary.damaged.push(undetectedDamagedFile(source.name, scanner.linesHeld, damage));
    return;
  }
  if (scanner.skipReason) {
    stream?.destroy();
    // A file we cannot read as a log is named once, not counted as thousands of rejects.
    summary.skipped.push({ file: source.name, ...scanner.skipReason });
    if (scanner.triedNote !== undefined) addNote(summary, scanner.triedNote);
    return;
  }
  summary.files++;
  scanner.close();
  if (scanner.timesRead) noteTimeRange(summary, scanner.firstMs, scanner.lastMs);
  if (damage) summary.damaged.push(damagedFile(source.name, scanner.linesRead, damage));
  yield;
}

const causeOf = (damage: LogtallyError): string => (damage.cause instanceof Error ? damage.cause.message : damage.message);

function undetectedDamagedFile(file: string, held: number, damage: LogtallyError): DamagedFile {
  const where = held === 0 ? 'at its start' : `within its first ${held} lines`;
  return {
    file,
    code: damage.code,
    lines: 0,
    message: `${file}: corrupt or truncated gzip data (${causeOf(damage)}) ${where}, before its format could be told: nothing could be counted`,
  };
}

function damagedFile(file: string, lines: number, damage: LogtallyError): DamagedFile {
  const cause = causeOf(damage);
  const where =
    lines === 0
      ? 'at its start: nothing could be read'
      : `after line ${lines}: the lines before it are counted, the rest could not be read`;
  return { file, code: damage.code, lines, message: `${file}: corrupt or truncated gzip data (${cause}) ${where}` };
}

export async function scanSource(source: Source, summary: InputSummary, sink: RecordSink, options: ScanOptions): Promise<void> {
  for await (const _ of scanChunks(source, summary, sink, options));
}

/** A failed read as an IO or GZIP LogtallyError; a LogtallyError or a bug (not an errno failure) is thrown on unchanged. */
function readFailure(file: string, error: unknown): LogtallyError {
  if (error instanceof LogtallyError) return error;
  if (!isIoFailure(error)) throw error;
  if (isGzipFailure(error)) {
    return new LogtallyError('GZIP', `${file}: corrupt or truncated gzip data (${error.message})`, { file }, { cause: error });
  }
  const why =
    error.code === 'ENOENT'
      ? 'no such file or directory'
      : error.code === 'EACCES' || error.code === 'EPERM'
        ? 'permission denied'
        : error.code === 'EISDIR'
          ? 'is a directory'
          : error.message;
  return new LogtallyError('IO', `cannot read ${file}: ${why}`, { file }, { cause: error });
}
