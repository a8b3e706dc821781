/**
 * docs/api.md runs as written: every ```js block is run against the built package (its imports of
 * `logtally` pointed at dist/) and must print exactly the ```text block after it. The expected
 * numbers were counted from fixtures/reports/errors-basic.log with awk, not taken from logtally.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-run.js';

const doc = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
const examples = [...doc.matchAll(/^## (.+)\n[\s\S]*?```js\n([\s\S]*?)```\n\n```text\n([\s\S]*?)```/gm)].map(([, title, code, output]) => ({
  title: title!,
  code: code!,
  output: output!,
}));
const dir = mkdtempSync(join(tmpdir(), 'logtally-docs-'));
const built = (path: string) => pathToFileURL(join(ROOT, 'dist', 'src', path)).href;

describe('docs/api.md', () => {
  it('has an example with its output under every section that shows code', () => {
    expect(examples.map((e) => e.title)).toEqual([
      'A report',
      'The overview and the time span',
      'Rendering, with the same options for both reports',
      'Records, filtered',
      'Text you already hold, and merging',
      'Decoding codes',
      'Errors',
    ]);
    expect(doc.match(/```js/g)).toHaveLength(examples.length);
  });

  it.each(examples)('$title: runs and prints what the page says', ({ title, code, output }) => {
    const file = join(dir, `${title.replace(/\W+/g, '-')}.mjs`);
    writeFileSync(file, code.replaceAll("from 'logtally'", `from '${built('index.js')}'`));
    const result = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(output);
  });
});
