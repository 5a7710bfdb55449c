/**
 * The job queue of a distributed scan: pg-boss queues in the same PostgreSQL database as the store.
 * Each job names its run (one `scan --distributed`), so a job left from an abandoned run does nothing.
 */
import PgBoss from 'pg-boss';
import type { FieldMap, WalkItem } from '../ingest/index.js';
import type { IndexParameters } from '../index/options.js';
import { pgError } from '../store/pg/connect.js';

export const QUEUES = {
  ingest: 'mimeo-ingest',
  index: 'mimeo-index',
  candidates: 'mimeo-candidates',
  align: 'mimeo-align',
} as const;

export type JobKind = keyof typeof QUEUES;

/** pg-boss tables live in their own schema, beside the store's tables. */
export const BOSS_SCHEMA = 'mimeo_jobs';

/** Read one shard of a listing (files in listing order) into the staging table. */
export interface IngestJob {
  run: string;
  shard: number;
  entries: WalkItem[];
  fields?: Partial<FieldMap>;
}

/** Features and quotes for these documents (index), their candidate pairs (candidates), or their alignment (align). */
export interface BatchJob {
  run: string;
  seqs: number[];
  index?: Partial<IndexParameters>;
}

export interface QueueSettings {
  /** Seconds after which a job whose worker went silent (killed, lost) is retried. */
  jobTimeout: number;
  /** Attempts after the first, with exponential backoff from 1 s. */
  retries: number;
}

export const defaultQueueSettings: Readonly<QueueSettings> = Object.freeze({ jobTimeout: 300, retries: 8 });

/** Connects pg-boss (creating or upgrading its schema) with our queues in place. */
export async function startBoss(url: string, settings: QueueSettings, options: { supervise: boolean; poolSize?: number }): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: options.poolSize ?? 4,
    application_name: 'mimeo-queue',
    supervise: options.supervise,
    // Expired jobs (a killed worker's) are found by maintenance: it must run often for a quick retry.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(settings.jobTimeout / 2))),
    schedule: false,
  });
  boss.on('error', () => {
    // Transient connection errors are retried by pg-boss itself; fatal ones surface in the calls.
  });
  try {
    await boss.start();
    for (const name of Object.values(QUEUES)) {
      await boss.createQueue(name, { name, retryLimit: settings.retries, retryDelay: 1, retryBackoff: true, expireInSeconds: settings.jobTimeout });
    }
  } catch (error) {
    await boss.stop({ graceful: false, wait: false }).catch(() => {});
    throw pgError(url, error);
  }
  return boss;
}

/** Job counts of one run in one queue, by state. */
export interface JobCounts {
  outstanding: number;
  completed: number;
  failed: number;
}

export async function runJobCounts(boss: PgBoss, kind: JobKind, run: string): Promise<JobCounts & { reasons: string[] }> {
  const db = boss.getDb();
  const { rows } = await db.executeSql(
    `SELECT state, count(*)::int AS n, (array_agg(output::text) FILTER (WHERE state = 'failed'))[1:3] AS reasons
       FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND data->>'run' = $2 GROUP BY state`,
    [QUEUES[kind], run],
  );
  const counts = { outstanding: 0, completed: 0, failed: 0, reasons: [] as string[] };
  for (const row of rows as { state: string; n: number; reasons: string[] | null }[]) {
    if (row.state === 'completed' || row.state === 'cancelled') counts.completed += row.n;
    else if (row.state === 'failed') {
      counts.failed += row.n;
      counts.reasons.push(...(row.reasons ?? []).map(failureReason));
    } else counts.outstanding += row.n;
  }
  return counts;
}

/** The message of a failed job's output (pg-boss stores the serialized error). */
function failureReason(output: string): string {
  try {
    const parsed = JSON.parse(output) as { message?: string; value?: { message?: string } };
    return parsed.message ?? parsed.value?.message ?? output;
  } catch {
    return output;
  }
}

/** Outstanding and failed jobs of every queue (all runs), for `mimeo db status`. */
export async function queueDepth(boss: PgBoss): Promise<Array<{ queue: string; outstanding: number; active: number; failed: number; reasons: string[] }>> {
  const db = boss.getDb();
  const { rows } = await db.executeSql(
    `SELECT name, count(*) FILTER (WHERE state IN ('created', 'retry', 'active'))::int AS outstanding,
            count(*) FILTER (WHERE state = 'active')::int AS active,
            count(*) FILTER (WHERE state = 'failed')::int AS failed,
            (array_agg(output::text ORDER BY completed_on DESC) FILTER (WHERE state = 'failed'))[1:3] AS reasons
       FROM ${BOSS_SCHEMA}.job WHERE name = ANY($1) GROUP BY name`,
    [Object.values(QUEUES)],
  );
  const byName = new Map((rows as { name: string; outstanding: number; active: number; failed: number; reasons: string[] | null }[]).map((r) => [r.name, r]));
  return Object.values(QUEUES).map((queue) => {
    const r = byName.get(queue);
    return { queue, outstanding: r?.outstanding ?? 0, active: r?.active ?? 0, failed: r?.failed ?? 0, reasons: (r?.reasons ?? []).map(failureReason) };
  });
}
