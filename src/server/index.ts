// `mimeo serve`: the store, the background views and the HTTP app, on a socket.
import { existsSync } from 'node:fs';
import { serve, type ServerType } from '@hono/node-server';
import { UserError } from '../cli/errors.js';
import { Corpus } from '../corpus/corpus.js';
import { isPostgresUrl, openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { createApp, type AppOptions } from './app.js';
import { serializer, type ServerContext } from './context.js';
import { DerivedViews } from './derived.js';

export { createApp, type AppOptions } from './app.js';
export type { ServerContext } from './context.js';
export type * from './api-types.js';

/** A server context over an open store (tests build the app from this). */
export function serverContext(store: Store, options: { inlineDocuments?: number } = {}): ServerContext {
  let corpus: Corpus | null = null;
  const derived = new DerivedViews(store, options.inlineDocuments);
  void derived.refresh();
  return { store, corpus: () => (corpus ??= Corpus.open(store)), derived, serialize: serializer() };
}

export interface ServeOptions extends AppOptions {
  db: string;
  port: number;
  host: string;
}

export interface RunningServer {
  url: string;
  context: ServerContext;
  close: () => Promise<void>;
}

/** Corpora this large take seconds to load: say so. */
const ANNOUNCE_LOAD = 20_000;

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Opens the database (migrating it) and listens; rejects with a UserError for bad options. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  if (!isLoopback(options.host) && !options.token) {
    throw new UserError(`--host ${options.host} would open the corpus to the network: also give --token SECRET (or bind to 127.0.0.1)`, 2);
  }
  if (!isPostgresUrl(options.db) && !existsSync(options.db)) throw new UserError(`${options.db}: no such database (run 'mimeo scan' first, or pass --db)`);
  const store = openStore(options.db);
  const context = serverContext(store);
  // The candidate index is loaded now (about 10 s and 400 MB per 100k documents), not inside the first add.
  const documents = store.counts().documents;
  if (documents >= ANNOUNCE_LOAD) process.stderr.write(`mimeo serve: loading the candidate index of ${documents} documents…\n`);
  context.corpus();
  const app = createApp(context, { ...options, loopbackOnly: isLoopback(options.host) && !options.token });
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`port ${options.port} is in use: pick another with --port`);
    if (code === 'EACCES') throw new UserError(`not allowed to listen on ${options.host}:${options.port}`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UserError(`cannot listen on ${options.host}: no such address here`);
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  // A wildcard address is not one a browser can open: show this machine's loopback instead.
  const shown = options.host === '0.0.0.0' ? '127.0.0.1' : options.host === '::' ? '::1' : options.host;
  const host = shown.includes(':') ? `[${shown}]` : shown;
  return {
    url: `http://${host}:${port}/`,
    context,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Browsers keep connections open; they must not hold Ctrl-C up.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await context.derived.close();
      store.close();
    },
  };
}
