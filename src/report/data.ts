/**
 * Everything the HTML report shows, collected from a Store into plain typed data.
 * Rendering (html.ts, graph.ts) is pure and never touches the store.
 */
import { basename } from 'node:path';
import type { PassageEvidence, PassageKind } from '../align/types.js';
import { allDocuments } from '../cli/views-format.js';
import { buildStories, directedLinks, publishedTime, reprintClusters, type StoryInput } from '../provenance/index.js';
import type { DirectedLink, DirectionCall, ReprintCluster, Story } from '../provenance/types.js';
import { utterances, type Utterance } from '../quotes/match.js';
import { documentMetaJson, type DocumentMetaJson } from '../store/document-json.js';
import type { DocumentInfo, LinkRecord, Store } from '../store/types.js';
import { wordDiff, type CommonRun, type DiffChunk } from '../text/word-diff.js';

export interface ReportOptions {
  /** Links shown in full, strongest first (default 200); the summary still counts all. */
  maxLinks?: number;
  /** Stories shown (default 100). */
  maxStories?: number;
  /** Reprint clusters shown (default 100). */
  maxClusters?: number;
  /** Documents drawn in the graph (default 200): links are added strongest first until it is full. */
  maxGraphNodes?: number;
  /** Passages shown per link (default 6). */
  maxPassages?: number;
  /** Longer passage sides keep their head and tail, about this many characters in all (default 1600). */
  maxPassageChars?: number;
  /** Members listed per story or cluster (default 50). */
  maxMembers?: number;
  /** Utterances quoted by several documents shown (default 100), altered ones first. */
  maxQuotes?: number;
  /** Page title (default "Mimeo report"). */
  title?: string;
  /** When the report was made (default now): fixed in tests. */
  now?: Date;
}

export const defaultReportOptions: Required<Omit<ReportOptions, 'now'>> = {
  maxLinks: 200,
  maxStories: 100,
  maxClusters: 100,
  maxGraphNodes: 200,
  maxPassages: 6,
  maxPassageChars: 1600,
  maxMembers: 50,
  maxQuotes: 100,
  title: 'Mimeo report',
};

/** A document's metadata as shown (all of it untrusted text). */
export interface ReportDocument extends DocumentMetaJson {
  /** All its links in the corpus. */
  links: number;
  /** Numbers of the links shown in the report that touch it. */
  shownLinks: number[];
  /** Ids of the shown story and cluster it belongs to, if any. */
  story: number | null;
  cluster: number | null;
}

export interface CountedDocument {
  id: string;
  count: number;
}

export interface CorpusSummary {
  documents: number;
  /** Exact duplicates among them. */
  duplicates: number;
  /** Documents with at least one link. */
  linked: number;
  outlets: number;
  topOutlets: { outlet: string; documents: number }[];
  /** Documents with a readable publication date, and the earliest and latest as written. */
  dated: number;
  from: string | null;
  to: string | null;
  links: number;
  linksByKind: Record<PassageKind, number>;
  exactDuplicateLinks: number;
  /** Links with a known original, and without. */
  directed: number;
  undetermined: number;
  /** Sources of the most links whose direction is known. */
  mostCopied: CountedDocument[];
  /** Documents with the most links, whatever the direction. */
  mostLinked: CountedDocument[];
}

/** Corresponding pieces of the two sides: the whole passage, or its head and its tail. */
export interface PassagePiece {
  a: DiffChunk[];
  b: DiffChunk[];
}

export interface ReportPassage {
  kind: PassageKind;
  score: number;
  a: [number, number];
  b: [number, number];
  evidence: PassageEvidence | null;
  pieces: PassagePiece[];
  /** Characters left out between head and tail, per side (0 when shown whole). */
  cutA: number;
  cutB: number;
  /** False when the sides were too different to mark word by word. */
  marked: boolean;
}

export interface ReportLink extends Omit<LinkRecord, 'passages' | 'textDirection'> {
  /** 1-based rank in the report (strongest first): its anchor. */
  number: number;
  direction: DirectionCall;
  /** Id of the original, null when undetermined. */
  source: string | null;
  passages: ReportPassage[];
  passagesLeftOut: number;
  /** Drawn in the graph (false when the graph was full). */
  inGraph: boolean;
}

export interface ReportData {
  title: string;
  /** ISO time. */
  generated: string;
  /** File name of the database (not its full path: the report may be mailed). */
  database: string;
  summary: CorpusSummary;
  /** The documents the report mentions, by id. */
  documents: Map<string, ReportDocument>;
  links: ReportLink[];
  linksLeftOut: number;
  /** Linked documents left out of the graph. */
  graphNodesLeftOut: number;
  clusters: ReprintCluster[];
  clustersLeftOut: number;
  /** Stories of two or more documents. */
  stories: Story[];
  storiesLeftOut: number;
  /** Utterances quoted by more than one document (src/quotes/match.ts), altered ones first. */
  quotes: Utterance[];
  quotesLeftOut: number;
  maxMembers: number;
}

