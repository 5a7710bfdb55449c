/**
 * Reprint clusters: documents that share the same reused text (one wire story and its reprints),
 * built from verified links only.
 *
 * Rule (see ClusterOptions for the numbers):
 * 1. Only substantial links count: exact duplicates, and verbatim/edited links where the more
 *    reused text is mostly shared (max coverage ≥ 0.5) and the other one at least partly (≥ 0.2).
 *    A paraphrase is a rewrite, not a reprint: it belongs to the story, not to the reprint cluster.
 * 2. Clusters are stars, never chains: documents are taken as centers in order (most substantial
 *    links, then source of more links than derivative of, then earliest, then stored first); a
 *    center gathers its not yet clustered neighbours whose shared part of the center lies mostly
 *    inside the part shared by its strongest neighbour. An article quoting two wire stories thus
 *    cannot pull both wires' reprints together, whichever document becomes the center.
 * 3. A document left over joins the cluster it has substantial links to most of the members of
 *    (a reprint whose link to the center the scan missed).
 */
import type { PassageKind } from '../align/types.js';
import type { DocumentInfo } from '../store/types.js';
import { comparePublished, publishedTime } from './dates.js';
import type { DirectedLink, ReprintCluster } from './types.js';

export interface ClusterOptions {
  /** Link kinds that can tie a reprint to its original (exact duplicates always do). */
  kinds: PassageKind[];
  /** Minimum of max(coverageA, coverageB): the shorter text is mostly the shared text. */
  minCoverage: number;
  /** Minimum of min(coverageA, coverageB): keeps a wire quoted inside a long digest out. */
  minLesserCoverage: number;
  /** Share of a member's shared part of the center that must overlap the strongest member's. */
  minOverlap: number;
  /** Smallest cluster reported (a single document is not a cluster). */
  minSize: number;
}

/**
 * Defaults: verbatim and edited links where half the shorter text and a fifth of the longer are
 * shared; members overlap on at least half of what they take from the center.
 */
export const defaultClusterOptions: ClusterOptions = {
  kinds: ['verbatim', 'edited'],
  minCoverage: 0.5,
  minLesserCoverage: 0.2,
  minOverlap: 0.5,
  minSize: 2,
};

/** Sorted, non-overlapping [start, end) ranges. */
type Ranges = Array<[number, number]>;

interface Edge {
  link: DirectedLink;
  /** Node indices of link.a and link.b. */
  u: number;
  v: number;
}

