import type { IngestedDocument } from './types.js';

/**
 * C0 control characters other than tab, line breaks and form feed, and DEL: crawled and
 * converted text carries stray NULs and the like (PostgreSQL cannot store U+0000 at all).
 */
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/g;

/** The text with each stray control character replaced by a space: same length, so offsets hold. */
export function withoutControlChars(text: string): string {
  return text.replace(CONTROL, ' ');
}

/** The document with control characters blanked in its id, text and metadata, the same on every store. */
export function cleanDocument(doc: IngestedDocument): IngestedDocument {
  const meta: IngestedDocument['meta'] = {};
  for (const [key, value] of Object.entries(doc.meta) as [keyof IngestedDocument['meta'], string | null | undefined][]) {
    meta[key] = typeof value === 'string' ? withoutControlChars(value) : value;
  }
  return { ...doc, id: withoutControlChars(doc.id), text: withoutControlChars(doc.text), meta };
}
