import type { Passage, PassageEvidence, PassageKind } from '../align/types.js';
import type { DocumentMeta, IngestFormat } from '../ingest/types.js';
import type { DocumentInfo, NewDocument, StoredDocument } from './types.js';

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

/** The same passage seen from the other document. */
export function swapPassage(p: Passage): Passage {
  return { ...p, a: p.b, b: p.a };
}
