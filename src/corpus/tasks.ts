/**
 * The CPU-heavy steps of a scan, as plain functions: run in worker threads by the pool, or
 * in-process by `add` (one article needs no threads).
 */
import { align } from '../align/index.js';
import type { AlignResult, Passage } from '../align/types.js';
import { dominantKind } from '../align/verdict.js';
import { SharedCandidateIndex, type SharedIndexData } from '../index/candidates.js';
import { decodeFeatures, encodeFeatures, extractFeatures } from '../index/features.js';
import type { IndexParameters } from '../index/options.js';
import { extractQuotes, type Quote } from '../quotes/index.js';
import type { LinkRecord } from '../store/types.js';
import { analyze } from '../text/index.js';
import type { Analysis } from '../text/types.js';
import { analyserLanguage } from '../text/languages.js';
import { textDirection } from '../provenance/text-direction.js';

export interface FeatureTask {
  type: 'features';
  docs: { id: string; text: string; language: string | null }[];
  params: IndexParameters;
}

export interface AlignTask {
  type: 'align';
  /** The document being aligned, and the candidates it is aligned with. */
  doc: TaskDoc;
  others: TaskDoc[];
}

export interface TaskDoc {
  seq: number;
  id: string;
  /** The stored text: passage offsets refer to it. */
  text: string;
  language: string | null;
  /** Outlet metadata: a reprint credit naming it is direction evidence. */
  outlet: string | null;
}

/** Makes a shared-memory index the one `query` tasks use (sent to every worker). */
export interface LoadIndexTask {
  type: 'load-index';
  index: SharedIndexData;
}

/** Candidates of stored documents: each item is a document's seq and its encoded features. */
export interface QueryTask {
  type: 'query';
  items: { seq: number; features: Uint8Array }[];
}

export type Task = FeatureTask | AlignTask | LoadIndexTask | QueryTask;
export type TaskResult =
  | { type: 'features'; features: Uint8Array[]; quotes: Quote[][] }
  | { type: 'align'; links: LinkRecord[] }
  | { type: 'load-index' }
  | { type: 'query'; candidates: number[][] };

let sharedIndex: SharedCandidateIndex | null = null;

/** Recently analysed documents: a candidate is often aligned against several new documents. */
const CACHE_LIMIT = 64;
const analyses = new Map<number, Analysis>();

function analysisOf(doc: TaskDoc): Analysis {
  let a = analyses.get(doc.seq);
  if (a === undefined || a.text !== doc.text) {
    a = analyze(doc.text, { language: analyserLanguage(doc.language) });
    if (analyses.size >= CACHE_LIMIT) analyses.delete(analyses.keys().next().value!);
    analyses.set(doc.seq, a);
  } else {
    // Refresh its place in the LRU order.
    analyses.delete(doc.seq);
    analyses.set(doc.seq, a);
  }
  return a;
}

export function runTask(task: Task): TaskResult {
  if (task.type === 'load-index') {
    sharedIndex = new SharedCandidateIndex(task.index);
    return { type: 'load-index' };
  }
  if (task.type === 'query') {
    const index = sharedIndex;
    if (index === null) throw new Error('query task before load-index');
    return { type: 'query', candidates: task.items.map((it) => index.query(decodeFeatures(it.features), it.seq).map((c) => c.key)) };
  }
  if (task.type === 'features') {
    return {
      type: 'features',
      features: task.docs.map((d) =>
        encodeFeatures(extractFeatures(analyze(d.text, { language: analyserLanguage(d.language) }), task.params)),
      ),
      // Quotes ride along: the text is already in this worker, and the store writes both at once.
      quotes: task.docs.map((d) => extractQuotes(d.text)),
    };
  }
  const mine = analysisOf(task.doc);
  const links: LinkRecord[] = [];
  for (const other of task.others) {
    const theirs = analysisOf(other);
    // The earlier document is side a, as the store keeps links.
    const [first, second, fa, fb] = other.seq < task.doc.seq ? [other, task.doc, theirs, mine] : [task.doc, other, mine, theirs];
    const result = alignLongerFirst(fa, fb);
    const link = toLink(first.id, second.id, result);
    if (link) {
      link.textDirection = textDirection(first.text, second.text, link.passages, {}, { a: first.outlet, b: second.outlet });
      links.push(link);
    }
  }
  return { type: 'align', links };
}

/**
 * Aligns with the longer text as side a, the orientation the aligner is tuned on (a text that
 * may hold passages from several shorter ones), and maps the result back: a corpus link then
 * does not depend on which document happened to be stored first.
 */
export function alignLongerFirst(a: Analysis, b: Analysis): AlignResult {
  const language = a.language === b.language ? a.language : 'en';
  if (b.text.length <= a.text.length) return align(a, b, { language });
  const r = align(b, a, { language });
  return {
    passages: r.passages.map((p) => ({ ...p, a: p.b, b: p.a })),
    coverage: { a: r.coverage.b, b: r.coverage.a },
  };
}

/** A store link from an alignment, or null when nothing was found. */
export function toLink(a: string, b: string, result: AlignResult): LinkRecord | null {
  if (result.passages.length === 0) return null;
  return {
    a,
    b,
    kind: dominantKind(result.passages),
    coverageA: result.coverage.a,
    coverageB: result.coverage.b,
    score: weightedScore(result.passages),
    duplicate: false,
    passages: result.passages,
  };
}

/** Passage scores weighted by passage length. */
function weightedScore(passages: readonly Passage[]): number {
  let sum = 0;
  let weight = 0;
  for (const p of passages) {
    const w = Math.max(1, p.a[1] - p.a[0] + (p.b[1] - p.b[0]));
    sum += p.score * w;
    weight += w;
  }
  return Math.round((sum / weight) * 1000) / 1000;
}
