/**
 * `mimeo worker`: takes scan jobs from the queue until stopped. Any number of workers on any
 * number of machines may serve one database; each runs `concurrency` jobs at a time, their
 * CPU work on as many threads.
 */
import { availableParallelism } from 'node:os';
import type PgBoss from 'pg-boss';
import { TaskPool } from '../corpus/pool.js';
import { PgStore } from '../store/pg/store.js';
import { JobRunner } from './jobs.js';
import { QUEUES, defaultQueueSettings, startBoss, type BatchJob, type IngestJob, type JobKind, type QueueSettings } from './queue.js';

export interface WorkerOptions {
  /** Jobs at a time, and threads for their CPU work (default: available cores). */
  concurrency?: number;
  settings?: QueueSettings;
  /** Called after each job (kind, seconds). */
  onJob?: (kind: JobKind, seconds: number, error?: unknown) => void;
  /** Resolves when the worker should stop taking jobs (e.g. on SIGTERM). */
  stop: Promise<void>;
}

export async function runWorker(url: string, options: WorkerOptions): Promise<{ jobs: number; failed: number }> {
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  const store = await PgStore.open(url, { poolSize: concurrency + 2 });
  let boss: PgBoss | undefined;
  const pool = new TaskPool(concurrency);
  const runner = new JobRunner(store, pool);
  let jobs = 0;
  let failed = 0;
  try {
    boss = await startBoss(url, options.settings ?? defaultQueueSettings, { supervise: true });
    const handle = (kind: JobKind, fn: (data: never) => Promise<void>) => async (batch: PgBoss.Job<object>[]) => {
      for (const job of batch) {
        const started = performance.now();
        try {
          const data = job.data as { run: string };
          // A job of an abandoned run is done by doing nothing.
          if (await runner.current(data.run)) await fn(data as never);
          jobs++;
          options.onJob?.(kind, (performance.now() - started) / 1000);
        } catch (error) {
          failed++;
          options.onJob?.(kind, (performance.now() - started) / 1000, error);
          throw error; // pg-boss records the reason and retries with backoff
        }
      }
    };
    const handlers: Record<JobKind, (data: never) => Promise<void>> = {
      ingest: (data: IngestJob) => runner.ingest(data),
      index: (data: BatchJob) => runner.index(data),
      candidates: (data: BatchJob) => runner.candidates(data),
      align: (data: BatchJob) => runner.align(data),
    };
    for (const kind of Object.keys(QUEUES) as JobKind[]) {
      for (let i = 0; i < concurrency; i++) {
        // pg-boss waits a polling interval after every fetch; after a job, fetch the next one at once.
        let id = '';
        const work = handle(kind, handlers[kind]);
        id = await boss.work<object>(QUEUES[kind], { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (batch) => {
          await work(batch);
          if (batch.length > 0) boss!.notifyWorker(id);
        });
      }
    }
    await options.stop;
  } finally {
    // Lets running jobs finish (their results are written once); unfinished ones are retried elsewhere.
    await boss?.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => {});
    await pool.close();
    await store.close();
  }
  return { jobs, failed };
}
