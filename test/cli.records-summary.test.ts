/**
 * `logtally records` says on stderr how many records it wrote: with a filter, the records read are
 * not the records written, and the count must not suggest they are.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const MID_FILE = 'fixtures/w3c/beats-fields-change-mid-file.log';

describe('records summary on stderr', () => {
  it('counts the records written beside the lines rejected', async () => {
    const { status, stdout, stderr } = await runInProcess(['records', MID_FILE]);
    expect(status).toBe(0);
    const written = stdout.trim().split('\n').length;
    expect(stderr).toContain(`logtally records: ${written} records written; 2 lines rejected (field-count-mismatch 2)`);
  });

  it('with a filter, says how many were read, filtered out and written', async () => {
    const { status, stdout, stderr } = await runInProcess(['records', MID_FILE, '--method', 'POST']);
    expect(status).toBe(0);
    const written = stdout.trim() === '' ? 0 : stdout.trim().split('\n').length;
    const read = (await runInProcess(['records', MID_FILE])).stdout.trim().split('\n').length;
    expect(written).toBeLessThan(read);
    expect(stderr).toContain(
      `logtally records: ${read} records read, ${read - written} filtered out, ${written} written; 2 lines rejected`,
    );
  });
});
