/**
 * An internal error (a bug) through the CLI: exit 70 and one line asking for a report with the
 * version, no stack unless --debug. The bug is injected by mocking the parser registry so that a
 * `--log-format` name resolves to a parser that throws a TypeError, as a broken parser would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { LineKind, LineParser, LogFormat } from '../parsers/types.js';
import { runInProcess } from './cli-run.js';

const BROKEN = 'broken-for-test';

vi.mock('../parsers/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../parsers/index.js')>();
  const broken: LogFormat = {
    name: BROKEN,
    title: 'a parser with a bug',
    spec: 'test only',
    samples: [],
    detect: () => 0,
    create: (): LineParser => ({
      rejection: { reason: 'no-match' },
      parse(line) {
        // What a real slip looks like: a property read on undefined.
        return (undefined as unknown as LineKind[])[line.length]!;
      },
      layout: () => BROKEN,
      notes: () => [],
    }),
  };
  return { ...real, resolveFormat: (spec: string) => (spec === BROKEN ? broken : real.resolveFormat(spec)) };
});

const LOG = join(import.meta.dirname, '..', 'fixtures', 'reports', 'errors-basic.log');
const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
const STACK_FRAME = /^\s+at /m;

describe('an internal error', () => {
  it.each(['report', 'errors', 'records'])('%s: exit 70, one line naming the bug and the version, no stack', async (command) => {
    const { status, stdout, stderr } = await runInProcess([command, LOG, '--log-format', BROKEN]);
    expect(status).toBe(70);
    expect(stdout).toBe('');
    const lines = stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^logtally: internal error: TypeError: /);
    expect(lines[0]).toContain(`a bug in logtally ${VERSION}: please report it`);
    expect(lines[0]).toContain('--debug');
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr).not.toContain('cannot read');
  });

  it('with --debug: the same line, then the stack', async () => {
    const { status, stderr } = await runInProcess(['report', LOG, '--log-format', BROKEN, '--debug']);
    expect(status).toBe(70);
    expect(stderr).toMatch(/^logtally: internal error: TypeError: .*\nTypeError: /);
    expect(stderr).toMatch(STACK_FRAME);
  });

  it('the real formats are untouched by the mock: a good run still exits 0', async () => {
    expect((await runInProcess(['report', LOG])).status).toBe(0);
  });
});
