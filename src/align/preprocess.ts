import type { Analysis } from '../text/types.js';
import type { AlignParameters } from './options.js';

/** One sentence (short ones merged into a neighbour), as a sparse tf-isf vector over content terms. */
export interface Unit {
  /** Original character offsets. */
  start: number;
  end: number;
  firstToken: number;
  endToken: number;
  /** Distinct content-term ids, ascending, and their tf-isf weights. */
  terms: Int32Array;
  weights: Float64Array;
  /** L2 norm of `weights`. */
  norm: number;
}

/** One text prepared for alignment against one other text (term ids are shared by the pair). */
export interface Side {
  analysis: Analysis;
  units: Unit[];
  /** Per token: id of its surface form (for verbatim runs). */
  surfaceIds: Int32Array;
  /** Per token: id of its content term, or -1 for stopwords. */
  termIds: Int32Array;
  /** Per token: 1 for names and numbers (capitalized inside a sentence, or with a digit). */
  nameLike: Uint8Array;
}

/** Per unit: raw term counts, only needed until the pair's weights are known. */
type UnitCounts = Map<number, number>[];

/** Builds both sides with one shared vocabulary and inverse sentence frequencies over both. */
export function preprocess(a: Analysis, b: Analysis, params: AlignParameters): [Side, Side] {
  const surfaces = new Map<string, number>();
  const terms = new Map<string, number>();
  const built = [buildSide(a, params, surfaces, terms), buildSide(b, params, surfaces, terms)];
  weigh(built, terms.size);
  return [built[0].side, built[1].side];
}

function intern(map: Map<string, number>, key: string): number {
  let id = map.get(key);
  if (id === undefined) {
    id = map.size;
    map.set(key, id);
  }
  return id;
}

function buildSide(
  analysis: Analysis,
  params: AlignParameters,
  surfaces: Map<string, number>,
  terms: Map<string, number>,
): { side: Side; counts: UnitCounts } {
  const { tokens } = analysis;
  const surfaceIds = new Int32Array(tokens.length);
  const termIds = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    surfaceIds[i] = intern(surfaces, t.norm);
    termIds[i] = t.stop ? -1 : intern(terms, t.canon || t.stem);
  }
  const units: Unit[] = [];
  const unitTf: UnitCounts = [];
  let pending: { start: number; firstToken: number } | null = null;
  const sentences = analysis.sentences;
  for (let s = 0; s < sentences.length; s++) {
    const sent = sentences[s];
    const start: number = pending ? pending.start : sent.start;
    const firstToken: number = pending ? pending.firstToken : sent.firstToken;
    const words = sent.endToken - firstToken;
    // Too short to stand alone: carry into the next sentence (the last one joins the previous unit).
    if (words < params.minSentenceWords && s + 1 < sentences.length) {
      pending = { start, firstToken };
      continue;
    }
    pending = null;
    if (words < params.minSentenceWords && units.length > 0) {
      const last = units[units.length - 1];
      last.end = sent.end;
      last.endToken = sent.endToken;
      addCounts(unitTf[unitTf.length - 1], termIds, sent.firstToken, sent.endToken);
      continue;
    }
    for (const [from, to] of pieces(firstToken, sent.endToken, params.maxUnitWords)) {
      const tf = new Map<number, number>();
      addCounts(tf, termIds, from, to);
      units.push({
        start: from === firstToken ? start : tokens[from].start,
        end: to === sent.endToken ? sent.end : tokens[to - 1].end,
        firstToken: from,
        endToken: to,
        terms: new Int32Array(0),
        weights: new Float64Array(0),
        norm: 0,
      });
      unitTf.push(tf);
    }
  }
  return { side: { analysis, units, surfaceIds, termIds, nameLike: markNames(analysis) }, counts: unitTf };
}

/** Names and numbers: what independent reports of one event share without sharing text. */
function markNames(analysis: Analysis): Uint8Array {
  const { text, tokens, sentences } = analysis;
  const marks = new Uint8Array(tokens.length);
  for (const sent of sentences) {
    for (let i = sent.firstToken; i < sent.endToken; i++) {
      const t = tokens[i];
      const first = text[t.start];
      const capitalized = i > sent.firstToken && first !== first.toLowerCase();
      if (capitalized || /\d/.test(t.norm)) marks[i] = 1;
    }
  }
  return marks;
}

/** Token ranges cutting [from, to) into near-equal pieces of at most `max` tokens. */
function pieces(from: number, to: number, max: number): [number, number][] {
  const count = Math.max(1, Math.ceil((to - from) / max));
  const size = (to - from) / count;
  const out: [number, number][] = [];
  for (let k = 0; k < count; k++) {
    out.push([from + Math.round(k * size), k === count - 1 ? to : from + Math.round((k + 1) * size)]);
  }
  return out;
}

function addCounts(tf: Map<number, number>, termIds: Int32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const id = termIds[i];
    if (id >= 0) tf.set(id, (tf.get(id) ?? 0) + 1);
  }
}

/** tf-isf weighting: isf = log(N / sentences containing the term), N over both texts. */
function weigh(sides: { side: Side; counts: UnitCounts }[], vocabulary: number): void {
  const sf = new Int32Array(vocabulary);
  let n = 0;
  for (const { counts } of sides) {
    for (const tf of counts) {
      n++;
      for (const id of tf.keys()) sf[id]++;
    }
  }
  for (const { side, counts } of sides) {
    side.units.forEach((unit, u) => {
      const ids = [...counts[u].keys()].sort((x, y) => x - y);
      unit.terms = Int32Array.from(ids);
      unit.weights = new Float64Array(ids.length);
      let sq = 0;
      for (let k = 0; k < ids.length; k++) {
        const w = counts[u].get(ids[k])! * Math.log(n / sf[ids[k]]);
        unit.weights[k] = w;
        sq += w * w;
      }
      unit.norm = Math.sqrt(sq);
    });
  }
}

/** Tokens [from, to) lying inside a character span. */
export function tokenRange(side: Side, span: [number, number]): [number, number] {
  const tokens = side.analysis.tokens;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= span[0]) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < tokens.length && tokens[to].start < span[1]) to++;
  return [lo, to];
}
