/**
 * Each command's --help reads in a 100-column terminal: option text built from data (dimensions,
 * CSV columns, accuracy notes) is wrapped like the hand-written lines. Examples are commands to
 * copy and stay whole.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

describe.each(['report', 'errors', 'records', 'merge', 'explain'])('logtally %s --help', (command) => {
  it('keeps every line but the examples within 100 columns', async () => {
    const { status, stdout } = await runInProcess([command, '--help']);
    expect(status).toBe(0);
    const body = stdout.split('\nExamples:\n')[0]!;
    for (const line of body.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });
});