/** Reads the store once and builds the report's data. */
export function collectReport(store: Store, options: ReportOptions = {}): ReportData {
  const opts = { ...defaultReportOptions, ...options };
  const docs = [...allDocuments(store)];
  const directed = directedLinks(store);
  const { clusters, stories } = provenanceGroups(store, docs, directed);

  const ranked = directed.slice().sort(compareStrength);
  const shown = ranked.slice(0, opts.maxLinks);
  const graphIds = new Set<string>();
  const texts = new Map<string, string>();
  const textOf = (id: string): string => {
    let text = texts.get(id);
    if (text === undefined) texts.set(id, (text = store.getDocument(id)?.text ?? ''));
    return text;
  };
  const links = shown.map((d, i): ReportLink => {
    const fits = (graphIds.has(d.a.id) ? 0 : 1) + (graphIds.has(d.b.id) ? 0 : 1) + graphIds.size <= opts.maxGraphNodes;
    if (fits) graphIds.add(d.a.id).add(d.b.id);
    const passages = d.link.passages.slice(0, opts.maxPassages).map((p): ReportPassage => {
      const cut = cutPassage(textOf(d.a.id).slice(p.a[0], p.a[1]), textOf(d.b.id).slice(p.b[0], p.b[1]), opts.maxPassageChars);
      return { kind: p.kind, score: p.score, a: [p.a[0], p.a[1]], b: [p.b[0], p.b[1]], evidence: p.evidence ?? null, ...cut };
    });
    return {
      number: i + 1,
      a: d.a.id,
      b: d.b.id,
      kind: d.link.kind,
      coverageA: d.link.coverageA,
      coverageB: d.link.coverageB,
      score: d.link.score,
      duplicate: d.link.duplicate,
      direction: d.direction,
      source: d.source,
      passages,
      passagesLeftOut: d.link.passages.length - passages.length,
      inGraph: fits,
    };
  });
  texts.clear();

  const storiesShown = stories.filter((s) => s.members.length >= 2);
  const data: ReportData = {
    title: opts.title,
    generated: (options.now ?? new Date()).toISOString(),
    database: basename(store.location),
    summary: summarize(store, docs, directed),
    documents: new Map(),
    links,
    linksLeftOut: directed.length - links.length,
    graphNodesLeftOut: new Set(shown.flatMap((d) => [d.a.id, d.b.id])).size - graphIds.size,
    clusters: clusters.slice(0, opts.maxClusters),
    clustersLeftOut: Math.max(0, clusters.length - opts.maxClusters),
    stories: storiesShown.slice(0, opts.maxStories),
    storiesLeftOut: Math.max(0, storiesShown.length - opts.maxStories),
    ...sharedQuotes(store, directed, opts.maxQuotes),
    maxMembers: opts.maxMembers,
  };
  data.documents = mentionedDocuments(data, docs, directed);
  return data;
}

/**
 * Clusters and stories from src/provenance. Stories need every text: read one at a time, not held.
 */
function provenanceGroups(store: Store, docs: DocumentInfo[], directed: DirectedLink[]): { clusters: ReprintCluster[]; stories: Story[] } {
  const clusters = reprintClusters(directed);
  function* inputs(): Generator<StoryInput> {
    for (const doc of docs) {
      const base = { id: doc.id, seq: doc.seq, title: doc.meta.title ?? null, published: doc.meta.published ?? null };
      if (doc.duplicateOf) yield { ...base, duplicateOf: doc.duplicateOf };
      else yield { ...base, text: store.getDocument(doc.id)?.text ?? '' };
    }
  }
  const stories = buildStories(inputs(), directed.map((d) => ({ a: d.a.id, b: d.b.id })));
  return { clusters, stories };
}

function sharedQuotes(store: Store, directed: DirectedLink[], max: number): Pick<ReportData, 'quotes' | 'quotesLeftOut'> {
  const shared = utterances(store, { links: directed })
    .filter((u) => u.documents > 1)
    .sort((x, y) => Number(y.altered) - Number(x.altered) || y.documents - x.documents);
  return { quotes: shared.slice(0, max), quotesLeftOut: Math.max(0, shared.length - max) };
}

