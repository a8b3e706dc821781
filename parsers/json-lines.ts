/**
 * JSON access logs, in four layouts:
 * - JSON lines: one object per line (nginx `escape=json`, Caddy, Cloudflare Logpush, Traefik,
 *   Envoy, Google Cloud, Kong, or any shape given with `--map`), read with JSON.parse.
 * - JSON array: one array of request objects, as exporters and cloud log dumps write it, on one
 *   line or pretty-printed over many, read with stream-json's tokenizer and Assembler. A line
 *   that holds several elements (`[{…},{…}]`) counts once per element.
 * - Pretty-printed objects one after another (`jq .` output), read the same way.
 * - Azure Monitor's `{"records": [{…}, {…}]}` (diagnostic logs exported to a storage account or an
 *   Event Hub), pretty-printed or one wrapper per line: each element of `records` is a row, counted
 *   as the elements of an array are.
 * Objects that carry no request (a server's own messages, such as Caddy's startup lines) are
 * counted with directives: they are neither records nor damage.
 * Spec: https://jsonlines.org/, https://www.rfc-editor.org/rfc/rfc8259
 */
import { Assembler } from 'stream-json/core/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import type { LogRecord } from './record.js';
import { chooseShape, compileShape, SHAPES, type RowReader } from './field-map.js';
import {
  LINE_DIRECTIVE,
  LINE_RECORD,
  LINE_REJECTED,
  type LineKind,
  type LineParser,
  type LogFormat,
  type ParseContext,
  type Rejection,
} from './types.js';
import { describedBy } from './formats/format-info.js';
import { JSON_ARRAY, JSON_LINES } from './formats/structured.js';

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The field map in force for a file, chosen from sample rows. */
class RowMapper {
  readonly read: RowReader;
  readonly name: string;
  /** The status key's alternatives (`status|response_status`), each a dotted path. */
  private readonly statusPaths: string[][];

  constructor(rows: readonly Row[], ctx: ParseContext) {
    const shape = chooseShape(rows, ctx.fieldMap);
    this.name = shape?.name ?? 'unmapped';
    this.read = compileShape(shape?.fields ?? {}, ctx.wanted, ctx.localTime, shape?.span, shape?.dateTime);
    this.statusPaths = (shape?.fields['sc-status'] ?? '').split('|').map((path) => path.split('.'));
  }

  /** A row without any of the status keys is not a request (a server's own message). */
  isRequest(row: Row): boolean {
    return this.statusPaths.some((path) => {
      let value: unknown = row;
      for (const step of path) {
        if (value === null || typeof value !== 'object') return false;
        value = (value as Row)[step];
      }
      return value !== undefined;
    });
  }
}

/** A parsed object as a line's outcome: a record, or a directive when it carries no request. */
function mapRow(mapper: RowMapper, row: Row, out: LogRecord): LineKind {
  if (!mapper.isRequest(row)) return LINE_DIRECTIVE;
  mapper.read(row, out);
  return LINE_RECORD;
}

/**
 * JSON.parse, not stream-json's JSONL parser: that parser is JSON.parse per line behind a
 * `{key, value}` wrapper (and deprecated), so it only adds an allocation per line.
 */
