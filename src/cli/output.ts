import type { Writable } from 'node:stream';

/**
 * Writes text honouring backpressure, so a slow reader never makes us buffer without bound.
 * A write the stream takes resolves at once; a full stream is waited on until drain, error or
 * close (a reader gone without an error must not hang us), with listeners only while waiting, so
 * millions of writes (`records` into a file) never pile listeners up. A failed write the stream
 * took is reported through the stream's own 'error' event, which the CLI's entry point handles.
 */
export function writeText(stream: Writable, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed || stream.write(text)) return resolve();
    const settle = (error?: Error) => {
      stream.off('drain', onDrain);
      stream.off('close', onDrain);
      stream.off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    stream.on('drain', onDrain);
    stream.on('close', onDrain);
    stream.on('error', settle);
  });
}

/** Colours only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  return isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}

/** `no space left on device (ENOSPC)`: Node's `ENOSPC: no space left on device, write` put plainly. */
export function outputErrorText(error: NodeJS.ErrnoException): string {
  const plain = /^[A-Z]+: (.*?)(?:, \w+)?$/.exec(error.message)?.[1] ?? error.message;
  return error.code === undefined ? plain : `${plain} (${error.code})`;
}
