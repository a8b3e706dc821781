/**
 * `-o FILE` on report and errors: the output goes to a temporary file in FILE's own folder, then
 * is renamed over FILE. A reader (a browser reloading report.html, a mail job) sees the old file or
 * the whole new one, never half a page, and a failed run leaves the old file as it was.
 */
import { LogtallyError } from '../errors/logtally-error.js';
import { writeFileAtomic } from '../incremental/state-file.js';
import type { OptionSpec, ParsedArgs } from './command.js';
import { stringOption } from './common-options.js';
import { writeText } from './output.js';
import type { CliIO } from './command.js';

export const OUTPUT_OPTION: OptionSpec = { output: { type: 'string', short: 'o' } };

export const OUTPUT_HELP = `  -o, --output FILE      write to FILE (atomically: a temporary file in the same folder,
                         then renamed over FILE) instead of stdout`;

const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'no such folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a folder',
};

/** writeFileAtomic (temp file, fsync, rename), with the usual failures said in words. */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  try {
    await writeFileAtomic(path, content);
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? '';
    const known = WRITE_ERRORS[code];
    if (known === undefined) throw error;
    throw new LogtallyError('IO', `cannot write ${path}: ${known}`, { file: path }, { cause: error });
  }
}

/** The command's output to `--output FILE` when given, else to stdout. */
export async function writeOutput(args: ParsedArgs, io: CliIO, content: string): Promise<void> {
  const path = stringOption(args, 'output');
  if (path === undefined) return writeText(io.stdout, content);
  if (path === '') throw new LogtallyError('USAGE', '--output needs a file name');
  return writeFileAtomically(path, content);
}
