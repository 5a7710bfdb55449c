/**
 * Direct-quote extraction measured against PolNeAR (brat standoff attributions).
 *
 * Gold direct quotes are relations whose Content begins with a quotation mark; a gold quote's span
 * runs from the first to the last character of its Content (discontinuous fragments included).
 * - recall: gold quotes overlapped by at least one predicted quote;
 * - exact: the predicted quotes overlapping a gold quote start (earliest start) and end (latest end)
 *   within EXACT_SLACK characters of it;
 * - precision: predicted quotes that overlap a gold direct quote or lie inside any gold Content;
 * - exact F1: harmonic mean of precision and exact recall;
 * - speaker: among found gold quotes that have a Source, the predicted quote overlapping it most has a
 *   speaker span overlapping the gold Source, or a resolved name containing the gold source's name.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Range = [start: number, end: number];

/** Characters a direct quote's Content may start with. */
const QUOTE_START = new Set(['"', '\u201C', '\u201D', "'", '\u2018', '\u2019', '\u00AB', '\u00BB', '\u201E', '\u201A']);
/** A predicted quote is exact when its ends are this close to the gold ones. */
export const EXACT_SLACK = 2;
// Honorifics dropped from a gold source before comparing it with a resolved name ("Mr. Trump" ~ "Donald Trump").
const HONORIFIC = /^(?:(?:mr|mrs|ms|dr|sen|rep|gov|gen|lt|col|sgt|capt|adm|prof|rev|hon|pres|sec|amb)\.?|senator|representative|governor|president|secretary|professor|ambassador|general)\s+/i;

const PRONOUN = /^(?:he|she|they|we|i|it|you|his|her|their|its|the\b.*|a\b.*|an\b.*)$/;

export interface BratSpan {
  type: string;
  ranges: Range[];
}

export interface BratDocument {
  spans: Map<string, BratSpan>;
  /** Each E line: role ("Source", "Cue", "Content", ...) → the span it points at. */
  relations: Array<Map<string, BratSpan>>;
}

/** Parses brat standoff: T lines (spans, possibly discontinuous) and E lines (relations). */
export function parseBrat(ann: string): BratDocument {
  const spans = new Map<string, BratSpan>();
  const events: string[][] = [];
  for (const line of ann.split('\n')) {
    const fields = line.split('\t');
    // A span's text may contain line breaks: its continuation lines match neither pattern.
    if (/^T\d+$/.test(fields[0]) && fields.length >= 2) {
      const space = fields[1].indexOf(' ');
      if (space < 0) continue;
      const ranges: Range[] = [];
      for (const part of fields[1].slice(space + 1).split(';')) {
        const [s, e] = part.trim().split(/\s+/).map(Number);
        if (Number.isInteger(s) && Number.isInteger(e) && e >= s) ranges.push([s, e]);
      }
      if (ranges.length > 0) spans.set(fields[0], { type: fields[1].slice(0, space), ranges });
    } else if (/^E\d+$/.test(fields[0]) && fields.length >= 2) {
      events.push(fields[1].trim().split(/\s+/));
    }
  }
  const relations = events.map((args) => {
    const relation = new Map<string, BratSpan>();
    for (const arg of args) {
      const colon = arg.lastIndexOf(':');
      const span = spans.get(arg.slice(colon + 1));
      if (colon > 0 && span) relation.set(arg.slice(0, colon), span);
    }
    return relation;
  });
  return { spans, relations };
}

export interface GoldQuote {
  start: number;
  end: number;
  /** The Source mention's ranges, or null for a relation without a source. */
  source: Range[] | null;
}

export interface GoldArticle {
  quotes: GoldQuote[];
  /** First-to-last extent of every Content (direct or indirect). */
  contents: Range[];
}

