import type { Command } from 'commander';
import { defaultQueueSettings, type JobKind, type QueueSettings } from '../distributed/queue.js';
import { runWorker } from '../distributed/worker.js';
import { isPostgresUrl, redactUrl } from '../store/pg/connect.js';
import { dbLocation, dbOption } from './db.js';
import { UserError } from './errors.js';
import { describeError } from './errors.js';

/** A positive whole number option (`--concurrency 4`, `--job-timeout 300`). */
export function positiveInt(flag: string) {
  return (raw: string): number => {
    if (!/^\s*\d+\s*$/.test(raw) || Number(raw) < 1) throw new UserError(`${flag} must be a positive integer, got "${raw}"`, 2);
    return Number(raw);
  };
}

/** The PostgreSQL URL of --db / $MIMEO_DB, required by the distributed commands. */
export function requirePostgres(db: string | undefined, what: string): string {
  const location = dbLocation(db);
  if (!isPostgresUrl(location)) throw new UserError(`${what} needs a PostgreSQL store: --db postgres://user@host/database (or $MIMEO_DB)`, 2);
  return location;
}

export function queueSettings(jobTimeout: number | undefined): QueueSettings {
  return { ...defaultQueueSettings, jobTimeout: jobTimeout ?? defaultQueueSettings.jobTimeout };
}

interface WorkerCliOptions {
  db?: string;
  concurrency?: number;
  jobTimeout?: number;
  quiet?: boolean;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('take scan jobs from a PostgreSQL store\'s queue (see scan --distributed) until stopped')
    .addOption(dbOption())
    .option('--concurrency <n>', 'jobs at a time, each on its own thread (default: number of cores)', positiveInt('--concurrency'))
    .option('--job-timeout <seconds>', `retry a job elsewhere when its worker is silent this long (default ${defaultQueueSettings.jobTimeout})`, positiveInt('--job-timeout'))
    .option('-q, --quiet', 'no per-minute summary lines')
    .action(async (options: WorkerCliOptions) => {
      const url = requirePostgres(options.db, 'mimeo worker');
      let stopRequested!: () => void;
      const stop = new Promise<void>((resolve) => (stopRequested = resolve));
      process.once('SIGINT', stopRequested);
      process.once('SIGTERM', stopRequested);
      const done: Partial<Record<JobKind, number>> = {};
      let lastLine = Date.now();
      const say = (line: string) => {
        if (!options.quiet) process.stderr.write(`mimeo worker: ${line}\n`);
      };
      say(`serving ${redactUrl(url)} (Ctrl-C to stop)`);
      const result = await runWorker(url, {
        concurrency: options.concurrency,
        settings: queueSettings(options.jobTimeout),
        stop,
        onJob: (kind, _seconds, error) => {
          if (error !== undefined) say(`${kind} job failed (it will be retried): ${describeError(error)}`);
          else done[kind] = (done[kind] ?? 0) + 1;
          if (Date.now() - lastLine > 60_000) {
            lastLine = Date.now();
            say(`jobs done: ${Object.entries(done).map(([k, n]) => `${k} ${n}`).join(', ')}`);
          }
        },
      });
      say(`stopped after ${result.jobs} jobs (${result.failed} failed attempts)`);
    });
}
