/**
 * `%O` counts the bytes sent with headers, as IIS's sc-bytes does; `%B`/`%b` the body alone. A
 * LogFormat with both keeps %O as sc-bytes and %B under its own name, whatever their order.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const LINE = '10.0.0.1 - - [17/Dec/2025:09:03:02 +0000] "GET /x HTTP/1.1" 200';

const recordOf = async (format: string, tail: string) => {
  const result = await runInProcess(['records', '-', '--log-format', `apache:%h %l %u %t "%r" %>s ${format}`], {
    input: `${LINE} ${tail}\n`,
  });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Record<string, unknown>;
};

describe('%O and %B in one LogFormat', () => {
  it('%B %O: sc-bytes is the %O value, body-bytes the %B value', async () => {
    const r = await recordOf('%B %O', '100 350');
    expect([r['sc-bytes'], r['body-bytes']]).toEqual([350, 100]);
  });

  it('%O %B: the same, in the other order', async () => {
    const r = await recordOf('%O %B', '350 100');
    expect([r['sc-bytes'], r['body-bytes']]).toEqual([350, 100]);
  });

  it('%O %b with a dash for an empty body', async () => {
    const r = await recordOf('%O %b', '350 -');
    expect([r['sc-bytes'], r['body-bytes']]).toEqual([350, undefined]);
  });

  it('%B alone is still sc-bytes', async () => {
    const r = await recordOf('%B', '100');
    expect([r['sc-bytes'], r['body-bytes']]).toEqual([100, undefined]);
  });
});
