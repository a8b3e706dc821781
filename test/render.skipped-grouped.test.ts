/**
 * Files skipped for one reason are one entry in the terminal summary: a log folder's rotated nginx
 * error logs would otherwise repeat the same reason a screenful of times. JSON keeps every file.
 */
import { describe, expect, it } from 'vitest';
import { emptyInputSummary, type InputSummary } from '../src/scan/input-summary.js';
import { renderInputSummary } from '../src/render/input-summary-text.js';

const UNKNOWN = 'not a log format logtally knows (tried w3c, combined)';
const skippedAs = (files: string[], reason = UNKNOWN): InputSummary['skipped'] =>
  files.map((file) => ({ file, code: 'UNKNOWN_FORMAT', message: `${file}: ${reason}` }));
const summaryLines = (skipped: InputSummary['skipped']): string[] =>
  renderInputSummary({ ...emptyInputSummary(), skipped }, 200)
    .split('\n')
    .filter((line) => line.startsWith('  skipped: '));

describe('skipped files in the terminal summary', () => {
  it('one file keeps its message as it is', () => {
    expect(summaryLines(skippedAs(['error.log']))).toEqual([`  skipped: error.log: ${UNKNOWN}`]);
  });

  it('several with one reason are one entry, naming three and counting the rest', () => {
    expect(summaryLines(skippedAs(['error.log', 'error.log.1', 'error.log.2', 'error.log.3.gz', 'error.log.4.gz']))).toEqual([
      `  skipped: 5 files (error.log, error.log.1, error.log.2 and 2 more): ${UNKNOWN}`,
    ]);
  });

  it('different reasons stay apart', () => {
    const skipped = [...skippedAs(['a.log', 'b.log']), ...skippedAs(['pfirewall.log'], 'a W3C log without web server fields')];
    expect(summaryLines(skipped)).toEqual([
      `  skipped: 2 files (a.log, b.log): ${UNKNOWN}`,
      '  skipped: pfirewall.log: a W3C log without web server fields',
    ]);
  });
});
