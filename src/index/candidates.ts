import type { DocFeatures } from './features.js';
import type { IndexParameters } from './options.js';
import { MAX_UNITS, QueryScratch, queryIndex, type Candidate, type IndexView, type PostingRange } from './query.js';
import { flatten, type FlatUnits } from './verify.js';
export type { Candidate } from './query.js';

interface Postings {
  /** Pairs (document slot, unit index). */
  data: Int32Array;
  length: number;
}


/**
 * In-memory inverted index from content-term hashes to (document, sentence unit), built from
 * stored features and growing by single inserts (`mimeo add`). Document frequencies give the
 * idf weights, and the most common terms are never looked up.
 */
export class CandidateIndex implements IndexView {
  private readonly postings = new Map<number, Postings>();
  private readonly df = new Map<number, number>();
  private readonly keys: number[] = [];
  /** Per slot, the document's units (term hashes), for verifying candidates. */
  private readonly forward: FlatUnits[] = [];
  private readonly slotOf = new Map<number, number>();
  /** Slots of removed (replaced) documents: their postings stay but are skipped. */
  private readonly dead = new Set<number>();

  /** Query scratch space, reused across queries (one index serves one thread). */
  private readonly scratch = new QueryScratch();

  constructor(readonly params: IndexParameters) {}

  get size(): number {
    return this.keys.length - this.dead.size;
  }

  get slots(): number {
    return this.keys.length;
  }

  has(key: number): boolean {
    return this.slotOf.has(key);
  }

  /** Forgets a document (its text was replaced); its document frequencies are kept, a small bias. */
  remove(key: number): void {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    this.dead.add(slot);
    this.slotOf.delete(key);
  }

  add(key: number, features: DocFeatures): void {
    if (this.slotOf.has(key)) throw new Error(`document ${key} is already indexed`);
    const slot = this.keys.length;
    this.keys.push(key);
    this.slotOf.set(key, slot);
    this.forward.push(flatten(features.units.length > MAX_UNITS ? { units: features.units.slice(0, MAX_UNITS) } : features));
    const seen = new Set<number>();
    const units = features.units;
    for (let u = 0; u < units.length && u < MAX_UNITS; u++) {
      for (const term of units[u]) {
        if (!seen.has(term)) {
          seen.add(term);
          this.df.set(term, (this.df.get(term) ?? 0) + 1);
        }
        let p = this.postings.get(term);
        if (p === undefined) {
          p = { data: new Int32Array(4), length: 0 };
          this.postings.set(term, p);
        }
        if (p.length + 2 > p.data.length) {
          const grown = new Int32Array(p.data.length * 2);
          grown.set(p.data);
          p.data = grown;
        }
        p.data[p.length++] = slot;
        p.data[p.length++] = u;
      }
    }
  }

  /** Likely sources/derivatives of a document, best first; `self` (its own key, if indexed) is never returned. */
  query(features: DocFeatures, self?: number): Candidate[] {
    const selfSlot = self === undefined ? -1 : (this.slotOf.get(self) ?? -1);
    return queryIndex(this, features, selfSlot, this.params, this.scratch);
  }

  // IndexView, for queryIndex.
  docFrequency(term: number): number {
    return this.df.get(term) ?? 0;
  }

  postingsOf(term: number): PostingRange | undefined {
    const p = this.postings.get(term);
    return p === undefined ? undefined : { data: p.data, start: 0, end: p.length };
  }

  keyOf(slot: number): number {
    return this.keys[slot];
  }

  isDead(slot: number): boolean {
    return this.dead.size > 0 && this.dead.has(slot);
  }

  // ForwardView: term ids are the hashes themselves.
  termId(hash: number): number {
    return this.df.has(hash) ? hash : -1;
  }

  unitsOf(slot: number): FlatUnits {
    return this.forward[slot];
  }

  /** A read-only copy in shared memory, for queries on worker threads (bulk scans). */
  toShared(): SharedIndexData {
    const terms = Uint32Array.from(this.postings.keys()).sort();
    let total = 0;
    for (const t of terms) total += this.postings.get(t)!.length;
    const data: SharedIndexData = {
      terms: new Uint32Array(new SharedArrayBuffer(terms.length * 4)),
      offsets: new Int32Array(new SharedArrayBuffer((terms.length + 1) * 4)),
      df: new Int32Array(new SharedArrayBuffer(terms.length * 4)),
      postings: new Int32Array(new SharedArrayBuffer(Math.max(1, total) * 4)),
      keys: new Float64Array(new SharedArrayBuffer(Math.max(1, this.keys.length) * 8)),
      ...this.sharedForward(terms),
      dead: [...this.dead],
      size: this.size,
      params: this.params,
    };
    data.terms.set(terms);
    let at = 0;
    terms.forEach((t, k) => {
      const p = this.postings.get(t)!;
      data.offsets[k] = at;
      data.df[k] = this.df.get(t) ?? 0;
      data.postings.set(p.data.subarray(0, p.length), at);
      at += p.length;
    });
    data.offsets[terms.length] = at;
    data.keys.set(this.keys);
    return data;
  }

