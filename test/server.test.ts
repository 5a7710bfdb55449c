import { spawn } from 'node:child_process';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, serverContext, startServer } from '../src/server/index.js';
import type { AddedJson, CompareJson, DocumentListJson, DocumentPageJson, GraphJson, HealthJson, LinksJson, QuotesJson, StoriesJson, SummaryJson } from '../src/server/index.js';
import { PROJECT_ROOT, runMimeo } from './cli-run.js';
import { examplesServer } from './server-fixture.js';

// The API over the example corpus, with a small body limit to test it.
const { tmp, db: DB, store, ctx, app, close } = await examplesServer({ maxBodyBytes: 200_000 });
after(close);

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
  const beams = await get<DocumentListJson>('/api/documents?q=beams');
  assert.ok(beams.total >= 4);
  // The snippet finds the word the stem matched, whatever its form in the text.
  assert.ok(beams.documents.every((d) => /\bbeam/i.test(d.snippet ?? '')), JSON.stringify(beams.documents.map((d) => d.snippet)));
  assert.ok((await get<DocumentListJson>('/api/documents?q=pedestr*')).documents.every((d) => /pedestr/i.test(d.snippet ?? '')));
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
  assert.match((await post<{ error: string }>('/api/documents', { text: copy, published: 'soon' }, 400)).error, /^published: expected a date/);
  assert.match((await post<{ error: string }>('/api/documents', { text: 5 }, 400)).error, /^text: expected a string/);
  // Over the body limit this app was built with.
  assert.match((await post<{ error: string }>('/api/documents', { text: 'x'.repeat(300_000) }, 413)).error, /larger than/);
  const health = await get<HealthJson>('/api/health');
  assert.equal(health.documents, 8);
  // The only dated document sets the corpus's date range; the examples have none.
  assert.deepEqual((await get<SummaryJson>('/api/summary')).dates, { from: '2024-06-02', to: '2024-06-02' });
  const dated = await get<DocumentListJson>('/api/documents?from=2024-06&to=2024-06');
  assert.deepEqual(dated.documents.map((d) => d.id), ['blog/copy']);
});

