/**
 * Quotes across documents: one utterance quoted by several documents — verbatim, cut, or reworded
 * (edited, paraphrased, machine-translated) — grouped with its variants, and how each variant
 * drifted from the canonical one (the quote in the original document).
 *
 * Precision first. Quotes are compared only where a match is plausible: documents joined by a
 * verified reuse link (the aligner's passages also tell where a quote went), and quotes sharing a
 * run of content words. Without a link the words must overlap substantially, more so without the
 * same speaker: two outlets quoting one official in their own words are two utterances.
 */
import { diffArrays } from 'diff';
import { directedLinks, publishedTime } from '../provenance/index.js';
import type { DirectedLink } from '../provenance/types.js';
import type { DocumentInfo, Store, StoredQuote } from '../store/types.js';
import { analyze } from '../text/analyze.js';
import { analyserLanguage } from '../text/languages.js';
import { tokenize, type RawToken } from '../text/tokens.js';

/** How a variant was found: through a reuse link, the same speaker, the words alone, or as an exact duplicate. */
export type MatchBasis = 'link' | 'speaker' | 'text' | 'duplicate';

export interface WordEdit {
  kind: 'substituted' | 'inserted' | 'deleted';
  /** Canonical words ('' for an insertion). */
  old: string;
  /** Variant words ('' for a deletion). */
  new: string;
}

/** A piece of the variant shown against the canonical: `cut` = canonical words the variant leaves out at an end. */
export interface DriftSegment {
  text: string;
  style: 'same' | 'removed' | 'added' | 'cut';
}

/** How a variant differs from the canonical quote (case and punctuation are not differences). */
export interface QuoteDrift {
  /** Anything below differs. */
  altered: boolean;
  /** Words changed inside the quote (cut ends not counted). */
  substituted: number;
  inserted: number;
  deleted: number;
  /** Canonical words the variant leaves out at its start and end (it quotes a contiguous part). */
  truncated: { start: number; end: number } | null;
  /** Words the variant has beyond the canonical's start and end (the canonical is the part). */
  extended: { start: number; end: number } | null;
  /** Other quotes of the canonical document this variant runs together with the canonical one. */
  merged: string[];
  /** Both name a speaker, and not the same one. */
  speakerDifferent: boolean;
  /** The words appear in this document without quotation marks. */
  marksLost: boolean;
  edits: WordEdit[];
  /** The variant word by word against the canonical, in order; join with spaces to show it. */
  segments: DriftSegment[];
}

export interface UtteranceVariant {
  doc: string;
  seq: number;
  title: string | null;
  outlet: string | null;
  published: string | null;
  /** The quote's place among its document's stored quotes; null when found without quotation marks. */
  ord: number | null;
  /** Offsets into the document's stored text (an exact duplicate's are its original's). */
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  canonical: boolean;
  /** The document this one is an exact duplicate of. */
  duplicateOf: string | null;
  /** How it joined the utterance; null for the canonical variant. */
  matchedBy: MatchBasis | null;
  /** Against the canonical variant; null for the canonical itself. */
  drift: QuoteDrift | null;
}

export interface Utterance {
  /** "DOC#ORD" of the canonical quote. */
  key: string;
  speaker: string | null;
  /** The canonical quote's words. */
  text: string;
  /** Canonical first, then by publication date and stored order. */
  variants: UtteranceVariant[];
  /** Documents quoting it. */
  documents: number;
  /** Some variant drifted. */
  altered: boolean;
}

// Words shared in order (content words, stems or synonyms) over the shorter quote's content words.
/** Linked documents: half of the shorter quote, at least two words (or the same words). */
const LINKED_CONTAINMENT = 0.5;
/** The aligned place: the proportional position in the passage, give or take this share of it (or these characters). */
const POSITION_SLACK = 0.05;
const POSITION_SLACK_CHARS = 40;
/** Linked documents, away from the aligned place: quotes with fewer content words than this need all the same words. */
const LINKED_SHORT = 4;
/** Linked documents: a quote where the aligned passage puts the other quote (overlap share), with words in common. */
const LINKED_POSITION = 0.5;
/** Same speaker without a link: a real overlap, not a shared phrase. */
const SPEAKER_SHARED = 4;
const SPEAKER_CONTAINMENT = 0.5;
/** Neither a link nor the same speaker: nearly the same sentence. */
const TEXT_SHARED = 6;
const TEXT_CONTAINMENT = 0.7;
/** Named speakers differ and no link: only a long, near-verbatim quote. */
const OTHER_SPEAKER_SHARED = 8;
const OTHER_SPEAKER_CONTAINMENT = 0.8;
/** Unlinked documents, and words found without marks: the shared words fill this much of their stretch of the longer text. */
const MIN_DENSITY = 0.7;
/** Words found without marks in a linked document: most of a quote of three or more words. */
const UNMARKED_SHARED = 3;
const UNMARKED_CONTAINMENT = 0.7;
/** ... and at most this share of the quote's words changed. */
const MAX_UNMARKED_EDITS = 0.3;
/** A variant holds another quote of the canonical's document when it has this much of its words, in one run. */
const MERGED_CONTAINMENT = 0.8;
/** Joining two groups: their longest quotes must still share this much (no chains of partial overlaps). */
const CHAIN_CONTAINMENT = 0.3;
/** A content-word pair in more quotes than this is a stock phrase: not used to find candidates. */
const MAX_POSTINGS = 500;
/** Word pairs per quote used to find candidates, rarest first. */
const RAREST_PAIRS = 4;
/** Quadratic word alignments beyond this many cells are skipped (quotes are short; this is a guard). */
const MAX_CELLS = 400_000;

