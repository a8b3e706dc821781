/**
 * `--log-format` naming a layout other than the file's (`nginx` is an alias of combined, so an
 * nginx `main` file read with it is read by a sibling layout): the report is the one of the run
 * without the option, each line tallied under the layout that wrote it. The fixture mixes nginx
 * main, combined and common lines (fixtures/README.md); its status counts are awk's
 * (`awk '{c[$9]++} END {for (k in c) print k, c[k]}'`) and its layouts the generator's blocks.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runInProcess } from './cli-run.js';

const FILE = join(ROOT, 'fixtures', 'access-mixed', 'generated-main-combined-common.log');

const AWK_STATUS_COUNTS = {
  200: 227,
  206: 1,
  301: 6,
  302: 5,
  304: 26,
  400: 1,
  401: 6,
  403: 1,
  404: 19,
  405: 1,
  412: 1,
  500: 2,
  502: 1,
  503: 2,
  504: 1,
};

interface JsonReport {
  input: { records: number; rejected: number; formats: Record<string, number> };
  codes: { status: number; count: number }[];
}

const OPTIONS = [
  ['--log-format', 'nginx'],
  ['--log-format', 'combined'],
  ['--log-format', 'common'],
  ['--log-format', 'nginx-main'],
];

describe('--log-format naming a sibling of the file layout', () => {
  it('reads the mixed fixture with no option: counts as awk, layouts as generated', async () => {
    const result = await runInProcess(['report', FILE, '--format', 'json']);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.input).toMatchObject({ records: 300, rejected: 0, formats: { 'nginx main': 150, combined: 110, common: 40 } });
    expect(Object.fromEntries(report.codes.map((c) => [c.status, c.count]))).toEqual(AWK_STATUS_COUNTS);
  });

  for (const option of OPTIONS) {
    it(`report ${option.join(' ')} prints what the run without it prints, table and JSON`, async () => {
      for (const format of ['table', 'json']) {
        const detected = await runInProcess(['report', FILE, '--format', format]);
        const told = await runInProcess(['report', FILE, '--format', format, ...option]);
        expect(told.status).toBe(0);
        expect(told.stdout).toBe(detected.stdout);
      }
    });
  }
});
