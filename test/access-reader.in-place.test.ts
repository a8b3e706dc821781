/**
 * Access-log lines read in place (parsers/access-reader.ts compileAccessReaderIn, AccessLogParser
 * parseIn): a line is `text[start, end)` of a decoded piece holding other lines around it, and must
 * be read exactly as the line made a string of its own is, whatever the lines after it hold. The
 * risky lines are those whose value ends are not in the line (a missing closing quote, a cut line):
 * searched for in place, the end is found in a later line, and the line must still not be read.
 */
import { describe, expect, it, vi } from 'vitest';
import { ACCESS_FORMATS, compiledAccessLayouts } from '../parsers/access-formats.js';
import { compileAccessReader, compileAccessReaderIn } from '../parsers/access-reader.js';
import { ACCESS_LAYOUTS } from '../parsers/formats/access-layouts.js';
import { sampleLines } from '../parsers/formats/format-info.js';
import { fixedOffset } from '../parsers/local-time.js';
import type { LogRecord } from '../parsers/record.js';
import type { ParseContext } from '../parsers/types.js';
import { LINES } from './access-lines.js';
import { DEFAULT_REPORT_NEEDS } from './default-report-needs.js';

const ALL: ParseContext = { file: 't.log', wanted: 'all', localTime: fixedOffset(0) };
/** The default report's fields: the request for errors only, the overview's for sampled lines only. */
const REPORT: ParseContext = { ...DEFAULT_REPORT_NEEDS, file: 't.log' };

/** Every layout's first sample, cut at every length: lines that end inside a value. */
const CUT_LINES = ACCESS_LAYOUTS.map((layout) => sampleLines(layout)[0]!).flatMap((line) =>
  Array.from({ length: line.length }, (_, n) => line.slice(0, n + 1)),
);

/** `line` inside a text, between other lines (quotes, brackets and blanks after it), with the line's bounds. */
function embedded(line: string, before: string, after: string, newline: string): { text: string; start: number; end: number } {
  const start = before.length + newline.length;
  return { text: `${before}${newline}${line}${newline}${after}${newline}`, start, end: start + line.length };
}

describe('access-log lines read in place', () => {
  const layouts = compiledAccessLayouts();
  const combinedLine = '10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1 "-" "-"';
  // Quotes, brackets, blanks and dashes right after the line, then a whole line of the common shape.
  const after = `"x" ] [y] " - \n${combinedLine}`;
  let read = 0;

  for (const format of layouts) {
    it(`reads each line as the line made a string is, whatever follows it: ${format.label}`, () => {
      const mismatches: string[] = [];
      for (const ctx of [ALL, REPORT]) {
        const inPlace = compileAccessReaderIn(format, ctx);
        const asString = compileAccessReader(format, ctx);
        if (inPlace === undefined || asString === undefined) return;
        for (const line of [...LINES, ...CUT_LINES]) {
          const expected: LogRecord = {};
          const expectedSample: LogRecord = {};
          const ok = asString(line, expected, expectedSample);
          const { text, start, end } = embedded(line, combinedLine, after, '\n');
          const record: LogRecord = {};
          const sample: LogRecord = {};
          const got = JSON.stringify([inPlace(text, start, end, record, sample), record, sample]);
          const want = JSON.stringify([ok, expected, expectedSample]);
          if (got !== want) mismatches.push(`${line} → ${got}, as a string ${want}`);
          if (ok) read++;
        }
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
    });
  }

  it('read the common shape of many lines in place above', () => {
    expect(read).toBeGreaterThan(1000);
  });

  it('gives every line of a file the kind and record the parser gives the line as a string', () => {
    // Common shape, other layouts, cut lines and garbage mixed: the parser also switches between
    // reading in place and reading strings (after a line its fast reader does not take).
    const lines = [...LINES.slice(0, 400), ...CUT_LINES.slice(0, 400), 'garbage', '', '"', ...LINES.slice(400, 800)];
    const text = lines.join('\n');
    for (const name of ['combined', 'common', 'nginx-main']) {
      const format = ACCESS_FORMATS.find((f) => f.name === name)!;
      const strings = format.create(ALL);
      const inPlace = format.create(ALL);
      let start = 0;
      for (const line of lines) {
        const expected: LogRecord = {};
        const kind = strings.parse(line, expected);
        const record: LogRecord = {};
        expect(inPlace.parseIn!(text, start, start + line.length, record), `${name}: ${line}`).toBe(kind);
        expect(record, line).toEqual(expected);
        expect(inPlace.layout()).toBe(strings.layout());
        start += line.length + 1;
      }
    }
  });

  it('makes no string of a line of the common shape', () => {
    const lines = Array.from(
      { length: 50 },
      (_, i) =>
        `10.0.0.${i} - - [10/Oct/2000:13:55:${String(i % 60).padStart(2, '0')} -0700] "GET /p${i} HTTP/1.1" ${i % 5 === 0 ? 404 : 200} ${i} "-" "curl/8"`,
    );
    const parser = ACCESS_FORMATS.find((f) => f.name === 'combined')!.create(REPORT);
    const asString = vi.spyOn(parser, 'parse');
    const text = [...lines, 'not a log line', ...lines].join('\n');
    let at = 0;
    for (const line of [...lines, 'not a log line', ...lines]) {
      parser.parseIn!(text, at, at + line.length, {});
      at += line.length + 1;
    }
    // The line of another shape, and the line after it (read as a string, which reads in place again).
    expect(asString).toHaveBeenCalledTimes(2);
  });
});
