import type { AlignParameters } from './options.js';
import type { Side } from './preprocess.js';
import { rangeCosine } from './seeding.js';
import type { Fragment } from './extension.js';

/**
 * Resolves fragments that overlap: overlapping on both sides → one merged fragment;
 * on one side only → the more similar one wins (one passage of a text has one origin).
 */
export function resolveOverlaps(fragments: Fragment[], a: Side, b: Side): Fragment[] {
  let list = [...fragments].sort((x, y) => x.aFrom - y.aFrom || x.bFrom - y.bFrom);
  let changed = true;
  while (changed) {
    changed = false;
    outer: for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i];
        const y = list[j];
        const overlapA = x.aFrom <= y.aTo && y.aFrom <= x.aTo;
        const overlapB = x.bFrom <= y.bTo && y.bFrom <= x.bTo;
        if (!overlapA && !overlapB) continue;
        let keep: Fragment;
        if (overlapA && overlapB) {
          keep = merge(x, y, a, b);
        } else {
          keep = strength(x) >= strength(y) ? x : y;
        }
        list = [...list.slice(0, i), keep, ...list.slice(i + 1, j), ...list.slice(j + 1)];
        changed = true;
        break outer;
      }
    }
  }
  return list.sort((x, y) => x.aFrom - y.aFrom);
}

function merge(x: Fragment, y: Fragment, a: Side, b: Side): Fragment {
  const aFrom = Math.min(x.aFrom, y.aFrom);
  const aTo = Math.max(x.aTo, y.aTo);
  const bFrom = Math.min(x.bFrom, y.bFrom);
  const bTo = Math.max(x.bTo, y.bTo);
  return { aFrom, aTo, bFrom, bTo, seeds: [...x.seeds, ...y.seeds], cosine: rangeCosine(a, aFrom, aTo, b, bFrom, bTo) };
}

function strength(f: Fragment): number {
  return f.cosine * Math.log2(1 + f.seeds.length);
}

/**
 * Drops fragments too short on either side, and lone sentence matches that are not close.
 * Where the pair is a word-for-word copy elsewhere (`copyPair`), a loose paraphrase of a
 * sentence or two is more likely shared topic than reuse: it needs more matching sentences.
 */
export function dropWeak(
  fragments: Fragment[],
  a: Side,
  b: Side,
  params: Pick<AlignParameters, 'minPassageChars' | 'singleSeedCosine' | 'copyPairMinSeeds'>,
  copyPair: (f: Fragment) => boolean,
): Fragment[] {
  return fragments.filter((f) => {
    const lenA = a.units[f.aTo].end - a.units[f.aFrom].start;
    const lenB = b.units[f.bTo].end - b.units[f.bFrom].start;
    if (lenA < params.minPassageChars || lenB < params.minPassageChars) return false;
    if (f.seeds.length === 1 && f.seeds[0].cosine < params.singleSeedCosine) return false;
    if (f.seeds.length < params.copyPairMinSeeds && !f.summary && copyPair(f)) return false;
    return true;
  });
}
