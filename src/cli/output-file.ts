/**
 * `-o FILE` on report and errors: the output goes to a temporary file in FILE's own folder, then
 * is renamed over FILE. A reader (a browser reloading report.html, a mail job) sees the old file or
 * the whole new one, never half a page, and a failed run leaves the old file as it was.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LogtallyError } from '../errors/logtally-error.js';
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

export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new LogtallyError(
      'IO',
      `cannot write ${path}: ${WRITE_ERRORS[code] ?? (error as Error).message}`,
      { file: path },
      { cause: error },
    );
  }
}

/** The command's output to `--output FILE` when given, else to stdout. */
export async function writeOutput(args: ParsedArgs, io: CliIO, content: string): Promise<void> {
  const path = stringOption(args, 'output');
  if (path === undefined) return writeText(io.stdout, content);
  if (path === '') throw new LogtallyError('USAGE', '--output needs a file name');
  return writeFileAtomically(path, content);
}
