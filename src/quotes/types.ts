/** A half-open character range [start, end) into the ORIGINAL text. */
export interface Range {
  start: number;
  end: number;
}

/** The verb (or phrase) that introduces a quote: "said", "told", "according to". */
export interface QuoteCue extends Range {
  /** Lemma: "say" for "said", "according to" for "according to". */
  verb: string;
}

export type SpeakerKind = 'name' | 'pronoun' | 'title' | 'organisation';

/** Who a quote is attributed to: the mention the attribution uses, resolved within the article. */
export interface QuoteSpeaker extends Range {
  /** Canonical name within the article ("Hua Chunying" for "Hua", "she" or "the spokeswoman"). */
  name: string;
  /** The mention as written ("she", "the spokeswoman", "Hua"). */
  mention: string;
  /** Role or title given in the article ("Foreign Ministry spokeswoman"), or null. */
  role: string | null;
  /** What the mention is; a pronoun or title that could not be resolved keeps its own text as name. */
  kind: SpeakerKind;
}

/** One piece of a quote between its own marks (a split or multi-paragraph quote has several). */
export interface QuotePart extends Range {
  /** The quoted words without the marks. */
  innerStart: number;
  innerEnd: number;
  /** False when the part runs to its paragraph's end without a closing mark (multi-paragraph quotes). */
  closed: boolean;
}

export interface Quote extends Range {
  /** The quoted words, parts joined with one space, without the marks and the attribution between them. */
  text: string;
  /**
   * The pieces in text order. `start`/`end` run from the first part's opening mark to the last
   * part's end, or on to the end of the content the quote heads, as PolNeAR marks a Content: a
   * fragment breaking off mid-clause runs to the clause's end (“the wind is at our backs” despite
   * his loss), and “...,” X said, according to Y to the comma before "according to".
   */
  parts: QuotePart[];
  /** Number of paragraph blocks the quote spans (1 for most quotes). */
  paragraphs: number;
  cue: QuoteCue | null;
  speaker: QuoteSpeaker | null;
}

export interface ExtractOptions {
  /**
   * Keep short quotes that have no cue and sit inside a sentence ("scare quotes", titles of shows).
   * Default false: only quotes that are attributed, start a sentence, or are long enough to be speech.
   */
  keepUnattributed?: boolean;
  /** Resolve speakers (default true); false only finds the quote spans and cues. */
  attribute?: boolean;
}
