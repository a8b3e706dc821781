/**
 * Command-line parsing around node:util parseArgs. parseArgs refuses `--tz -0500` as ambiguous
 * (the value looks like an option), yet negative offsets are what `--tz` is for; joining an option
 * that takes a value with the argument after it (`--tz=-0500`) lets the command judge the value.
 */
import { parseArgs } from 'node:util';
import { forTerminal } from '../sanitize.js';
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
  return parseArgs({ args: joinOptionValues(args, spec), options: spec, allowPositionals: true, strict: true });
}

/** A parseArgs message for the terminal: its own line breaks kept, everything else sanitised. */
export const parseMessage = (message: string): string => message.split('\n').map(forTerminal).join('\n');