/** Most of the texts shared first, then the surer match, then stored order. */
function compareStrength(x: DirectedLink, y: DirectedLink): number {
  const cover = (d: DirectedLink): number => Math.max(d.link.coverageA, d.link.coverageB);
  return cover(y) - cover(x) || y.link.score - x.link.score || x.a.seq - y.a.seq || x.b.seq - y.b.seq;
}

const TOP = 10;

function summarize(store: Store, docs: DocumentInfo[], directed: DirectedLink[]): CorpusSummary {
  const counts = store.counts();
  const outlets = new Map<string, { outlet: string; documents: number }>();
  let dated = 0;
  let first: { time: number; text: string } | null = null;
  let last: { time: number; text: string } | null = null;
  for (const doc of docs) {
    const outlet = doc.meta.outlet?.trim();
    if (outlet) {
      const key = outlet.toLowerCase();
      const entry = outlets.get(key) ?? { outlet, documents: 0 };
      entry.documents++;
      outlets.set(key, entry);
    }
    const time = publishedTime(doc.meta.published);
    if (time === null || !doc.meta.published) continue;
    dated++;
    if (!first || time < first.time) first = { time, text: doc.meta.published };
    if (!last || time > last.time) last = { time, text: doc.meta.published };
  }

  const copied = new Map<string, number>();
  const linked = new Map<string, number>();
  const seqOf = new Map(docs.map((d) => [d.id, d.seq]));
  let exactDuplicateLinks = 0;
  for (const d of directed) {
    if (d.link.duplicate) exactDuplicateLinks++;
    if (d.source !== null) copied.set(d.source, (copied.get(d.source) ?? 0) + 1);
    for (const id of [d.a.id, d.b.id]) linked.set(id, (linked.get(id) ?? 0) + 1);
  }
  const top = (m: Map<string, number>): CountedDocument[] =>
    [...m]
      .sort((x, y) => y[1] - x[1] || (seqOf.get(x[0]) ?? 0) - (seqOf.get(y[0]) ?? 0))
      .slice(0, TOP)
      .map(([id, count]) => ({ id, count }));
  const directedCount = directed.filter((d) => d.source !== null).length;
  return {
    documents: counts.documents,
    duplicates: counts.duplicates,
    linked: linked.size,
    outlets: outlets.size,
    topOutlets: [...outlets.values()].sort((x, y) => y.documents - x.documents || x.outlet.localeCompare(y.outlet)).slice(0, TOP),
    dated,
    from: first?.text ?? null,
    to: last?.text ?? null,
    links: directed.length,
    linksByKind: countKinds(directed),
    exactDuplicateLinks,
    directed: directedCount,
    undetermined: directed.length - directedCount,
    mostCopied: top(copied),
    mostLinked: top(linked),
  };
}

/** Exact duplicates count as verbatim, as in the store's counts. */
function countKinds(directed: DirectedLink[]): Record<PassageKind, number> {
  const kinds: Record<PassageKind, number> = { verbatim: 0, edited: 0, paraphrase: 0 };
  for (const d of directed) kinds[d.link.duplicate ? 'verbatim' : d.link.kind]++;
  return kinds;
}

/** Metadata of every document the page names: link ends, cluster and story members, top lists. */
function mentionedDocuments(data: ReportData, docs: DocumentInfo[], directed: DirectedLink[]): Map<string, ReportDocument> {
  const wanted = new Set<string>();
  for (const l of data.links) wanted.add(l.a).add(l.b);
  for (const c of data.clusters) for (const id of c.members.slice(0, data.maxMembers)) wanted.add(id);
  for (const s of data.stories) for (const id of s.members.slice(0, data.maxMembers)) wanted.add(id);
  for (const t of [...data.summary.mostCopied, ...data.summary.mostLinked]) wanted.add(t.id);
  for (const u of data.quotes) for (const v of u.variants) wanted.add(v.doc);

  const linkCount = new Map<string, number>();
  for (const d of directed) for (const id of [d.a.id, d.b.id]) linkCount.set(id, (linkCount.get(id) ?? 0) + 1);
  const out = new Map<string, ReportDocument>();
  for (const doc of docs) {
    if (!wanted.has(doc.id)) continue;
    out.set(doc.id, {
      ...documentMetaJson(doc),
      links: linkCount.get(doc.id) ?? 0,
      shownLinks: [],
      story: null,
      cluster: null,
    });
  }
  for (const l of data.links) for (const id of [l.a, l.b]) out.get(id)?.shownLinks.push(l.number);
  for (const s of data.stories) for (const id of s.members) setIfKnown(out, id, 'story', s.id);
  for (const c of data.clusters) for (const id of c.members) setIfKnown(out, id, 'cluster', c.id);
  return out;
}

function setIfKnown(docs: Map<string, ReportDocument>, id: string, field: 'story' | 'cluster', value: number): void {
  const doc = docs.get(id);
  if (doc && doc[field] === null) doc[field] = value;
}

