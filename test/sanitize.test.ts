/**
 * Untrusted text (URIs, user agents) is inert at every output: escaped control characters and
 * bidi overrides for terminals, formula neutralising for CSV, entity escaping for HTML.
 */
import { describe, expect, it } from 'vitest';
import { csvField, forHtml, forTerminal, neutraliseFormula } from '../src/render/sanitize.js';
import { runInProcess } from './cli-run.js';

const HOSTILE = 'fixtures/malformed/hostile-text.log';
/** Anything a terminal would act on: C0/C1 controls (ESC, BEL, CSI) and bidi overrides. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal', () => {
  it('escapes ANSI sequences, OSC titles, C1 CSI and bidi overrides visibly', () => {
    expect(forTerminal('/\u001b[2J\u001b[31mred')).toBe('/\\x1b[2J\\x1b[31mred');
    expect(forTerminal('\u001b]0;pwned\u0007')).toBe('\\x1b]0;pwned\\x07');
    expect(forTerminal('\u009b31m')).toBe('\\x9b31m');
    expect(forTerminal('\u202eevil\u2066')).toBe('\\u202eevil\\u2066');
    expect(forTerminal('plain é 😀')).toBe('plain é 😀');
  });

  it('the table report of hostile URIs and agents has nothing a terminal would act on', async () => {
    const { status, stdout } = await runInProcess(['report', HOSTILE, '--top', '0']);
    expect(status).toBe(0);
    expect(stdout).not.toMatch(ACTIVE);
    expect(stdout).toContain('/\\x1b[2J\\x1b[31mred');
    const grouped = (await runInProcess(['report', HOSTILE, '--by', 'agent,uri'])).stdout;
    expect(grouped).not.toMatch(ACTIVE);
    expect(grouped).toContain('\\x1b]0;pwned\\x07');
    expect(grouped).toContain('\\u202eevil\\x9b31m');
  });

  it('rejected-line excerpts are sanitised too', async () => {
    const { stdout } = await runInProcess(['report', 'fixtures/malformed/binary-garbage.log']);
    expect(stdout).toContain('rejected binary: 1');
    expect(stdout).not.toMatch(ACTIVE);
  });
});

describe('CSV', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const text of ['=HYPERLINK("http://evil")', '+SUM(1)', '-2+3', '@cmd', '\t=1', '\r=1'])
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    expect(neutraliseFormula('/=cmd')).toBe('/=cmd');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(-5)).toBe('-5');
  });

  it('escapes control characters, so no cell can break a row or drive a terminal', () => {
    expect(csvField('a\r\nb')).toBe('a\\x0d\\x0ab');
    expect(csvField('\t=1')).toBe('\\x09=1');
    expect(csvField('\u001b[31m')).toBe('\\x1b[31m');
  });

  it('the CSV report of hostile agents is inert', async () => {
    const { status, stdout } = await runInProcess(['report', HOSTILE, '--by', 'agent', '--format', 'csv']);
    expect(status).toBe(0);
    expect(stdout).toContain(`\r\n"'=HYPERLINK(""http://evil"")",1,`);
    expect(stdout.replaceAll('\r\n', '')).not.toMatch(ACTIVE);
    for (const row of stdout.split('\r\n').slice(1)) expect(row).not.toMatch(/^[=+\-@]/);
  });
});

describe('JSON', () => {
  it('keeps hostile text exact but escapes C0 controls (JSON.stringify)', async () => {
    const body = JSON.parse((await runInProcess(['report', HOSTILE, '--format', 'json'])).stdout);
    expect(body.errorUris.map((r: { uri: string }) => r.uri)).toContain('/\u001b[2J\u001b[31mred');
  });
});

describe('HTML', () => {
  it('escapes markup and attribute quotes', () => {
    expect(forHtml('/<script>alert(1)</script>')).toBe('/&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(forHtml(`" onload='x' &`)).toBe('&quot; onload=&#39;x&#39; &amp;');
  });
});

describe('safeJson', () => {
  it('escapes DEL, C1 controls and bidi overrides that JSON.stringify leaves raw, keeping the value', async () => {
    const { safeJson } = await import('../src/render/sanitize.js');
    const hostile = { ua: 'x\u009b31mred\u007f \u202egnp.exe', ok: 'café' };
    const json = safeJson(hostile);
    expect(json).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
    expect(json).toContain('\\u009b');
    expect(JSON.parse(json)).toEqual(hostile);
  });
});
