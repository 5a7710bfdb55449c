import type { Fragment } from './extension.js';
import type { Side } from './preprocess.js';
import { passing, type Seed } from './seeding.js';

/**
 * Grows each fragment by neighbouring sentences that resemble, more loosely than a seed, some
 * sentence of the other side's range: a passage's first and last sentences are often the most
 * reworded, and seeding alone leaves them out.
 */
/** How far from the matching end of the other side a new edge sentence may find its match. */
const EDGE_REACH = 1;

export function extendEdges(
  pairs: Seed[],
  fragments: Fragment[],
  a: Side,
  b: Side,
  edgeCosine: number,
  fixed: (f: Fragment) => boolean,
): Fragment[] {
  if (fragments.length === 0) return fragments;
  const similar = new Set<number>();
  const width = b.units.length;
  for (const s of passing(pairs, edgeCosine)) similar.add(s.a * width + s.b);
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
    }
    return f;
  });
}
