import { extendSeeds, type Fragment } from './extension.js';
import type { AlignParameters } from './options.js';
import type { Side } from './preprocess.js';
import { passing, rangeCosine, type Seed } from './seeding.js';
import type { Run } from './verbatim.js';

/**
 * Summaries: a short passage on one side that condenses a long stretch of the other. Its
 * sentences match sentences scattered over the long side, so seeds are looser and the gap
 * bridged on the long side is much wider than for a copy.
 */
export function findSummaries(pairs: Seed[], a: Side, b: Side, params: AlignParameters): Fragment[] {
  const seeds = passing(pairs, params.summarySeedCosine, params.summarySeedDice);
  const out: Fragment[] = [];
  const orientations: [gapA: number, gapB: number, shortSide: 'a' | 'b'][] = [
    [params.maxGap, params.summaryMaxGap, 'a'],
    [params.summaryMaxGap, params.maxGap, 'b'],
  ];
  for (const [gapA, gapB, shortSide] of orientations) {
    // Only a text of article length is summarized in a few sentences.
    if ((shortSide === 'a' ? b : a).units.length > params.summaryMaxSourceSentences) continue;
    const fragments = extendSeeds(seeds, a, b, { gapA, gapB, validationCosine: params.validationCosine });
    for (const f of fragments) {
      const lenA = a.units[f.aTo].end - a.units[f.aFrom].start;
      const lenB = b.units[f.bTo].end - b.units[f.bFrom].start;
      const [short, long] = shortSide === 'a' ? [lenA, lenB] : [lenB, lenA];
      if (long < params.summaryRatio * short || short > params.summaryMaxChars) continue;
      // A summary is several sentences, each matching a few sentences of the long text (many
      // more matches is shared vocabulary, not condensation).
      const sentences = new Set(f.seeds.map((s) => s[shortSide])).size;
      if (sentences < params.summaryMinSentences) continue;
      if (f.seeds.length > params.summaryMaxMatchesPerSentence * sentences) continue;
      const whole = wholeText(f, shortSide, shortSide === 'a' ? b : a, params);
      if (!whole) continue;
      // The short side must stand for the whole long text, not for a few scattered sentences of it.
      whole.cosine = rangeCosine(a, whole.aFrom, whole.aTo, b, whole.bFrom, whole.bTo);
      if (whole.cosine >= params.summaryWholeCosine) out.push(whole);
    }
  }
  return out;
}

/**
 * A summary draws on most of a text and so summarizes all of it: its source is the whole
 * text. Matches confined to a small part of a long text are not a summary (null).
 */
function wholeText(f: Fragment, shortSide: 'a' | 'b', long: Side, params: AlignParameters): Fragment | null {
  const last = long.units.length - 1;
  const [from, to] = shortSide === 'a' ? [f.bFrom, f.bTo] : [f.aFrom, f.aTo];
  if ((to - from + 1) / long.units.length < params.summaryWholeShare) return null;
  return shortSide === 'a' ? { ...f, bFrom: 0, bTo: last, summary: true } : { ...f, aFrom: 0, aTo: last, summary: true };
}

/**
 * Summaries replace the fragments on their short side, except where a copy-level fragment
 * explains that side as well or better, or word-for-word copying covers it: then the pair is a
 * copy and the summary is dropped.
 */
export function withSummaries(
  fragments: Fragment[],
  summaries: Fragment[],
  copied: Run[],
  a: Side,
  b: Side,
  params: AlignParameters,
): Fragment[] {
  const kept = summaries.filter(
    (s) =>
      !fragments.some((f) => overlapsShortSide(f, s) && explainsAsCopy(f, s, a, b, params)) &&
      !copied.some((r) => runInShortSide(r, s, a, b)),
  );
  return [...fragments.filter((f) => !kept.some((s) => overlapsShortSide(f, s))), ...kept];
}

function shortIsA(s: Fragment): boolean {
  return s.aTo - s.aFrom <= s.bTo - s.bFrom;
}

/** True when f overlaps the summary s on the side where s is short. */
function overlapsShortSide(f: Fragment, s: Fragment): boolean {
  return shortIsA(s) ? f.aFrom <= s.aTo && s.aFrom <= f.aTo : f.bFrom <= s.bTo && s.bFrom <= f.bTo;
}

/** True when run r covers half or more of the short side of summary s. */
function runInShortSide(r: Run, s: Fragment, a: Side, b: Side): boolean {
  const [side, from, to, rFrom, rTo] = shortIsA(s) ? [a, s.aFrom, s.aTo, r.aFrom, r.aTo] : [b, s.bFrom, s.bTo, r.bFrom, r.bTo];
  const first = side.units[from].firstToken;
  const end = side.units[to].endToken;
  return Math.min(rTo, end) - Math.max(rFrom, first) >= 0.5 * (end - first);
}

/** f is a balanced copy covering most of s's short side, or a much closer match to it. */
function explainsAsCopy(f: Fragment, s: Fragment, a: Side, b: Side, params: AlignParameters): boolean {
  if (f.cosine >= s.cosine + params.summaryCopyMargin) return true;
  const lenA = a.units[f.aTo].end - a.units[f.aFrom].start;
  const lenB = b.units[f.bTo].end - b.units[f.bFrom].start;
  // Less lopsided than a summary by definition (summaryRatio).
  const balanced = Math.max(lenA, lenB) < params.summaryRatio * Math.min(lenA, lenB);
  const [side, from, to, fFrom, fTo] = shortIsA(s) ? [a, s.aFrom, s.aTo, f.aFrom, f.aTo] : [b, s.bFrom, s.bTo, f.bFrom, f.bTo];
  const overlap = side.units[Math.min(to, fTo)].end - side.units[Math.max(from, fFrom)].start;
  return balanced && overlap >= params.summaryCopyCover * (side.units[to].end - side.units[from].start);
}