interface DocMeta {
  id: string;
  seq: number;
  title: string | null;
  outlet: string | null;
  published: string | null;
  time: number | null;
  language: string;
}

interface Node {
  index: number;
  doc: DocMeta;
  ord: number | null;
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  /** Normalized name words, or null when no name is known. */
  speakerKey: string[] | null;
  /** Content words as interned canon and stem ids, and as written (lower-case). */
  canon: Int32Array;
  stem: Int32Array;
  norms: string[];
  marked: boolean;
}

interface Edge {
  x: number;
  y: number;
  score: number;
  basis: MatchBasis;
}

export interface UtteranceOptions {
  /** The store's directed links, when the caller has them already. */
  links?: DirectedLink[];
}

/** Every utterance quoted in the store, each with its variants (single quotes included). */
export function utterances(store: Store, options: UtteranceOptions = {}): Utterance[] {
  const docs = new Map<string, DocMeta>();
  const duplicates = new Map<string, DocMeta[]>();
  for (const info of allDocuments(store)) {
    const meta = docMeta(info);
    docs.set(info.id, meta);
    if (!info.duplicateOf) continue;
    const list = duplicates.get(info.duplicateOf);
    if (list) list.push(meta);
    else duplicates.set(info.duplicateOf, [meta]);
  }
  const matcher = new Matcher();
  for (const q of store.quotes()) {
    const doc = docs.get(q.doc);
    if (doc) matcher.addQuote(doc, q);
  }
  const links = (options.links ?? directedLinks(store)).filter((d) => !d.link.duplicate);
  // Texts are read only to look for words kept without marks; the last few hundred are kept.
  const texts = new Map<string, string>();
  const textOf = (id: string): string => {
    let text = texts.get(id);
    if (text === undefined) text = store.getDocument(id)?.text ?? '';
    else texts.delete(id);
    texts.set(id, text);
    if (texts.size > 256) texts.delete(texts.keys().next().value!);
    return text;
  };
  for (const d of links) {
    const [a, b] = [docs.get(d.a.id), docs.get(d.b.id)];
    if (a && b) matcher.addLink(d, a, b, textOf);
  }
  return matcher.utterances(duplicates);
}

function* allDocuments(store: Store): Generator<DocumentInfo> {
  const page = 2000;
  for (let offset = 0; ; offset += page) {
    const docs = store.listDocuments({ limit: page, offset });
    yield* docs;
    if (docs.length < page) return;
  }
}

function docMeta(info: DocumentInfo): DocMeta {
  const m = info.meta;
  return {
    id: info.id,
    seq: info.seq,
    title: m.title ?? null,
    outlet: m.outlet ?? null,
    published: m.published ?? null,
    time: publishedTime(m.published),
    language: analyserLanguage(m.language),
  };
}

