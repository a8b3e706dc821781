/**
 * Where a worker thread finds a module of ours. Worker threads run plain Node, which cannot load
 * TypeScript: when the calling module is itself TypeScript source (a test runner such as vitest
 * loads src/*.ts in place), the module a worker needs is its compiled twin under dist/, which
 * `npm run build` (and `npm test`'s pretest) writes. Built code gets its sibling unchanged.
 */

/** The URL of `relative` (a `.js` path) from `base` (an `import.meta.url` of a file in src/<stage>/). */
export function runnableModuleUrl(relative: string, base: string): URL {
  const url = new URL(relative, base);
  if (!base.endsWith('.ts')) return url;
  const root = new URL('../../', base);
  return new URL(`dist/${url.href.slice(root.href.length)}`, root);
}
