/**
 * The errors table cuts each meaning to fit the terminal; the details under it give it whole, so a
 * reader at 80 columns still learns what `503 AppOffline` or `500.19.13` is.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseErrors, fileSource, renderErrors } from '../src/index.js';

/** Wrapped, aligned text read back as one line of single spaces, to find phrases a wrap may have split. */
const unwrapped = (text: string): string => text.split(/\s+/).join(' ');

describe('errors table details', () => {
  it('give an HTTP.sys reason its full meaning, which it has no likely cause to repeat', async () => {
    const report = await analyseErrors([fileSource(join('fixtures', 'reports', 'httperr.log'))]);
    const out = unwrapped(renderErrors(report, { format: 'table', top: 0, width: 80 }));
    expect(out).toContain(
      '503 AppOffline (2) meaning Service Unavailable; HTTP.sys AppOffline: HTTP.sys answered 503 because the application was taken offline after repeated application errors (rapid-fail protection).',
    );
  });

  it('give an IIS code its full decoded meaning before the likely cause', async () => {
    const report = await analyseErrors([fileSource(join('fixtures', 'reports', 'errors-basic.log'))]);
    const out = unwrapped(renderErrors(report, { format: 'table', top: 0, width: 80 }));
    expect(out).toMatch(
      /500\.19\.13 \(3\) meaning Internal Server Error — .* ERROR_INVALID_DATA \(13\): .* could not be parsed likely cause web\.config/,
    );
  });
});
