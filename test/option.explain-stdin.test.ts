/** `logtally explain -`: codes read from stdin (a column cut from a log), each distinct code once. */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const inputs = (stdout: string): string[] => (JSON.parse(stdout) as { input: string }[]).map((a) => a.input);

describe('explain -', () => {
  it('reads codes separated by blanks or lines, in the order first seen, each once', async () => {
    const { status, stdout } = await runInProcess(['explain', '--format', 'json', '-'], {
      input: '500.19.13\r\n404 404.3\n\n500.19.13\n  win32:64\n404',
    });
    expect(status).toBe(0);
    expect(inputs(stdout)).toEqual(['500.19.13', '404', '404.3', 'win32:64']);
  });

  it('keeps the arguments around - in their places', async () => {
    const { stdout } = await runInProcess(['explain', '--format', 'json', '401.2', '-', '503'], { input: '404\n' });
    expect(inputs(stdout)).toEqual(['401.2', '404', '503']);
  });

  it('an unknown code read from stdin is a usage error, the others still explained', async () => {
    const { status, stdout, stderr } = await runInProcess(['explain', '-'], { input: '404\nbogus\n' });
    expect(status).toBe(2);
    expect(stdout).toContain('404  (HTTP status)');
    expect(stderr).toContain('Unknown code "bogus"');
  });

  it('a line too long to be codes is refused in one line, not read whole', async () => {
    const { status, stderr } = await runInProcess(['explain', '-'], { input: `${'4'.repeat(70 * 1024)}\n` });
    expect(status).toBe(2);
    expect(stderr).toBe('logtally: a line on stdin is longer than 64 KiB: explain - reads codes, not whole logs\n');
  });
});
