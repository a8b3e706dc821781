/**
 * Which thrown errors are failed reads. Only these become IO or GZIP errors: anything else thrown
 * while reading (a TypeError in a parser or aggregator) is a bug, and must not be reported as
 * "cannot read FILE" with exit 3, which would send the user hunting for a disk problem.
 */

/** errno names as Node's fs and net report them: ENOENT, EACCES, EISDIR, EMFILE, EIO, … (not ERR_* argument errors). */
const ERRNO_CODE = /^E[A-Z0-9]+$/;
/** zlib's failures: Z_DATA_ERROR, Z_BUF_ERROR. */
const ZLIB_CODE = /^Z_[A-Z_]+$/;

/** An operating-system or zlib failure, recognised by its errno-style `code`. */
export function isIoFailure(error: unknown): error is NodeJS.ErrnoException {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' && (ERRNO_CODE.test(code) || ZLIB_CODE.test(code));
}

/** Whether a zlib failure: a corrupt or truncated gzip stream. */
export const isGzipFailure = (error: NodeJS.ErrnoException): boolean => error.code === 'Z_DATA_ERROR' || error.code === 'Z_BUF_ERROR';
