// Link routes: the link list, and compare-any-two (stored documents or pasted texts).
import type { Context, Hono } from 'hono';
import { align } from '../align/index.js';
import type { Passage } from '../align/types.js';
import { verdict } from '../align/verdict.js';
import { linkJson } from '../cli/views-format.js';
import { parseKind } from '../cli/views-options.js';
import { toLink } from '../corpus/tasks.js';
import { directedLinks, linkDirection, textDirection } from '../provenance/index.js';
import type { DocumentInfo, LinkRecord, StoredDocument } from '../store/types.js';
import { wordDiff } from '../text/word-diff.js';
import type { CompareJson, ComparePassageJson, CompareSideJson, DiffSpanJson, LinksJson } from './api-types.js';
import type { ServerContext } from './context.js';
import { apiError, intParam } from './errors.js';

const MAX_LINKS = 1000;
/** Pasted texts are aligned on the request: bounded so one request cannot hold the server. */
const MAX_COMPARE_CHARS = 300_000;

/** Offsets of each side's diff chunks inside a passage (wordDiff with `exact` rebuilds each side from its own text). */
function diffSpans(aText: string, bText: string, p: { a: [number, number]; b: [number, number] }): ComparePassageJson['diff'] {
  const d = wordDiff(aText.slice(p.a[0], p.a[1]), bText.slice(p.b[0], p.b[1]), { exact: true });
  const spans = (chunks: typeof d.a, start: number): DiffSpanJson[] => {
    const out: DiffSpanJson[] = [];
    let at = start;
    for (const chunk of chunks) {
      out.push({ start: at, end: at + chunk.text.length, style: chunk.style });
      at += chunk.text.length;
    }
    return out;
  };
  return { a: spans(d.a, p.a[0]), b: spans(d.b, p.b[0]), marked: d.marked };
}

function side(doc: StoredDocument | null, text: string): CompareSideJson {
  return { id: doc?.id ?? null, title: doc?.meta.title ?? null, outlet: doc?.meta.outlet ?? null, published: doc?.meta.published ?? null, text };
}

/** Stand-in metadata for a pasted text: no dates, no outlet. */
function pasted(id: 'a' | 'b', text: string): DocumentInfo {
  return { seq: id === 'a' ? -2 : -1, id, meta: {}, origin: id, format: 'txt', hash: '', chars: text.length, duplicateOf: null, indexed: false, aligned: false, added: '' };
}

export function compareTexts(ctx: ServerContext, a: StoredDocument | null, aText: string, b: StoredDocument | null, bText: string): CompareJson {
  let passages: Passage[];
  let coverage: { a: number; b: number };
  let link: LinkRecord | null = null;
  let infoA: DocumentInfo = a ?? pasted('a', aText);
  let infoB: DocumentInfo = b ?? pasted('b', bText);
  let stored = false;
  const existing = a && b ? ctx.store.links({ doc: a.id }).find((l) => (l.a === a.id && l.b === b.id) || (l.a === b.id && l.b === a.id)) : undefined;
  if (existing) {
    stored = true;
    link = existing;
    const flipped = existing.a !== a!.id;
    passages = flipped ? existing.passages.map((p) => ({ ...p, a: p.b, b: p.a })) : existing.passages;
    coverage = flipped ? { a: existing.coverageB, b: existing.coverageA } : { a: existing.coverageA, b: existing.coverageB };
    if (flipped) [infoA, infoB] = [infoB, infoA];
  } else {
    const result = align(aText, bText);
    passages = result.passages;
    coverage = result.coverage;
    link = toLink(infoA.id, infoB.id, result);
    if (link) link.textDirection = textDirection(aText, bText, passages, {}, { a: infoA.meta.outlet, b: infoB.meta.outlet });
  }
  // linkDirection names sides as the link stores them; map them back to the request's a and b.
  const call = link ? linkDirection(link, infoA, infoB) : null;
  const requestSide = (s: 'a' | 'b' | null): 'a' | 'b' | null => (s === null ? null : stored && existing!.a !== a!.id ? (s === 'a' ? 'b' : 'a') : s);
  return {
    a: side(a, aText),
    b: side(b, bText),
    passages: passages.map((p) => ({ a: [p.a[0], p.a[1]], b: [p.b[0], p.b[1]], kind: p.kind, score: p.score, diff: diffSpans(aText, bText, p) })),
    coverage,
    verdict: verdict({ passages, coverage }),
    stored,
    source: requestSide(call?.source ?? null),
    directionConfidence: call?.confidence ?? 0.5,
    direction: {
      basis: call?.basis ?? 'none',
      evidence: (call?.evidence ?? []).map((e) => ({ kind: e.kind, favours: requestSide(e.favours), weight: e.weight, detail: e.detail })),
    },
  };
}

