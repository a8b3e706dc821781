/**
 * Messages for the mistakes users make: a mistyped command, a short option, a --columns name no
 * record has, an option given twice, and filters that keep nothing.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const LOG = '#Fields: date time c-ip cs-uri-stem sc-status\n2025-01-01 10:00:00 192.0.2.1 /a 200\n2025-01-01 11:00:00 192.0.2.2 /b 404\n';

describe('messages', () => {
  it('a mistyped command gets a suggestion', async () => {
    const result = await runInProcess(['erorrs', '-'], { input: LOG });
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('logtally: unknown command "erorrs"; did you mean errors?');
  });

  it('an unknown short option is not told to go after --', async () => {
    const f = await runInProcess(['report', '-', '-f', 'csv'], { input: LOG });
    expect(f.status).toBe(2);
    expect(f.stderr).toContain('unknown option -f; did you mean --format, --follow or --from?');
    const x = await runInProcess(['report', '-', '-x'], { input: LOG });
    expect(x.stderr).toContain('unknown option -x');
    for (const r of [f, x]) expect(r.stderr).not.toContain('goes after --');
  });

  it('--columns naming a column no record has is exit 2, the column named', async () => {
    const result = await runInProcess(['records', '-', '--format', 'csv', '--columns', 'c-ip,status'], { input: LOG });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no record has status');
    const good = await runInProcess(['records', '-', '--format', 'csv', '--columns', 'c-ip,sc-status'], { input: LOG });
    expect(good.status).toBe(0);
  });

  it('--by given twice is refused, not silently the last', async () => {
    const result = await runInProcess(['report', '-', '--by', 'uri', '--by', 'status'], { input: LOG });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--by is given more than once');
  });

  it('a time window that keeps nothing says so and why', async () => {
    const result = await runInProcess(['report', '-', '--since', '2026-01-01'], { input: LOG });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'the filters kept none of the 2 records read (--since 2026-01-01); --since and --until compare UTC times',
    );
  });

  it('a window that keeps some says nothing', async () => {
    const result = await runInProcess(['report', '-', '--since', '2025-01-01T10:30Z'], { input: LOG });
    expect(result.stderr).toBe('');
  });
});
