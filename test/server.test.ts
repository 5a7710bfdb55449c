import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from '../src/corpus/scan.js';
import { createApp, serverContext, startServer } from '../src/server/index.js';
import type { AddedJson, CompareJson, DocumentListJson, DocumentPageJson, GraphJson, HealthJson, LinksJson, QuotesJson, StoriesJson, SummaryJson } from '../src/server/index.js';
import { openStore } from '../src/store/index.js';
import { PROJECT_ROOT, runMimeo } from './cli-run.js';

// The API over a store scanned from the example corpus (examples/README.md says what each file is).
const tmp = mkdtempSync(join(tmpdir(), 'mimeo-server-'));
const DB = join(tmp, 'examples.db');
{
  const store = openStore(DB);
  await scan(store, [join(PROJECT_ROOT, 'examples')], { workers: 1 });
  store.close();
}
const store = openStore(DB);
const ctx = serverContext(store);
await ctx.derived.settled();
const app = createApp(ctx, { maxBodyBytes: 200_000, webRoot: join(tmp, 'no-web') });
after(async () => {
  await ctx.derived.settled();
  store.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function get<T>(path: string, status = 200): Promise<T> {
  const res = await app.request(path);
  const body = await res.text();
  assert.equal(res.status, status, `${path}: ${body.slice(0, 300)}`);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  return JSON.parse(body) as T;
}

async function post<T>(path: string, body: unknown, status = 200, headers: Record<string, string> = {}): Promise<T> {
  const res = await app.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.text();
  assert.equal(res.status, status, `${path}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

const enc = encodeURIComponent;

test('health, summary and the security headers on every response', async () => {
  const health = await get<HealthJson>('/api/health');
  assert.deepEqual([health.ok, health.documents, health.links], [true, 6, 6]);
  const summary = await get<SummaryJson>('/api/summary');
  assert.equal(summary.links.total, 6);
  assert.equal(summary.derived, 'ready');
  assert.deepEqual(summary.mostCopied[0], { id: 'wire-original.txt', copies: 3, title: null });
  const res = await app.request('/api/health');
  assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});

test('documents: list, full-text search with snippets, filters, paging', async () => {
  const all = await get<DocumentListJson>('/api/documents');
  assert.equal(all.total, 6);
  const wire = all.documents.find((d) => d.id === 'wire-original.txt')!;
  assert.deepEqual([wire.links, wire.derived, wire.sources], [3, 3, 0]);
  const found = await get<DocumentListJson>('/api/documents?q=library');
  assert.deepEqual(found.documents.map((d) => d.id), ['unrelated.txt']);
  assert.match(found.documents[0].snippet ?? '', /library/i);
  // Stemmed: "pastries" finds "pastry"-less texts only through the stem; operators in the input are literal.
  assert.ok((await get<DocumentListJson>('/api/documents?q=beams')).total >= 4);
  assert.equal((await get<DocumentListJson>('/api/documents?q=' + enc('bridge" OR "x'))).total >= 0, true);
  assert.equal((await get<DocumentListJson>('/api/documents?q=' + enc('"'))).total, 0);
  const page = await get<DocumentListJson>('/api/documents?limit=2&offset=2');
  assert.deepEqual([page.total, page.documents.length, page.offset, page.limit], [6, 2, 2, 2]);
  assert.match((await get<{ error: string }>('/api/documents?limit=0', 400)).error, /^limit: expected 1 to 500/);
  assert.match((await get<{ error: string }>('/api/documents?from=yesterday', 400)).error, /^from: expected a date/);
});

test('a document: text, links seen from it with roles, quotes with speakers, story and cluster', async () => {
  const page = await get<DocumentPageJson>(`/api/documents/${enc('reprint-edited.txt')}`);
  assert.equal(page.document.text.length, page.document.chars);
  const wire = page.related.find((r) => r.id === 'wire-original.txt')!;
  assert.equal(wire.role, 'source');
  assert.equal(wire.kind, 'edited');
  for (const p of wire.passages) assert.ok(p.this[1] <= page.document.chars && p.this[0] < p.this[1]);
  const mayor = page.quotes.find((q) => q.speaker?.name === 'Denise Okafor');
  assert.ok(mayor && mayor.utterance, JSON.stringify(page.quotes));
  assert.equal(page.document.text.slice(mayor.start, mayor.end).slice(1, -1).trim().length > 0, true);
  assert.ok(page.story && page.story.title.length > 0);
  const sources = await get<{ document: string; sources: unknown[] }>(`/api/documents/${enc('reprint-edited.txt')}/sources`);
  assert.ok(sources.sources.length >= 1);
  assert.match((await get<{ error: string }>(`/api/documents/${enc('no/such.txt')}`, 404)).error, /no document "no\/such\.txt"/);
});

test('links: filters and paging, passages only on request', async () => {
  const links = await get<LinksJson>('/api/links?kind=paraphrase');
  assert.equal(links.total, 3);
  assert.ok(links.links.every((l) => l.kind === 'paraphrase' && l.passages.length === 0));
  const withPassages = await get<LinksJson>('/api/links?limit=1&passages=1');
  assert.equal(withPassages.links.length, 1);
  assert.ok(withPassages.links[0].passages.length > 0);
  assert.match((await get<{ error: string }>('/api/links?kind=copied', 400)).error, /^kind: /);
  assert.match((await get<{ error: string }>('/api/links?minCoverage=2', 400)).error, /^minCoverage/);
});

test('compare: a stored pair uses its link, pasted texts are aligned now, both with word diffs in original offsets', async () => {
  const stored = await get<CompareJson>(`/api/compare?a=${enc('wire-original.txt')}&b=${enc('reprint-edited.txt')}`);
  assert.equal(stored.stored, true);
  assert.equal(stored.source, 'a');
  assert.ok(stored.passages.length > 0);
  for (const p of stored.passages) {
    const joinedA = p.diff.a.map((s) => stored.a.text.slice(s.start, s.end)).join('');
    assert.equal(joinedA, stored.a.text.slice(p.a[0], p.a[1]));
    const joinedB = p.diff.b.map((s) => stored.b.text.slice(s.start, s.end)).join('');
    assert.equal(joinedB, stored.b.text.slice(p.b[0], p.b[1]));
  }
  // The same pair the other way round: sides follow the request.
  const flipped = await get<CompareJson>(`/api/compare?a=${enc('reprint-edited.txt')}&b=${enc('wire-original.txt')}`);
  assert.equal(flipped.source, 'b');
  assert.deepEqual(flipped.passages[0].a, stored.passages[0].b);
  const pasted = await post<CompareJson>('/api/compare', { a: { id: 'wire-original.txt' }, b: { text: stored.b.text } });
  assert.equal(pasted.stored, false);
  assert.equal(pasted.b.id, null);
  assert.ok(pasted.coverage.b > 0.8);
  const none = await post<CompareJson>('/api/compare', { a: { id: 'wire-original.txt' }, b: { id: 'unrelated.txt' } });
  assert.equal(none.passages.length, 0);
  assert.equal(none.source, null);
  assert.match((await post<{ error: string }>('/api/compare', { a: { id: 'wire-original.txt' } }, 400)).error, /^b: give/);
  assert.match((await post<{ error: string }>('/api/compare', 'not json', 400)).error, /not a JSON object/);
  assert.match((await post<{ error: string }>('/api/compare', '{}', 415, { 'content-type': 'text/plain' })).error, /send JSON/);
});

test('stories, graph and quotes', async () => {
  const stories = await get<StoriesJson>('/api/stories');
  assert.equal(stories.status, 'ready');
  assert.equal(stories.stories.length, 1);
  const story = stories.stories[0];
  assert.ok(story.members.some((m) => m.id === 'independent-coverage.txt'));
  const graph = await get<GraphJson>(`/api/graph?story=${story.id}`);
  assert.equal(graph.nodes.length, story.members.length);
  assert.equal(graph.edges.length, 6);
  const paraphrase = graph.edges.find((e) => e.a === 'paraphrase-spin.txt' && e.b === 'wire-original.txt') ?? graph.edges.find((e) => e.b === 'paraphrase-spin.txt' && e.a === 'wire-original.txt');
  assert.equal(paraphrase?.source, 'wire-original.txt');
  const around = await get<GraphJson>(`/api/graph?doc=${enc('unrelated.txt')}`);
  assert.deepEqual([around.nodes.length, around.edges.length], [1, 0]);
  assert.equal((await get<{ error: string }>('/api/graph?story=99', 404)).error, 'no story 99');
  const quotes = await get<QuotesJson>('/api/quotes?drift=1');
  assert.deepEqual(quotes.utterances.map((u) => u.speaker).sort(), ['Denise Okafor', 'Luis Marchetti']);
  const baker = await get<QuotesJson>('/api/quotes?speaker=Marchetti');
  assert.ok(baker.utterances.length >= 1 && baker.utterances.every((u) => /Marchetti/.test(u.speaker ?? '')));
});

test('adding an article (text or a hostile web page): stored as text, its source found at once', async () => {
  const wire = (await get<DocumentPageJson>(`/api/documents/${enc('wire-original.txt')}`)).document.text;
  const copy = wire.split('\n\n').slice(1, 6).join('\n\n');
  const added = await post<AddedJson>('/api/documents', { id: 'blog/copy', text: copy, outlet: 'Copy Blog', published: '2024-06-02' }, 201);
  assert.equal(added.outcome, 'added');
  assert.ok(added.related.some((r) => r.id === 'wire-original.txt'), JSON.stringify(added.related.map((r) => r.id)));
  const page = [
    '<html><head><title>Bridge <script>window.pwned=1</script></title></head><body>',
    '<article><h1>Bridge closed</h1>',
    ...copy.split('\n\n').map((p) => `<p onclick="alert(1)">${p} <a href="javascript:alert(2)">more</a><img src=x onerror="alert(3)"></p>`),
    '<svg onload="alert(4)"><script>alert(5)</script></svg></article></body></html>',
  ].join('\n');
  const fromHtml = await post<AddedJson>('/api/documents', { id: 'web/page', html: page }, 201);
  const stored = await get<DocumentPageJson>(`/api/documents/${enc(fromHtml.id)}`);
  assert.doesNotMatch(stored.document.text, /<script|onerror|onclick|javascript:|<svg|alert\(/);
  assert.ok(fromHtml.related.some((r) => r.id === 'wire-original.txt'));
  assert.match((await post<{ error: string }>('/api/documents', { text: '   ' }, 422)).error, /no text/);
  assert.match((await post<{ error: string }>('/api/documents', { title: 'x' }, 400)).error, /"text" or "html"/);
  // Over the body limit this app was built with.
  assert.match((await post<{ error: string }>('/api/documents', { text: 'x'.repeat(300_000) }, 413)).error, /larger than/);
  const health = await get<HealthJson>('/api/health');
  assert.equal(health.documents, 8);
});

test('unknown routes and methods, and the OpenAPI document lists every route', async () => {
  assert.equal((await get<{ error: string }>('/api/nothing', 404)).error, 'no API route /api/nothing');
  const res = await app.request('/api/health', { method: 'DELETE' });
  assert.equal(res.status, 405);
  const spec = await get<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
  assert.equal(spec.openapi, '3.1.0');
  const documented = new Set(Object.keys(spec.paths).map((p) => p.replace(/\{[^}]+\}/g, ':x')));
  for (const route of app.routes) {
    if (!route.path.startsWith('/api/') || route.path === '/api/*') continue;
    const path = route.path.replace(/:view\{[^}]+\}/, 'sources').replace(/:[a-z]+/g, ':x');
    assert.ok(documented.has(path), `${route.method} ${route.path} is not in the OpenAPI document`);
  }
  const page = await app.request('/');
  assert.equal(page.status, 404);
  assert.match(await page.text(), /npm run build:web/);
});

test('a token guards every request; the token URL sets a cookie the browser then sends', async () => {
  const guarded = createApp(ctx, { token: 's3cret', webRoot: join(tmp, 'no-web') });
  assert.equal((await guarded.request('/api/health')).status, 401);
  assert.equal((await guarded.request('/api/health', { headers: { authorization: 'Bearer wrong' } })).status, 401);
  assert.equal((await guarded.request('/api/health', { headers: { authorization: 'Bearer s3cret' } })).status, 200);
  const opened = await guarded.request('/?token=s3cret');
  assert.equal(opened.status, 302);
  const cookie = opened.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.equal((await guarded.request('/api/health', { headers: { cookie: cookie.split(';')[0] } })).status, 200);
});

test('mimeo serve refuses a public address without a token, and a missing database, in one line', () => {
  const open = runMimeo(['serve', '--db', DB, '--host', '0.0.0.0', '--port', '0']);
  assert.equal(open.status, 2);
  assert.match(open.stderr, /^mimeo: --host 0\.0\.0\.0 would open the corpus to the network: also give --token/);
  assert.doesNotMatch(open.stderr, /\n\s+at /);
  const missing = runMimeo(['serve', '--db', join(tmp, 'missing.db'), '--port', '0']);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /missing\.db: no such database/);
});

test('startServer listens on loopback and answers over a real socket', async () => {
  const running = await startServer({ db: DB, port: 0, host: '127.0.0.1' });
  try {
    const res = await fetch(`${running.url}api/health`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as HealthJson).ok, true);
  } finally {
    await running.close();
  }
});
