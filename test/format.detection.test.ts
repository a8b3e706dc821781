/**
 * Detection: each format's samples are recognised as that format without flags, a folder mixing
 * formats reads every file with its own format, and a file that is no web log gets one message
 * naming what was tried.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, FORMATS, resolveFormat } from '../parsers/index.js';
import { analyse, fileSource, memorySource, resolveSources } from '../src/index.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

describe('format detection', () => {
  it('recognises every format from its own samples', () => {
    for (const format of FORMATS) {
      if (format.name === 'w3c-headerless') continue; // its sample is an HTTPERR line without the header: checked below
      expect(detectFormat(format.samples.filter((l) => l.trim() !== '')).format?.name, format.name).toBe(format.name);
    }
    expect(detectFormat(FORMATS.find((f) => f.name === 'w3c-headerless')!.samples).format?.name).toBe('w3c-headerless');
  });

  it('reads a folder mixing W3C, HTTPERR, IIS native, Apache and Cloudflare JSON logs', async () => {
    const report = await analyse(await resolveSources([join(fixtures, 'mixed-folder')]), { localOffsetMinutes: 0 });
    expect(report.input.files).toBe(5);
    expect(report.input.rejected).toBe(0);
    expect(report.input.formats).toEqual({
      'w3c (15 fields)': 1,
      'httperr (13 fields)': 4,
      'iis-native': 4,
      combined: 3,
      'json (cloudflare)': 1,
    });
  });

  it('refuses a Windows Firewall W3C log with one message, not a report of rejects', async () => {
    await expect(analyse([fileSource(join(fixtures, 'not-web', 'brianary-pf040903.log'))])).rejects.toMatchObject({
      code: 'NOT_A_WEB_LOG',
      message: expect.stringMatching(/without web server fields .*Windows Firewall.*\nformats tried on the skipped files: httperr, w3c/),
    });
  });

  it("skips lnav's IIS 4 FTP service log as not a web log, naming the service", async () => {
    await expect(analyse([fileSource(join(fixtures, 'not-web', 'lnav-iis4-ftp.log'))])).rejects.toMatchObject({
      code: 'NOT_A_WEB_LOG',
      message: expect.stringMatching(/lnav-iis4-ftp\.log: an IIS FTP service log: its sc-status holds FTP reply codes/),
    });
  });

  it('names every format tried when nothing matches', async () => {
    await expect(analyse([memorySource('notes.txt', 'hello\nworld')])).rejects.toMatchObject({
      code: 'UNKNOWN_FORMAT',
      message: expect.stringContaining(
        `notes.txt: not a log format logtally knows\nformats tried on the skipped files: ${FORMATS.map((f) => f.name).join(', ')}`,
      ),
    });
  });

  it('names the formats tried once, not in every skipped file', async () => {
    const log = '#Fields: date time cs-uri-stem sc-status\n2024-03-01 00:00:00 / 200\n';
    const { input } = await analyse([memorySource('a.txt', 'hello'), memorySource('b.txt', 'world'), memorySource('u_ex1.log', log)]);
    expect(input.skipped.map((s) => s.message)).toEqual([
      'a.txt: not a log format logtally knows',
      'b.txt: not a log format logtally knows',
    ]);
    expect(input.notes.filter((n) => n.startsWith('formats tried on the skipped files: '))).toHaveLength(1);
  });

  it('resolves --log-format names, aliases and apache:/nginx: strings; rejects unknown ones', async () => {
    expect(resolveFormat('ncsa')?.name).toBe('common');
    expect(resolveFormat('apache:combined')?.name).toBe('apache:combined');
    expect(resolveFormat('nginx:$remote_addr $status')?.name).toBe('nginx:$remote_addr $status');
    expect(resolveFormat('syslog')).toBeUndefined();
    await expect(analyse([memorySource('a.log', 'x')], { format: 'syslog' })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(analyse([memorySource('a.log', 'x')], { format: 'apache:%h%u' })).rejects.toThrow(
      /--log-format apache:%h%u: .*nothing between them/,
    );
  });
});
