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
  /**
   * Keep in each cluster the seeds on or near one reading order on both sides (a copy keeps
   * its order; a sentence matching look-alikes further away is noise). The others are
   * clustered again on their own, so a moved paragraph still forms a passage.
   */
  ordered?: boolean;
}

/**
 * Groups seeds into passages: clusters seeds that lie within `gap` units of each other on
 * both sides, then validates each cluster by the similarity of its whole ranges; clusters
 * that fail are re-clustered with gaps one smaller, down to adjacent units only.
 */
export function extendSeeds(seeds: Seed[], a: Side, b: Side, gaps: ExtensionGaps): Fragment[] {
  const out: Fragment[] = [];
  for (const cluster of clusterSeeds(seeds, gaps.gapA, gaps.gapB)) {
    let group = cluster;
    if (gaps.ordered && cluster.length > 1 && cluster.length <= MAX_CHAIN_SEEDS) {
      // When most of the cluster reads in one order, that chain and the seeds near it (words
      // shuffled locally) make the passage; far look-alikes are clustered on their own.
      const chain = orderedChain(cluster);
      if (chain.length >= ORDERED_SHARE * new Set(cluster.map((s) => s.a)).size) {
        const near = (s: Seed) => chain.some((c) => Math.abs(s.a - c.a) <= NEAR_CHAIN && Math.abs(s.b - c.b) <= NEAR_CHAIN);
        group = cluster.filter(near);
        const rest = cluster.filter((s) => !near(s));
        if (rest.length > 1) out.push(...extendSeeds(rest, a, b, gaps));
      }
    }
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

/** Above this many seeds the quadratic chain search is skipped (such clusters are copies anyway). */
const MAX_CHAIN_SEEDS = 1500;
/** Share of a cluster's units that must lie on one ordered chain for the chain to bound it. */
const ORDERED_SHARE = 0.85;
/** Seeds this close (in units, on both sides) to the chain stay: words shuffled locally. */
const NEAR_CHAIN = 2;

/**
 * The heaviest (by cosine) chain of seeds moving forward on both sides. A unit may pair with
 * two neighbouring units of the other side (a sentence split or joined in the copy).
 */
export function orderedChain(seeds: Seed[]): Seed[] {
  const sorted = [...seeds].sort((x, y) => x.a - y.a || x.b - y.b);
  const n = sorted.length;
  const best = new Float64Array(n);
  const prev = new Int32Array(n).fill(-1);
  let top = 0;
  for (let i = 0; i < n; i++) {
    const si = sorted[i];
    best[i] = si.cosine;
    for (let j = 0; j < i; j++) {
      const sj = sorted[j];
      const forward =
        (si.a > sj.a && si.b > sj.b) || (si.a === sj.a && si.b === sj.b + 1) || (si.b === sj.b && si.a === sj.a + 1);
      if (forward && best[j] + si.cosine > best[i]) {
        best[i] = best[j] + si.cosine;
        prev[i] = j;
      }
    }
    if (best[i] > best[top]) top = i;
  }
  const chain: Seed[] = [];
  for (let i = top; i >= 0; i = prev[i]) chain.push(sorted[i]);
  return chain.reverse();
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
