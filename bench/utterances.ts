/**
 * Quotes across a corpus: builds a corpus of news-size articles from PolNeAR (the originals plus
 * reprints and edited copies with known sources, some quotes cut or reworded), scans it, then
 * times `utterances(store)` and counts what it matched.
 *   npm run bench:utterances -- ../shared/data/polnear --out /tmp/utt-10k [--docs 10000] [--seed 1] [--reuse]
 * The corpus and its database go to --out (never into the repository: the text is PolNeAR's);
 * --reuse skips building and scanning when --out already holds them.
 * Reported: scan time (and its index phase, where quotes are extracted), utterances time, copies
 * whose source quotes were found, and utterances joining documents of different families
 * (different PolNeAR originals: either the same public statement quoted twice, or a false match).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scan, type ScanProgress } from '../src/corpus/scan.js';
import { utterances } from '../src/quotes/match.js';
import { openStore, type Store } from '../src/store/index.js';
import { benchArgs } from './args.js';

const { path: root, option } = benchArgs('bench/utterances.ts POLNEAR_DIR --out DIR [--docs 10000] [--seed 1]');
const out = option('--out');
if (!out) {
  console.error('--out DIR is required');
  process.exit(2);
}
if (resolve(out).startsWith(resolve(import.meta.dirname, '..') + '/')) {
  console.error('refusing to write the corpus inside the repository (it is built from PolNeAR text)');
  process.exit(2);
}
const total = Number(option('--docs') ?? 10_000);
let seed = Number(option('--seed') ?? 1);

/** Small deterministic generator (mulberry32). */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];

interface Article {
  id: string;
  text: string;
  outlet: string;
  published: string;
}

function loadOriginals(dir: string): Article[] {
  const meta = new Map<string, { publisher: string; date: string }>();
  for (const line of readFileSync(join(dir, 'metadata.tsv'), 'utf8').split('\n').slice(1)) {
    const cols = line.split('\t');
    if (cols.length > 5) meta.set(cols[1], { publisher: cols[4], date: cols[5] });
  }
  const articles: Article[] = [];
  for (const split of ['train', 'dev']) {
    const folder = join(dir, split, 'text');
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).sort()) {
      const name = file.replace(/\.txt$/, '');
      const m = meta.get(name);
      articles.push({ id: name, text: readFileSync(join(folder, file), 'utf8'), outlet: m?.publisher ?? 'unknown', published: m?.date ?? '2016-01-01' });
    }
  }
  return articles;
}

// Word swaps an editor (or a spinner) makes; applied inside and outside quotes alike.
const SWAPS: Record<string, string> = {
  said: 'stated', says: 'states', very: 'really', big: 'large', people: 'folks', think: 'believe', want: 'wish',
  great: 'tremendous', country: 'nation', help: 'assist', important: 'crucial', problem: 'issue', start: 'begin',
  show: 'demonstrate', need: 'require', get: 'obtain', many: 'numerous', make: 'create', believe: 'think', going: 'heading',
};

function laterDate(date: string): string {
  const t = Date.parse(date);
  if (!Number.isFinite(t)) return date;
  return new Date(t + (1 + Math.floor(random() * 3)) * 86_400_000).toISOString().slice(0, 10);
}