  /** The forward units in shared memory, with term hashes replaced by their place in `terms`. */
  private sharedForward(terms: Uint32Array): Pick<SharedIndexData, 'unitStart' | 'unitBounds' | 'unitTerms'> {
    let units = 0;
    let total = 0;
    for (const f of this.forward) {
      units += f.count;
      total += f.terms.length;
    }
    const unitStart = new Int32Array(new SharedArrayBuffer((this.forward.length + 1) * 4));
    const unitBounds = new Int32Array(new SharedArrayBuffer((units + 1) * 4));
    const unitTerms = new Int32Array(new SharedArrayBuffer(Math.max(1, total) * 4));
    let u = 0;
    let at = 0;
    this.forward.forEach((f, slot) => {
      unitStart[slot] = u;
      for (let k = 0; k < f.count; k++) unitBounds[u++] = at + f.bounds[k];
      for (let i = 0; i < f.terms.length; i++) unitTerms[at + i] = findTerm(terms, f.terms[i]);
      at += f.terms.length;
    });
    unitStart[this.forward.length] = u;
    unitBounds[u] = at;
    return { unitStart, unitBounds, unitTerms };
  }
}

/** Place of a term hash in the sorted term array, or -1. */
function findTerm(terms: Uint32Array, term: number): number {
  let lo = 0;
  let hi = terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const t = terms[mid];
    if (t === term) return mid;
    if (t < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The arrays of a CandidateIndex in shared memory (sent to worker threads without copying). */
export interface SharedIndexData {
  terms: Uint32Array;
  offsets: Int32Array;
  df: Int32Array;
  postings: Int32Array;
  keys: Float64Array;
  /** Forward units: slot s has units unitStart[s]..unitStart[s+1]; unit u's term places are unitTerms[unitBounds[u]..unitBounds[u+1]). */
  unitStart: Int32Array;
  unitBounds: Int32Array;
  unitTerms: Int32Array;
  dead: number[];
  size: number;
  params: IndexParameters;
}

/** Read-only index over shared arrays: the same queries as the CandidateIndex it came from. */
export class SharedCandidateIndex implements IndexView {
  private readonly dead: Set<number>;
  private readonly slotOf = new Map<number, number>();
  private readonly scratch = new QueryScratch();

  constructor(private readonly data: SharedIndexData) {
    this.dead = new Set(data.dead);
    data.keys.forEach((key, slot) => {
      if (!this.dead.has(slot)) this.slotOf.set(key, slot);
    });
  }

  get size(): number {
    return this.data.size;
  }

  get slots(): number {
    return this.data.keys.length;
  }

  query(features: DocFeatures, self?: number): Candidate[] {
    const selfSlot = self === undefined ? -1 : (this.slotOf.get(self) ?? -1);
    return queryIndex(this, features, selfSlot, this.data.params, this.scratch);
  }

  docFrequency(term: number): number {
    const k = findTerm(this.data.terms, term);
    return k < 0 ? 0 : this.data.df[k];
  }

  postingsOf(term: number): PostingRange | undefined {
    const k = findTerm(this.data.terms, term);
    return k < 0 ? undefined : { data: this.data.postings, start: this.data.offsets[k], end: this.data.offsets[k + 1] };
  }

  keyOf(slot: number): number {
    return this.data.keys[slot];
  }

  isDead(slot: number): boolean {
    return this.dead.size > 0 && this.dead.has(slot);
  }

  // ForwardView: term ids are places in the sorted term array.
  termId(hash: number): number {
    return findTerm(this.data.terms, hash);
  }

  unitsOf(slot: number): FlatUnits {
    const from = this.data.unitStart[slot];
    const to = this.data.unitStart[slot + 1];
    return { terms: this.data.unitTerms, bounds: this.data.unitBounds.subarray(from, to + 1), count: to - from };
  }
}
