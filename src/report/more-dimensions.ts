/**
 * Dimensions for who is noisy and when traffic comes: bots and probes (filter/noise.ts), the UTC
 * hour of day and weekday, and where a record was read (file, IIS site folder).
 */
import type { LogRecord } from '../../parsers/record.js';
import { isBotAgent, probeOf } from '../filter/noise.js';
import type { Dimension } from './dimensions.js';

/** Weekday names in ISO order (Monday first), as rows of a weekday profile are ordered. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const uriOf = (r: LogRecord): string | number | undefined => r['cs-uri-stem'] ?? r['cs-uri'];

/** A `W3SVC<n>` folder holding the file (either slash), as a pattern RE2 reads too (ClickHouse). */
export const SITE_FOLDER_PATTERN = '(?:^|[\\\\/])([Ww]3[Ss][Vv][Cc]\\d+)[\\\\/][^\\\\/]*$';
const SITE_FOLDER = new RegExp(SITE_FOLDER_PATTERN);

/** `W3SVC3` out of `…/LogFiles/W3SVC3/u_ex261101.log` (either slash): IIS's site id when s-sitename is not logged. */
export function siteFolderOf(file: string): string {
  return SITE_FOLDER.exec(file)?.[1]?.toUpperCase() ?? '';
}

export const NOISE_DIMENSIONS: Record<string, Dimension> = {
  bot: {
    name: 'bot',
    fields: ['cs(User-Agent)'],
    numeric: false,
    description: 'yes for crawlers and other bots (user agent, isbot), no for the rest; empty when no agent is logged',
    key: (r) => {
      const agent = r['cs(User-Agent)'];
      return agent === undefined ? '' : isBotAgent(String(agent)) ? 'yes' : 'no';
    },
  },
  probe: {
    name: 'probe',
    fields: ['cs-uri-stem', 'cs-uri'],
    numeric: false,
    description: 'what a well-known exploit path probes for (wordpress, phpmyadmin, dotfile, cgi-bin …), or no',
    key: (r) => {
      const uri = uriOf(r);
      return uri === undefined ? '' : probeOf(String(uri));
    },
  },
};

export const PROFILE_DIMENSIONS: Record<string, Dimension> = {
  'hour-of-day': {
    name: 'hour-of-day',
    fields: ['timestamp'],
    numeric: true,
    description: 'UTC hour of the day, 0-23',
    key: (r) => (r.timestamp === undefined ? '' : String(Math.floor((((r.timestamp % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS))),
  },
  weekday: {
    name: 'weekday',
    fields: ['timestamp'],
    numeric: false,
    description: 'UTC day of the week, Mon-Sun',
    // 1970-01-01 was a Thursday: day 0 is WEEKDAYS[3].
    key: (r) => (r.timestamp === undefined ? '' : WEEKDAYS[(((Math.floor(r.timestamp / DAY_MS) + 3) % 7) + 7) % 7]!),
  },
  file: { name: 'file', fields: [], numeric: false, description: 'the file a record was read from', key: (_, file) => file },
  'site-folder': {
    name: 'site-folder',
    fields: [],
    numeric: false,
    description: "the W3SVC<n> folder a file sits in (IIS's site id, when s-sitename is not logged)",
    key: (_, file) => siteFolderOf(file),
  },
};
