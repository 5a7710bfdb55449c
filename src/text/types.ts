/** A half-open character range [start, end) into a text. */
export type Span = [start: number, end: number];

/** A normalized text with, for every normalized character, its offset in the original. */
export interface Normalized {
  /** The normalized text. */
  text: string;
  /** map[i] = original offset of normalized char i; map[text.length] = original length. */
  map: Int32Array;
}

/** One word token; offsets are into the ORIGINAL text. */
export interface Token {
  start: number;
  end: number;
  /** Lower-cased, NFKC, quote/dash-folded surface form. */
  norm: string;
  /** Snowball stem of `norm`. */
  stem: string;
  /** Synonym-canonical form (WordNet), or `stem` when the word has no synonyms. */
  canon: string;
  /** True for stopwords (function words). */
  stop: boolean;
}

/** One sentence; offsets into the ORIGINAL text, tokens as [firstToken, endToken) indices. */
export interface Sentence {
  start: number;
  end: number;
  firstToken: number;
  endToken: number;
}

/** Everything the later stages need about one text. */
export interface Analysis {
  /** The original text, unchanged. */
  text: string;
  language: string;
  tokens: Token[];
  sentences: Sentence[];
}

/** A language plug-in: everything language-specific lives behind this. */
export interface Language {
  /** ISO 639-1 code, e.g. "en". */
  code: string;
  isStopword(norm: string): boolean;
  stem(norm: string): string;
  /** Synonym-canonical form of a word (given its norm and stem); returns stem when none. */
  canonical(norm: string, stem: string): string;
  /** Abbreviations (lower-case, without the final dot) that do not end a sentence: "u.s", "sen", "rep". */
  abbreviations: ReadonlySet<string>;
  /** Abbreviations (subset or extra, same form) that never end a sentence: titles such as "mr", "sen". */
  titles?: ReadonlySet<string>;
  /**
   * Lower-case words that commonly start a sentence ("the", "but", "he"): after an ambiguous
   * abbreviation such as "U.S." a following starter word means the sentence did end there.
   */
  sentenceStarters?: ReadonlySet<string>;
}
