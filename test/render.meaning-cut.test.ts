/**
 * A report's meanings are what it is for: when the table cuts one to fit the terminal, a footnote
 * says where to read it whole; when nothing is cut, there is no footnote.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, analyseErrors, fileSource, renderErrors, renderReport } from '../src/index.js';

const NOTE = '(meanings cut to fit: `logtally explain CODE` prints one in full, --format csv all of them)';
const oneLine = (text: string): string => text.split(/\s+/).join(' ');

describe('a cut meaning', () => {
  it('gets a footnote saying where to read it whole', async () => {
    const report = await analyse([fileSource(join('fixtures', 'reports', 'errors-basic.log'))]);
    expect(oneLine(renderReport(report, { format: 'table', width: 80 }))).toContain(NOTE);
  });

  it('in an errors time series, which has no details to give it whole, gets the footnote too', async () => {
    const report = await analyseErrors([fileSource(join('fixtures', 'reports', 'errors-basic.log'))], { intervalMs: 300_000 });
    expect(oneLine(renderErrors(report, { format: 'table', top: 0, width: 80 }))).toContain(NOTE);
    const plain = await analyseErrors([fileSource(join('fixtures', 'reports', 'errors-basic.log'))]);
    expect(renderErrors(plain, { format: 'table', top: 0, width: 80 })).not.toContain('meanings cut');
  });

  it('is not mentioned when every meaning fits', async () => {
    const report = await analyse([fileSource(join('fixtures', 'reports', 'errors-basic.log'))]);
    expect(renderReport(report, { format: 'table', width: 400 })).not.toContain('meanings cut');
  });
});
