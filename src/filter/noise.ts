/**
 * Noise in web logs: crawlers and other bots, told apart by their user agent with the `isbot`
 * package (a maintained pattern list, not one of ours), and scanners probing well-known exploit
 * paths, told by the path alone.
 */
import { createRequire } from 'node:module';
import type * as IsbotModule from 'isbot';

/** Loaded on first use, so threads and runs that never ask about bots do not compile its pattern. */
let loaded: typeof IsbotModule | undefined;
const isbot = (agent: string): boolean => (loaded ??= createRequire(import.meta.url)('isbot') as typeof IsbotModule).isbot(agent);

/**
 * isbot runs one large regular expression (microseconds); a log repeats a few thousand agents, so
 * answers are cached. The cache is cleared when full, which bounds it at about 1 MB.
 */
const BOT_CACHE_SIZE = 4096;
const botCache = new Map<string, boolean>();

export function isBotAgent(agent: string): boolean {
  let bot = botCache.get(agent);
  if (bot === undefined) {
    if (botCache.size >= BOT_CACHE_SIZE) botCache.clear();
    // W3C logs write spaces in the agent as `+`; parsers decode them, but a raw `+` does no harm to the patterns.
    bot = isbot(agent);
    botCache.set((' ' + agent).slice(1), bot);
  }
  return bot;
}

/**
 * Paths vulnerability scanners request on any site, by what they look for. A site that really runs
 * WordPress or phpMyAdmin sees its own users here too: the dimension names what a path is, the
 * reader decides whether it is noise.
 */
const PROBES: readonly [string, RegExp][] = [
  ['wordpress', /^\/(?:[^/]+\/)?(?:wp-login\.php|wp-admin(?:\/|$)|xmlrpc\.php|wp-config\.php|wp-includes\/|wp-content\/plugins\/)/i],
  ['phpmyadmin', /^\/(?:phpmyadmin|pma|myadmin|mysqladmin|phpMyAdmin\d*)(?:\/|$)/i],
  ['dotfile', /\/\.(?:env|git|svn|hg|aws|ssh|DS_Store|htaccess|htpasswd|npmrc|docker)(?:\/|$|\.)/i],
  ['cgi-bin', /^\/cgi-bin(?:\/|$)/i],
  ['php-exploit', /(?:\/vendor\/phpunit\/|eval-stdin\.php|\/shell\.php|\/phpinfo\.php|\/info\.php$|\/config\.php$|\/setup\.php$)/i],
  ['router', /^\/(?:HNAP1|boaform|GponForm|cgi|goform|setup\.cgi|tmUnblock\.cgi)(?:\/|$)/i],
  ['java-admin', /^\/(?:actuator|manager\/html|jmx-console|console\/login|solr\/admin)(?:\/|$)/i],
];

/** The probe patterns' sources, case-insensitive, as RE2 reads them too (for ClickHouse's `match`). */
export const PROBE_PATTERN_SOURCES: readonly string[] = PROBES.map(([, pattern]) => pattern.source);

/** What a path probes for (`wordpress`, `dotfile` …), or `no`. */
export function probeOf(uri: string): string {
  for (const [name, pattern] of PROBES) if (pattern.test(uri)) return name;
  return 'no';
}

export const PROBE_KINDS = PROBES.map(([name]) => name);
