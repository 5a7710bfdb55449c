/**
 * Tunable parameters of the aligner, with their defaults. Sentence gaps are counted in
 * sentence units (short sentences are merged into their neighbour first).
 */
export interface AlignParameters {
  /** Sentences with fewer words than this are merged into the next one. */
  minSentenceWords: number;
  /** Seeding: minimum cosine (tf-isf) between two sentences. */
  seedCosine: number;
  /** Seeding: minimum Dice coefficient of the two sentences' content-word sets. */
  seedDice: number;
  /** Extension: largest gap (in sentences) bridged inside one passage. */
  maxGap: number;
  /** Extension: a cluster whose two sides have a cosine below this is split with a smaller gap. */
  validationCosine: number;
  /** Verbatim seeds: length in words of the exact n-grams that anchor verbatim runs. */
  verbatimNgram: number;
  /** Verbatim: shortest exact run (in characters) reported on its own. */
  minVerbatimChars: number;
  /** Filtering: passages shorter than this (characters, on either side) are dropped. */
  minPassageChars: number;
  /** Filtering: a passage resting on a single sentence pair needs at least this cosine. */
  singleSeedCosine: number;
  /** Summary: a passage whose one side is this many times longer than the other is checked as a summary. */
  summaryRatio: number;
  /** Summary: sentence gap bridged on the long (summarized) side. */
  summaryMaxGap: number;
}

export const defaultParameters: Readonly<AlignParameters> = Object.freeze({
  minSentenceWords: 3,
  seedCosine: 0.33,
  seedDice: 0.33,
  maxGap: 4,
  validationCosine: 0.34,
  verbatimNgram: 8,
  minVerbatimChars: 150,
  minPassageChars: 150,
  singleSeedCosine: 0.5,
  summaryRatio: 3,
  summaryMaxGap: 24,
});
