/**
 * docs/dashboards.md shows CSV that logtally really writes: each block below is the fixture's
 * output of the command the page gives (with the fixture for `logs/`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runInProcess } from './cli-run.js';

const page = readFileSync(join(ROOT, 'docs', 'dashboards.md'), 'utf8');
const BASIC = join(ROOT, 'fixtures', 'reports', 'errors-basic.log');

const shown: string[][] = [
  ['errors', BASIC, '--interval', '5m', '--wide', '--format', 'csv'],
  ['report', BASIC, '--interval', '5m', '--by', 'class', '--wide', '--format', 'csv'],
  ['errors', BASIC, '--interval', '5m', '--wide', '--format', 'csv', '--columns', '401.2.5,404.0.2,500.19.13,503'],
  ['report', BASIC, '--interval', '5m', '--format', 'csv', '--no-text', '--columns', 'time,count,latency_p95_ms,latency_max_ms'],
];

describe('docs/dashboards.md', () => {
  it.each(shown)('shows the real output of %s %s …', async (...args) => {
    const { stdout, status } = await runInProcess(args);
    expect(status).toBe(0);
    const block = stdout.replaceAll('\r\n', '\n');
    expect(page.replaceAll(/^ {2}/gm, '')).toContain(`\`\`\`csv\n${block}\`\`\``);
  });
});