/** Name words without case, accents or initials: "Loretta E. Lynch" and "Loretta Lynch" can then be compared. */
function speakerKey(name: string | null | undefined): string[] | null {
  // A mention glued to the previous sentence by the extractor ("Iraq. Carson"): the last sentence is the name.
  const last = name?.split(/[.!?]\s+/).pop()?.replace(/['\u2019]s$/u, '');
  // Descriptions ("the Democratic front-runner", "officials") start in lower case: not a name.
  if (!last || !/^\p{Lu}/u.test(last)) return null;
  const words = last
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
  return words.length > 0 ? words : null;
}

/** One name is the other or ends with it ("Karen Whitlow" in "Superintendent Karen Whitlow", "Hua" in "Hua Chunying"). */
function sameSpeaker(x: string[], y: string[]): boolean {
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const offset = long.length - short.length;
  if (short.every((w, i) => w === long[offset + i])) return true;
  return short.length === 1 && long[0] === short[0];
}

interface Similarity {
  shared: number;
  containment: number;
}

class Matcher {
  private readonly nodes: Node[] = [];
  private readonly byDoc = new Map<string, Node[]>();
  private readonly ids = new Map<string, number>();
  private readonly edges: Edge[] = [];
  private readonly pairCache = new Map<number, number[]>();
  private readonly wordCache = new Map<string, { canon: Int32Array; stem: Int32Array; norms: string[] }>();
  /** Speaker names share one key array, so equal names compare as the same object. */
  private readonly speakerKeys = new Map<string, string[] | null>();
  /** A document's quotes by start offset, and by word pair (both dropped when one is added). */
  private readonly sortedByDoc = new Map<string, Node[]>();
  private readonly pairsByDoc = new Map<string, Map<number, Node[]>>();
  /** Word ids of the quote last marked (see mark), by stamp: a bound without building sets. */
  private stamps = new Int32Array(1024);
  private stamp = 0;
  /** Document pairs joined by a link (pairKey of their seqs) → its direction. */
  private readonly linked = new Map<number, DirectedLink>();

  addQuote(doc: DocMeta, q: StoredQuote): void {
    const node = this.push({ doc, ord: q.ord, start: q.start, end: q.end, text: q.text, speaker: q.speaker?.name ?? null, marked: true }, null);
    // "the spokeswoman" or "he" left unresolved names nobody.
    const s = q.speaker;
    if (s && s.kind !== 'name' && s.kind !== 'organisation' && s.name === s.mention) node.speakerKey = null;
  }

  private push(base: Omit<Node, 'index' | 'canon' | 'stem' | 'norms' | 'speakerKey'>, words: Word[] | null): Node {
    // Reprints repeat the same quotes: each text is analysed once.
    const cacheKey = `${base.doc.language}\u0000${base.text}`;
    let ids = words ? undefined : this.wordCache.get(cacheKey);
    if (!ids) {
      const content = words ?? contentWords(base.text, base.doc.language);
      ids = {
        canon: Int32Array.from(content, (w) => this.intern(w.canon)),
        stem: Int32Array.from(content, (w) => this.intern(`\u0000${w.stem}`)),
        norms: content.map((w) => w.norm),
      };
      if (!words) this.wordCache.set(cacheKey, ids);
    }
    let key = base.speaker === null ? null : this.speakerKeys.get(base.speaker);
    if (key === undefined) this.speakerKeys.set(base.speaker!, (key = speakerKey(base.speaker)));
    const node: Node = {
      index: this.nodes.length,
      doc: base.doc,
      ord: base.ord,
      start: base.start,
      end: base.end,
      text: base.text,
      speaker: base.speaker,
      speakerKey: key,
      canon: ids.canon,
      stem: ids.stem,
      norms: ids.norms,
      marked: base.marked,
    };
    this.nodes.push(node);
    const list = this.byDoc.get(node.doc.id);
    if (list) list.push(node);
    else this.byDoc.set(node.doc.id, [node]);
    this.sortedByDoc.delete(node.doc.id);
    this.pairsByDoc.delete(node.doc.id);
    return node;
  }

  private intern(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) this.ids.set(word, (id = this.ids.size));
    return id;
  }

  /** Quote pairs of two linked documents, and canonical words the later one kept without marks. */
  addLink(d: DirectedLink, a: DocMeta, b: DocMeta, textOf: (id: string) => string): void {
    this.linked.set(pairKey(a.seq, b.seq), d);
    const nodesA = this.byDoc.get(a.id) ?? [];
    const nodesB = this.byDoc.get(b.id) ?? [];
    const passages = d.link.passages;
    const matchedA = new Set<number>();
    const matchedB = new Set<number>();
    // Candidates: B's quotes with the same words, or where a passage puts x; failing those, sharing a word pair with it.
    let sortedB = this.sortedByDoc.get(b.id);
    if (!sortedB) this.sortedByDoc.set(b.id, (sortedB = nodesB.slice().sort((p, q) => p.start - q.start)));
    const sameWords = new Map<Int32Array, Node[]>();
    for (const y of nodesB) {
      const list = sameWords.get(y.canon);
      if (list) list.push(y);
      else sameWords.set(y.canon, [y]);
    }
    for (const x of nodesA) {
      // Where the passages put x in B, widened: a rewrite moves words around inside a long passage.
      const mapped: [number, number][] = [];
      for (const p of passages) {
        const m = mapSpan(x.start, x.end, p.a, p.b);
        const slack = Math.max(POSITION_SLACK_CHARS, POSITION_SLACK * (p.b[1] - p.b[0]));
        if (m) mapped.push([Math.max(p.b[0], m[0] - slack), Math.min(p.b[1], m[1] + slack)]);
      }
      const candidates = new Set<Node>(sameWords.get(x.canon));
      for (const m of mapped) {
        for (let k = firstEndingAfter(sortedB, m[0]); k < sortedB.length && sortedB[k].start < m[1]; k++) candidates.add(sortedB[k]);
      }
      if (this.linkEdges(x, candidates, mapped, matchedA, matchedB)) continue;
      const byPair = this.pairIndex(b.id, nodesB);
      const more = new Set<Node>();
      for (const key of this.pairKeys(x)) for (const y of byPair.get(key) ?? []) if (!candidates.has(y)) more.add(y);
      this.linkEdges(x, more, mapped, matchedA, matchedB);
    }
    // Words kept without marks: looked for in the copy only (both sides when the direction is unknown).
    const sides: [DocMeta, Node[], Set<number>, DocMeta, 'a' | 'b'][] = [];
    if (d.source !== b.id) sides.push([a, nodesA, matchedA, b, 'a']);
    if (d.source !== a.id) sides.push([b, nodesB, matchedB, a, 'b']);
    for (const [, from, matched, to, side] of sides) {
      for (const x of from) {
        if (matched.has(x.index) || x.canon.length < UNMARKED_SHARED) continue;
        for (const p of passages) {
          const [own, other] = side === 'a' ? [p.a, p.b] : [p.b, p.a];
          if (overlapShare(x.start, x.end, own[0], own[1]) < 0.5) continue;
          const found = this.findUnmarked(x, to, () => textOf(to.id), own, other);
          if (found) {
            this.edges.push({ x: x.index, y: found.node.index, score: found.containment, basis: 'link' });
            break;
          }
        }
      }
    }
  }

  /** Edges from x to the candidates that pass the rules for linked documents; true when there was one. */
  private linkEdges(x: Node, candidates: Set<Node>, mapped: [number, number][], matchedA: Set<number>, matchedB: Set<number>): boolean {
    let any = false;
    const stamp = this.mark(x);
    for (const y of candidates) {
      let position = 0;
      for (const m of mapped) position = Math.max(position, overlapShare(m[0], m[1], y.start, y.end));
      // Fewer common words than either rule needs: no need to align them.
      const bound = this.bound(stamp, y);
      if (bound === 0 || (position < LINKED_POSITION && (bound < Math.min(2, x.canon.length, y.canon.length) || bound < LINKED_CONTAINMENT * Math.min(x.canon.length, y.canon.length)))) continue;
      const sim = this.similarity(x, y);
      const fewest = Math.min(x.canon.length, y.canon.length);
      const otherSpeaker = x.speakerKey !== null && y.speakerKey !== null && !sameSpeaker(x.speakerKey, y.speakerKey);
      // At the aligned place two words in common will do (one for a one-word quote), three for a
      // quote given to someone else.
      const byPlace =
        position >= LINKED_POSITION &&
        (otherSpeaker ? sim.shared >= 3 && sim.containment >= LINKED_CONTAINMENT : sim.shared >= Math.min(2, fewest));
      // Away from it a short quote needs all the same words ("positive change" is a common phrase),
      // and a quote given to someone else a strong overlap.
      const short = fewest < LINKED_SHORT;
      const sameWords = sim.shared === x.canon.length && sim.shared === y.canon.length;
      const byWords = otherSpeaker
        ? sim.shared >= LINKED_SHORT && sim.containment >= OTHER_SPEAKER_CONTAINMENT
        : sim.containment >= LINKED_CONTAINMENT && (short ? sameWords : sim.shared >= 2);
      if (!byWords && !byPlace) continue;
      this.edges.push({ x: x.index, y: y.index, score: sim.containment + (byPlace ? 0.25 : 0), basis: 'link' });
      matchedA.add(x.index);
      matchedB.add(y.index);
      any = true;
    }
    return any;
  }

  /** A document's quotes by word pair (a one-word quote by its word); kept for the document's other links. */
  private pairIndex(doc: string, nodes: Node[]): Map<number, Node[]> {
    let index = this.pairsByDoc.get(doc);
    if (index) return index;
    index = new Map<number, Node[]>();
    for (const y of nodes) {
      for (const key of this.pairKeys(y)) {
        const list = index.get(key);
        if (list) list.push(y);
        else index.set(key, [y]);
      }
    }
    this.pairsByDoc.set(doc, index);
    return index;
  }

  private pairKeys(node: Node): number[] {
    return node.canon.length === 1 ? [-1 - node.canon[0]] : this.pairsOf(node);
  }

  /** The quote's words in the other document's aligned passage, when most of them are there in order and no quote holds them. */
  private findUnmarked(x: Node, doc: DocMeta, textOf: () => string, own: [number, number], other: [number, number]): { node: Node; containment: number } | null {
    const mapped = mapSpan(x.start, x.end, own, other);
    if (!mapped) return null;
    // The copy has a quote of its own there: a different quote, not these words without marks.
    const nodes = this.byDoc.get(doc.id) ?? [];
    if (nodes.some((n) => n.marked && overlapShare(n.start, n.end, mapped[0], mapped[1]) >= 0.5)) return null;
    const need = Math.max(UNMARKED_SHARED, Math.ceil(UNMARKED_CONTAINMENT * x.canon.length));
    const text = textOf();
    const slack = Math.max(80, (mapped[1] - mapped[0]) / 2);
    const from = Math.max(other[0], Math.floor(mapped[0] - slack));
    const to = Math.min(other[1], Math.ceil(mapped[1] + slack), text.length);
    if (to <= from) return null;
    // Most of the words must be there as written: checked on the raw text before analysing it.
    const region = text.slice(from, to);
    const lower = region.toLowerCase();
    if (x.norms.filter((w) => lower.includes(w)).length < need) return null;
    const all = analyze(region, { language: doc.language }).tokens;
    const content = contentIndexes(all);
    if (x.canon.length * content.length > MAX_CELLS) return null;
    const canon = content.map((k) => this.ids.get(all[k].canon) ?? -1);
    const stem = content.map((k) => this.ids.get(`\u0000${all[k].stem}`) ?? -1);
    const pairs = lcsPairs(x.canon.length, content.length, (i, j) => x.canon[i] === canon[j] || x.stem[i] === stem[j]);
    if (pairs.length < need) return null;
    // Matches scattered over a long stretch are common words, not the quote.
    if (pairs.length / (pairs[pairs.length - 1][1] - pairs[0][1] + 1) < MIN_DENSITY) return null;
    // Out to the function words the quote starts and ends with ("The bridge ... every single beam").
    const quoted = analyze(x.text, { language: doc.language }).tokens;
    const quotedContent = contentIndexes(quoted);
    let [qi, first] = [quotedContent[pairs[0][0]], content[pairs[0][1]]];
    while (qi > 0 && first > 0 && quoted[qi - 1].norm === all[first - 1].norm) [qi, first] = [qi - 1, first - 1];
    let [qj, last] = [quotedContent[pairs[pairs.length - 1][0]], content[pairs[pairs.length - 1][1]]];
    while (qj + 1 < quoted.length && last + 1 < all.length && quoted[qj + 1].norm === all[last + 1].norm) [qj, last] = [qj + 1, last + 1];
    const start = from + all[first].start;
    const end = from + all[last].end;
    const overlapping = nodes.filter((n) => n.start < end && start < n.end);
    if (overlapping.some((n) => n.marked)) return null;
    // Found before from another source of this document: the same words.
    if (overlapping.length > 0) return { node: overlapping[0], containment: pairs.length / x.canon.length };
    // Reported speech keeps the content words and changes the rest: the words as a whole must be the quote's.
    const found = wordDrift(x.text, text.slice(start, end));
    if (found.substituted + found.inserted + found.deleted > MAX_UNMARKED_EDITS * quoted.length) return null;
    const words = all.slice(first, last + 1).filter((t) => !t.stop).map((t) => ({ canon: t.canon, stem: t.stem, norm: t.norm }));
    const node = this.push({ doc, ord: null, start, end, text: text.slice(start, end), speaker: null, marked: false }, words);
    return { node, containment: pairs.length / x.canon.length };
  }

  /** The node's distinct pairs of consecutive content words (hashed canon ids). */
  private pairsOf(node: Node): number[] {
    let keys = this.pairCache.get(node.index);
    if (!keys) {
      const set = new Set<number>();
      // Hashed into a small integer: a collision only adds a candidate, which the rules then judge.
      for (let i = 0; i + 1 < node.canon.length; i++) set.add((Math.imul(node.canon[i], 65599) ^ node.canon[i + 1]) & 0x3fffffff);
      this.pairCache.set(node.index, (keys = [...set]));
    }
    return keys;
  }

  /** Marks x's word ids for `bound`; returns the stamp. */
  private mark(x: Node): number {
    if (this.stamps.length < this.ids.size) {
      const grown = new Int32Array(Math.max(this.ids.size, this.stamps.length * 2));
      grown.set(this.stamps);
      this.stamps = grown;
    }
    const stamp = ++this.stamp;
    for (let i = 0; i < x.canon.length; i++) this.stamps[x.canon[i]] = this.stamps[x.stem[i]] = stamp;
    return stamp;
  }

  /** Words of y whose canon or stem the marked quote has: at least the words the two share in order. */
  private bound(stamp: number, y: Node): number {
    const stamps = this.stamps;
    let n = 0;
    for (let i = 0; i < y.canon.length; i++) if (stamps[y.canon[i]] === stamp || stamps[y.stem[i]] === stamp) n++;
    return n;
  }

  /**
   * The shared words form one run in the longer quote (a part of it was quoted), not words spread
   * over it: the same speaker's talking points recur ("fair share", "billionaires") in other sentences.
   */
  private compact(x: Node, y: Node): boolean {
    const [short, long] = x.canon.length <= y.canon.length ? [x, y] : [y, x];
    if (short.canon.length * long.canon.length > MAX_CELLS) return false;
    const pairs = lcsPairs(short.canon.length, long.canon.length, (i, j) => short.canon[i] === long.canon[j] || short.stem[i] === long.stem[j]);
    if (pairs.length === 0) return false;
    return pairs.length / (pairs[pairs.length - 1][1] - pairs[0][1] + 1) >= MIN_DENSITY;
  }

  /** Content words shared in order, over the shorter quote's content words. */
  private similarity(x: Node, y: Node): Similarity {
    const n = x.canon.length;
    const m = y.canon.length;
    if (n === 0 || m === 0 || n * m > MAX_CELLS) return { shared: 0, containment: 0 };
    if (x.canon === y.canon || (n === m && x.canon.every((c, i) => c === y.canon[i]))) return { shared: n, containment: 1 };
    const shared = sharedInOrder(x, y);
    return { shared, containment: shared / Math.min(n, m) };
  }

  /**
   * Pairs of quotes sharing two consecutive content words, judged by the rules for unlinked
   * documents. Reprints repeat quotes word for word, so the words are compared once per pair of
   * distinct texts, and each text is paired through its rarest shared word pairs only: a match
   * shares many, and the common ones ("white house") would pair everything with everything.
   */
  private wordEdges(): void {
    const texts = new Map<Int32Array, Node[]>();
    for (const node of this.nodes) {
      if (!node.marked || node.canon.length < SPEAKER_SHARED) continue;
      const list = texts.get(node.canon);
      if (list) list.push(node);
      else texts.set(node.canon, [node]);
    }
    const groups = [...texts.values()];
    const postings = new Map<number, number[]>();
    groups.forEach((group, t) => {
      for (const key of this.pairsOf(group[0])) {
        const list = postings.get(key);
        if (list) list.push(t);
        else postings.set(key, [t]);
      }
    });
    const linkedDocs = new Map<number, Set<number>>();
    for (const d of this.linked.values()) {
      for (const [p, q] of [[d.a.seq, d.b.seq], [d.b.seq, d.a.seq]]) {
        const set = linkedDocs.get(p);
        if (set) set.add(q);
        else linkedDocs.set(p, new Set([q]));
      }
    }
    // Stamps instead of sets: the texts already compared with text t.
    const seen = new Int32Array(groups.length);
    groups.forEach((mine, t) => {
      const x = mine[0];
      const stamp = this.mark(x);
      const lists = this.pairsOf(x)
        .map((key) => postings.get(key)!)
        .filter((list) => list.length >= 2 && list.length <= MAX_POSTINGS)
        .sort((p, q) => p.length - q.length)
        .slice(0, RAREST_PAIRS);
      for (const list of lists) {
        for (const u of list) {
          // A pair may come up from both texts (each through its own rarest pairs): judged twice at most.
          if (u === t || seen[u] === t + 1) continue;
          seen[u] = t + 1;
          const theirs = groups[u];
          const y = theirs[0];
          if (this.bound(stamp, y) < Math.max(SPEAKER_SHARED, SPEAKER_CONTAINMENT * Math.min(x.canon.length, y.canon.length))) continue;
          const sim = this.similarity(x, y);
          if (sim.shared < SPEAKER_SHARED || sim.containment < SPEAKER_CONTAINMENT) continue;
          for (const a of mine) {
            const linkedToA = linkedDocs.get(a.doc.seq);
            for (const b of theirs) {
              // Linked documents were judged by the link rules already.
              if (a.doc.seq === b.doc.seq || linkedToA?.has(b.doc.seq)) continue;
              const edge = this.judgeUnlinked(a, b, sim);
              if (edge) this.edges.push(edge);
            }
          }
        }
      }
    });
  }

  private judgeUnlinked(x: Node, y: Node, sim: Similarity): Edge | null {
    const passes = (shared: number, containment: number) => sim.shared >= shared && sim.containment >= containment && this.compact(x, y);
    let basis: MatchBasis;
    if (x.speakerKey && y.speakerKey) {
      if (sameSpeaker(x.speakerKey, y.speakerKey)) {
        if (!passes(SPEAKER_SHARED, SPEAKER_CONTAINMENT)) return null;
        basis = 'speaker';
      } else {
        if (!passes(OTHER_SPEAKER_SHARED, OTHER_SPEAKER_CONTAINMENT)) return null;
        basis = 'text';
      }
    } else {
      if (!passes(TEXT_SHARED, TEXT_CONTAINMENT)) return null;
      basis = 'text';
    }
    return { x: x.index, y: y.index, score: sim.containment, basis };
  }

  utterances(duplicates: Map<string, DocMeta[]>): Utterance[] {
    this.wordEdges();
    const groups = this.group();
    const out: Utterance[] = [];
    for (const members of groups.members) {
      const canonical = this.canonicalOf(members);
      const variants: UtteranceVariant[] = [];
      // Reprints repeat a variant's words: each text is compared with the canonical once.
      const words = new Map<string, WordDrift>();
      const driftOf = (node: Node, merged: string[]): QuoteDrift => {
        let w = words.get(node.text);
        if (!w) words.set(node.text, (w = wordDrift(canonical.text, node.text)));
        return drift(canonical, node, w, merged);
      };
      for (const node of members) {
        const isCanonical = node === canonical;
        const merged = isCanonical ? [] : this.mergedWith(node, canonical);
        variants.push(variant(node, isCanonical, null, isCanonical ? null : groups.basis.get(node.index) ?? 'link', isCanonical ? null : driftOf(node, merged)));
        for (const dup of node.marked ? duplicates.get(node.doc.id) ?? [] : []) {
          const copy = { ...node, doc: dup };
          variants.push(variant(copy, false, node.doc.id, 'duplicate', driftOf(copy, merged)));
        }
      }
      const times = new Map(variants.map((v) => [v, publishedTime(v.published)]));
      variants.sort((x, y) => Number(y.canonical) - Number(x.canonical) || compareTime(times.get(x)!, times.get(y)!) || x.seq - y.seq);
      const speaker = canonical.speaker ?? members.find((n) => n.speaker)?.speaker ?? null;
      out.push({
        key: `${canonical.doc.id}#${canonical.ord}`,
        speaker,
        text: canonical.text,
        variants,
        documents: new Set(variants.map((v) => v.doc)).size,
        altered: variants.some((v) => v.drift?.altered),
      });
    }
    return out.sort((x, y) => y.documents - x.documents || x.variants[0].seq - y.variants[0].seq || (x.variants[0].ord ?? 0) - (y.variants[0].ord ?? 0));
  }

  /**
   * Union-find over the edges, strongest first. A group holds one quote per document, and two
   * groups join only when their longest quotes still overlap: A~B and B~C on different halves of B
   * do not make A and C one utterance.
   */
  private group(): { members: Node[][]; basis: Map<number, MatchBasis> } {
    const parent = this.nodes.map((n) => n.index);
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]];
      return i;
    };
    const docsOf = new Map<number, Set<number>>(this.nodes.map((n) => [n.index, new Set([n.doc.seq])]));
    const rep = new Map<number, Node>(this.nodes.map((n) => [n.index, n]));
    const basis = new Map<number, MatchBasis>();
    const order = this.edges.slice().sort((p, q) => q.score - p.score || rank(p.basis) - rank(q.basis) || p.x - q.x || p.y - q.y);
    for (const edge of order) {
      const [gx, gy] = [find(edge.x), find(edge.y)];
      if (gx === gy) continue;
      const [dx, dy] = [docsOf.get(gx)!, docsOf.get(gy)!];
      const [fewer, more] = dx.size <= dy.size ? [dx, dy] : [dy, dx];
      if ([...fewer].some((seq) => more.has(seq))) continue;
      const [rx, ry] = [rep.get(gx)!, rep.get(gy)!];
      const single = dx.size === 1 && dy.size === 1;
      const direct = (rx.index === edge.x && ry.index === edge.y) || (rx.index === edge.y && ry.index === edge.x);
      if (!single && !direct && this.similarity(rx, ry).containment < CHAIN_CONTAINMENT) continue;
      const [big, small] = dx.size >= dy.size ? [gx, gy] : [gy, gx];
      parent[small] = big;
      for (const seq of docsOf.get(small)!) docsOf.get(big)!.add(seq);
      docsOf.delete(small);
      rep.set(big, rx.canon.length >= ry.canon.length ? rx : ry);
      for (const i of [edge.x, edge.y]) if (!basis.has(i)) basis.set(i, edge.basis);
    }
    const members = new Map<number, Node[]>();
    for (const node of this.nodes) {
      const root = find(node.index);
      const list = members.get(root);
      if (list) list.push(node);
      else members.set(root, [node]);
    }
    // A group of words found without marks alone is no quote.
    return { members: [...members.values()].filter((list) => list.some((n) => n.marked)), basis };
  }

  /** The quote in the original: not reused from another member's document, then earliest published, then stored first. */
  private canonicalOf(members: Node[]): Node {
    const marked = members.filter((n) => n.marked);
    if (marked.length === 1) return marked[0];
    const copies = new Set<number>();
    for (const x of members) {
      for (const y of members) {
        if (x.doc.seq >= y.doc.seq) continue;
        const d = this.linked.get(pairKey(x.doc.seq, y.doc.seq));
        if (d?.source === x.doc.id) copies.add(y.doc.seq);
        else if (d?.source === y.doc.id) copies.add(x.doc.seq);
      }
    }
    const originals = marked.filter((n) => !copies.has(n.doc.seq));
    const pool = originals.length > 0 ? originals : marked;
    return pool.slice().sort((x, y) => compareTime(x.doc.time, y.doc.time) || x.doc.seq - y.doc.seq)[0];
  }

  /** Other quotes of the canonical's document that this variant also holds (most of their words, in order). */
  private mergedWith(node: Node, canonical: Node): string[] {
    // Holding a second quote takes more words than the canonical has.
    if (!node.marked || node.canon.length <= canonical.canon.length) return [];
    const out: string[] = [];
    let stamp = 0;
    for (const other of this.byDoc.get(canonical.doc.id) ?? []) {
      if (other === canonical || !other.marked || other.canon.length < 2) continue;
      stamp ||= this.mark(node);
      if (this.bound(stamp, other) < Math.max(2, MERGED_CONTAINMENT * other.canon.length)) continue;
      const shared = this.similarity(other, node).shared;
      if (shared < 2 || shared / other.canon.length < MERGED_CONTAINMENT || !this.compact(other, node)) continue;
      // A repeat of the canonical's own words is not a second quote.
      if (this.similarity(other, canonical).containment >= LINKED_CONTAINMENT) continue;
      out.push(other.text);
    }
    return out;
  }
}

