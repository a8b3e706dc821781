/**
 * Bundles the built CLI (dist/src, written by tsc) into a few files under dist/bundle, the `logtally`
 * bin. Node 20's ES module loader costs about half a millisecond per module, and the CLI loads about
 * 150 of them at start and again in every worker thread: bundled, `logtally --version` starts in
 * about 130 ms instead of 210 (docs/benchmarks.md, "Start-up").
 *
 * The bundle keeps dist/src's layout so that the paths the code computes from `import.meta.url`
 * still point where they should: every entry stays at its own path, and the chunks of code shared
 * between entries are written to dist/bundle/src/parallel/, at the same depth as any stage folder,
 * so `../report/report-builder.js` or `../parallel/scan-worker.js` read from a chunk reach the
 * bundled entry. Dependencies are bundled too (CommonJS ones get a real `require`, from the banner),
except those loaded with `createRequire`, which stay in node_modules.
 */
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const OUT = join(DIST, 'bundle');

/** Every module a worker thread or a lazy import starts from: each must stay a file of its own. */
const ENTRIES = [
  'src/cli/main.js',
  'src/parallel/scan-worker.js',
  'src/parallel/records-worker.js',
  'src/report/report-builder.js',
  'src/report/errors-builder.js',
  'src/report/page-builder.js',
];

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: ENTRIES.map((entry) => join(DIST, entry)),
  outbase: DIST,
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  chunkNames: 'src/parallel/[name]-[hash]',
  logLevel: 'warning',
});
chmodSync(join(OUT, 'src/cli/main.js'), 0o755);
