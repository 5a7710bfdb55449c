import type { PassageKind } from '../align/types.js';
import type { DocumentInfo, LinkRecord, Store, StoredDocument } from '../store/index.js';
import { UserError } from './errors.js';

/** One passage of a link in JSON: offsets into the stored texts of a and b. */
export interface PassageJson {
  a: [number, number];
  b: [number, number];
  kind: PassageKind;
  score: number;
}

/** One link as printed by `mimeo links --json` (and, with titles, by `mimeo export`). */
export type LinkJson = Omit<LinkRecord, 'passages'> & { passages: PassageJson[] };

export function linkJson(link: LinkRecord): LinkJson {
  return {
    a: link.a,
    b: link.b,
    kind: link.kind,
    coverageA: link.coverageA,
    coverageB: link.coverageB,
    score: link.score,
    duplicate: link.duplicate,
    passages: link.passages.map((p) => ({ a: [p.a[0], p.a[1]], b: [p.b[0], p.b[1]], kind: p.kind, score: p.score })),
  };
}

/** Stored titles and ids come from scraped pages: control characters (ESC, newlines) must not reach the terminal. */
export function terminalText(value: string): string {
  return value.replace(/[\t\n\r]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

/** Cuts a cell to `width` characters with "…". */
export function fit(value: string, width: number): string {
  const chars = Array.from(value);
  return chars.length <= width ? value : chars.slice(0, width - 1).join('') + '…';
}

export function score2(score: number): string {
  return score.toFixed(2);
}

/** Colors only for a terminal, and never when NO_COLOR is set (same rule as `mimeo compare`). */
export function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}

export function terminalWidth(): number {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 100;
}

/** Page size for walking all documents (metadata only, no texts). */
const DOCUMENT_PAGE = 2000;

/** Every document in seq order, a page at a time, so memory stays bounded on big stores. */
export function* allDocuments(store: Store): Generator<DocumentInfo> {
  for (let offset = 0; ; offset += DOCUMENT_PAGE) {
    const page = store.listDocuments({ limit: DOCUMENT_PAGE, offset });
    yield* page;
    if (page.length < DOCUMENT_PAGE) return;
  }
}

const MAX_SUGGESTIONS = 5;

/** The stored document `id`, or a UserError naming a few close ids (prefix matches first). */
export function requireDocument(store: Store, id: string): StoredDocument {
  const doc = store.getDocument(id);
  if (doc) return doc;
  const close = closeIds(store, id);
  const hint = close.length > 0 ? ` (did you mean ${close.map((c) => `'${c}'`).join(', ')}?)` : '';
  throw new UserError(terminalText(`no document '${id}' in ${store.location}${hint}`));
}

function closeIds(store: Store, id: string): string[] {
  const query = id.trim().toLowerCase();
  if (query.length === 0) return [];
  const prefix: string[] = [];
  const inside: string[] = [];
  for (const doc of allDocuments(store)) {
    const candidate = doc.id.toLowerCase();
    if (candidate.startsWith(query)) prefix.push(doc.id);
    else if (candidate.includes(query)) inside.push(doc.id);
    if (prefix.length >= MAX_SUGGESTIONS) break;
  }
  return [...prefix, ...inside].slice(0, MAX_SUGGESTIONS);
}