function rank(basis: MatchBasis): number {
  return basis === 'link' ? 0 : basis === 'speaker' ? 1 : 2;
}

/** One number for an unordered pair of small non-negative integers (below 2^26 each). */
function pairKey(x: number, y: number): number {
  return x < y ? x * 67_108_864 + y : y * 67_108_864 + x;
}

/** Unknown dates last. */
function compareTime(x: number | null, y: number | null): number {
  if (x === null || y === null) return Number(x === null) - Number(y === null);
  return x - y;
}

function contentIndexes(tokens: { stop: boolean }[]): number[] {
  const out: number[] = [];
  tokens.forEach((t, k) => {
    if (!t.stop) out.push(k);
  });
  return out;
}

interface Word {
  canon: string;
  stem: string;
  norm: string;
}

function contentWords(text: string, language: string): Word[] {
  return analyze(text, { language })
    .tokens.filter((t) => !t.stop)
    .map((t) => ({ canon: t.canon, stem: t.stem, norm: t.norm }));
}

/** [start, end) carried through a passage proportionally; null when it does not touch the passage. */
function mapSpan(start: number, end: number, from: [number, number], to: [number, number]): [number, number] | null {
  const s = Math.max(start, from[0]);
  const e = Math.min(end, from[1]);
  if (e <= s) return null;
  const scale = (to[1] - to[0]) / Math.max(1, from[1] - from[0]);
  return [to[0] + (s - from[0]) * scale, to[0] + (e - from[0]) * scale];
}

