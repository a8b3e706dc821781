/**
 * `--strict` (`strict: true`): the first rejected line stops the run with STRICT_REJECT naming file
 * and line; by default the same line is counted and sampled and the run goes on.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, fileSource, memorySource, type LogtallyError } from '../src/index.js';

const MALFORMED = join(import.meta.dirname, '..', 'fixtures', 'malformed');
const HEADER = '#Fields: date time cs-uri-stem sc-status\n';

async function strictError(source: ReturnType<typeof memorySource>, maxLineBytes?: number): Promise<LogtallyError> {
  return analyse([source], { strict: true, maxLineBytes }).then(
    () => {
      throw new Error('expected a STRICT_REJECT');
    },
    (error: LogtallyError) => error,
  );
}

describe('--strict', () => {
  it('stops at the first rejected line with file, line and reason', async () => {
    const error = await strictError(memorySource('s.log', `${HEADER}2024-03-01 00:00:00 / 200\nbad line\nworse line\n`));
    expect(error).toMatchObject({ code: 'STRICT_REJECT', file: 's.log', line: 3 });
    expect(error.message).toBe('s.log:3: line rejected (field-count-mismatch: 2 values for 4 #Fields)');
  });

  it('applies to every reason: binary, too long, invalid status', async () => {
    expect((await strictError(memorySource('b.log', `${HEADER}\u0000\u0001\n`))).message).toMatch(/^b\.log:2: line rejected \(binary: /);
    expect((await strictError(memorySource('l.log', `${HEADER}${'x'.repeat(100)}\n`), 64)).message).toBe(
      'l.log:2: line rejected (line-too-long: 100 bytes)',
    );
    expect((await strictError(memorySource('i.log', `${HEADER}2024-03-01 00:00:00 / 20x\n`))).message).toMatch(
      /^i\.log:2: line rejected \(invalid-status/,
    );
  });

  it('carries reason, column and excerpt as fields, not only in the message', async () => {
    const good = '10.0.0.1, -, 1/2/2024, 1:00:00, W3SVC1, WEB01, 10.0.0.2, 15, 300, 4000, 200, 0, GET, /a, -,';
    const bad = good.replace(', 200,', ', 2x0,');
    const error = await strictError(memorySource('in.log', `${good}\n${bad}\n`));
    expect(error).toMatchObject({ code: 'STRICT_REJECT', file: 'in.log', line: 2, reason: 'invalid-status', excerpt: bad });
    expect(error.column).toBe(bad.indexOf('2x0') + 1);
    const w3c = await strictError(memorySource('s.log', `${HEADER}bad line\n`));
    expect(w3c).toMatchObject({ reason: 'field-count-mismatch', excerpt: 'bad line', column: undefined });
  });

  it('names the line even when it came before format detection finished', async () => {
    const error = await strictError(memorySource('early.log', `junk first\n${HEADER}`));
    expect(error).toMatchObject({ line: 1, message: expect.stringContaining('missing-fields-directive') });
  });

  it('passes clean and blank-only input, and reports what lenient mode would have counted', async () => {
    await expect(analyse([fileSource(join(MALFORMED, 'mixed-line-ends.log'))], { strict: true })).resolves.toBeDefined();
    const lenient = await analyse([fileSource(join(MALFORMED, 'field-count-mismatch.log'))]);
    expect(lenient.input.rejected).toBe(2);
    await expect(analyse([fileSource(join(MALFORMED, 'field-count-mismatch.log'))], { strict: true })).rejects.toMatchObject({
      code: 'STRICT_REJECT',
      line: 6,
    });
  });
});
