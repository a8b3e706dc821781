/**
 * VRL's parse_apache_log / parse_nginx_log / parse_common_log test cases (fixtures/vrl, MPL-2.0),
 * and how their field names compare with logtally's W3C record shape. Shared by the apache and
 * nginx format tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export interface VrlCase {
  source?: string;
  test: string;
  format: string | null;
  input: string;
  extra_args: Record<string, string>;
  expect_ok?: Record<string, string | number>;
  expect_err?: string;
}

export const VRL_CASES: VrlCase[] = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'vrl', 'parser-cases.extract.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as VrlCase)
  .filter((c) => c.source !== undefined && c.format !== 'error' && Object.keys(c.extra_args).length === 0);

/** VRL's field names → logtally's W3C names; VRL keeps `-` and `""`, the W3C shape makes them absent. */
const VRL_TO_W3C: Record<string, string> = {
  host: 'c-ip',
  client: 'c-ip',
  remote_addr: 'c-ip',
  user: 'cs-username',
  remote_user: 'cs-username',
  method: 'cs-method',
  path: 'cs-uri-stem',
  protocol: 'cs-version',
  status: 'sc-status',
  size: 'sc-bytes',
  body_bytes_size: 'sc-bytes',
  referrer: 'cs(Referer)',
  referer: 'cs(Referer)',
  http_referer: 'cs(Referer)',
  agent: 'cs(User-Agent)',
  http_user_agent: 'cs(User-Agent)',
  http_x_forwarded_for: 'cs(X-Forwarded-For)',
  request_length: 'cs-bytes',
};
/** VRL fields with no W3C counterpart, or that logtally splits (request → method, stem, version). */
const NOT_COMPARED = new Set(['identity', 'message', 'compression', 'request', 'timestamp', 'request_time']);

export function expectVrlValues(record: Record<string, unknown>, expected: Record<string, string | number>): void {
  for (const [key, value] of Object.entries(expected)) {
    if (NOT_COMPARED.has(key)) continue;
    const field = VRL_TO_W3C[key] ?? key;
    const want = value === '-' || value === '' ? undefined : typeof record[field] === 'string' ? String(value) : value;
    expect(record[field], `${key} → ${field}`).toEqual(want);
  }
  if (expected.timestamp !== undefined) expect(record.timestamp).toBe(Date.parse(String(expected.timestamp)));
  if (expected.request_time !== undefined) expect(record['time-taken']).toBe(Number(expected.request_time) * 1000);
  const request = expected.request ?? expected.message;
  if (typeof request === 'string') {
    const parts = request.split(' ');
    if (parts.length === 3) expect([record['cs-method'], record['cs-uri-stem'], record['cs-version']]).toEqual(parts);
    else expect(record['cs-method']).toBeUndefined();
  }
}
