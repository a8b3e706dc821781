/**
 * A file mixing access-log layouts (Apache writes combined after common once its config changes;
 * a vhost line among them) tallies each line under the layout that read it, not the file's first.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const COMBINED = '10.0.0.1 - - [17/Dec/2025:09:03:02 +0000] "GET /x HTTP/1.1" 200 10 "-" "curl/8"';
const COMMON = '10.0.0.2 - - [17/Dec/2025:09:03:03 +0000] "GET /y HTTP/1.1" 404 10';
const VHOST = 'www.example.org:80 10.0.0.4 - - [17/Dec/2025:09:03:04 +0000] "GET /z HTTP/1.1" 200 10 "-" "curl/8"';

const formatsOf = async (lines: string[]) => {
  const result = await runInProcess(['report', '-', '--format', 'json'], { input: `${lines.join('\n')}\n` });
  return (JSON.parse(result.stdout) as { input: { formats: Record<string, number> } }).input.formats;
};

describe('format tally of a mixed access log', () => {
  it('names each line its layout: combined, common and vhost apart', async () => {
    expect(await formatsOf([COMBINED, COMMON, COMMON, VHOST, COMBINED, COMMON])).toEqual({ combined: 2, common: 3, vhost_combined: 1 });
  });

  it('a file of one layout has one entry', async () => {
    expect(await formatsOf([COMMON, COMMON])).toEqual({ common: 2 });
  });
});
