// The API over a store scanned from the example corpus (examples/README.md says what each file is),
// shared by the server tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { scan } from '../src/corpus/scan.js';
import { createApp, serverContext, type AppOptions, type ServerContext } from '../src/server/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { PROJECT_ROOT } from './cli-run.js';

export interface ExamplesServer {
  tmp: string;
  db: string;
  store: Store;
  ctx: ServerContext;
  app: Hono;
  close: () => Promise<void>;
}

/** Scans examples/ into a temporary database and builds the app over it (no web/dist). */
export async function examplesServer(options: AppOptions = {}): Promise<ExamplesServer> {
  const tmp = mkdtempSync(join(tmpdir(), 'mimeo-server-'));
  const db = join(tmp, 'examples.db');
  const scanned = openStore(db);
  await scan(scanned, [join(PROJECT_ROOT, 'examples')], { workers: 1 });
  scanned.close();
  const store = openStore(db);
  const ctx = serverContext(store);
  await ctx.derived.settled();
  const app = createApp(ctx, { webRoot: join(tmp, 'no-web'), ...options });
  const close = async () => {
    await ctx.derived.close();
    store.close();
    rmSync(tmp, { recursive: true, force: true });
  };
  return { tmp, db, store, ctx, app, close };
}
