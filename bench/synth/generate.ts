// The synthetic scale corpus: plan (roles, topics, outlets, dates), then documents generated in id
// order and streamed to corpus.jsonl, with truth.jsonl, negatives.jsonl and stats.json.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { NgramBloom } from './bloom.js';
import {
  buildAroundPassage,
  buildEdited,
  buildPartial,
  buildVerbatim,
  render,
  type BaseDoc,
  type BuildContext,
  type Rendered,
  type Span,
} from './inject.js';
import { MarkovGenerator, defaultTopic, strongTopic, trainMarkov, type GenStats, type MarkovModel, type TopicOptions } from './markov.js';
import { measureOverlap, pairShared, type OverlapDoc, type OverlapReport } from './overlap.js';
import { loadPanCases, type PanCase, type PanKind } from './pan-cases.js';
import { Rng, mixSeed } from './rng.js';
import { normWords } from './tokens.js';
import type { CaseKind, NegativePair, TruthCase } from './truth.js';

export interface SynthOptions {
  /** PAN 2013 training corpus folder (src/, susp/, 03-.., 04-.., 05-..). */
  pan: string;
  docs: number;
  out: string;
  seed: number;
  /** Share of documents that are derivatives (verbatim, partial, edited, paraphrase, summary). */
  derivRate: number;
  /** Share of documents that are exact duplicates. */
  dupRate: number;
  /** Share of documents in same-topic must-not-link pairs (hard negatives). */
  negRate: number;
  /** Word n-gram length no two generated passages may share. */
  guard: number;
  /** Base documents sampled for the accidental-overlap measurement. */
  overlapSample: number;
  log: (msg: string) => void;
}

export const defaultSynthOptions: Omit<SynthOptions, 'pan' | 'out'> = {
  docs: 10000,
  seed: 1,
  derivRate: 0.1,
  dupRate: 0.01,
  negRate: 0.004,
  guard: 8,
  overlapSample: 2000,
  log: () => {},
};

type TextKind = 'verbatim' | 'partial' | 'edited';

type Role =
  | { role: 'base'; topic: number }
  | { role: 'negative'; topic: number; partner: number }
  | { role: 'pan-a'; topic: number; pan: PanCase }
  | { role: 'pan-b'; topic: number; pan: PanCase; a: number }
  | { role: 'derived'; kind: TextKind; a: number }
  | { role: 'duplicate'; a: number };

interface Slot {
  plan: Role;
  outlet: number;
  /** Epoch ms, or null when undated. */
  date: number | null;
  target: number;
}

const OUTLETS = [
  'Harbor Ledger', 'Northfield Courier', 'Daily Meridian', 'Coastline Herald', 'Valley Post',
  'Metro Wire', 'Continental Press Agency', 'The Evening Lantern', 'Riverside Gazette', 'Summit Times',
  'Plains Observer', 'Capital Dispatch', 'Lakeshore News', 'Granite State Record', 'Bay City Chronicle',
  'Global Newswire', 'The Morning Signal', 'Eastbridge Journal', 'Pinecrest Tribune', 'Westport Bulletin',
];

const YEAR = 2024;
const YEAR_START = Date.UTC(YEAR, 0, 1);
const DAY = 86_400_000;

export interface SynthStats {
  options: Omit<SynthOptions, 'log'>;
  docs: number;
  bytes: number;
  chars: number;
  seconds: { train: number; generate: number; overlap: number; total: number };
  peakRssMB: number;
  roles: Record<string, number>;
  cases: Record<string, number>;
  negatives: number;
  panPool: Record<string, number>;
  sizes: { min: number; p5: number; p25: number; median: number; p75: number; p95: number; max: number; mean: number };
  derivativeDates: { after: number; undated: number; before: number };
  topics: { used: number; largest: number; docsInTopicsOf10Plus: number };
  model: { trainTokens: number; trainSentences: number; vocabulary: number; bloomMB: number; bloomItems: number };
  generator: GenStats & { topicShareOfContentWords: number };
  overlap: OverlapReport & { note: string };
  negativePairs: { pairs: number; sharing5: number; sharing8: number };
}

