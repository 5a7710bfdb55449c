/**
 * `scan` on a PAN corpus with no pair list: every src and susp document goes into one store,
 * the candidate index picks the pairs, and the stored links are scored on the pairs PAN lists.
 *   node --import tsx bench/scan-pan.ts ../shared/data/pan13-train [--db PATH] [--workers N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from '../src/corpus/scan.js';
import { pairKey, readPanCorpus, allPairs } from '../src/eval/pan/corpus.js';
import type { Detection } from '../src/eval/pan/measure.js';
import { formatPanTable } from '../src/eval/pan/report.js';
import { scorePanDetections } from '../src/eval/pan/run.js';
import { openStore } from '../src/store/index.js';
import { benchArgs } from './args.js';

const { path: dir, option } = benchArgs('bench/scan-pan.ts PAN_DIR [--db PATH] [--workers N]');
const temp = option('--db') ? null : mkdtempSync(join(tmpdir(), 'mimeo-scan-pan-'));
const store = openStore(option('--db') ?? join(temp!, 'pan.db'));
const workers = option('--workers') ? Number(option('--workers')) : undefined;

const started = performance.now();
const stats = await scan(store, [join(dir, 'src'), join(dir, 'susp')], {
  workers,
  onProgress: (p) => {
    if (p.total !== null && p.done === p.total) console.error(`${p.phase} ${p.done}/${p.total} at ${((performance.now() - started) / 1000).toFixed(1)} s`);
  },
});

const detections = new Map<string, Detection[]>();
const corpus = await readPanCorpus(dir);
const wanted = new Set(allPairs(corpus).map(pairKey));
for (const link of store.links()) {
  // Ids are file names relative to src/ and susp/; PAN detections are in suspicious-document offsets.
  const suspIsA = link.a.startsWith('suspicious-');
  const susp = suspIsA ? link.a : link.b;
  const src = suspIsA ? link.b : link.a;
  const key = pairKey({ susp, src });
  if (!wanted.has(key)) continue;
  detections.set(
    key,
    link.passages.map((p) => {
      const [t, s] = suspIsA ? [p.a, p.b] : [p.b, p.a];
      return { susp, src, thisOffset: t[0], thisLength: t[1] - t[0], srcOffset: s[0], srcLength: s[1] - s[0] };
    }),
  );
}
// An exact duplicate is not aligned again (its original's links stand for it): score a pair
// whose document is a byte-identical duplicate with the original's detections.
for (const link of store.links()) {
  if (!link.duplicate) continue;
  const [orig, dup] = [link.a, link.b];
  if (store.getDocument(orig)?.text !== store.getDocument(dup)?.text) continue;
  for (const [key, list] of [...detections]) {
    const [susp, src] = key.split(' ');
    const swap = (name: string) => (name === orig ? dup : name);
    if (susp !== orig && src !== orig) continue;
    const other = pairKey({ susp: swap(susp), src: swap(src) });
    if (wanted.has(other) && !detections.has(other)) {
      detections.set(other, list.map((d) => ({ ...d, susp: swap(d.susp), src: swap(d.src) })));
    }
  }
}
const scores = await scorePanDetections(dir, detections);
const counts = store.counts();
store.close();
if (temp) rmSync(temp, { recursive: true, force: true });
const memoryMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(formatPanTable({ ...scores, seconds: stats.seconds, pairsPerSecond: stats.pairs / stats.seconds, memoryMB }));
console.log(
  JSON.stringify({
    documents: counts.documents,
    links: counts.links,
    alignedPairs: stats.pairs,
    pairsPerDocument: +(stats.pairs / counts.documents).toFixed(2),
    seconds: +stats.seconds.toFixed(1),
    peakRssMB: memoryMB,
  }),
);
