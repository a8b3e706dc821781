/**
 * Command-line parsing around node:util parseArgs. parseArgs refuses `--tz -0500` as ambiguous
 * (the value looks like an option), yet negative offsets are what `--tz` is for; joining an option
 * that takes a value with the argument after it (`--tz=-0500`) lets the command judge the value.
 */
import { parseArgs } from 'node:util';
import { forTerminal } from '../render/sanitize.js';
import type { OptionSpec, ParsedArgs } from './command.js';

/** `--opt VALUE` → `--opt=VALUE` for the string options in `spec`, up to a `--` that ends options. */
export function joinOptionValues(args: readonly string[], spec: OptionSpec): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return [...joined, ...args.slice(i)];
    const takesValue = arg.startsWith('--') && spec[arg.slice(2)]?.type === 'string';
    if (takesValue && i + 1 < args.length) joined.push(`${arg}=${args[++i]}`);
    else joined.push(arg);
  }
  return joined;
}

export function parseCommandArgs(args: readonly string[], spec: OptionSpec): ParsedArgs {
  const { values, positionals, tokens } = parseArgs({
    args: joinOptionValues(args, spec),
    options: spec,
    allowPositionals: true,
    strict: true,
    tokens: true,
  });
  refuseRepeated(tokens, spec);
  return { values, positionals };
}

/**
 * parseArgs keeps the last of a repeated option silently: `--by uri --by status` grouped by status
 * alone. A value option is given once; lists are comma lists.
 */
function refuseRepeated(tokens: readonly { kind: string; name?: string }[], spec: OptionSpec): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined || spec[token.name]?.type !== 'string') continue;
    if (seen.has(token.name))
      throw new Error(`--${token.name} is given more than once; give it once, several values as one comma list (--${token.name} a,b)`);
    seen.add(token.name);
  }
}

/** A parseArgs message for the terminal: its own line breaks kept, everything else sanitised. */
export const parseMessage = (message: string): string => message.split('\n').map(forTerminal).join('\n');

/** Levenshtein distance, for option names of a few letters. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** The option `given` is most likely a typo of (`--sinse`, `--Since` → `since`): two edits at most. */
export function closestOption(given: string, spec: OptionSpec): string | undefined {
  return closestName(given.replace(/^-+/, '').split('=')[0]!, Object.keys(spec));
}

/** The name `given` is most likely a typo of (`erorrs` → `errors`): two edits at most, fewer for short names. */
export function closestName(given: string, names: readonly string[]): string | undefined {
  const name = given.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    const distance = editDistance(name, candidate);
    if (distance <= Math.min(2, candidate.length - 2) && (best === undefined || distance < best.distance))
      best = { name: candidate, distance };
  }
  return best?.name;
}

/** `-f`: most options are long; the ones starting with that letter, if any do. */
function shortOptionHint(unknown: string, spec: OptionSpec): string {
  const letter = unknown.charAt(1).toLowerCase();
  const starting = Object.keys(spec)
    .filter((o) => o.startsWith(letter) && o !== 'help')
    .map((o) => `--${o}`);
  if (starting.length === 0) return '; options are spelt out in full (--name)';
  const last = starting.pop()!;
  return `; did you mean ${starting.length === 0 ? last : `${starting.join(', ')} or ${last}`}?`;
}

/**
 * A parseArgs failure for the terminal. An unknown option names the one it is likely a typo of;
 * node's own text for it is mostly advice on passing `-`-prefixed positionals, which a typo never
 * needs, so that is kept short and only when there is no likely option.
 */
export function parseFailure(error: Error & { code?: string }, spec: OptionSpec): string {
  const unknown = error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '([^']*)'/.exec(error.message)?.[1] : undefined;
  if (unknown === undefined) return parseMessage(error.message);
  // A single-dash option (`-f csv`) is a short spelling, not a value that starts with a dash.
  if (/^-[^-]/.test(unknown)) return `unknown option ${forTerminal(unknown)}${shortOptionHint(unknown, spec)}`;
  const near = closestOption(unknown, spec);
  return `unknown option ${forTerminal(unknown)}${near ? `; did you mean --${near}?` : ' (an argument that starts with - goes after --)'}`;
}
