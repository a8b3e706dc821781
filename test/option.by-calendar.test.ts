/**
 * Calendar and origin dimensions: hour-of-day, weekday, file, site-folder; and day/hour read in
 * time order with empty periods as zero. Expected values are hand-computed from the lines below.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

// 2021-04-01 was a Thursday, 2021-04-05 a Monday.
const LOG = [
  '#Fields: date time cs-uri-stem sc-status',
  '2021-04-05 10:00:00 /a 200',
  '2021-04-01 08:00:00 /a 200',
  '2021-04-03 23:59:59 /b 404',
  '2021-04-01 08:30:00 /b 200',
].join('\n');

async function csv(args: string[], input = LOG): Promise<string[]> {
  const { stdout, status } = await runInProcess(['report', ...args, '--format', 'csv'], { input });
  expect(status).toBe(0);
  return stdout.trimEnd().split('\r\n');
}

const firstColumns = (n: number) => (line: string) => line.split(',').slice(0, n).join(',');

describe('--by day and hour', () => {
  it('day: in date order, the days without requests as 0', async () => {
    expect((await csv(['-', '--by', 'day'])).map(firstColumns(2))).toEqual([
      'day,count',
      '2021-04-01,2',
      '2021-04-02,0',
      '2021-04-03,1',
      '2021-04-04,0',
      '2021-04-05,1',
    ]);
  });

  it('hour: every hour from the first to the last', async () => {
    const rows = await csv(['-', '--by', 'hour']);
    // 2021-04-01T08:00 to 2021-04-05T10:00 is 4 days and 2 hours: 98 + 1 hours.
    expect(rows).toHaveLength(1 + 99);
    expect(rows.slice(1, 4).map(firstColumns(2))).toEqual(['2021-04-01T08:00:00Z,2', '2021-04-01T09:00:00Z,0', '2021-04-01T10:00:00Z,0']);
  });

  it('--sort count brings back the busiest-first order without zero rows', async () => {
    expect((await csv(['-', '--by', 'day', '--sort', 'count'])).map(firstColumns(2))).toEqual([
      'day,count',
      '2021-04-01,2',
      '2021-04-03,1',
      '2021-04-05,1',
    ]);
  });
});

describe('--by hour-of-day and weekday', () => {
  it('hour-of-day: all 24 hours, 0 to 23', async () => {
    const rows = (await csv(['-', '--by', 'hour-of-day'])).map(firstColumns(2));
    expect(rows).toHaveLength(25);
    expect(rows[1]).toBe('0,0');
    expect(rows[9]).toBe('8,2');
    expect(rows[11]).toBe('10,1');
    expect(rows[24]).toBe('23,1');
  });

  it('weekday: Monday to Sunday', async () => {
    expect((await csv(['-', '--by', 'weekday'])).map(firstColumns(2))).toEqual([
      'weekday,count',
      'Mon,1',
      'Tue,0',
      'Wed,0',
      'Thu,2',
      'Fri,0',
      'Sat,1',
      'Sun,0',
    ]);
  });
});

describe('--by file and site-folder', () => {
  it('names the file and the W3SVC folder it sits in', async () => {
    const root = mkdtempSync(join(tmpdir(), 'logtally-site-'));
    for (const [site, lines] of [
      ['W3SVC1', 3],
      ['W3SVC2', 1],
    ] as const) {
      mkdirSync(join(root, site));
      const body = Array.from({ length: lines }, (_, i) => `2021-04-01 10:00:0${i} /x 200`).join('\n');
      writeFileSync(join(root, site, 'u_ex210401.log'), `#Fields: date time cs-uri-stem sc-status\n${body}\n`);
    }
    expect((await csv([root, '--by', 'site-folder'])).map(firstColumns(2))).toEqual(['site-folder,count', 'W3SVC1,3', 'W3SVC2,1']);
    const files = (await csv([root, '--by', 'file'])).map(firstColumns(2));
    expect(files).toEqual(['file,count', `${join(root, 'W3SVC1', 'u_ex210401.log')},3`, `${join(root, 'W3SVC2', 'u_ex210401.log')},1`]);
  });
});
