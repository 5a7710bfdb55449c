/**
 * Direct quotes and speakers on PolNeAR (train and dev measured separately; see src/eval/quotes.ts
 * for the measure), then the time to extract the quotes of 10,000 news-size articles.
 *   npm run bench:quotes -- ../shared/data/polnear [--errors N] [--split train|dev] [--articles N]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countArticle, emptyCounts, loadPolnearSplit, measures, speakerMatches, type PolnearArticle, type QuoteCounts } from '../src/eval/quotes.js';
import { extractQuotes } from '../src/quotes/index.js';
import { benchArgs } from './args.js';

const { path: root, option } = benchArgs('bench/quotes.ts POLNEAR_DIR [--errors N] [--split train|dev] [--articles N]');
const showErrors = Number(option('--errors') ?? 0);
const onlySplit = option('--split');
const timingArticles = Number(option('--articles') ?? 10_000);

const pct = (x: number) => (100 * x).toFixed(1).padStart(5) + '%';

function measureSplit(name: string, articles: PolnearArticle[]): void {
  const counts: QuoteCounts = emptyCounts();
  const errors: string[] = [];
  const t0 = performance.now();
  for (const article of articles) {
    const predicted = extractQuotes(article.text);
    const before = { ...counts };
    countArticle(article.text, article.gold, predicted, counts);
    if (showErrors > 0 && (counts.exact - before.exact < counts.gold - before.gold || counts.correct - before.correct < counts.predicted - before.predicted || counts.speakerRight - before.speakerRight < counts.speakerGold - before.speakerGold)) {
      errors.push(describeErrors(article, predicted));
    }
  }
  const ms = performance.now() - t0;
  const m = measures(counts);
  console.log(`${name}: ${articles.length} articles, ${m.gold} gold direct quotes, ${m.predicted} predicted (${ms.toFixed(0)} ms)`);
  console.log(`  recall ${pct(m.recall)}  exact recall ${pct(m.exactRecall)}  precision ${pct(m.precision)}  exact F1 ${pct(m.exactF1)}`);
  console.log(`  speaker accuracy ${pct(m.speakerAccuracy)} (${m.speakerRight}/${m.speakerGold} found quotes with a gold source)`);
  if (errors.length > 0) console.log(errors.slice(0, showErrors).join('\n'));
}

function describeErrors(article: PolnearArticle, predicted: ReturnType<typeof extractQuotes>): string {
  const { text, gold } = article;
  const lines = [`== ${article.name}`];
  const show = (s: number, e: number) => text.slice(s, e).replace(/\n/g, '⏎');
  for (const g of gold.quotes) {
    const hits = predicted.filter((p) => p.start < g.end && g.start < p.end);
    const start = Math.min(...hits.map((p) => p.start));
    const end = Math.max(...hits.map((p) => p.end));
    const exact = hits.length > 0 && Math.abs(start - g.start) <= 2 && Math.abs(end - g.end) <= 2;
    const src = g.source ? show(g.source[0][0], g.source[g.source.length - 1][1]) : '-';
    const overlap = (p: { start: number; end: number }) => Math.min(p.end, g.end) - Math.max(p.start, g.start);
    const best = hits.reduce<(typeof hits)[number] | undefined>((a, b) => (!a || overlap(b) > overlap(a) ? b : a), undefined);
    const sp = best?.speaker ? `${best.speaker.mention}→${best.speaker.name}` : '-';
    const speakerOk = !g.source || !best || speakerMatches(text, g.source, best.speaker);
    if (!exact) lines.push(`  MISS${hits.length ? '(inexact)' : ''} gold ${g.start}-${g.end} ${show(g.start, Math.min(g.end, g.start + 160))}${hits.length ? `\n      pred ${start}-${end}: ${show(start, Math.min(end, start + 160))}` : ''}`);
    else if (!speakerOk) lines.push(`  SPEAKER gold "${src}" pred "${sp}" :: ${show(g.start, Math.min(g.end, g.start + 80))}… ${show(g.end, g.end + 60)}`);
  }
  for (const p of predicted) {
    const ok = gold.quotes.some((g) => p.start < g.end && g.start < p.end) || gold.contents.some((c) => c[0] <= p.start && p.end <= c[1]);
    if (!ok) lines.push(`  FALSE ${p.start}-${p.end} ${show(Math.max(0, p.start - 50), p.start)}[[${show(p.start, Math.min(p.end, p.start + 120))}]] ${show(p.end, p.end + 30)}`);
  }
  return lines.join('\n');
}

const splits = ['train', 'dev'].filter((s) => !onlySplit || s === onlySplit);
const all: PolnearArticle[] = [];
for (const split of splits) {
  const dir = join(root, split);
  if (!existsSync(dir)) {
    console.log(`${split}: not found at ${dir}`);
    continue;
  }
  const articles = loadPolnearSplit(dir);
  all.push(...articles);
  measureSplit(split, articles);
}

// Speed: extraction over 10k news-size articles (the synthetic corpus when present, else PolNeAR repeated).
const synth = '/tmp/synth-10k/corpus.jsonl';
let texts: string[];
let source: string;
if (existsSync(synth)) {
  texts = readFileSync(synth, 'utf8').split('\n').filter(Boolean).slice(0, timingArticles).map((line) => (JSON.parse(line) as { text: string }).text);
  source = synth;
} else {
  texts = [];
  source = 'PolNeAR texts repeated';
}
const polnearTexts: string[] = [];
for (let i = 0; all.length > 0 && polnearTexts.length < timingArticles; i++) polnearTexts.push(all[i % all.length].text);
for (const [label, set] of [[source, texts], ['PolNeAR texts repeated', polnearTexts]] as const) {
  if (set.length === 0 || (label === source && source === 'PolNeAR texts repeated' && set === texts)) continue;
  const chars = set.reduce((n, t) => n + t.length, 0);
  const t0 = performance.now();
  let quotes = 0;
  for (const t of set) quotes += extractQuotes(t).length;
  const s = (performance.now() - t0) / 1000;
  console.log(`speed: ${set.length} articles (${label}, ${(chars / set.length / 1000).toFixed(1)}k chars each): ${quotes} quotes in ${s.toFixed(1)} s`);
}
