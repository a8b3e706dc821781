/**
 * `load`, `report --from` and `errors --from` against two real ClickHouse servers (Debian's
 * clickhouse-server, 18.16 when written) forming a cluster of two shards. Skipped, with the reason,
 * where clickhouse-server is not installed, unless LOGTALLY_REQUIRE_COMPONENTS=1.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runInProcess } from '../cli-run.js';
import { runs } from '../helpers/exhaustive.js';
import { CLUSTER, freePort, missingServer, startCluster, USER, type ClickHouseCluster } from './harness.js';
import { generatedClients, HOSTILE_CLIENTS, PROBE_URIS, RANGES, randomRange, seeded } from './client-texts.js';
import { filterSql } from '../../src/clickhouse/filter-sql.js';
import { sqlString } from '../../src/clickhouse/client.js';
import { parseCidr } from '../../src/filter/cidr.js';
import { probeOf } from '../../src/filter/noise.js';

const missing = missingServer();
const required = process.env.LOGTALLY_REQUIRE_COMPONENTS === '1';

if (missing !== undefined && !required) {
  console.warn(`ClickHouse suite skipped: ${missing}; set LOGTALLY_REQUIRE_COMPONENTS=1 to make that a failure`);
  describe.skip(`ClickHouse suite skipped: ${missing}`, () => {
    it('needs clickhouse-server', () => {});
  });
} else {
  describe('ClickHouse', () => {
    let cluster: ClickHouseCluster;
    let work: string;
    let shards: string[];
    const FOLDERS = ['w3c', 'httperr', 'iis-native', 'nginx'];

    beforeAll(async () => {
      if (missing !== undefined) throw new Error(`LOGTALLY_REQUIRE_COMPONENTS=1 but ${missing}`);
      cluster = await startCluster();
      shards = cluster.servers.map((s) => s.httpUrl);
      work = mkdtempSync(join(tmpdir(), 'logtally-ch-test-'));
      for (const folder of FOLDERS) cpSync(join(ROOT, 'fixtures', folder), join(work, 'logs', folder), { recursive: true });
    }, 120_000);

    afterAll(async () => {
      await cluster?.stop();
      if (work) rmSync(work, { recursive: true, force: true });
    }, 60_000);

    const sql = async (url: string, query: string): Promise<string> => {
      const response = await fetch(url, { method: 'POST', body: query });
      const text = await response.text();
      if (!response.ok) throw new Error(text);
      return text.trim();
    };
    const logs = () => join(work, 'logs');
    const onCluster = (database: string) => ['--cluster', CLUSTER, '--database', database];

    /** Records in the loaded folders, from the fixtures' independently counted expectations. */
    const expectedRecords = (folders = FOLDERS): number =>
      folders
        .flatMap((folder) =>
          readdirSync(join(ROOT, 'fixtures', folder))
            .filter((f) => f.endsWith('.expected.json'))
            .map(
              (f) => (JSON.parse(readFileSync(join(ROOT, 'fixtures', folder, f), 'utf8')) as { input: { records: number } }).input.records,
            ),
        )
        .reduce((a, b) => a + b, 0);

    it('loads the fixtures through the Distributed table onto both shards, and a second load adds nothing', async () => {
      const first = await runInProcess(['load', logs(), '--to', shards.join(','), ...onCluster('fx')]);
      expect(first.stderr).toMatch(/records loaded into fx\.requests/);
      expect(first.status).toBe(0);
      const total = Number(await sql(shards[0]!, 'SELECT count() FROM fx.requests'));
      expect(total).toBe(expectedRecords());
      const perShard = await Promise.all(shards.map(async (url) => Number(await sql(url, 'SELECT count() FROM fx.requests_local'))));
      expect(perShard.every((n) => n > 0)).toBe(true);
      expect(perShard[0]! + perShard[1]!).toBe(total);
      const again = await runInProcess(['load', logs(), '--to', shards.join(','), ...onCluster('fx')]);
      // Every file is as it was: none is decoded again.
      expect(again.stderr).toMatch(
        /: 0 records loaded into fx\.requests in 0 batches, 0 already loaded; \d+ files unchanged since loaded, not read again\n$/,
      );
      // The shards in the other order: the same ledger (on the first shard) is found, nothing is deleted or added.
      const reversed = await runInProcess(['load', logs(), '--to', [...shards].reverse().join(','), ...onCluster('fx')]);
      expect(reversed.stderr).toMatch(/: 0 records loaded into fx\.requests in 0 batches, 0 already loaded; \d+ files unchanged/);
      expect(Number(await sql(shards[0]!, 'SELECT count() FROM fx.requests'))).toBe(total);
      // A file touched (same content, new time) is read again, and its lines found already loaded.
      const touched = join(logs(), 'w3c', 'beats-access.log');
      utimesSync(touched, new Date(), new Date(Date.now() + 5000));
      const reread = await runInProcess(['load', touched, '--to', shards.join(','), ...onCluster('fx')]);
      expect(reread.stderr).toContain('0 records loaded into fx.requests in 0 batches, 1 already loaded');
      expect(Number(await sql(shards[0]!, 'SELECT count() FROM fx.requests'))).toBe(total);
      // The code tables are on every server, to join meanings.
      for (const url of shards)
        expect(await sql(url, "SELECT meaning FROM fx.codes WHERE kind = 'iis-substatus' AND code = '401.2'")).toMatch(/\w/);
    });

    it('batches of one row never split a line that holds several records (JSON records arrays)', async () => {
      const json = join(ROOT, 'fixtures', 'json');
      const first = await runInProcess(['load', json, '--to', shards[0]!, '--database', 'perline', '--batch-rows', '1']);
      expect(first.status).toBe(0);
      const [count, lines] = (await sql(shards[0]!, 'SELECT count(), uniqExact(file, line) FROM perline.requests')).split('\t').map(Number);
      expect(count).toBe(expectedRecords(['json']));
      expect(lines).toBeLessThan(count!);
      const again = await runInProcess(['load', json, '--to', shards[0]!, '--database', 'perline', '--batch-rows', '1']);
      expect(again.stderr).toContain('0 records loaded into perline.requests in 0 batches, 0 already loaded;');
      expect(Number(await sql(shards[0]!, 'SELECT count() FROM perline.requests'))).toBe(count);
    });

    const withoutInput = (json: string) => {
      const { input: _, ...rest } = JSON.parse(json) as Record<string, unknown>;
      return rest;
    };

    it.each([
      [[]],
      [['--by', 'status,substatus,win32']],
      [['--by', 'day,class']],
      [['--by', 'uri,method', '--status', '4xx']],
      [['--by', 'site,client,agent', '--since', '2010-01-01', '--until', '2030-01-01']],
      [['--interval', '1h', '--by', 'class', '--uri', '/*.aspx', '--since', '2019-01-01', '--until', '2020-01-01']],
      [['--by', 'reason,code', '--method', 'GET,POST']],
      [['--by', 'client', '--client', '10.0.0.0/8,192.168.0.0/16,127.0.0.1']],
      [['--by', 'class', '--client', '0.0.0.0/0']],
      [['--by', 'client', '--client', '::1/128,2001:db8::/32']],
      [['--by', 'class', '--client', '::/0']],
      [['--by', 'client', '--exclude-client', '::1,10.0.0.0/8']],
      [['--by', 'status', '--status', '4xx,!404', '--exclude-uri', '/*.aspx']],
      [['--by', 'method', '--uri', '!/*.aspx', '--method', '!POST']],
      [['--by', 'agent', '--bots', 'exclude']],
      [['--by', 'agent', '--bots', 'only', '--status', '!200']],
      [['--by', 'uri', '--probes', 'only']],
      [['--by', 'class', '--probes', 'exclude', '--exclude-host', 'localhost']],
      [['--by', 'uri', '--uri', '/*.ASPX,/SCRIPTS/*']],
      [['--by', 'hour-of-day']],
      [['--by', 'weekday,class']],
      [['--by', 'file', '--status', '4xx']],
      [['--by', 'probe,status']],
      [['--by', 'bot,class']],
      [['--overview']],
      [['--overview', '--by', 'status', '--status', '4xx']],
    ])('report --from equals the embedded report %j', async (options) => {
      const embedded = await runInProcess(['report', logs(), ...options, '--format', 'json']);
      const stored = await runInProcess(['report', '--from', shards[0]!, ...onCluster('fx'), ...options, '--format', 'json']);
      expect(stored.stderr).toBe('');
      expect(withoutInput(stored.stdout)).toEqual(withoutInput(embedded.stdout));
      const { input } = JSON.parse(stored.stdout) as { input: { records: number; filteredOut: number } };
      const { input: expected } = JSON.parse(embedded.stdout) as { input: { records: number; filteredOut: number } };
      expect([input.records, input.filteredOut]).toEqual([expected.records, expected.filteredOut]);
    });

    it.each([
      [[]],
      [['--status', '5xx']],
      [['--interval', '1d', '--since', '2015-01-01', '--until', '2016-01-01']],
      [['--uri', '/*', '--since', '2000-01-01']],
      [['--status', '!404', '--exclude-client', '::1', '--bots', 'exclude']],
    ])('errors --from equals the embedded errors report %j', async (options) => {
      const embedded = await runInProcess(['errors', logs(), ...options, '--format', 'json']);
      const stored = await runInProcess(['errors', '--from', shards[0]!, ...onCluster('fx'), ...options, '--format', 'json']);
      expect(stored.status).toBe(0);
      expect(withoutInput(stored.stdout)).toEqual(withoutInput(embedded.stdout));
    });

    it.each([[[]], [['--status', '4xx,5xx', '--interval', '1h']]])(
      'report --from --format html: the same page as embedded but the input accounting %j',
      async (options) => {
        // Over time, errors, slow and traffic: from the first section after the input's to the end of the page's main part.
        const sections = (html: string) => html.slice(html.indexOf('<section id="time"'), html.indexOf('</main>'));
        const embedded = await runInProcess(['report', logs(), ...options, '--format', 'html']);
        const stored = await runInProcess(['report', '--from', shards[0]!, ...onCluster('fx'), ...options, '--format', 'html']);
        expect(stored.stderr).toBe('');
        expect(stored.status).toBe(0);
        expect(sections(stored.stdout).length).toBeGreaterThan(1000);
        expect(sections(stored.stdout)).toBe(sections(embedded.stdout));
      },
    );

    it('stores text with tabs, newlines, backslashes and quotes, and custom fields, as the log has them', async () => {
      const json = join(work, 'hostile.jsonl');
      writeFileSync(
        json,
        `${JSON.stringify({ time: '2026-11-01T10:00:00.250Z', status: 404, uri: '/a\tb\\c\'d"e\n2', remote_addr: '10.0.0.1', request_time: 0.25 })}\n`,
      );
      const w3c = join(work, 'W3SVC7', 'u_ex261101.log');
      mkdirSync(join(work, 'W3SVC7'));
      writeFileSync(
        w3c,
        "#Fields: date time cs-uri-stem sc-status c-ip X-Forwarded-For cs(X-Trace)\n2026-11-01 10:00:00 /x 200 10.0.0.2 [1,2]\\x' a\\tb\n",
      );
      const loaded = await runInProcess(['load', json, w3c, '--to', shards[0]!, '--database', 'hostile']);
      expect(loaded.status).toBe(0);
      const rows = await sql(
        shards[0]!,
        'SELECT cs_uri_stem, sc_status, time_taken, toUInt32(timestamp), timestamp_ms, custom_keys, custom_values, site_folder FROM hostile.requests ORDER BY file FORMAT JSONCompact',
      );
      const { data } = JSON.parse(rows) as { data: unknown[][] };
      expect(data).toEqual([
        ['/x', 200, null, 1793527200, 0, ['X-Forwarded-For', 'cs(X-Trace)'], ["[1,2]\\x'", 'a\\tb'], 'W3SVC7'],
        ['/a\tb\\c\'d"e\n2', 404, 250, 1793527200, 250, [], [], ''],
      ]);
    });

    /** A W3C log of `lines` requests, line i (1-based after the header) for /page/i. */
    const w3cLines = (from: number, to: number): string => {
      let text = '';
      for (let i = from; i <= to; i++)
        text += `2026-11-01 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} GET /page/${i} - 80 - 10.0.${(i >> 8) & 255}.${i & 255} Mozilla - ${i % 7 === 0 ? 500 : 200} 0 0 ${i % 1000}\n`;
      return text;
    };
    const HEADER =
      '#Software: Microsoft Internet Information Services 10.0\n#Fields: date time cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n';

    it('a grown file adds only its new lines', async () => {
      writeFileSync(join(work, 'grow.log'), HEADER + w3cLines(1, 500));
      const url = shards[0]!;
      await runInProcess(['load', join(work, 'grow.log'), '--to', url, '--database', 'grow']);
      appendFileSync(join(work, 'grow.log'), w3cLines(501, 800));
      const second = await runInProcess(['load', join(work, 'grow.log'), '--to', url, '--database', 'grow']);
      expect(second.stderr).toContain('300 records loaded into grow.requests in 1 batches, 500 already loaded');
      expect(await sql(url, 'SELECT count(), uniqExact(line), min(cs_uri_stem), max(line) FROM grow.requests')).toBe(
        '800\t800\t/page/1\t802',
      );
      // One server without --cluster answers the same reports as the file; grouped by class, the
      // 2xx group has 686 requests from 686 clients: HDR latency and HyperLogLog clients, as embedded.
      for (const command of [
        ['report', '--by', 'status,uri'],
        ['report', '--by', 'class,day'],
        ['errors', '--interval', '1m'],
      ]) {
        const embedded = await runInProcess([...command, join(work, 'grow.log'), '--format', 'json']);
        const stored = await runInProcess([...command, '--from', url, '--database', 'grow', '--format', 'json']);
        expect(withoutInput(stored.stdout)).toEqual(withoutInput(embedded.stdout));
      }
      const grouped = await runInProcess(['report', '--by', 'class,day', '--from', url, '--database', 'grow', '--format', 'json']);
      const { input, groups } = JSON.parse(grouped.stdout) as {
        input: { timeRange: unknown };
        groups: { class: string; count: number; distinct_clients: number; latency_count: number; latency_max_ms: number }[];
      };
      // Lines 1..800 at 10:MM:SS with MM = floor(i/60) % 60, SS = i % 60; every 7th line is a 500.
      expect(input.timeRange).toEqual({ first: '2026-11-01T10:00:01Z', last: '2026-11-01T10:13:20Z' });
      const ok = groups.find((g) => g.class === '2xx')!;
      expect([ok.count, ok.latency_count, ok.latency_max_ms]).toEqual([800 - 114, 800 - 114, 800]);
      expect(Math.abs(ok.distinct_clients - 686) / 686).toBeLessThan(0.05);
    });

    /** Runs the built binary until the ledger holds `batches` committed batches, then SIGKILLs it. */
    const killAfter = (args: string[], batches: number): Promise<void> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore', env: { ...process.env, TZ: 'UTC' } });
        const poll = setInterval(async () => {
          try {
            const done = Number(
              await sql(shards[0]!, "SELECT count() FROM system.tables WHERE database = 'killed' AND name = 'load_progress'"),
            )
              ? Number(await sql(shards[0]!, 'SELECT uniqExact(load_id, first_line) FROM killed.load_progress'))
              : 0;
            if (done >= batches) {
              clearInterval(poll);
              child.kill('SIGKILL');
            }
          } catch (error) {
            clearInterval(poll);
            child.kill('SIGKILL');
            reject(error);
          }
        }, 20);
        child.on('exit', (code, signal) => {
          clearInterval(poll);
          if (signal === 'SIGKILL') resolve();
          else reject(new Error(`load ended by itself (exit ${code}) before it was killed`));
        });
      });

    it('a load killed with SIGKILL, run again, leaves exactly one row per line, as a clean load does', async () => {
      // 25 batches, killed after 3, 9 and 15: ten left for the kill to land before the load would end.
      const LINES = runs(25_000, 40_000);
      const big = join(work, 'big.log');
      writeFileSync(big, HEADER + w3cLines(1, LINES));
      const args = ['load', big, '--to', shards.join(','), ...onCluster('killed'), '--batch-rows', '1000'];
      for (const batches of [3, 9, 15]) await killAfter(args, batches);
      const partial = Number(await sql(shards[0]!, 'SELECT count() FROM killed.requests'));
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(LINES);
      const finish = await runInProcess(args);
      expect(finish.status).toBe(0);
      expect(await sql(shards[0]!, 'SELECT count(), uniqExact(line), min(line), max(line) FROM killed.requests')).toBe(
        `${LINES}\t${LINES}\t3\t${LINES + 2}`,
      );
      expect(await sql(shards[0]!, 'SELECT countIf(sc_status = 500) FROM killed.requests')).toBe(String(Math.floor(LINES / 7)));
      const perShard = await Promise.all(shards.map(async (url) => Number(await sql(url, 'SELECT count() FROM killed.requests_local'))));
      expect(perShard.every((n) => n > 0)).toBe(true);
      // Rows a stopped load stored but never committed (past the file's last line, or of a file the
      // ledger does not know), on both shards: removed before the next load, which then adds nothing.
      const leftovers = [1, 2, 3, 4, 5]
        .map((i) => `${big.replaceAll('\\', '\\\\')}\t${LINES + 2 + i}`)
        .concat(['ghost.log\t1', 'ghost.log\t2']);
      await sql(
        `${shards[0]}/?insert_distributed_sync=1&query=INSERT%20INTO%20killed.requests%20(file,line)%20FORMAT%20TabSeparated`,
        `${leftovers.join('\n')}\n`,
      );
      expect(Number(await sql(shards[0]!, 'SELECT count() FROM killed.requests'))).toBe(LINES + 7);
      const cleaned = await runInProcess(args);
      expect(cleaned.stderr).toContain('removed 7 rows an interrupted load had stored past its last committed line');
      expect(cleaned.stderr).toContain(
        '0 records loaded into killed.requests in 0 batches, 0 already loaded; 1 file unchanged since loaded, not read again',
      );
      expect(await sql(shards[0]!, 'SELECT count(), uniqExact(line) FROM killed.requests')).toBe(`${LINES}\t${LINES}`);
    }, 120_000);

    it('--by site-folder from ClickHouse names the W3SVC folders an embedded run names', async () => {
      const sites = join(work, 'sites');
      for (const [folder, file] of [
        ['W3SVC2', 'beats-access.log'],
        ['w3svc7', 'beats-access-full.log'],
        ['logs', 'beats-access.log'],
      ] as const) {
        mkdirSync(join(sites, folder), { recursive: true });
        cpSync(join(ROOT, 'fixtures', 'w3c', file), join(sites, folder, `u_ex_${folder}.log`));
      }
      const loaded = await runInProcess(['load', sites, '--to', shards[0]!, '--database', 'sites']);
      expect(loaded.status).toBe(0);
      const options = ['--by', 'site-folder,class', '--format', 'json'];
      const embedded = await runInProcess(['report', sites, ...options]);
      const stored = await runInProcess(['report', '--from', shards[0]!, '--database', 'sites', ...options]);
      expect(stored.stderr).toBe('');
      const groups = (json: string) => (JSON.parse(json) as { groups: { 'site-folder': string }[] }).groups;
      expect(groups(stored.stdout)).toEqual(groups(embedded.stdout));
      expect(new Set(groups(stored.stdout).map((g) => g['site-folder']))).toEqual(new Set(['W3SVC2', 'W3SVC7', null]));
    });

    it('--probes in SQL selects the paths noise.ts names probes', async () => {
      const uris = PROBE_URIS.flatMap((u) => [u, u.toUpperCase(), `/site${u}`, `${u}/x`, `${u}.bak`]);
      for (const probes of ['only', 'exclude'] as const) {
        const condition = filterSql({ probes }).all;
        const values = uris.map((u) => sqlString(u)).join(',');
        const selected = await sql(
          shards[0]!,
          `SELECT cs_uri_stem FROM (SELECT toNullable(arrayJoin([${values}])) AS cs_uri_stem, CAST(NULL AS Nullable(String)) AS cs_uri) WHERE ${condition}`,
        );
        const expected = uris.filter((u) => (probeOf(u) !== 'no') === (probes === 'only'));
        expect(selected === '' ? [] : selected.split('\n')).toEqual(expected);
      }
    });

    it('--client ranges in SQL select the clients cidr.ts selects, on 3,000 generated client texts', async () => {
      const random = seeded(20261203);
      const clients = [...generatedClients(random, 3000), ...HOSTILE_CLIENTS];
      const ranges = [...RANGES, ...Array.from({ length: 24 }, () => randomRange(random))];
      const values = clients.map((c) => sqlString(c)).join(',');
      for (const range of ranges) {
        const condition = filterSql({ client: [range] }).all;
        const selected = await sql(shards[0]!, `SELECT c_ip FROM (SELECT toNullable(arrayJoin([${values}])) AS c_ip) WHERE ${condition}`);
        const cidr = parseCidr(range)!;
        const expected = clients.filter((c) => cidr.test(c));
        expect(selected === '' ? [] : selected.split('\n'), range).toEqual(expected);
      }
    });

    it('a server that is down: one line, exit 3', async () => {
      const nobody = `http://127.0.0.1:${await freePort()}`;
      const down = await runInProcess(['load', logs(), '--to', nobody, '--database', 'down']);
      expect(down.status).toBe(3);
      expect(down.stderr).toBe(`logtally: cannot reach ClickHouse at ${nobody}: ECONNREFUSED\n`);
      const report = await runInProcess(['report', '--from', nobody]);
      expect(report.status).toBe(3);
    });

    it('a wrong password: one line naming neither password, exit 2, nothing loaded', async () => {
      const url = shards[0]!.replace('//', `//${USER.name}:not-${USER.password}@`);
      const refused = await runInProcess(['load', logs(), '--to', url, '--database', 'auth']);
      expect(refused.status).toBe(2);
      expect(refused.stderr.split('\n')).toHaveLength(2);
      expect(refused.stderr).toContain('refused the login');
      expect(refused.stderr).not.toContain(USER.password);
      const byEnv = await runInProcess(['load', join(work, 'grow.log'), '--to', shards[0]!, '--database', 'auth'], {
        env: { CLICKHOUSE_USER: USER.name, CLICKHOUSE_PASSWORD: USER.password },
      });
      expect(byEnv.status).toBe(0);
      expect(await sql(shards[0]!, 'SELECT count() FROM auth.requests')).toBe('800');
    });

    it('an existing requests table of another schema is refused, and nothing is loaded', async () => {
      const url = shards[0]!;
      await sql(url, 'CREATE DATABASE conflict');
      await sql(url, 'CREATE TABLE conflict.requests (timestamp DateTime, file String) ENGINE = MergeTree ORDER BY timestamp');
      const refused = await runInProcess(['load', logs(), '--to', url, '--database', 'conflict']);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(
        /^logtally: conflict\.requests on http:\/\/127\.0\.0\.1:\d+ has an incompatible schema: column timestamp_ms is missing/,
      );
      expect(refused.stderr.split('\n')).toHaveLength(2);
      expect(await sql(url, 'SELECT count() FROM conflict.requests')).toBe('0');
      expect(await sql(url, "SELECT count() FROM system.tables WHERE database = 'conflict' AND name = 'load_progress'")).toBe('0');
    });
  });
}
