import type { AlignParameters } from './options.js';
import type { Side, Unit } from './preprocess.js';

/** A pair of sentence units, one per side, similar enough to anchor a passage. */
export interface Seed {
  a: number;
  b: number;
  cosine: number;
  dice: number;
}

/**
 * Every sentence pair that any later stage may use (seeds, summary matches, edge matches), in
 * one pass over an inverted index of side b; each stage then filters by its own thresholds.
 */
export function similarPairs(
  a: Side,
  b: Side,
  params: Pick<AlignParameters, 'seedCosine' | 'summarySeedCosine' | 'edgeCosine' | 'edgeLeapCosine'>,
): Seed[] {
  const cosine = Math.min(params.seedCosine, params.summarySeedCosine, params.edgeCosine, params.edgeLeapCosine);
  return pairSimilarities(a, b, (c) => c >= cosine);
}

/** Pairs passing a stage's cosine and Dice thresholds. */
export function passing(pairs: Seed[], cosine: number, dice = 0): Seed[] {
  return pairs.filter((s) => s.cosine >= cosine && s.dice >= dice);
}

/** Sentence pairs sharing at least one content term, kept when `keep(cosine, dice)` says so. */
export function pairSimilarities(
  a: Side,
  b: Side,
  keep: (cosine: number, dice: number) => boolean,
): Seed[] {
  const postings = new Map<number, { unit: number; weight: number }[]>();
  b.units.forEach((unit, u) => {
    for (let k = 0; k < unit.terms.length; k++) {
      const id = unit.terms[k];
      let list = postings.get(id);
      if (!list) postings.set(id, (list = []));
      list.push({ unit: u, weight: unit.weights[k] });
    }
  });
  const dot = new Float64Array(b.units.length);
  const shared = new Int32Array(b.units.length);
  const touched: number[] = [];
  const seeds: Seed[] = [];
  a.units.forEach((unit, u) => {
    for (let k = 0; k < unit.terms.length; k++) {
      const list = postings.get(unit.terms[k]);
      if (!list) continue;
      const w = unit.weights[k];
      for (const p of list) {
        if (shared[p.unit] === 0) touched.push(p.unit);
        shared[p.unit]++;
        dot[p.unit] += w * p.weight;
      }
    }
    for (const v of touched) {
      const other = b.units[v];
      const cosine = unit.norm > 0 && other.norm > 0 ? dot[v] / (unit.norm * other.norm) : 0;
      const dice = (2 * shared[v]) / (unit.terms.length + other.terms.length);
      if (keep(cosine, dice)) seeds.push({ a: u, b: v, cosine, dice });
      dot[v] = 0;
      shared[v] = 0;
    }
    touched.length = 0;
  });
  return seeds;
}

/** Cosine between the summed vectors of two unit ranges [from, to] (inclusive). */
export function rangeCosine(a: Side, aFrom: number, aTo: number, b: Side, bFrom: number, bTo: number): number {
  const va = sumVector(a.units, aFrom, aTo);
  const vb = sumVector(b.units, bFrom, bTo);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [id, w] of va) {
    na += w * w;
    const o = vb.get(id);
    if (o !== undefined) dot += w * o;
  }
  for (const w of vb.values()) nb += w * w;
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

function sumVector(units: Unit[], from: number, to: number): Map<number, number> {
  const v = new Map<number, number>();
  for (let u = from; u <= to; u++) {
    const unit = units[u];
    for (let k = 0; k < unit.terms.length; k++) {
      v.set(unit.terms[k], (v.get(unit.terms[k]) ?? 0) + unit.weights[k]);
    }
  }
  return v;
}
