/**
 * The published package is complete: `npm pack` (as `npm publish` would ship it), installed into a
 * temporary global prefix the way a user installs it, runs `logtally report` on a fixture from
 * outside the clone, and its library entry point imports. npm reads dependencies from its cache,
 * which `npm ci` filled; the registry is asked only for what the cache lacks (--prefer-offline).
 * dist/ is built by `npm test`'s pretest, so the pack skips the prepare script.
 * Slow (several seconds of npm): runs in `npm run test:full`.
 */
import { FULL } from './helpers/exhaustive.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './cli-run.js';

const FIXTURE = join(ROOT, 'fixtures', 'w3c', 'beats-iis-7.5.log');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** npm's own settings from an enclosing `npm test` (npm_config_*) would steer the child npm; keep only the cache. */
const npmEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') || k.toLowerCase() === 'npm_config_cache'),
  );

describe.skipIf(!FULL)('npm pack, npm install -g of the tarball', () => {
  const work = mkdtempSync(join(tmpdir(), 'logtally-pack-'));
  const prefix = join(work, 'prefix');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ships the built CLI and library, and nothing of the development tree', () => {
    const [packed] = JSON.parse(
      execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, env: npmEnv(), encoding: 'utf8' }),
    ) as { filename: string; files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'dist/bundle/src/cli/main.js', 'dist/src/index.js', 'dist/src/index.d.ts']),
    );
    expect(files.filter((f) => /^(test|fixtures|src|parsers|bench)\//.test(f))).toEqual([]);

    execFileSync(NPM, ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(work, packed!.filename)], {
      cwd: work,
      env: npmEnv(),
      stdio: 'ignore',
    });
  }, 180_000);

  it('runs logtally report from the installed bin, outside the clone', () => {
    const result = spawnSync(join(prefix, 'bin', 'logtally'), ['report', FIXTURE, '--format', 'json'], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // An independent count: the fixture's non-blank lines that are not # directives.
    const dataLines = readFileSync(FIXTURE, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
    expect(JSON.parse(result.stdout).input).toMatchObject({ files: 1, records: dataLines, rejected: 0 });
  });

  it('reports its version from the installed package.json, and the library entry point imports', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const version = spawnSync(join(prefix, 'bin', 'logtally'), ['--version'], { cwd: work, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(pkg.version);
    const library = (await import(
      pathToFileURL(join(prefix, 'lib', 'node_modules', 'logtally', 'dist', 'src', 'index.js')).href
    )) as Record<string, unknown>;
    expect(typeof library.analyse).toBe('function');
  });
});
