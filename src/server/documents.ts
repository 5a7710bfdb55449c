// Document routes: the list (search, filters), one document with its links and quotes, sources/derived.
import type { Hono } from 'hono';
import { relatedJson, relatedLinks, linkSeenFrom, type Direction } from '../cli/views.js';
import { directionJson } from '../cli/views-format.js';
import { directLink } from '../provenance/index.js';
import { documentMetaJson } from '../store/document-json.js';
import { searchWords } from '../store/index.js';
import { cachedStemmer } from '../text/stemmer.js';
import { normalizeWord, scanWords } from '../text/tokens.js';
import type { DocumentInfo, Store } from '../store/types.js';
import type { DocumentListItem, DocumentListJson, DocumentPageJson, RelatedWithRole } from './api-types.js';
import type { ServerContext } from './context.js';
import { apiError, intParam } from './errors.js';

const MAX_PAGE = 500;
const SNIPPET_CHARS = 160;
const DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** Every link of a document, seen from it, with what the other document is to it. */
export function relatedWithRoles(store: Store, doc: DocumentInfo, passages = true): RelatedWithRole[] {
  const out: RelatedWithRole[] = [];
  for (const link of store.links({ doc: doc.id, passages })) {
    const thisIsA = link.a === doc.id;
    // Metadata only: the direction call needs dates, not texts.
    const other = store.getDocumentInfo(thisIsA ? link.b : link.a);
    if (!other) continue;
    const directed = thisIsA ? directLink(link, doc, other) : directLink(link, other, doc);
    const { id, ...seen } = linkSeenFrom(link, doc.id);
    const role = directed.source === null ? 'undetermined' : directed.source === other.id ? 'source' : 'derived';
    out.push({ id, title: other.meta.title ?? null, outlet: other.meta.outlet ?? null, published: other.meta.published ?? null, ...seen, ...directionJson(directed), role });
  }
  return out.sort((x, y) => Number(x.role === 'undetermined') - Number(y.role === 'undetermined') || y.score - x.score);
}

const stem = cachedStemmer('english');

/** Plain text around the first word that the search matched (same stem, or the prefix of `word*`). */
function snippet(text: string, words: string[]): string | null {
  const wanted = words.map((w) => (w.endsWith('*') ? { prefix: true, form: normalizeWord(w.slice(0, -1)) } : { prefix: false, form: stem(normalizeWord(w)) }));
  let at = -1;
  scanWords(text, (start, surface) => {
    if (at >= 0) return;
    const word = normalizeWord(surface);
    if (wanted.some((x) => (x.prefix ? word.startsWith(x.form) : stem(word) === x.form))) at = start;
  });
  if (at < 0) return null;
  const start = Math.max(0, at - SNIPPET_CHARS / 2);
  const end = Math.min(text.length, start + SNIPPET_CHARS);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}

function requireDoc(store: Store, id: string) {
  const doc = store.getDocument(id);
  if (!doc) throw apiError(404, `no document "${id.slice(0, 200)}"`);
  return doc;
}

export function registerDocuments(app: Hono, ctx: ServerContext): void {
  app.get('/api/documents', (c) => {
    const q = c.req.query('q')?.trim() || undefined;
    const outlet = c.req.query('outlet') || undefined;
    const from = c.req.query('from') || undefined;
    const to = c.req.query('to') || undefined;
    for (const [name, value] of [['from', from], ['to', to]] as const) {
      if (value !== undefined && !DATE.test(value)) throw apiError(400, `${name}: expected a date like 2024-05-03, got "${value.slice(0, 40)}"`);
    }
    const limit = intParam(c.req.query('limit'), 'limit', 50, 1, MAX_PAGE);
    const offset = intParam(c.req.query('offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const page = ctx.store.searchDocuments({ text: q, outlet, from, to, limit, offset });
    const words = q ? searchWords(q) : [];
    const documents = page.documents.map((doc): DocumentListItem => {
      const related = relatedWithRoles(ctx.store, doc, false);
      const text = words.length > 0 ? (ctx.store.getDocument(doc.id)?.text ?? '') : '';
      return {
        ...documentMetaJson(doc),
        links: related.length,
        sources: related.filter((r) => r.role === 'source').length,
        derived: related.filter((r) => r.role === 'derived').length,
        snippet: words.length > 0 ? snippet(text, words) : null,
      };
    });
    return c.json({ total: page.total, offset, limit, documents } satisfies DocumentListJson);
  });

  app.get('/api/documents/:id/:view{sources|derived}', (c) => {
    const doc = requireDoc(ctx.store, c.req.param('id'));
    const view = c.req.param('view') as Direction;
    return c.json(relatedJson(doc, view, relatedLinks(ctx.store, doc, view)));
  });

  app.get('/api/documents/:id', (c) => {
    const doc = requireDoc(ctx.store, c.req.param('id'));
    const derived = ctx.derived.data;
    const story = derived?.storyOf.get(doc.id);
    // An exact duplicate has no quotes of its own: its original's are its own text's.
    const quoteDoc = doc.duplicateOf ?? doc.id;
    const quotes = ctx.store.quotes({ doc: quoteDoc }).map((q) => ({
      start: q.start,
      end: q.end,
      text: q.text,
      speaker: q.speaker ? { name: q.speaker.name, start: q.speaker.start, end: q.speaker.end } : null,
      cue: q.cue ? { start: q.cue.start, end: q.cue.end } : null,
      utterance: derived?.utteranceOf.get(`${quoteDoc}#${q.ord}`) ?? null,
    }));
    const body: DocumentPageJson = {
      document: { ...documentMetaJson(doc), text: doc.text, origin: doc.origin, format: doc.format, added: doc.added },
      related: relatedWithRoles(ctx.store, doc),
      quotes,
      story: story ? { id: story.id, title: story.title } : null,
      cluster: derived?.clusterOf.get(doc.id) ?? null,
    };
    return c.json(body);
  });
}
