import { isPostgresUrl, type PgOptions } from './pg/connect.js';
import { SyncPgStore } from './pg/sync.js';
import type { OpenOptions } from './connect.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export type * from './types.js';
export type { OpenOptions } from './connect.js';
export { SqliteStore } from './sqlite.js';
export { searchWords } from './search-words.js';
export { PgStore } from './pg/store.js';
export { isPostgresUrl, type PgOptions } from './pg/connect.js';
export { SCHEMA_VERSION } from './migrations.js';
export { documentMetaJson, type DocumentMetaJson } from './document-json.js';

/** Opens a store: a SQLite file path or ':memory:', or a postgres:// URL (PostgreSQL). */
export function openStore(location: string, options: OpenOptions & PgOptions = {}): Store {
  if (isPostgresUrl(location)) return new SyncPgStore(location, options);
  return new SqliteStore(location, options);
}
