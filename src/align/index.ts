import { analyze } from '../text/index.js';
import { unionLength } from '../text/spans.js';
import type { Analysis } from '../text/types.js';
import { classify } from './classify.js';
import { extendEdges } from './edges.js';
import { extendSeeds, type Fragment } from './extension.js';
import { dropWeak, resolveOverlaps } from './filtering.js';
import { defaultParameters, type AlignParameters } from './options.js';
import { preprocess, tokenRange, type Side } from './preprocess.js';
import { passing, similarPairs } from './seeding.js';
import { findSummaries, withSummaries } from './summary.js';
import { standsOut, supported, unitsOf, type UnitSpan } from './support.js';
import type { AlignInput, AlignOptions, AlignResult, Passage } from './types.js';
import { chainRuns, findRuns, type Run } from './verbatim.js';

export type * from './types.js';
export { defaultParameters, type AlignParameters } from './options.js';

/**
 * Finds every passage of `a` reused in `b` (or the other way round), with original offsets.
 * Stages: preprocess → seeding → extension → filtering, then verbatim refinement; paraphrases
 * finally need support beyond shared topic vocabulary (support.ts).
 */
export function align(a: AlignInput, b: AlignInput, options: AlignOptions = {}): AlignResult {
  const params: AlignParameters = { ...defaultParameters, ...options.parameters };
  const analysisA = toAnalysis(a, options);
  const analysisB = toAnalysis(b, options);
  const [sideA, sideB] = preprocess(analysisA, analysisB, params);

  const pairs = similarPairs(sideA, sideB, params);
  const seeds = passing(pairs, params.seedCosine, params.seedDice);
  let fragments = extendSeeds(seeds, sideA, sideB, {
    gapA: params.maxGap,
    gapB: params.maxGap,
    validationCosine: params.validationCosine,
    ordered: params.orderedExtension,
  });
  const runs = chainRuns(findRuns(sideA, sideB, params.verbatimNgram), params.verbatimNgram);
  const copied = runs.filter((r) => runChars(r, sideA) >= params.minVerbatimChars);
  fragments = withSummaries(fragments, findSummaries(pairs, sideA, sideB, params), copied, sideA, sideB, params);
  fragments = resolveOverlaps(fragments, sideA, sideB);
  // Mostly verbatim fragments get their exact extent from the runs instead.
  const verbatim = (f: Fragment) => runsInside(f, runs, sideA, sideB).share >= params.verbatimSnapShare;
  const copyPair = copied.length > 0;
  fragments = dropWeak(fragments, sideA, sideB, params, (f) => copyPair && !verbatim(f));
  fragments = extendEdges(pairs, fragments, sideA, sideB, params, verbatim);

  const spans = oneOriginEach(refineWithRuns(fragments, runs, sideA, sideB, params))
    .map((c) => (c.method === 'sentence-cluster' ? trimEdges(c, sideA, sideB) : c));
  // Word-for-word copying is evidence of its own; a paraphrase found by sentence similarity
  // rests on shared vocabulary, which two texts on one topic also have: it must be supported,
  // and when short, stand out from how much the rest of the pair (outside the passages) matches.
  const paraphrase = (c: Candidate, p: Passage) => c.method === 'sentence-cluster' && p.kind === 'paraphrase';
  const found = spans
    .map((c) => ({ c, u: unitSpan(c, sideA, sideB), p: classify(c, sideA, sideB) }))
    .filter(({ c, u, p }) => !paraphrase(c, p) || supported(u, pairs, sideA, sideB, params));
  const units = found.map(({ u }) => u);
  const passages = found
    .filter(
      ({ c, u, p }) =>
        !paraphrase(c, p) || standsOut(u, units, p.evidence.verbatimShare > 0, pairs, sideA, sideB, params),
    )
    .map(({ p }) => p);
  passages.sort((x, y) => x.a[0] - y.a[0]);
  return { passages, coverage: coverage(passages, analysisA.text.length, analysisB.text.length) };
}

