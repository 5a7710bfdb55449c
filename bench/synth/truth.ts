// Ground truth of the synthetic scale corpus (truth.jsonl, negatives.jsonl) and recall scoring.
import { readFileSync } from 'node:fs';

export const CASE_KINDS = [
  'verbatim',
  'partial',
  'edited',
  'paraphrase-random',
  'paraphrase-translation',
  'summary',
  'duplicate',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** One injected reuse case: document b reuses text of document a. Spans are [start, end) character offsets into `text`. */
export interface TruthCase {
  a: string;
  b: string;
  kind: CaseKind;
  aSpan: [number, number];
  bSpan: [number, number];
  /** edited: share of words touched by the edit. */
  touched?: number;
  /** paraphrase/summary: where the passages come from in the PAN data. */
  pan?: { src: string; srcOffset: number; susp: string; thisOffset: number };
}

/** A pair of base documents on the same topic with no shared text: a scan must not link them. */
export interface NegativePair {
  a: string;
  b: string;
  kind: 'same-topic';
}

function readJsonl<T>(path: string): T[] {
  const out: T[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() !== '') out.push(JSON.parse(line) as T);
  }
  return out;
}

export function loadTruth(path: string): TruthCase[] {
  return readJsonl<TruthCase>(path);
}

export function loadNegatives(path: string): NegativePair[] {
  return readJsonl<NegativePair>(path);
}

/** Order-free key of a document pair. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export interface KindRecall {
  recall: number;
  found: number;
  total: number;
}

export interface RecallReport extends KindRecall {
  byKind: Record<string, KindRecall>;
}

/** A case is found when `links` holds its two documents, in either order. */
export function scoreRecall(truth: readonly TruthCase[], links: readonly { a: string; b: string }[]): RecallReport {
  const linked = new Set<string>();
  for (const l of links) linked.add(pairKey(l.a, l.b));
  const byKind: Record<string, KindRecall> = {};
  let found = 0;
  for (const c of truth) {
    const k = (byKind[c.kind] ??= { recall: 0, found: 0, total: 0 });
    k.total++;
    if (linked.has(pairKey(c.a, c.b))) {
      k.found++;
      found++;
    }
  }
  for (const k of Object.values(byKind)) k.recall = k.total > 0 ? k.found / k.total : 1;
  return { recall: truth.length > 0 ? found / truth.length : 1, found, total: truth.length, byKind };
}

/**
 * Pairs that legitimately share text: every truth case, plus derivatives of one source whose
 * source spans overlap (two reprints of one story share text with each other too). Links outside
 * this set are false links (for a precision figure), with one caveat: some derivatives end with a
 * credit line ("Copyright 2024 <outlet>. All rights reserved.", "Reporting by X; editing by Y."),
 * boilerplate of 7-9 words that two unrelated reprints may share.
 */
export function relatedPairs(truth: readonly TruthCase[]): Set<string> {
  const out = new Set<string>();
  const bySource = new Map<string, TruthCase[]>();
  for (const c of truth) {
    out.add(pairKey(c.a, c.b));
    let list = bySource.get(c.a);
    if (!list) bySource.set(c.a, (list = []));
    list.push(c);
  }
  for (const list of bySource.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i];
        const y = list[j];
        if (x.aSpan[0] < y.aSpan[1] && y.aSpan[0] < x.aSpan[1]) out.add(pairKey(x.b, y.b));
      }
    }
  }
  return out;
}

/** How many must-not-link pairs a scan linked. */
export function scoreNegatives(
  negatives: readonly NegativePair[],
  links: readonly { a: string; b: string }[],
): { linked: number; total: number } {
  const set = new Set(links.map((l) => pairKey(l.a, l.b)));
  let linked = 0;
  for (const n of negatives) if (set.has(pairKey(n.a, n.b))) linked++;
  return { linked, total: negatives.length };
}
