/**
 * Detecting envelopes: each envelope's samples are recognised with the format inside, files
 * without an envelope keep their format, an envelope whose messages no format reads yet makes
 * detection read on (and the file is skipped with one message when none ever does), and every
 * envelope can be forced with `--log-format ENVELOPE:FORMAT`.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat, ENVELOPES, FORMATS, resolveFormat } from '../parsers/index.js';
import { analyse, memorySource } from '../src/index.js';

describe('envelope detection', () => {
  it('recognises each envelope from its own samples, naming the format inside', async () => {
    for (const envelope of ENVELOPES) {
      const detected = detectFormat(envelope.samples).format?.name;
      expect(detected, envelope.name).toMatch(new RegExp(`^${envelope.name}:`));
      const { input } = await analyse([memorySource(`${envelope.name}.log`, envelope.samples.join('\n'))]);
      expect(input.records, envelope.name).toBeGreaterThan(0);
      expect(input.rejected, envelope.name).toBe(0);
    }
  });

  it("claims no bare format's samples", () => {
    for (const format of FORMATS) {
      const detected = detectFormat(format.samples.filter((l) => l.trim() !== '')).format?.name;
      expect(
        ENVELOPES.some((e) => detected?.startsWith(`${e.name}:`)),
        format.name,
      ).toBe(false);
    }
  });

  it('reads on past lines in an envelope with no request in them, then decides', async () => {
    const notice = (i: number) => `2026-11-26T10:00:00.${String(i).padStart(9, '0')}Z stdout F worker ${i} ready`;
    const request = '2026-11-26T10:01:00.000000000Z stdout F 10.0.0.1 - - [26/Nov/2026:10:01:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"';
    const noise = Array.from({ length: 700 }, (_, i) => notice(i));
    const { input } = await analyse([memorySource('0.log', [...noise, request].join('\n'))]);
    expect(input).toMatchObject({ lines: 701, records: 1, rejected: 700, formats: { 'cri > combined': 1 } });
    // Past 1,024 lines detection gives up, as it would on any file it cannot read.
    const more = Array.from({ length: 1100 }, (_, i) => notice(i));
    await expect(analyse([memorySource('0.log', [...more, request].join('\n'))])).rejects.toMatchObject({
      code: 'UNKNOWN_FORMAT',
      message: expect.stringContaining(
        '0.log: CRI (containerd, CRI-O) lines, but no log format logtally knows inside them\nformats tried on the skipped files: httperr',
      ),
    });
  });

  it('resolves ENVELOPE:FORMAT for every envelope, and nothing for an envelope alone or an unknown format inside', () => {
    for (const envelope of ENVELOPES) {
      expect(resolveFormat(`${envelope.name}:combined`)?.name).toBe(`${envelope.name}:combined`);
      expect(resolveFormat(`${envelope.name}:apache:%h %>s`)?.name).toBe(`${envelope.name}:apache:%h %>s`);
      expect(resolveFormat(envelope.name)).toBeUndefined();
      expect(resolveFormat(`${envelope.name}:nope`)).toBeUndefined();
    }
  });
});