/** Index of the first node (sorted by start) that ends after `pos`; quotes of one text do not overlap. */
function firstEndingAfter(sorted: Node[], pos: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Overlap of two ranges over the shorter one. */
function overlapShare(s1: number, e1: number, s2: number, e2: number): number {
  const overlap = Math.min(e1, e2) - Math.max(s1, s2);
  return overlap <= 0 ? 0 : overlap / Math.max(1, Math.min(e1 - s1, e2 - s2));
}

// Rows reused by every call: this runs for most candidate pairs.
let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

/** Length of the longest common subsequence of two quotes' content words (same canon or stem). */
function sharedInOrder(x: Node, y: Node): number {
  const n = x.canon.length;
  const m = y.canon.length;
  if (rowA.length <= m) [rowA, rowB] = [new Int32Array(m + 1), new Int32Array(m + 1)];
  let prev = rowA.fill(0, 0, m + 1);
  let cur = rowB;
  cur[0] = 0;
  const [yc, ys] = [y.canon, y.stem];
  for (let i = 0; i < n; i++) {
    const [xc, xs] = [x.canon[i], x.stem[i]];
    for (let j = 1; j <= m; j++) cur[j] = xc === yc[j - 1] || xs === ys[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[m];
}

/** Matched index pairs of a longest common subsequence, in order. */
function lcsPairs(n: number, m: number, eq: (i: number, j: number) => boolean): [number, number][] {
  const w = m + 1;
  const table = new Int32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * w + j] = eq(i, j) ? table[(i + 1) * w + j + 1] + 1 : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (eq(i, j) && table[i * w + j] === table[(i + 1) * w + j + 1] + 1) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[(i + 1) * w + j] >= table[i * w + j + 1]) i++;
    else j++;
  }
  return pairs;
}

