import type { AlignParameters } from './options.js';
import type { Side } from './preprocess.js';
import type { Seed } from './seeding.js';

/** Inclusive unit ranges of a sentence-level passage on both sides. */
export interface UnitSpan {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

/** What a sentence-level passage rests on, beyond its overall similarity. */
export interface Support {
  /**
   * Mean, over the passage's sentences (each side averaged, then both sides), of each sentence's
   * best cosine with a sentence of the other side of the passage. A reused passage pairs most
   * of its sentences with a counterpart; a passage stitched from a few matching sentences among
   * unrelated ones (two texts on one topic) leaves most of its sentences without one.
   */
  sentences: number;
  /**
   * -log10 of the chance that the two sides share as many distinct content terms as they do,
   * were each side's terms as likely to turn up in the other side as in any stretch of the
   * same length elsewhere in that text (Poisson). Two texts on one topic share their topic's
   * words everywhere; a reused passage shares far more than the rest of the texts explains.
   */
  significance: number;
}

/** Units of `side` overlapping the character span [start, end), as an inclusive range. */
export function unitsOf(side: Side, span: [number, number]): [number, number] {
  let from = -1;
  let to = -1;
  side.units.forEach((u, i) => {
    if (u.start < span[1] && span[0] < u.end) {
      if (from < 0) from = i;
      to = i;
    }
  });
  return [from, to];
}

/**
 * Measures a passage's support. `pairs` are the pair's similar sentence pairs (every cosine a
 * stage may use; pairs absent from it count as 0).
 */
export function support(span: UnitSpan, pairs: Seed[], a: Side, b: Side): Support {
  const na = span.aTo - span.aFrom + 1;
  const nb = span.bTo - span.bFrom + 1;
  const bestA = new Float64Array(na);
  const bestB = new Float64Array(nb);
  for (const p of pairs) {
    if (p.a < span.aFrom || p.a > span.aTo || p.b < span.bFrom || p.b > span.bTo) continue;
    bestA[p.a - span.aFrom] = Math.max(bestA[p.a - span.aFrom], p.cosine);
    bestB[p.b - span.bFrom] = Math.max(bestB[p.b - span.bFrom], p.cosine);
  }
  const mean = (xs: Float64Array) => xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length);
  const sentences = (mean(bestA) + mean(bestB)) / 2;
  return { sentences, significance: significance(span, a, b) };
}

function significance(span: UnitSpan, a: Side, b: Side): number {
  const termsA = termsOf(a, span.aFrom, span.aTo);
  const termsB = termsOf(b, span.bFrom, span.bTo);
  let shared = 0;
  for (const id of termsA) if (termsB.has(id)) shared++;
  const expected = Math.max(
    expectedShared(termsA, b, span.bFrom, span.bTo),
    expectedShared(termsB, a, span.aFrom, span.aTo),
  );
  return -Math.log10(poissonTail(shared, expected));
}

function termsOf(side: Side, from: number, to: number): Set<number> {
  const out = new Set<number>();
  for (let u = from; u <= to; u++) for (const id of side.units[u].terms) out.add(id);
  return out;
}

/**
 * Expected number of `terms` found in a stretch of `other` as long as its passage [from, to],
 * from how often each turns up in the units of `other` outside the passage.
 */
function expectedShared(terms: Set<number>, other: Side, from: number, to: number): number {
  const outside = other.units.length - (to - from + 1);
  if (outside <= 0) return 0;
  const df = new Map<number, number>();
  other.units.forEach((u, i) => {
    if (i >= from && i <= to) return;
    for (const id of u.terms) if (terms.has(id)) df.set(id, (df.get(id) ?? 0) + 1);
  });
  let sum = 0;
  for (const n of df.values()) sum += 1 - Math.pow(1 - n / outside, to - from + 1);
  return sum;
}

/** P(X >= k) for X ~ Poisson(lambda), floored to keep its logarithm finite. */
function poissonTail(k: number, lambda: number): number {
  if (lambda <= 0) return k > 0 ? 1e-300 : 1;
  let below = 0;
  let term = Math.exp(-lambda);
  for (let i = 0; i < k; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return Math.max(1e-300, 1 - below);
}

/**
 * How much the rest of a pair matches loosely: of each text's sentences outside every passage
 * (`spans`), those with a counterpart at `cosine` or more among the other text's sentences
 * outside every passage; `share` and `count` are the smaller of the two sides'.
 */
export function background(
  spans: UnitSpan[],
  pairs: Seed[],
  a: Side,
  b: Side,
  cosine: number,
): { share: number; count: number } {
  const inA = new Uint8Array(a.units.length);
  const inB = new Uint8Array(b.units.length);
  for (const s of spans) {
    if (s.aFrom >= 0) inA.fill(1, s.aFrom, s.aTo + 1);
    if (s.bFrom >= 0) inB.fill(1, s.bFrom, s.bTo + 1);
  }
  const matchedA = new Set<number>();
  const matchedB = new Set<number>();
  for (const p of pairs) {
    if (p.cosine < cosine || inA[p.a] || inB[p.b]) continue;
    matchedA.add(p.a);
    matchedB.add(p.b);
  }
  const restA = inA.length - inA.reduce((x, y) => x + y, 0);
  const restB = inB.length - inB.reduce((x, y) => x + y, 0);
  if (restA === 0 || restB === 0) return { share: 0, count: 0 };
  return {
    share: Math.min(matchedA.size / restA, matchedB.size / restB),
    count: Math.min(matchedA.size, matchedB.size),
  };
}

/** Fewest loosely matching sentences on each side that make a background (one is a coincidence). */
const BACKGROUND_MIN_SENTENCES = 2;

/**
 * False for a short paraphrase (at most `backgroundMaxUnits` sentences a side, no word sequence
 * copied: `copiedWords` false) in a pair whose other sentences also match loosely throughout
 * (`backgroundShare` of each text's sentences outside every passage). Two texts drawing on the
 * same subject and sources agree sentence by sentence here and there; against such a background
 * two paraphrased sentences do not stand out as a reused passage. Longer paraphrases, copied
 * wording, and pairs whose rest does not match are unaffected.
 */
export function standsOut(
  span: UnitSpan,
  spans: UnitSpan[],
  copiedWords: boolean,
  pairs: Seed[],
  a: Side,
  b: Side,
  params: Pick<AlignParameters, 'backgroundMaxUnits' | 'backgroundCosine' | 'backgroundShare'>,
): boolean {
  const short = span.aTo - span.aFrom < params.backgroundMaxUnits && span.bTo - span.bFrom < params.backgroundMaxUnits;
  if (!short || copiedWords) return true;
  const rest = background(spans, pairs, a, b, params.backgroundCosine);
  return rest.share < params.backgroundShare || rest.count < BACKGROUND_MIN_SENTENCES;
}

/** True when a sentence-level passage rests on enough matching sentences and on more shared words than chance. */
export function supported(
  span: UnitSpan,
  pairs: Seed[],
  a: Side,
  b: Side,
  params: Pick<AlignParameters, 'minSentenceSupport' | 'minSignificance'>,
): boolean {
  const s = support(span, pairs, a, b);
  return s.sentences >= params.minSentenceSupport && s.significance >= params.minSignificance;
}
