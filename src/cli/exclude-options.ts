/**
 * The filters that leave records out: --exclude-status, --exclude-uri … (a `!` before an item of
 * the positive lists does the same), and --bots / --probes.
 */
import type { FilterSpec } from '../filter/filters.js';
import { LogtallyError } from '../errors/logtally-error.js';
import type { OptionSpec, ParsedArgs } from './command.js';

const EXCLUDABLE = ['status', 'uri', 'site', 'host', 'client', 'method'] as const;
const NOISE_CHOICES = ['exclude', 'only'] as const;

export const EXCLUDE_OPTIONS: OptionSpec = {
  ...Object.fromEntries(EXCLUDABLE.map((name) => [`exclude-${name}`, { type: 'string' }])),
  bots: { type: 'string' },
  probes: { type: 'string' },
};

export const EXCLUDE_HELP = `  --exclude-status, --exclude-uri, --exclude-site, --exclude-host, --exclude-client,
  --exclude-method LIST  leave out what the list matches, in the same forms
                         (--exclude-client ::1,10.0.0.0/8); a \`!\` before an item of --status,
                         --uri … does the same: --status '4xx,!404'
  --bots exclude|only    leave out, or keep only, crawlers and other bots (user agent, isbot)
  --probes exclude|only  leave out, or keep only, requests for well-known exploit paths
                         (/wp-login.php, /phpmyadmin, /.env, /.git/, /cgi-bin/ …; --by probe)`;

const text = (args: ParsedArgs, name: string): string | undefined => {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
};

function noiseChoice(args: ParsedArgs, name: 'bots' | 'probes'): 'exclude' | 'only' | undefined {
  const value = text(args, name);
  if (value === undefined || (NOISE_CHOICES as readonly string[]).includes(value)) return value as 'exclude' | 'only' | undefined;
  throw new LogtallyError('USAGE', `--${name} must be one of ${NOISE_CHOICES.join(', ')}; got "${value}"`);
}

/** The exclusions of `args`, given the comma-list parser the other filters use. */
export function excludeFromArgs(
  args: ParsedArgs,
  list: (args: ParsedArgs, name: string) => string[],
): Pick<FilterSpec, 'exclude' | 'bots' | 'probes'> {
  const spec: Pick<FilterSpec, 'exclude' | 'bots' | 'probes'> = {
    exclude: Object.fromEntries(EXCLUDABLE.map((name) => [name, list(args, `exclude-${name}`)])),
  };
  const bots = noiseChoice(args, 'bots');
  if (bots !== undefined) spec.bots = bots;
  const probes = noiseChoice(args, 'probes');
  if (probes !== undefined) spec.probes = probes;
  return spec;
}
