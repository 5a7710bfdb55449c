import type { Side } from './preprocess.js';
import { rangeCosine, type Seed } from './seeding.js';

/** A candidate passage: inclusive unit ranges on both sides and the seeds inside them. */
export interface Fragment {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
  seeds: Seed[];
  /** Cosine of the two ranges' summed vectors. */
  cosine: number;
  /** Set when one side summarizes the other (see summary.ts). */
  summary?: boolean;
}

export interface ExtensionGaps {
  /** Largest distance (in units) between neighbouring seeds of one passage on side a / side b; 1 = adjacent. */
  gapA: number;
  gapB: number;
  /** Below this cosine a cluster is re-split with smaller gaps, and finally dropped. */
  validationCosine: number;
}

/**
 * Groups seeds into passages: clusters seeds that lie within `gap` units of each other on
 * both sides, then validates each cluster by the similarity of its whole ranges; clusters
 * that fail are re-clustered with gaps one smaller, down to adjacent units only.
 */
export function extendSeeds(seeds: Seed[], a: Side, b: Side, gaps: ExtensionGaps): Fragment[] {
  const out: Fragment[] = [];
  for (const group of clusterSeeds(seeds, gaps.gapA, gaps.gapB)) {
    const fragment = toFragment(group, a, b);
    if (fragment.cosine >= gaps.validationCosine) {
      out.push(fragment);
    } else if (gaps.gapA > 1 || gaps.gapB > 1) {
      const smaller = { ...gaps, gapA: Math.max(1, gaps.gapA - 1), gapB: Math.max(1, gaps.gapB - 1) };
      out.push(...extendSeeds(group, a, b, smaller));
    }
  }
  return out;
}

export function toFragment(group: Seed[], a: Side, b: Side): Fragment {
  let aFrom = Infinity;
  let aTo = -1;
  let bFrom = Infinity;
  let bTo = -1;
  for (const s of group) {
    if (s.a < aFrom) aFrom = s.a;
    if (s.a > aTo) aTo = s.a;
    if (s.b < bFrom) bFrom = s.b;
    if (s.b > bTo) bTo = s.b;
  }
  return { aFrom, aTo, bFrom, bTo, seeds: group, cosine: rangeCosine(a, aFrom, aTo, b, bFrom, bTo) };
}

/** Alternately splits groups at gaps on side a and on side b until neither splits further. */
export function clusterSeeds(seeds: Seed[], gapA: number, gapB: number): Seed[][] {
  let groups = [seeds];
  let side: 'a' | 'b' = 'a';
  let stableRounds = 0;
  while (stableRounds < 2) {
    const next: Seed[][] = [];
    for (const g of groups) next.push(...splitAtGaps(g, side, side === 'a' ? gapA : gapB));
    stableRounds = next.length === groups.length ? stableRounds + 1 : 0;
    groups = next;
    side = side === 'a' ? 'b' : 'a';
  }
  return groups;
}

function splitAtGaps(group: Seed[], side: 'a' | 'b', gap: number): Seed[][] {
  const sorted = [...group].sort((x, y) => x[side] - y[side] || x[side === 'a' ? 'b' : 'a'] - y[side === 'a' ? 'b' : 'a']);
  const out: Seed[][] = [];
  let current: Seed[] = [];
  let reach = -Infinity;
  for (const s of sorted) {
    if (current.length > 0 && s[side] - reach > gap) {
      out.push(current);
      current = [];
    }
    current.push(s);
    reach = Math.max(reach, s[side]);
  }
  if (current.length > 0) out.push(current);
  return out;
}
