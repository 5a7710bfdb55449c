import { Option } from 'commander';
import { openStore, type Store } from '../store/index.js';
import { UserError } from './errors.js';
import { existsSync } from 'node:fs';

/** Where the corpus lives unless --db says otherwise. */
export const DEFAULT_DB = 'mimeo.db';

/** `--db PATH`, defaulting to $MIMEO_DB, then ./mimeo.db. */
export function dbOption(): Option {
  return new Option('--db <path>', 'corpus database (default: $MIMEO_DB or ./mimeo.db)');
}

export function dbLocation(db: string | undefined): string {
  return db ?? process.env.MIMEO_DB ?? DEFAULT_DB;
}

/** Opens the store for a command; read-only commands refuse to create an empty database. */
export function openCliStore(db: string | undefined, options: { readonly?: boolean } = {}): Store {
  const location = dbLocation(db);
  if (options.readonly && location !== ':memory:' && !/^postgres/i.test(location) && !existsSync(location)) {
    throw new UserError(`${location}: no such database (run 'mimeo scan' first, or pass --db)`);
  }
  return openStore(location, options.readonly ? { readonly: true } : {});
}