function variant(node: Node, canonical: boolean, duplicateOf: string | null, matchedBy: MatchBasis | null, drift: QuoteDrift | null): UtteranceVariant {
  return {
    doc: node.doc.id,
    seq: node.doc.seq,
    title: node.doc.title,
    outlet: node.doc.outlet,
    published: node.doc.published,
    ord: node.ord,
    start: node.start,
    end: node.end,
    text: node.text,
    speaker: node.speaker,
    canonical,
    duplicateOf,
    matchedBy,
    drift,
  };
}

/** "5 words substituted, 1 deleted, truncated (4 words cut at the end)" or "same words". */
export function describeDrift(d: QuoteDrift): string {
  const parts: string[] = [];
  const words = (n: number) => `${n} ${n === 1 ? 'word' : 'words'}`;
  const edits = [
    d.substituted && `${words(d.substituted)} substituted`,
    d.inserted && `${d.substituted ? d.inserted : words(d.inserted)} inserted`,
    d.deleted && `${d.substituted || d.inserted ? d.deleted : words(d.deleted)} deleted`,
  ].filter(Boolean);
  if (edits.length) parts.push(edits.join(', '));
  if (d.truncated) parts.push(`truncated (${ends(d.truncated, 'cut')})`);
  if (d.extended) parts.push(`extended (${ends(d.extended, 'added')})`);
  if (d.merged.length) parts.push(`merged with ${d.merged.length} other ${d.merged.length === 1 ? 'quote' : 'quotes'}`);
  if (d.speakerDifferent) parts.push('speaker different');
  if (d.marksLost) parts.push('quotation marks lost');
  return parts.length ? parts.join('; ') : 'same words';
}

