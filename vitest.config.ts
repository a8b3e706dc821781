import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** `npm run test:full` runs the exhaustive loops (test/helpers/exhaustive.ts): minutes, not seconds, on a busy machine. */
const full = process.env.LOGTALLY_TEST_FULL === '1';

/**
 * Test files share one module registry (isolate: false): importing src/ once instead of once per
 * file more than halves `npm test`'s CPU time. A file that mocks a module (vi.mock) would leak
 * the mock into the others, so it is named *.isolated.test.ts: vitest keeps projects apart even
 * without isolation, and that project holds only it (a second mocking file needs a project of its own).
 */
export default defineConfig({
  test: {
    testTimeout: full ? 600_000 : 30_000,
    isolate: false,
    // Vitest's default is one fork fewer than the cores: on a 2-core machine one file at a time, with
    // the CPU idle while a file waits on ClickHouse, Chromium or a child process. Two at least: the
    // suites that start servers take free ports, and every file writes only in its own temp folder.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ['test/**/*.isolated.test.ts'] } },
      { extends: true, test: { name: 'isolated', include: ['test/**/*.isolated.test.ts'] } },
    ],
  },
});
