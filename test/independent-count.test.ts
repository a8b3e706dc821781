/**
 * Counts by status.substatus.win32 over real IIS logs must equal an independent count, to the line.
 * The independent count is an awk program (test/tools/independent-count.awk) that shares no code
 * with logtally; it handles unquoted W3C only, so quoted-value files are left to their fixtures.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, fileSource } from '../src/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'w3c');
const awkScript = join(import.meta.dirname, 'tools', 'independent-count.awk');
const hasAwk = spawnSync('awk', ['BEGIN{}']).status === 0;
const unquoted = readdirSync(dir).filter((f) => f.endsWith('.log') && !readFileSync(join(dir, f), 'latin1').includes('"'));

describe.skipIf(!hasAwk)('independent count (awk)', () => {
  it('covers the unquoted W3C fixtures', () => {
    expect(unquoted.length).toBeGreaterThan(15);
  });

  for (const name of unquoted) {
    it(name, async () => {
      const path = join(dir, name);
      const awk = JSON.parse(spawnSync('awk', ['-f', awkScript, path], { encoding: 'utf8' }).stdout);
      const report = await analyse([fileSource(path)]);
      const { lines, records, directives, blank, rejected } = report.input;
      expect({ lines, records, directives, blank, rejected }).toEqual({
        lines: awk.lines,
        records: awk.records,
        directives: awk.directives,
        blank: awk.blank,
        rejected: awk.rejected,
      });
      expect(report.codes).toEqual(awk.codes);
    });
  }
});
