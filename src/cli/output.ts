import type { Writable } from 'node:stream';

/** Writes text honouring backpressure, so a slow reader never makes us buffer without bound. */
export function writeText(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed) return resolve();
    const onError = (error: Error) => reject(error);
    stream.once('error', onError);
    const flushed = stream.write(text, () => stream.off('error', onError));
    if (flushed) resolve();
    else stream.once('drain', () => resolve());
  });
}

/** Colours only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  return isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}
