// Corpus-wide views (stories, reprint clusters, utterances) for the server: computed off the
// request path on a worker thread, cached, and recomputed after articles are added.
import type { StoryJson } from '../cli/stories.js';
import type { Utterance } from '../quotes/match.js';
import { startWorker } from '../util/worker.js';

export interface DerivedData {
  stories: StoryJson[];
  /** [document id, reprint cluster id] */
  clusters: Array<[string, number]>;
  utterances: Utterance[];
  mostCopied: Array<{ id: string; title: string | null; copies: number }>;
  /** Earliest and latest published dates (as written). */
  dates: { from: string | null; to: string | null };
}

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
  private running: Promise<void> | null = null;
  private stale = false;
  private lastError: string | null = null;

  constructor(private readonly location: string) {}

  /** The latest computed views, or null while the first computation runs. */
  get data(): DerivedIndex | null {
    return this.current;
  }

  get error(): string | null {
    return this.lastError;
  }

  /** Starts a computation (or queues one after the running one, when the corpus changed meanwhile). */
  refresh(): Promise<void> {
    if (this.running) {
      this.stale = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.stale) {
        this.stale = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  /** Resolves when no computation is running (tests, and the first page of a small corpus). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private run(): Promise<void> {
    return new Promise((resolve) => {
      const worker = startWorker(import.meta.url, 'derived-worker', { location: this.location });
      worker.once('message', (message: { ok: true; data: DerivedData } | { ok: false; error: string }) => {
        if (message.ok) {
          this.current = indexed(message.data);
          this.lastError = null;
        } else {
          this.lastError = message.error;
        }
      });
      worker.once('error', (error) => {
        this.lastError = error.message;
      });
      worker.once('exit', () => resolve());
    });
  }
}
