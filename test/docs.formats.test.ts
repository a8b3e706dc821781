/**
 * docs/formats.md is generated from the format data: it must say what parsers/formats/ says, so a
 * format added, changed or removed there without `npm run docs:formats` fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_CATALOG } from '../parsers/formats/index.js';
import { ROOT, runInProcess } from './cli-run.js';

describe('docs/formats.md', () => {
  it('is up to date with parsers/formats/ (run npm run docs:formats)', async () => {
    const { stdout, status } = await runInProcess(['formats', '--format', 'markdown']);
    expect(status).toBe(0);
    expect(readFileSync(join(ROOT, 'docs', 'formats.md'), 'utf8'), 'docs/formats.md is stale: run npm run docs:formats').toBe(stdout);
  });

  it('has a section, spec link and sample for every format', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'formats.md'), 'utf8');
    for (const entry of FORMAT_CATALOG) {
      expect(doc, entry.name).toContain(`\n### ${entry.name}\n`);
      expect(doc, entry.name).toContain(`<${entry.spec}>`);
      expect(doc, entry.name).toContain(`\n${entry.samples[0]!.lines[0]}\n`);
    }
  });
});
