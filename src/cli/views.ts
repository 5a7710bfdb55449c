import type { Command } from 'commander';
import picocolors from 'picocolors';
import type { Passage, PassageKind } from '../align/types.js';
import { percent } from '../align/verdict.js';
import { directedLinks, directLink, type DirectedLink } from '../provenance/index.js';
import type { DocumentInfo, LinkRecord, Store, StoredDocument } from '../store/index.js';
import { dbOption, openCliStore } from './db.js';
import { registerExport } from './export.js';
import { passageHeading, sideBySide } from './render.js';
import { directionJson, directionLine, evidenceLines, fit, linkJson, requireDocument, score2, terminalText, terminalWidth, useColor, type DirectionJson, type LinkJson } from './views-format.js';
import { parseCoverage, parseKind, parseLimit, parseWidth } from './views-options.js';

export type Direction = 'sources' | 'derived';

/** One linked document in `mimeo sources|derived --json`; "this" is DOC, "other" the linked document. */
export interface RelatedJson {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  kind: PassageKind;
  coverage: { this: number; other: number };
  score: number;
  duplicate: boolean;
  passages: Array<{ this: [number, number]; other: [number, number]; kind: PassageKind; score: number }>;
}

/** `RelatedJson` items also carry the link's direction (`source` null = undetermined). */
export type RelatedItemJson = RelatedJson & DirectionJson;

/** `{ "document": id, "sources": [...] }` or `{ "document": id, "derived": [...] }`. */
export type RelatedViewJson = { document: string } & Partial<Record<Direction, RelatedItemJson[]>>;

/** A link seen from DOC: the other document, which side of the link DOC is, and the link's direction. */
export interface Related {
  other: StoredDocument;
  link: LinkRecord;
  thisIsA: boolean;
  directed: DirectedLink;
}

/**
 * DOC's links whose original is the other document (`sources`) or DOC itself (`derived`).
 * Links whose direction is undetermined are listed in both views, marked as such.
 */
export function relatedLinks(store: Store, doc: DocumentInfo, direction: Direction): Related[] {
  const related: Related[] = [];
  for (const link of store.links({ doc: doc.id })) {
    const thisIsA = link.a === doc.id;
    const other = store.getDocument(thisIsA ? link.b : link.a);
    if (!other) continue;
    const directed = thisIsA ? directLink(link, doc, other) : directLink(link, other, doc);
    const otherIsSource = directed.source === other.id;
    if (directed.source === null || otherIsSource === (direction === 'sources')) related.push({ other, link, thisIsA, directed });
  }
  // Determined links first, then by score.
  return related.sort((x, y) => Number(x.directed.source === null) - Number(y.directed.source === null) || y.link.score - x.link.score);
}

/** A passage with its sides named from DOC's point of view. */
function orient(p: Passage, thisIsA: boolean): { this: [number, number]; other: [number, number] } {
  const [mine, theirs] = thisIsA ? [p.a, p.b] : [p.b, p.a];
  return { this: [mine[0], mine[1]], other: [theirs[0], theirs[1]] };
}

/** A link as seen from one of its two documents ("this"); `id` is the other document. */
export type LinkSeenFrom = Omit<RelatedJson, 'title' | 'outlet' | 'published'>;

export function linkSeenFrom(link: LinkRecord, thisId: string): LinkSeenFrom {
  const thisIsA = link.a === thisId;
  return {
    id: thisIsA ? link.b : link.a,
    kind: link.kind,
    coverage: thisIsA ? { this: link.coverageA, other: link.coverageB } : { this: link.coverageB, other: link.coverageA },
    score: link.score,
    duplicate: link.duplicate,
    passages: link.passages.map((p) => ({ ...orient(p, thisIsA), kind: p.kind, score: p.score })),
  };
}

export function relatedJson(doc: DocumentInfo, direction: Direction, related: Related[]): RelatedViewJson {
  const items = related.map(({ other, link, directed }): RelatedItemJson => {
    const { id, ...seen } = linkSeenFrom(link, doc.id);
    return {
      id,
      title: other.meta.title ?? null,
      outlet: other.meta.outlet ?? null,
      published: other.meta.published ?? null,
      ...seen,
      ...directionJson(directed),
    };
  });
  return { document: doc.id, [direction]: items };
}

export interface RenderViewOptions {
  width: number;
  color: boolean;
}

/** The terminal report of `mimeo sources|derived`: each linked document, then its passages side by side. */
export function renderRelated(doc: StoredDocument, direction: Direction, related: Related[], options: RenderViewOptions): string {
  const c = picocolors.createColors(options.color);
  const what = direction === 'sources' ? 'Sources of' : 'Derived from';
  const out = [c.bold(`${what} ${terminalText(doc.id)}`) + describeDoc(doc), ''];
  if (related.length === 0) {
    out.push(direction === 'sources' ? 'No sources found.' : 'No documents found that took from it.', '');
  }
  related.forEach((item, i) => out.push(...renderOne(doc, direction, item, `${i + 1}/${related.length}`, options)));
  return out.join('\n');
}

