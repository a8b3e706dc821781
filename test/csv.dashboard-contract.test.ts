/**
 * CSV a dashboard can rely on: wide columns that never depend on the data, --columns, --no-text
 * and --bom. Expected counts are hand counts of fixtures/reports/errors-basic.log (10:00 has
 * records 1-7, 10:05 records 8-10, 10:10 none, 10:15 records 11-14).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { naturalOrder } from '../src/render/csv-contract.js';
import { ROOT, runInProcess } from './cli-run.js';

const BASIC = join(ROOT, 'fixtures', 'reports', 'errors-basic.log');

async function out(args: string[], input?: string): Promise<string> {
  const result = await runInProcess(args, { input });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

describe('wide CSV by class', () => {
  it('has every class in class order even when a log has only 2xx', async () => {
    const log = '#Fields: date time sc-status\n2021-04-01 10:00:00 200\n2021-04-01 10:07:00 204\n';
    expect(await out(['report', '-', '--interval', '5m', '--by', 'class', '--wide', '--format', 'csv'], log)).toBe(
      ['time,1xx,2xx,3xx,4xx,5xx,other', '2021-04-01T10:00:00Z,0,1,0,0,0,0', '2021-04-01T10:05:00Z,0,1,0,0,0,0', ''].join('\r\n'),
    );
  });
});

describe('wide CSV by code', () => {
  it('lists codes by status, then sub-status, then win32', () => {
    expect(['500.0.0', '404.13.0', '404.0.2', '401.2.5', '500.19.13', '404.0.3'].sort(naturalOrder)).toEqual([
      '401.2.5',
      '404.0.2',
      '404.0.3',
      '404.13.0',
      '500.0.0',
      '500.19.13',
    ]);
  });

  it('--columns fixes the series: in the order given, 0 for one with no requests, others left out', async () => {
    const csv = await out(['errors', BASIC, '--interval', '5m', '--wide', '--format', 'csv', '--columns', '500.19.13,503,404.0.2']);
    expect(csv).toBe(
      [
        'time,500.19.13,503,404.0.2',
        '2021-04-01T10:00:00Z,2,0,2',
        '2021-04-01T10:05:00Z,0,0,1',
        '2021-04-01T10:10:00Z,0,0,0',
        '2021-04-01T10:15:00Z,1,0,1',
        '',
      ].join('\r\n'),
    );
    const report = await out([
      'report',
      BASIC,
      '--interval',
      '5m',
      '--by',
      'code',
      '--wide',
      '--format',
      'csv',
      '--columns',
      '200.0.0,404.0.2',
    ]);
    expect(report.split('\r\n').slice(0, 2)).toEqual(['time,200.0.0,404.0.2', '2021-04-01T10:00:00Z,2,2']);
  });
});

describe('long CSV', () => {
  it('--columns keeps the named columns in order; an unknown one is a usage error naming the choices', async () => {
    const csv = await out(['errors', BASIC, '--format', 'csv', '--columns', 'status,substatus,count']);
    expect(csv).toBe(['status,substatus,count', '404,0,4', '500,19,3', '401,2,2', ''].join('\r\n'));
    const bad = await runInProcess(['errors', BASIC, '--format', 'csv', '--columns', 'status,speed']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--columns: no column "speed" here; choose from status,');
  });

  it('--no-text leaves meaning and likely cause out of every row', async () => {
    const full = await out(['errors', BASIC, '--interval', '5m', '--format', 'csv']);
    const bare = await out(['errors', BASIC, '--interval', '5m', '--format', 'csv', '--no-text']);
    const header = bare.split('\r\n')[0]!.split(',');
    expect(header).not.toContain('meaning');
    expect(header).not.toContain('likely_cause');
    expect(header).toHaveLength(full.split('\r\n')[0]!.split(',').length - 2);
    expect(bare.split('\r\n')).toHaveLength(full.split('\r\n').length);
    expect(bare.length).toBeLessThan(full.length / 2);
  });

  it('report --by takes --columns and --no-text too', async () => {
    const csv = await out(['report', BASIC, '--by', 'status', '--format', 'csv', '--no-text', '--columns', 'status,count,latency_max_ms']);
    // Hand-read: 200 ×4 (max 12 ms), 404 ×4 (62), 500 ×3 (125), 401 ×2 (1), 304 ×1 (3).
    expect(csv).toBe(['status,count,latency_max_ms', '200,4,12', '404,4,62', '500,3,125', '401,2,1', '304,1,3', ''].join('\r\n'));
  });
});

describe('--bom', () => {
  it('starts the CSV with the UTF-8 byte order mark, only when asked', async () => {
    const withBom = await out(['report', BASIC, '--format', 'csv', '--bom']);
    expect(Buffer.from(withBom).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(withBom.slice(1)).toBe(await out(['report', BASIC, '--format', 'csv']));
    expect((await out(['errors', BASIC, '--format', 'csv', '--bom'])).charCodeAt(0)).toBe(0xfeff);
  });
});
