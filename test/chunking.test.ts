/**
 * The same bytes delivered in chunks of every size give the same report: line splitting, CRLF,
 * multi-byte UTF-8 and header state must not depend on where a read happens to end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, memorySource } from '../src/index.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'w3c', name));

const chunked = (bytes: Buffer, size: number): Buffer[] => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
};

describe('chunk boundaries', () => {
  // Header blocks changing mid-file, CRLF endings, and UTF-8 user agents.
  for (const name of ['beats-fields-change-mid-file.log', 'brianary-iis5-crlf.log', 'lnav-fields-shorter-than-data.log', 'querycat-leading-blank-lines.log']) {
    it(`${name}: every chunk size gives the whole-file report`, async () => {
      const bytes = fixture(name);
      const whole = await analyse([memorySource(name, bytes)], { by: ['agent', 'uri', 'code'] });
      for (let size = 1; size <= bytes.length; size++) {
        const report = await analyse([memorySource(name, chunked(bytes, size))], { by: ['agent', 'uri', 'code'] });
        expect(report, `chunk size ${size}`).toEqual(whole);
      }
    });
  }
});
