import type { Readable, Writable } from 'node:stream';
import type { ParseArgsConfig } from 'node:util';

/** What a command may touch of the outside world; main.ts fills it from `process`, tests can fake it. */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  columns: number;
  /** The machine's time zone name (`Europe/Berlin`), the default for logs written in local time. */
  timeZone: string;
  /** Hands Ctrl-C to a command that ends with output of its own (`--follow` prints its last report); absent, Ctrl-C ends the process. */
  onInterrupt?: (handler: () => void) => void;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** A CLI command is glue: parse options, call the library, write the result. */
export interface Command {
  name: string;
  summary: string;
  /** Full `--help` text: usage, options, examples. */
  help: string;
  options: OptionSpec;
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Exit codes, documented in README and --help. */
export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;
export const EXIT_IO = 3;
