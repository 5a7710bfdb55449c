// Corpus-wide routes: health, summary, stories, the provenance graph, quotes.
import type { Hono } from 'hono';
import { linkJson } from '../cli/views-format.js';
import { filterUtterances } from '../cli/quotes-corpus.js';
import type { StoryJson } from '../cli/stories.js';
import { directedLinks, type DirectedLink } from '../provenance/index.js';
import { SCHEMA_VERSION } from '../store/migrations.js';
import type { GraphEdgeJson, GraphJson, GraphNodeJson, HealthJson, QuotesJson, StoriesJson, StoryPageJson, SummaryJson } from './api-types.js';
import type { ServerContext } from './context.js';
import { apiError, intParam } from './errors.js';

const MAX_GRAPH_NODES = 5000;

/** Nodes and edges of the given links, strongest first, at most `limit` nodes. */
function graphOf(ctx: ServerContext, links: DirectedLink[], limit: number, extra: string[] = []): GraphJson {
  const derived = ctx.derived.data;
  const nodes = new Map<string, GraphNodeJson>();
  const node = (id: string): boolean => {
    if (nodes.has(id)) return true;
    if (nodes.size >= limit) return false;
    const doc = ctx.store.getDocumentInfo(id);
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

/** The strongest links, read a page at a time until they touch `limit` documents. */
function strongestLinks(ctx: ServerContext, limit: number): DirectedLink[] {
  const page = 1000;
  const links: DirectedLink[] = [];
  const touched = new Set<string>();
  for (let offset = 0; touched.size < limit; offset += page) {
    const batch = directedLinks(ctx.store, { limit: page, offset, passages: false });
    for (const d of batch) {
      links.push(d);
      touched.add(d.a.id).add(d.b.id);
    }
    if (batch.length < page) break;
  }
  return links;
}

/** The documents within `depth` links of `id`, and the links among them. */
function neighbourhood(ctx: ServerContext, id: string, depth: number, limit: number): DirectedLink[] {
  const seen = new Set([id]);
  let frontier = [id];
  const links = new Map<string, DirectedLink>();
  for (let step = 0; step < depth && frontier.length > 0 && seen.size < limit; step++) {
    const next: string[] = [];
    for (const doc of frontier) {
      for (const d of directedLinks(ctx.store, { doc, passages: false })) {
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

/** A story by its id (a query or path parameter) and the links among its members, without passages. */
function storyOf(ctx: ServerContext, param: string, name: string): { story: StoryJson; links: DirectedLink[] } {
  const id = intParam(param, name, 0, 0, Number.MAX_SAFE_INTEGER);
  const derived = ctx.derived.data;
  if (!derived) throw apiError(503, 'stories are still being computed; try again shortly');
  const story = derived.stories.find((s) => s.id === id);
  if (!story) throw apiError(404, `no story ${id}`);
  const members = new Set(story.members.map((m) => m.id));
  const links = new Map<string, DirectedLink>();
  for (const m of members) {
    for (const d of directedLinks(ctx.store, { doc: m, passages: false })) {
      if (members.has(d.a.id) && members.has(d.b.id)) links.set(`${d.link.a}\u0000${d.link.b}`, d);
    }
  }
  return { story, links: [...links.values()] };
}

function derivedStatus(ctx: ServerContext): 'ready' | 'computing' {
  return ctx.derived.data ? 'ready' : 'computing';
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
      dates: ctx.store.publishedRange(),
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
    const { story, links } = storyOf(ctx, c.req.param('id'), 'id');
    return c.json({ ...story, reuse: links.map((d) => linkJson(d)) } satisfies StoryPageJson);
  });

  app.get('/api/graph', (c) => {
    const limit = intParam(c.req.query('limit'), 'limit', 2000, 1, MAX_GRAPH_NODES);
    const storyParam = c.req.query('story');
    const docParam = c.req.query('doc');
    if (storyParam !== undefined) {
      const { story, links } = storyOf(ctx, storyParam, 'story');
      return c.json(graphOf(ctx, links, limit, story.members.map((m) => m.id)));
    }
    if (docParam !== undefined) {
      if (!ctx.store.getDocumentInfo(docParam)) throw apiError(404, `no document "${docParam.slice(0, 200)}"`);
      const depth = intParam(c.req.query('depth'), 'depth', 2, 1, 3);
      return c.json(graphOf(ctx, neighbourhood(ctx, docParam, depth, limit), limit, [docParam]));
    }
    return c.json(graphOf(ctx, strongestLinks(ctx, limit), limit));
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
}
