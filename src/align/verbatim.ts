import type { Side } from './preprocess.js';

/** An exact run of identical words on both sides, as token ranges [from, to). */
export interface Run {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

/** n-grams occurring more often than this on side b are boilerplate, not anchors. */
const MAX_POSTINGS = 64;

/**
 * Maximal runs of at least `n` identical words (surface forms, in order) shared by both sides.
 * Anchors are hashed n-grams of side b; each hit is verified and extended both ways.
 */
export function findRuns(a: Side, b: Side, n: number): Run[] {
  const sa = a.surfaceIds;
  const sb = b.surfaceIds;
  if (sa.length < n || sb.length < n) return [];
  const index = new Map<number, number[]>();
  for (let j = 0; j + n <= sb.length; j++) {
    const h = hashGram(sb, j, n);
    const list = index.get(h);
    if (!list) index.set(h, [j]);
    else if (list.length <= MAX_POSTINGS) list.push(j);
  }
  const runs: Run[] = [];
  // Per diagonal (bFrom - aFrom), the end of the last run found on it: hits inside it are skipped.
  const reached = new Map<number, number>();
  for (let i = 0; i + n <= sa.length; i++) {
    const list = index.get(hashGram(sa, i, n));
    if (!list || list.length > MAX_POSTINGS) continue;
    for (const j of list) {
      const diagonal = j - i;
      if ((reached.get(diagonal) ?? -1) > i) continue;
      if (!sameGram(sa, i, sb, j, n)) continue;
      let aFrom = i;
      let bFrom = j;
      while (aFrom > 0 && bFrom > 0 && sa[aFrom - 1] === sb[bFrom - 1]) {
        aFrom--;
        bFrom--;
      }
      let aTo = i + n;
      let bTo = j + n;
      while (aTo < sa.length && bTo < sb.length && sa[aTo] === sb[bTo]) {
        aTo++;
        bTo++;
      }
      reached.set(diagonal, aTo);
      runs.push({ aFrom, aTo, bFrom, bTo });
    }
  }
  return runs;
}

function hashGram(ids: Int32Array, at: number, n: number): number {
  let h = 0x811c9dc5;
  for (let k = at; k < at + n; k++) h = Math.imul(h ^ ids[k], 0x01000193);
  return h >>> 0;
}

function sameGram(x: Int32Array, i: number, y: Int32Array, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (x[i + k] !== y[j + k]) return false;
  return true;
}

/**
 * Chains runs that follow each other in the same order on both sides with small gaps
 * (an edited copy: a word changed here and there) into longer runs.
 */
export function chainRuns(runs: Run[], maxGapTokens: number): Run[] {
  const sorted = [...runs].sort((x, y) => x.aFrom - y.aFrom || x.bFrom - y.bFrom);
  const chains: Run[] = [];
  for (const r of sorted) {
    const last = chains[chains.length - 1];
    if (
      last &&
      r.aFrom - last.aTo <= maxGapTokens &&
      r.bFrom - last.bTo <= maxGapTokens &&
      r.bFrom >= last.bTo - maxGapTokens &&
      r.aFrom >= last.aFrom
    ) {
      last.aTo = Math.max(last.aTo, r.aTo);
      last.bTo = Math.max(last.bTo, r.bTo);
      continue;
    }
    chains.push({ ...r });
  }
  return chains;
}
