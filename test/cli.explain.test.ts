import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { explainCommand } from '../src/cli/commands/explain.js';
import type { CliIO, ParsedArgs } from '../src/cli/command.js';
import { runInProcess } from './cli-run.js';

async function runExplain(positionals: string[], values: ParsedArgs['values'] = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const io: CliIO = {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns: 80,
    timeZone: 'UTC',
  };
  const code = await explainCommand.run({ values, positionals }, io);
  return { code, out, err };
}

describe('logtally explain', () => {
  it('prints a readable block per code', async () => {
    const r = await runExplain(['404.3', '500.19.13']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('404.3  (IIS status.substatus)');
    expect(r.out).toContain('500.19.13  (IIS status.substatus.win32)');
    expect(r.out).toMatch(/meaning: +The file extension has no MIME type/);
    expect(r.out).toMatch(/diagnosis: +web\.config/);
    expect(r.out).toMatch(/source: +https:\/\//);
  });

  it('names what each argument was read as, in the terms of the log', async () => {
    const r = await runExplain(['0x80070005', '999', 'ERROR_ACCESS_DENIED', 'httperr:Timer_ConnectionIdle', 'queuefull']);
    expect(r.code).toBe(0);
    const headings = r.out.split('\n').filter((line) => line !== '' && !line.startsWith(' '));
    expect(headings).toEqual([
      '0x80070005  (sc-win32-status 2147942405)',
      '999  (sc-win32-status 999)',
      'ERROR_ACCESS_DENIED  (sc-win32-status 5)',
      'httperr:Timer_ConnectionIdle  (HTTPERR s-reason)',
      'queuefull  (HTTPERR s-reason QueueFull)',
    ]);
  });

  it('--format json prints one object per argument', async () => {
    const args = ['404', '404.3', '500.19.13', 'win32:64', '0x80070005', 'httperr:Timer_ConnectionIdle'];
    const r = await runExplain(args, { format: 'json' });
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(parsed.map((o) => o.input)).toEqual(args);
    for (const o of parsed) {
      for (const key of ['input', 'code', 'kind', 'meaning', 'source']) expect(typeof o[key]).toBe('string');
    }
  });

  it('reports an unknown code on stderr, prints the others and exits 2', async () => {
    const r = await runExplain(['404', 'abc\u001b[2J', '503.2']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('404  (HTTP status)');
    expect(r.out).toContain('503.2  (IIS status.substatus)');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/Unknown code "abc\[2J"/);
    expect(r.err).not.toMatch(/\u001b/);
  });

  it('strips control characters from echoed input', async () => {
    const bad = await runExplain(['404\u009b']);
    expect(bad.code).toBe(2);
    expect(bad.err.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    // JSON keeps the argument as given: its escaping makes control characters inert.
    const json = await runExplain(['404\r\n'], { format: 'json' });
    expect(json.code).toBe(0);
    expect(json.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect((JSON.parse(json.out) as Array<{ input: string; code: string }>)[0]).toMatchObject({ input: '404\r\n', code: '404' });
  });

  it('JSON has one object per argument, unknown ones with an error in their place', async () => {
    const { code, out } = await runExplain(['404', 'bogus', 'win32:64'], { format: 'json' });
    expect(code).toBe(2);
    const answers = JSON.parse(out) as Array<{ input: string; code: string | null; kind: string | null; error?: string }>;
    expect(answers.map((a) => a.input)).toEqual(['404', 'bogus', 'win32:64']);
    expect(answers[1]).toMatchObject({ code: null, kind: null });
    expect(answers[1]!.error).toMatch(/Unknown code "bogus"/);
    expect(answers[2]!.kind).toBe('win32');
  });

  it('rejects a missing code and a bad --format', async () => {
    expect((await runExplain([])).code).toBe(2);
    const bad = await runExplain(['404'], { format: 'xml' });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--format must be table or json/);
  });

  it('has help with examples', () => {
    expect(explainCommand.name).toBe('explain');
    expect(explainCommand.help).toMatch(/Examples:/);
    expect(explainCommand.help).toContain('logtally explain 500.19.13');
  });
});

describe('logtally explain through the CLI', () => {
  it('accepts --debug, as every command does', async () => {
    const result = await runInProcess(['explain', '--debug', '404']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('404  (HTTP status)');
  });
});
