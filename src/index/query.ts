import { AccTable } from './acc-table.js';
import type { DocFeatures } from './features.js';
import type { IndexParameters } from './options.js';
import { passes, prepareVerifyQuery, verifyCandidate, type ForwardView, type Verification } from './verify.js';

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
  /** Sentence pairs that passed verification as alignment seeds (counted until it passed). */
  seeds: number;
  /** Best cosine between a sentence of the query and one of the candidate. */
  bestSentence: number;
}

/** Postings of one term: pairs (document slot, unit index) in data[start..end). */
export interface PostingRange {
  data: Int32Array;
  start: number;
  end: number;
}

/** What a query needs from an index (in-memory and shared-memory indexes both provide it). */
export interface IndexView extends ForwardView {
  /** Live documents. */
  readonly size: number;
  /** Document slots in use, dead ones included (slots are 0..slots-1). */
  readonly slots: number;
  docFrequency(term: number): number;
  postingsOf(term: number): PostingRange | undefined;
  keyOf(slot: number): number;
  isDead(slot: number): boolean;
}

/** Reusable working memory of the queries on one index (one per thread). */
export class QueryScratch {
  readonly acc = new AccTable();
  /** Per document slot, the sentence look-up that last created a window in it. */
  reachedBy = new Int32Array(0);
  lookup = 0;

  /** Readies the slot marks for an index of this many slots. */
  prepare(slots: number): void {
    if (this.reachedBy.length < slots) {
      this.reachedBy = new Int32Array(Math.max(slots, this.reachedBy.length * 2, 1024));
      this.lookup = 0;
    }
  }

  /** A fresh mark for the next sentence look-up. */
  nextLookup(): number {
    if (this.lookup === 0x7fffffff) {
      this.reachedBy.fill(0);
      this.lookup = 0;
    }
    return ++this.lookup;
  }
}

/** Unit indices are packed with document slots into one number key. */
const UNIT_SPACE = 1 << 16;
/** Units beyond this (a document of over 65k sentences) are not indexed. */
export const MAX_UNITS = UNIT_SPACE;

/** Document frequency above which a term is not looked up. */
export function maxDocFrequency(p: IndexParameters, size: number): number {
  return Math.min(p.maxMaxDf, Math.max(p.minMaxDf, Math.floor(p.maxDocShare * size)));
}

/**
 * Likely sources/derivatives of a document, best first. Each sentence unit looks up its rarest
 * terms; windows of consecutive stored sentences sharing enough of their idf weight are matches;
 * matches chain into passages; candidates are ranked by their best chain plus part of their
 * other matches.
 */
