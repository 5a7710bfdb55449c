import { UserError } from '../cli/errors.js';
import type { OpenOptions } from './connect.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export type * from './types.js';
export type { OpenOptions } from './connect.js';
export { SqliteStore, searchWords } from './sqlite.js';
export { SCHEMA_VERSION } from './migrations.js';
export { documentMetaJson, type DocumentMetaJson } from './document-json.js';

/** Opens a store: a SQLite file path or ':memory:' (PostgreSQL URLs are reserved for later). */
export function openStore(location: string, options: OpenOptions = {}): Store {
  if (/^postgres(ql)?:\/\//i.test(location)) throw new UserError('PostgreSQL stores are not supported yet');
  return new SqliteStore(location, options);
}
