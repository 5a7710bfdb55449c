/**
 * Which side of a link is the original, from the two texts alone: a logistic model over the
 * differences measured by text-features.ts, plus rules for traces a person would cite
 * (broken quotation marks, wire credits). When the evidence is weak the call is "undetermined".
 */
import type { Passage } from '../align/types.js';
import { creditEvidence } from './credits.js';
import { directionFeatures, FEATURE_NAMES, type FeatureName, type FeatureVector } from './text-features.js';
import type { DirectionCall, DirectionEvidence, Side } from './types.js';

export interface TextDirectionOptions {
  /** Log-odds below which the call is "undetermined" (1.5 ≈ 82% confidence). */
  minLogOdds: number;
  /** Model weights per feature (a minus b; positive total = a is the original). */
  weights: Record<FeatureName, number>;
  /** Passages whose sides differ in fewer than this share of tokens carry no rewrite evidence. */
  minChangedShare: number;
}

/**
 * Fitted with `npm run bench:direction -- DIR --fit` on the odd-numbered suspicious documents of
 * PAN-13 train (random and translation obfuscation) and validated on the even ones.
 */
export const DEFAULT_WEIGHTS: Record<FeatureName, number> = {
  fluency: -0.777,
  typeTokenRatio: -21.21,
  capitalized: 8.336,
  punctuation: 7.245,
  functionWords: -9.298,
  articles: -14.317,
  wordLength: -0.574,
  unknownWords: 3.546,
  sentenceLength: 0.014,
  allCaps: 23.843,
  repeats: -45.524,
  contractions: 19.785,
  digits: -29.4,
  caseKept: 0.45,
  lengthRatio: 4.599,
};

export const defaultTextDirectionOptions: TextDirectionOptions = {
  minLogOdds: 1.5,
  weights: DEFAULT_WEIGHTS,
  minChangedShare: 0.15,
};

/** What each feature measures, as "more …" / "fewer …" completes it (the detail names no side: links are stored either way round). */
const FEATURE_WORDS: Record<FeatureName, string> = {
  fluency: 'ordinary function-word patterns (language model)',
  typeTokenRatio: 'distinct words per word',
  capitalized: 'capitalized names and titles',
  punctuation: 'misplaced punctuation',
  functionWords: 'function words',
  articles: 'uses of "the"',
  wordLength: 'letters per word',
  unknownWords: 'words unknown to WordNet',
  sentenceLength: 'words per sentence',
  allCaps: 'all-capital words',
  repeats: 'words repeated back to back',
  contractions: 'contractions and possessives',
  digits: 'numbers in digits',
  caseKept: 'words capitalized where the other writes them in lower case',
  lengthRatio: 'words in the shared passages',
};

/** The passages' text on one side, in order, whitespace folded. */
export function passageText(text: string, passages: readonly Passage[], side: Side): string {
  return passages
    .map((p) => text.slice(p[side][0], p[side][1]))
    .join('\n')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Model log-odds that a is the original, and each feature's share of it. */
export function modelLogOdds(vector: FeatureVector, weights: Record<FeatureName, number>): { total: number; parts: [FeatureName, number][] } {
  const parts: [FeatureName, number][] = FEATURE_NAMES.map((name) => [name, weights[name] * vector[name]]);
  return { total: parts.reduce((s, [, v]) => s + v, 0), parts };
}

/** Share of word tokens that differ between the sides (bag difference): 0 for a verbatim copy. */
export function changedShare(a: string, b: string): number {
  const bag = new Map<string, number>();
  const words = (x: string) => x.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const wa = words(a);
  const wb = words(b);
  for (const w of wa) bag.set(w, (bag.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of wb) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      shared++;
      bag.set(w, n - 1);
    }
  }
  const total = wa.length + wb.length;
  return total === 0 ? 0 : 1 - (2 * shared) / total;
}

/** Model contributions smaller than this are summed into one evidence item. */
const MIN_SHOWN = 0.25;

const QUOTE_MARKS = /["“”]/g;

/** Quotation marks left unpaired, or two quote marks with nothing quoted between them. */
function brokenQuotes(text: string): number {
  const marks = text.match(QUOTE_MARKS)?.length ?? 0;
  return (marks % 2) + (text.match(/["“”]\s*["“”]/g)?.length ?? 0) + (text.match(/\s["“”]\s/g)?.length ?? 0);
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Direction of a link from its texts: `aText`/`bText` are the stored texts, `passages` the
 * link's passages (offsets into them).
 */
export function textDirection(
  aText: string,
  bText: string,
  passages: readonly Passage[],
  options: Partial<TextDirectionOptions> = {},
  outlets: { a?: string | null; b?: string | null } = {},
): DirectionCall {
  const opts = { ...defaultTextDirectionOptions, ...options };
  if (passages.length === 0) return { source: null, confidence: 0.5, basis: 'none', evidence: [] };
  const a = passageText(aText, passages, 'a');
  const b = passageText(bText, passages, 'b');
  const evidence: DirectionEvidence[] = [];

  const changed = changedShare(a, b);
  if (changed >= opts.minChangedShare) {
    const { vector } = directionFeatures(a, b);
    const { parts } = modelLogOdds(vector, opts.weights);
    const shown = parts.filter(([, v]) => Math.abs(v) >= MIN_SHOWN).sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
    const rest = parts.filter(([, v]) => Math.abs(v) < MIN_SHOWN).reduce((sum, [, v]) => sum + v, 0);
    if (Math.abs(rest) >= 0.05) {
      evidence.push({
        kind: 'fluency',
        favours: rest > 0 ? 'a' : 'b',
        weight: round(Math.abs(rest)),
        detail: 'several small differences in wording and style together',
      });
    }
    for (const [name, value] of shown) {
      const favours: Side = value > 0 ? 'a' : 'b';
      // The raw difference says which side has more; the weight's sign says what that implies.
      const favouredHasMore = (vector[name] > 0) === (favours === 'a');
      evidence.push({
        kind: name === 'lengthRatio' ? 'containment' : name === 'fluency' ? 'fluency' : 'translation-traces',
        favours,
        weight: round(Math.abs(value)),
        detail: `${favouredHasMore ? 'more' : 'fewer'} ${FEATURE_WORDS[name]} than the other text`,
      });
    }
  }

  const [qa, qb] = [brokenQuotes(a), brokenQuotes(b)];
  if (qa !== qb) {
    const clean: Side = qa < qb ? 'a' : 'b';
    evidence.push({
      kind: 'translation-traces',
      favours: clean,
      weight: Math.min(2, 0.75 * Math.abs(qa - qb)),
      detail: `${Math.min(qa, qb)} broken quotation mark(s) in the shared passages where the other text has ${Math.max(qa, qb)}`,
    });
  }
  evidence.push(...creditEvidence(aText, bText, passages, outlets));
  return decide(evidence, opts.minLogOdds, 'text');
}

/** Sums the evidence into a call; below `minLogOdds` the call is undetermined. */
export function decide(evidence: DirectionEvidence[], minLogOdds: number, basis: DirectionCall['basis']): DirectionCall {
  let total = 0;
  for (const e of evidence) if (e.favours) total += e.favours === 'a' ? e.weight : -e.weight;
  if (Math.abs(total) < minLogOdds || evidence.length === 0) {
    return { source: null, confidence: 0.5, basis: evidence.length === 0 ? 'none' : basis, evidence };
  }
  return { source: total > 0 ? 'a' : 'b', confidence: round(sigmoid(Math.abs(total))), basis, evidence };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
