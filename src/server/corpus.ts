// Corpus-wide routes: health, summary, stories, the provenance graph, quotes, and adding an article.
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { linkJson } from '../cli/views-format.js';
import { filterUtterances } from '../cli/quotes-corpus.js';
import { extractHtml } from '../ingest/html.js';
import type { DocumentMeta, IngestFormat } from '../ingest/types.js';
import { directedLinks, type DirectedLink } from '../provenance/index.js';
import { documentMetaJson } from '../store/document-json.js';
import { SCHEMA_VERSION } from '../store/migrations.js';
import type { AddedJson, GraphEdgeJson, GraphJson, GraphNodeJson, HealthJson, QuotesJson, StoriesJson, StoryPageJson, SummaryJson } from './api-types.js';
import type { ServerContext } from './context.js';
import { relatedWithRoles } from './documents.js';
import { apiError, intParam } from './errors.js';
import { jsonBody } from './links.js';

const MAX_GRAPH_NODES = 5000;
const MAX_ARTICLE_CHARS = 2_000_000;
const META_FIELDS = ['title', 'url', 'outlet', 'published', 'author', 'language'] as const;
const MAX_FIELD = 2000;

/** Nodes and edges of the given links, strongest first, at most `limit` nodes. */
function graphOf(ctx: ServerContext, links: DirectedLink[], limit: number, extra: string[] = []): GraphJson {
  const derived = ctx.derived.data;
  const nodes = new Map<string, GraphNodeJson>();
  const node = (id: string): boolean => {
    if (nodes.has(id)) return true;
    if (nodes.size >= limit) return false;
    const doc = ctx.store.getDocument(id);
    if (!doc) return false;
    nodes.set(id, {
      id,
      title: doc.meta.title ?? null,
      outlet: doc.meta.outlet ?? null,
      published: doc.meta.published ?? null,
      story: derived?.storyOf.get(id)?.id ?? null,
      cluster: derived?.clusterOf.get(id) ?? null,
    });
    return true;
  };
  for (const id of extra) node(id);
  const edges: GraphEdgeJson[] = [];
  let truncated = false;
  for (const d of [...links].sort((x, y) => y.link.score - x.link.score)) {
    if (!node(d.a.id) || !node(d.b.id)) {
      truncated = true;
      continue;
    }
    const { link } = d;
    edges.push({ a: link.a, b: link.b, source: d.source, kind: link.kind, coverageA: link.coverageA, coverageB: link.coverageB, directionConfidence: d.direction.confidence });
  }
  return { nodes: [...nodes.values()], edges, truncated };
}