test('uploading a file: a hostile page keeps only its text, ids with a slash work in paths, wrong files are refused', async () => {
  const wire = (await get<DocumentPageJson>(`/api/documents/${enc('wire-original.txt')}`)).document.text;
  const body = wire.split('\n\n').slice(2, 7).map((p) => `<p>${p}<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">x</a></p>`).join('');
  const form = new FormData();
  form.set('file', new File([`<html><body><article><h1>Upload</h1><script>alert(3)</script>${body}</article></body></html>`], 'page.html', { type: 'text/html' }));
  form.set('id', 'uploads/page.html');
  form.set('outlet', 'Upload Weekly');
  const res = await app.request('/api/documents', { method: 'POST', body: form });
  const added = (await res.json()) as AddedJson;
  assert.equal(res.status, 201, JSON.stringify(added));
  assert.equal(added.document.outlet, 'Upload Weekly');
  assert.ok(added.related.some((r) => r.id === 'wire-original.txt'), JSON.stringify(added.related.map((r) => [r.id, r.role, r.kind])));
  const stored = await get<DocumentPageJson>(`/api/documents/${enc('uploads/page.html')}`);
  assert.doesNotMatch(stored.document.text, /<|onerror|javascript:|alert\(/);
  const sources = await get<{ document: string; sources: Array<{ id: string }> }>(`/api/documents/${enc('uploads/page.html')}/sources`);
  assert.equal(sources.document, 'uploads/page.html');
  assert.ok(sources.sources.some((s) => s.id === 'wire-original.txt'));
  const exe = new FormData();
  exe.set('file', new File([new Uint8Array([0x4d, 0x5a, 0, 0, 1, 2])], 'tool.exe'));
  const refused = await app.request('/api/documents', { method: 'POST', body: exe });
  assert.equal(refused.status, 415);
  assert.match(((await refused.json()) as { error: string }).error, /upload a \.txt, \.md or \.html file/);
  const binary = new FormData();
  binary.set('file', new File([new Uint8Array(64)], 'zeros.txt'));
  assert.equal((await app.request('/api/documents', { method: 'POST', body: binary })).status, 422);
  const big = new FormData();
  big.set('file', new File(['word '.repeat(60_000)], 'big.txt'));
  const tooBig = await app.request('/api/documents', { method: 'POST', body: big });
  assert.equal(tooBig.status, 413);
  assert.match(((await tooBig.json()) as { error: string }).error, /larger than/);
});

test('the built workbench: files, the app for client routes, no way out of its folder, headers everywhere', async () => {
  const root = join(tmp, 'web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Mimeo</title><div id="app"></div>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(tmp, 'secret.txt'), 'not to be served');
  const web = createApp(ctx, { webRoot: root });
  const index = await web.request('/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type') ?? '', /text\/html/);
  assert.match(index.headers.get('content-security-policy') ?? '', /default-src 'self'.*object-src 'none'.*base-uri 'none'.*frame-ancestors 'none'/);
  assert.equal(index.headers.get('referrer-policy'), 'no-referrer');
  const script = await web.request('/assets/app.js');
  assert.match(script.headers.get('content-type') ?? '', /javascript/);
  for (const route of [`/doc/${enc('blog/copy')}`, '/compare?a=x&b=y', '/graph', `/doc/${enc('a.txt')}`]) {
    const res = await web.request(route);
    assert.equal(res.status, 200, route);
    assert.match(await res.text(), /<div id="app">/, route);
  }
  assert.equal((await web.request('/assets/missing.js')).status, 404);
  for (const sneaky of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
    assert.doesNotMatch(await (await web.request(sneaky)).text(), /not to be served/, sneaky);
  }
  // The API keeps its JSON errors next to the app.
  assert.equal((await web.request('/api/nothing')).headers.get('content-type')?.startsWith('application/json'), true);
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

test('writes from another site are refused; a loopback server answers only loopback names', async () => {
  const article = JSON.stringify({ text: 'A short note on the weather, nothing more.' });
  const headers = { 'content-type': 'application/json', host: '127.0.0.1:8411' };
  const evil = await app.request('/api/documents', { method: 'POST', body: article, headers: { ...headers, origin: 'https://evil.example' } });
  assert.equal(evil.status, 403);
  assert.match(((await evil.json()) as { error: string }).error, /^cross-site request refused/);
  const form = new FormData();
  form.set('file', new File(['A short note on the weather.'], 'note.txt'));
  assert.equal((await app.request('/api/documents', { method: 'POST', body: form, headers: { 'sec-fetch-site': 'cross-site' } })).status, 403);
  assert.equal((await app.request('/api/documents', { method: 'POST', body: article, headers: { ...headers, origin: 'null' } })).status, 403);
  assert.equal((await app.request('/api/documents', { method: 'POST', body: article, headers: { ...headers, origin: 'http://127.0.0.1:8411' } })).status, 201);
  const local = createApp(ctx, { loopbackOnly: true, webRoot: join(tmp, 'no-web') });
  const rebound = await local.request('/api/health', { headers: { host: 'attacker.example:8411' } });
  assert.equal(rebound.status, 403);
  assert.match(((await rebound.json()) as { error: string }).error, /addressed to this machine/);
  for (const host of ['127.0.0.1:8411', 'localhost:8411', '[::1]:8411']) assert.equal((await local.request('/api/health', { headers: { host } })).status, 200, host);
});

test('a token guards every request; the token URL sets a cookie the browser then sends', async () => {
  const guarded = createApp(ctx, { token: 's3cret', webRoot: join(tmp, 'no-web') });
  const denied = await guarded.request('/api/health');
  assert.equal(denied.status, 401);
  assert.match(((await denied.json()) as { error: string }).error, /needs its token/);
  // Refusals carry the security headers too.
  assert.match(denied.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  assert.equal(denied.headers.get('x-content-type-options'), 'nosniff');
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

test('mimeo serve on all interfaces with a token: prints the token URL, guards the API, stops cleanly on Ctrl-C', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--db', DB, '--host', '0.0.0.0', '--port', '0', '--token', 'tok en/1'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out);
      });
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const m = /at (http:\/\/\S+)\/\?token=(\S+) \(Ctrl-C to stop\)/.exec(line);
    assert.ok(m, line);
    assert.equal(decodeURIComponent(m[2]), 'tok en/1');
    const port = new URL(m[1]).port;
    const health = `http://127.0.0.1:${port}/api/health`;
    assert.equal((await fetch(health)).status, 401);
    assert.equal((await fetch(health, { headers: { authorization: 'Bearer tok en/1' } })).status, 200);
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 0, stderr);
  assert.equal(stderr, '');
});

test('a large corpus computes its stories on a worker thread: "computing" meanwhile, then the same stories', async () => {
  const inline = ctx.derived.data!.stories;
  const worker = serverContext(store, { inlineDocuments: 0 });
  const background = createApp(worker, { webRoot: join(tmp, 'no-web') });
  const first = (await (await background.request('/api/stories')).json()) as StoriesJson;
  assert.equal(first.status, 'computing');
  assert.deepEqual(first.stories, []);
  assert.equal((await background.request('/api/stories/0')).status, 503);
  await worker.derived.settled();
  const ready = (await (await background.request('/api/stories?minSize=1')).json()) as StoriesJson;
  assert.equal(ready.status, 'ready');
  assert.deepEqual(ready.stories, inline);
  // Closing stops a computation under way rather than waiting for it.
  const again = serverContext(store, { inlineDocuments: 0 });
  await again.derived.close();
  assert.equal(again.derived.data, null);
});

test('startServer listens on loopback and answers over a real socket', async () => {
  const running = await startServer({ db: DB, port: 0, host: '127.0.0.1' });
  try {
    const res = await fetch(`${running.url}api/health`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as HealthJson).ok, true);
    const busy = runMimeo(['serve', '--db', DB, '--port', new URL(running.url).port]);
    assert.equal(busy.status, 1);
    assert.equal(busy.stderr, `mimeo: port ${new URL(running.url).port} is in use: pick another with --port\n`);
  } finally {
    await running.close();
  }
});