function extent(ranges: Range[]): Range {
  return [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
}

/** The gold direct quotes and content extents of one annotated article. */
export function goldFromBrat(text: string, ann: string): GoldArticle {
  const quotes: GoldQuote[] = [];
  const contents: Range[] = [];
  for (const relation of parseBrat(ann).relations) {
    const content = relation.get('Content');
    if (!content) continue;
    const [start, end] = extent(content.ranges);
    contents.push([start, end]);
    if (!QUOTE_START.has(text[start] ?? '')) continue;
    quotes.push({ start, end, source: relation.get('Source')?.ranges ?? null });
  }
  return { quotes, contents };
}

/** What the measure needs from a predicted quote. */
export interface PredictedQuote {
  start: number;
  end: number;
  speaker: { name: string; start: number; end: number } | null;
}

export interface QuoteCounts {
  gold: number;
  found: number;
  exact: number;
  predicted: number;
  correct: number;
  /** Found gold quotes that have a Source. */
  speakerGold: number;
  speakerRight: number;
}

export interface QuoteMeasures extends QuoteCounts {
  recall: number;
  exactRecall: number;
  precision: number;
  exactF1: number;
  /** Harmonic mean of precision and (overlap) recall. */
  overlapF1: number;
  speakerAccuracy: number;
}

export function emptyCounts(): QuoteCounts {
  return { gold: 0, found: 0, exact: 0, predicted: 0, correct: 0, speakerGold: 0, speakerRight: 0 };
}

function overlaps(a: Range, b: Range): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

function overlapLength(a: Range, b: Range): number {
  return Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
}

function nameWords(value: string): string {
  return value.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** True when the predicted speaker matches the gold Source: overlapping spans or the same name. */
export function speakerMatches(text: string, source: Range[], speaker: PredictedQuote['speaker']): boolean {
  if (!speaker) return false;
  if (source.some((r) => overlaps(r, [speaker.start, speaker.end]))) return true;
  const sourceName = nameWords(source.map((r) => text.slice(r[0], r[1])).join(' ')).replace(HONORIFIC, '');
  // Only a name compares by name: a pronoun or "the spokeswoman" must match by span.
  const isName = /^\p{Lu}/u.test(text.slice(source[0][0]).trimStart()) && !PRONOUN.test(sourceName);
  return isName && sourceName.length > 0 && nameWords(speaker.name).includes(sourceName);
}

/** Adds one article's counts to `into` (and returns it). */
export function countArticle(text: string, gold: GoldArticle, predicted: readonly PredictedQuote[], into = emptyCounts()): QuoteCounts {
  into.gold += gold.quotes.length;
  into.predicted += predicted.length;
  for (const g of gold.quotes) {
    const span: Range = [g.start, g.end];
    const hits = predicted.filter((p) => overlaps([p.start, p.end], span));
    if (hits.length === 0) continue;
    into.found++;
    const start = Math.min(...hits.map((p) => p.start));
    const end = Math.max(...hits.map((p) => p.end));
    if (Math.abs(start - g.start) <= EXACT_SLACK && Math.abs(end - g.end) <= EXACT_SLACK) into.exact++;
    if (g.source) {
      into.speakerGold++;
      const best = hits.reduce((a, b) => (overlapLength([b.start, b.end], span) > overlapLength([a.start, a.end], span) ? b : a));
      if (speakerMatches(text, g.source, best.speaker)) into.speakerRight++;
    }
  }
  for (const p of predicted) {
    const span: Range = [p.start, p.end];
    if (gold.quotes.some((g) => overlaps(span, [g.start, g.end])) || gold.contents.some((c) => c[0] <= p.start && p.end <= c[1])) {
      into.correct++;
    }
  }
  return into;
}

export function measures(counts: QuoteCounts): QuoteMeasures {
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const recall = ratio(counts.found, counts.gold);
  const exactRecall = ratio(counts.exact, counts.gold);
  const precision = ratio(counts.correct, counts.predicted);
  const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  return { ...counts, recall, exactRecall, precision, exactF1: f1(precision, exactRecall), overlapF1: f1(precision, recall), speakerAccuracy: ratio(counts.speakerRight, counts.speakerGold) };
}

export interface PolnearArticle {
  name: string;
  text: string;
  gold: GoldArticle;
}

/**
 * Loads one PolNeAR split (`DIR/text/*.txt`, `DIR/attributions/*_<annotator>.ann`). When several
 * annotators annotated an article, the first .ann in sorted order is used.
 */
export function loadPolnearSplit(dir: string): PolnearArticle[] {
  const annFiles = readdirSync(join(dir, 'attributions')).filter((f) => f.endsWith('.ann')).sort();
  const annOf = new Map<string, string>();
  for (const file of annFiles) {
    const base = file.slice(0, file.lastIndexOf('_'));
    if (!annOf.has(base)) annOf.set(base, file);
  }
  const articles: PolnearArticle[] = [];
  for (const file of readdirSync(join(dir, 'text')).filter((f) => f.endsWith('.txt')).sort()) {
    const name = file.slice(0, -'.txt'.length);
    const ann = annOf.get(name);
    if (!ann) continue;
    const text = readFileSync(join(dir, 'text', file), 'utf8');
    articles.push({ name, text, gold: goldFromBrat(text, readFileSync(join(dir, 'attributions', ann), 'utf8')) });
  }
  return articles;
}

/** `mimeo eval polnear --json`: content scores (exact and overlap) and speaker accuracy. */
export interface PolnearJson {
  content: { exact: { p: number; r: number; f1: number }; overlap: { p: number; r: number; f1: number } };
  speaker: { accuracy: number; n: number };
}

export interface PolnearReport {
  articles: number;
  measures: QuoteMeasures;
  seconds: number;
}

/**
 * Extracts the quotes of every annotated article in a PolNeAR-format folder (`text/`,
 * `attributions/`) with `extract` and scores them. Throws when the folder has no annotated article.
 */
export function evaluatePolnear(dir: string, extract: (text: string) => readonly PredictedQuote[]): PolnearReport {
  for (const sub of ['text', 'attributions']) {
    if (!existsSync(join(dir, sub))) {
      const splits = existsSync(dir) ? readdirSync(dir).filter((d) => existsSync(join(dir, d, sub))) : [];
      const hint = splits.length > 0 ? ` (its ${splits.map((d) => `${d}/`).join(', ')} ${splits.length === 1 ? 'has' : 'have'} one: pass that folder)` : '';
      throw new PolnearFolderError(`${dir}: no ${sub}/ folder, expected a PolNeAR-format folder with text/ and attributions/${hint}`);
    }
  }
  const articles = loadPolnearSplit(dir);
  if (articles.length === 0) throw new PolnearFolderError(`${dir}: no article in text/ has an annotation (<name>_<annotator>.ann) in attributions/`);
  const t0 = performance.now();
  const counts = emptyCounts();
  for (const article of articles) countArticle(article.text, article.gold, extract(article.text), counts);
  return { articles: articles.length, measures: measures(counts), seconds: (performance.now() - t0) / 1000 };
}

/** A folder that is not in PolNeAR's format: the CLI prints its message as one line. */
export class PolnearFolderError extends Error {
  override name = 'PolnearFolderError';
}

export function polnearJson(m: QuoteMeasures): PolnearJson {
  return {
    content: {
      exact: { p: m.precision, r: m.exactRecall, f1: m.exactF1 },
      overlap: { p: m.precision, r: m.recall, f1: m.overlapF1 },
    },
    speaker: { accuracy: m.speakerAccuracy, n: m.speakerGold },
  };
}

export function formatPolnearTable(report: PolnearReport): string {
  const m = report.measures;
  const f = (x: number) => x.toFixed(4).padStart(9);
  return [
    `${report.articles} articles, ${m.gold} gold direct quotes, ${m.predicted} predicted (${report.seconds.toFixed(1)} s)`,
    `content   precision   recall       F1`,
    `exact     ${f(m.precision)}${f(m.exactRecall)}${f(m.exactF1)}`,
    `overlap   ${f(m.precision)}${f(m.recall)}${f(m.overlapF1)}`,
    `speaker accuracy ${m.speakerAccuracy.toFixed(4)} (${m.speakerRight}/${m.speakerGold} found quotes with a gold source)`,
  ].join('\n');
}
