import { AccTable } from './acc-table.js';
import type { DocFeatures } from './features.js';
import type { IndexParameters } from './options.js';

/**
 * A document's sentence units in flat form: unit u's term ids are terms[bounds[u]..bounds[u+1]).
 * Ids live in the index's own id space (see `IndexView.termId`).
 */
export interface FlatUnits {
  terms: ArrayLike<number>;
  bounds: ArrayLike<number>;
  /** Number of units (bounds holds one more entry). */
  count: number;
}

/** What verification needs from an index: term ids and stored units. */
export interface ForwardView {
  /** Id (>= 0) of a term hash in this index, or -1 when no document has it. */
  termId(hash: number): number;
  unitsOf(slot: number): FlatUnits;
}

/** Sentence-pair evidence between a query and one candidate. */
export interface Verification {
  /** Sentence pairs similar enough to seed an alignment passage (counted until it passed). */
  seeds: number;
  /** Two of those seeds lie close together on both sides: a passage, not a stray sentence. */
  chained: boolean;
  /** Best cosine between two sentence units. */
  best: number;
}

/** The query side, prepared once and checked against many candidates. */
export interface VerifyQuery {
  /** Per query unit: its term ids (terms no stored document has get ids below zero)... */
  unitTerms: Float64Array[];
  /** ...and for each, the number of query units containing it. */
  unitCounts: Int32Array[];
  /** Term id -> query units containing it (only terms some stored document has). */
  unitsWith: Map<number, number[]>;
  /** Scratch space per query unit. */
  norms: Float64Array;
  dot: Float64Array;
  shared: Int32Array;
  /** Scratch: the candidate's units per term, and squared weights by units containing a term. */
  candidateCount: AccTable;
  weights: Float64Array;
}

export function prepareVerifyQuery(view: ForwardView, features: DocFeatures): VerifyQuery {
  const n = features.units.length;
  const unitsWith = new Map<number, number[]>();
  const count = new Map<number, number>();
  const unknown = new Map<number, number>();
  const unitTerms = features.units.map((unit, u) => {
    const ids = new Float64Array(unit.length);
    unit.forEach((hash, k) => {
      let id = view.termId(hash);
      if (id < 0) {
        // Still part of the sentence's norm: an id of its own below zero.
        id = unknown.get(hash) ?? -1 - unknown.size;
        unknown.set(hash, id);
      } else {
        const list = unitsWith.get(id);
        if (list === undefined) unitsWith.set(id, [u]);
        else list.push(u);
      }
      ids[k] = id;
      count.set(id, (count.get(id) ?? 0) + 1);
    });
    return ids;
  });
  const unitCounts = unitTerms.map((ids) => Int32Array.from(ids, (id) => count.get(id)!));
  return {
    unitTerms,
    unitCounts,
    unitsWith,
    norms: new Float64Array(n),
    dot: new Float64Array(n),
    shared: new Int32Array(n),
    candidateCount: new AccTable(),
    weights: new Float64Array(0),
  };
}

/**
 * Sentence-level evidence of reuse between the query and a stored document, the way the
 * aligner seeds passages: cosine and Dice of two sentences' term sets over all their terms
 * (the candidate query looked up only the rarest), each term weighted by its inverse sentence
 * frequency over the two texts, as the aligner weighs it. Words the two texts use throughout
 * (their shared topic) weigh little however rare they are in the corpus, so two texts on one
 * subject do not look alike sentence by sentence. Stops early once the candidate has passed
 * (`passes`).
 */
