#!/usr/bin/env node
/**
 * The CLI entry: fills CliIO from `process`, dispatches to a command, and turns every failure into
 * a one-line message and a documented exit code. Glue only.
 */
import { readFileSync } from 'node:fs';
import { isLogtallyError, type ErrorCode } from '../errors.js';
import { EXIT_DATA, EXIT_IO, EXIT_USAGE, type CliIO, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_HELP } from './common-options.js';
import { forTerminal } from '../sanitize.js';
import { isTimeZone } from '../local-time.js';
import { formatOffset } from '../time.js';
import { parseCommandArgs, parseFailure } from './parse-options.js';

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
const EXIT_INTERNAL = 70;

/**
 * The zone logs in local time default to. TZ may name no zone Intl knows (empty, or a POSIX rule
 * such as EST5EDT,M3.2.0,M11.1.0, which Intl reads as UTC): then today's offset is the best guess.
 */
function machineTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = -new Date().getTimezoneOffset();
  if (isTimeZone(zone) && !(zone === 'UTC' && offset !== 0)) return zone;
  return formatOffset(offset);
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
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

async function run(argv: string[], io: CliIO): Promise<number> {
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
    io.stderr.write(`logtally: unknown command "${forTerminal(name)}"\n\n${mainHelp()}`);
    return EXIT_USAGE;
  }
  let parsed;
  const spec = { ...command.options, help: { type: 'boolean', short: 'h' } } as const;
  try {
    parsed = parseCommandArgs(rest, spec);
  } catch (error) {
    io.stderr.write(`logtally ${command.name}: ${parseFailure(error as Error, spec)}\nRun \`logtally ${command.name} --help\` for usage.\n`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.stdout.write(`${command.help}\n`);
    return 0;
  }
  return command.run(parsed, io);
}

function fail(error: unknown, debug: boolean): number {
  if (isLogtallyError(error)) {
    // A message of several lines (every file skipped, then the formats tried) prints as several.
    process.stderr.write(error.message.split('\n').map((line) => `logtally: ${forTerminal(line)}\n`).join(''));
    if (debug && error.cause) process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
    return EXIT_BY_CODE[error.code];
  }
  const err = error as NodeJS.ErrnoException;
  if (err?.code === 'EPIPE') return 0;
  process.stderr.write(`logtally: internal error: ${forTerminal(String(err?.message ?? error))}${debug ? `\n${err?.stack}` : ' (run with --debug for details)'}\n`);
  return EXIT_INTERNAL;
}

const argv = process.argv.slice(2);
const debug = argv.includes('--debug');
// `logtally … | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : EXIT_IO));
process.on('SIGINT', () => process.exit(130));

const io: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  // A pipe has no columns: COLUMNS (as a shell exports it) or 120.
  columns: process.stdout.columns || Number(process.env.COLUMNS) || 120,
  timeZone: machineTimeZone(),
};

run(argv, io).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.exitCode = fail(error, debug);
  },
);