function renderOne(doc: StoredDocument, direction: Direction, item: Related, position: string, options: RenderViewOptions): string[] {
  const c = picocolors.createColors(options.color);
  const { other, link, thisIsA, directed } = item;
  const [coverThis, coverOther] = thisIsA ? [link.coverageA, link.coverageB] : [link.coverageB, link.coverageA];
  // The source goes on the left (A), as in `mimeo compare A B`.
  const [source, copy] = direction === 'sources' ? [other, doc] : [doc, other];
  const out = [
    c.bold(`${position} ${terminalText(other.id)}`) + describeDoc(other),
    `  ${link.duplicate ? 'exact duplicate' : link.kind} · score ${score2(link.score)} · ` +
      `coverage: ${percent(coverThis)} of ${terminalText(doc.id)}, ${percent(coverOther)} of ${terminalText(other.id)}`,
    `  ${directionLine(directed)}`,
    ...evidenceLines(directed).map((line) => c.dim(`    ${line}`)),
    c.dim(`  A = ${terminalText(source.id)}${directed.source === null ? '' : ' (original)'} · B = ${terminalText(copy.id)}`),
    '',
  ];
  link.passages.forEach((p, i) => {
    // Stored passages run from a to b; flip them so that A is always the source.
    const sourceIsA = (direction === 'sources') !== thisIsA;
    const shown = sourceIsA ? p : { ...p, a: p.b, b: p.a };
    out.push(c.bold(passageHeading(shown, i, link.passages.length)));
    out.push(sideBySide(source.text.slice(shown.a[0], shown.a[1]), copy.text.slice(shown.b[0], shown.b[1]), options), '');
  });
  return out;
}

/** ' · "Title" · Outlet · 2024-05-01' with whatever is known. */
function describeDoc(doc: DocumentInfo): string {
  const parts = [doc.meta.title ? `"${terminalText(doc.meta.title)}"` : '', doc.meta.outlet ?? '', doc.meta.published ?? 'no date'];
  return parts
    .filter((p) => p.length > 0)
    .map((p) => ` · ${terminalText(p)}`)
    .join('');
}

export interface RelatedOptions {
  db?: string;
  json?: boolean;
  width?: number;
}

/** Runs `mimeo sources|derived DOC` and returns what it prints. */
export function runRelated(id: string, direction: Direction, options: RelatedOptions = {}): string {
  const store = openCliStore(options.db, { readonly: true });
  try {
    const doc = requireDocument(store, id);
    const related = relatedLinks(store, doc, direction);
    if (options.json) return JSON.stringify(relatedJson(doc, direction, related), null, 2) + '\n';
    return renderRelated(doc, direction, related, { width: options.width ?? terminalWidth(), color: useColor() }) + '\n';
  } finally {
    store.close();
  }
}

export interface LinksOptions {
  db?: string;
  json?: boolean;
  kind?: PassageKind;
  minCoverage?: number;
  doc?: string;
  limit?: number;
}

/** Runs `mimeo links` and returns what it prints. */
export function runLinks(options: LinksOptions = {}): string {
  const store = openCliStore(options.db, { readonly: true });
  try {
    if (options.doc !== undefined) requireDocument(store, options.doc);
    const links = directedLinks(store, { doc: options.doc, kind: options.kind, minCoverage: options.minCoverage, limit: options.limit });
    if (options.json) return JSON.stringify({ links: links.map(linkJson) } satisfies { links: LinkJson[] }, null, 2) + '\n';
    return renderLinksTable(links, useColor());
  } finally {
    store.close();
  }
}

/** Widest id column before ids are cut with "…". */
const ID_COLUMN = 36;
const HEADERS = ['a', 'b', 'kind', 'cov a', 'cov b', 'score', 'passages', 'original'];
/** Number columns are right-aligned. */
const RIGHT = new Set([3, 4, 5, 6]);

export function renderLinksTable(directed: DirectedLink[], color: boolean): string {
  const c = picocolors.createColors(color);
  if (directed.length === 0) return 'No links found.\n';
  const links = directed.map((d) => d.link);
  const rows = directed.map(({ link: l, direction }) => [
    fit(terminalText(l.a), ID_COLUMN),
    fit(terminalText(l.b), ID_COLUMN),
    l.duplicate ? 'duplicate' : l.kind,
    percent(l.coverageA),
    percent(l.coverageB),
    score2(l.score),
    String(l.passages.length),
    direction.source === null ? '?' : `${direction.source} ${score2(direction.confidence)}`,
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => Array.from(r[i]).length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => pad(cell, widths[i], RIGHT.has(i))).join('  ').trimEnd();
  const out = [c.bold(line(HEADERS)), ...rows.map(line)];
  out.push(c.dim(`${links.length} ${links.length === 1 ? 'link' : 'links'} · original: the side judged the original, with its confidence; ? = undetermined`));
  return out.join('\n') + '\n';
}

function pad(cell: string, width: number, right: boolean): string {
  const room = ' '.repeat(Math.max(0, width - Array.from(cell).length));
  return right ? room + cell : cell + room;
}

/** Adds `sources`, `derived`, `links` and `export`. */
export function registerViews(program: Command): void {
  for (const direction of ['sources', 'derived'] as const) {
    program
      .command(direction)
      .description(
        direction === 'sources'
          ? 'what document DOC took from others, with the direction evidence and passages side by side'
          : 'which documents took from DOC, with the direction evidence and passages side by side',
      )
      .argument('<doc>', 'document id')
      .addOption(dbOption())
      .option('--json', 'print machine-readable JSON')
      .option('--width <columns>', 'report width in columns (default: terminal width or 100)', parseWidth)
      .action((doc: string, options: RelatedOptions) => {
        process.stdout.write(runRelated(doc, direction, options));
      });
  }
  program
    .command('links')
    .description('list stored reuse links, best first')
    .addOption(dbOption())
    .option('--kind <kind>', 'only links of this kind: verbatim, edited or paraphrase', parseKind)
    .option('--min-coverage <x>', 'only links covering at least this share (0..1) of either document', parseCoverage)
    .option('--doc <id>', 'only links touching this document')
    .option('--limit <n>', 'at most this many links', parseLimit)
    .option('--json', 'print machine-readable JSON')
    .action((options: LinksOptions) => {
      process.stdout.write(runLinks(options));
    });
  registerExport(program);
}
