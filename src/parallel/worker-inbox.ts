/**
 * A worker thread's setup and messages, none lost. A cold worker gets its setup as workerData; a
 * warm one (warm-workers.ts), started before its job was known, as its first message, and the
 * messages after it may come before the worker is ready for them (still loading its modules):
 * they wait here, in order, until it listens.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WARM } from './warm-workers.js';

export interface WorkerInbox<Setup, Message> {
  setup: Promise<Setup>;
  /** Hands `handler` the messages after the setup: those that came already, then each as it comes. */
  listen(handler: (message: Message) => void): void;
}

export function workerInbox<Setup, Message>(): WorkerInbox<Setup, Message> {
  let awaitingSetup = (workerData as { warm?: unknown } | null)?.warm === WARM.warm;
  let receiveSetup: (setup: Setup) => void = () => {};
  const setup = awaitingSetup ? new Promise<Setup>((resolve) => (receiveSetup = resolve)) : Promise.resolve(workerData as Setup);
  const early: Message[] = [];
  let handle: ((message: Message) => void) | undefined;
  parentPort!.on('message', (message: unknown) => {
    if (awaitingSetup) {
      awaitingSetup = false;
      receiveSetup(message as Setup);
    } else if (handle !== undefined) handle(message as Message);
    else early.push(message as Message);
  });
  return {
    setup,
    listen(handler) {
      handle = handler;
      for (const message of early.splice(0)) handler(message);
    },
  };
}