function parseObject(line: string): Row | undefined {
  if (line.charCodeAt(0) !== 123 /* { */) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return isRow(value) ? value : undefined;
  } catch {
    return line.includes('\\x') ? parseNginxEscaped(line) : undefined;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A JSON log_format without `escape=json` gets nginx's default escaping: `"`, `\`, controls and
 * bytes above 0x7E as `\xHH`, which JSON does not allow. Each run of them is decoded (UTF-8, else
 * one character per byte) and written back as JSON text. Only tried on lines JSON.parse refused.
 */
function parseNginxEscaped(text: string): Row | undefined {
  const json = text.replace(/(?:\\x[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = Buffer.from(run.replace(/\\x/g, ''), 'hex');
    let decoded: string;
    try {
      decoded = UTF8.decode(bytes);
    } catch {
      decoded = bytes.toString('latin1');
    }
    return JSON.stringify(decoded).slice(1, -1);
  });
  try {
    const value: unknown = JSON.parse(json);
    return isRow(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const sampleRows = (lines: readonly string[]): Row[] => lines.map(parseObject).filter((r): r is Row => r !== undefined);

class JsonLinesParser implements LineParser {
  rejection: Rejection = { reason: 'invalid-json' };
  private mapper?: RowMapper;

  constructor(private readonly ctx: ParseContext) {
    if (ctx.firstLines !== undefined) this.mapper = new RowMapper(sampleRows(ctx.firstLines), ctx);
  }

  layout(): string {
    return `json (${this.mapper?.name ?? 'unmapped'})`;
  }

  notes(): string[] {
    return [];
  }

  parse(line: string, out: LogRecord): LineKind {
    const row = parseObject(line);
    if (row === undefined) {
      this.rejection = { reason: 'invalid-json', detail: 'not a JSON object' };
      return LINE_REJECTED;
    }
    // Forced with --log-format json: the first object decides the shape.
    this.mapper ??= new RowMapper([row], this.ctx);
    return mapRow(this.mapper, row, out);
  }
}

export const jsonLinesFormat: LogFormat = {
  ...describedBy(JSON_LINES),
  detect(firstLines, hints) {
    const rows = sampleRows(firstLines);
    if (rows.length === 0 || rows.length * 2 < firstLines.length) return 0;
    // JSON of no known shape is some other log, unless --map says which keys to read.
    return chooseShape(rows, hints?.fieldMap) ? 0.95 : 0;
  },
  create: (ctx) => new JsonLinesParser(ctx),
};

/**
 * What a top-level value holds: an array's elements are rows, an object is a row, and Azure
 * Monitor's `{"records": [...]}` (diagnostic logs in storage accounts and Event Hubs) wraps an
 * array of rows. The number is the depth at which the rows' container sits.
 */
const TOP_ARRAY = 1;
const TOP_OBJECT = 0;
const TOP_RECORDS = 2;

/**
 * The elements of top-level JSON arrays, and top-level objects themselves (pretty-printed objects
 * one after another, as `jq .` and log viewers write them), fed a line at a time. stream-json's
 * tokenizer (`jsonParser`, the synchronous core of its `parser()` stream: text in, tokens out,
 * state kept between calls) lets an element span any number of lines, and its Assembler builds
 * each element from the tokens, as `streamArray` does. The stream wrappers are not used: scan
 * hands over one line at a time and wants its outcome before the next.
 */
class ArrayElements {
  private readonly tokenize = jsonParser({ jsonStreaming: true, streamValues: false });
  private readonly asm = new Assembler();
  /** TOP_ARRAY, TOP_OBJECT or TOP_RECORDS: what the top-level value being read is. */
  top = TOP_ARRAY;

  /** Feeds one line; returns the elements it completed. Throws Error on malformed JSON. */
  feed(line: string): unknown[] {
    const tokens = this.tokenize(line + '\n');
    const done: unknown[] = [];
    if (typeof tokens === 'symbol') return done;
    for (const token of tokens.values) {
      this.consume(token);
      if (this.top === TOP_OBJECT) {
        if (this.asm.depth === 0) done.push(this.asm.current);
      } else if (this.asm.depth === this.top && (this.asm.current as unknown[]).length > 0) {
        done.push((this.asm.current as unknown[]).pop());
      }
    }
    return done;
  }

  private consume(token: Token): void {
    if (this.asm.depth === 0) {
      if (token.name !== 'startArray' && token.name !== 'startObject') throw new Error('top-level value is not an array or object');
      this.top = token.name === 'startArray' ? TOP_ARRAY : TOP_OBJECT;
    } else if (token.name === 'startArray' && this.isRecordsKey()) {
      this.top = TOP_RECORDS;
    }
    this.asm.consume(token);
  }

  /** At `"records":` as the first key of a top-level object. */
  private isRecordsKey(): boolean {
    return (
      this.top === TOP_OBJECT && this.asm.depth === 1 && this.asm.key === 'records' && Object.keys(this.asm.current as Row).length === 0
    );
  }

  /** Inside an element (an array's element, or a top-level object) not yet complete. */
  get open(): boolean {
    return this.asm.depth > this.top;
  }

  /** The element being built, as far as it has been read. */
  partial(): unknown {
    const rootLevel = this.top + 1;
    return this.asm.depth === rootLevel ? this.asm.current : this.asm.stack[rootLevel * 2 - 2];
  }
}

/** The layout the report names for each kind of top-level value. */
const TOP_LABELS: Record<number, string> = { [TOP_ARRAY]: 'json-array', [TOP_OBJECT]: 'json-objects', [TOP_RECORDS]: 'records > json' };
/** What opens the container of the rows, to start afresh in after malformed JSON. */
const OPENINGS: Record<number, string> = { [TOP_ARRAY]: '[', [TOP_OBJECT]: '', [TOP_RECORDS]: '{"records":[' };
/** A line that opens a records wrapper itself (one wrapper per line); only tested after malformed JSON. */
const RECORDS_WRAPPER = /^\s*\{\s*"records"\s*:/;

/** Where an element starts on a line (`  {`, `  ,{`): its indentation and whether a comma leads it. */
function elementStart(line: string): { indent: number; comma: boolean } | undefined {
  let i = 0;
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  const indent = i;
  const comma = line.charCodeAt(i) === 44; /* , */
  if (comma) i++;
  while (line.charCodeAt(i) === 32) i++;
  return line.charCodeAt(i) === 123 /* { */ ? { indent, comma } : undefined;
}

/** Lines that carry array punctuation only: `[`, `]`, `],`, `,`. */
const STRUCTURE = /^\s*[[\],\s]*$/;

/**
 * The objects of the first lines: the elements they complete and the one still open, if any
 * (`open`: an element longer than the lines detection sees, which may name its status key later).
 */
function sampleElements(lines: readonly string[]): { rows: Row[]; open: boolean } {
  const elements = new ArrayElements();
  const rows: Row[] = [];
  try {
    for (const line of lines) rows.push(...elements.feed(line).filter(isRow));
  } catch {
    // Damage further on is for the parser to reject; the lines before it are the sample.
  }
  const partial = elements.open ? elements.partial() : undefined;
  return isRow(partial) ? { rows: [...rows, partial], open: true } : { rows, open: false };
}

class JsonArrayParser implements LineParser {
  rejection: Rejection = { reason: 'invalid-json' };
  private elements = new ArrayElements();
  private mapper?: RowMapper;
  private label = '';
  /** Indentation of the lines that start elements, to resume at after a malformed one. */
  private elementIndent?: number;
  /** Set after malformed JSON: lines are skipped up to the next element's start. */
  private broken = false;
  /** Lines since the open element began. */
  private openFor = 0;
  /** Elements the current line completed after its first, handed out by `next`. */
  private queued: unknown[] = [];
  recordLinesBack = 0;

  constructor(private readonly ctx: ParseContext) {
    const rows = ctx.firstLines === undefined ? [] : sampleElements(ctx.firstLines).rows;
    if (chooseShape(rows, ctx.fieldMap)) this.mapper = new RowMapper(rows, ctx);
    this.relabel();
  }

  layout(): string {
    return this.label;
  }

  /** `json-array` for an array's elements, `json-objects` for objects one after another, `records > json` inside Azure's wrapper. */
  private relabel(): void {
    this.label = `${TOP_LABELS[this.elements.top]} (${this.mapper?.name ?? 'unmapped'})`;
  }

  notes(): string[] {
    // Called once the file is read: an element left open means it was cut off (a malformed one's
    // lines are rejected already).
    const notes =
      !this.broken && this.elements.open ? ['the JSON ends inside an element (truncated file?); its lines are counted as directives'] : [];
    if (this.mapper === undefined)
      notes.push(`no JSON element has the keys of a known shape (${SHAPES.map((s) => s.name).join(', ')}); name them with --map`);
    return notes;
  }

  parse(line: string, out: LogRecord): LineKind {
    this.queued = [];
    if (this.broken && !this.resume(line)) return this.skip(line);
    const between = !this.elements.open;
    const start = between ? elementStart(line) : undefined;
    const top = this.elements.top;
    let done: unknown[];
    try {
      done = this.elements.feed(line);
    } catch (error) {
      this.broken = true;
      this.rejection = { reason: 'invalid-json', detail: (error as Error).message };
      return LINE_REJECTED;
    }
    const wrapperOpened = this.elements.top === TOP_RECORDS && top !== TOP_RECORDS;
    if (this.elements.top !== top) this.relabel();
    // The `{` that opens Azure's wrapper is no element: its elements are indented within it.
    if (wrapperOpened) this.elementIndent = undefined;
    else if (start !== undefined) this.elementIndent ??= start.indent;
    this.openFor = between ? 0 : this.openFor + 1;
    this.recordLinesBack = this.openFor;
    // `}, {` closes one element and opens the next on the same line.
    if (done.length > 0 && this.elements.open) this.openFor = 0;
    if (done.length === 0) return LINE_DIRECTIVE;
    this.queued = done.slice(1);
    return this.outcome(done[0], out);
  }

  /**
   * The next element a one-line array (`[{…},{…}]`) or `}, {…}, {` completed: each has its own
   * outcome, counted as a line of its own (see LineParser.next). They began on this line.
   */
  next(out: LogRecord): LineKind | undefined {
    if (this.queued.length === 0) return undefined;
    this.recordLinesBack = 0;
    return this.outcome(this.queued.shift(), out);
  }

  private outcome(element: unknown, out: LogRecord): LineKind {
    if (!isRow(element)) {
      this.rejection = { reason: 'invalid-json', detail: 'array element is not an object' };
      return LINE_REJECTED;
    }
    return mapRow(this.mapperFor(element), element, out);
  }

  /**
   * Forced with --log-format json-array, or no known shape in the lines detection saw: the first
   * element of a known shape decides; elements before it are no requests (server messages).
   */
  private mapperFor(row: Row): RowMapper {
    if (this.mapper !== undefined) return this.mapper;
    const mapper = new RowMapper([row], this.ctx);
    if (mapper.name !== 'unmapped') {
      this.mapper = mapper;
      this.relabel();
    }
    return mapper;
  }

  /** After malformed JSON, a line starting an element at the elements' indentation starts afresh. */
  private resume(line: string): boolean {
    const start = elementStart(line);
    if (start === undefined || (this.elementIndent !== undefined && start.indent !== this.elementIndent)) return false;
    // A line that opens a wrapper of its own (one per line) needs no opening.
    const opening = RECORDS_WRAPPER.test(line) ? '' : OPENINGS[this.elements.top]!;
    this.elements = new ArrayElements();
    // A fresh container for the line to continue; `{}` stands for the element a leading comma follows.
    if (opening !== '') this.elements.feed(start.comma ? `${opening}{}` : opening);
    this.broken = false;
    return true;
  }

  /** A line of a malformed element: rejected, unless it is array punctuation (a directive). */
  private skip(line: string): LineKind {
    if (STRUCTURE.test(line)) return LINE_DIRECTIVE;
    this.rejection = { reason: 'invalid-json', detail: 'inside a malformed array element' };
    return LINE_REJECTED;
  }
}

export const jsonArrayFormat: LogFormat = {
  ...describedBy(JSON_ARRAY),
  detect(firstLines, hints) {
    // `{` starts pretty-printed objects too; JSON lines, where every line is a whole object, match
    // as well but the json format, listed first, wins the tie.
    const first = firstLines[0]?.trimStart().charCodeAt(0);
    if (first !== 91 /* [ */ && first !== 123 /* { */) return 0;
    const { rows, open } = sampleElements(firstLines);
    if (rows.length === 0) return 0;
    return chooseShape(rows, hints?.fieldMap) ? 0.95 : open ? 0.5 : 0;
  },
  create: (ctx) => new JsonArrayParser(ctx),
};
