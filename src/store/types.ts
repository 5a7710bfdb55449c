import type { Passage, PassageKind } from '../align/types.js';
import type { DocumentMeta, IngestFormat } from '../ingest/types.js';
import type { DirectionCall } from '../provenance/types.js';
import type { Quote } from '../quotes/types.js';

/** A document ready to be stored. */
export interface NewDocument {
  id: string;
  text: string;
  meta: DocumentMeta;
  origin: string;
  format: IngestFormat;
  /** Hash of the normalized text: equal hashes = exact duplicates. */
  hash: string;
}

/** A stored document without its text (listings). */
export interface DocumentInfo {
  /** Insertion order, 1-based; stable for the life of the store. */
  seq: number;
  id: string;
  meta: DocumentMeta;
  origin: string;
  format: IngestFormat;
  hash: string;
  chars: number;
  /** Id of the earlier document with the same normalized text, if any. */
  duplicateOf: string | null;
  /** Candidate features are stored. */
  indexed: boolean;
  /** Aligned against its candidates (scan progress). */
  aligned: boolean;
  /** ISO time it was stored. */
  added: string;
}

export interface StoredDocument extends DocumentInfo {
  text: string;
}

export type PutOutcome = 'added' | 'unchanged' | 'replaced' | 'duplicate';

/** A verified reuse link between two documents, with its passages (a = the lower seq). */
export interface LinkRecord {
  a: string;
  b: string;
  kind: PassageKind;
  coverageA: number;
  coverageB: number;
  score: number;
  /** True when b is an exact duplicate of a (recorded, not aligned). */
  duplicate: boolean;
  /** Offsets are into the stored texts of a and b. */
  passages: Passage[];
  /** Which side is the original judged from the two texts alone (src/provenance); dates are added when read. */
  textDirection?: DirectionCall | null;
}

export interface LinkFilter {
  /** Only links touching this document. */
  doc?: string;
  kind?: PassageKind;
  /** Minimum of max(coverageA, coverageB). */
  minCoverage?: number;
  limit?: number;
  /** Skip this many (in the order links are listed: strongest first). */
  offset?: number;
  /** False: leave `passages` empty (counts and lists that do not show them). Default true. */
  passages?: boolean;
}

export interface DocumentFilter {
  outlet?: string;
  limit?: number;
  offset?: number;
}

/** A document search: every given condition must hold. */
export interface DocumentQuery {
  /** Words that must all occur in the title or text (stemmed; a trailing * matches a prefix). */
  text?: string;
  outlet?: string;
  /** Published on or after / on or before (ISO date or date-time prefix compare). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface DocumentPage {
  /** All matches, not only this page. */
  total: number;
  /** Best text match first when `text` is given, else in stored order. */
  documents: DocumentInfo[];
}

export interface StoreCounts {
  /** All documents, exact duplicates included. */
  documents: number;
  duplicates: number;
  /** Non-duplicate documents with features (duplicates need none). */
  indexed: number;
  /** Non-duplicate documents aligned against their candidates. */
  aligned: number;
  /** All links; exact-duplicate links count as verbatim. */
  links: number;
  linksByKind: Record<PassageKind, number>;
}

/** One document's candidate features (opaque bytes made by src/index). */
export interface FeatureRecord {
  seq: number;
  id: string;
  features: Uint8Array;
}

/** A document's features, and its quotes when extracted with them. */
export interface FeatureItem {
  id: string;
  features: Uint8Array;
  /** Replaces the document's stored quotes (offsets into its stored text); left as they are when absent. */
  quotes?: Quote[];
}

/** One stored quote: `ord` is its place among the document's quotes (text order). */
export interface StoredQuote extends Quote {
  doc: string;
  ord: number;
}

export interface QuoteFilter {
  /** Only this document's quotes (an exact duplicate has none of its own). */
  doc?: string;
  /** Only quotes whose canonical speaker name is this, ignoring case. */
  speaker?: string;
}

/**
 * Storage behind scan/add/links: SQLite now, PostgreSQL later.
 * Every write method is one transaction: it lands whole or not at all.
 */
export interface Store {
  readonly location: string;

  /** Adds or updates documents; a changed text drops the old features, quotes and links of that id. */
  putDocuments(docs: NewDocument[]): PutOutcome[];
  getDocument(id: string): StoredDocument | undefined;
  getDocumentBySeq(seq: number): StoredDocument | undefined;
  /** A document's metadata without its text. */
  getDocumentInfo(id: string): DocumentInfo | undefined;
  listDocuments(filter?: DocumentFilter): DocumentInfo[];
  searchDocuments(query: DocumentQuery): DocumentPage;
  /** Distinct outlets with their document counts, most documents first. */
  outlets(): Array<{ outlet: string; documents: number }>;
  /** Earliest and latest published dates (as stored), null when none is known. */
  publishedRange(): { from: string | null; to: string | null };
  counts(): StoreCounts;

  /** Stores features (and quotes, when given) and marks the documents indexed. */
  putFeatures(items: FeatureItem[]): void;
  /** Every indexed document's features, in seq order. */
  allFeatures(): Iterable<FeatureRecord>;
  /** Ids of non-duplicate documents without features, in seq order. */
  pendingIndex(): string[];
  /** Ids of indexed documents not yet aligned, in seq order. */
  pendingAlign(): string[];

  /** Stored quotes in document (seq) order, then text order. */
  quotes(filter?: QuoteFilter): StoredQuote[];

  /** Stores the links found for one document and marks it aligned, in one transaction. */
  putAlignment(id: string, links: LinkRecord[]): void;
  links(filter?: LinkFilter): LinkRecord[];
  /** How many links match (limit and offset ignored). */
  countLinks(filter?: LinkFilter): number;

  /** Small key/value state (e.g. index parameters). */
  getState(key: string): string | undefined;
  setState(key: string, value: string): void;

  close(): void;
}

/**
 * The Store with every answer as a promise: what a server-backed store (PostgreSQL) implements
 * natively. The synchronous Store over it (src/store/pg/sync.ts) serves the code written for SQLite.
 */
export type AsyncStore = { readonly location: string } & {
  [K in Exclude<keyof Store, 'location' | 'allFeatures'>]: Store[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
} & {
  allFeatures(): AsyncIterable<FeatureRecord>;
};
