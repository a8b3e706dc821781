/**
 * Where lines come from: files, folders (recursive), globs, gzip files and a caller-supplied stream
 * for stdin. The library never opens `process.stdin` itself; the CLI hands it in.
 */
import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LogtallyError } from '../errors/logtally-error.js';
import { fileChunks } from './file-chunks.js';
import { lookupTable } from '../../parsers/lookup-table.js';

/** Something logtally reads: a name for reports, and a fresh byte stream each time it is opened. */
export interface Source {
  /** How reports name it: the path as given, or `-` for stdin. */
  name: string;
  /** Size in bytes on disk, when known (progress and splitting). */
  size?: number;
  /** A fresh byte stream of the (decompressed) content. */
  open(): Readable;
  /**
   * The same bytes as `open` gives, as chunks read into reused buffers (file-chunks.ts): each is
   * valid only until the next is asked for. Scans read a source this way when it offers it.
   */
  chunks?(): AsyncIterable<Buffer>;
}

/**
 * What a folder walk picks up: logs as IIS names them (u_ex*.log, httperr*.log), as Red Hat's httpd
 * does (access_log, ssl_request_log), and as logrotate renames them (access.log.1,
 * access_log-20240101), each optionally gzipped.
 */
const LOG_FILE = /[._]log(?:[.-]\d+)?(?:\.gz)?$/i;
/** How errors name what a folder walk looks for. */
const LOG_FILE_NAMES = '*.log, *_log, rotated (*.log.1, *.log-20240101) or .gz';
const GLOB_CHARS = /[*?[{]/;
const READ_CHUNK_BYTES = 1 << 20;

/** Options of `resolveSources`. */
export interface ResolveOptions {
  /** The stream `-` stands for. */
  stdin?: Readable;
}

/**
 * A small file gets a small read buffer: each read allocates a whole chunk, and a folder of
 * thousands of small logs otherwise spends most of its time collecting 1 MB buffers.
 */
const readChunkBytes = (size: number | undefined): number =>
  size === undefined ? READ_CHUNK_BYTES : Math.max(MIN_CHUNK_BYTES, Math.min(READ_CHUNK_BYTES, size + 1));
const MIN_CHUNK_BYTES = 16 * 1024;

const isGzipName = (path: string): boolean => path.toLowerCase().endsWith('.gz');

/** A file on disk; a `.gz` name is decompressed as it is read. `size` (bytes) enables progress and worker threads. */
export function fileSource(path: string, size?: number): Source {
  const plain: Pick<Source, 'chunks'> = isGzipName(path) ? {} : { chunks: () => fileChunks(path, readChunkBytes(size)) };
  return {
    name: path,
    size,
    ...plain,
    open() {
      const raw = createReadStream(path, { highWaterMark: readChunkBytes(size) });
      if (!isGzipName(path)) return raw;
      // pipeline, not pipe: a read error fails the gunzip stream, and destroying the gunzip stream
      // (a skipped or failed file) closes the file, so thousands of .gz files never exhaust fds.
      return pipeline(raw, createGunzip({ chunkSize: READ_CHUNK_BYTES }), () => {});
    },
  };
}

/** An in-memory source: for tests and for callers that already hold the text. */
export function memorySource(name: string, content: string | Buffer | readonly Buffer[]): Source {
  const chunks = typeof content === 'string' ? [Buffer.from(content)] : Buffer.isBuffer(content) ? [content] : [...content];
  return { name, size: chunks.reduce((n, c) => n + c.length, 0), open: () => Readable.from(chunks, { objectMode: false }) };
}

/** A stream read once, such as stdin; gzip data in it is decompressed. */
export function streamSource(name: string, stream: Readable): Source {
  let opened = false;
  return {
    name,
    open() {
      if (opened) throw new LogtallyError('USAGE', `${name} can only be read once`);
      opened = true;
      return Readable.from(gunzipIfGzip(stream), { objectMode: false });
    },
  };
}

/**
 * A pipe has no `.gz` name to go by, so the gzip magic number (1f 8b) in the first two bytes
 * decides. Gunzip errors end the stream as they do for a `.gz` file, so they read the same.
 */
async function* gunzipIfGzip(stream: Readable): AsyncGenerator<Buffer> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  // A stream in string mode (setEncoding, Readable.from(strings)) is read as its UTF-8 bytes.
  const bytesOf = (chunk: Buffer | string): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const head: Buffer[] = [];
  let length = 0;
  while (length < 2) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(bytesOf(next.value));
    length += head[head.length - 1]!.length;
  }
  const all = (async function* () {
    yield* head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield bytesOf(next.value);
  })();
  const first = Buffer.concat(head.slice(0, 2));
  if (first[0] !== 0x1f || first[1] !== 0x8b) return yield* all;
  yield* pipeline(Readable.from(all), createGunzip({ chunkSize: READ_CHUNK_BYTES }), () => {});
}

const FS_ERROR_WORDS: Record<string, string> = lookupTable({
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many symbolic links',
});

