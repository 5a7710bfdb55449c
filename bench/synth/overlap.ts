// Accidental overlap between documents that should share no text: word n-grams occurring in more
// than one of them, overall and for pairs on the same topic.
import { normWords } from './tokens.js';

export interface OverlapDoc {
  id: string;
  text: string;
  topic: number;
}

export interface NgramOverlap {
  n: number;
  /** Distinct n-grams found in two or more documents. */
  sharedNgrams: number;
  /** Documents sharing at least one n-gram with another sampled document. */
  docsSharing: number;
  /** Document pairs sharing at least one n-gram. */
  pairsSharing: number;
  /** ... of which on the same topic. */
  sameTopicPairsSharing: number;
  /** Share of all same-topic pairs that share at least one n-gram. */
  sameTopicPairRate: number;
  /** Share of all other pairs that share at least one n-gram. */
  otherPairRate: number;
  /** Up to 5 example shared n-grams. */
  examples: string[];
}

export interface OverlapReport {
  docs: number;
  pairs: number;
  sameTopicPairs: number;
  ngrams: NgramOverlap[];
}

export function measureOverlap(docs: readonly OverlapDoc[], ns: readonly number[] = [5, 8]): OverlapReport {
  // Words as ids, n-grams as 53-bit numeric hashes (strings would cost ~1 GB for a few thousand documents).
  const vocab = new Map<string, number>();
  const words = docs.map((d) => {
    const w = normWords(d.text);
    const ids = new Int32Array(w.length);
    w.forEach((x, i) => {
      let id = vocab.get(x);
      if (id === undefined) vocab.set(x, (id = vocab.size));
      ids[i] = id;
    });
    return { ids, w };
  });
  const pairs = (docs.length * (docs.length - 1)) / 2;
  const byTopic = new Map<number, number>();
  for (const d of docs) byTopic.set(d.topic, (byTopic.get(d.topic) ?? 0) + 1);
  let sameTopicPairs = 0;
  for (const c of byTopic.values()) sameTopicPairs += (c * (c - 1)) / 2;
  const ngrams: NgramOverlap[] = [];
  for (const n of ns) {
    // n-gram -> first document; then, per shared n-gram, the documents holding it.
    const first = new Map<number, number>();
    const holders = new Map<number, number[]>();
    const where = new Map<number, [number, number]>();
    for (let d = 0; d < docs.length; d++) {
      const { ids } = words[d];
      const mine = new Map<number, number>();
      for (let i = 0; i + n <= ids.length; i++) mine.set(gramKey(ids, i, n), i);
      for (const [g, at] of mine) {
        const f = first.get(g);
        if (f === undefined) first.set(g, d);
        else {
          let list = holders.get(g);
          if (!list) {
            holders.set(g, (list = [f]));
            where.set(g, [d, at]);
          }
          list.push(d);
        }
      }
    }
    const pairSet = new Set<number>();
    const docSet = new Set<number>();
    for (const list of holders.values()) {
      for (let i = 0; i < list.length; i++) {
        docSet.add(list[i]);
        for (let j = i + 1; j < list.length; j++) {
          const a = Math.min(list[i], list[j]);
          const b = Math.max(list[i], list[j]);
          pairSet.add(a * docs.length + b);
        }
      }
    }
    let same = 0;
    for (const p of pairSet) {
      const a = Math.floor(p / docs.length);
      const b = p % docs.length;
      if (docs[a].topic === docs[b].topic) same++;
    }
    const examples: string[] = [];
    for (const [d, at] of where.values()) {
      if (examples.length >= 5) break;
      examples.push(words[d].w.slice(at, at + n).join(' '));
    }
    ngrams.push({
      n,
      sharedNgrams: holders.size,
      docsSharing: docSet.size,
      pairsSharing: pairSet.size,
      sameTopicPairsSharing: same,
      sameTopicPairRate: sameTopicPairs > 0 ? same / sameTopicPairs : 0,
      otherPairRate: pairs - sameTopicPairs > 0 ? (pairSet.size - same) / (pairs - sameTopicPairs) : 0,
      examples,
    });
  }
  return { docs: docs.length, pairs, sameTopicPairs, ngrams };
}

function gramKey(ids: Int32Array, from: number, n: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = from; i < from + n; i++) {
    h1 = Math.imul(h1 ^ ids[i], 0x01000193);
    h2 = Math.imul(h2 ^ ids[i], 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  return (h1 >>> 0) * 2097152 + ((h2 >>> 0) >>> 11);
}

/** Number of distinct word n-grams two texts share. */
export function pairShared(a: string, b: string, n: number): number {
  const grams = (text: string) => {
    const w = normWords(text);
    const set = new Set<string>();
    for (let i = 0; i + n <= w.length; i++) set.add(w.slice(i, i + n).join(' '));
    return set;
  };
  const sa = grams(a);
  let shared = 0;
  for (const g of grams(b)) if (sa.has(g)) shared++;
  return shared;
}