/** Buffered, synchronous line writer (keeps memory flat). */
class LineWriter {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  line(obj: unknown): void {
    const s = JSON.stringify(obj) + '\n';
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buf.length > 0) writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function docId(i: number): string {
  return 'd' + String(i).padStart(6, '0');
}

function targetLength(rng: Rng): number {
  return Math.round(Math.min(4000, Math.max(2500, 3150 + 380 * rng.normal())));
}

/** Assigns roles, sources, topics, outlets and dates to every slot. */
function makePlan(
  opts: SynthOptions,
  model: MarkovModel,
  pool: Map<PanKind, PanCase[]>,
): { slots: Slot[]; hotTopics: number[] } {
  const rng = new Rng(mixSeed(opts.seed, 0x91a7));
  const N = opts.docs;
  const eligible: number[] = [];
  for (let d = 0; d < model.docContent.length; d++) if (model.docContent[d] >= 120) eligible.push(d);
  const topicOrder = rng.shuffle(eligible.slice());
  // Skewed popularity: a few stories get much of the coverage.
  const pickTopic = () => topicOrder[Math.floor(topicOrder.length * rng.next() ** 1.6)];

  const nDeriv = Math.round(N * opts.derivRate);
  const nDup = Math.round(N * opts.dupRate);
  const nNegPairs = Math.max(N >= 50 ? 2 : 0, Math.round((N * opts.negRate) / 2));
  const panKinds: [PanKind, number][] = [
    ['paraphrase-random', 0.1],
    ['paraphrase-translation', 0.1],
    ['summary', 0.04],
  ];
  const panCases: PanCase[] = [];
  for (const [kind, share] of panKinds) {
    const list = rng.shuffle((pool.get(kind) ?? []).slice());
    panCases.push(...list.slice(0, Math.min(list.length, Math.round(nDeriv * share))));
  }
  const nText = Math.max(0, nDeriv - panCases.length);
  const textKinds: TextKind[] = [];
  for (let i = 0; i < nText; i++) textKinds.push((['verbatim', 'partial', 'edited'] as const)[i % 3]);

  const free = rng.shuffle(Array.from({ length: N }, (_, i) => i));
  const take = () => {
    const s = free.pop();
    if (s === undefined) throw new Error('synth: too few documents for the requested reuse');
    return s;
  };
  const roles: (Role | undefined)[] = new Array(N);
  for (const c of panCases) {
    const a = take();
    const b = take();
    const src = model.docIndex.get(c.srcName);
    const topic = src !== undefined && model.docContent[src] >= 60 ? src : pickTopic();
    roles[a] = { role: 'pan-a', topic, pan: c };
    roles[b] = { role: 'pan-b', topic, pan: c, a };
  }
  const derivedSlots = textKinds.map(() => take());
  const dupSlots = Array.from({ length: nDup }, () => take());
  for (let p = 0; p < nNegPairs; p++) {
    const a = take();
    const b = take();
    const topic = pickTopic();
    roles[a] = { role: 'negative', topic, partner: b };
    roles[b] = { role: 'negative', topic, partner: a };
  }
  const bases = free.slice();
  for (const s of bases) roles[s] = { role: 'base', topic: pickTopic() };
  // Sources: mostly distinct base documents; some stories are reprinted several times.
  const sourcePool = rng.shuffle(bases.slice());
  const usedSources: number[] = [];
  const nextSource = () => {
    const s = sourcePool.pop();
    if (s === undefined) throw new Error('synth: too few base documents');
    return s;
  };
  derivedSlots.forEach((slot, i) => {
    let a: number;
    if (usedSources.length > 0 && rng.chance(0.3)) a = rng.pick(usedSources);
    else {
      a = nextSource();
      usedSources.push(a);
    }
    roles[slot] = { role: 'derived', kind: textKinds[i], a };
  });
  for (const slot of dupSlots) roles[slot] = { role: 'duplicate', a: nextSource() };

  const slots: Slot[] = new Array(N);
  const undatedOrRandom = (r: Rng) => (r.chance(0.03) ? null : YEAR_START + Math.floor(r.next() * 366 * DAY));
  // Dates of originals first, then of derivatives relative to their source.
  for (let i = 0; i < N; i++) {
    const plan = roles[i] as Role;
    const original = plan.role === 'base' || plan.role === 'negative' || plan.role === 'pan-a';
    slots[i] = { plan, outlet: rng.int(OUTLETS.length), date: original ? undatedOrRandom(rng) : null, target: targetLength(rng) };
  }
  for (let i = 0; i < N; i++) {
    const s = slots[i];
    const p = s.plan;
    if (p.role !== 'derived' && p.role !== 'pan-b' && p.role !== 'duplicate') continue;
    const src = slots[p.a];
    if (p.role === 'duplicate' && rng.chance(0.5)) s.outlet = src.outlet;
    else if (s.outlet === src.outlet) s.outlet = (s.outlet + 1 + rng.int(OUTLETS.length - 1)) % OUTLETS.length;
    const base = src.date ?? YEAR_START + Math.floor(rng.next() * 366 * DAY);
    const r = rng.next();
    if (p.role === 'duplicate') s.date = r < 0.1 ? null : base + Math.floor(rng.next() * 6 * 3_600_000);
    else if (r < 0.75) s.date = base + Math.floor(rng.next() * 3 * DAY);
    else if (r < 0.87) s.date = null;
    else s.date = base - Math.floor(rng.next() * 10 * DAY);
  }
  const topicCount = new Map<number, number>();
  for (const s of slots) {
    const p = s.plan;
    if (p.role === 'base') topicCount.set(p.topic, (topicCount.get(p.topic) ?? 0) + 1);
  }
  const hotTopics = [...topicCount.entries()]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, 3)
    .map(([t]) => t);
  return { slots, hotTopics };
}

