// The workbench in real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) over the
// example corpus served by the real server. Skips cleanly where Chromium or the built app is missing.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { scan } from '../src/corpus/scan.js';
import { startServer, type RunningServer } from '../src/server/index.js';
import { openStore } from '../src/store/index.js';
import { fixtureDoc, storeAligned } from './store-fixture.js';
import { PROJECT_ROOT } from './cli-run.js';

declare global {
  interface Window {
    __mimeoGraph?: { nodes: number; edges: number; ids: string[] };
  }
}

const CHROMIUM = '/usr/bin/chromium';
const BUILT = join(PROJECT_ROOT, 'web', 'dist', 'index.html');
const skip = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (apt-get install chromium)` : !existsSync(BUILT) ? 'workbench not built (npm run build:web)' : false;
const SHOTS = join(PROJECT_ROOT, 'test-output', 'screenshots');
const enc = encodeURIComponent;

let tmp = '';
let server: RunningServer | undefined;
let hostile: RunningServer | undefined;
let browser: Browser | undefined;

const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Bridge <script>window.__pwned=2</script>';
const PAYLOAD = '<script>window.__pwned=3</script> <svg onload="window.__pwned=4"></svg> <a href="javascript:window.__pwned=5">x</a>';

before(async () => {
  if (skip) return;
  tmp = mkdtempSync(join(tmpdir(), 'mimeo-web-'));
  const db = join(tmp, 'examples.db');
  const store = openStore(db);
  await scan(store, [join(PROJECT_ROOT, 'examples')], { workers: 1 });
  store.close();
  server = await startServer({ db, port: 0, host: '127.0.0.1' });
  await server.context.derived.settled();

  // Hostile metadata and text: ids, titles, outlets and urls full of markup and script URLs.
  const hostileDb = join(tmp, 'hostile.db');
  const hs = openStore(hostileDb);
  const story = 'The county closed the old river footbridge on Tuesday after inspectors found rot in two of its main beams, officials said. The mayor said the crossing would stay shut for at least four months while engineers decide whether it can be saved.';
  storeAligned(hs, [
    fixtureDoc('<script>window.__pwned=6</script>', `${story}\n\n${PAYLOAD}`, { title: HOSTILE_TITLE, outlet: '<b onmouseover="window.__pwned=7">Evil</b>', url: 'javascript:window.__pwned=8', published: '2024-05-01' }),
    fixtureDoc('plain/copy', `${story} More later.`, { title: 'Plain copy', outlet: 'Plain', url: ' JAVASCRIPT:window.__pwned=9', published: '2024-05-02' }),
  ]);
  hs.close();
  hostile = await startServer({ db: hostileDb, port: 0, host: '127.0.0.1' });
  await hostile.context.derived.settled();

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
  });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await hostile?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Opens a page, waits for it to say it rendered its data, and collects console errors. */
async function open(path: string, ready: string, base = server!.url): Promise<{ page: Page; errors: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(new URL(path, base).href);
  await page.waitForSelector(`body[data-ready="${ready}"]`, { timeout: 15_000 });
  return { page, errors };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

test('corpus page: counts, documents, search', { skip }, async () => {
  const { page, errors } = await open('/', 'corpus');
  assert.match(await page.textContent('[data-testid=summary]') ?? '', /6 documents.*6 reuse links/s);
  assert.equal(await page.locator('[data-testid=documents] tbody tr').count(), 6);
  await shot(page, 'corpus');
  await page.fill('input[name=q]', 'library');
  await page.click('form.filters button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=documents] tbody tr').length === 1);
  assert.equal(await page.getAttribute('[data-testid=documents] tbody tr', 'data-id'), 'unrelated.txt');
  assert.deepEqual(errors, []);
  await page.close();
});

test('document page: reused passages highlighted by kind, sources listed, quotes with speakers', { skip }, async () => {
  const { page, errors } = await open(`/doc/${enc('reprint-edited.txt')}`, 'document');
  const marks = await page.$$eval('[data-testid=doc-text] mark.hl', (els) => els.map((e) => ({ other: (e as HTMLElement).dataset.other, kind: (e as HTMLElement).dataset.kind })));
  assert.ok(marks.some((m) => m.other === 'wire-original.txt' && m.kind === 'edited'), JSON.stringify(marks.slice(0, 5)));
  assert.ok(await page.locator('[data-testid=sources] li[data-id="wire-original.txt"]').count() === 1);
  assert.match(await page.textContent('[data-testid=doc-quotes]') ?? '', /Denise Okafor/);
  await shot(page, 'document');
  // A highlight opens the compare page of the two documents.
  await page.locator('[data-testid=doc-text] mark.hl[data-other="wire-original.txt"]').first().click();
  await page.waitForSelector('body[data-ready="compare"]');
  assert.match(page.url(), /\/compare\?a=reprint-edited\.txt&b=wire-original\.txt/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('compare page: highlighted spans are exactly the aligned passages, with the direction and its evidence', { skip }, async () => {
  const { page, errors } = await open(`/compare?a=${enc('wire-original.txt')}&b=${enc('reprint-edited.txt')}`, 'compare');
  const res = await fetch(`${server!.url}api/compare?a=${enc('wire-original.txt')}&b=${enc('reprint-edited.txt')}`);
  const c = (await res.json()) as { a: { text: string }; b: { text: string }; passages: Array<{ a: [number, number]; b: [number, number] }> };
  for (const side of ['a', 'b'] as const) {
    const spans = await page.$$eval(`[data-testid=side-${side}] mark[data-passage]`, (els) => els.map((e) => ({ p: Number((e as HTMLElement).dataset.passage), text: e.textContent ?? '' })));
    c.passages.forEach((p, i) => {
      const shown = spans.filter((s) => s.p === i).map((s) => s.text).join('');
      assert.equal(shown, c[side].text.slice(p[side][0], p[side][1]), `passage ${i} side ${side}`);
    });
  }
  assert.ok(await page.locator('[data-testid=side-b] mark.changed').count() > 0, 'changed words are marked');
  assert.match(await page.textContent('[data-testid=direction]') ?? '', /Original:/);
  assert.match(await page.textContent('[data-testid=verdict]') ?? '', /edited copy/);
  await shot(page, 'compare');
  assert.deepEqual(errors, []);
  await page.close();
});

test('graph page: one node per document of the story, one edge per link', { skip }, async () => {
  const { page, errors } = await open('/graph', 'graph');
  await page.waitForFunction(() => window.__mimeoGraph !== undefined);
  const g = await page.evaluate(() => window.__mimeoGraph!);
  const api = (await (await fetch(`${server!.url}api/graph`)).json()) as { nodes: Array<{ id: string }>; edges: unknown[] };
  assert.deepEqual([g.nodes, g.edges], [api.nodes.length, api.edges.length]);
  assert.deepEqual([...g.ids].sort(), api.nodes.map((n) => n.id).sort());
  assert.equal(g.edges, 6);
  await shot(page, 'graph');
  assert.deepEqual(errors, []);
  await page.close();
});

test('quotes page: the two altered quotes of the example corpus, drift marked', { skip }, async () => {
  const { page, errors } = await open('/quotes?drift=1', 'quotes');
  const items = page.locator('[data-testid=utterances] > li');
  assert.equal(await items.count(), 2);
  const text = await page.textContent('[data-testid=utterances]') ?? '';
  assert.match(text, /Luis Marchetti/);
  assert.match(text, /Denise Okafor/);
  assert.ok(await page.locator('.drift ins').count() > 0 && await page.locator('.drift del').count() > 0);
  await shot(page, 'quotes');
  assert.deepEqual(errors, []);
  await page.close();
});

test('add page: a pasted copy shows its source at once', { skip }, async () => {
  const { page, errors } = await open('/add', 'add');
  const wire = (await (await fetch(`${server!.url}api/documents/${enc('wire-original.txt')}`)).json()) as { document: { text: string } };
  await page.fill('input[name=id]', 'pasted/copy');
  await page.fill('textarea[name=body]', wire.document.text.split('\n\n').slice(1, 5).join('\n\n'));
  await page.click('form.add button[type=submit]');
  await page.waitForSelector('[data-testid=added-related] li[data-id="wire-original.txt"]', { timeout: 15_000 });
  await shot(page, 'add');
  assert.deepEqual(errors, []);
  await page.close();
});

test('hostile titles, outlets, ids, urls, texts and pasted HTML never execute or become elements', { skip }, async () => {
  const pages: Array<[string, string]> = [
    ['/', 'corpus'],
    [`/doc/${enc('<script>window.__pwned=6</script>')}`, 'document'],
    [`/compare?a=${enc('<script>window.__pwned=6</script>')}&b=plain%2Fcopy`, 'compare'],
    ['/graph', 'graph'],
    ['/quotes', 'quotes'],
  ];
  for (const [path, ready] of pages) {
    const { page, errors } = await open(path, ready, hostile!.url);
    await page.mouse.move(200, 200);
    await page.hover('text=Evil', { timeout: 500 }).catch(() => undefined);
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      injected: document.querySelectorAll('main script, main svg, main img, main [onerror], main [onload], main [onmouseover], main b').length,
      badLinks: [...document.querySelectorAll('a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
    }));
    assert.deepEqual(state, { pwned: null, injected: 0, badLinks: 0 }, path);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), [], path);
    if (ready === 'document') {
      assert.match(await page.textContent('[data-testid=doc-title]') ?? '', /<img src=x onerror/);
      await shot(page, 'hostile-document');
    }
    await page.close();
  }
  // A pasted web page full of script: only its text is stored and shown.
  const { page } = await open('/add', 'add', hostile!.url);
  await page.fill('input[name=id]', 'pasted/hostile');
  await page.fill('textarea[name=body]', `<html><body><article><p onclick="window.__pwned=10">The county closed the old river footbridge on Tuesday after inspectors found rot.</p>${PAYLOAD}<iframe src="javascript:window.__pwned=11"></iframe></article></body></html>`);
  await page.check('input[type=checkbox]');
  await page.click('form.add button[type=submit]');
  await page.waitForSelector('[data-testid=added]');
  await page.goto(new URL(`/doc/${enc('pasted/hostile')}`, hostile!.url).href);
  await page.waitForSelector('body[data-ready="document"]');
  const after = await page.evaluate(() => ({ pwned: (window as unknown as { __pwned?: number }).__pwned ?? null, frames: document.querySelectorAll('iframe, script:not([src])').length, text: document.querySelector('[data-testid=doc-text]')?.textContent ?? '' }));
  assert.equal(after.pwned, null);
  assert.equal(after.frames, 0);
  assert.doesNotMatch(after.text, /onclick|<script|javascript:/);
  await page.close();
});
