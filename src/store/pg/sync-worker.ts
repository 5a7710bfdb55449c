/**
 * Thread behind SyncPgStore: runs the asynchronous PgStore and answers each call on the port it
 * was given, then wakes the waiting caller through the shared flag.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { UserError } from '../../cli/errors.js';
import { PgStore } from './store.js';
import type { PgOptions } from './connect.js';

interface Setup {
  port: MessagePort;
  flag: Int32Array;
}

export type SyncReply = { ok: true; value: unknown } | { ok: false; error: { message: string; user: boolean; exitCode: number } };

const { url, options } = workerData as { url: string; options: PgOptions };
let store: PgStore | undefined;

function reply(setup: Setup, message: SyncReply): void {
  setup.port.postMessage(message);
  Atomics.store(setup.flag, 0, 1);
  Atomics.notify(setup.flag, 0);
}

function failure(error: unknown): SyncReply {
  const user = error instanceof UserError;
  return { ok: false, error: { message: error instanceof Error ? error.message : String(error), user, exitCode: user ? error.exitCode : 1 } };
}

parentPort!.once('message', (setup: Setup) => {
  // A crash must still wake the caller, with the reason.
  process.on('uncaughtException', (error) => reply(setup, failure(error)));
  setup.port.on('message', async ({ method, args }: { method: string; args: unknown[] }) => {
    try {
      if (method === 'open') {
        store = await PgStore.open(url, options);
        return reply(setup, { ok: true, value: store.location });
      }
      const target = store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      if (!store || typeof target[method] !== 'function') throw new Error(`no store method ${method}`);
      reply(setup, { ok: true, value: await target[method].apply(store, args) });
    } catch (error) {
      reply(setup, failure(error));
    }
  });
});
