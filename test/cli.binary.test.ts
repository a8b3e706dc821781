/**
 * The exit codes of the built binary as a shell sees them (most CLI tests run `run(argv, io)`
 * in-process; these make sure the process itself exits with what `run` resolved to).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';

const LOG = 'fixtures/reports/errors-basic.log';

describe('exit codes of the binary', () => {
  it.each([
    [0, ['report', LOG], ''],
    [1, ['report', 'fixtures/malformed/binary-file.log'], 'logtally: fixtures/malformed/binary-file.log: not a log format logtally knows'],
    [2, ['report', '--top', 'many', LOG], 'logtally: --top needs a whole number (0 or more), got "many"'],
    [3, ['report', 'fixtures/no-such.log'], 'logtally: cannot read fixtures/no-such.log: no such file or directory'],
  ])('exits %i', (status, args, firstLine) => {
    const result = runCli(args as string[]);
    expect(result.status).toBe(status);
    expect(result.stderr.split('\n')[0]).toBe(firstLine);
  });
});
