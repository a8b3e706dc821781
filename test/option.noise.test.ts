/**
 * Who is noisy: the bot dimension and --bots (user agent, isbot), scanners' probe paths, and
 * negation and exclusion on the filters. Expected counts are hand counts of the lines below.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './cli-run.js';

const CHROME = 'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/89.0.4389.114+Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0+(compatible;+Googlebot/2.1;++http://www.google.com/bot.html)';
const BINGBOT = 'Mozilla/5.0+(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm)';
const LOG = [
  '#Fields: date time cs-method cs-uri-stem c-ip cs(User-Agent) sc-status',
  `2021-04-01 10:00:00 GET /index.html 192.0.2.10 ${CHROME} 200`,
  `2021-04-01 10:00:01 GET /index.html ::1 ${CHROME} 200`,
  `2021-04-01 10:00:02 GET /index.html ::1 ${CHROME} 200`,
  `2021-04-01 10:00:03 GET /robots.txt 66.249.66.1 ${GOOGLEBOT} 200`,
  `2021-04-01 10:00:04 GET /index.html 66.249.66.1 ${GOOGLEBOT} 304`,
  `2021-04-01 10:00:05 GET /about 157.55.39.1 ${BINGBOT} 404`,
  `2021-04-01 10:00:06 GET /wp-login.php 203.0.113.9 ${CHROME} 404`,
  `2021-04-01 10:00:07 POST /xmlrpc.php 203.0.113.9 ${CHROME} 404`,
  `2021-04-01 10:00:08 GET /.env 203.0.113.9 - 404`,
  `2021-04-01 10:00:09 GET /phpmyadmin/index.php 203.0.113.9 - 404`,
  `2021-04-01 10:00:10 GET /cgi-bin/luci 203.0.113.9 ${CHROME} 404`,
  `2021-04-01 10:00:11 GET /.git/config 198.51.100.7 ${CHROME} 403`,
  `2021-04-01 10:00:12 GET /api/orders 10.1.2.3 ${CHROME} 500`,
].join('\n');

/** `value,count` rows of a one-dimension CSV, in output order. */
async function counts(args: string[]): Promise<string[]> {
  const { stdout, stderr, status } = await runInProcess(['report', '-', ...args, '--format', 'csv'], { input: LOG });
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return stdout
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(',').slice(0, 2).join(','));
}

describe('bots', () => {
  it('--by bot: 3 bot requests (Googlebot ×2, bingbot), 8 others with an agent, 2 without', async () => {
    expect(await counts(['--by', 'bot'])).toEqual(['no,8', 'yes,3', ',2']);
  });

  it('--bots exclude and only', async () => {
    expect(await counts(['--by', 'status', '--bots', 'only'])).toEqual(['200,1', '304,1', '404,1']);
    const kept = await counts(['--by', 'status', '--bots', 'exclude']);
    expect(kept.reduce((sum, row) => sum + Number(row.split(',')[1]), 0)).toBe(10);
  });

  it('the default report JSON counts filtered-out bots', async () => {
    const { stdout } = await runInProcess(['report', '-', '--bots', 'exclude', '--format', 'json'], { input: LOG });
    expect(JSON.parse(stdout).input.filteredOut).toBe(3);
  });
});

describe('probes', () => {
  it('--by probe names what each exploit path looks for', async () => {
    const rows = await counts(['--by', 'probe']);
    expect(rows[0]).toBe('no,7');
    expect(rows.slice(1).sort()).toEqual(['cgi-bin,1', 'dotfile,2', 'phpmyadmin,1', 'wordpress,2']);
  });

  it('--probes only keeps the 6 probes, exclude the 7 others', async () => {
    expect(await counts(['--by', 'client', '--probes', 'only'])).toEqual(['203.0.113.9,5', '198.51.100.7,1']);
    expect((await counts(['--by', 'probe', '--probes', 'exclude'])).join(' ')).toBe('no,7');
  });
});

describe('negation and exclusion', () => {
  it("--status '!404' and '4xx,!404'", async () => {
    expect(await counts(['--by', 'status', '--status', '!404'])).toEqual(['200,4', '304,1', '403,1', '500,1']);
    expect(await counts(['--by', 'status', '--status', '4xx,!404'])).toEqual(['403,1']);
    expect(await counts(['--by', 'status', '--exclude-status', '2xx,3xx,404'])).toEqual(['403,1', '500,1']);
  });

  it("errors --status '!404': shares stay shares of all requests; other exclusions narrow them", async () => {
    const shares = async (args: string[]) => {
      const { stdout } = await runInProcess(['errors', '-', ...args, '--format', 'json'], { input: LOG });
      const report = JSON.parse(stdout) as { groups: { status: number; count: number; share: number }[] };
      return report.groups.map((g) => [g.status, g.count, g.share]).sort();
    };
    // 13 requests; 403 and 500 once each.
    expect(await shares(['--status', '!404'])).toEqual([
      [403, 1, Number((1 / 13).toFixed(4))],
      [500, 1, Number((1 / 13).toFixed(4))],
    ]);
    // Without the two requests of ::1, 11 requests.
    expect(await shares(['--exclude-status', '404', '--exclude-client', '::1'])).toEqual([
      [403, 1, Number((1 / 11).toFixed(4))],
      [500, 1, Number((1 / 11).toFixed(4))],
    ]);
  });

  it('--exclude-client takes addresses, globs and CIDR ranges (IPv6 too)', async () => {
    const rows = await counts(['--by', 'client', '--exclude-client', '::1,203.0.113.0/24,66.249.*']);
    expect(rows.sort()).toEqual(['10.1.2.3,1', '157.55.39.1,1', '192.0.2.10,1', '198.51.100.7,1']);
    expect(await counts(['--by', 'client', '--client', '!::/0,!203.0.113.9,!66.249.66.1'])).toEqual(
      ['10.1.2.3,1', '157.55.39.1,1', '192.0.2.10,1', '198.51.100.7,1'].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('--exclude-uri and --uri with !, --exclude-method', async () => {
    expect(await counts(['--by', 'uri', '--exclude-uri', '/index.html,/*.php,/.*,/cgi-bin/*'])).toEqual([
      '/about,1',
      '/api/orders,1',
      '/robots.txt,1',
    ]);
    expect(await counts(['--by', 'uri', '--uri', '/index.html,/about,!/about'])).toEqual(['/index.html,4']);
    expect(await counts(['--by', 'method', '--exclude-method', 'GET'])).toEqual(['POST,1']);
  });

  it('a bad choice is a usage error', async () => {
    const { status, stderr } = await runInProcess(['report', '-', '--probes', 'some'], { input: LOG });
    expect(status).toBe(2);
    expect(stderr).toContain('--probes must be one of exclude, only');
  });
});
