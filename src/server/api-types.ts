// Response bodies of the HTTP API (`mimeo serve`), shared with the web workbench (`import type`).
// Shapes of the CLI's --json output are reused as they are, so the two never drift apart.
import type { PassageKind } from '../align/types.js';
import type { CorpusQuotesJson } from '../cli/quotes-corpus.js';
import type { StoryJson } from '../cli/stories.js';
import type { RelatedItemJson, RelatedViewJson } from '../cli/views.js';
import type { EvidenceJson, LinkJson } from '../cli/views-format.js';
import type { DirectionCall } from '../provenance/types.js';
import type { DocumentMetaJson } from '../store/document-json.js';
import type { QuoteDrift, Utterance, UtteranceVariant } from '../quotes/match.js';

export type { CorpusQuotesJson, DocumentMetaJson, EvidenceJson, LinkJson, RelatedItemJson, RelatedViewJson, StoryJson };
export type { QuoteDrift, Utterance as UtteranceJson, UtteranceVariant as UtteranceVariantJson };

/** Every error: one line, with a 4xx/5xx status. */
export interface ApiErrorJson {
  error: string;
}

export interface HealthJson {
  ok: true;
  documents: number;
  links: number;
  schema: number;
}

export interface SummaryJson {
  documents: number;
  duplicates: number;
  links: { total: number } & Record<PassageKind, number>;
  outlets: Array<{ outlet: string; documents: number }>;
  dates: { from: string | null; to: string | null };
  /** Documents that are the original of most links (decided directions only). */
  mostCopied: Array<{ id: string; title: string | null; copies: number }>;
  /** Stories, clusters and utterances are computed in the background on large corpora. */
  derived: 'ready' | 'computing';
}

export interface DocumentListItem extends DocumentMetaJson {
  /** All its reuse links; of those, how many have it as the copy (sources) or the original (derived). */
  links: number;
  sources: number;
  derived: number;
  /** Plain text around the first search word (no markup), when searching. */
  snippet: string | null;
}

export interface DocumentListJson {
  total: number;
  offset: number;
  limit: number;
  documents: DocumentListItem[];
}

/** What the OTHER document of a link is to this one. */
export type RelatedRole = 'source' | 'derived' | 'undetermined';

export type RelatedWithRole = RelatedItemJson & { role: RelatedRole };

export interface DocumentQuoteJson {
  start: number;
  end: number;
  text: string;
  speaker: { name: string; start: number; end: number } | null;
  cue: { start: number; end: number } | null;
  /** Key of the utterance it belongs to (see /api/quotes), null until computed or when quoted nowhere else. */
  utterance: string | null;
}

export interface DocumentPageJson {
  document: DocumentMetaJson & { text: string; origin: string; format: string; added: string };
  related: RelatedWithRole[];
  quotes: DocumentQuoteJson[];
  story: { id: number; title: string } | null;
  cluster: number | null;
}

export interface LinksJson {
  total: number;
  links: LinkJson[];
}

/** A stretch of one side of a passage: shared with the other side, or only on this side. */
export interface DiffSpanJson {
  start: number;
  end: number;
  style: 'same' | 'removed' | 'added';
}

export interface ComparePassageJson {
  a: [number, number];
  b: [number, number];
  kind: PassageKind;
  score: number;
  /** Word differences inside the passage, as offsets into the texts (false `marked`: too different to mark). */
  diff: { a: DiffSpanJson[]; b: DiffSpanJson[]; marked: boolean };
}

export interface CompareSideJson {
  id: string | null;
  title: string | null;
  outlet: string | null;
  published: string | null;
  text: string;
}

export interface CompareJson {
  a: CompareSideJson;
  b: CompareSideJson;
  passages: ComparePassageJson[];
  coverage: { a: number; b: number };
  verdict: string;
  /** True when both are stored documents and the stored link was used. */
  stored: boolean;
  /** Which side is the original, or null when undetermined. */
  source: 'a' | 'b' | null;
  directionConfidence: number;
  direction: { basis: DirectionCall['basis']; evidence: Array<Omit<EvidenceJson, 'favours'> & { favours: 'a' | 'b' | null }> };
}

export interface StoriesJson {
  status: 'ready' | 'computing';
  stories: StoryJson[];
}

export type StoryPageJson = StoryJson & { reuse: LinkJson[] };

export interface GraphNodeJson {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  story: number | null;
  cluster: number | null;
}

export interface GraphEdgeJson {
  a: string;
  b: string;
  /** The original's id (edge points source → copy), or null when undetermined. */
  source: string | null;
  kind: PassageKind;
  coverageA: number;
  coverageB: number;
  directionConfidence: number;
}

export interface GraphJson {
  nodes: GraphNodeJson[];
  edges: GraphEdgeJson[];
  /** More documents matched than `limit`: the strongest links were kept. */
  truncated: boolean;
}

export type QuotesJson = CorpusQuotesJson & { status: 'ready' | 'computing' };

export interface AddedJson {
  id: string;
  outcome: 'added' | 'unchanged' | 'replaced' | 'duplicate';
  document: DocumentMetaJson;
  related: RelatedWithRole[];
  candidates: number;
  ms: number;
}
