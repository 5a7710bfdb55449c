import type { Candidate } from './index.js';
import { tokenRange, type Side } from './preprocess.js';
import type { Passage, PassageKind } from './types.js';

/** Word n-gram length for "copied word for word": long enough that a translation round trip rarely keeps it. */
const SHARE_NGRAM = 5;

/** Labels a candidate verbatim / edited / paraphrase and attaches the evidence behind it. */
export function classify(c: Candidate, a: Side, b: Side): Passage {
  const [aFrom, aTo] = tokenRange(a, c.a);
  const [bFrom, bTo] = tokenRange(b, c.b);
  const verbatimShare = sharedNgramShare(a.surfaceIds, aFrom, aTo, b.surfaceIds, bFrom, bTo);
  const reverseShare = sharedNgramShare(b.surfaceIds, bFrom, bTo, a.surfaceIds, aFrom, aTo);
  const { cosine, shared } = termOverlap(a, aFrom, aTo, b, bFrom, bTo, false);
  const plain = termOverlap(a, aFrom, aTo, b, bFrom, bTo, true).cosine;
  const share = Math.min(verbatimShare, reverseShare);
  const kind: PassageKind = share >= 0.97 ? 'verbatim' : share >= 0.5 ? 'edited' : 'paraphrase';
  const score = Math.max(share, cosine);
  return {
    a: c.a,
    b: c.b,
    kind,
    score: round(score),
    evidence: {
      method: c.method,
      seeds: c.fragment?.seeds.length ?? 1,
      similarity: round(cosine),
      plainSimilarity: round(plain),
      verbatimShare: round(verbatimShare),
      sharedTerms: shared,
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Share of tokens in x[from, to) that belong to a word n-gram also present in y[from, to). */
function sharedNgramShare(x: Int32Array, xFrom: number, xTo: number, y: Int32Array, yFrom: number, yTo: number): number {
  const total = xTo - xFrom;
  if (total <= 0) return 0;
  const grams = new Set<string>();
  for (let j = yFrom; j + SHARE_NGRAM <= yTo; j++) grams.add(gramKey(y, j));
  const covered = new Uint8Array(total);
  for (let i = xFrom; i + SHARE_NGRAM <= xTo; i++) {
    if (grams.has(gramKey(x, i))) covered.fill(1, i - xFrom, i - xFrom + SHARE_NGRAM);
  }
  let n = 0;
  for (const c of covered) n += c;
  return n / total;
}

function gramKey(ids: Int32Array, at: number): string {
  let key = '';
  for (let k = at; k < at + SHARE_NGRAM; k++) key += ids[k] + ',';
  return key;
}

/** Cosine of raw content-term counts and the shared terms (surface forms), most frequent first. */
function termOverlap(
  a: Side,
  aFrom: number,
  aTo: number,
  b: Side,
  bFrom: number,
  bTo: number,
  skipNames: boolean,
): { cosine: number; shared: string[] } {
  const ca = counts(a, aFrom, aTo, skipNames);
  const cb = counts(b, bFrom, bTo, skipNames);
  let dot = 0;
  let na = 0;
  let nb = 0;
  const shared: { word: string; n: number }[] = [];
  for (const [id, { n, word }] of ca) {
    na += n * n;
    const o = cb.get(id);
    if (o) {
      dot += n * o.n;
      shared.push({ word, n: n + o.n });
    }
  }
  for (const { n } of cb.values()) nb += n * n;
  shared.sort((x, y) => y.n - x.n);
  return { cosine: na && nb ? dot / Math.sqrt(na * nb) : 0, shared: shared.slice(0, 8).map((s) => s.word) };
}

function counts(side: Side, from: number, to: number, skipNames: boolean): Map<number, { n: number; word: string }> {
  const m = new Map<number, { n: number; word: string }>();
  for (let i = from; i < to; i++) {
    const id = side.termIds[i];
    if (id < 0 || (skipNames && side.nameLike[i])) continue;
    const e = m.get(id);
    if (e) e.n++;
    else m.set(id, { n: 1, word: side.analysis.tokens[i].norm });
  }
  return m;
}
