/**
 * Every built-in format's samples (parsers/formats/): detected as that format without flags, read
 * with no line rejected, and each record carrying the fields its entry expects. The expected values
 * were read off the sample lines by hand; adding a format is adding an entry, and this test checks it.
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_CATALOG, sampleLayout, type CatalogEntry, type ExpectedRecord } from '../parsers/formats/index.js';
import { SHAPES } from '../parsers/field-map.js';
import { detectFormat, ENVELOPES, FORMATS, resolveFormat, type LogFormat } from '../parsers/index.js';
import { fixedOffset } from '../parsers/local-time.js';
import type { LogRecord } from '../parsers/record.js';
import { LINE_DIRECTIVE, LINE_RECORD, type LineKind, type LineParser } from '../parsers/types.js';

interface Parsed {
  format?: string;
  records: LogRecord[];
  layouts: string[];
  rejected: string[];
}

/** What scan does with a file's lines, without the rest of the pipeline: detect on the first lines, then parse each. */
function parseSample(lines: readonly string[], forced?: LogFormat): Parsed {
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const format = forced ?? detectFormat(nonBlank).format;
  const parsed: Parsed = { format: format?.name, records: [], layouts: [], rejected: [] };
  if (format === undefined) return parsed;
  const parser = format.create({ file: 'sample.log', wanted: 'all', localTime: fixedOffset(0), firstLines: nonBlank });
  const account = (kind: LineKind, record: LogRecord, line: string, p: LineParser) => {
    if (kind === LINE_RECORD) {
      parsed.records.push(record);
      parsed.layouts.push(p.layout());
    } else if (kind !== LINE_DIRECTIVE) parsed.rejected.push(`${p.rejection.reason}: ${line}`);
  };
  for (const line of nonBlank) {
    let record: LogRecord = {};
    account(parser.parse(line, record), record, line, parser);
    for (let kind = parser.next?.((record = {})); kind !== undefined; kind = parser.next!((record = {})))
      account(kind, record, line, parser);
  }
  return parsed;
}

/** A record as its entry states it: `time` in ISO-8601 UTC for the timestamp. */
function asExpected(record: LogRecord, expected: ExpectedRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(expected))
    out[field] = field === 'time' ? (record.timestamp === undefined ? undefined : new Date(record.timestamp).toISOString()) : record[field];
  return out;
}

function detectedName(entry: CatalogEntry): string | RegExp {
  return entry.family === 'envelope' ? new RegExp(`^${entry.name}:`) : entry.logFormat;
}

describe('format catalog', () => {
  it('names each format once, with a description, an https spec link and a sample', () => {
    const names = FORMAT_CATALOG.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of FORMAT_CATALOG) {
      expect(entry.description.length, entry.name).toBeGreaterThan(10);
      expect(entry.spec, entry.name).toMatch(/^https:\/\/\S+$/);
      expect(entry.samples.length, entry.name).toBeGreaterThan(0);
      for (const sample of entry.samples) expect(sample.records.length, entry.name).toBeGreaterThan(0);
    }
  });

  it('has an entry for every format detection tries, every envelope and every JSON/CSV shape', () => {
    const names = new Set(FORMAT_CATALOG.map((e) => e.name));
    for (const format of [...FORMATS, ...ENVELOPES]) expect(names.has(format.name), format.name).toBe(true);
    for (const shape of SHAPES) expect(names.has(`json (${shape.name})`) || names.has(`csv (${shape.name})`), shape.name).toBe(true);
  });

  it('resolves every alias to its entry, and no alias is taken twice', () => {
    const aliases = FORMAT_CATALOG.flatMap((e) => (e.aliases ?? []).map((alias) => ({ alias, name: e.name })));
    expect(aliases.map((a) => a.alias)).toEqual(['iis', 'apache', 'nginx', 'nginx-combined', 'ncsa', 'clf', 'jsonl', 'ndjson']);
    for (const { alias, name } of aliases) expect(resolveFormat(alias)?.name, alias).toBe(name);
  });

  for (const entry of FORMAT_CATALOG) {
    entry.samples.forEach((sample, i) => {
      it(`${entry.name} sample ${i + 1}: detected, read whole, the expected records`, () => {
        const parsed = parseSample(sample.lines);
        const wanted = detectedName(entry);
        if (typeof wanted === 'string') expect(parsed.format).toBe(wanted);
        else expect(parsed.format).toMatch(wanted);
        expect(parsed.rejected).toEqual([]);
        expect(parsed.layouts).toEqual(sample.records.map(() => sampleLayout(entry, sample)));
        expect(parsed.records.map((r, n) => asExpected(r, sample.records[n] ?? {}))).toEqual(sample.records);
        // The --log-format value `logtally formats` gives (an envelope's with the format found inside) reads it the same.
        const forced = resolveFormat(entry.family === 'envelope' ? parsed.format! : entry.logFormat);
        expect(forced, entry.logFormat).toBeDefined();
        expect(parseSample(sample.lines, forced).records).toEqual(parsed.records);
      });
    });
  }
});
