/**
 * A sibling layout's compiled reader (parsers/access-reader.ts compileSiblingReader), used when a
 * file's lines are of a layout other than the parser's first (nginx main read with `--log-format
 * combined`, a file mixing common, combined and vhost lines): a line it reads must be one the
 * general order gives to that same layout, with the same record. Checked for every sibling of
 * several parsers on the whole line corpus, and for whole parsers on mixed files, line by line,
 * against the general matchers alone.
 */
import { describe, expect, it } from 'vitest';
import { ACCESS_FORMATS, familyOf } from '../parsers/access-formats.js';
import { AccessLogParser } from '../parsers/access-log.js';
import { compileSiblingReader } from '../parsers/access-reader.js';
import { ACCESS_LAYOUTS } from '../parsers/formats/access-layouts.js';
import { fixedOffset } from '../parsers/local-time.js';
import type { LogRecord } from '../parsers/record.js';
import { LINE_RECORD, type LineKind, type ParseContext } from '../parsers/types.js';
import { LINES } from './access-lines.js';
import { runs } from './helpers/exhaustive.js';

const CTX: ParseContext = { file: 't.log', wanted: 'all', localTime: fixedOffset(0) };
/** Also as the default report asks: the status, and the request only for errors. */
const REPORT: ParseContext = {
  ...CTX,
  wanted: new Set(['sc-status', 'cs-method', 'cs-uri-stem', 'timestamp']),
  errorOnly: new Set(['cs-method', 'cs-uri-stem']),
};

interface Reading {
  kind: LineKind;
  layout: string;
  record: LogRecord;
}

/**
 * Each line through a parser: what it was, which layout read it, the record's wanted fields. Those
 * wanted only for errors may be left out of other records (the compiled readers do), so they are
 * compared on errors.
 */
function readAll(parser: AccessLogParser, lines: readonly string[], ctx: ParseContext): Reading[] {
  return lines.map((line) => {
    const record: LogRecord = {};
    const kind = parser.parse(line, record);
    const { wanted, errorOnly } = ctx;
    if (wanted !== 'all') for (const key of Object.keys(record)) if (!wanted.has(key)) delete record[key];
    if ((record['sc-status'] as number) < 400) for (const key of errorOnly ?? []) delete record[key];
    return { kind, layout: parser.layout(), record };
  });
}

const indexOf = (name: string) => ACCESS_LAYOUTS.findIndex((l) => l.name === name);
const FIRSTS = ['combined', 'nginx-main', 'common', 'vhost_combined'];

describe('sibling readers against the general order', () => {
  for (const first of FIRSTS) {
    it(`reads a line only as the general order would: siblings of ${first}`, () => {
      const formats = familyOf(indexOf(first));
      const general = readAll(new AccessLogParser(formats, CTX), LINES, CTX);
      let read = 0;
      for (let index = 1; index < formats.length; index++) {
        const sibling = compileSiblingReader(formats, index, CTX);
        if (sibling === undefined) continue;
        LINES.forEach((line, n) => {
          const record: LogRecord = {};
          if (!sibling(line, record)) return;
          read++;
          expect({ kind: LINE_RECORD, layout: formats[index]!.label, record }, line).toEqual(general[n]);
        });
      }
      expect(read).toBeGreaterThan(100);
    });
  }
});

describe('access-log parsers with and without compiled readers', () => {
  /** Every fifth line of the corpus (tenth in a quick run, whose corpus is a sample already): all its kinds, in less time. */
  const MIXED = LINES.filter((_, n) => n % runs(10, 5) === 0);
  const byLayout = (readings: Reading[]) =>
    MIXED.map((line, n) => ({ line, layout: readings[n]!.layout })).sort((a, b) => a.layout.localeCompare(b.layout));
  const cases = [
    ...ACCESS_FORMATS.map((_, index) => ({ index, ctx: CTX })),
    ...['combined', 'nginx-main', 'common'].map((name) => ({ index: indexOf(name), ctx: REPORT })),
  ];

  for (const { index, ctx } of cases) {
    const name = ACCESS_FORMATS[index]!.name;
    it(`reads a mixed file line by line as the general matchers do: ${name}${ctx === REPORT ? ' (report fields)' : ''}`, () => {
      const general = readAll(new AccessLogParser(familyOf(index), ctx), MIXED, ctx);
      expect(readAll(ACCESS_FORMATS[index]!.create(ctx) as AccessLogParser, MIXED, ctx)).toEqual(general);
      // Runs of one layout after another, as in a file whose config changed: the siblings stay in use.
      const layoutRuns = byLayout(general).map((r) => r.line);
      expect(readAll(ACCESS_FORMATS[index]!.create(ctx) as AccessLogParser, layoutRuns, ctx)).toEqual(
        readAll(new AccessLogParser(familyOf(index), ctx), layoutRuns, ctx),
      );
    });
  }
});
