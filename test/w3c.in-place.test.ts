/**
 * W3C and HTTPERR lines read in place (W3cParser.parseIn): a line is `text[start, end)` of the
 * decoded text around it, and must be read exactly as the line made a string of its own is: same
 * kind, record, sample record, layout and notes, whatever the lines after it hold. The risky lines
 * are those with fewer values than the layout: searched for in place, a column's end is found in a
 * later line, and the line must still be read as short.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { detectFormat } from '../parsers/index.js';
import { fixedOffset } from '../parsers/local-time.js';
import type { LogRecord } from '../parsers/record.js';
import { DEFAULT_REPORT_NEEDS } from './default-report-needs.js';
import type { LineParser, ParseContext } from '../parsers/types.js';

const folders = ['w3c', 'w3c-headerless', 'httperr'];

function fixtureTexts(): [string, string[]][] {
  return folders.flatMap((folder) => {
    const dir = new URL(`../fixtures/${folder}/`, import.meta.url);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.log'))
      .map((f): [string, string[]] => [`${folder}/${f}`, readFileSync(new URL(f, dir), 'utf8').split(/\r?\n/)]);
  });
}

/** Data lines bent as real files have them: values missing, added, doubled spaces, a quote, a tab. */
function bent(line: string): string[] {
  if (line.startsWith('#') || line.trim() === '') return [line];
  const spaces = [...line.matchAll(/ /g)].map((m) => m.index);
  return [
    line,
    ...spaces.map((at) => line.slice(0, at)),
    `${line} extra`,
    line.replace(' ', '  '),
    line.replace(' ', ' "a b" '),
    line.replace(' ', '\t'),
    line.replace(/ \d{3} /, ' 2x0 '),
  ];
}

const REPORT = DEFAULT_REPORT_NEEDS;
const ALL: Omit<ParseContext, 'file' | 'firstLines'> = { wanted: 'all', localTime: fixedOffset(0) };

/**
 * Each line's outcome through `read`, with its record, sample record (every third line, read by
 * readSample right after, as the scanner does) and the layout after it.
 */
function outcomes(parser: LineParser, lines: readonly string[], read: (line: string, i: number, out: LogRecord) => number) {
  return lines.map((line, i) => {
    const out: LogRecord = {};
    const kind = read(line, i, out);
    const sample: LogRecord | undefined = i % 3 === 0 ? {} : undefined;
    if (sample !== undefined && kind === 0) parser.readSample?.(line, sample);
    return JSON.stringify([line, kind, kind === 0 ? [out, sample] : parser.rejection, parser.layout()]);
  });
}

describe('W3C lines read in place', () => {
  for (const [name, ctxBase] of [
    ['every field', ALL],
    ["the default report's fields", REPORT],
  ] as const) {
    it(`reads every fixture line, bent or not, as the line made a string is (${name})`, () => {
      let files = 0;
      for (const [file, original] of fixtureTexts()) {
        const lines = original.flatMap(bent).filter((l) => l.trim() !== '');
        const format = detectFormat(lines.slice(0, 16)).format;
        if (format === undefined || !['w3c', 'httperr'].includes(format.name)) continue;
        files++;
        const ctx: ParseContext = { ...ctxBase, file, firstLines: lines.slice(0, 16) };
        const strings = format.create(ctx);
        const inPlace = format.create(ctx);
        expect(inPlace.parseIn, file).toBeDefined();
        const text = `${lines.join('\n')}\n`;
        const starts: number[] = [0];
        for (const line of lines) starts.push(starts.at(-1)! + line.length + 1);
        const expected = outcomes(strings, lines, (line, _i, out) => strings.parse(line, out));
        const got = outcomes(inPlace, lines, (line, i, out) => inPlace.parseIn!(text, starts[i]!, starts[i]! + line.length, out));
        expect(got, file).toEqual(expected);
        expect(inPlace.notes(), file).toEqual(strings.notes());
      }
      expect(files).toBeGreaterThan(20);
    });
  }

  it('reads a layout of one column, whose lines have no space, as strings are read', () => {
    const lines = ['#Fields: sc-status', ...Array.from({ length: 300 }, (_, i) => String(200 + (i % 7) * 50)), '200 404', 'abc', '301'];
    const format = detectFormat(lines.slice(0, 16)).format!;
    expect(format.name).toBe('w3c');
    const ctx: ParseContext = { ...ALL, file: 'one.log', firstLines: lines.slice(0, 16) };
    const strings = format.create(ctx);
    const inPlace = format.create(ctx);
    const text = lines.join('\n');
    let at = 0;
    const got = outcomes(inPlace, lines, (line, _i, out) => {
      const kind = inPlace.parseIn!(text, at, at + line.length, out);
      at += line.length + 1;
      return kind;
    });
    expect(got).toEqual(outcomes(strings, lines, (line, _i, out) => strings.parse(line, out)));
    // Independent of the parser: `200 404` is two values for one column, `abc` no status.
    expect(got.filter((o) => JSON.parse(o)[1] === 0)).toHaveLength(301);
  });

  it('makes no string of a data line of the layout after the first of its block', () => {
    const lines = [
      '#Fields: date time cs-method cs-uri-stem sc-status time-taken',
      ...Array.from(
        { length: 50 },
        (_, i) => `2024-01-01 00:00:${String(i % 60).padStart(2, '0')} GET /p${i} ${i % 5 === 0 ? 404 : 200} ${i}`,
      ),
    ];
    const format = detectFormat(lines.slice(0, 16)).format!;
    const parser = format.create({ ...REPORT, file: 'a.log', firstLines: lines.slice(0, 16) });
    const asString = vi.spyOn(parser, 'parse');
    const text = lines.join('\n');
    let at = 0;
    for (const line of lines) {
      parser.parseIn!(text, at, at + line.length, {});
      at += line.length + 1;
    }
    // The #Fields line, and the block's first data line (its service is told from it).
    expect(asString).toHaveBeenCalledTimes(2);
  });
});
