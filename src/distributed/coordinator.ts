/**
 * `mimeo scan --db postgres://... --distributed`: the same four steps as scan (src/corpus/scan.ts),
 * each cut into jobs for `mimeo worker` processes, with a barrier between steps. The coordinator
 * lists the inputs, stores the read documents in listing order (so seqs, ids and exact duplicates
 * come out as a single-process scan makes them) and follows progress; the workers do the rest.
 */
import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { UserError } from '../cli/errors.js';
import { textHash } from '../corpus/hash.js';
import { compareFeatureSettings, FEATURE_KEY } from '../corpus/load.js';
import type { ScanOptions, ScanProgress, ScanStats } from '../corpus/scan.js';
import { UniqueIds, walkInputs, type IngestItem, type WalkItem } from '../ingest/index.js';
import { indexParameters } from '../index/options.js';
import type { NewDocument } from '../store/types.js';
import { PgStore } from '../store/pg/store.js';
import { RUN_KEY } from './jobs.js';
import { defaultQueueSettings, QUEUES, runJobCounts, startBoss, type JobKind, type QueueSettings } from './queue.js';

export interface DistributedScanOptions extends Omit<ScanOptions, 'workers'> {
  settings?: QueueSettings;
  /** Files per ingest job (a container file is always a job of its own). */
  shardFiles?: number;
  /** Documents per index, candidates and align job. */
  indexBatch?: number;
  candidateBatch?: number;
  alignBatch?: number;
  /** Told once when no worker has taken a job for a while. */
  onIdle?: (message: string) => void;
}

const POLL_MS = 300;
const IDLE_HINT_MS = 10_000;

