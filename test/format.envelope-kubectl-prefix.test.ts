/**
 * `kubectl logs --prefix` output: the access line after `[pod/NAME/CONTAINER] ` (and after the time
 * `--timestamps` adds) gives the record a bare line gives, pods mixed in one file.
 */
import { describe, expect, it } from 'vitest';
import { analyse, memorySource, readRecords, type LocatedRecord } from '../src/index.js';

async function records(text: string, format?: string): Promise<LocatedRecord[]> {
  const out: LocatedRecord[] = [];
  for await (const r of readRecords([memorySource('pods.log', text)], { format })) out.push(r);
  return out;
}

const ACCESS = '10.244.0.9 - - [26/Nov/2026:11:00:00 +0100] "GET /cart?id=7 HTTP/1.1" 503 190 "-" "curl/8.4.0" "198.51.100.7"';

describe('envelope: kubectl logs --prefix', () => {
  it('reads the access line after the pod and container, with or without --timestamps', async () => {
    const text = [
      `[pod/web-7d4b9c8f6-abcde/nginx] ${ACCESS}`,
      `[pod/web-7d4b9c8f6-fghij/nginx] 2026-11-26T10:00:00.123456789Z ${ACCESS}`,
    ].join('\n');
    const found = await records(text);
    expect(found.map((r) => r.format)).toEqual(['kubectl-prefix:nginx-main', 'kubectl-prefix:nginx-main']);
    for (const r of found) {
      expect(r.record).toMatchObject({
        timestamp: Date.UTC(2026, 10, 26, 10),
        'c-ip': '10.244.0.9',
        'cs-uri-stem': '/cart',
        'cs-uri-query': 'id=7',
        'sc-status': 503,
        'sc-bytes': 190,
        'cs(X-Forwarded-For)': '198.51.100.7',
      });
    }
  });

  it("rejects another container's lines and lines without the prefix, and counts every line", async () => {
    const text = [
      `[pod/web-7d4b9c8f6-abcde/nginx] ${ACCESS}`,
      '[pod/web-7d4b9c8f6-abcde/php] [26-Nov-2026 10:00:00] NOTICE: ready to handle connections',
      `[pod/web-7d4b9c8f6-abcde/nginx] ${ACCESS}`,
      'error: a container name must be specified for pod web, choose one of: [nginx php]',
    ].join('\n');
    const { input } = await analyse([memorySource('pods.log', text)]);
    expect(input).toMatchObject({ lines: 4, records: 2, rejected: 2, formats: { 'kubectl-prefix > nginx main': 2 } });
  });
});
