/**
 * JSON-lines access logs: one object per line (nginx `escape=json`, Caddy, Cloudflare Logpush, or
 * any shape given with `--map`). Lines that parse but carry no request (a server's own messages,
 * such as Caddy's startup lines) are counted with directives: they are neither records nor damage.
 * Spec: https://jsonlines.org/
 */
import type { LogRecord } from '../src/record.js';
import { chooseShape, compileShape, type RowReader } from './field-map.js';
import { LINE_DIRECTIVE, LINE_RECORD, LINE_REJECTED, type LineKind, type LineParser, type LogFormat, type ParseContext, type Rejection } from './types.js';

/**
 * Start of the JSON object: docker compose prefixes lines with `service  | `, which is skipped.
 * -1 when the line is not an object.
 */
function objectStart(line: string): number {
  if (line.charCodeAt(0) === 123 /* { */) return 0;
  const bar = line.indexOf('| {');
  return bar !== -1 && bar < 64 ? bar + 2 : -1;
}

function parseObject(line: string): Record<string, unknown> | undefined {
  const start = objectStart(line);
  if (start === -1) return undefined;
  try {
    const value: unknown = JSON.parse(start === 0 ? line : line.slice(start));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const sampleRows = (lines: readonly string[]): Record<string, unknown>[] =>
  lines.map(parseObject).filter((r): r is Record<string, unknown> => r !== undefined);

class JsonLinesParser implements LineParser {
  rejection: Rejection = { reason: 'invalid-json' };
  private read?: RowReader;
  private statusPath: string[] = [];
  private shapeName = 'unmapped';

  constructor(private readonly ctx: ParseContext) {
    if (ctx.firstLines !== undefined) this.useShape(sampleRows(ctx.firstLines));
  }

  layout(): string {
    return `json (${this.shapeName})`;
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
    if (this.read === undefined) this.useShape([row]);
    if (!this.hasStatus(row)) return LINE_DIRECTIVE;
    this.read!(row, out);
    return LINE_RECORD;
  }

  private useShape(rows: readonly Record<string, unknown>[]): void {
    const shape = chooseShape(rows, this.ctx.fieldMap);
    this.shapeName = shape?.name ?? 'unmapped';
    this.read = compileShape(shape?.fields ?? {}, this.ctx.wanted, this.ctx.localOffsetMinutes, shape?.span);
    this.statusPath = (shape?.fields['sc-status'] ?? '').split('|')[0]!.split('.');
  }

  /** A row without the status key is not a request (a server's own message). */
  private hasStatus(row: Record<string, unknown>): boolean {
    let value: unknown = row;
    for (const step of this.statusPath) {
      if (value === null || typeof value !== 'object') return false;
      value = (value as Record<string, unknown>)[step];
    }
    return value !== undefined;
  }
}

export const jsonLinesFormat: LogFormat = {
  name: 'json',
  title: 'JSON lines (nginx JSON, Caddy, Cloudflare, or --map)',
  spec: 'https://jsonlines.org/',
  samples: [
    '{"ClientIP":"203.0.113.9","ClientRequestHost":"www.example.com","ClientRequestMethod":"GET","ClientRequestURI":"/a?b=1","EdgeResponseStatus":404,"EdgeResponseBytes":120,"EdgeStartTimestamp":1712790000100000000,"EdgeEndTimestamp":1712790000123000000}',
    '{"time_iso8601":"2024-04-10T23:00:00+00:00","remote_addr":"203.0.113.7","request":"GET /x HTTP/1.1","status":"200","body_bytes_sent":"12","request_time":"0.004"}',
  ],
  detect(firstLines) {
    const rows = sampleRows(firstLines);
    if (rows.length === 0 || rows.length * 2 < firstLines.length) return 0;
    // JSON of no known shape is some other log; read it with --log-format json --map.
    return chooseShape(rows, undefined) ? 0.95 : 0;
  },
  create: (ctx) => new JsonLinesParser(ctx),
};
