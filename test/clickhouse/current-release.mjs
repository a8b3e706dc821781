#!/usr/bin/env node
// Runs logtally's ClickHouse SQL (the DDL, load with its recovery and ALTER … DELETE, the report,
// errors and page queries) on the current ClickHouse release that the chdb package embeds, and compares the
// reports with embedded runs. Not part of `npm test` (chdb is ~550 MB); run it by hand or as a CI step:
//   npm --prefix /tmp/chdb install chdb && CHDB=/tmp/chdb/node_modules/chdb/index.js node test/clickhouse/current-release.mjs
// Not covered here: the cluster (Distributed tables, system.clusters), which chdb, having no server, lacks.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(fileURLToPath(import.meta.url), '..', '..', '..');
const ROOT = join(REPO, 'dist', 'src');
if (!process.env.CHDB) {
  console.error('set CHDB to the path of an installed chdb package (see the comment at the top)');
  process.exit(2);
}
const { Session } = (await import(process.env.CHDB)).default ?? (await import(process.env.CHDB));
const { ensureTables } = await import(`${ROOT}/clickhouse/target.js`);
const { ensureCodeTables } = await import(`${ROOT}/clickhouse/code-tables.js`);
const { recover, loadRecords } = await import(`${ROOT}/clickhouse/load.js`);
const { clickHouseReport } = await import(`${ROOT}/clickhouse/report-sql.js`);
const { clickHouseErrors } = await import(`${ROOT}/clickhouse/errors-sql.js`);
const { clickHousePage } = await import(`${ROOT}/clickhouse/page-sql.js`);
const { analysePage } = await import(`${ROOT}/analyse/analyse-page.js`);
const { readRecords, analyse, analyseErrors } = await import(`${ROOT}/analyse/analyse.js`);
const { resolveSources } = await import(`${ROOT}/sources/sources.js`);
const { compileFilter, parseTimeBound } = await import(`${ROOT}/filter/filters.js`);
const session = new Session();
const run = (sql, format = 'JSONCompact') => session.query(sql, format);
const client = {
  name: 'chdb',
  async query(sql) {
    return JSON.parse(run(sql) || '{"data":[]}').data;
  },
  async execute(sql) {
    run(sql, 'TSV');
  },
  async insert(statement, body) {
    run(
      `${statement.replace(/^INSERT INTO (\S+)( \([^)]*\))? FORMAT (\w+)$/, 'INSERT INTO $1$2 FORMAT $3')}\n${body.toString('utf8')}`,
      'TSV',
    );
  },
};
const target = { entry: client, ledger: client, servers: [client], database: 'lt' };
const folders = ['w3c', 'httperr', 'iis-native', 'nginx', 'json'].map((f) => join(REPO, 'fixtures', f));
const sources = async () => resolveSources(folders);
console.log('version', run('SELECT version()', 'TSV').trim());
await ensureTables(target);
await ensureCodeTables(target);
let committed = await recover(target);
let progress = await loadRecords(target, readRecords(await sources(), {}), committed, () => {}, 50);
console.log('loaded', progress);
committed = await recover(target);
progress = await loadRecords(target, readRecords(await sources(), {}), committed, () => {}, 50);
console.log('again', progress);
// A leftover past the committed line is deleted by recovery (ALTER … DELETE, awaited).
run(`INSERT INTO lt.requests (file, line) VALUES ('ghost', 1)`, 'TSV');
committed = await recover(target);
console.log('removed', committed.removed);
const canonical = (v) =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical(v[k])]),
        )
      : v;
const strip = (r) => JSON.stringify(canonical({ ...r, input: undefined }));
let failures = 0;
for (const [by, filterSpec, overview = false] of [
  [[], {}],
  [['status', 'substatus', 'win32'], {}],
  [['day', 'class'], {}],
  [['client'], { client: ['10.0.0.0/8'] }],
  [['time:1h', 'class'], { since: parseTimeBound('2019-01-01', 0), until: parseTimeBound('2020-01-01', 0), uri: ['/*'] }],
  [['status'], {}, true],
]) {
  const filter = compileFilter(filterSpec);
  const a = await analyse(await sources(), { by, filter, overview });
  const b = await clickHouseReport(target, { by, filter: filter?.spec, overview });
  const same = strip(a) === strip(b);
  if (!same) {
    failures++;
    const x = JSON.parse(strip(a)),
      y = JSON.parse(strip(b));
    for (const k of Object.keys(x))
      if (JSON.stringify(x[k]) !== JSON.stringify(y[k]))
        console.log(k, JSON.stringify(x[k]).slice(0, 300), '\n vs', JSON.stringify(y[k]).slice(0, 300));
  }
  console.log('report', JSON.stringify(by), overview ? 'overview' : '', same ? 'equal' : 'DIFFERENT');
}
for (const [intervalMs, filterSpec] of [
  [0, {}],
  [0, { status: ['5xx'] }],
  [86_400_000, { since: parseTimeBound('2015-01-01', 0), until: parseTimeBound('2016-01-01', 0) }],
]) {
  const filter = compileFilter(filterSpec);
  const a = await analyseErrors(await sources(), { intervalMs, filter });
  const b = await clickHouseErrors(target, { intervalMs, filter: filter?.spec });
  // Examples are the first row by file name; compare everything else.
  const noExamples = (r) =>
    strip({ ...r, groups: Object.fromEntries(Object.entries(r.groups).map(([k, g]) => [k, { ...g, example: undefined }])) });
  const same = noExamples(a) === noExamples(b) && Object.keys(a.groups).length === Object.keys(b.groups).length;
  if (!same) failures++;
  console.log('errors', intervalMs, JSON.stringify(filterSpec), same ? 'equal' : 'DIFFERENT');
}
// The HTML page's data; errors examples and the input accounting aside, as above.
{
  const withoutInput = (page) => ({
    ...page,
    input: undefined,
    report: { ...page.report, input: undefined },
    errors: {
      ...page.errors,
      input: undefined,
      groups: Object.fromEntries(Object.entries(page.errors.groups).map(([k, g]) => [k, { ...g, example: undefined }])),
    },
  });
  const a = await analysePage(await sources(), { intervalMs: 0 });
  const b = await clickHousePage(target, { intervalMs: 0 });
  const same = strip(withoutInput(a)) === strip(withoutInput(b));
  if (!same) failures++;
  console.log('page', same ? 'equal' : 'DIFFERENT');
}
session.cleanup();
process.exit(failures === 0 ? 0 : 1);
