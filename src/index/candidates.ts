import type { DocFeatures } from './features.js';
import type { IndexParameters } from './options.js';
import { AccTable } from './acc-table.js';

/** One likely source or derivative of a query document. */
export interface Candidate {
  /** The key the document was added under (e.g. its store seq). */
  key: number;
  /** Sum of the matched sentences' match strengths: roughly "how many sentences look reused". */
  score: number;
  /** Query sentences with a match in this document. */
  matchedUnits: number;
  /** Strongest single sentence match (share of idf weight, 0..1). */
  best: number;
  /** Strength of the best run of matches close together on both sides (a passage). */
  chain: number;
}

interface Postings {
  /** Pairs (document slot, unit index). */
  data: Int32Array;
  length: number;
}

/** Unit indices are packed with document slots into one number key. */
const UNIT_SPACE = 1 << 16;

/**
 * In-memory inverted index from content-term hashes to (document, sentence unit), built from
 * stored features and growing by single inserts (`mimeo add`). Document frequencies give the
 * idf weights, and the most common terms are never looked up.
 */
export class CandidateIndex {
  private readonly postings = new Map<number, Postings>();
  private readonly df = new Map<number, number>();
  private readonly keys: number[] = [];
  private readonly slotOf = new Map<number, number>();
  /** Slots of removed (replaced) documents: their postings stay but are skipped. */
  private readonly dead = new Set<number>();

  /** Query scratch space, reused across queries (one index serves one thread). */
  private readonly acc = new AccTable();

  constructor(readonly params: IndexParameters) {}

  get size(): number {
    return this.keys.length - this.dead.size;
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
    const seen = new Set<number>();
    const units = features.units;
    for (let u = 0; u < units.length && u < UNIT_SPACE; u++) {
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

  /** Documents frequency above which a term is not looked up. */
  maxDf(): number {
    const p = this.params;
    return Math.min(p.maxMaxDf, Math.max(p.minMaxDf, Math.floor(p.maxDocShare * this.size)));
  }

  /**
   * Likely sources/derivatives of a document, best first. `self` (the query's own key, when it
   * is indexed) is never returned.
   */
  query(features: DocFeatures, self?: number): Candidate[] {
    const p = this.params;
    const n = Math.max(this.size, 1);
    const maxDf = this.maxDf();
    const ceilingDf = Math.max(maxDf, Math.min(p.ceilingDf, Math.floor(p.ceilingDocShare * n)));
    const selfSlot = self === undefined ? -1 : (this.slotOf.get(self) ?? -1);
    const perDoc = new Map<number, Omit<Candidate, 'chain'> & { lastQuery: number; lastUnit: number; chain: number; bestChain: number }>();
    const acc = this.acc;
    const best = new Map<number, { share: number; unit: number }>();
    const lookups: { term: number; df: number; idf: number }[] = [];

    const units = features.units;
    for (let u = 0; u < units.length; u++) {
      lookups.length = 0;
      for (const term of units[u]) {
        const df = this.df.get(term) ?? 0;
        // A term only the query itself has cannot match anything.
        const others = selfSlot >= 0 ? df - 1 : df;
        if (others < 1 || df > ceilingDf) continue;
        lookups.push({ term, df, idf: Math.log((n + 1) / df) });
      }
      if (lookups.length < 2) continue;
      lookups.sort((x, y) => x.df - y.df);
      // Rarest terms first; common ones only while the sentence has too few rare ones, so a
      // passage in plain words is still found, within a budget of postings walked.
      let keep = 0;
      let walked = 0;
      while (keep < lookups.length && keep < p.queryTermsPerUnit) {
        const df = lookups[keep].df;
        if (df > maxDf && (keep >= p.minQueryTerms || walked + df > p.unitPostingBudget)) break;
        walked += df;
        keep++;
      }
      if (keep < 2) continue;
      lookups.length = keep;
      let total = 0;
      for (const l of lookups) total += l.idf;

      acc.clear();
      for (const { term, idf } of lookups) {
        const post = this.postings.get(term)!;
        const data = post.data;
        for (let i = 0; i < post.length; i += 2) {
          const slot = data[i];
          if (slot === selfSlot || (this.dead.size > 0 && this.dead.has(slot))) continue;
          acc.add(slot * UNIT_SPACE + data[i + 1], idf);
        }
      }
      best.clear();
      const minCount = Math.min(p.minMatchedTerms, lookups.length);
      acc.forEach((key, count, weight) => {
        if (count < minCount) return;
        const share = weight / total;
        if (share < p.unitMatch) return;
        const slot = Math.floor(key / UNIT_SPACE);
        const prior = best.get(slot);
        if (prior === undefined || share > prior.share) best.set(slot, { share, unit: key % UNIT_SPACE });
      });
      for (const [slot, m] of best) {
        let c = perDoc.get(slot);
        if (c === undefined) {
          c = { key: this.keys[slot], score: 0, matchedUnits: 0, best: 0, lastQuery: -10, lastUnit: -10, chain: 0, bestChain: 0 };
          perDoc.set(slot, c);
        }
        // Reuse comes in passages: matches close together on both sides form a chain, and the
        // best chain says more than many scattered matches (shared topic words).
        const continues = u - c.lastQuery <= p.chainGap && Math.abs(m.unit - c.lastUnit) <= p.chainGap + 1;
        c.chain = continues ? c.chain + m.share : m.share;
        if (c.chain > c.bestChain) c.bestChain = c.chain;
        c.score += m.share;
        c.matchedUnits++;
        c.lastQuery = u;
        c.lastUnit = m.unit;
        if (m.share > c.best) c.best = m.share;
      }
    }
    const ranked: Candidate[] = [];
    for (const c of perDoc.values()) {
      if (c.matchedUnits >= p.minUnitMatches || c.best >= p.strongUnitMatch) {
        const score = c.bestChain + p.scatteredWeight * (c.score - c.bestChain);
        ranked.push({ key: c.key, score, matchedUnits: c.matchedUnits, best: c.best, chain: c.bestChain });
      }
    }
    ranked.sort((x, y) => y.score - x.score || x.key - y.key);
    // Passage-like evidence is kept (up to the cap); of the rest, only the best few, since
    // shared topic words alone produce such weak matches with many documents.
    const out: Candidate[] = [];
    let weak = 0;
    for (const c of ranked) {
      if (out.length >= p.maxCandidates) break;
      if (c.chain >= p.strongChain || weak++ < p.weakCandidates) out.push(c);
    }
    return out;
  }
}
