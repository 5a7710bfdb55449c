import type { Analysis } from '../text/types.js';
import type { AlignParameters } from './options.js';

export type PassageKind = 'verbatim' | 'edited' | 'paraphrase';

/** Why a passage was reported: enough for a person to check it. */
export interface PassageEvidence {
  /** How the passage was found, e.g. "verbatim-run" or "sentence-cluster". */
  method: string;
  /** Number of seeds (matching sentence pairs or n-gram runs) inside the passage. */
  seeds: number;
  /** Cosine similarity of the two sides' content-word vectors. */
  similarity: number;
  /** The same cosine without names and numbers: low when two texts share facts, not wording. */
  plainSimilarity: number;
  /** Share of tokens on side a that occur verbatim (same word, same order) in side b. */
  verbatimShare: number;
  /** A few of the shared content words, for display. */
  sharedTerms: string[];
}

/** One reused passage: offsets are into the ORIGINAL texts, half-open. */
export interface Passage {
  a: [start: number, end: number];
  b: [start: number, end: number];
  kind: PassageKind;
  /** 0..1: confidence that the two sides are the same text reused. */
  score: number;
  evidence: PassageEvidence;
}

export interface AlignResult {
  passages: Passage[];
  /** Share of each text's characters that lie inside passages (0..1). */
  coverage: { a: number; b: number };
}

/** Input to align: a raw text or an analysis made earlier (to reuse it across pairs). */
export type AlignInput = string | Analysis;

export interface AlignOptions {
  /** Language code for both texts (default "en"). */
  language?: string;
  /** Override any of the aligner's parameters (see `defaultParameters`). */
  parameters?: Partial<AlignParameters>;
}
