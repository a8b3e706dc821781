/**
 * Access-log lines for tests of the compiled readers against the general matcher: every layout's
 * samples, the Apache and nginx fixtures, and each of those bent in ways real logs are (quotes in
 * agents, lists, blanks, times without zones, fields missing or added).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ACCESS_LAYOUTS } from '../parsers/formats/access-layouts.js';
import { sampleLines } from '../parsers/formats/format-info.js';
import { FULL } from './helpers/exhaustive.js';

export function fixtureLines(folder: string): string[] {
  const dir = new URL(`../fixtures/${folder}/`, import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.log') || f.endsWith('.log.gz'))
    .flatMap((f) => {
      const bytes = readFileSync(new URL(f, dir));
      return (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').split('\n').slice(0, 200);
    })
    .filter((l) => l.trim() !== '');
}

/** Ways real lines differ from the common shape. */
export const BENDS: ((line: string) => string)[] = [
  (l) => `${l}  `,
  (l) => `${l}\t`,
  (l) => l.replace(/"([^"]*)"$/, '"$1 \\"quoted\\" end"'),
  (l) => l.replace(/"([^"]*)"$/, '"$1 "bare" end"'),
  (l) => l.replace(/"$/, '\\\\"'),
  (l) => l.replace(/"[^"]*" "[^"]*"$/, '"a\\" "b"'),
  (l) => l.replace(' ', ', 10.0.0.9 '),
  (l) => l.replace(' ', ',10.0.0.9 '),
  (l) => l.replace(' - - [', ' - john smith ['),
  (l) => l.replace(' - - [', ' - a, ['),
  (l) => l.replace(/^\S+/, '-'),
  (l) => l.replace(/ [+-]\d{4}\]/, ']'),
  (l) => l.replace(/(:\d\d:\d\d:\d\d)/, '$1.123'),
  (l) => l.replace(/(\d{4}):(\d\d:\d\d:\d\d)/, '$1 $2'),
  (l) => l.replace(/\[[^\]]*\]/, '[-]'),
  (l) => l.replace(/\[\d\d\/\w{3}\/\d{4}:[^\]]*\]/, '[2025-08-06T14:43:25+02:00]'),
  (l) => l.replace(/\[\d\d\//, '[32/'),
  (l) => l.replace(/\/\w{3}\//, '/Foo/'),
  (l) => l.replace(/:\d\d:(\d\d:\d\d)/, ':24:$1'),
  (l) => l.replace(/" (\d{3}) /, '" - '),
  (l) => l.replace(/" (\d{3}) (\d+)/, '" $1 -'),
  (l) => l.replace(/" (\d{3}) /, '" 20x '),
  (l) => l.replace(/"[A-Z]+ [^"]*"/, '""'),
  (l) => l.replace(/"[A-Z]+ [^"]*"/, '-'),
  (l) => `${l} 0.012 "10.0.0.9:8080"`,
  (l) => `${l} 120`,
  (l) => l.slice(0, -5),
  (l) => l.replaceAll('"', ''),
  // Quoted values logged as a bare `-`, or a `-` run into the next value.
  (l) => l.replace(/"[^"]*"$/, '-'),
  (l) => l.replace(/ "[^"]*" "/, ' - "'),
  (l) => l.replace(/ "[^"]*" "/, ' -x "'),
  (l) => l.replace(/"[A-Z]+ [^"]*"/, '-"'),
];

/**
 * In a quick run each fixture line is bent by one bend in QUICK_BEND_SHARE, a different one from
 * line to line, so every bend still bends dozens of lines of each file; the layouts' own samples,
 * the only lines of the rarer layouts, keep every bend. `npm run test:full` bends every line.
 */
const QUICK_BEND_SHARE = 6;
const bendsOf = (line: string, n: number, every: boolean): string[] => [
  line,
  ...BENDS.filter((_, b) => every || FULL || (n + b) % QUICK_BEND_SHARE === 0).map((bend) => bend(line)),
];

export const LINES = [
  ...new Set([
    ...ACCESS_LAYOUTS.flatMap((layout) => sampleLines(layout)).flatMap((line, n) => bendsOf(line, n, true)),
    ...[...fixtureLines('apache'), ...fixtureLines('nginx')].flatMap((line, n) => bendsOf(line, n, false)),
  ]),
];
