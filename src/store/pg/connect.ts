import pg from 'pg';
import { UserError } from '../../cli/errors.js';

/** Connection settings of a PostgreSQL store, with their defaults. */
export interface PgOptions {
  /** Connections in the pool (default $MIMEO_PG_POOL, else 4: one process rarely runs more queries at once). */
  poolSize?: number;
  /** Milliseconds a statement may run before the server cancels it (default $MIMEO_PG_STATEMENT_TIMEOUT seconds, else 120 s). */
  statementTimeout?: number;
  /** Milliseconds to wait for a connection (default 10000). */
  connectTimeout?: number;
  /** Refuse writes in every transaction (read-only commands). */
  readonly?: boolean;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password, for messages and `location`. */
export function redactUrl(location: string): string {
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return location.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/** int8 (counts, seqs) as numbers: seqs stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A positive number from the environment (scaled, e.g. seconds to ms), or undefined. */
function envSeconds(name: string, scale = 1000): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UserError(`$${name}: expected a positive number, got "${raw}"`, 2);
  return Math.round(value * scale);
}

export function statementTimeoutMs(options: PgOptions): number {
  return options.statementTimeout ?? envSeconds('MIMEO_PG_STATEMENT_TIMEOUT') ?? 120_000;
}

export function createPool(location: string, options: PgOptions = {}): pg.Pool {
  try {
    const url = new URL(location);
    if (!url.hostname && !url.searchParams.get('host')) throw new Error('no host');
  } catch {
    throw new UserError(`${redactUrl(location)}: not a valid PostgreSQL URL (expected postgres://user:password@host:port/database)`);
  }
  const statementTimeout = statementTimeoutMs(options);
  const pool = new pg.Pool({
    connectionString: location,
    max: options.poolSize ?? envSeconds('MIMEO_PG_POOL', 1) ?? 4,
    connectionTimeoutMillis: options.connectTimeout ?? 10_000,
    statement_timeout: statementTimeout,
    idle_in_transaction_session_timeout: statementTimeout,
    application_name: 'mimeo',
    types,
    ...(options.readonly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/** PostgreSQL error codes a user can act on, as one-line messages. */
export function pgError(location: string, error: unknown): unknown {
  if (error instanceof UserError) return error;
  const err = error as { code?: string; message?: string; address?: string; port?: number } | null;
  const where = redactUrl(location);
  const message = err?.message ?? String(error);
  switch (err?.code) {
    case 'ECONNREFUSED':
      return new UserError(`${where}: connection refused (is PostgreSQL running and listening there?)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError(`${where}: unknown host`);
    case 'ETIMEDOUT':
      return new UserError(`${where}: connection timed out`);
    case '28P01':
    case '28000':
      return new UserError(`${where}: authentication failed (${message})`);
    case '3D000':
      return new UserError(`${where}: ${message} (create it first, e.g. createdb)`);
    case '42501':
      return new UserError(`${where}: missing permission: ${message}`);
    case '25006':
      return new UserError(`${where}: the store is opened read-only (${message})`);
    case '57014':
      return new UserError(`${where}: statement timed out (${message})`);
    case '53300':
      return new UserError(`${where}: too many connections (${message})`);
  }
  if (/timeout expired|Connection terminated/i.test(message)) return new UserError(`${where}: ${message}`);
  return error;
}