function edited(text: string): string {
  const paragraphs = text.split(/\n\s*\n/);
  const kept = paragraphs.filter((_, i) => i === 0 || random() > 0.15);
  return kept
    .map((p) => {
      let para = p.replace(/\b[A-Za-z]+\b/g, (w) => (SWAPS[w] && random() < 0.5 ? SWAPS[w] : w));
      // Cut a quote short now and then: keep its first half, then the closing mark.
      if (random() < 0.25) {
        para = para.replace(/([“"])([^”"]{60,}?)([”"])/, (_, open: string, inner: string, close: string) => {
          const words = inner.split(' ');
          return `${open}${words.slice(0, Math.ceil(words.length / 2)).join(' ')}${close}`;
        });
      }
      return para;
    })
    .join('\n\n');
}

function buildCorpus(): Article[] {
  const originals = loadOriginals(root);
  const outlets = ['Daily Courier', 'Evening Ledger', 'Metro Wire', 'Valley Post', 'Harbor Times', 'Plains Gazette'];
  const docs = [...originals];
  for (let i = 0; docs.length < total; i++) {
    const source = pick(originals);
    const outlet = pick(outlets);
    const kind = random();
    const text = kind < 0.4 ? `${outlet.toUpperCase()}\n\n${source.text}` : edited(source.text);
    docs.push({ id: `copy-${i}-${source.id}`, text, outlet, published: laterDate(source.published) });
  }
  return docs;
}

/** The PolNeAR article a document was made from. */
const familyOf = (id: string) => id.replace(/^copy-\d+-/, '');

async function main(): Promise<void> {
  const dir = resolve(out!);
  const dbPath = join(dir, 'corpus.db');
  if (process.argv.includes('--reuse')) {
    if (!existsSync(dbPath)) throw new Error(`--reuse: no ${dbPath}`);
    const store = openStore(dbPath);
    measure(store);
    store.close();
    return;
  }
  mkdirSync(dir, { recursive: true });
  const corpus = buildCorpus();
  const jsonl = join(dir, 'corpus.jsonl');
  writeFileSync(jsonl, corpus.map((a) => JSON.stringify({ id: a.id, text: a.text, outlet: a.outlet, published: a.published })).join('\n') + '\n');
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });

  const store = openStore(dbPath);
  const phases = new Map<string, number>();
  let phase = '';
  let phaseStart = performance.now();
  const onProgress = (p: ScanProgress) => {
    if (p.phase === phase) return;
    if (phase) phases.set(phase, performance.now() - phaseStart);
    phase = p.phase;
    phaseStart = performance.now();
  };
  const t0 = performance.now();
  await scan(store, [jsonl], { onProgress });
  phases.set(phase, performance.now() - phaseStart);
  const scanMs = performance.now() - t0;
  console.log(`scan ${(scanMs / 1000).toFixed(1)} s: ${[...phases].map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
  measure(store);
  store.close();
}

function measure(store: Store): void {
  const counts = store.counts();
  const quotes = store.quotes().length;
  console.log(`${counts.documents} documents (${counts.duplicates} exact duplicates), ${quotes} quotes, ${counts.links} links`);

  const t1 = performance.now();
  const list = utterances(store);
  const ms = performance.now() - t1;
  const shared = list.filter((u) => u.documents > 1);
  const variants = shared.flatMap((u) => u.variants.filter((v) => !v.canonical));
  const by = (key: string) => variants.filter((v) => v.matchedBy === key).length;
  console.log(`utterances ${(ms / 1000).toFixed(2)} s: ${list.length} utterances, ${shared.length} quoted by several documents, ${shared.filter((u) => u.altered).length} altered`);
  console.log(`variants: ${by('link')} by link, ${by('duplicate')} exact duplicates, ${by('speaker')} by speaker, ${by('text')} by words; ` +
    `${variants.filter((v) => v.drift?.truncated).length} truncated, ${variants.filter((v) => v.drift?.marksLost).length} without marks, ${variants.filter((v) => v.drift?.merged.length).length} merged`);

  // Copies: how many of their source's quotes are found in them.
  let expected = 0;
  let found = 0;
  const byDoc = new Map<string, Set<string>>();
  for (const u of list) for (const v of u.variants) byDoc.set(v.doc, (byDoc.get(v.doc) ?? new Set()).add(u.key));
  const originalQuotes = new Map<string, number>();
  for (const q of store.quotes()) if (!q.doc.startsWith('copy-')) originalQuotes.set(q.doc, (originalQuotes.get(q.doc) ?? 0) + 1);
  for (const doc of store.listDocuments()) {
    if (!doc.id.startsWith('copy-') || doc.duplicateOf) continue;
    const keys = byDoc.get(doc.id) ?? new Set();
    const sourceKeys = byDoc.get(familyOf(doc.id)) ?? new Set();
    expected += originalQuotes.get(familyOf(doc.id)) ?? 0;
    found += [...sourceKeys].filter((k) => keys.has(k)).length;
  }
  console.log(`source quotes found in their copies: ${found} of ${expected} (${((100 * found) / Math.max(1, expected)).toFixed(1)}%; paragraphs dropped from copies take some quotes with them)`);
  const mixed = shared.filter((u) => new Set(u.variants.map((v) => familyOf(v.doc))).size > 1);
  const unlinked = shared.filter((u) => u.variants.some((v) => v.matchedBy === 'speaker' || v.matchedBy === 'text'));
  console.log(`utterances joining different families: ${mixed.length} (${unlinked.length} through unlinked documents)`);
  for (const u of mixed.slice(0, Number(option('--show') ?? 5))) {
    const fams = [...new Set(u.variants.map((v) => familyOf(v.doc)))];
    console.log(`  ${u.speaker ?? '?'}: "${u.text.slice(0, 100)}" — ${fams.slice(0, 3).join(', ')}`);
  }
}

await main();
