/**
 * nginx lines with the Host and an X-Forwarded-For list before the client, unquoted or quoted,
 * alone or mixed into a file of vhost lines: the client is the address nginx saw, the list is kept.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const UNQUOTED = '203.0.113.7 2001:db8::1, 198.51.100.4 192.0.2.10 - - [17/Dec/2025:09:03:02 +0000] "GET /a HTTP/1.1" 200 10 "-" "curl/8"';
const QUOTED =
  'www.example.org:80 "198.51.100.2, 203.0.113.9" 192.0.2.11 - - [17/Dec/2025:09:03:03 +0000] "GET /b HTTP/1.1" 404 10 "-" "curl/8"';
const vhost = (i: number) => `www.example.org:80 192.0.2.2${i} - - [17/Dec/2025:09:03:0${i} +0000] "GET /v HTTP/1.1" 200 10 "-" "curl/8"`;

const rows = async (lines: string[]) => {
  const result = await runInProcess(['records', '-'], { input: `${lines.join('\n')}\n` });
  expect(result.stderr).toBe('');
  return result.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .map((r) => [r['c-ip'], r['cs(X-Forwarded-For)'] ?? null, r['cs-uri-stem']]);
};

describe('nginx: Host, X-Forwarded-For list, then the client', () => {
  it('unquoted list', async () => {
    expect(await rows([UNQUOTED, UNQUOTED])).toEqual([
      ['192.0.2.10', '2001:db8::1, 198.51.100.4', '/a'],
      ['192.0.2.10', '2001:db8::1, 198.51.100.4', '/a'],
    ]);
  });

  it('quoted list after host:port', async () => {
    expect(await rows([QUOTED])).toEqual([['192.0.2.11', '198.51.100.2, 203.0.113.9', '/b']]);
  });

  it('mixed into a file of vhost lines: every line read', async () => {
    expect(await rows([vhost(1), vhost(2), vhost(3), UNQUOTED, vhost(4), QUOTED])).toEqual([
      ['192.0.2.21', null, '/v'],
      ['192.0.2.22', null, '/v'],
      ['192.0.2.23', null, '/v'],
      ['192.0.2.10', '2001:db8::1, 198.51.100.4', '/a'],
      ['192.0.2.24', null, '/v'],
      ['192.0.2.11', '198.51.100.2, 203.0.113.9', '/b'],
    ]);
  });
});