export function verifyCandidate(view: ForwardView, q: VerifyQuery, slot: number, p: IndexParameters): Verification {
  const { terms, bounds, count } = view.unitsOf(slot);
  const { dot, shared, norms, unitsWith, unitTerms, unitCounts, candidateCount } = q;
  candidateCount.clear();
  for (let i = bounds[0]; i < bounds[count]; i++) candidateCount.add(terms[i], 0);
  // Squared weight of a term by the number of sentences (of both texts) containing it.
  const sentences = unitTerms.length + count;
  if (q.weights.length < sentences + 1) q.weights = new Float64Array(2 * sentences + 2);
  const weights = q.weights;
  for (let c = 1; c <= sentences; c++) {
    const w = Math.log((sentences + 1) / c);
    weights[c] = w * w;
  }
  for (let u = 0; u < unitTerms.length; u++) {
    const ids = unitTerms[u];
    const counts = unitCounts[u];
    let sq = 0;
    for (let k = 0; k < ids.length; k++) sq += weights[counts[k] + (ids[k] < 0 ? 0 : candidateCount.countOf(ids[k]))];
    norms[u] = sq;
  }
  const touched: number[] = [];
  const seedAt: number[] = [];
  const loose = new SeedClusters(p.seedGap);
  let chained = false;
  let best = 0;
  for (let v = 0; v < count; v++) {
    const from = bounds[v];
    const to = bounds[v + 1];
    let sq = 0;
    for (let i = from; i < to; i++) {
      const id = terms[i];
      const list = unitsWith.get(id);
      const w2 = weights[candidateCount.countOf(id) + (list === undefined ? 0 : list.length)];
      sq += w2;
      if (list === undefined) continue;
      for (const u of list) {
        if (shared[u] === 0) touched.push(u);
        shared[u]++;
        dot[u] += w2;
      }
    }
    for (const u of touched) {
      const cosine = norms[u] > 0 && sq > 0 ? dot[u] / Math.sqrt(norms[u] * sq) : 0;
      const dice = (2 * shared[u]) / (unitTerms[u].length + (to - from));
      if (cosine >= p.seedCosine && dice >= p.seedDice) {
        for (let k = 0; k < seedAt.length && !chained; k += 2) {
          chained = Math.abs(seedAt[k] - u) <= p.seedGap && v - seedAt[k + 1] <= p.seedGap;
        }
        seedAt.push(u, v);
      }
      if (cosine >= p.looseSeedCosine && dice >= p.looseSeedDice && loose.add(u, v) >= p.looseChain) chained = true;
      if (cosine > best) best = cosine;
      dot[u] = 0;
      shared[u] = 0;
    }
    touched.length = 0;
    if (chained || best >= p.singleSeedCosine) break;
  }
  return { seeds: seedAt.length / 2, chained, best };
}

/** Seeds grouped into clusters of seeds at most `gap` units apart on both sides (union-find). */
class SeedClusters {
  private readonly at: number[] = [];
  private readonly parent: number[] = [];
  private readonly size: number[] = [];

  constructor(private readonly gap: number) {}

  /** Adds a seed (query unit u, candidate unit v; v never decreases) and returns its cluster's size. */
  add(u: number, v: number): number {
    const me = this.parent.length;
    this.parent.push(me);
    this.size.push(1);
    this.at.push(u, v);
    let root = me;
    for (let k = me - 1; k >= 0 && v - this.at[2 * k + 1] <= this.gap; k--) {
      if (Math.abs(this.at[2 * k] - u) > this.gap) continue;
      const other = this.find(k);
      if (other === root) continue;
      this.parent[other] = root;
      this.size[root] += this.size[other];
    }
    return this.size[root];
  }

  private find(k: number): number {
    while (this.parent[k] !== k) k = this.parent[k] = this.parent[this.parent[k]];
    return k;
  }
}

/**
 * Enough for the aligner to build a passage on (as its own filters demand): two seeds close
 * together on both sides, or one very strong sentence match.
 */
export function passes(v: Verification, p: IndexParameters): boolean {
  return v.chained || v.best >= p.singleSeedCosine;
}

/** Flat units of decoded features (ids = hashes, the in-memory index's id space). */
export function flatten(features: DocFeatures): FlatUnits {
  const units = features.units;
  let total = 0;
  for (const u of units) total += u.length;
  const terms = new Uint32Array(total);
  const bounds = new Int32Array(units.length + 1);
  let at = 0;
  units.forEach((u, k) => {
    bounds[k] = at;
    terms.set(u, at);
    at += u.length;
  });
  bounds[units.length] = at;
  return { terms, bounds, count: units.length };
}
