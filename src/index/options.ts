/**
 * Parameters of the candidate index, with their defaults. Retrieval works at sentence level:
 * a document is a candidate when some of its sentences share rare content words with
 * sentences of the query, so a short reused passage inside a long text is still found.
 */
export interface IndexParameters {
  /** Sentences with fewer content terms than this are merged into the next one. */
  minUnitTerms: number;
  /** Longer sentences (run-on or unpunctuated text) are cut into pieces of at most this many content terms. */
  maxUnitTerms: number;
  /** Per query sentence, only its this-many rarest terms are looked up (cost control; rare terms carry the evidence). */
  queryTermsPerUnit: number;
  /** Terms found in more than this share of documents are not looked up (they match everything). */
  maxDocShare: number;
  /** ...but a term is always looked up while it is in fewer documents than this... */
  minMaxDf: number;
  /** ...and never when it is in more than this (query cost must not grow with the corpus). */
  maxMaxDf: number;
  /** A sentence with fewer rare terms than this also looks up its rarest common ones... */
  minQueryTerms: number;
  /** ...up to terms in this share of documents (beyond, a word says nothing)... */
  ceilingDocShare: number;
  /** ...and in at most this many documents... */
  ceilingDf: number;
  /** ...while the sentence's look-ups walk at most this many postings. */
  unitPostingBudget: number;
  /** A query sentence matches a stored sentence when the matched share of its looked-up idf weight reaches this. */
  unitMatch: number;
  /**
   * A query sentence is matched against this many consecutive stored sentences at once: edited
   * and paraphrased copies split and merge sentences, scattering a sentence's words over two.
   */
  storedWindow: number;
  /** A sentence match needs at least this many shared terms (fewer when the sentence looks up fewer). */
  minMatchedTerms: number;
  /** A sentence match's strength grows by this share for every shared term beyond `minMatchedTerms`. */
  extraTermBoost: number;
  /**
   * A sentence match whose shared words carry less idf weight than this many words found in a
   * single document is weakened in proportion: two common words meet in many places by chance.
   */
  fullMatchWeight: number;
  /** Matches at most this many sentences apart on both sides chain into one passage. */
  chainGap: number;
  /** A candidate's score: its best chain plus this weight times its other matches. */
  scatteredWeight: number;
  /** Fewest sentence matches for a candidate (a single match must be strong, see `strongUnitMatch`). */
  minUnitMatches: number;
  /** One sentence match this strong is enough on its own. */
  strongUnitMatch: number;
  /** A candidate whose best chain of sentence matches is this strong (about one per matching sentence) is passage-like... */
  strongChain: number;
  /** ...and where it cannot be verified, others only when among the query's this-many best... */
  weakCandidates: number;
  /** ...or, for a long query, this many per sentence unit. */
  weakPerUnit: number;
  /** At most this many candidates per query are verified, best first... */
  verifyPool: number;
  /** ...or this many per sentence unit of a long query. */
  verifyPoolPerUnit: number;
  /**
   * Verification compares every sentence unit of the query with every unit of the candidate
   * (all terms, weighted by inverse sentence frequency over the two texts, as the aligner does):
   * a seed is a pair reaching this cosine...
   */
  seedCosine: number;
  /** ...and this Dice coefficient of the two term sets (a little below the aligner's, whose sentences differ slightly). */
  seedDice: number;
  /** A candidate passes with two seeds at most this many units apart on both sides (a passage)... */
  seedGap: number;
  /** ...or with this many looser seeds linked that way (a heavily reworded passage)... */
  looseChain: number;
  /** ...a looser seed reaching this cosine and this Dice... */
  looseSeedCosine: number;
  looseSeedDice: number;
  /** ...or with one sentence pair this similar (a single reused sentence). */
  singleSeedCosine: number;
  /** The query's this-many best-ranked candidates are kept unverified... */
  trustedTop: number;
  /** ...when their chain is this strong. */
  trustedChain: number;
  /** Candidates are verified only in an index of at least this many documents... */
  verifyMinDocs: number;
  /** ...and only between texts of at most this many units each (see `queryIndex`). */
  verifyMaxUnits: number;
  /** At most this many verified candidates per query document, best first... */
  maxCandidates: number;
  /** ...or this many per sentence unit of a long query. */
  candidatesPerUnit: number;
}

export const defaultIndexParameters: Readonly<IndexParameters> = Object.freeze({
  minUnitTerms: 4,
  maxUnitTerms: 30,
  queryTermsPerUnit: 8,
  maxDocShare: 0.02,
  minMaxDf: 200,
  maxMaxDf: 1500,
  minQueryTerms: 4,
  ceilingDocShare: 0.2,
  ceilingDf: 5000,
  unitPostingBudget: 8000,
  unitMatch: 0.3,
  minMatchedTerms: 2,
  storedWindow: 2,
  extraTermBoost: 0.3,
  fullMatchWeight: 1,
  chainGap: 3,
  scatteredWeight: 0.5,
  minUnitMatches: 2,
  strongUnitMatch: 0.8,
  strongChain: 1.2,
  weakCandidates: 12,
  weakPerUnit: 0.05,
  verifyPool: 40,
  verifyPoolPerUnit: 0.75,
  seedCosine: 0.25,
  seedDice: 0.2,
  seedGap: 4,
  looseChain: 3,
  looseSeedCosine: 0.2,
  looseSeedDice: 0.15,
  singleSeedCosine: 0.6,
  trustedTop: 1,
  trustedChain: 1.2,
  verifyMinDocs: 1000,
  verifyMaxUnits: 60,
  maxCandidates: 20,
  candidatesPerUnit: 0.5,
});

export function indexParameters(overrides: Partial<IndexParameters> = {}): IndexParameters {
  return { ...defaultIndexParameters, ...overrides };
}
