/**
 * Every numeric option of every command refuses what it cannot use with a usage error (exit 2, one
 * line naming the option and the value) instead of silently using something else; `--wide` without
 * a time series is refused the same way.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const LOG = 'fixtures/reports/errors-basic.log';

async function expectUsage(args: string[], message: string): Promise<void> {
  const result = await runInProcess(args);
  expect(result.stderr).toBe(`logtally: ${message}\n`);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
}

const partial = (await runInProcess(['report', LOG, '--format', 'partial'])).stdout;

/** Each command's numeric options and the least value each accepts. */
const NUMERIC: Record<string, Record<string, number>> = {
  report: { top: 0, threads: 1, 'max-keys': 1 },
  errors: { top: 0, items: 0, threads: 1 },
  merge: { top: 0, items: 0, 'max-keys': 1 },
};

describe('numeric options', () => {
  for (const [command, options] of Object.entries(NUMERIC)) {
    const input = command === 'merge' ? '-' : LOG;
    for (const [option, least] of Object.entries(options)) {
      it(`${command} --${option}: below ${least}, negative, fractional or not a number is a usage error`, async () => {
        const rule = least === 0 ? '(0 or more)' : '(1 or more)';
        for (const value of [...(least === 1 ? ['0'] : []), '-1', '1.5', 'many', '']) {
          await expectUsage([command, input, `--${option}`, value], `--${option} needs a whole number ${rule}, got "${value}"`);
        }
      });

      it(`${command} --${option} ${least} is accepted`, async () => {
        const result = await runInProcess([command, input, `--${option}`, String(least)], { input: partial });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
      });
    }
  }
});

describe('--wide', () => {
  for (const command of ['report', 'errors']) {
    it(`${command} --wide without --interval is a usage error`, async () =>
      await expectUsage([command, LOG, '--wide'], '--wide needs --interval, e.g. --interval 5m'));
  }
});