export function queryIndex(
  index: IndexView,
  features: DocFeatures,
  selfSlot: number,
  p: IndexParameters,
  scratch: QueryScratch,
): Candidate[] {
  const acc = scratch.acc;
  scratch.prepare(index.slots);
  const reachedBy = scratch.reachedBy;
  const n = Math.max(index.size, 1);
  const maxDf = maxDocFrequency(p, index.size);
  const ceilingDf = Math.max(maxDf, Math.min(p.ceilingDf, Math.floor(p.ceilingDocShare * n)));
  const perDoc = new Map<number, Omit<Candidate, 'chain' | 'seeds' | 'bestSentence'> & { lastQuery: number; lastUnit: number; chain: number; bestChain: number }>();
  const best = new Map<number, { share: number; weight: number; unit: number }>();
  const lookups: { term: number; df: number; idf: number }[] = [];

  const units = features.units;
  for (let u = 0; u < units.length; u++) {
    lookups.length = 0;
    for (const term of units[u]) {
      const df = index.docFrequency(term);
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
    const minCount = Math.min(p.minMatchedTerms, lookups.length);
    // A window first reached by term j can gain at most the idf of terms j.. (rarest first): once
    // that is below a match, or too few terms are left to make one, the remaining terms only add
    // to windows already found. Same matches, far fewer windows (the last terms are the commonest).
    let creating = 0;
    let suffix = 0;
    const needed = p.unitMatch * total * (1 - 1e-9);
    for (let j = lookups.length - 1; j >= 0; j--) {
      suffix += lookups[j].idf;
      if (suffix >= needed && j <= lookups.length - minCount) {
        creating = j + 1;
        break;
      }
    }

    acc.clear(minCount);
    const mark = scratch.nextLookup();
    const win = p.storedWindow;
    for (let j = 0; j < lookups.length; j++) {
      const { term, idf } = lookups[j];
      const creates = j < creating;
      const post = index.postingsOf(term)!;
      const data = post.data;
      let prevSlot = -1;
      let prevUnit = -1;
      for (let i = post.start; i < post.end; i += 2) {
        const slot = data[i];
        if (slot === selfSlot || index.isDead(slot)) continue;
        const v = data[i + 1];
        // Each stored unit is in the windows starting at v-win+1..v; a term already counted in a
        // window through an earlier unit of the same document is not counted twice (a term's
        // postings list each document's units in ascending order).
        let from = v - win + 1;
        if (slot === prevSlot && prevUnit >= from) from = prevUnit + 1;
        if (from < 0) from = 0;
        const base = slot * UNIT_SPACE;
        if (creates) {
          reachedBy[slot] = mark;
          for (let w = from; w <= v; w++) acc.add(base + w, idf);
        } else if (reachedBy[slot] === mark) {
          // Most postings of a common term are in documents no rarer term reached: one array
          // read skips them instead of a hash probe.
          for (let w = from; w <= v; w++) acc.addExisting(base + w, idf);
        }
        prevSlot = slot;
        prevUnit = v;
      }
    }
    best.clear();
    const fullWeight = p.fullMatchWeight * Math.log(n + 1);
    acc.forEachTracked((key, count, weight) => {
      if (count < minCount) return;
      let share = weight / total;
      if (share < p.unitMatch) return;
      // Each shared term beyond the minimum makes chance less likely (three rare words in one
      // passage rarely meet by topic alone), whatever the query sentence's other words.
      if (count > minCount) share = Math.min(1, share * (1 + p.extraTermBoost * (count - minCount)));
      // A sentence of few, common look-ups "fully" matches many unrelated windows.
      if (weight < fullWeight) share *= weight / fullWeight;
      const slot = Math.floor(key / UNIT_SPACE);
      const unit = key % UNIT_SPACE;
      const prior = best.get(slot);
      // Capped shares tie: the window with more shared weight, then the earlier one, is the match.
      const better =
        prior === undefined ||
        share > prior.share ||
        (share === prior.share && (weight > prior.weight || (weight === prior.weight && unit < prior.unit)));
      if (better) best.set(slot, { share, weight, unit });
    });
    for (const [slot, m] of best) {
      let c = perDoc.get(slot);
      if (c === undefined) {
        c = { key: index.keyOf(slot), score: 0, matchedUnits: 0, best: 0, lastQuery: -10, lastUnit: -10, chain: 0, bestChain: 0 };
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
  const ranked: { slot: number; score: number; matchedUnits: number; best: number; chain: number }[] = [];
  for (const [slot, c] of perDoc) {
    if (c.matchedUnits >= p.minUnitMatches || c.best >= p.strongUnitMatch) {
      const score = c.bestChain + p.scatteredWeight * (c.score - c.bestChain);
      ranked.push({ slot, score, matchedUnits: c.matchedUnits, best: c.best, chain: c.bestChain });
    }
  }
  ranked.sort((x, y) => y.score - x.score || index.keyOf(x.slot) - index.keyOf(y.slot));
  // Candidates are verified best first up to the pool size. Where no check is possible, only
  // the passage-like ones and the best few others go on, since shared topic words alone
  // produce such weak matches with many documents. A long text can hold passages from more
  // sources: its allowances grow with its length.
  const weakAllowed = Math.max(p.weakCandidates, Math.floor(units.length * p.weakPerUnit));
  const pool = Math.max(p.verifyPool, Math.floor(units.length * p.verifyPoolPerUnit));
  const allowed = Math.max(p.maxCandidates, Math.floor(units.length * p.candidatesPerUnit));
  const out: Candidate[] = [];
  let weak = 0;
  let considered = 0;
  let prepared: ReturnType<typeof prepareVerifyQuery> | null = null;
  // Verification saves alignments at scale; in a small corpus aligning costs little, and
  // sentence weights say little. It is calibrated on article-size texts: a pair with a long
  // text (one mixing short passages from many sources) keeps the index's ranking.
  const trustAll = index.size < p.verifyMinDocs || units.length > p.verifyMaxUnits;
  for (const c of ranked) {
    if (out.length >= allowed || considered >= pool) break;
    // The query's best-ranked passage-like match is aligned whatever its sentences look like
    // one by one: a heavily reworded copy can rank first and still fail every sentence test.
    const top = considered < p.trustedTop && c.chain >= p.trustedChain;
    const verify = !trustAll && !top && index.unitsOf(c.slot).count <= p.verifyMaxUnits;
    if (!verify && c.chain < p.strongChain && weak++ >= weakAllowed) continue;
    considered++;
    // Rare shared words make a candidate; whole sentences alike make a passage the aligner
    // will find. Most same-topic candidates stop here, before costing an alignment.
    let v: Verification = { seeds: 0, chained: true, best: 0 };
    if (verify) {
      prepared ??= prepareVerifyQuery(index, features);
      v = verifyCandidate(index, prepared, c.slot, p);
    }
    if (passes(v, p)) {
      out.push({ key: index.keyOf(c.slot), score: c.score, matchedUnits: c.matchedUnits, best: c.best, chain: c.chain, seeds: v.seeds, bestSentence: v.best });
    }
  }
  return out;
}