// ---------------------------------------------------------------- passages

/** Passages longer than this (both sides together) are diffed only near their ends: a whole diff takes seconds. */
const MAX_DIFF_CHARS = 60_000;

type PassageView = Pick<ReportPassage, 'pieces' | 'cutA' | 'cutB' | 'marked'>;

/**
 * The two sides of a passage, word-diffed, then cut in the middle when long. Both sides are cut
 * at the same shared words where possible, so head faces head and tail faces tail.
 */
export function cutPassage(textA: string, textB: string, maxChars: number): PassageView {
  const whole = (): PassageView => {
    const diff = wordDiff(textA, textB, { exact: true });
    return { pieces: [{ a: diff.a, b: diff.b }], cutA: 0, cutB: 0, marked: diff.marked };
  };
  if (textA.length <= maxChars && textB.length <= maxChars) return whole();
  const keep = Math.max(1, Math.floor(maxChars / 2));
  const ratio = textB.length / Math.max(1, textA.length);
  const complete = textA.length + textB.length <= MAX_DIFF_CHARS;
  const window = keep * 3;

  const headA = complete ? textA : textA.slice(0, wordEnd(textA, window));
  const headB = complete ? textB : textB.slice(0, wordEnd(textB, Math.round(window * ratio)));
  const headDiff = wordDiff(headA, headB, { exact: true });
  const [fromA, fromB] = complete ? [0, 0] : [wordStart(textA, textA.length - window), wordStart(textB, textB.length - Math.round(window * ratio))];
  const [tailA, tailB] = [textA.slice(fromA), textB.slice(fromB)];
  const tailDiff = complete ? headDiff : wordDiff(tailA, tailB, { exact: true });

  const head = headPoint(headDiff.common, headA, keep) ?? [wordEnd(headA, keep), wordEnd(headB, Math.round(keep * ratio))];
  const tail = tailPoint(tailDiff.common, tailA, tailA.length - keep) ?? [
    wordStart(tailA, tailA.length - keep),
    wordStart(tailB, tailB.length - Math.round(keep * ratio)),
  ];
  // Overlapping ends (very unequal sides): show it whole.
  if (!(head[0] < fromA + tail[0] && head[1] < fromB + tail[1])) return whole();
  return {
    pieces: [
      { a: sliceChunks(headDiff.a, 0, head[0]), b: sliceChunks(headDiff.b, 0, head[1]) },
      { a: sliceChunks(tailDiff.a, tail[0], tailA.length), b: sliceChunks(tailDiff.b, tail[1], tailB.length) },
    ],
    cutA: fromA + tail[0] - head[0],
    cutB: fromB + tail[1] - head[1],
    marked: headDiff.marked && tailDiff.marked,
  };
}

/** The first shared word boundary at or after `target` in A, with its place in B; null when too far off. */
function headPoint(common: CommonRun[], textA: string, target: number): [number, number] | null {
  const run = common.find((r) => r.a + r.length > target);
  if (!run) return null;
  const from = Math.max(target, run.a);
  const space = textA.slice(from, run.a + run.length).search(/\s/);
  const at = space >= 0 ? from + space : run.a + run.length;
  return at - target > target ? null : [at, run.b + (at - run.a)];
}

/** The last shared word start at or before `target` in A, with its place in B; null when too far off. */
function tailPoint(common: CommonRun[], textA: string, target: number): [number, number] | null {
  let run: CommonRun | undefined;
  for (const r of common) if (r.a < target) run = r;
  if (!run) return null;
  const to = Math.min(target, run.a + run.length);
  const before = textA.slice(run.a, to);
  const space = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'));
  const at = space >= 0 ? run.a + space + 1 : run.a;
  return target - at > textA.length - target ? null : [at, run.b + (at - run.a)];
}

function wordEnd(text: string, at: number): number {
  const space = text.slice(at).search(/\s/);
  return space >= 0 ? at + space : text.length;
}

function wordStart(text: string, at: number): number {
  const space = text.slice(0, Math.max(0, at)).search(/\s\S*$/);
  return space >= 0 ? space + 1 : 0;
}

/** The chunks covering characters [from, to) of their concatenation. */
function sliceChunks(chunks: DiffChunk[], from: number, to: number): DiffChunk[] {
  const out: DiffChunk[] = [];
  let at = 0;
  for (const chunk of chunks) {
    const end = at + chunk.text.length;
    if (end > from && at < to) out.push({ text: chunk.text.slice(Math.max(0, from - at), Math.min(chunk.text.length, to - at)), style: chunk.style });
    at = end;
  }
  return out;
}