function ends(range: { start: number; end: number }, what: string): string {
  const side = (n: number, where: string) => (n ? `${n} ${n === 1 ? 'word' : 'words'} ${what} at the ${where}` : '');
  return [side(range.start, 'start'), side(range.end, 'end')].filter(Boolean).join(', ');
}

/** Word-level comparison of a variant with the canonical quote. */
export function quoteDrift(canonical: string, variantText: string): QuoteDrift {
  const words = wordDrift(canonical, variantText);
  return { ...words, merged: [], speakerDifferent: false, marksLost: false, altered: wordsAltered(words) };
}

function drift(canonical: Node, node: Node, words: WordDrift, merged: string[]): QuoteDrift {
  const speakerDifferent = Boolean(canonical.speakerKey && node.speakerKey && !sameSpeaker(canonical.speakerKey, node.speakerKey));
  const marksLost = !node.marked;
  return {
    altered: wordsAltered(words) || merged.length > 0 || speakerDifferent || marksLost,
    substituted: words.substituted,
    inserted: words.inserted,
    deleted: words.deleted,
    truncated: words.truncated,
    extended: words.extended,
    merged,
    speakerDifferent,
    marksLost,
    edits: words.edits,
    segments: words.segments,
  };
}

type WordDrift = Pick<QuoteDrift, 'substituted' | 'inserted' | 'deleted' | 'truncated' | 'extended' | 'edits' | 'segments'>;

