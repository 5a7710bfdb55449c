/**
 * Scale-out benchmark: the same corpus scanned on SQLite (reference) and, distributed, on
 * PostgreSQL with 1, 2, 4 local `mimeo worker` processes; then a fault run in which one of two
 * workers is killed with SIGKILL at random moments. Checks that every run stores the reference's
 * link set and that no job is lost or left failed, and prints wall times and speed-ups.
 *
 *   node --import tsx bench/distributed.ts INPUT --pg postgres://user@host:port/postgres
 *        [--reference SQLITE_DB] [--workers 1,2,4] [--kills 20] [--job-timeout 30]
 *
 * INPUT is what `mimeo scan` reads (e.g. /tmp/synth-100k/corpus.jsonl). --pg names a server where
 * the user may create databases: each run gets a new one. --reference: an SQLite store already
 * made by `mimeo scan INPUT --db PATH` (otherwise the reference scan is run here first).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scan } from '../src/corpus/scan.js';
import { distributedScan } from '../src/distributed/coordinator.js';
import { BOSS_SCHEMA } from '../src/distributed/queue.js';
import { linkLines } from '../src/eval/link-set.js';
import { openStore, PgStore } from '../src/store/index.js';
import { benchArgs } from './args.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { path: input, option } = benchArgs('bench/distributed.ts INPUT --pg URL [--reference DB] [--workers 1,2,4] [--kills 20] [--job-timeout 30]');
const admin = option('--pg');
if (!admin) {
  console.error('--pg postgres://user@host:port/db is required (a server where the user may create databases)');
  process.exit(2);
}
const workerCounts = (option('--workers') ?? '1,2,4').split(',').map(Number);
const kills = Number(option('--kills') ?? 20);
const jobTimeout = Number(option('--job-timeout') ?? 30);

function freshDatabase(name: string): string {
  // FORCE: workers left by an interrupted run may still be connected to it.
  spawnSync('psql', [admin!, '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'ignore' });
  const made = spawnSync('psql', [admin!, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stderr);
  const url = new URL(admin!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Every worker started: none outlives this process, even when a run fails. */
const started = new Set<ChildProcess>();
process.on('exit', () => {
  for (const w of started) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
});

function startWorker(url: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--db', url, '--concurrency', '1', '--job-timeout', String(jobTimeout), '-q'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  started.add(child);
  return child;
}

/** Peak resident memory of a live process, in MB (VmHWM). */
function peakRss(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** Jobs of the last run: how many, retried attempts, and any not completed. */
async function jobStats(url: string): Promise<{ jobs: number; retried: number; notCompleted: number }> {
  const store = await PgStore.open(url, { readonly: true });
  try {
    const run = await store.getState('distributed.run');
    const [row] = await store.query<{ jobs: number; retried: number; not_completed: number }>(
      `SELECT count(*)::int AS jobs, coalesce(sum(retry_count), 0)::int AS retried,
              count(*) FILTER (WHERE state <> 'completed')::int AS not_completed
         FROM (SELECT state, retry_count FROM ${BOSS_SCHEMA}.job WHERE data->>'run' = $1
               UNION ALL SELECT state, retry_count FROM ${BOSS_SCHEMA}.archive WHERE data->>'run' = $1) j`,
      [run],
    );
    return { jobs: row.jobs, retried: row.retried, notCompleted: row.not_completed };
  } finally {
    await store.close();
  }
}

function linksOf(location: string): string[] {
  const store = openStore(location, { readonly: true });
  try {
    return linkLines(store.links({ passages: true }));
  } finally {
    store.close();
  }
}

function sameLinks(expected: string[], got: string[]): { same: boolean; missing: number; extra: number } {
  const have = new Set(got);
  const want = new Set(expected);
  const missing = expected.filter((l) => !have.has(l)).length;
  const extra = got.filter((l) => !want.has(l)).length;
  return { same: missing === 0 && extra === 0 && expected.length === got.length, missing, extra };
}

// 1. Reference on SQLite.
let referenceDb = option('--reference');
let referenceSeconds: number | null = null;
if (!referenceDb || !existsSync(referenceDb)) {
  referenceDb = referenceDb ?? `/tmp/mimeo-bench-reference-${process.pid}.db`;
  const store = openStore(referenceDb);
  const stats = await scan(store, [input]);
  referenceSeconds = +stats.seconds.toFixed(1);
  store.close();
}
const expected = linksOf(referenceDb);
console.error(`reference: ${expected.length} links (${referenceDb})`);

// 2. Distributed runs with 1, 2, 4 workers.
const runs: Record<string, unknown>[] = [];
for (const n of workerCounts) {
  const url = freshDatabase(`mimeo_bench_w${n}`);
  const workers = Array.from({ length: n }, () => startWorker(url));
  const phases: Record<string, number> = {};
  const t0 = performance.now();
  const stats = await distributedScan(url, [input], {
    settings: { jobTimeout, retries: 20 },
    // When each step starts, in seconds from the start (ingest's second entry: storing the staged documents).
    onProgress: (p) => {
      const key = p.phase === 'ingest' && p.total === null ? 'store' : p.phase;
      phases[key] ??= +((performance.now() - t0) / 1000).toFixed(1);
    },
  });
  const rss = workers.map((w) => peakRss(w.pid));
  await Promise.all(workers.map((w) => stop(w, 'SIGTERM')));
  const check = sameLinks(expected, linksOf(url));
  const jobs = await jobStats(url);
  runs.push({ workers: n, seconds: +stats.seconds.toFixed(1), phases, ...check, jobs, workerPeakRssMb: Math.max(...rss) });
  console.error(JSON.stringify(runs[runs.length - 1]));
}
const base = runs.find((r) => r.workers === 1)?.seconds as number | undefined;
for (const r of runs) if (base) r.speedup = +(base / (r.seconds as number)).toFixed(2);

// 3. Fault run: 2 workers, one of them killed with SIGKILL `kills` times at random moments.
let fault: Record<string, unknown> | null = null;
if (kills > 0) {
  const url = freshDatabase('mimeo_bench_fault');
  const workers = [startWorker(url), startWorker(url)];
  const expectedSeconds = (runs.find((r) => r.workers === 2)?.seconds as number | undefined) ?? 120;
  const scanning = distributedScan(url, [input], { settings: { jobTimeout, retries: 20 } });
  let finished = false;
  void scanning.finally(() => (finished = true)).catch(() => {});
  let done = 0;
  while (!finished && done < kills) {
    // Spread over the run: on average a kill every (expected time / kills), at random.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * (expectedSeconds / kills) * 1000));
    if (finished) break;
    const victim = Math.floor(Math.random() * 2);
    await stop(workers[victim], 'SIGKILL');
    done++;
    workers[victim] = startWorker(url);
  }
  const stats = await scanning;
  await Promise.all(workers.map((w) => stop(w, 'SIGTERM')));
  const check = sameLinks(expected, linksOf(url));
  fault = { kills: done, seconds: +stats.seconds.toFixed(1), ...check, jobs: await jobStats(url) };
  console.error(JSON.stringify(fault));
}

console.log(JSON.stringify({ input, referenceLinks: expected.length, referenceSeconds, runs, fault }, null, 2));
