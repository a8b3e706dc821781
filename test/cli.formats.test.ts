/**
 * `logtally formats`: the table names every built-in format, `NAME` shows its samples, JSON carries
 * every field, and a --log-format value the listing gives is one `report` accepts.
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_CATALOG } from '../parsers/formats/index.js';
import { runInProcess } from './cli-run.js';

describe('logtally formats', () => {
  it('lists every format in a table, one row each, in catalog order', async () => {
    const { status, stdout, stderr } = await runInProcess(['formats'], { columns: 160 });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const rows = stdout
      .split('\n')
      .filter((l) => l.startsWith('│ '))
      .map((l) => l.split('│')[1]!.trim());
    expect(rows[0]).toBe('format');
    expect(rows.slice(1)).toEqual(FORMAT_CATALOG.map((e) => e.name));
    expect(rows.slice(1)).toContain('json (caddy)');
    expect(rows.slice(1)).toContain('syslog');
  });

  it('fits a narrow terminal, saying where descriptions are whole', async () => {
    const { stdout } = await runInProcess(['formats'], { columns: 60 });
    expect(Math.max(...stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(60);
    expect(stdout).toMatch(/Descriptions in full.*logtally\s+formats\s+NAME/s);
  });

  it('shows a format in full: how to force it, its spec, its sample and the fields it gives', async () => {
    const { status, stdout } = await runInProcess(['formats', 'combined', 'json (caddy)'], { columns: 200 });
    expect(status).toBe(0);
    expect(stdout).toContain('combined  (access-log; --log-format combined, also apache, nginx, nginx-combined)');
    expect(stdout).toContain('spec: https://httpd.apache.org/docs/current/mod/mod_log_config.html#formats');
    expect(stdout).toContain('    203.0.113.7 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326');
    expect(stdout).toContain('sc-status=200');
    expect(stdout).toContain('json (caddy)  (json; --log-format json)');
  });

  it('finds a format by an alias, once however often it is named', async () => {
    const { status, stdout } = await runInProcess(['formats', 'ncsa', 'common', 'clf']);
    expect(status).toBe(0);
    expect(stdout.match(/^common {2}\(access-log; --log-format common, also ncsa, clf\)$/gm)).toHaveLength(1);
  });

  it('gives JSON with every field of every format', async () => {
    const { status, stdout } = await runInProcess(['formats', '--format', 'json']);
    expect(status).toBe(0);
    const list = JSON.parse(stdout) as { name: string; family: string; logFormat: string; spec: string; samples: { lines: string[] }[] }[];
    expect(list).toHaveLength(FORMAT_CATALOG.length);
    const syslog = list.find((f) => f.name === 'syslog')!;
    expect(syslog).toMatchObject({ family: 'envelope', logFormat: 'syslog:FORMAT', spec: 'https://www.rfc-editor.org/rfc/rfc5424' });
    expect(syslog.samples[0]).toMatchObject({ layout: 'syslog > combined' });
    expect(syslog.samples[0]!.lines).toHaveLength(3);
    expect(Object.keys(list.find((f) => f.name === 'combined')!)).toEqual([
      'name',
      'family',
      'logFormat',
      'aliases',
      'description',
      'spec',
      'samples',
    ]);
  });

  it('refuses an unknown name and an unknown --format with exit 2', async () => {
    const unknown = await runInProcess(['formats', 'combined', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('logtally formats: no format named "nope"; run logtally formats for the list\n');
    expect(unknown.stdout).toBe('');
    const bad = await runInProcess(['formats', '--format', 'csv']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be table, json or markdown');
  });

  it('names --log-format values that report accepts', async () => {
    const traefik = FORMAT_CATALOG.find((e) => e.name === 'traefik')!;
    const forced = await runInProcess(['report', '--log-format', traefik.logFormat, '--format', 'json', '-'], {
      input: traefik.samples[0]!.lines.join('\n'),
    });
    expect(forced.status).toBe(0);
    expect(JSON.parse(forced.stdout).input).toMatchObject({ records: 1, rejected: 0 });
    const caddy = FORMAT_CATALOG.find((e) => e.name === 'json (caddy)')!;
    const json = await runInProcess(['report', '--log-format', caddy.logFormat, '--format', 'json', '-'], {
      input: caddy.samples[0]!.lines.join('\n'),
    });
    expect(JSON.parse(json.stdout).input).toMatchObject({ records: 1, rejected: 0, formats: { 'json (caddy)': 1 } });
  });
});
