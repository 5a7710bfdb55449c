/**
 * Measurements of the two sides of a link's passages that tell an original from its rewrite.
 * Each is a difference (side a minus side b), so a positive value leans one way for both
 * orders of the pair and the model in text-direction.ts stays antisymmetric.
 */
import { wordnetCanonical } from '../text/wordnet.js';
import { fluencyModel, fluencyTokens } from './fluency.js';

/** Per-side measurements. */
export interface SideMeasures {
  /** Mean log-probability per token under the function-word language model. */
  fluency: number;
  /** Distinct words / words: synonym spinning raises it, machine translation lowers it. */
  typeTokenRatio: number;
  /** Capitalized words not opening a sentence, per token: rewrites lose names and titles. */
  capitalized: number;
  /** Misplaced punctuation per token (" ,", ",,", ". lowercase"). */
  punctuation: number;
  /** Share of words among the model's function words. */
  functionWords: number;
  /** Share of "the": translation adds articles. */
  articles: number;
  /** Mean word length in letters. */
  wordLength: number;
  /** Share of words neither in WordNet nor function words (garbled or transliterated words). */
  unknownWords: number;
  /** Words per sentence. */
  sentenceLength: number;
  /** All-capitals words per token. */
  allCaps: number;
  /** The same word twice in a row, per word ("the the"). */
  repeats: number;
  /** Contractions and possessives ("don't", "Egypt's") per word: translation spells them out. */
  contractions: number;
  /** Numbers written in digits, per token. */
  digits: number;
  tokens: number;
}

/** Difference features in the order of the model's weights. */
export const FEATURE_NAMES = [
  'fluency',
  'typeTokenRatio',
  'capitalized',
  'punctuation',
  'functionWords',
  'articles',
  'wordLength',
  'unknownWords',
  'sentenceLength',
  'allCaps',
  'repeats',
  'contractions',
  'digits',
  'caseKept',
  'lengthRatio',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type FeatureVector = Record<FeatureName, number>;

const WORD = /^[A-Za-z]/;
const SENTENCE_END = /^[.!?]$/;

export function measureSide(text: string): SideMeasures {
  const model = fluencyModel();
  const tokens = fluencyTokens(text);
  const n = Math.max(1, tokens.length);
  const words = tokens.filter((t) => WORD.test(t));
  const w = Math.max(1, words.length);
  const lower = words.map((x) => x.toLowerCase());
  let capitalized = 0;
  let allCaps = 0;
  let sentences = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (SENTENCE_END.test(t)) sentences++;
    if (!WORD.test(t)) continue;
    if (t.length > 1 && t === t.toUpperCase()) allCaps++;
    else if (t[0] !== t[0].toLowerCase() && i > 0 && !SENTENCE_END.test(tokens[i - 1])) capitalized++;
  }
  const punctuation =
    count(text, / [,.;:!?)]/g) + count(text, /[,.;:]\s*[,.;:]/g) + count(text, /[.!?] [a-z]/g);
  let repeats = 0;
  for (let i = 1; i < lower.length; i++) if (lower[i] === lower[i - 1]) repeats++;
  let unknown = 0;
  let functionWords = 0;
  for (const x of lower) {
    if (model.vocabulary.has(x)) functionWords++;
    else if (wordnetCanonical(x) === null) unknown++;
  }
  return {
    fluency: model.score(tokens),
    typeTokenRatio: new Set(lower).size / w,
    capitalized: capitalized / n,
    punctuation: punctuation / n,
    functionWords: functionWords / w,
    articles: lower.filter((x) => x === 'the').length / w,
    wordLength: words.reduce((s, x) => s + x.length, 0) / w,
    unknownWords: unknown / w,
    sentenceLength: words.length / Math.max(1, sentences),
    allCaps: allCaps / n,
    repeats: repeats / w,
    contractions: words.filter((x) => x.includes("'")).length / w,
    digits: tokens.filter((t) => /^\d/.test(t)).length / n,
    tokens: tokens.length,
  };
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Words capitalized mid-sentence on one side that appear only in lower case on the other. */
function caseKept(a: string, b: string): number {
  const capitals = (x: string): Set<string> =>
    new Set([...x.matchAll(/(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+/g)].map((m) => m[0].toLowerCase()));
  const lowers = (x: string): Set<string> => new Set(x.match(/\b[a-z]+/g) ?? []);
  const [ca, cb, la, lb] = [capitals(a), capitals(b), lowers(a), lowers(b)];
  let aKeeps = 0;
  let bKeeps = 0;
  for (const word of ca) if (lb.has(word) && !la.has(word)) aKeeps++;
  for (const word of cb) if (la.has(word) && !lb.has(word)) bKeeps++;
  return aKeeps - bKeeps;
}

/** Features of a pair of passage texts (a minus b). */
export function directionFeatures(aText: string, bText: string): { vector: FeatureVector; a: SideMeasures; b: SideMeasures } {
  const a = measureSide(aText);
  const b = measureSide(bText);
  const vector = {} as FeatureVector;
  for (const name of FEATURE_NAMES) {
    if (name === 'caseKept') vector.caseKept = caseKept(aText, bText);
    else if (name === 'lengthRatio') vector.lengthRatio = Math.log((a.tokens + 1) / (b.tokens + 1));
    else vector[name] = a[name] - b[name];
  }
  return { vector, a, b };
}
