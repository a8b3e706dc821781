/**
 * How option values reach a command: a value that starts with `-` is still a value when it follows
 * an option that takes one, and node:util parseArgs messages keep their line breaks (each line
 * sanitised) instead of showing `\x0a`.
 */
import { describe, expect, it } from 'vitest';
import { closestOption, joinOptionValues, parseMessage } from '../src/cli/parse-options.js';
import type { OptionSpec } from '../src/cli/command.js';
import { runInProcess } from './cli-run.js';

const SPEC: OptionSpec = { tz: { type: 'string' }, strict: { type: 'boolean' } };

describe('joinOptionValues', () => {
  it('joins a string option with the argument after it, whatever it starts with', () => {
    expect(joinOptionValues(['x.log', '--tz', '-0500', '--strict', '-'], SPEC)).toEqual(['x.log', '--tz=-0500', '--strict', '-']);
  });

  it('leaves booleans, unknown options, joined values, a trailing option and everything after -- alone', () => {
    expect(joinOptionValues(['--strict', 'x.log', '--bogus', '-1', '--tz=+1', '--', '--tz', '-1'], SPEC)).toEqual([
      '--strict',
      'x.log',
      '--bogus',
      '-1',
      '--tz=+1',
      '--',
      '--tz',
      '-1',
    ]);
    expect(joinOptionValues(['x.log', '--tz'], SPEC)).toEqual(['x.log', '--tz']);
  });
});

describe('parseMessage', () => {
  it('keeps line breaks and escapes other control characters', () => {
    expect(parseMessage("Option '--tz' is odd.\nDid you forget \u001b[31m?")).toBe("Option '--tz' is odd.\nDid you forget \\x1b[31m?");
  });
});

describe('closestOption', () => {
  const spec: OptionSpec = { since: { type: 'string' }, columns: { type: 'string' }, top: { type: 'string' }, tz: { type: 'string' } };

  it('finds the option a typo or a case slip was meant to be', () => {
    expect(closestOption('--sinse', spec)).toBe('since');
    expect(closestOption('--Since', spec)).toBe('since');
    expect(closestOption('--colums', spec)).toBe('columns');
    expect(closestOption('--sinse=1h', spec)).toBe('since');
  });

  it('suggests nothing for a name unlike any option, nor for short names a letter or two apart', () => {
    expect(closestOption('--bogus', spec)).toBeUndefined();
    expect(closestOption('--by', spec)).toBeUndefined();
    expect(closestOption('-x', spec)).toBeUndefined();
  });
});

describe('through the CLI', () => {
  it('an unknown option names the likely one, without advice on positionals', async () => {
    const result = await runInProcess(['report', 'fixtures/reports/errors-basic.log', '--sinse', '1h']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('logtally report: unknown option --sinse; did you mean --since?\nRun `logtally report --help` for usage.\n');
  });

  it('a negative --top is a usage error, not a parse message', async () => {
    const result = await runInProcess(['report', 'fixtures/reports/errors-basic.log', '--top', '-1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('logtally: --top needs a whole number (0 or more), got "-1"\n');
  });

  it('an option without its value still says so', async () => {
    const result = await runInProcess(['report', 'fixtures/reports/errors-basic.log', '--tz']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^logtally report: Option '--tz <value>' argument missing\nRun `logtally report --help` for usage.\n$/);
  });
});
