import { extendSeeds, type Fragment } from './extension.js';
import type { AlignParameters } from './options.js';
import type { Side } from './preprocess.js';
import { passing, rangeCosine, type Seed } from './seeding.js';

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
    const fragments = extendSeeds(seeds, a, b, { gapA, gapB, validationCosine: params.validationCosine });
    for (const f of fragments) {
      const lenA = a.units[f.aTo].end - a.units[f.aFrom].start;
      const lenB = b.units[f.bTo].end - b.units[f.bFrom].start;
      const [short, long] = shortSide === 'a' ? [lenA, lenB] : [lenB, lenA];
      if (long < params.summaryRatio * short || short > params.summaryMaxChars) continue;
      // A summary is several sentences, each matching a few sentences of the long text (many
      // more matches is shared vocabulary, not condensation), of a text of article length.
      const sentences = new Set(f.seeds.map((s) => s[shortSide])).size;
      if (sentences < params.summaryMinSentences) continue;
      if (f.seeds.length > params.summaryMaxMatchesPerSentence * sentences) continue;
      if ((shortSide === 'a' ? b : a).units.length > params.summaryMaxSourceSentences) continue;
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
