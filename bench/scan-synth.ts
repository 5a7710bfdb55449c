/**
 * Scale benchmark: scan a synthetic corpus (bench/synth.ts) into a fresh store, score the
 * injected reuse found, then time incremental `add` of new articles in-process.
 *   node --import tsx bench/scan-synth.ts /tmp/synth-100k [--workers N] [--adds 300] [--db PATH]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from '../src/corpus/corpus.js';
import { scan } from '../src/corpus/scan.js';
import { openStore } from '../src/store/index.js';
import { benchArgs } from './args.js';
import { loadNegatives, loadTruth, relatedPairs, scoreNegatives, scoreRecall, pairKey } from './synth/truth.js';

const { path: dir, option } = benchArgs('bench/scan-synth.ts SYNTH_DIR [--workers N] [--adds N] [--db PATH]');
const temp = option('--db') ? null : mkdtempSync(join(tmpdir(), 'mimeo-scan-synth-'));
const dbPath = option('--db') ?? join(temp!, 'synth.db');
const store = openStore(dbPath);

// 1. The scan, phase by phase.
const phases: Record<string, number> = {};
const t0 = performance.now();
const stats = await scan(store, [join(dir, 'corpus.jsonl')], {
  workers: option('--workers') ? Number(option('--workers')) : undefined,
  onProgress: (p) => {
    const at = +((performance.now() - t0) / 1000).toFixed(1);
    if (phases[p.phase] === undefined) console.error(`${p.phase} starts at ${at} s`);
    phases[p.phase] = at;
  },
});
const links = store.links();
const truth = loadTruth(join(dir, 'truth.jsonl'));
// An exact duplicate is linked to its first copy only and shares that copy's links: score the
// injected cases on first copies (a case between a duplicate and its original counts as found
// through the duplicate link itself).
const firstCopy = new Map<string, string>();
for (const l of links) if (l.duplicate) firstCopy.set(l.b, l.a);
const canon = (id: string) => firstCopy.get(id) ?? id;
const canonicalLinks = links.map((l) => ({ a: canon(l.a), b: canon(l.b) }));
for (const l of links) if (l.duplicate) canonicalLinks.push({ a: l.a, b: l.b });
const recall = scoreRecall(
  truth.map((c) => (c.kind === 'duplicate' ? c : { ...c, a: canon(c.a), b: canon(c.b) })),
  canonicalLinks,
);
const related = relatedPairs(truth);
const falseLinks = links.filter((l) => !related.has(pairKey(l.a, l.b))).length;
const negatives = scoreNegatives(loadNegatives(join(dir, 'negatives.jsonl')), links);
const counts = store.counts();
const scanRss = Math.round(process.resourceUsage().maxRSS / 1024);

// 2. Incremental add: new articles made from stored ones (an edited reprint of each), in-process.
const adds = Number(option('--adds') ?? 300);
const t1 = performance.now();
// --adds 0 leaves the scanned store as it is (e.g. as the reference of bench/distributed.ts).
const corpus = adds > 0 ? Corpus.open(store) : null;
const loadSeconds = (performance.now() - t1) / 1000;
const lines = jsonlLines(join(dir, 'corpus.jsonl'));
const times: number[] = [];
let withSource = 0;
for (let k = 0; k < adds; k++) {
  const record = JSON.parse(lines.at(Math.floor(((k + 0.5) * lines.length) / adds))) as { id: string; text: string };
  // Drop the first paragraph and every 9th word: a new, edited copy of a stored article.
  const paragraphs = record.text.split('\n\n');
  const text = paragraphs
    .slice(1)
    .join('\n\n')
    .split(' ')
    .filter((_, i) => i % 9 !== 4)
    .join(' ');
  const started = performance.now();
  const result = corpus!.add({ id: `new-${k}`, text, meta: {}, origin: 'bench', format: 'txt' });
  times.push(performance.now() - started);
  if (result.links.some((l) => l.a === record.id || l.b === record.id)) withSource++;
}
times.sort((x, y) => x - y);
const pct = (q: number) => +times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
store.close();
if (temp) rmSync(temp, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      documents: counts.documents,
      seconds: +stats.seconds.toFixed(1),
      phasesEndAt: phases,
      alignedPairs: stats.pairs,
      pairsPerDocument: +(stats.pairs / counts.documents).toFixed(2),
      links: counts.links,
      recall: { overall: +recall.recall.toFixed(4), byKind: Object.fromEntries(Object.entries(recall.byKind).map(([k, v]) => [k, `${v.found}/${v.total}`])) },
      linksOutsideTruth: falseLinks,
      sameTopicNegativesLinked: `${negatives.linked}/${negatives.total}`,
      peakRssMB: scanRss,
      add: adds === 0 ? null : { indexLoadSeconds: +loadSeconds.toFixed(1), articles: adds, p50ms: pct(0.5), p99ms: pct(0.99), maxMs: pct(1), foundTheirSource: withSource },
    },
    null,
    1,
  ),
);

/** The non-empty lines of a file, decoded one at a time: a 200k corpus is longer than a JS string may be. */
function jsonlLines(path: string): { length: number; at(i: number): string } {
  const bytes = readFileSync(path);
  const bounds: number[] = [];
  let from = 0;
  while (from < bytes.length) {
    let to = bytes.indexOf(10, from);
    if (to < 0) to = bytes.length;
    if (to > from) bounds.push(from, to);
    from = to + 1;
  }
  return { length: bounds.length / 2, at: (i) => bytes.toString('utf8', bounds[2 * i], bounds[2 * i + 1]) };
}