function unitSpan(c: Candidate, a: Side, b: Side): UnitSpan {
  const [aFrom, aTo] = unitsOf(a, c.a);
  const [bFrom, bTo] = unitsOf(b, c.b);
  return { aFrom, aTo, bFrom, bTo };
}

function runChars(r: Run, side: Side): number {
  return side.analysis.tokens[r.aTo - 1].end - side.analysis.tokens[r.aFrom].start;
}

function toAnalysis(input: AlignInput, options: AlignOptions): Analysis {
  return typeof input === 'string' ? analyze(input, { language: options.language }) : input;
}

/** A passage before labelling: character spans plus what found it. */
export interface Candidate {
  a: [number, number];
  b: [number, number];
  method: 'sentence-cluster' | 'summary' | 'verbatim-run';
  fragment?: Fragment;
}

/** An exact run as character spans, taking in the punctuation both texts share around it. */
function runSpan(run: Run, a: Side, b: Side): Candidate {
  const ta = a.analysis.tokens;
  const tb = b.analysis.tokens;
  const [textA, textB] = [a.analysis.text, b.analysis.text];
  let [startA, startB] = [ta[run.aFrom].start, tb[run.bFrom].start];
  let [endA, endB] = [ta[run.aTo - 1].end, tb[run.bTo - 1].end];
  while (startA > 0 && startB > 0 && textA[startA - 1] === textB[startB - 1] && PUNCTUATION.test(textA[startA - 1])) {
    startA--;
    startB--;
  }
  while (endA < textA.length && endB < textB.length && textA[endA] === textB[endB] && PUNCTUATION.test(textA[endA])) {
    endA++;
    endB++;
  }
  return { a: [startA, endA], b: [startB, endB], method: 'verbatim-run' };
}

const PUNCTUATION = /^[\p{P}]$/u;

/** Character span of a fragment's unit ranges. */
function fragmentSpan(f: Fragment, a: Side, b: Side): { a: [number, number]; b: [number, number] } {
  return { a: [a.units[f.aFrom].start, a.units[f.aTo].end], b: [b.units[f.bFrom].start, b.units[f.bTo].end] };
}

/** Exact runs lying (partly) inside a fragment on both sides, and the share of its side a they cover. */
function runsInside(f: Fragment, runs: Run[], a: Side, b: Side): { inside: Run[]; spans: Candidate[]; share: number } {
  const span = fragmentSpan(f, a, b);
  const inside: Run[] = [];
  const spans: Candidate[] = [];
  let covered = 0;
  for (const r of runs) {
    const s = runSpan(r, a, b);
    if (s.a[0] < span.a[1] && span.a[0] < s.a[1] && s.b[0] < span.b[1] && span.b[0] < s.b[1]) {
      inside.push(r);
      spans.push(s);
      covered += s.a[1] - s.a[0];
    }
  }
  return { inside, spans, share: covered / Math.max(1, span.a[1] - span.a[0]) };
}

/**
 * Runs that can be one copy: longest first, each kept when it overlaps no kept run on either
 * side and keeps the same order on both sides (a repeated sentence matches in several places).
 */
function inOrder(spans: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const s of [...spans].sort((x, y) => y.a[1] - y.a[0] - (x.a[1] - x.a[0]))) {
    const fits = kept.every(
      (k) => (s.a[1] <= k.a[0] && s.b[1] <= k.b[0]) || (s.a[0] >= k.a[1] && s.b[0] >= k.b[1]),
    );
    if (fits) kept.push(s);
  }
  return kept;
}

/**
 * Exact runs sharpen sentence-level fragments: a fragment that is mostly verbatim takes the
 * runs' exact extent; long runs outside any fragment become passages of their own.
 */
