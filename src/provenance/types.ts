import type { PassageKind } from '../align/types.js';
import type { DocumentInfo, LinkRecord } from '../store/types.js';

/** A side of a link: `a` is the document stored first (lower seq), `b` the other. */
export type Side = 'a' | 'b';

/** What a piece of direction evidence looked at. */
export type EvidenceKind =
  | 'dates'
  | 'fluency'
  | 'translation-traces'
  | 'containment'
  | 'wire-credit'
  | 'boilerplate';

/** One reason behind a direction call: enough for a person to check it. */
export interface DirectionEvidence {
  kind: EvidenceKind;
  /** The side this evidence says is the original; null when it is only reported (e.g. contradictory dates). */
  favours: Side | null;
  /** Strength in log-odds toward `favours` (0 when favours is null). */
  weight: number;
  /** One readable sentence, e.g. "b has 6 literal renderings of idioms where a has none". */
  detail: string;
}

/** Which document of a link is the original. */
export interface DirectionCall {
  /** The original's side, or null when the evidence is too weak ("undetermined"). */
  source: Side | null;
  /** Probability that `source` is right (0.5..1); 0.5 when undetermined. */
  confidence: number;
  /** What decided it: publication dates, the texts, both, or nothing usable. */
  basis: 'dates' | 'text' | 'dates+text' | 'none';
  evidence: DirectionEvidence[];
}

/** A link with its documents and its direction: what views, exports and the report show. */
export interface DirectedLink {
  link: LinkRecord;
  a: DocumentInfo;
  b: DocumentInfo;
  direction: DirectionCall;
  /** Id of the original, or null when undetermined. */
  source: string | null;
}

/** Documents that share the same reused text (one wire story and its reprints). */
export interface ReprintCluster {
  /** Stable within one store state: the lowest seq of its members. */
  id: number;
  /** Member ids, earliest/likeliest original first. */
  members: string[];
  /** The likeliest original, or null when no member is clearly first. */
  original: string | null;
  /** Why `original` was chosen. */
  originalReason: string;
  /** The verified links inside the cluster. */
  links: number;
  /** Dominant kind of those links. */
  kind: PassageKind;
}

/** Documents about the same event, with or without reuse. */
export interface Story {
  id: number;
  /** Top names/terms, e.g. "Xinjiang · Shohrat Zakir · training centres". */
  title: string;
  terms: string[];
  /** Member ids in timeline order (published date, then stored order). */
  members: string[];
  /** Earliest and latest published dates of members, when known. */
  from: string | null;
  to: string | null;
  /** Reuse links whose two documents are both in the story. */
  links: number;
}