/** Groups documents that share the same reused text; largest clusters first. */
export function reprintClusters(links: DirectedLink[], options?: Partial<ClusterOptions>): ReprintCluster[] {
  const opts = { ...defaultClusterOptions, ...options };
  const kinds = new Set(opts.kinds);

  // Nodes: every document of a link, once.
  const index = new Map<string, number>();
  const docs: DocumentInfo[] = [];
  const node = (doc: DocumentInfo): number => {
    let i = index.get(doc.id);
    if (i === undefined) {
      i = docs.length;
      index.set(doc.id, i);
      docs.push(doc);
    }
    return i;
  };
  const edges: Edge[] = links.map((link) => ({ link, u: node(link.a), v: node(link.b) }));
  const n = docs.length;
  const times = docs.map((d) => publishedTime(d.meta.published));

  const substantial = edges.filter((e) => isSubstantial(e.link, kinds, opts));
  const adjacency = adjacencyOf(n, substantial);

  // Best connected first (a missed link then costs no member), then likely originals.
  const net = new Int32Array(n);
  for (const { link, u, v } of substantial) {
    if (link.source === null || u === v) continue;
    const [src, dst] = link.source === link.a.id ? [u, v] : [v, u];
    net[src]++;
    net[dst]--;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) =>
      adjacency[y].length - adjacency[x].length ||
      net[y] - net[x] ||
      compareTimes(times[x], times[y]) ||
      docs[x].seq - docs[y].seq,
  );

  const clusterOf = new Int32Array(n).fill(-1);
  const groups: number[][] = [];
  for (const center of order) {
    if (clusterOf[center] >= 0) continue;
    const members = gather(center, adjacency[center], clusterOf, docs, opts.minOverlap);
    if (members.length < 2) continue;
    for (const m of members) clusterOf[m] = groups.length;
    groups.push(members);
  }

  // Leftovers: join where most members are linked to them (a missed link to the center).
  for (const x of order) {
    if (clusterOf[x] >= 0) continue;
    const counts = new Map<number, number>();
    for (const e of adjacency[x]) {
      const k = clusterOf[other(e, x)];
      if (k >= 0) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    let best = -1;
    for (const [k, c] of counts) {
      if (c * 2 > groups[k].length && (best < 0 || c > counts.get(best)!)) best = k;
    }
    if (best >= 0) {
      clusterOf[x] = best;
      groups[best].push(x);
    }
  }

  // Every verified link inside a cluster counts for its link total, kind and original, not only the substantial ones.
  const inside: Edge[][] = groups.map(() => []);
  for (const e of edges) {
    const k = clusterOf[e.u];
    if (k >= 0 && k === clusterOf[e.v] && e.u !== e.v) inside[k].push(e);
  }

  const clusters: ReprintCluster[] = [];
  groups.forEach((members, k) => {
    if (members.length < Math.max(2, opts.minSize)) return;
    const { original, reason } = chooseOriginal(members, inside[k], docs, times);
    const ordered = members.slice().sort(
      (x, y) => Number(y === original) - Number(x === original) || compareTimes(times[x], times[y]) || docs[x].seq - docs[y].seq,
    );
    clusters.push({
      id: members.reduce((low, m) => Math.min(low, docs[m].seq), Infinity),
      members: ordered.map((m) => docs[m].id),
      original: original === null ? null : docs[original].id,
      originalReason: reason,
      links: inside[k].length,
      kind: dominantKind(inside[k]),
    });
  });
  return clusters.sort((x, y) => y.members.length - x.members.length || x.id - y.id);
}

/** Document id → cluster id, for marking nodes in views and exports. */
export function clusterMembership(clusters: readonly ReprintCluster[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of clusters) for (const id of c.members) out.set(id, c.id);
  return out;
}

function isSubstantial(link: DirectedLink, kinds: Set<PassageKind>, opts: ClusterOptions): boolean {
  const l = link.link;
  if (l.duplicate) return true;
  return kinds.has(l.kind) && Math.max(l.coverageA, l.coverageB) >= opts.minCoverage && Math.min(l.coverageA, l.coverageB) >= opts.minLesserCoverage;
}

function adjacencyOf(n: number, edges: Edge[]): Edge[][] {
  const out: Edge[][] = Array.from({ length: n }, () => []);
  for (const e of edges) {
    if (e.u === e.v) continue;
    out[e.u].push(e);
    out[e.v].push(e);
  }
  return out;
}

function other(e: Edge, x: number): number {
  return e.u === x ? e.v : e.u;
}

/** Unknown dates sort last. */
function compareTimes(x: number | null, y: number | null): number {
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x - y;
}

/**
 * The center and those of its free neighbours that take the same part of it: each one's shared
 * part of the center must mostly overlap the largest shared part among them.
 */
function gather(center: number, edges: Edge[], clusterOf: Int32Array, docs: DocumentInfo[], minOverlap: number): number[] {
  const candidates: { node: number; ranges: Ranges; length: number }[] = [];
  const seen = new Set<number>();
  for (const e of edges) {
    const m = other(e, center);
    if (clusterOf[m] >= 0 || seen.has(m)) continue;
    seen.add(m);
    const ranges = sharedPart(e, center, docs[center].chars);
    candidates.push({ node: m, ranges, length: totalLength(ranges) });
  }
  if (candidates.length === 0) return [center];
  const reference = candidates.reduce((best, c) => (c.length > best.length ? c : best));
  const members = [center];
  for (const c of candidates) {
    if (c === reference || overlapLength(c.ranges, reference.ranges) >= minOverlap * c.length) members.push(c.node);
  }
  return members;
}

