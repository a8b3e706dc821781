/**
 * A folder walk reads what a web server's log folder holds: IIS's *.log, Red Hat httpd's *_log, and
 * logrotate's copies of either (plain or gzipped), and leaves other files alone.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveSources } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'logtally-folder-names-'));
const LINE = '127.0.0.1 - - [10/Oct/2024:13:55:36 +0000] "GET / HTTP/1.1" 200 2326\n';
const READ = [
  'access.log',
  'access.log.1',
  'access.log.2.gz',
  'access_log',
  'access_log-20240101',
  'access_log-20240102.gz',
  'u_ex240101.log',
  'u_ex240101.log.gz',
];
const LEFT = ['notes.txt', 'access.log.bak', 'catalog', 'changelog', 'access.log.1.old'];
mkdirSync(join(dir, 'logs'));
for (const name of [...READ, ...LEFT]) writeFileSync(join(dir, 'logs', name), name.endsWith('.gz') ? gzipSync(LINE) : LINE);

describe('a folder walk', () => {
  it('reads *.log, *_log and their rotated and gzipped copies, nothing else', async () => {
    const names = (await resolveSources([join(dir, 'logs')])).map((s) => s.name.slice(join(dir, 'logs').length + 1));
    expect(names.sort()).toEqual([...READ].sort());
  });
});