interface DocRecord {
  title: string;
  text: string;
  base?: BaseDoc;
  rendered?: Rendered;
  /** pan-a: where the source passage is. */
  span?: Span;
  topic: number;
}

function topicOf(slots: Slot[], i: number): number {
  const p = slots[i].plan;
  if (p.role === 'derived' || p.role === 'duplicate') return topicOf(slots, p.a);
  return p.topic;
}

function percentile(sorted: Int32Array, q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Generates the corpus into opts.out; returns (and writes) the statistics. */
export function generateCorpus(options: Partial<SynthOptions> & { pan: string; out: string }): SynthStats {
  const opts: SynthOptions = { ...defaultSynthOptions, ...options };
  const t0 = performance.now();
  let peakRss = 0;
  const sampleRss = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  mkdirSync(opts.out, { recursive: true });

  const model = trainMarkov(join(opts.pan, 'src'));
  const pool = loadPanCases(opts.pan);
  const { slots, hotTopics } = makePlan(opts, model, pool);
  const N = opts.docs;
  const bloom = new NgramBloom(model.tokens.length + N * 620 + 200_000);
  const gen = new MarkovGenerator(model, bloom, opts.guard);
  gen.seedTraining();
  // Real passages placed in the corpus: generated text must not repeat their n-grams either.
  for (const s of slots) {
    if (s.plan.role === 'pan-b') gen.seedWords(normWords(s.plan.pan.obfuscated));
  }
  const tTrain = performance.now();
  sampleRss();
  opts.log(`trained on ${model.tokens.length} tokens, ${model.trainSentences} sentences (${((tTrain - t0) / 1000).toFixed(1)} s)`);

  // How many later documents need each one; records are kept until written and no longer needed.
  const refs = new Int32Array(N);
  for (const s of slots) {
    const p = s.plan;
    if (p.role === 'derived' || p.role === 'duplicate' || p.role === 'pan-b') refs[p.a]++;
  }
  const cache = new Map<number, DocRecord>();
  const written = new Uint8Array(N);

  // Overlap sample: random originals plus the hottest topics' originals.
  const sampleIds = new Set<number>();
  {
    const rng = new Rng(mixSeed(opts.seed, 0x5a3e));
    const originals: number[] = [];
    const hot = new Map<number, number>(hotTopics.map((t) => [t, 0]));
    for (let i = 0; i < N; i++) {
      const p = slots[i].plan;
      if (p.role !== 'base' && p.role !== 'negative' && p.role !== 'pan-a') continue;
      originals.push(i);
      const h = hot.get(p.topic);
      if (h !== undefined && h < 300 && p.role === 'base') {
        hot.set(p.topic, h + 1);
        sampleIds.add(i);
      }
    }
    rng.shuffle(originals);
    for (const i of originals.slice(0, opts.overlapSample)) sampleIds.add(i);
  }
  const sampleDocs: OverlapDoc[] = [];
  const negativeTexts = new Map<number, string>();
  const negativeOverlap = { pairs: 0, sharing5: 0, sharing8: 0 };

  const corpus = new LineWriter(join(opts.out, 'corpus.jsonl'));
  const truthOut = new LineWriter(join(opts.out, 'truth.jsonl'));
  const negOut = new LineWriter(join(opts.out, 'negatives.jsonl'));
  const caseCounts: Record<string, number> = {};
  const roleCounts: Record<string, number> = {};
  const sizes = new Int32Array(N);
  let bytes = 0;
  let chars = 0;
  const dateStats = { after: 0, undated: 0, before: 0 };

  const truth = (a: number, b: number, kind: CaseKind, aSpan: Span, bSpan: Span, extra: Partial<TruthCase> = {}) => {
    const c: TruthCase = { a: docId(a), b: docId(b), kind, aSpan, bSpan, ...extra };
    truthOut.line(c);
    caseCounts[kind] = (caseCounts[kind] ?? 0) + 1;
    const da = slots[a].date;
    const db = slots[b].date;
    if (db === null || da === null) dateStats.undated++;
    else if (db >= da) dateStats.after++;
    else dateStats.before++;
  };

  const release = (i: number) => {
    if (written[i] && refs[i] === 0) cache.delete(i);
  };

  const context = (i: number, rng: Rng, topic: number, topicOpts: TopicOptions = defaultTopic): BuildContext => {
    gen.beginDoc(topic, topicOpts);
    const p = slots[i].plan;
    const a = p.role === 'derived' || p.role === 'duplicate' || p.role === 'pan-b' ? slots[p.a] : slots[i];
    return { rng, gen, target: slots[i].target, outletA: OUTLETS[a.outlet], outletB: OUTLETS[slots[i].outlet], year: YEAR };
  };

  const ensure = (i: number): DocRecord => {
    const have = cache.get(i);
    if (have) return have;
    const slot = slots[i];
    const p = slot.plan;
    const rng = new Rng(mixSeed(opts.seed, i, 0x7e57));
    let rec: DocRecord;
    switch (p.role) {
      case 'base':
      case 'negative': {
        gen.beginDoc(p.topic, p.role === 'negative' ? strongTopic : defaultTopic);
        const title = gen.headline(rng);
        const paras = gen.paragraphSentences(rng, Math.max(400, slot.target - title.length - 2));
        const base: BaseDoc = { title, paras };
        const rendered = render(base);
        rec = { title, text: rendered.text, base, rendered, topic: p.topic };
        break;
      }
      case 'pan-a':
      case 'pan-b': {
        const ctx = context(i, rng, p.topic);
        const passage = p.role === 'pan-a' ? p.pan.source : p.pan.obfuscated;
        ctx.target = Math.max(ctx.target, passage.length + 700);
        if (p.role === 'pan-a' && p.pan.kind === 'summary') ctx.target = passage.length + 300;
        const built = buildAroundPassage(passage, ctx);
        rec = { title: built.title, text: built.text, span: built.span, topic: p.topic };
        gen.seedWords(normWords(built.text));
        if (p.role === 'pan-b') {
          const a = ensure(p.a);
          truth(p.a, i, p.pan.kind, a.span as Span, built.span, {
            pan: { src: p.pan.srcName, srcOffset: p.pan.srcOffset, susp: p.pan.suspName, thisOffset: p.pan.thisOffset },
          });
          refs[p.a]--;
          release(p.a);
        }
        break;
      }
      case 'derived': {
        const a = ensure(p.a);
        const ctx = context(i, rng, a.topic);
        const rendered = a.rendered as Rendered;
        const d =
          p.kind === 'verbatim'
            ? buildVerbatim(rendered, ctx)
            : p.kind === 'partial'
              ? buildPartial(rendered, ctx)
              : buildEdited(rendered, a.base as BaseDoc, ctx);
        rec = { title: d.title, text: d.text, topic: a.topic };
        // Later generated text must not repeat what the edits (or credit lines) created.
        gen.seedWords(normWords(d.text));
        truth(p.a, i, p.kind, d.aSpan, d.bSpan, d.touched !== undefined ? { touched: d.touched } : {});
        refs[p.a]--;
        release(p.a);
        break;
      }
      case 'duplicate': {
        const a = ensure(p.a);
        rec = { title: a.title, text: a.text, topic: a.topic };
        truth(p.a, i, 'duplicate', [0, a.text.length], [0, a.text.length]);
        refs[p.a]--;
        release(p.a);
        break;
      }
    }
    cache.set(i, rec);
    return rec;
  };

  for (let i = 0; i < N; i++) {
    const rec = ensure(i);
    const slot = slots[i];
    const p = slot.plan;
    corpus.line({
      id: docId(i),
      title: rec.title,
      text: rec.text,
      outlet: OUTLETS[slot.outlet],
      published: slot.date === null ? null : new Date(slot.date).toISOString(),
    });
    written[i] = 1;
    sizes[i] = rec.text.length;
    chars += rec.text.length;
    bytes += Buffer.byteLength(rec.text);
    const roleName = p.role === 'derived' ? `derived-${p.kind}` : p.role === 'pan-b' ? `pan-b-${p.pan.kind}` : p.role;
    roleCounts[roleName] = (roleCounts[roleName] ?? 0) + 1;
    if (sampleIds.has(i)) sampleDocs.push({ id: docId(i), text: rec.text, topic: rec.topic });
    if (p.role === 'negative') {
      const other = negativeTexts.get(p.partner);
      if (other === undefined) negativeTexts.set(i, rec.text);
      else {
        negativeTexts.delete(p.partner);
        negOut.line({ a: docId(p.partner), b: docId(i), kind: 'same-topic' } satisfies NegativePair);
        negativeOverlap.pairs++;
        if (pairShared(other, rec.text, 5) > 0) negativeOverlap.sharing5++;
        if (pairShared(other, rec.text, 8) > 0) negativeOverlap.sharing8++;
      }
    }
    release(i);
    if ((i + 1) % 10000 === 0 || i + 1 === N) {
      sampleRss();
      opts.log(
        `${i + 1}/${N} documents, ${(chars / 1e6).toFixed(0)} M chars, ${((performance.now() - t0) / 1000).toFixed(1)} s, ` +
          `cache ${cache.size}, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
      );
    }
  }
  corpus.close();
  truthOut.close();
  negOut.close();
  const tGen = performance.now();

  const overlap = measureOverlap(sampleDocs, [5, 6, 8]);
  sampleRss();
  const tOverlap = performance.now();

  const sorted = sizes.slice().sort();
  const topicSizes = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    const t = topicOf(slots, i);
    topicSizes.set(t, (topicSizes.get(t) ?? 0) + 1);
  }
  let inBig = 0;
  for (const c of topicSizes.values()) if (c >= 10) inBig += c;
  const { log: _log, ...optionsForStats } = opts;
  void _log;
  const stats: SynthStats = {
    options: optionsForStats,
    docs: N,
    bytes,
    chars,
    seconds: {
      train: round((tTrain - t0) / 1000),
      generate: round((tGen - tTrain) / 1000),
      overlap: round((tOverlap - tGen) / 1000),
      total: round((tOverlap - t0) / 1000),
    },
    peakRssMB: Math.round(peakRss / 1e6),
    roles: roleCounts,
    cases: caseCounts,
    negatives: negativeOverlap.pairs,
    panPool: Object.fromEntries([...pool].map(([k, v]) => [k, v.length])),
    sizes: {
      min: sorted[0] ?? 0,
      p5: percentile(sorted, 0.05),
      p25: percentile(sorted, 0.25),
      median: percentile(sorted, 0.5),
      p75: percentile(sorted, 0.75),
      p95: percentile(sorted, 0.95),
      max: sorted[sorted.length - 1] ?? 0,
      mean: Math.round(chars / Math.max(1, N)),
    },
    derivativeDates: dateStats,
    topics: {
      used: topicSizes.size,
      largest: Math.max(0, ...topicSizes.values()),
      docsInTopicsOf10Plus: inBig,
    },
    model: {
      trainTokens: model.tokens.length,
      trainSentences: model.trainSentences,
      vocabulary: model.vocab.length,
      bloomMB: Math.round(bloom.bytes / 1e6),
      bloomItems: bloom.added,
    },
    generator: {
      ...gen.stats,
      topicShareOfContentWords: round(gen.stats.topicTokens / Math.max(1, gen.stats.contentTokens)),
    },
    overlap: {
      ...overlap,
      note:
        'Word n-grams (lowercased words) shared between original documents (base, negative, PAN source side) ' +
        'that are in no truth case: a random sample plus up to 300 documents of each of the 3 largest topics.',
    },
    negativePairs: negativeOverlap,
  };
  writeFileSync(join(opts.out, 'stats.json'), JSON.stringify(stats, null, 2) + '\n');
  return stats;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