export async function distributedScan(url: string, inputs: string[], options: DistributedScanOptions = {}): Promise<ScanStats> {
  const started = performance.now();
  const settings = options.settings ?? defaultQueueSettings;
  const progress = options.onProgress ?? (() => {});
  const params = indexParameters(options.index);
  const store = await PgStore.open(url);
  let boss: PgBoss | undefined;
  const stats: ScanStats = { outcomes: { added: 0, unchanged: 0, replaced: 0, duplicate: 0 }, problems: 0, aligned: 0, pairs: 0, seconds: 0 };
  try {
    const record = compareFeatureSettings(store.location, await store.getState(FEATURE_KEY), params);
    if (record !== null) await store.setState(FEATURE_KEY, record);
    boss = await startBoss(url, settings, { supervise: true });
    const run = randomUUID();
    // Jobs still queued from an abandoned run see another run here and do nothing.
    await store.setState(RUN_KEY, run);
    await store.query('DELETE FROM candidate_pairs WHERE run <> $1', [run]);
    await store.query('DELETE FROM staged_documents WHERE run <> $1', [run]);
    const phase = new PhaseRunner(boss, run, settings, progress, options.onIdle);

    // 1. Ingest: shards of the listing are read by workers into staged_documents, then stored here in order.
    const shards = await listShards(inputs, options.shardFiles ?? 200, (item) => {
      stats.problems++;
      options.onProblem?.(item.problem);
    });
    const files = shards.reduce((n, s) => n + s.length, 0);
    await phase.step(
      'ingest',
      shards.map((entries, shard) => ({ run, shard, entries, fields: options.fields })),
      (jobsDone) => ({ phase: 'ingest', done: Math.round((jobsDone / Math.max(1, shards.length)) * files), total: files }),
    );
    await commitStaged(store, run, stats, options);
    await store.query('DELETE FROM staged_documents WHERE run = $1', [run]);

    // 2. Features and quotes.
    const toIndex = await seqs(store, 'SELECT seq FROM documents WHERE duplicate_of_seq IS NULL AND indexed = 0 ORDER BY seq');
    await phase.step('index', batches(toIndex, options.indexBatch ?? 128).map((s) => ({ run, seqs: s, index: options.index })), (done) => ({
      phase: 'index',
      done: Math.min(toIndex.length, done * (options.indexBatch ?? 128)),
      total: toIndex.length,
    }));

    // 3 and 4. Candidate pairs from every indexed document's query, then alignment of the pending ones.
    const pending = await seqs(store, 'SELECT seq FROM documents WHERE indexed = 1 AND aligned = 0 ORDER BY seq');
    if (pending.length > 0) {
      const indexed = await seqs(store, 'SELECT seq FROM features ORDER BY seq');
      const cb = options.candidateBatch ?? 1000;
      await phase.step('candidates', batches(indexed, cb).map((s) => ({ run, seqs: s, index: options.index })), (done) => ({
        phase: 'candidates',
        done: Math.min(indexed.length, done * cb),
        total: indexed.length,
      }));
      stats.pairs = (await store.query<{ n: number }>('SELECT count(*) AS n FROM candidate_pairs WHERE run = $1', [run]))[0].n;
      const ab = options.alignBatch ?? 24;
      await phase.step('align', batches(pending, ab).map((s) => ({ run, seqs: s })), (done) => ({
        phase: 'align',
        done: Math.min(pending.length, done * ab),
        total: pending.length,
      }));
      stats.aligned = pending.length;
      await store.query('DELETE FROM candidate_pairs WHERE run = $1', [run]);
    }
  } finally {
    await boss?.stop({ graceful: false, wait: true }).catch(() => {});
    await store.close();
  }
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

async function seqs(store: PgStore, sql: string): Promise<number[]> {
  return (await store.query<{ seq: number }>(sql)).map((r) => r.seq);
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The input listing cut into shards: runs of whole-document files, each container file alone. */
async function listShards(inputs: string[], perShard: number, onProblem: (item: Extract<WalkItem, { type: 'problem' }>) => void): Promise<WalkItem[][]> {
  const shards: WalkItem[][] = [];
  let current: WalkItem[] = [];
  for await (const entry of walkInputs(inputs)) {
    if (entry.type === 'problem') {
      onProblem(entry);
      continue;
    }
    const container = entry.file.format === 'jsonl' || entry.file.format === 'csv' || entry.file.format === 'warc';
    if (container || current.length >= perShard) {
      if (current.length > 0) shards.push(current);
      current = [];
    }
    if (container) shards.push([entry]);
    else current.push(entry);
  }
  if (current.length > 0) shards.push(current);
  return shards;
}

/** Stores the staged items in listing order, with ids made unique as a single-process scan does. */
async function commitStaged(store: PgStore, run: string, stats: ScanStats, options: DistributedScanOptions): Promise<void> {
  const ids = new UniqueIds();
  let after = { shard: -1, ord: -1 };
  let read = 0;
  for (;;) {
    const rows = await store.query<{ shard: number; ord: number; item: string }>(
      'SELECT shard, ord, item FROM staged_documents WHERE run = $1 AND (shard, ord) > ($2, $3) ORDER BY shard, ord LIMIT 500',
      [run, after.shard, after.ord],
    );
    if (rows.length === 0) return;
    after = rows[rows.length - 1];
    const docs: NewDocument[] = [];
    for (const row of rows) {
      const item = JSON.parse(row.item) as IngestItem;
      if (item.type === 'problem') {
        stats.problems++;
        options.onProblem?.(item.problem);
        continue;
      }
      const d = item.document;
      docs.push({ id: ids.claim(d.id), text: d.text, meta: d.meta, origin: d.origin, format: d.format, hash: textHash(d.text) });
    }
    for (const outcome of await store.putDocuments(docs)) stats.outcomes[outcome]++;
    read += docs.length;
    options.onProgress?.({ phase: 'ingest', done: read, total: null });
  }
}

/** Enqueues one step's jobs and waits until every one is done, reporting progress. */
class PhaseRunner {
  constructor(
    private readonly boss: PgBoss,
    private readonly run: string,
    private readonly settings: QueueSettings,
    private readonly progress: (p: ScanProgress) => void,
    private readonly onIdle?: (message: string) => void,
  ) {}

  private hinted = false;

  async step(kind: JobKind, jobs: object[], report: (jobsDone: number) => ScanProgress): Promise<void> {
    this.progress(report(0));
    if (jobs.length === 0) return;
    const expireInSeconds = this.settings.jobTimeout;
    for (let i = 0; i < jobs.length; i += 1000) {
      await this.boss.insert(jobs.slice(i, i + 1000).map((data) => ({ name: QUEUES[kind], data, expireInSeconds, retryLimit: this.settings.retries, retryDelay: 1, retryBackoff: true })));
    }
    const since = Date.now();
    let lastDone = -1;
    for (;;) {
      const counts = await runJobCounts(this.boss, kind, this.run);
      if (counts.completed !== lastDone) {
        lastDone = counts.completed;
        this.progress(report(counts.completed));
      }
      if (counts.outstanding === 0) {
        if (counts.failed > 0) {
          throw new UserError(`${counts.failed} ${kind} job(s) failed after ${this.settings.retries} retries: ${counts.reasons[0] ?? 'no reason recorded'}`);
        }
        return;
      }
      if (!this.hinted && counts.completed === 0 && Date.now() - since > IDLE_HINT_MS) {
        this.hinted = true;
        this.onIdle?.(`waiting for workers: start some with 'mimeo worker --db <url>' (${counts.outstanding} ${kind} jobs queued)`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
