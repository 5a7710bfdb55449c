/**
 * Tunable parameters of the aligner, with their defaults. Sentence gaps are counted in
 * sentence units (short sentences are merged into their neighbour first).
 */
export interface AlignParameters {
  /** Sentences with fewer words than this are merged into the next one. */
  minSentenceWords: number;
  /** Sentences longer than this (in words) are cut into near-equal pieces (run-on or unpunctuated text). */
  maxUnitWords: number;
  /** Seeding: minimum cosine (tf-isf) between two sentences. */
  seedCosine: number;
  /** Seeding: minimum Dice coefficient of the two sentences' content-word sets. */
  seedDice: number;
  /** Extension: largest gap (in sentences) bridged inside one passage. */
  maxGap: number;
  /** Extension: keep in each cluster the seeds on or near one reading order on both sides. */
  orderedExtension: boolean;
  /** Extension: a cluster whose two sides have a cosine below this is split with a smaller gap. */
  validationCosine: number;
  /** Edges: a passage may also leap up to this many sentences on each side to a pair matching at `edgeLeapCosine`. */
  edgeLeap: number;
  edgeLeapCosine: number;
  /** Edges: a neighbouring sentence joins a passage when it has this cosine with a sentence at the same end of the other side. */
  edgeCosine: number;
  /** Verbatim seeds: length in words of the exact n-grams that anchor verbatim runs. */
  verbatimNgram: number;
  /** Verbatim: a fragment whose exact runs cover this share of it takes the runs' exact extent. */
  verbatimSnapShare: number;
  /** Verbatim: shortest exact run (in characters) reported on its own. */
  minVerbatimChars: number;
  /** Filtering: passages shorter than this (characters, on either side) are dropped. */
  minPassageChars: number;
  /** Filtering: a passage resting on a single sentence pair needs at least this cosine. */
  singleSeedCosine: number;
  /** Filtering: in a pair with word-for-word copying, other (non-verbatim) passages need this many matching sentences. */
  copyPairMinSeeds: number;
  /**
   * Support: a sentence-level passage whose sentences find, on average, no closer counterpart
   * than this cosine on the other side is a few matching sentences among unrelated ones.
   */
  minSentenceSupport: number;
  /**
   * Support: a paraphrase must share more distinct content terms than the rest of both texts
   * explains, at this -log10 chance (Poisson; 2.3 is p < 0.005).
   */
  minSignificance: number;
  /**
   * Background: a paraphrase of at most this many sentences a side, sharing no five-word
   * sequence, is dropped where `backgroundShare` of each text's sentences outside every passage
   * find a counterpart at `backgroundCosine` outside every passage (the pair agrees loosely
   * throughout, and two matching sentences do not stand out from it).
   */
  backgroundMaxUnits: number;
  backgroundCosine: number;
  backgroundShare: number;
  /** Summary: a passage whose one side is this many times longer than the other is checked as a summary. */
  summaryRatio: number;
  /** Summary: sentence gap bridged on the long (summarized) side. */
  summaryMaxGap: number;
  /** Summary: seeding thresholds (a summary sentence condenses, so it matches more loosely). */
  summarySeedCosine: number;
  summarySeedDice: number;
  /** Summary: fewest sentences of the summary that match the summarized text. */
  summaryMinSentences: number;
  /** Summary: most sentence matches per summary sentence. */
  summaryMaxMatchesPerSentence: number;
  /** Summary: longest summarized text, in sentence units. */
  summaryMaxSourceSentences: number;
  /** Summary: longest summary, in characters (a summary is a few sentences). */
  summaryMaxChars: number;
  /** Summary: least cosine between the short side and the whole summarized text. */
  summaryWholeCosine: number;
  /** Summary: dropped where a copy-level fragment on its short side has a cosine this much higher. */
  summaryCopyMargin: number;
  /** Summary: dropped where a copy-level fragment (less lopsided than `summaryRatio`) covers this share of its short side. */
  summaryCopyCover: number;
  /** Summary: when the summarized stretch spans this share of its text, the whole text is the source. */
  summaryWholeShare: number;
}

export const defaultParameters: Readonly<AlignParameters> = Object.freeze({
  minSentenceWords: 3,
  maxUnitWords: 40,
  seedCosine: 0.3,
  seedDice: 0.3,
  maxGap: 4,
  orderedExtension: true,
  validationCosine: 0.34,
  edgeCosine: 0.25,
  edgeLeap: 3,
  edgeLeapCosine: 0.2,
  verbatimNgram: 8,
  verbatimSnapShare: 0.7,
  minVerbatimChars: 150,
  minPassageChars: 150,
  singleSeedCosine: 0.75,
  copyPairMinSeeds: 3,
  minSentenceSupport: 0.27,
  minSignificance: 2.3,
  backgroundMaxUnits: 2,
  backgroundCosine: 0.25,
  backgroundShare: 0.1,
  summaryRatio: 3,
  summaryMaxGap: 24,
  summarySeedCosine: 0.2,
  summarySeedDice: 0.15,
  summaryMinSentences: 4,
  summaryMaxChars: 2500,
  summaryMaxMatchesPerSentence: 3,
  summaryMaxSourceSentences: 100,
  summaryWholeShare: 0.3,
  summaryCopyMargin: 0.35,
  summaryCopyCover: 0.8,
  summaryWholeCosine: 0.3,
});
