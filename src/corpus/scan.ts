/**
 * `scan`: ingest → features → candidate pairs → alignment → store. Every step commits in
 * small transactions and records its progress in the store (indexed / aligned flags), so a
 * killed scan resumes where it stopped and a repeated scan of the same inputs changes nothing.
 */
import { availableParallelism } from 'node:os';
import { ingest } from '../ingest/index.js';
import type { FieldMap, IngestProblem } from '../ingest/types.js';
import { indexParameters, type IndexParameters } from '../index/options.js';
import type { NewDocument, PutOutcome, Store } from '../store/types.js';
import { textHash } from './hash.js';
import { checkFeatureSettings, loadIndex } from './load.js';
import { InFlight, TaskPool } from './pool.js';
import type { TaskDoc } from './tasks.js';

export type ScanPhase = 'ingest' | 'index' | 'candidates' | 'align';

export interface ScanProgress {
  phase: ScanPhase;
  done: number;
  /** null while the total is unknown (ingest streams). */
  total: number | null;
}

export interface ScanOptions {
  /** Worker threads for features and alignment (default: available cores, at most 4). */
  workers?: number;
  fields?: Partial<FieldMap>;
  index?: Partial<IndexParameters>;
  onProgress?: (progress: ScanProgress) => void;
  onProblem?: (problem: IngestProblem) => void;
}

export interface ScanStats {
  /** Documents read in this run, by what storing them did. */
  outcomes: Record<PutOutcome, number>;
  problems: number;
  /** Documents aligned in this run, and candidate pairs aligned. */
  aligned: number;
  pairs: number;
  seconds: number;
}

/** Documents per ingest transaction, and per feature task. */
const INGEST_BATCH = 500;
const FEATURE_BATCH = 32;
/** Documents per candidate-query task. */
const QUERY_BATCH = 200;