function refineWithRuns(fragments: Fragment[], runs: Run[], a: Side, b: Side, params: AlignParameters): Candidate[] {
  const out: Candidate[] = [];
  const used = new Set<Run>();
  for (const f of fragments) {
    const cand: Candidate = { ...fragmentSpan(f, a, b), method: f.summary ? 'summary' : 'sentence-cluster', fragment: f };
    const { inside, spans, share } = runsInside(f, runs, a, b);
    inside.forEach((r) => used.add(r));
    if (inside.length > 0 && share >= params.verbatimSnapShare) {
      const kept = inOrder(spans);
      cand.a = [Math.min(...kept.map((s) => s.a[0])), Math.max(...kept.map((s) => s.a[1]))];
      cand.b = [Math.min(...kept.map((s) => s.b[0])), Math.max(...kept.map((s) => s.b[1]))];
    }
    out.push(cand);
  }
  const fromFragments = out.length;
  for (const r of runs) {
    if (used.has(r)) continue;
    const s = runSpan(r, a, b);
    if (s.a[1] - s.a[0] < params.minVerbatimChars || s.b[1] - s.b[0] < params.minVerbatimChars) continue;
    // A run whose one side already lies in a passage is a repeat of text matched elsewhere.
    const repeat = out.slice(0, fromFragments).some((c) => overlapShare(s.a, c.a) > 0.5 || overlapShare(s.b, c.b) > 0.5);
    if (!repeat) out.push(s);
  }
  return out;
}

/**
 * Sentence-level spans can start or end with words that belong to the surrounding text (a
 * passage beginning mid-sentence): each side is trimmed to its first and last content word
 * found on the other side, keeping the function words just before and the punctuation after.
 */
function trimEdges(c: Candidate, a: Side, b: Side): Candidate {
  const [aFrom, aTo] = tokenRange(a, c.a);
  const [bFrom, bTo] = tokenRange(b, c.b);
  const termsA = new Set(a.termIds.subarray(aFrom, aTo));
  const termsB = new Set(b.termIds.subarray(bFrom, bTo));
  return { ...c, a: trimSpan(a, c.a, aFrom, aTo, termsB), b: trimSpan(b, c.b, bFrom, bTo, termsA) };
}

const TRIM_MIN_WORDS = 8;

function trimSpan(side: Side, span: [number, number], from: number, to: number, other: Set<number>): [number, number] {
  const tokens = side.analysis.tokens;
  let first = from;
  while (first < to && !(side.termIds[first] >= 0 && other.has(side.termIds[first]))) first++;
  let last = to - 1;
  while (last >= first && !(side.termIds[last] >= 0 && other.has(side.termIds[last]))) last--;
  if (first > last) return span;
  let start = first;
  while (start > from && first - start < 3 && side.termIds[start - 1] < 0) start--;
  // Only a long unmatched edge is cut: a few unmatched words are normal rewording.
  const newStart = start - from < TRIM_MIN_WORDS ? span[0] : tokens[start].start;
  const newEnd = to - 1 - last < TRIM_MIN_WORDS ? span[1] : tokens[last].end;
  return [newStart, newEnd];
}

/**
 * One stretch of text has one origin: of candidates overlapping on either side, the longer
 * (then the sentence-level one) is kept. Repeated boilerplate otherwise yields one copy per repeat.
 */
function oneOriginEach(candidates: Candidate[]): Candidate[] {
  const size = (c: Candidate) => c.a[1] - c.a[0] + c.b[1] - c.b[0];
  const sorted = [...candidates].sort((x, y) => size(y) - size(x));
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const clash = kept.some((k) => overlapShare(c.a, k.a) > 0.5 && overlapShare(c.b, k.b) > 0.5);
    if (!clash) kept.push(c);
  }
  return kept;
}

/** Share of span x that lies inside span y. */
function overlapShare(x: [number, number], y: [number, number]): number {
  const inter = Math.min(x[1], y[1]) - Math.max(x[0], y[0]);
  return inter > 0 ? inter / Math.max(1, x[1] - x[0]) : 0;
}

/** Share of each text's characters inside at least one passage. */
function coverage(passages: Passage[], lengthA: number, lengthB: number): { a: number; b: number } {
  return {
    a: lengthA > 0 ? unionLength(passages.map((p) => p.a)) / lengthA : 0,
    b: lengthB > 0 ? unionLength(passages.map((p) => p.b)) / lengthB : 0,
  };
}

