// Corpus-wide views (stories, reprint clusters, utterances) for the server: kept off the request
// path on a worker thread for large corpora, cached by the store's counts, recomputed after adds.
import type { Worker } from 'node:worker_threads';
import type { StoryJson } from '../cli/stories.js';
import type { Utterance } from '../quotes/match.js';
import type { Store } from '../store/types.js';
import { startWorker } from '../util/worker.js';
import { computeDerived, type DerivedData } from './derived-compute.js';

export type { DerivedData } from './derived-compute.js';

/** Up to this many documents the views take about a second: computed at once, on this thread. */
export const INLINE_DOCUMENTS = 1000;

export interface DerivedIndex extends DerivedData {
  storyOf: Map<string, StoryJson>;
  clusterOf: Map<string, number>;
  /** "DOC#ORD" of a stored quote → key of its utterance. */
  utteranceOf: Map<string, string>;
  utteranceByKey: Map<string, Utterance>;
}

function indexed(data: DerivedData): DerivedIndex {
  const storyOf = new Map<string, StoryJson>();
  for (const s of data.stories) for (const m of s.members) storyOf.set(m.id, s);
  const utteranceOf = new Map<string, string>();
  const utteranceByKey = new Map<string, Utterance>();
  for (const u of data.utterances) {
    utteranceByKey.set(u.key, u);
    for (const v of u.variants) if (v.ord !== null && v.duplicateOf === null) utteranceOf.set(`${v.doc}#${v.ord}`, u.key);
  }
  return { ...data, storyOf, clusterOf: new Map(data.clusters), utteranceOf, utteranceByKey };
}

export class DerivedViews {
  private current: DerivedIndex | null = null;
  /** The store counts the current views were computed for. */
  private currentKey: string | null = null;
  private running: Promise<void> | null = null;
  private worker: Worker | null = null;
  private stale = false;
  private closed = false;
  private lastError: string | null = null;

  /** `inlineDocuments`: up to this many documents, compute on this thread (default INLINE_DOCUMENTS). */
  constructor(
    private readonly store: Store,
    private readonly inlineDocuments = INLINE_DOCUMENTS,
  ) {}

  /** The latest computed views (possibly one add behind), or null while the first computation runs. */
  get data(): DerivedIndex | null {
    return this.current;
  }

  get error(): string | null {
    return this.lastError;
  }

  /** Brings the views up to date with the store: at once when small, else in the background. */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.stale = true;
      return this.running;
    }
    const key = this.countsKey();
    if (key === this.currentKey) return Promise.resolve();
    if (this.store.counts().documents <= this.inlineDocuments) {
      this.accept(key, () => computeDerived(this.store));
      return Promise.resolve();
    }
    this.running = this.inWorker(key).finally(() => {
      this.running = null;
      if (this.stale) {
        this.stale = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  /** Resolves when no computation is running (tests, and closing). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops a running computation: closing the server must not wait for ~95 s of stories. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.terminate();
    await this.settled();
  }

  private countsKey(): string {
    return JSON.stringify(this.store.counts());
  }

  private accept(key: string, compute: () => DerivedData): void {
    try {
      this.current = indexed(compute());
      this.currentKey = key;
      this.lastError = null;
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  /** The operator hears of it; requests keep the previous views (or 'computing'). */
  private fail(message: string): void {
    this.lastError = message;
    console.error(`mimeo serve: stories and quotes not computed: ${message}`);
  }

  private inWorker(key: string): Promise<void> {
    return new Promise((resolve) => {
      const worker = startWorker(import.meta.url, 'derived-worker', { location: this.store.location });
      this.worker = worker;
      worker.once('message', (message: { ok: true; data: DerivedData } | { ok: false; error: string }) => {
        if (message.ok) this.accept(key, () => message.data);
        else this.fail(message.error);
      });
      worker.once('error', (error) => this.fail(error.message));
      worker.once('exit', () => {
        this.worker = null;
        resolve();
      });
    });
  }
}