export async function scan(store: Store, inputs: string[], options: ScanOptions = {}): Promise<ScanStats> {
  const started = performance.now();
  const params = indexParameters(options.index);
  checkFeatureSettings(store, params);
  const progress = options.onProgress ?? (() => {});
  const stats: ScanStats = {
    outcomes: { added: 0, unchanged: 0, replaced: 0, duplicate: 0 },
    problems: 0,
    aligned: 0,
    pairs: 0,
    seconds: 0,
  };

  // 1. Ingest: documents are committed in batches as they are read.
  let batch: NewDocument[] = [];
  let read = 0;
  const flush = () => {
    if (batch.length === 0) return;
    for (const outcome of store.putDocuments(batch)) stats.outcomes[outcome]++;
    read += batch.length;
    batch = [];
    progress({ phase: 'ingest', done: read, total: null });
  };
  for await (const item of ingest(inputs, { fields: options.fields })) {
    if (item.type === 'problem') {
      stats.problems++;
      options.onProblem?.(item.problem);
      continue;
    }
    const d = item.document;
    batch.push({ id: d.id, text: d.text, meta: d.meta, origin: d.origin, format: d.format, hash: textHash(d.text) });
    if (batch.length >= INGEST_BATCH) flush();
  }
  flush();

  const workers = Math.max(1, options.workers ?? Math.min(4, availableParallelism()));
  const pool = new TaskPool(workers);
  try {
    await indexPending(store, pool, params, progress);
    const pending = store.pendingAlign();
    if (pending.length > 0) {
      const pairs = await candidatePairs(store, pool, pending, params, progress);
      const result = await alignPending(store, pool, pending, pairs, progress);
      stats.aligned = result.documents;
      stats.pairs = result.pairs;
    }
  } finally {
    await pool.close();
  }
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

/** Features for every document that has none yet, a few tasks in flight per worker. */
async function indexPending(
  store: Store,
  pool: TaskPool,
  params: IndexParameters,
  progress: (p: ScanProgress) => void,
): Promise<void> {
  const ids = store.pendingIndex();
  let done = 0;
  progress({ phase: 'index', done, total: ids.length });
  const inFlight = new InFlight(pool.size * 2);
  for (let i = 0; i < ids.length; i += FEATURE_BATCH) {
    const docs = ids.slice(i, i + FEATURE_BATCH).map((id) => {
      const doc = store.getDocument(id)!;
      return { id, text: doc.text, language: doc.meta.language ?? null };
    });
    const job = pool.run({ type: 'features', docs, params }).then((result) => {
      if (result.type !== 'features') throw new Error('unexpected task result');
      store.putFeatures(docs.map((d, k) => ({ id: d.id, features: result.features[k], quotes: result.quotes[k] })));
      done += docs.length;
      progress({ phase: 'index', done, total: ids.length });
    });
    await inFlight.add(job);
  }
  await inFlight.drain();
}

/**
 * Candidate pairs for the pending documents: every indexed document queries the index (a pair
 * may be found from either side; the queries run on the workers over a shared-memory copy of
 * the index), and each pair goes to its later document if that one is pending. Returns, per
 * pending seq, the earlier partners' seqs.
 */
async function candidatePairs(
  store: Store,
  pool: TaskPool,
  pendingIds: string[],
  overrides: Partial<IndexParameters>,
  progress: (p: ScanProgress) => void,
): Promise<Map<number, Set<number>>> {
  const partners = new Map<number, Set<number>>();
  for (const id of pendingIds) partners.set(store.getDocument(id)!.seq, new Set());
  // Only the shared copy stays alive: the in-memory index is dropped once it is copied.
  const shared = loadIndex(store, overrides).toShared();
  const total = shared.size;
  await pool.broadcast({ type: 'load-index', index: shared });
  let done = 0;
  const inFlight = new InFlight(pool.size * 2);
  let batch: { seq: number; features: Uint8Array }[] = [];
  const send = async () => {
    const items = batch;
    batch = [];
    const job = pool.run({ type: 'query', items }).then((result) => {
      if (result.type !== 'query') throw new Error('unexpected task result');
      items.forEach((item, k) => {
        for (const other of result.candidates[k]) {
          const [early, late] = other < item.seq ? [other, item.seq] : [item.seq, other];
          partners.get(late)?.add(early);
        }
      });
      done += items.length;
      progress({ phase: 'candidates', done, total });
    });
    await inFlight.add(job);
  };
  progress({ phase: 'candidates', done, total });
  for (const record of store.allFeatures()) {
    batch.push({ seq: record.seq, features: record.features });
    if (batch.length >= QUERY_BATCH) await send();
  }
  if (batch.length > 0) await send();
  await inFlight.drain();
  return partners;
}

/** Aligns each pending document with its partners and stores its links, in seq order of dispatch. */
async function alignPending(
  store: Store,
  pool: TaskPool,
  pendingIds: string[],
  partners: Map<number, Set<number>>,
  progress: (p: ScanProgress) => void,
): Promise<{ documents: number; pairs: number }> {
  let done = 0;
  let pairs = 0;
  const total = pendingIds.length;
  const inFlight = new InFlight(pool.size * 2);
  const taskDoc = (seq: number): TaskDoc => {
    const d = store.getDocumentBySeq(seq)!;
    return { seq, id: d.id, text: d.text, language: d.meta.language ?? null, outlet: d.meta.outlet ?? null };
  };
  progress({ phase: 'align', done, total });
  for (const id of pendingIds) {
    const doc = store.getDocument(id)!;
    const others = [...(partners.get(doc.seq) ?? [])].sort((x, y) => x - y);
    if (others.length === 0) {
      store.putAlignment(id, []);
      done++;
      if (done % 200 === 0) progress({ phase: 'align', done, total });
      continue;
    }
    pairs += others.length;
    const self: TaskDoc = { seq: doc.seq, id, text: doc.text, language: doc.meta.language ?? null, outlet: doc.meta.outlet ?? null };
    const task = { type: 'align' as const, doc: self, others: others.map(taskDoc) };
    const job = pool.run(task).then((result) => {
      if (result.type !== 'align') throw new Error('unexpected task result');
      store.putAlignment(id, result.links);
      done++;
      progress({ phase: 'align', done, total });
    });
    await inFlight.add(job);
  }
  await inFlight.drain();
  progress({ phase: 'align', done, total });
  return { documents: done, pairs };
}
