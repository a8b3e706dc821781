/**
 * Access logs (Apache, nginx, JSON) carry no IIS sub-status or Win32 code: the terminal table leaves
 * those columns out instead of showing columns of dashes; CSV and JSON keep a fixed set of columns.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const NGINX = 'fixtures/nginx/lnav-shop-access.log.gz';

describe('IIS-only columns', () => {
  it('an nginx log: the table shows status, count, share and meaning under "Top statuses"', async () => {
    const out = (await runInProcess(['report', NGINX])).stdout;
    expect(out).toContain('Top statuses\n');
    expect(out).not.toContain('substatus');
    expect(out).toMatch(/│ status │ count │ share │ meaning +│/);
    expect(out).toMatch(/│ +404 │ +24 │ +2\.4% │ Not Found +│/);
  });

  it('an nginx log: CSV and JSON keep substatus and win32, empty', async () => {
    expect((await runInProcess(['report', NGINX, '--format', 'csv'])).stdout.split('\r\n')[0]).toBe('status,substatus,win32,count,meaning');
    const codes = JSON.parse((await runInProcess(['report', NGINX, '--format', 'json'])).stdout).codes;
    expect(codes[0]).toEqual({ status: 200, substatus: null, win32: null, count: 938, share: 0.938, meaning: 'OK' });
  });

  it('an IIS log keeps every column and the status.substatus.win32 title', async () => {
    const out = (await runInProcess(['report', 'fixtures/w3c'])).stdout;
    expect(out).toContain('Top status.substatus.win32\n');
    expect(out).toMatch(/│ status │ substatus │ win32 │ count │ share │ meaning/);
  });
});
