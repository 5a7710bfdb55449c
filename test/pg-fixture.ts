// PostgreSQL for the store and worker tests: the server named by $MIMEO_TEST_PG (a URL whose user
// may create databases; .ci/run starts one), else a throwaway cluster started here from the
// machine's PostgreSQL binaries (as the `postgres` user when running as root), else none: the
// tests that need it skip with the reason.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgServer {
  /** URL of a new, empty database on the server. */
  freshDatabase(prefix?: string): string;
}

let server: PgServer | null | undefined;
let reason = '';

/** Why PostgreSQL tests skip, or false when a server is available. */
export function pgSkip(): string | false {
  return pgServer() === null ? `no PostgreSQL server (${reason}); set MIMEO_TEST_PG=postgres://user@host:port/db to run these` : false;
}

export function pgServer(): PgServer | null {
  if (server !== undefined) return server;
  const url = process.env.MIMEO_TEST_PG;
  server = url ? fromUrl(url, true) : startCluster();
  return server;
}

let counter = 0;

/** On a server the tests did not start, the databases they made are dropped when the process exits. */
function fromUrl(admin: string, dropOnExit: boolean): PgServer {
  const made: string[] = [];
  if (dropOnExit) {
    process.on('exit', () => {
      for (const name of made) spawnSync('psql', [admin, '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'ignore' });
    });
  }
  return {
    freshDatabase(prefix = 't') {
      const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
      execFileSync('psql', [admin, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
      made.push(name);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
}

function findBin(name: string): string | null {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  for (const version of readdirSync(root).sort().reverse()) {
    const bin = join(root, version, 'bin', name);
    if (existsSync(bin)) return bin;
  }
  return null;
}

function startCluster(): PgServer | null {
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  if (!initdb || !pgCtl || !findBin('psql')) {
    reason = 'PostgreSQL server binaries not found';
    return null;
  }
  // initdb refuses to run as root: run the cluster as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('id', ['postgres']).status !== 0) {
    reason = 'running as root without a postgres user';
    return null;
  }
  const run = (cmd: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' });
  const dir = mkdtempSync(join(tmpdir(), 'mimeo-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = 20000 + Math.floor(Math.random() * 20000);
  try {
    run(initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    run(pgCtl, ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=100`, 'start']);
  } catch (error) {
    reason = `could not start a throwaway cluster: ${(error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message}`;
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  process.on('exit', () => {
    try {
      run(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return fromUrl(`postgres://postgres@127.0.0.1:${port}/postgres`, false);
}
