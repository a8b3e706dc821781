/**
 * The same bytes delivered in chunks of every size give the same report: line splitting, CRLF,
 * multi-byte UTF-8, header state and envelope state (pieces of a line, detection reading past
 * start-up messages) must not depend on where a read happens to end. `npm test` tries the small
 * sizes and a spread of larger ones; `npm run test:full` every size.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, memorySource } from '../src/index.js';
import { FULL, range } from './helpers/exhaustive.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', name));

const chunked = (bytes: Buffer, size: number): Buffer[] => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
};

/** Chunk sizes to try on `length` bytes: the smallest ones (every boundary hit), then a spread. */
const chunkSizes = (length: number): number[] => [...range(1, Math.min(9, length + 1), 8), ...range(9, length + 1, 30)];

describe('chunk boundaries', () => {
  // Header blocks changing mid-file, CRLF endings, UTF-8 user agents, and envelopes.
  const w3c = [
    'beats-fields-change-mid-file.log',
    'brianary-iis5-crlf.log',
    'lnav-fields-shorter-than-data.log',
    'querycat-leading-blank-lines.log',
  ].map((name) => `w3c/${name}`);
  const envelopes = [
    'syslog/nginx-mixed-headers.log',
    'docker/fluent-bit-apache.log',
    'cri/nginx-partial.log',
    'compose/nginx-db.log',
    'json/azure-appgateway-records-per-line.log',
  ];
  for (const name of [...w3c, ...envelopes]) {
    it(`${name}: every chunk size gives the whole-file report`, async () => {
      const bytes = fixture(name);
      const whole = await analyse([memorySource(name, bytes)], { by: ['agent', 'uri', 'code'] });
      for (const size of chunkSizes(bytes.length)) {
        const report = await analyse([memorySource(name, chunked(bytes, size))], { by: ['agent', 'uri', 'code'] });
        expect(report, `chunk size ${size}`).toEqual(whole);
      }
    });
  }

  // Detection reads past the first 16 lines of start-up messages here, so it runs twice: every
  // chunk size would take a minute, so small ones and a spread of larger ones.
  it('docker/nginx-startup.log: chunk sizes give the whole-file report', async () => {
    const name = 'docker/nginx-startup.log';
    const bytes = fixture(name);
    const whole = await analyse([memorySource(name, bytes)], { by: ['agent', 'uri', 'code'] });
    const sizes = FULL
      ? Array.from({ length: bytes.length }, (_, i) => i + 1).filter((size) => size <= 64 || (size - 64) % 97 === 0)
      : chunkSizes(bytes.length);
    for (const size of sizes) {
      const report = await analyse([memorySource(name, chunked(bytes, size))], { by: ['agent', 'uri', 'code'] });
      expect(report, `chunk size ${size}`).toEqual(whole);
    }
  });
});
