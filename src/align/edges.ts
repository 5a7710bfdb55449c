import type { Fragment } from './extension.js';
import type { AlignParameters } from './options.js';
import type { Side } from './preprocess.js';
import { passing, type Seed } from './seeding.js';

/** How far from the matching end of the other side a new edge sentence may find its match. */
const EDGE_REACH = 1;

/**
 * Grows each fragment by neighbouring sentences that resemble, more loosely than a seed, a
 * sentence near the same end of the other side, or by leaping a few sentences on both sides to
 * a loosely matching pair: a passage's first and last sentences are often the most reworded, a
 * paraphrase drops or adds a sentence here and there, and seeding alone leaves these out.
 */
export function extendEdges(
  pairs: Seed[],
  fragments: Fragment[],
  a: Side,
  b: Side,
  params: Pick<AlignParameters, 'edgeCosine' | 'edgeLeap' | 'edgeLeapCosine'>,
  fixed: (f: Fragment) => boolean,
): Fragment[] {
  if (fragments.length === 0) return fragments;
  const similar = new Set<number>();
  const width = b.units.length;
  for (const s of passing(pairs, params.edgeCosine)) similar.add(s.a * width + s.b);
  const loose = new Set<number>();
  for (const s of passing(pairs, params.edgeLeapCosine)) loose.add(s.a * width + s.b);
  // A unit added at one end must resemble a unit near the same end of the other side.
  const matchesA = (u: number, from: number, to: number) => {
    for (let v = Math.max(0, from); v <= Math.min(width - 1, to); v++) if (similar.has(u * width + v)) return true;
    return false;
  };
  const matchesB = (v: number, from: number, to: number) => {
    for (let u = Math.max(0, from); u <= Math.min(a.units.length - 1, to); u++) if (similar.has(u * width + v)) return true;
    return false;
  };
  const R = EDGE_REACH;
  // Units already inside some fragment are not taken by another.
  const takenA = new Set<number>();
  const takenB = new Set<number>();
  for (const f of fragments) {
    for (let u = f.aFrom; u <= f.aTo; u++) takenA.add(u);
    for (let v = f.bFrom; v <= f.bTo; v++) takenB.add(v);
  }
  const free = (taken: Set<number>, from: number, to: number) => {
    for (let k = from; k <= to; k++) if (taken.has(k)) return false;
    return true;
  };
  // A matching pair a few sentences beyond both ends (a sentence dropped or added in between).
  const leap = (f: Fragment): boolean => {
    for (let da = 1; da <= params.edgeLeap; da++) {
      for (let db = 1; db <= params.edgeLeap; db++) {
        const [u, v] = [f.aFrom - da, f.bFrom - db];
        if (u >= 0 && v >= 0 && loose.has(u * width + v) && free(takenA, u, f.aFrom - 1) && free(takenB, v, f.bFrom - 1)) {
          for (let k = u; k < f.aFrom; k++) takenA.add(k);
          for (let k = v; k < f.bFrom; k++) takenB.add(k);
          [f.aFrom, f.bFrom] = [u, v];
          return true;
        }
        const [x, y] = [f.aTo + da, f.bTo + db];
        if (x < a.units.length && y < width && loose.has(x * width + y) && free(takenA, f.aTo + 1, x) && free(takenB, f.bTo + 1, y)) {
          for (let k = f.aTo + 1; k <= x; k++) takenA.add(k);
          for (let k = f.bTo + 1; k <= y; k++) takenB.add(k);
          [f.aTo, f.bTo] = [x, y];
          return true;
        }
      }
    }
    return false;
  };
  return fragments.map((f0) => {
    if (f0.summary || fixed(f0)) return f0;
    const f = { ...f0 };
    let grew = true;
    while (grew) {
      grew = false;
      if (f.aFrom > 0 && !takenA.has(f.aFrom - 1) && matchesA(f.aFrom - 1, f.bFrom - 1, f.bFrom + R)) (f.aFrom--, takenA.add(f.aFrom), (grew = true));
      if (f.aTo + 1 < a.units.length && !takenA.has(f.aTo + 1) && matchesA(f.aTo + 1, f.bTo - R, f.bTo + 1)) (f.aTo++, takenA.add(f.aTo), (grew = true));
      if (f.bFrom > 0 && !takenB.has(f.bFrom - 1) && matchesB(f.bFrom - 1, f.aFrom - 1, f.aFrom + R)) (f.bFrom--, takenB.add(f.bFrom), (grew = true));
      if (f.bTo + 1 < b.units.length && !takenB.has(f.bTo + 1) && matchesB(f.bTo + 1, f.aTo - R, f.aTo + 1)) (f.bTo++, takenB.add(f.bTo), (grew = true));
      if (!grew) grew = leap(f);
    }
    return f;
  });
}
