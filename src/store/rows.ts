import type { DirectionCall, Side } from '../provenance/types.js';
import type { Passage, PassageEvidence, PassageKind } from '../align/types.js';
import type { DocumentMeta, IngestFormat } from '../ingest/types.js';
import type { Quote, QuotePart, SpeakerKind } from '../quotes/types.js';
import type { DocumentInfo, NewDocument, StoredDocument, StoredQuote } from './types.js';

/** Row shapes as SQLite returns them, and their mapping to the Store types. */

export interface MetaColumns {
  title: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
  author: string | null;
  language: string | null;
  origin: string;
  format: string;
}

export interface InfoRow extends MetaColumns {
  seq: number;
  id: string;
  hash: string;
  chars: number;
  duplicate_of_seq: number | null;
  duplicate_of: string | null;
  indexed: number;
  aligned: number;
  added: string;
}

export interface DocumentRow extends InfoRow {
  text: string;
}

export interface LinkRow {
  id: number;
  a: string;
  b: string;
  kind: string;
  coverage_a: number;
  coverage_b: number;
  score: number;
  duplicate: number;
  /** JSON DirectionCall made from the texts, or NULL (exact duplicates). */
  direction: string | null;
}

export interface PassageRow {
  a_start: number;
  a_end: number;
  b_start: number;
  b_end: number;
  kind: string;
  score: number;
  evidence: string;
}

const META_KEYS = ['title', 'url', 'outlet', 'published', 'author', 'language'] as const;

export const INFO_COLUMNS =
  'd.seq, d.id, d.title, d.url, d.outlet, d.published, d.author, d.language, d.origin, d.format, d.hash, d.chars, ' +
  'd.duplicate_of_seq, o.id AS duplicate_of, d.indexed, d.aligned, d.added';
export const INFO_FROM = 'documents d LEFT JOIN documents o ON o.seq = d.duplicate_of_seq';

export function metaColumns(doc: NewDocument): MetaColumns {
  const m = doc.meta;
  return {
    title: m.title ?? null,
    url: m.url ?? null,
    outlet: m.outlet ?? null,
    published: m.published ?? null,
    author: m.author ?? null,
    language: m.language ?? null,
    origin: doc.origin,
    format: doc.format,
  };
}

export function sameMeta(x: MetaColumns, y: MetaColumns): boolean {
  return META_KEYS.every((key) => x[key] === y[key]) && x.origin === y.origin && x.format === y.format;
}

/** Unknown (NULL) fields are left out, so meta round-trips as given. */
function metaOf(row: MetaColumns): DocumentMeta {
  const meta: DocumentMeta = {};
  for (const key of META_KEYS) {
    const value = row[key];
    if (value !== null) meta[key] = value;
  }
  return meta;
}

export function toInfo(row: InfoRow): DocumentInfo {
  return {
    seq: row.seq,
    id: row.id,
    meta: metaOf(row),
    origin: row.origin,
    format: row.format as IngestFormat,
    hash: row.hash,
    chars: row.chars,
    duplicateOf: row.duplicate_of,
    indexed: row.indexed === 1,
    aligned: row.aligned === 1,
    added: row.added,
  };
}

export function toStored(row: DocumentRow): StoredDocument {
  return { ...toInfo(row), text: row.text };
}

export function toPassage(row: PassageRow): Passage {
  return {
    a: [row.a_start, row.a_end],
    b: [row.b_start, row.b_end],
    kind: row.kind as PassageKind,
    score: row.score,
    evidence: JSON.parse(row.evidence) as PassageEvidence,
  };
}

/** The same direction call seen with the sides swapped. */
export function swapDirection(call: DirectionCall): DirectionCall {
  const flip = (side: Side | null): Side | null => (side === null ? null : side === 'a' ? 'b' : 'a');
  return { ...call, source: flip(call.source), evidence: call.evidence.map((e) => ({ ...e, favours: flip(e.favours) })) };
}

/** The same passage seen from the other document. */
export function swapPassage(p: Passage): Passage {
  return { ...p, a: p.b, b: p.a };
}

/** A quote row; the columns a query or index may need, the rest in `detail` (QuoteDetail JSON). */
export interface QuoteRow {
  seq: number;
  ord: number;
  start_offset: number;
  end_offset: number;
  text: string;
  speaker: string | null;
  speaker_start: number | null;
  speaker_end: number | null;
  cue_start: number | null;
  cue_end: number | null;
  detail: string;
}

interface QuoteDetail {
  parts: QuotePart[];
  paragraphs: number;
  cue: { verb: string } | null;
  speaker: { mention: string; role: string | null; kind: SpeakerKind } | null;
}

export function quoteRow(seq: number, ord: number, q: Quote): QuoteRow {
  const detail: QuoteDetail = {
    parts: q.parts.map((p) => ({ start: p.start, end: p.end, innerStart: p.innerStart, innerEnd: p.innerEnd, closed: p.closed })),
    paragraphs: q.paragraphs,
    cue: q.cue && { verb: q.cue.verb },
    speaker: q.speaker && { mention: q.speaker.mention, role: q.speaker.role, kind: q.speaker.kind },
  };
  return {
    seq,
    ord,
    start_offset: q.start,
    end_offset: q.end,
    text: q.text,
    speaker: q.speaker?.name ?? null,
    speaker_start: q.speaker?.start ?? null,
    speaker_end: q.speaker?.end ?? null,
    cue_start: q.cue?.start ?? null,
    cue_end: q.cue?.end ?? null,
    detail: JSON.stringify(detail),
  };
}

export function toStoredQuote(row: QuoteRow & { doc: string }): StoredQuote {
  const detail = JSON.parse(row.detail) as QuoteDetail;
  const speaker =
    row.speaker !== null && detail.speaker
      ? { name: row.speaker, start: row.speaker_start ?? 0, end: row.speaker_end ?? 0, ...detail.speaker }
      : null;
  const cue = row.cue_start !== null && detail.cue ? { start: row.cue_start, end: row.cue_end ?? row.cue_start, verb: detail.cue.verb } : null;
  return {
    doc: row.doc,
    ord: row.ord,
    start: row.start_offset,
    end: row.end_offset,
    text: row.text,
    parts: detail.parts,
    paragraphs: detail.paragraphs,
    cue,
    speaker,
  };
}

/** A stored document's row as a put compares it with the new version. */
export interface ExistingRow extends MetaColumns {
  seq: number;
  hash: string;
  duplicate_of_seq: number | null;
}

/** A document sharing a hash: who is the original of an exact-duplicate group. */
export interface HashRow {
  seq: number;
  chars: number;
  duplicate_of_seq: number | null;
}

/** A link as written: seqs with a < b, direction as JSON (null for exact duplicates: identical texts tell nothing). */
export interface LinkParams {
  a: number;
  b: number;
  kind: string;
  coverageA: number;
  coverageB: number;
  score: number;
  duplicate: number;
  direction: string | null;
}

/** The one link + passage recorded for an exact duplicate (b) of an original (a). */
export function duplicateLink(aChars: number, bChars: number): { link: Omit<LinkParams, 'a' | 'b'>; passage: Passage } {
  return {
    link: { kind: 'verbatim', coverageA: 1, coverageB: 1, score: 1, duplicate: 1, direction: null },
    passage: {
      a: [0, aChars],
      b: [0, bChars],
      kind: 'verbatim',
      score: 1,
      evidence: { method: 'exact-duplicate', seeds: 0, similarity: 1, plainSimilarity: 1, verbatimShare: 1, sharedTerms: [] },
    },
  };
}
