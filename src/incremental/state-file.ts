/**
 * The state an incremental run keeps between runs, and its file: per input file, where reading
 * stopped and the partial result read so far. The file is JSON lines: the header with every
 * file's entry first, then each file's partial result on a line of its own (and the merged
 * prefix's last), so a run parses only the partials it needs. It is written atomically (a temporary
 * file in the same folder, flushed to disk, then renamed over the old one), so a run killed at
 * any moment leaves the old state or the new one. A state is only used by the logtally version
 * and the options (those that shape the partial result) it was written by.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LogtallyError } from '../errors/logtally-error.js';
import { describeFsError } from '../sources/sources.js';
import type { HeaderState } from '../parallel/w3c-header.js';
import type { Span } from './fingerprint.js';
import { Stored } from './stored.js';

/** 2: the partial reports inside are of PARTIAL_VERSION 2 (report/report.ts). */
export const STATE_VERSION = 2;

/** One input file as far as it was read. */
export interface FileEntry<Result> {
  /** The name it was last seen under. */
  path: string;
  /** `device:inode`; '' where the file system has no inode numbers. */
  id: string;
  gzip: boolean;
  /** Size on disk and modification time (ns, as text) when last read: both unchanged means nothing to read. */
  size: number;
  mtime: string;
  /** Bytes of text read (decompressed for a .gz), always at a line end. */
  offset: number;
  /** Lines read, so line numbers go on from there. */
  lines: number;
  /** First bytes, and the bytes before `offset`: what recognises the file under another name. */
  head: Span;
  tail: Span;
  /** The format the file was read as, and the W3C directives in force at `offset`. */
  format?: string;
  header?: HeaderState;
  /** Whether reading can go on from `offset`; if not, a changed file is read again from its start. */
  resumable: boolean;
  /** The mergeable result of the file's first `offset` bytes. */
  partial: Stored<Result>;
}

/**
 * The merge of the partial results of the first files, in order, kept so that a run over
 * hundreds of unchanged files and one new one merges two results, not hundreds. `covers` holds
 * the signature of each file it merged (entrySignature): it is used only while all of them are
 * still the first files, unchanged.
 */
export interface MergedPrefix<Result> {
  covers: string[];
  partial: Stored<Result>;
}

/** What changes whenever a file's partial result may have: its identity, name, offset, size and time. */
export const entrySignature = (entry: FileEntry<unknown>): string =>
  [entry.id, entry.path, entry.offset, entry.size, entry.mtime].join('\u0000');

/** What a state is for: the command and the options that change the partial result. */
export interface StateKey {
  command: string;
  /** The logtally version. */
  tool: string;
  options: Record<string, unknown>;
}

/** What a state file holds: the options it was made for, each file read so far with its offset and partial result. */
export interface IncrementalState<Result> extends StateKey {
  logtally: 'state';
  version: typeof STATE_VERSION;
  files: FileEntry<Result>[];
  prefix?: MergedPrefix<Result>;
}

/** The state's first line: everything but the partial results. */
interface StateHeader extends StateKey {
  logtally: 'state';
  version: typeof STATE_VERSION;
  files: Omit<FileEntry<unknown>, 'partial'>[];
  prefix?: { covers: string[] };
}

/** A state for `key` with nothing read yet: where a first run starts. */
export const emptyState = <Result>(key: StateKey): IncrementalState<Result> => ({
  logtally: 'state',
  version: STATE_VERSION,
  ...key,
  files: [],
});

const REBUILD = 'rebuild it with --rebuild-state (reads every file again), or give another --state file';

const describeValue = (value: unknown): string => (value === undefined ? 'not given' : JSON.stringify(value));

