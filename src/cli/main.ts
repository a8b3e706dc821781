#!/usr/bin/env node
/** The `logtally` binary: fills CliIO from `process` and hands the command line to `run`. Glue only. */
import { writeSync } from 'node:fs';
import type { CliIO } from './command.js';
import { EXIT_IO } from './command.js';
import { outputErrorText } from './output.js';
import { machineTimeZone, run } from './run.js';

// `logtally … | head` closes our stdout early: that is the reader's choice, not an error. Any other
// failure (a full disk, /dev/full) is said on stderr, written at once as the process ends here.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  writeSync(2, `logtally: cannot write the output: ${outputErrorText(error)}\n`);
  process.exit(EXIT_IO);
});
// Ctrl-C ends at once, unless a command took it over (--follow); a second Ctrl-C always ends at once.
let onInterrupt: (() => void) | undefined;
process.on('SIGINT', () => {
  const handler = onInterrupt;
  onInterrupt = undefined;
  if (handler === undefined) process.exit(130);
  else handler();
});

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
  onInterrupt: (handler) => {
    onInterrupt = handler;
  },
};

run(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