/** The documents within `depth` links of `id`, and the links among them. */
function neighbourhood(ctx: ServerContext, id: string, depth: number, limit: number): DirectedLink[] {
  const seen = new Set([id]);
  let frontier = [id];
  const links = new Map<string, DirectedLink>();
  for (let step = 0; step < depth && frontier.length > 0 && seen.size < limit; step++) {
    const next: string[] = [];
    for (const doc of frontier) {
      for (const d of directedLinks(ctx.store, { doc })) {
        links.set(`${d.link.a}\u0000${d.link.b}`, d);
        for (const other of [d.a.id, d.b.id]) if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return [...links.values()];
}

function derivedStatus(ctx: ServerContext): 'ready' | 'computing' {
  return ctx.derived.data ? 'ready' : 'computing';
}

function field(body: Record<string, unknown>, name: string): string | null {
  const value = body[name];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw apiError(400, `${name}: expected a string`);
  if (value.length > MAX_FIELD) throw apiError(413, `${name}: longer than ${MAX_FIELD} characters`);
  return value.trim() || null;
}

/** The article of a POST: JSON { text | html, id?, title?, ... } or a multipart upload with a `file`. */
async function articleOf(c: Context): Promise<{ id: string | null; text: string; meta: DocumentMeta; format: IngestFormat }> {
  const type = c.req.header('content-type') ?? '';
  let body: Record<string, unknown>;
  let html: string | null = null;
  let text: string | null = null;
  let format: IngestFormat = 'txt';
  if (type.includes('multipart/form-data')) {
    const form = await c.req.parseBody().catch(() => {
      throw apiError(400, 'unreadable form upload');
    });
    body = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string'));
    const file = form.file;
    if (!(file instanceof File)) throw apiError(400, 'file: no file in the upload');
    const content = new TextDecoder('utf-8').decode(await file.arrayBuffer());
    if (/\.html?$/i.test(file.name) || /^\s*</.test(content)) html = content;
    else text = content;
    format = /\.md$/i.test(file.name) ? 'md' : 'txt';
    if (!body.id && file.name) body.id = file.name;
  } else {
    body = await jsonBody(c);
    html = field(body, 'html') === null ? null : (body.html as string);
    text = typeof body.text === 'string' ? body.text : null;
  }
  const meta: DocumentMeta = {};
  for (const name of META_FIELDS) {
    const value = field(body, name);
    if (value !== null) meta[name] = value;
  }
  if (html !== null) {
    if (html.length > MAX_ARTICLE_CHARS) throw apiError(413, `html: longer than ${MAX_ARTICLE_CHARS} characters`);
    // Only the extracted text is kept: the page's markup (and any script in it) is never stored.
    const extracted = extractHtml(html, meta.url ?? undefined);
    text = extracted.text;
    format = 'html';
    for (const name of META_FIELDS) if (meta[name] == null && extracted.meta[name]) meta[name] = extracted.meta[name];
  }
  if (text === null) throw apiError(400, 'give the article as "text" or "html"');
  if (text.length > MAX_ARTICLE_CHARS) throw apiError(413, `text: longer than ${MAX_ARTICLE_CHARS} characters`);
  if (text.trim() === '') throw apiError(422, 'the article has no text');
  return { id: field(body, 'id'), text, meta, format };
}

export function registerCorpus(app: Hono, ctx: ServerContext): void {
  app.get('/api/health', (c) => {
    const counts = ctx.store.counts();
    return c.json({ ok: true, documents: counts.documents, links: counts.links, schema: SCHEMA_VERSION } satisfies HealthJson);
  });

  app.get('/api/summary', (c) => {
    const counts = ctx.store.counts();
    const derived = ctx.derived.data;
    const body: SummaryJson = {
      documents: counts.documents,
      duplicates: counts.duplicates,
      links: { total: counts.links, ...counts.linksByKind },
      outlets: ctx.store.outlets(),
      dates: derived?.dates ?? { from: null, to: null },
      mostCopied: derived?.mostCopied ?? [],
      derived: derivedStatus(ctx),
    };
    return c.json(body);
  });

  app.get('/api/stories', (c) => {
    const minSize = intParam(c.req.query('minSize'), 'minSize', 2, 1, 1_000_000);
    const stories = (ctx.derived.data?.stories ?? []).filter((s) => s.members.length >= minSize);
    return c.json({ status: derivedStatus(ctx), stories } satisfies StoriesJson);
  });

  app.get('/api/stories/:id', (c) => {
    const id = intParam(c.req.param('id'), 'id', 0, 0, Number.MAX_SAFE_INTEGER);
    const derived = ctx.derived.data;
    if (!derived) throw apiError(503, 'stories are still being computed; try again shortly');
    const story = derived.stories.find((s) => s.id === id);
    if (!story) throw apiError(404, `no story ${id}`);
    const members = new Set(story.members.map((m) => m.id));
    const reuse = new Map<string, ReturnType<typeof linkJson>>();
    for (const m of members) for (const d of directedLinks(ctx.store, { doc: m })) {
      if (members.has(d.a.id) && members.has(d.b.id)) reuse.set(`${d.link.a}\u0000${d.link.b}`, { ...linkJson(d), passages: [] });
    }
    return c.json({ ...story, reuse: [...reuse.values()] } satisfies StoryPageJson);
  });

  app.get('/api/graph', (c) => {
    const limit = intParam(c.req.query('limit'), 'limit', 2000, 1, MAX_GRAPH_NODES);
    const storyParam = c.req.query('story');
    const docParam = c.req.query('doc');
    if (storyParam !== undefined) {
      const id = intParam(storyParam, 'story', 0, 0, Number.MAX_SAFE_INTEGER);
      const derived = ctx.derived.data;
      if (!derived) throw apiError(503, 'stories are still being computed; try again shortly');
      const story = derived.stories.find((s) => s.id === id);
      if (!story) throw apiError(404, `no story ${id}`);
      const members = new Set(story.members.map((m) => m.id));
      const links = new Map<string, DirectedLink>();
      for (const m of members) for (const d of directedLinks(ctx.store, { doc: m })) {
        if (members.has(d.a.id) && members.has(d.b.id)) links.set(`${d.link.a}\u0000${d.link.b}`, d);
      }
      return c.json(graphOf(ctx, [...links.values()], limit, [...members]));
    }
    if (docParam !== undefined) {
      if (!ctx.store.getDocument(docParam)) throw apiError(404, `no document "${docParam.slice(0, 200)}"`);
      const depth = intParam(c.req.query('depth'), 'depth', 2, 1, 3);
      return c.json(graphOf(ctx, neighbourhood(ctx, docParam, depth, limit), limit, [docParam]));
    }
    return c.json(graphOf(ctx, directedLinks(ctx.store), limit));
  });

  app.get('/api/quotes', (c) => {
    const derived = ctx.derived.data;
    const speaker = c.req.query('speaker') || undefined;
    const drift = c.req.query('drift') === '1';
    const doc = c.req.query('doc') || undefined;
    const limit = intParam(c.req.query('limit'), 'limit', 200, 1, 5000);
    let list = filterUtterances(derived?.utterances ?? [], { speaker, drift });
    if (doc !== undefined) list = list.filter((u) => u.variants.some((v) => v.doc === doc));
    const counts = ctx.store.counts();
    return c.json({ utterances: list.slice(0, limit), pending: counts.documents - counts.duplicates - counts.indexed, status: derivedStatus(ctx) } satisfies QuotesJson);
  });

  app.post('/api/documents', async (c) => {
    const article = await articleOf(c);
    const id = article.id ?? `added/${createHash('sha256').update(article.text).digest('hex').slice(0, 12)}`;
    const started = performance.now();
    const result = await ctx.serialize(() => ctx.corpus().add({ id, text: article.text, meta: article.meta, origin: `api:${id}`, format: article.format }));
    const ms = performance.now() - started;
    if (result.outcome !== 'unchanged') void ctx.derived.refresh();
    const doc = ctx.store.getDocument(id)!;
    const body: AddedJson = { id, outcome: result.outcome, document: documentMetaJson(doc), related: relatedWithRoles(ctx.store, doc), candidates: result.candidates, ms: Math.round(ms * 10) / 10 };
    return c.json(body, 201);
  });
}
