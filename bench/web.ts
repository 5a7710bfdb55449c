/**
 * Workbench pages in headless Chromium against `mimeo serve` on a corpus database: time from
 * navigation (a full page load) until the page has rendered its data (the app sets
 * body[data-ready]) for document and compare pages of random documents and links, and the graph
 * page with up to 2,000 nodes (until cytoscape has drawn them).
 *   npm run bench:web -- DB [--pages 30]
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { openStore } from '../src/store/index.js';
import { benchArgs } from './args.js';
import { serveChild } from './serve-child.js';

const { path: db, option } = benchArgs('bench/web.ts DB [--pages N]');
const pages = Number(option('--pages') ?? 30);
if (!existsSync('/usr/bin/chromium')) {
  console.error('bench/web.ts: needs /usr/bin/chromium (apt-get install chromium)');
  process.exit(2);
}

const store = openStore(db, { readonly: true });
const total = store.counts().documents;
const docs: string[] = [];
for (let i = 0; i < pages; i++) docs.push(store.listDocuments({ limit: 1, offset: Math.floor(Math.random() * total) })[0].id);
const links = store.links({ limit: 5000 });
const pairs = Array.from({ length: pages }, () => links[Math.floor(Math.random() * links.length)]).map((l) => [l.a, l.b]);
store.close();

const server = await serveChild(db);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const enc = encodeURIComponent;

async function timed(path: string, ready: string, extra?: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await page.goto(new URL(path, server.url).href);
  await page.waitForSelector(`body[data-ready="${ready}"]`, { timeout: 60_000 });
  if (extra) await extra();
  return performance.now() - t0;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const line = (name: string, xs: number[]) =>
  console.log(`${name.padEnd(30)} p50 ${quantile(xs, 0.5).toFixed(0).padStart(5)} ms  p95 ${quantile(xs, 0.95).toFixed(0).padStart(5)} ms  max ${Math.max(...xs).toFixed(0).padStart(5)} ms  (${xs.length} pages)`);

try {
  console.log(`${db}: ${total} documents; ${server.url}; Chromium headless, 1280×800`);
  await timed('/', 'corpus'); // warm the browser cache with the app's script and styles
  const docTimes: number[] = [];
  for (const id of docs) docTimes.push(await timed(`/doc/${enc(id)}`, 'document'));
  line('document page', docTimes);
  const compareTimes: number[] = [];
  for (const [a, b] of pairs) compareTimes.push(await timed(`/compare?a=${enc(a)}&b=${enc(b)}`, 'compare'));
  line('compare page (stored link)', compareTimes);
  const corpusTimes: number[] = [];
  for (let i = 0; i < 5; i++) corpusTimes.push(await timed(`/?offset=${i * 5000}`, 'corpus'));
  line('corpus page', corpusTimes);
  const graphTimes: number[] = [];
  let drawn = { nodes: 0, edges: 0 };
  for (let i = 0; i < 3; i++) {
    graphTimes.push(
      await timed('/graph?limit=2000', 'graph', async () => {
        await page.waitForFunction(() => (window as unknown as { __mimeoGraph?: unknown }).__mimeoGraph !== undefined, null, { timeout: 60_000 });
        drawn = await page.evaluate(() => (window as unknown as { __mimeoGraph: { nodes: number; edges: number } }).__mimeoGraph);
      }),
    );
  }
  line(`graph page (${drawn.nodes} nodes, ${drawn.edges} edges)`, graphTimes);
  // Usable: a pan and a zoom of the drawn graph, timed to the next frame.
  const t0 = performance.now();
  await page.mouse.move(640, 500);
  await page.mouse.wheel(0, -400);
  await page.mouse.down();
  await page.mouse.move(500, 400, { steps: 5 });
  await page.mouse.up();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  console.log(`graph zoom + pan answered in ${(performance.now() - t0).toFixed(0)} ms`);
} finally {
  await browser.close();
  server.stop();
}
