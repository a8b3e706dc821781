import type { Writable } from 'node:stream';

/**
 * Writes text honouring backpressure, so a slow reader never makes us buffer without bound.
 * Settles on drain, error or close (a reader gone without an error must not hang us), and keeps
 * its error listener until the write is done: the write callback runs before the 'error' event,
 * which would otherwise be unhandled.
 */
export function writeText(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed) return resolve();
    const onError = (error: Error) => reject(error);
    const onClose = () => resolve();
    stream.once('error', onError);
    stream.once('close', onClose);
    const flushed = stream.write(text, (error) => {
      if (error) return reject(error);
      stream.off('error', onError);
      stream.off('close', onClose);
    });
    if (flushed) resolve();
    else stream.once('drain', () => resolve());
  });
}

/** Colours only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  return isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}
