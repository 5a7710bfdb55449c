import type { Command } from 'commander';
import { BOSS_SCHEMA, queueDepth, startBoss } from '../distributed/queue.js';
import { RUN_KEY } from '../distributed/jobs.js';
import { openStore, PgStore, SCHEMA_VERSION } from '../store/index.js';
import { isPostgresUrl, redactUrl } from '../store/pg/connect.js';
import { PG_SCHEMA_VERSION } from '../store/pg/schema.js';
import type { StoreCounts } from '../store/types.js';
import { dbLocation, dbOption } from './db.js';
import { defaultQueueSettings } from '../distributed/queue.js';

interface DbCliOptions {
  db?: string;
  json?: boolean;
}

interface QueueStatus {
  queue: string;
  outstanding: number;
  active: number;
  failed: number;
  reasons: string[];
}

export interface DbStatusJson {
  location: string;
  backend: 'sqlite' | 'postgres';
  schemaVersion: number;
  counts: StoreCounts;
  /** PostgreSQL only: the job queues (null for SQLite). */
  queues: QueueStatus[] | null;
  run: string | null;
}

export function registerDb(program: Command): void {
  const db = program.command('db').description('store operations: schema migrations and status');
  db.command('migrate')
    .description('create the store or bring its schema (and, on PostgreSQL, the job queue\'s) up to date')
    .addOption(dbOption())
    .action(async (options: DbCliOptions) => {
      const location = dbLocation(options.db);
      if (isPostgresUrl(location)) {
        const store = await PgStore.open(location);
        await store.close();
        // pg-boss creates or upgrades its own schema on start.
        const boss = await startBoss(location, defaultQueueSettings, { supervise: false });
        await boss.stop({ graceful: false, wait: true });
        process.stdout.write(`${redactUrl(location)}: schema version ${PG_SCHEMA_VERSION}, job queue in schema ${BOSS_SCHEMA}\n`);
      } else {
        openStore(location).close();
        process.stdout.write(`${location}: schema version ${SCHEMA_VERSION}\n`);
      }
    });
  db.command('status')
    .description('documents, links, and on PostgreSQL the job queues with failed jobs and their reasons')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (options: DbCliOptions) => {
      const location = dbLocation(options.db);
      const status = isPostgresUrl(location) ? await pgStatus(location) : sqliteStatus(location);
      process.stdout.write(options.json ? JSON.stringify(status, null, 2) + '\n' : statusText(status));
    });
}

function sqliteStatus(location: string): DbStatusJson {
  const store = openStore(location, { readonly: true, create: false });
  try {
    return { location, backend: 'sqlite', schemaVersion: SCHEMA_VERSION, counts: store.counts(), queues: null, run: null };
  } finally {
    store.close();
  }
}

async function pgStatus(location: string): Promise<DbStatusJson> {
  const store = await PgStore.open(location, { readonly: true });
  try {
    const counts = await store.counts();
    const run = (await store.getState(RUN_KEY)) ?? null;
    const hasQueue = (await store.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`${BOSS_SCHEMA}.job`]))[0].t !== null;
    let queues: QueueStatus[] = [];
    if (hasQueue) {
      // Read-only: no supervision, no schema changes.
      const boss = await startBoss(location, defaultQueueSettings, { supervise: false });
      try {
        queues = await queueDepth(boss);
      } finally {
        await boss.stop({ graceful: false, wait: true });
      }
    }
    return { location: store.location, backend: 'postgres', schemaVersion: PG_SCHEMA_VERSION, counts, queues, run };
  } finally {
    await store.close();
  }
}

function statusText(s: DbStatusJson): string {
  const c = s.counts;
  const lines = [
    `${s.location} (${s.backend}, schema version ${s.schemaVersion})`,
    `documents: ${c.documents} (${c.duplicates} exact duplicates), indexed ${c.indexed}, aligned ${c.aligned}`,
    `links: ${c.links} (${c.linksByKind.verbatim} verbatim, ${c.linksByKind.edited} edited, ${c.linksByKind.paraphrase} paraphrase)`,
  ];
  if (s.queues) {
    if (s.queues.length === 0) lines.push('job queue: not created yet (no distributed scan so far)');
    for (const q of s.queues) {
      lines.push(`queue ${q.queue}: ${q.outstanding} outstanding (${q.active} running), ${q.failed} failed`);
      for (const reason of q.reasons) lines.push(`  failed: ${reason}`);
    }
  }
  return lines.join('\n') + '\n';
}
