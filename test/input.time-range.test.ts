/**
 * input.timeRange: the span of the records read, in JSON and the text header, merged across
 * partials; and the note that says why filters on time left nothing. Expected values come from awk
 * over the fixture's date and time columns.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, analyseErrors, compileFilter, fileSource, memorySource, mergeReports } from '../src/index.js';
import { ROOT, runInProcess } from './cli-run.js';

const BASIC = join(ROOT, 'fixtures', 'reports', 'errors-basic.log');

/** Earliest and latest `date time` of the data lines, as ISO-8601 UTC (the fixture is in UTC, as IIS writes). */
function awkSpan(): { first: string; last: string } {
  const out = spawnSync(
    'awk',
    ['!/^#/ { t = $1 "T" $2 "Z"; if (min == "" || t < min) min = t; if (t > max) max = t } END { print min, max }', BASIC],
    {
      encoding: 'utf8',
    },
  ).stdout.trim();
  const [first, last] = out.split(' ');
  return { first: first!, last: last! };
}

describe('input.timeRange', () => {
  it('is the span of the records, whenever every time is read', async () => {
    const report = await analyse([fileSource(BASIC)], { by: ['day'] });
    expect(report.input.timeRange).toEqual(awkSpan());
    const errors = await analyseErrors([fileSource(BASIC)], { intervalMs: 300_000 });
    expect(errors.input.timeRange).toEqual(awkSpan());
  });

  it('is absent when only some times are read, rather than the span of the errors alone', async () => {
    const errors = await analyseErrors([fileSource(BASIC)]);
    expect(errors.input.timeRange).toBeUndefined();
  });

  it('merges to the earliest first and the latest last', async () => {
    const a = '#Fields: date time sc-status\n2021-04-01 10:00:00 200\n2021-04-01 12:00:00 200\n';
    const b = '#Fields: date time sc-status\n2021-03-31 23:59:59 200\n2021-04-01 11:00:00 500\n';
    const options = { by: ['hour' as const] };
    const [ra, rb] = await Promise.all([analyse([memorySource('a', a)], options), analyse([memorySource('b', b)], options)]);
    expect(mergeReports(ra, rb).input.timeRange).toEqual({ first: '2021-03-31T23:59:59Z', last: '2021-04-01T12:00:00Z' });
  });

  it('is a line of the text header and a field of JSON input', async () => {
    const span = awkSpan();
    const text = await runInProcess(['report', BASIC, '--by', 'day']);
    expect(text.stdout).toContain(`time span: ${span.first} to ${span.last}`);
    const json = await runInProcess(['report', BASIC, '--since', '2021-01-01', '--format', 'json']);
    expect(JSON.parse(json.stdout).input.timeRange).toEqual(span);
  });
});

describe('a filter that leaves nothing says why', () => {
  it('all records before --since', async () => {
    const { stdout } = await runInProcess(['report', BASIC, '--since', '2022-01-01']);
    expect(stdout).toContain(`note: all 14 records are before --since 2022-01-01T00:00:00Z (the last is at ${awkSpan().last})`);
  });

  it('all records at or after --until', async () => {
    const filter = compileFilter({ until: Date.parse('2021-04-01T10:00:00Z') });
    const report = await analyse([fileSource(BASIC)], { filter });
    expect(report.input.notes).toContain(
      `all 14 records are at or after --until 2021-04-01T10:00:00Z (the first is at ${awkSpan().first})`,
    );
  });

  it('no note when some records are kept, or when another filter left nothing', async () => {
    const kept = await analyse([fileSource(BASIC)], { filter: compileFilter({ since: Date.parse('2021-04-01T10:10:00Z') }) });
    expect(kept.input.notes.join(' ')).not.toContain('--since');
    const other = await analyse([fileSource(BASIC)], { filter: compileFilter({ since: Date.parse('2021-01-01'), method: ['PATCH'] }) });
    expect(other.input.filteredOut).toBe(14);
    expect(other.input.notes.join(' ')).not.toContain('--since');
  });
});
