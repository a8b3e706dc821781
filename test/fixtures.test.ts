/**
 * One generic test runs every fixture: `fixtures/<format>/<case>.log` beside
 * `<case>.expected.json`. Expected files hold line accounting, code counts from an independent
 * count (test/tools/independent-count.awk for W3C) or upstream projects' expected values, and
 * optionally fields of chosen records.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, fileSource, readRecords } from '../src/index.js';

interface Expected {
  /** Detected format layouts with their record counts. */
  formats?: Record<string, number>;
  input: { lines: number; records: number; directives: number; blank: number; rejected: number; rejectedByReason?: Record<string, number> };
  codes?: Record<string, number>;
  /** Fields of records by 1-based line number. */
  records?: Record<string, Record<string, string | number | null>>;
  notes?: string[];
  /** Analyse with a forced --log-format or other options. */
  options?: { format?: string; localOffsetMinutes?: number };
}

const root = join(import.meta.dirname, '..', 'fixtures');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(root, d.name))
      .filter((f) => f.endsWith('.expected.json'))
      .map((f) => ({ format: d.name, name: f.replace('.expected.json', ''), dir: join(root, d.name) })),
  );

describe('fixtures', () => {
  it('has fixtures to run', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  for (const c of cases) {
    it(`${c.format}/${c.name}`, async () => {
      const expected = JSON.parse(readFileSync(join(c.dir, `${c.name}.expected.json`), 'utf8')) as Expected;
      const logPath = ['.log', '.log.gz', ''].map((ext) => join(c.dir, `${c.name}${ext}`)).find((p) => existsSync(p))!;
      const report = await analyse([fileSource(logPath)], expected.options ?? {});
      const { input } = report;
      expect(input.lines).toBe(input.records + input.directives + input.blank + input.rejected);
      expect({
        lines: input.lines,
        records: input.records,
        directives: input.directives,
        blank: input.blank,
        rejected: input.rejected,
      }).toEqual({
        lines: expected.input.lines,
        records: expected.input.records,
        directives: expected.input.directives,
        blank: expected.input.blank,
        rejected: expected.input.rejected,
      });
      if (expected.input.rejectedByReason) expect(input.rejectedByReason).toEqual(expected.input.rejectedByReason);
      if (expected.codes) expect(report.codes).toEqual(expected.codes);
      if (expected.formats) expect(input.formats).toEqual(expected.formats);
      if (expected.notes) for (const note of expected.notes) expect(input.notes.join('\n')).toContain(note);
      if (expected.records) {
        const byLine = new Map<number, Record<string, unknown>>();
        for await (const r of readRecords([fileSource(logPath)], expected.options ?? {})) byLine.set(r.line, r.record);
        for (const [line, fields] of Object.entries(expected.records)) {
          const record = byLine.get(Number(line));
          expect(record, `record at line ${line}`).toBeDefined();
          for (const [field, value] of Object.entries(fields)) {
            const actual =
              field === 'timestamp' && record!.timestamp !== undefined
                ? new Date(record!.timestamp as number).toISOString()
                : record![field];
            expect(actual ?? null, `line ${line} ${field}`).toEqual(value);
          }
        }
      }
    });
  }
});