function wordsAltered(d: WordDrift): boolean {
  return d.substituted + d.inserted + d.deleted > 0 || d.truncated !== null || d.extended !== null;
}

/**
 * Word diff on normalized words. Runs only removed at either end are a cut (truncated) and runs
 * only added there an extension, when the two share words at all; the rest are edits.
 */
function wordDrift(canonicalText: string, variantText: string): WordDrift {
  if (canonicalText === variantText) {
    return { substituted: 0, inserted: 0, deleted: 0, truncated: null, extended: null, edits: [], segments: [{ text: variantText.trim(), style: 'same' }] };
  }
  const c = tokenize(canonicalText);
  const v = tokenize(variantText);
  const changes = diffArrays(c.map((t) => t.norm), v.map((t) => t.norm));
  const common = changes.some((ch) => !ch.added && !ch.removed);
  const out: WordDrift = { substituted: 0, inserted: 0, deleted: 0, truncated: null, extended: null, edits: [], segments: [] };
  let ci = 0;
  let vi = 0;
  const cText = (from: number, to: number) => slice(canonicalText, c, from, to);
  const vText = (from: number, to: number) => slice(variantText, v, from, to);
  for (let k = 0; k < changes.length; k++) {
    const ch = changes[k];
    const next = changes[k + 1];
    const atStart = k === 0;
    if (!ch.added && !ch.removed) {
      out.segments.push({ text: vText(vi, vi + ch.count), style: 'same' });
      ci += ch.count;
      vi += ch.count;
    } else if (ch.removed && next?.added) {
      const [old, now] = [cText(ci, ci + ch.count), vText(vi, vi + next.count)];
      out.edits.push({ kind: 'substituted', old, new: now });
      out.substituted += Math.max(ch.count, next.count);
      out.segments.push({ text: old, style: 'removed' }, { text: now, style: 'added' });
      ci += ch.count;
      vi += next.count;
      k++;
    } else if (ch.removed) {
      const old = cText(ci, ci + ch.count);
      const atEnd = k === changes.length - 1;
      if (common && (atStart || atEnd)) {
        const cut = out.truncated ?? { start: 0, end: 0 };
        cut[atStart ? 'start' : 'end'] += ch.count;
        out.truncated = cut;
        out.segments.push({ text: old, style: 'cut' });
      } else {
        out.edits.push({ kind: 'deleted', old, new: '' });
        out.deleted += ch.count;
        out.segments.push({ text: old, style: 'removed' });
      }
      ci += ch.count;
    } else {
      const now = vText(vi, vi + ch.count);
      const atEnd = k === changes.length - 1;
      if (common && (atStart || atEnd)) {
        const ext = out.extended ?? { start: 0, end: 0 };
        ext[atStart ? 'start' : 'end'] += ch.count;
        out.extended = ext;
      } else {
        out.edits.push({ kind: 'inserted', old: '', new: now });
        out.inserted += ch.count;
      }
      out.segments.push({ text: now, style: 'added' });
      vi += ch.count;
    }
  }
  return out;
}

/** Words [from, to) as written, with the punctuation that follows the last one (up to the next word). */
function slice(text: string, tokens: RawToken[], from: number, to: number): string {
  if (to <= from) return '';
  const start = from === 0 ? 0 : tokens[from].start;
  const end = to < tokens.length ? tokens[to].start : text.length;
  return text.slice(start, end).trim();
}
