/**
 * The CLI as a function: `run(argv, io)` dispatches to a command and turns every failure into a
 * one-line message and a documented exit code. It touches only `io`, so tests run it in-process;
 * main.ts fills `io` from `process`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isLogtallyError, type ErrorCode } from '../errors/logtally-error.js';
import { EXIT_DATA, EXIT_IO, EXIT_USAGE, type CliIO, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_HELP } from './common-options.js';
import { forTerminal } from '../render/sanitize.js';
import { isTimeZone } from '../../parsers/local-time.js';
import { formatOffset } from '../../parsers/time.js';
import { closestName, parseCommandArgs, parseFailure } from './parse-options.js';

const EXIT_BY_CODE: Record<ErrorCode, number> = {
  USAGE: EXIT_USAGE,
  UNKNOWN_CODE: EXIT_USAGE,
  BAD_PARTIAL: EXIT_USAGE,
  NO_INPUT: EXIT_IO,
  IO: EXIT_IO,
  GZIP: EXIT_IO,
  UNKNOWN_FORMAT: EXIT_DATA,
  NOT_A_WEB_LOG: EXIT_DATA,
  STRICT_REJECT: EXIT_DATA,
};
export const EXIT_INTERNAL = 70;

/**
 * The zone logs in local time default to. TZ may name no zone Intl knows (empty, or a POSIX rule
 * such as EST5EDT,M3.2.0,M11.1.0, which Intl reads as UTC): then today's offset is the best guess.
 */
export function machineTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = -new Date().getTimezoneOffset();
  if (isTimeZone(zone) && !(zone === 'UTC' && offset !== 0)) return zone;
  return formatOffset(offset);
}

export function version(): string {
  // This code runs from src/cli (a test runner), dist/src/cli or the bin's bundle under dist/bundle:
  // the package's root is the nearest folder up with a package.json.
  for (let folder = new URL('./', import.meta.url); ; folder = new URL('../', folder)) {
    const path = new URL('package.json', folder);
    if (existsSync(path)) return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
    if (folder.pathname === '/') throw new Error('logtally: no package.json above the CLI');
  }
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `logtally ${version()}: web server logs (IIS W3C, HTTPERR, IIS native, NCSA, Apache, nginx, JSON, CSV) into answers.

Usage: logtally COMMAND [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`logtally COMMAND --help\` for a command's options and examples.
${EXIT_HELP}
`;
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  // Help asked for is output; help instead of a missing command is a usage error, so it goes to stderr.
  if (name === undefined) {
    io.stderr.write(mainHelp());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const near = closestName(
      name,
      COMMANDS.map((c) => c.name),
    );
    io.stderr.write(`logtally: unknown command "${forTerminal(name)}"${near ? `; did you mean ${near}?` : ''}\n\n${mainHelp()}`);
    return EXIT_USAGE;
  }
  let parsed;
  const spec = { ...command.options, help: { type: 'boolean', short: 'h' } } as const;
  try {
    parsed = parseCommandArgs(rest, spec);
  } catch (error) {
    io.stderr.write(
      `logtally ${command.name}: ${parseFailure(error as Error, spec)}\nRun \`logtally ${command.name} --help\` for usage.\n`,
    );
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.stdout.write(`${command.help}\n`);
    return 0;
  }
  return command.run(parsed, io);
}

function fail(error: unknown, debug: boolean, io: CliIO): number {
  if (isLogtallyError(error)) {
    // A message of several lines (every file skipped, then the formats tried) prints as several.
    io.stderr.write(
      error.message
        .split('\n')
        .map((line) => `logtally: ${forTerminal(line)}\n`)
        .join(''),
    );
    if (debug && error.cause) io.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
    return EXIT_BY_CODE[error.code];
  }
  const err = error as NodeJS.ErrnoException;
  if (err?.code === 'EPIPE') return 0;
  io.stderr.write(`${internalErrorLine(error)}\n`);
  if (debug) io.stderr.write(`${err?.stack ?? String(error)}\n`);
  return EXIT_INTERNAL;
}

/** A bug, said in one line that asks for a report: what broke, the version, and how to get the stack. */
function internalErrorLine(error: unknown): string {
  const err = error as Error | undefined;
  const what = err instanceof Error ? `${err.name}: ${err.message}` : String(error);
  return `logtally: internal error: ${forTerminal(what)} (a bug in logtally ${version()}: please report it with the command line that ran into it; --debug prints the stack)`;
}

/** Runs one command line (without `node logtally`) against `io`; resolves to the exit code, never rejects. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return fail(error, argv.includes('--debug'), io);
  }
}
