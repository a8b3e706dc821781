/**
 * The README's library snippet runs as written against the built package, with its example paths
 * pointed at fixtures: a snippet that throws would teach the wrong call. Its shell lines name only
 * commands and options that exist, and those that read the clone's fixtures run with exit 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { OptionSpec } from '../src/cli/command.js';
import { COMMANDS } from '../src/cli/commands/index.js';
import { ROOT, runInProcess } from './cli-run.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('the library snippet runs', () => {
    const snippet = /## Library\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toBeDefined();
    const runnable = snippet!
      .replace("from 'logtally'", `from '${pathToFileURL(join(ROOT, 'dist', 'src', 'index.js')).href}'`)
      .replace("'logs/W3SVC1'", "'fixtures/w3c'")
      .replace("'other/'", "'fixtures/httperr'");
    const file = join(mkdtempSync(join(tmpdir(), 'logtally-readme-')), 'snippet.mjs');
    writeFileSync(file, runnable);
    const result = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('status,substatus,win32,count,meaning,bytes_sent,');
  });
});

/** The `logtally …` invocations in the README's shell blocks, each as its arguments (comments, pipes and redirects dropped). */
function readmeInvocations(): string[][] {
  const lines = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
  const invocations: string[][] = [];
  for (const line of lines) {
    const code = line.replace(/\s+#\s.*$/, '');
    for (const [, rest] of code.matchAll(/(?:^|[\s;|])(?:npx )?logtally ([^|;>]*)/g)) invocations.push(shellWords(rest!));
  }
  return invocations;
}

/** Words split at blanks, single quotes kept together, as a POSIX shell splits these simple lines. */
const shellWords = (text: string): string[] => [...text.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);

describe('README commands', () => {
  const invocations = readmeInvocations();

  it('shows every command', () => {
    const shown = new Set(invocations.map((args) => args[0]));
    for (const command of COMMANDS) expect(shown.has(command.name), command.name).toBe(true);
  });

  it('uses only commands and options that exist', () => {
    expect(invocations.length).toBeGreaterThan(8);
    for (const [name, ...args] of invocations) {
      const command = COMMANDS.find((c) => c.name === name);
      expect(command, `logtally ${name}`).toBeDefined();
      for (const option of args.filter((a) => a.startsWith('--')))
        expect(Object.keys(command!.options), `logtally ${name} ${option}`).toContain(option.slice(2));
    }
  });

  it('runs every command whose inputs ship with the clone, with exit 0', async () => {
    let ran = 0;
    for (const args of invocations) {
      const command = COMMANDS.find((c) => c.name === args[0])!;
      const positionals = args.slice(1).filter((a, i, all) => !a.startsWith('--') && !isOptionValue(command.options, all[i - 1]));
      const local = ['explain', 'formats'].includes(command.name) || positionals.every((p) => existsSync(join(ROOT, p)));
      if (!local) continue;
      const { status, stdout, stderr } = await runInProcess(args);
      expect(status, `${args.join(' ')}: ${stderr}`).toBe(0);
      expect(stdout.length, args.join(' ')).toBeGreaterThan(0);
      ran++;
    }
    expect(ran).toBeGreaterThanOrEqual(5);
  });

  it('names the tarball npm pack writes', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(readme).toContain(`npm install -g ./${pkg.name}-${pkg.version}.tgz`);
  });
});

function isOptionValue(options: OptionSpec, previous: string | undefined): boolean {
  return previous?.startsWith('--') === true && options[previous.slice(2)]?.type === 'string';
}
