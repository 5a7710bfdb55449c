/**
 * Incremental use of a stored corpus (`mimeo add`, the HTTP API): the candidate index is
 * loaded once, then each new article is stored, indexed, aligned with its candidates and
 * linked in-process, in milliseconds.
 */
import type { CandidateIndex } from '../index/candidates.js';
import { encodeFeatures, extractFeatures } from '../index/features.js';
import type { IndexParameters } from '../index/options.js';
import type { IngestedDocument } from '../ingest/types.js';
import { extractQuotes } from '../quotes/index.js';
import type { LinkRecord, PutOutcome, Store } from '../store/types.js';
import { fluencyModel } from '../provenance/fluency.js';
import { analyze } from '../text/index.js';
import { analyserLanguage } from '../text/languages.js';
import { textHash } from './hash.js';
import { loadIndex } from './load.js';
import { runTask, type TaskDoc } from './tasks.js';

export interface AddResult {
  id: string;
  outcome: PutOutcome;
  /** Every link of the document after adding it (a/b as stored: a is the earlier document). */
  links: LinkRecord[];
  /** Candidates the index proposed (before alignment). */
  candidates: number;
}

export class Corpus {
  private constructor(
    readonly store: Store,
    private readonly index: CandidateIndex,
  ) {}

  /** Loads the candidate index of a store (a second or two per 100k documents). */
  static open(store: Store, overrides: Partial<IndexParameters> = {}): Corpus {
    // Loaded here rather than inside the first add, which would otherwise pay for it.
    fluencyModel();
    return new Corpus(store, loadIndex(store, overrides));
  }

  get params(): IndexParameters {
    return this.index.params;
  }

  /** Stores one article, finds its candidates, aligns them and stores the links. */
  add(doc: IngestedDocument): AddResult {
    const [outcome] = this.store.putDocuments([
      { id: doc.id, text: doc.text, meta: doc.meta, origin: doc.origin, format: doc.format, hash: textHash(doc.text) },
    ]);
    const stored = this.store.getDocument(doc.id)!;
    if (outcome === 'duplicate' || (outcome === 'unchanged' && stored.aligned)) {
      return { id: doc.id, outcome, links: this.store.links({ doc: doc.id }), candidates: 0 };
    }
    if (outcome === 'replaced') this.index.remove(stored.seq);
    const features = extractFeatures(analyze(stored.text, { language: analyserLanguage(stored.meta.language) }), this.params);
    // Not indexed but in the index: a store from before quotes were kept (features there, quotes not).
    if (!stored.indexed || !this.index.has(stored.seq)) {
      this.store.putFeatures([{ id: doc.id, features: encodeFeatures(features), quotes: extractQuotes(stored.text) }]);
      if (!this.index.has(stored.seq)) this.index.add(stored.seq, features);
    }
    const candidates = this.index.query(features, stored.seq);
    const others: TaskDoc[] = candidates.map((c) => {
      const d = this.store.getDocumentBySeq(c.key)!;
      return { seq: d.seq, id: d.id, text: d.text, language: d.meta.language ?? null, outlet: d.meta.outlet ?? null };
    });
    const result = runTask({
      type: 'align',
      doc: { seq: stored.seq, id: stored.id, text: stored.text, language: stored.meta.language ?? null, outlet: stored.meta.outlet ?? null },
      others,
    });
    if (result.type !== 'align') throw new Error('unexpected task result');
    this.store.putAlignment(doc.id, result.links);
    return { id: doc.id, outcome, links: this.store.links({ doc: doc.id }), candidates: candidates.length };
  }
}
