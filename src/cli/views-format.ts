import type { PassageKind } from '../align/types.js';
import type { DirectedLink, DirectionCall, EvidenceKind, Side } from '../provenance/index.js';
import type { DocumentInfo, LinkRecord, Store, StoredDocument } from '../store/index.js';
import { UserError } from './errors.js';

/** One passage of a link in JSON: offsets into the stored texts of a and b. */
export interface PassageJson {
  a: [number, number];
  b: [number, number];
  kind: PassageKind;
  score: number;
}

/** One piece of direction evidence in JSON: `favours` is a document id. */
export interface EvidenceJson {
  kind: EvidenceKind;
  favours: string | null;
  weight: number;
  detail: string;
}

/** The direction fields every link carries in JSON. */
export interface DirectionJson {
  /** Id of the original, or null when undetermined. */
  source: string | null;
  /** Probability that `source` is right (0.5 when undetermined). */
  directionConfidence: number;
  direction: { basis: DirectionCall['basis']; evidence: EvidenceJson[] };
}

export function directionJson(d: DirectedLink): DirectionJson {
  const id = (side: Side | null): string | null => (side === null ? null : side === 'a' ? d.a.id : d.b.id);
  return {
    source: d.source,
    directionConfidence: d.direction.confidence,
    direction: {
      basis: d.direction.basis,
      evidence: d.direction.evidence.map((e) => ({ kind: e.kind, favours: id(e.favours), weight: e.weight, detail: e.detail })),
    },
  };
}

/** One link as printed by `mimeo links --json` (and, with titles, by `mimeo export`). */
export type LinkJson = Omit<LinkRecord, 'passages' | 'textDirection'> & DirectionJson & { passages: PassageJson[] };

export function linkJson(d: DirectedLink): LinkJson {
  const { link } = d;
  return {
    a: link.a,
    b: link.b,
    kind: link.kind,
    coverageA: link.coverageA,
    coverageB: link.coverageB,
    score: link.score,
    duplicate: link.duplicate,
    ...directionJson(d),
    passages: link.passages.map((p) => ({ a: [p.a[0], p.a[1]], b: [p.b[0], p.b[1]], kind: p.kind, score: p.score })),
  };
}

/** "source: wire-original.txt (0.97)" or "direction undetermined", for terminal views. */
export function directionLine(d: DirectedLink): string {
  if (d.source === null) return 'direction undetermined';
  return `original: ${terminalText(d.source)} (confidence ${d.direction.confidence.toFixed(2)}, from ${d.direction.basis === 'dates+text' ? 'dates and text' : d.direction.basis})`;
}

/** The evidence behind a direction call, one line each, for terminal views. */
export function evidenceLines(d: DirectedLink): string[] {
  return d.direction.evidence.map((e) => {
    const who = e.favours === null ? '' : `${terminalText(e.favours === 'a' ? d.a.id : d.b.id)}: `;
    const weight = e.favours === null ? '' : ` (+${e.weight.toFixed(2)})`;
    return `${who}${terminalText(e.detail)}${weight}`;
  });
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