interface CompareSideInput {
  id?: unknown;
  text?: unknown;
}

function resolveSide(ctx: ServerContext, input: CompareSideInput | undefined, name: string): { doc: StoredDocument | null; text: string } {
  if (input && typeof input.id === 'string') {
    const doc = ctx.store.getDocument(input.id);
    if (!doc) throw apiError(404, `${name}: no document "${input.id.slice(0, 200)}"`);
    return { doc, text: doc.text };
  }
  if (input && typeof input.text === 'string') {
    if (input.text.trim() === '') throw apiError(422, `${name}: the text is empty`);
    if (input.text.length > MAX_COMPARE_CHARS) throw apiError(413, `${name}: text longer than ${MAX_COMPARE_CHARS} characters`);
    return { doc: null, text: input.text };
  }
  throw apiError(400, `${name}: give { "id": "..." } or { "text": "..." }`);
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  if (!(c.req.header('content-type') ?? '').includes('application/json')) throw apiError(415, 'send JSON (content-type: application/json)');
  try {
    const body: unknown = await c.req.json();
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
    return body as Record<string, unknown>;
  } catch {
    throw apiError(400, 'the body is not a JSON object');
  }
}

export function registerLinks(app: Hono, ctx: ServerContext): void {
  app.get('/api/links', (c) => {
    let kind;
    try {
      kind = c.req.query('kind') ? parseKind(c.req.query('kind')!) : undefined;
    } catch (error) {
      throw apiError(400, (error as Error).message.replace(/^--/, ''));
    }
    const minCoverageText = c.req.query('minCoverage');
    const minCoverage = minCoverageText ? Number(minCoverageText) : undefined;
    if (minCoverage !== undefined && !(minCoverage >= 0 && minCoverage <= 1)) throw apiError(400, `minCoverage: expected a number from 0 to 1, got "${minCoverageText!.slice(0, 40)}"`);
    const doc = c.req.query('doc') || undefined;
    if (doc !== undefined && !ctx.store.getDocument(doc)) throw apiError(404, `no document "${doc.slice(0, 200)}"`);
    const limit = intParam(c.req.query('limit'), 'limit', 100, 1, MAX_LINKS);
    const offset = intParam(c.req.query('offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const withPassages = c.req.query('passages') === '1';
    // Only the page is read (strongest first, as the store lists them); passages only when asked for.
    const filter = { kind, minCoverage, doc };
    const links = directedLinks(ctx.store, { ...filter, limit, offset, passages: withPassages }).map(linkJson);
    return c.json({ total: ctx.store.countLinks(filter), links } satisfies LinksJson);
  });

  app.get('/api/compare', (c) => {
    const a = c.req.query('a');
    const b = c.req.query('b');
    if (!a || !b) throw apiError(400, 'give two document ids: ?a=ID&b=ID');
    const sa = resolveSide(ctx, { id: a }, 'a');
    const sb = resolveSide(ctx, { id: b }, 'b');
    return c.json(compareTexts(ctx, sa.doc, sa.text, sb.doc, sb.text));
  });

  app.post('/api/compare', async (c) => {
    const body = await jsonBody(c);
    const sa = resolveSide(ctx, body.a as CompareSideInput | undefined, 'a');
    const sb = resolveSide(ctx, body.b as CompareSideInput | undefined, 'b');
    return c.json(compareTexts(ctx, sa.doc, sa.text, sb.doc, sb.text));
  });
}

export { jsonBody };