/** The ranges of `center`'s text inside the link's passages; the whole text when none are stored (duplicates). */
function sharedPart(e: Edge, center: number, chars: number): Ranges {
  const passages = e.link.link.passages;
  if (passages.length === 0) return [[0, Math.max(1, chars)]];
  const side = e.u === center ? 'a' : 'b';
  const ranges = passages.map((p): [number, number] => [p[side][0], p[side][1]]).sort((x, y) => x[0] - y[0]);
  const merged: Ranges = [];
  for (const [s, t] of ranges) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], t);
    else merged.push([s, t]);
  }
  return merged;
}

function totalLength(ranges: Ranges): number {
  return ranges.reduce((sum, [s, t]) => sum + (t - s), 0);
}

function overlapLength(x: Ranges, y: Ranges): number {
  let total = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    total += Math.max(0, Math.min(x[i][1], y[j][1]) - Math.max(x[i][0], y[j][0]));
    if (x[i][1] < y[j][1]) i++;
    else j++;
  }
  return total;
}

const KIND_ORDER: PassageKind[] = ['verbatim', 'edited', 'paraphrase'];

/** Most frequent kind; ties go to the more literal one. */
function dominantKind(edges: Edge[]): PassageKind {
  const counts = new Map<PassageKind, number>();
  for (const e of edges) counts.set(e.link.link.kind, (counts.get(e.link.link.kind) ?? 0) + 1);
  let best: PassageKind = 'verbatim';
  for (const kind of KIND_ORDER) if ((counts.get(kind) ?? 0) > (counts.get(best) ?? 0)) best = kind;
  return best;
}

const BASIS_WORDS: Record<string, string> = { dates: 'dates', text: 'text', 'dates+text': 'dates and text' };

/**
 * The source of the most directed links inside the cluster; among equals (or when no link has a
 * direction) the only earliest published; otherwise none.
 */
function chooseOriginal(
  members: number[],
  edges: Edge[],
  docs: DocumentInfo[],
  times: (number | null)[],
): { original: number | null; reason: string } {
  const sourced = new Map<number, Edge[]>();
  for (const e of edges) {
    if (e.link.source === null) continue;
    const src = e.link.source === e.link.a.id ? e.u : e.v;
    let list = sourced.get(src);
    if (!list) sourced.set(src, (list = []));
    list.push(e);
  }
  let top = 0;
  for (const list of sourced.values()) top = Math.max(top, list.length);
  const leaders = top > 0 ? members.filter((m) => sourced.get(m)?.length === top) : members;
  const of = `${top} of ${edges.length} link${edges.length === 1 ? '' : 's'}`;
  if (top > 0 && leaders.length === 1) {
    return { original: leaders[0], reason: `source of ${of} (${basisWords(sourced.get(leaders[0])!)})` };
  }
  const earliest = uniqueEarliest(leaders, docs, times);
  const why = top > 0 ? `${leaders.length} members are each the source of ${of}` : 'no link has a known direction';
  if (earliest !== null) {
    const undated = leaders.filter((m) => times[m] === null).length;
    const note = undated > 0 ? `, ${undated} undated` : '';
    return { original: earliest, reason: `published first (${docs[earliest].meta.published}${note}); ${why}` };
  }
  return { original: null, reason: `undetermined: ${why} and no single earliest date` };
}

function basisWords(edges: Edge[]): string {
  const bases = new Set<string>();
  for (const e of edges) {
    const basis = e.link.direction.basis;
    if (basis === 'dates+text') bases.add('dates').add('text');
    else if (basis !== 'none') bases.add(basis);
  }
  const key = bases.has('dates') && bases.has('text') ? 'dates+text' : [...bases][0] ?? 'none';
  return BASIS_WORDS[key] ?? 'no stated basis';
}

/** The dated member published strictly before every other dated one (at least two dated). */
function uniqueEarliest(candidates: number[], docs: DocumentInfo[], times: (number | null)[]): number | null {
  const dated = candidates.filter((m) => times[m] !== null);
  if (dated.length < 2) return null;
  const first = dated.reduce((best, m) => (compareTimes(times[m], times[best]) < 0 ? m : best));
  const published = docs[first].meta.published;
  return dated.every((m) => m === first || comparePublished(published, docs[m].meta.published) < 0) ? first : null;
}