/** Why a state written for `found` cannot serve `wanted`, or undefined when it can. */
export function keyMismatch(found: StateKey, wanted: StateKey): string | undefined {
  if (found.command !== wanted.command) return `it was written by \`logtally ${found.command}\`, not \`logtally ${wanted.command}\``;
  if (found.tool !== wanted.tool) return `it was written by logtally ${found.tool}; this is logtally ${wanted.tool}`;
  const names = [...new Set([...Object.keys(found.options), ...Object.keys(wanted.options)])];
  const differ = names.filter((name) => JSON.stringify(found.options[name]) !== JSON.stringify(wanted.options[name]));
  if (differ.length === 0) return undefined;
  return `it was written for other options: ${differ
    .map((name) => `${name} ${describeValue(found.options[name])} (now ${describeValue(wanted.options[name])})`)
    .join(', ')}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The state in `path` for `key`: an empty one when the file does not exist (the first run) or
 * `rebuild` is asked; refused (USAGE, exit 2) when it is not a state, or one for another version or
 * other options.
 */
export async function loadState<Result>(path: string, key: StateKey, rebuild = false): Promise<IncrementalState<Result>> {
  if (rebuild) return emptyState(key);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState(key);
    throw describeFsError(path, error);
  }
  const lines = text.split('\n');
  let value: unknown;
  try {
    value = JSON.parse(lines[0]!);
  } catch {
    throw new LogtallyError('USAGE', `state file ${path} is not a logtally state (not JSON); ${REBUILD}`, { file: path });
  }
  if (!isObject(value) || value.logtally !== 'state' || !Array.isArray(value.files) || !isObject(value.options))
    throw new LogtallyError('USAGE', `state file ${path} is not a logtally state; ${REBUILD}`, { file: path });
  if (value.version !== STATE_VERSION)
    throw new LogtallyError(
      'USAGE',
      `state file ${path} has state version ${String(value.version)}, this logtally reads ${STATE_VERSION}; ${REBUILD}`,
      {
        file: path,
      },
    );
  const header = value as unknown as StateHeader;
  const mismatch = keyMismatch(header, key);
  if (mismatch !== undefined)
    throw new LogtallyError('USAGE', `state file ${path} does not fit this run: ${mismatch}; ${REBUILD}`, { file: path });
  const partials = lines.slice(1).filter((line) => line !== '');
  const expected = header.files.length + (header.prefix === undefined ? 0 : 1);
  if (partials.length !== expected)
    throw new LogtallyError('USAGE', `state file ${path} is damaged: ${partials.length} partial results for ${expected}; ${REBUILD}`, {
      file: path,
    });
  const files = header.files.map((entry, i) => ({ ...entry, partial: Stored.fromJson<Result>(partials[i]!) }));
  const prefix =
    header.prefix === undefined ? undefined : { covers: header.prefix.covers, partial: Stored.fromJson<Result>(partials.at(-1)!) };
  const { prefix: _, ...rest } = header;
  return { ...rest, files, ...(prefix === undefined ? {} : { prefix }) };
}

/**
 * Writes `text` to `path` so that readers see the old content or the new, never a part: a
 * temporary file beside it (same file system, so the rename is atomic), flushed, then renamed.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw new LogtallyError('IO', `cannot write ${path}: ${(error as Error).message}`, { file: path }, { cause: error });
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable; some systems (Windows) cannot open a folder, which is fine. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The rename is atomic either way; only its durability across a power cut depends on this.
  }
}

/** Writes a state file atomically (temp file, fsync, rename): a kill leaves the old state or the new one. */
export function saveState<Result>(path: string, state: IncrementalState<Result>): Promise<void> {
  const { files, prefix, ...key } = state;
  const header: StateHeader = {
    ...key,
    files: files.map(({ partial: _, ...entry }) => entry),
    ...(prefix === undefined ? {} : { prefix: { covers: prefix.covers } }),
  };
  const lines = [
    JSON.stringify(header),
    ...files.map((entry) => entry.partial.json),
    ...(prefix === undefined ? [] : [prefix.partial.json]),
  ];
  return writeFileAtomic(path, `${lines.join('\n')}\n`);
}
