/**
 * What a worker does with each job. Every job is idempotent: it writes its results in transactions
 * that replace (not add to) what an earlier, interrupted attempt may have written, and it skips
 * documents an earlier attempt finished. A job retried after its worker was killed therefore
 * leaves the same rows as one that ran once.
 */
import { CandidateIndex } from '../index/candidates.js';
import { decodeFeatures } from '../index/features.js';
import { indexParameters } from '../index/options.js';
import { readFiles } from '../ingest/index.js';
import type { TaskPool } from '../corpus/pool.js';
import type { TaskDoc } from '../corpus/tasks.js';
import type { StoredDocument } from '../store/types.js';
import type { PgStore } from '../store/pg/store.js';
import { copyRows } from '../store/pg/copy.js';
import type { BatchJob, IngestJob } from './queue.js';

/** Staged items per transaction while reading a shard (a large container file is streamed). */
const STAGE_CHUNK = 500;

/** The run a store is working on: jobs of any other run are left undone. */
export const RUN_KEY = 'distributed.run';

function taskDoc(d: StoredDocument): TaskDoc {
  return { seq: d.seq, id: d.id, text: d.text, language: d.meta.language ?? null, outlet: d.meta.outlet ?? null };
}

export class JobRunner {
  /** The candidate index of one run, loaded on the first candidates job and shared by the rest. */
  private loaded: { run: string; ready: Promise<Set<number>> } | null = null;

  constructor(
    private readonly store: PgStore,
    private readonly pool: TaskPool,
  ) {}

  async current(run: string): Promise<boolean> {
    return (await this.store.getState(RUN_KEY)) === run;
  }

  /** Reads the shard's files into staged_documents (documents and problems, in order). */
  async ingest(job: IngestJob): Promise<void> {
    await this.store.query('DELETE FROM staged_documents WHERE run = $1 AND shard = $2', [job.run, job.shard]);
    let chunk: [string, number, number, string][] = [];
    let ord = 0;
    const flush = async () => {
      const rows = chunk;
      chunk = [];
      await this.store.transaction((client) => copyRows(client, 'staged_documents', ['run', 'shard', 'ord', 'item'], rows));
    };
    for await (const item of readFiles(job.entries, { fields: job.fields })) {
      chunk.push([job.run, job.shard, ord++, JSON.stringify(item)]);
      if (chunk.length >= STAGE_CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
  }

  /** Features and quotes of the documents not indexed yet. */
  async index(job: BatchJob): Promise<void> {
    const docs = (await this.store.getDocumentsBySeq(job.seqs)).filter((d) => !d.indexed && d.duplicateOf === null);
    if (docs.length === 0) return;
    const params = indexParameters(job.index);
    const input = docs.map((d) => ({ id: d.id, text: d.text, language: d.meta.language ?? null }));
    const result = await this.pool.run({ type: 'features', docs: input, params });
    if (result.type !== 'features') throw new Error('unexpected task result');
    await this.store.putFeatures(input.map((d, k) => ({ id: d.id, features: result.features[k], quotes: result.quotes[k] })));
  }

  /**
   * Candidate pairs found by these documents' queries, kept when the later document is pending
   * (as scan's candidatePairs: a pair may be found from either side).
   */
  async candidates(job: BatchJob): Promise<void> {
    const pending = await this.loadIndex(job);
    const rows = await this.store.query<{ seq: number; data: Buffer }>('SELECT seq, data FROM features WHERE seq = ANY($1) ORDER BY seq', [job.seqs]);
    const items = rows.map((r) => ({ seq: r.seq, features: new Uint8Array(r.data) }));
    const result = await this.pool.run({ type: 'query', items });
    if (result.type !== 'query') throw new Error('unexpected task result');
    const late: number[] = [];
    const early: number[] = [];
    items.forEach((item, k) => {
      for (const other of result.candidates[k]) {
        const [e, l] = other < item.seq ? [other, item.seq] : [item.seq, other];
        if (pending.has(l)) {
          late.push(l);
          early.push(e);
        }
      }
    });
    if (late.length === 0) return;
    await this.store.query(
      'INSERT INTO candidate_pairs (run, late_seq, early_seq) SELECT $1, * FROM unnest($2::bigint[], $3::bigint[]) ON CONFLICT DO NOTHING',
      [job.run, late, early],
    );
  }

  /** Loads the run's candidate index into every thread of the pool once; returns the pending seqs. */
  private loadIndex(job: BatchJob): Promise<Set<number>> {
    if (this.loaded?.run !== job.run) {
      const ready = (async () => {
        const index = new CandidateIndex(indexParameters(job.index));
        for await (const record of this.store.allFeatures()) index.add(record.seq, decodeFeatures(record.features));
        await this.pool.broadcast({ type: 'load-index', index: index.toShared() });
        const rows = await this.store.query<{ seq: number }>('SELECT seq FROM documents WHERE indexed = 1 AND aligned = 0');
        return new Set(rows.map((r) => r.seq));
      })();
      this.loaded = { run: job.run, ready };
      // A failed load is retried by the next job.
      ready.catch(() => {
        if (this.loaded?.ready === ready) this.loaded = null;
      });
    }
    return this.loaded!.ready;
  }

  /** Aligns each pending document of the batch with its candidate partners and stores its links. */
  async align(job: BatchJob): Promise<void> {
    const docs = (await this.store.getDocumentsBySeq(job.seqs)).filter((d) => d.indexed && !d.aligned);
    if (docs.length === 0) return;
    const pairs = await this.store.query<{ late_seq: number; early_seq: number }>(
      'SELECT late_seq, early_seq FROM candidate_pairs WHERE run = $1 AND late_seq = ANY($2) ORDER BY late_seq, early_seq',
      [job.run, docs.map((d) => d.seq)],
    );
    const partners = new Map<number, number[]>();
    for (const p of pairs) {
      let list = partners.get(p.late_seq);
      if (!list) partners.set(p.late_seq, (list = []));
      list.push(p.early_seq);
    }
    const others = new Map((await this.store.getDocumentsBySeq([...new Set(pairs.map((p) => p.early_seq))])).map((d) => [d.seq, taskDoc(d)]));
    await Promise.all(
      docs.map(async (doc) => {
        const mine = (partners.get(doc.seq) ?? []).flatMap((seq) => others.get(seq) ?? []);
        if (mine.length === 0) return this.store.putAlignment(doc.id, []);
        const result = await this.pool.run({ type: 'align', doc: taskDoc(doc), others: mine });
        if (result.type !== 'align') throw new Error('unexpected task result');
        await this.store.putAlignment(doc.id, result.links);
      }),
    );
  }
}
