import type { DocumentInfo } from './types.js';

/** A stored document's metadata as JSON (no text): unknown fields are null, never missing. */
export interface DocumentMetaJson {
  id: string;
  seq: number;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  author: string | null;
  language: string | null;
  chars: number;
  duplicateOf: string | null;
}

export function documentMetaJson(doc: DocumentInfo): DocumentMetaJson {
  const m = doc.meta;
  return {
    id: doc.id,
    seq: doc.seq,
    title: m.title ?? null,
    outlet: m.outlet ?? null,
    published: m.published ?? null,
    url: m.url ?? null,
    author: m.author ?? null,
    language: m.language ?? null,
    chars: doc.chars,
    duplicateOf: doc.duplicateOf,
  };
}
