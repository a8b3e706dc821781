/**
 * `records --columns` with a name no record has (`status` for `sc-status`) still writes the column,
 * empty, but names it on stderr: an empty column loads into a database as if it were data.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const BASIC = 'fixtures/reports/errors-basic.log';

describe('records --columns', () => {
  it('names the columns no record had a value for', async () => {
    const { status, stdout, stderr } = await runInProcess([
      'records',
      BASIC,
      '--format',
      'csv',
      '--columns',
      'timestamp,status,c_ip,sc-status',
    ]);
    expect(status).toBe(2); // a usage error (issue 17), the rows still written
    expect(stdout.split('\r\n')[1]).toBe('2021-04-01T10:00:01Z,,,200');
    expect(stderr).toBe(
      "logtally records: no record has status, c_ip; fields have W3C names (sc-status, c-ip, cs-uri-stem …) or, for custom fields, the log's own\n",
    );
  });

  it('says nothing when every column had a value somewhere', async () => {
    const { status, stderr } = await runInProcess([
      'records',
      BASIC,
      '--format',
      'csv',
      '--columns',
      'timestamp,sc-status,cs-uri-stem,file,line',
    ]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
  });
});