/** A file system error as the one-line IO error every command prints. */
export function describeFsError(path: string, error: unknown): LogtallyError {
  const why = FS_ERROR_WORDS[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message;
  return new LogtallyError('IO', `cannot read ${path}: ${why}`, { file: path }, { cause: error });
}

async function walkFolder(root: string, into: Source[], visited: Set<string>): Promise<void> {
  let real: string;
  try {
    real = await realpath(root);
  } catch (error) {
    throw describeFsError(root, error);
  }
  // A symlink loop would otherwise recurse forever.
  if (visited.has(real)) return;
  visited.add(real);
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    throw describeFsError(root, error);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (entry.isDirectory() || entry.isSymbolicLink()) {
      const info = await stat(path).catch(() => undefined);
      if (info?.isDirectory()) {
        await walkFolder(path, into, visited);
        continue;
      }
      if (info?.isFile() && LOG_FILE.test(entry.name)) into.push(fileSource(path, info.size));
    } else if (entry.isFile() && LOG_FILE.test(entry.name)) {
      const info = await stat(path).catch(() => undefined);
      into.push(fileSource(path, info?.size));
    }
  }
}

/**
 * A glob's files, in name order. tinyglobby (picomatch) gives shell semantics: `*` `?` `[!a]`
 * within a segment, `**` as a whole segment any folders or none, `{a,b}`; it walks only the folders the pattern can
 * reach below its literal base, and stats only what may match.
 */
async function expandGlob(glob: string, into: Source[]): Promise<void> {
  const normalized = glob.split(sep).join('/');
  const segments = normalized.split('/');
  const firstWild = segments.findIndex((s) => GLOB_CHARS.test(s));
  const base = segments.slice(0, firstWild).join('/') || (normalized.startsWith('/') ? '/' : '.');
  const pattern = segments.slice(firstWild).join('/');
  // Imported when a glob is given: picomatch's modules cost every run (and every worker thread) tens of ms to load.
  const { glob: tinyglobby } = await import('tinyglobby');
  const matches = await tinyglobby(pattern, { cwd: base, onlyFiles: true, dot: true, expandDirectories: false });
  matches.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const realBase = await realpath(base).catch(() => base);
  // Symlinked folders (`self -> .`) reach a file by several names: it is named by its own path.
  const found: { path: string; real: string; direct: boolean; size: number }[] = [];
  for (const match of matches) {
    const path = base === '.' ? match : join(base, match);
    const info = await stat(path).catch(() => undefined);
    const real = await realpath(path).catch(() => path);
    if (info?.isFile()) found.push({ path, real, direct: real === join(realBase, match), size: info.size });
  }
  const directly = new Set(found.filter((f) => f.direct).map((f) => f.real));
  for (const f of found) if (f.direct || !directly.has(f.real)) into.push(fileSource(f.path, f.size));
}

/**
 * Turns command-line style inputs into sources, in the order given; folders in name order. Inputs
 * may overlap (`logs/ logs/a.log`, a symlink beside its target): each file is read once, under the
 * name and at the place it first appeared, so nothing is counted twice.
 */
export async function resolveSources(inputs: readonly string[], options: ResolveOptions = {}): Promise<Source[]> {
  if (inputs.filter((input) => input === '-').length > 1) throw new LogtallyError('USAGE', '- (stdin) given more than once');
  const sources: Source[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === '-') {
      if (!options.stdin) throw new LogtallyError('USAGE', '`-` (stdin) given but no input stream is available');
      sources.push(streamSource('-', options.stdin));
      continue;
    }
    for (const file of await filesOf(input)) {
      const identity = await fileIdentity(file.name);
      if (seen.has(identity)) continue;
      seen.add(identity);
      sources.push(file);
    }
  }
  return sources;
}

/**
 * What makes two names the same file: device and inode, so a symlink and its target, and hard
 * links (rotation schemes and backup folders make them), are one file. Where a file system gives
 * no inode number (0 on some Windows network drives), the real path stands in.
 */
async function fileIdentity(path: string): Promise<string> {
  const info = await stat(path, { bigint: true }).catch(() => undefined);
  if (info !== undefined && info.ino !== 0n) return `${info.dev}:${info.ino}`;
  return realpath(path).catch(() => path);
}

/** The files one input names: a glob's matches, a folder's logs, or the file itself. */
async function filesOf(input: string): Promise<Source[]> {
  const files: Source[] = [];
  if (GLOB_CHARS.test(input)) {
    await expandGlob(input, files);
    if (files.length === 0) throw new LogtallyError('NO_INPUT', `no files match ${input}`, { file: input });
    return files;
  }
  let info;
  try {
    info = await stat(input);
  } catch (error) {
    throw describeFsError(input, error);
  }
  if (!info.isDirectory()) return [fileSource(input, info.size)];
  await walkFolder(input, files, new Set());
  if (files.length === 0) throw new LogtallyError('NO_INPUT', `no log files (${LOG_FILE_NAMES}) in folder ${input}`, { file: input });
  return files;
}
