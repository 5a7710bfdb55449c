import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../cli/errors.js';
import { APPLICATION_ID, SCHEMA_VERSION, migrate } from './migrations.js';

export interface OpenOptions {
  /** Open without writing; the store must exist and be up to date. */
  readonly?: boolean;
  /** Create the file when missing (default: true unless readonly). */
  create?: boolean;
}

/** Opens (and creates or migrates) a Mimeo SQLite database; every failure a user can fix is a UserError. */
export function connect(location: string, options: OpenOptions = {}): Database.Database {
  const memory = location === ':memory:';
  const readonly = !memory && (options.readonly ?? false);
  const create = !readonly && (options.create ?? true);
  if (!memory) checkPath(location, readonly, create);

  let db: Database.Database;
  try {
    db = new Database(location, { readonly, fileMustExist: !create, timeout: 5000 });
  } catch (error) {
    throw openError(location, error);
  }
  try {
    // Check the marker before anything writes: a foreign file must be left as it was.
    checkMarker(db, location, readonly);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // Checkpoint every ~40 MB of WAL rather than 4 MB: bulk adds of article text otherwise pay a
      // checkpoint (with fsync) on nearly every batch. close() truncates the WAL.
      db.pragma('wal_autocheckpoint = 10000');
      db.pragma('journal_size_limit = 67108864');
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536'); // up to 64 MiB: keeps the id and hash indexes hot on big stores
    if (!readonly) migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw openError(location, error);
  }
}

function userVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Friendly messages for what SQLite would report as "unable to open database file". */
function checkPath(location: string, readonly: boolean, create: boolean): void {
  const stats = statOrUndefined(location);
  if (stats?.isDirectory()) throw new UserError(`${location}: is a directory, not a Mimeo database`);
  const folder = dirname(resolve(location));
  if (!stats) {
    if (!create) throw new UserError(`${location}: no such database`);
    const parent = statOrUndefined(folder);
    if (!parent) throw new UserError(`${location}: folder ${folder} does not exist`);
    if (!parent.isDirectory()) throw new UserError(`${location}: ${folder} is not a folder`);
  }
  if (readonly) return;
  if (stats && !writable(location)) throw new UserError(`${location}: not writable (use read-only access)`);
  // WAL mode keeps -wal and -shm files next to the database.
  if (!writable(folder)) throw new UserError(`${location}: folder ${folder} is not writable`);
}

/** Accepts our files and empty ones (to be created); throws for files that are not ours or too new. */
function checkMarker(db: Database.Database, location: string, readonly: boolean): void {
  const applicationId = Number(db.pragma('application_id', { simple: true }));
  const version = userVersion(db);
  if (applicationId !== APPLICATION_ID) {
    const objects = Number(db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get());
    const empty = applicationId === 0 && version === 0 && objects === 0;
    if (!empty) throw new UserError(`${location}: not a Mimeo database (another program's SQLite file)`);
    if (readonly) throw new UserError(`${location}: not a Mimeo database (empty file)`);
    return;
  }
  if (version > SCHEMA_VERSION) {
    throw new UserError(
      `${location}: made by a newer Mimeo (schema version ${version}, this one knows up to ${SCHEMA_VERSION}); upgrade Mimeo to open it`,
    );
  }
  if (readonly && version < SCHEMA_VERSION) {
    throw new UserError(`${location}: needs a schema upgrade (version ${version} → ${SCHEMA_VERSION}); open it once without read-only`);
  }
}

function openError(location: string, error: unknown): unknown {
  if (error instanceof UserError || !(error instanceof Database.SqliteError)) return error;
  const code = error.code;
  if (code === 'SQLITE_NOTADB') return new UserError(`${location}: not a Mimeo database (file is not a database)`);
  if (code.startsWith('SQLITE_CORRUPT')) return new UserError(`${location}: database file is corrupt (${error.message})`);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new UserError(`${location}: database is locked by another process`);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') return new UserError(`${location}: not writable`);
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) {
    return new UserError(`${location}: cannot open database (${error.message})`);
  }
  return error;
}
