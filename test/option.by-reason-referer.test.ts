/**
 * `--by reason` (HTTP.sys s-reason, with its meaning) and `--by referer`, counted against an
 * independent reading of the files: each line split on blanks under the #Fields in force.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, fileSource, memorySource } from '../src/index.js';
import { groupsTable } from '../src/report/report-view.js';

const HTTPERR = ['logjoint-three-header-blocks.log', 'plaso-httperr.log', 'plaso-httperr-restart.log'].map((f) =>
  join(import.meta.dirname, '..', 'fixtures', 'httperr', f),
);

/** s-reason per data line, by the #Fields in force: the oracle. */
function reasonsOf(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  let at = -1;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#Fields:')) at = line.slice(8).trim().split(/\s+/).indexOf('s-reason');
    else if (line !== '' && !line.startsWith('#') && at !== -1) {
      const reason = line.split(' ')[at]!;
      const key = reason === '-' ? '' : reason;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

describe('--by reason', () => {
  it('counts HTTPERR entries per s-reason as an independent split does', async () => {
    const expected = new Map<string, number>();
    for (const file of HTTPERR)
      for (const [reason, n] of reasonsOf(readFileSync(file, 'utf8'))) expected.set(reason, (expected.get(reason) ?? 0) + n);
    const report = await analyse(
      HTTPERR.map((f) => fileSource(f)),
      { by: ['reason'] },
    );
    expect(new Map(Object.entries(report.groups))).toEqual(expected);
    expect(expected.get('Timer_ConnectionIdle')).toBeGreaterThan(0);
  });

  it("gives each reason HTTP.sys's meaning, before the status it was logged with", async () => {
    const report = await analyse(
      HTTPERR.map((f) => fileSource(f)),
      { by: ['status', 'reason'] },
    );
    const { rows, columns } = groupsTable(report, { top: 0, share: false });
    const meaningAt = columns.findIndex((c) => c.name === 'meaning');
    const meaningOf = (reason: string) => rows.find((r) => r[1] === reason)?.[meaningAt];
    expect(meaningOf('Timer_ConnectionIdle')).toMatch(/idle/i);
    expect(meaningOf('Hostname')).toMatch(/host name/i);
  });
});

describe('--by referer', () => {
  it('counts referring pages, an absent referer as empty', async () => {
    const line = (referer: string) => `10.0.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "${referer}" "curl/8"`;
    const text = [line('https://a.example/'), line('-'), line('https://a.example/'), line('https://b.example/x')].join('\n');
    const report = await analyse([memorySource('access.log', text)], { by: ['referer'] });
    expect(report.groups).toEqual({ 'https://a.example/': 2, 'https://b.example/x': 1, '': 1 });
  });
});
