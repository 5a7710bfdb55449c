/**
 * Stories: documents about the same event, with or without text reuse. Each document becomes a
 * short tf-idf profile of content stems and names; documents whose profiles are close (and, when
 * both are dated, published close together) join, reuse links always join, and a centroid check
 * keeps chains of loosely related pairs from growing into one giant story.
 */
import { analyze, getLanguage, type Language, type Token } from '../text/index.js';
import { publishedTime } from './dates.js';
import type { Story } from './types.js';

export interface StoryOptions {
  /** Two documents join when the cosine of their profiles, times the time factor, reaches this. */
  minSimilarity: number;
  /** Two groups merge only when their centroids are at least this close: stops a–b–c–… chains drifting off topic. */
  minGroupSimilarity: number;
  /**
   * ...and when a member of one is on average at least this similar to a member of the other: a
   * broad, diffuse topic ("the election") stops absorbing every story near it.
   */
  minAverageSimilarity: number;
  /** Terms kept per document (its highest tf-idf weights): short profiles keep pairing fast and ignore passing mentions. */
  termsPerDocument: number;
  /** Weight multiplier for names and places (capitalized words inside a sentence, multi-word names). */
  nameWeight: number;
  /** Weight of each headline word, when the text does not already start with the headline. */
  titleWeight: number;
  /**
   * A term in more profiles than this proposes no pairs (it would pair everything), though it still
   * counts in the similarity of pairs that share rarer terms worth a third of `minSimilarity`.
   */
  maxPostings: number;
  /** Each document keeps its this-many most similar documents as join candidates: enough to hold a story together, far fewer pairs than all. */
  neighbors: number;
  /** Documents published within this many days of each other are compared on their texts alone. */
  windowDays: number;
  /** Beyond the window, similarity is divided by 1 + (extra days / decayDays): months apart needs near-identical profiles. */
  decayDays: number;
  /** Names/terms joined into a story's title. */
  titleTerms: number;
  /** Names/terms listed in `Story.terms`. */
  listedTerms: number;
  /** Language of the texts (stopwords, stems). */
  language: string;
}

export const defaultStoryOptions: Readonly<StoryOptions> = Object.freeze({
  minSimilarity: 0.15,
  minGroupSimilarity: 0.15,
  minAverageSimilarity: 0.05,
  termsPerDocument: 60,
  nameWeight: 2,
  titleWeight: 2,
  maxPostings: 200,
  neighbors: 10,
  windowDays: 7,
  decayDays: 30,
  titleTerms: 3,
  listedTerms: 8,
  language: 'en',
});

/** One document to group. */
export interface StoryInput {
  id: string;
  /** Stored order: breaks ties in timelines and gives a story its id. */
  seq: number;
  /** Headline, if any: its words count extra unless the text already starts with it. */
  title?: string | null;
  /** The text to profile; not needed for exact duplicates. */
  text?: string;
  /** ISO date or date-time; null or missing = unknown (time then neither helps nor hurts). */
  published?: string | null;
  /** Id of the document this is an exact duplicate of: it joins that story without being analyzed. */
  duplicateOf?: string | null;
}

/** A reuse link between two documents: a reprint is always the same story. */
export interface StoryLink {
  a: string;
  b: string;
}

/**
 * Groups documents into stories. Every document is in exactly one story; a document that matches
 * nothing is a story of one (filter by `members.length` to drop those). Stories come largest
 * first, then by id (the lowest seq of their members); members are in timeline order.
 */
export function buildStories(docs: Iterable<StoryInput>, links: Iterable<StoryLink> = [], options: Partial<StoryOptions> = {}): Story[] {
  const builder = new StoryBuilder(options);
  for (const doc of docs) builder.add(doc);
  return builder.build(links);
}

// Term kinds: ordinary content word (keyed by stem), a name word (capitalized inside a sentence),
// a multi-word name, and a capitalized sentence-initial word, which is decided corpus-wide.
const COMMON = 0;
const NAME = 1;
const MULTI = 2;
const INITIAL = 3;

/** Capitalized calendar words look like names but say nothing about the event. */
const CALENDAR = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october november december'.split(' '),
);
const NUMERIC = /^\p{N}/u;
/** "Zakir's" is shown as "Zakir"; "Monday's" is a calendar word. */
const POSSESSIVE = /['\u2019]s$/i;
const UPPER_FIRST = /^\p{Lu}/u;
/** Longer capitalized runs are headlines in title case, not names. */
const MAX_NAME_WORDS = 4;
const MIN_COMMON_LENGTH = 3;
const DAY_MS = 86_400_000;
/** Share of `minSimilarity` two documents must reach on specific (not common) terms alone. */
const SPECIFIC_SHARE = 1 / 3;
/** V8 copies shorter substrings; longer ones point into their parent string. */
const SLICE_MIN_LENGTH = 13;
const NO_TERMS = new Int32Array(0);
const NO_WEIGHTS = new Float32Array(0);
/** A multi-word name replaces one of its words in a title when at least this share as heavy ("Shohrat Zakir" for "Zakir"). */
const FULL_NAME_SHARE = 0.5;
/** Story terms are picked from the this-many-times-as-many heaviest (the rest never make it). */
const RANKED_PER_LISTED = 4;
const MIN_NAME_LENGTH = 2;
/** A sentence with at least this many capitalized words, making up at least this share of its words, is in title case. */
const TITLE_CASE_WORDS = 3;
const TITLE_CASE_SHARE = 0.75;
/**
 * idf counts this many extra documents that share no term: in a corpus of a handful of reports
 * on one event, the event's own names are in every document and must not weigh nothing.
 */
const BACKGROUND_DOCUMENTS = 20;

interface Profile {
  id: string;
  seq: number;
  time: number | null;
  published: string | null;
  duplicateOf: string | null;
  /**
   * Term ids with counts (headline words weighted) until `build`; then the top terms shared with
   * other documents, weighted tf-idf over the length of the whole top list.
   */
  terms: Int32Array;
  weights: Float32Array;
  /** The whole top list at unit length, shared or not: titles (a lone document's title is its own words). */
  displayTerms: Int32Array;
  displayWeights: Float32Array;
}

/**
 * Streaming form of `buildStories`: add documents one at a time (texts can be dropped after
 * `add`), then `build` once. Memory holds one compact term list per document, not the texts.
 */
export class StoryBuilder {
  private readonly options: StoryOptions;
  private readonly language: Language;
  private readonly profiles: Profile[] = [];
  // Term dictionary: one map per kind (no key concatenation on the hot path).
  private readonly keys: Array<Map<string, number>> = [new Map(), new Map(), new Map(), new Map()];
  private readonly termKind: number[] = [];
  /** Occurrences over the corpus: decides whether a sentence-initial word is a name. */
  private readonly occurrences: number[] = [];
  // Display form of each term by majority vote (Boyer–Moore): one slot, no per-term tallies.
  private readonly surface: string[] = [];
  private readonly surfaceVotes: number[] = [];
  /** Counts of the document being added, by term id, and the ids it touched. */
  private scratch = new Float64Array(1024);
  private readonly touched: number[] = [];
  private built = false;

  constructor(options: Partial<StoryOptions> = {}) {
    this.options = { ...defaultStoryOptions, ...options };
    this.language = getLanguage(this.options.language);
  }

  add(doc: StoryInput): void {
    if (this.built) throw new Error('StoryBuilder: add after build');
    const published = doc.published ?? null;
    const base = { id: doc.id, seq: doc.seq, time: publishedTime(published), published, duplicateOf: doc.duplicateOf ?? null };
    if (doc.duplicateOf) {
      this.profiles.push({ ...base, terms: NO_TERMS, weights: NO_WEIGHTS, displayTerms: NO_TERMS, displayWeights: NO_WEIGHTS });
      return;
    }
    const text = doc.text ?? '';
    this.countText(text, 1);
    const title = doc.title?.trim();
    if (title && !text.trimStart().startsWith(title)) this.countText(title, this.options.titleWeight);
    const touched = this.touched;
    const terms = Int32Array.from(touched);
    const weights = Float32Array.from(touched, (t) => this.scratch[t]);
    for (const t of touched) this.scratch[t] = 0;
    touched.length = 0;
    this.profiles.push({ ...base, terms, weights, displayTerms: NO_TERMS, displayWeights: NO_WEIGHTS });
  }

  /** Counts the terms of one text: content stems, name words and multi-word names. */
  private countText(text: string, amount: number): void {
    const { tokens, sentences } = analyze(text, { language: this.language });
    const titles = this.language.titles;
    const capital = new Uint8Array(tokens.length);
    const skip = new Uint8Array(tokens.length);
    tokens.forEach((token, t) => {
      capital[t] = isCapital(text, token.start) ? 1 : 0;
      const unwanted =
        capital[t] === 1 && (token.norm.length < MIN_NAME_LENGTH || CALENDAR.has(token.norm.replace(POSSESSIVE, '')) || titles?.has(token.norm) === true);
      skip[t] = token.stop || isNumeric(token.norm) || unwanted ? 1 : 0;
    });
    for (const sentence of sentences) {
      // In a headline written in title case ("Town Shuts Bridge Over River") capitals say nothing:
      // each capitalized word is decided corpus-wide, and no multi-word names are taken from it.
      const titleCase = isTitleCase(sentence.firstToken, sentence.endToken, capital, skip);
      let runStart = -1;
      for (let t = sentence.firstToken; t < sentence.endToken; t++) {
        const token = tokens[t];
        // A run of capitalized words separated by spaces only ("Shohrat Zakir", "Alder Street Bridge").
        const joins = !titleCase && skip[t] === 0 && capital[t] === 1 && runStart >= 0 && onlySpaces(text, tokens[t - 1].end, token.start);
        if (!joins && runStart >= 0) {
          this.countName(text, tokens, runStart, t, amount);
          runStart = -1;
        }
        if (skip[t] === 1) continue;
        if (capital[t] === 0) {
          if (token.norm.length < MIN_COMMON_LENGTH) continue;
          const id = this.count(COMMON, token.stem, amount);
          if (id >= 0) this.vote(id, token.norm);
          continue;
        }
        if (!titleCase && runStart < 0) runStart = t;
        // Inside a sentence a capital marks a name; at its start only when the next word is capitalized too.
        const next = t + 1;
        const startsName = next < sentence.endToken && capital[next] === 1 && skip[next] === 0 && onlySpaces(text, token.end, tokens[next].start);
        const name = !titleCase && (t > sentence.firstToken || startsName);
        const id = this.count(name ? NAME : INITIAL, token.stem, amount);
        if (id >= 0) this.vote(id, text.slice(token.start, token.end));
      }
      if (runStart >= 0) this.countName(text, tokens, runStart, sentence.endToken, amount);
    }
  }

  /** Counts tokens [first, end) as one multi-word name when it has a name's length. */
  private countName(text: string, tokens: Token[], first: number, end: number, amount: number): void {
    if (end - first < 2 || end - first > MAX_NAME_WORDS) return;
    let key = tokens[first].norm;
    for (let k = first + 1; k < end; k++) key += ' ' + tokens[k].norm;
    const id = this.count(MULTI, key, amount);
    if (id >= 0) this.vote(id, text.slice(tokens[first].start, tokens[end - 1].end));
  }

  /** Adds to a term's count in the current document; returns its id on its first occurrence there, else -1. */
  private count(kind: number, key: string, amount: number): number {
    const map = this.keys[kind];
    let id = map.get(key);
    if (id === undefined) {
      id = this.termKind.length;
      map.set(detached(key), id);
      this.termKind.push(kind);
      this.occurrences.push(0);
      this.surface.push('');
      this.surfaceVotes.push(0);
      if (id >= this.scratch.length) {
        const bigger = new Float64Array(this.scratch.length * 2);
        bigger.set(this.scratch);
        this.scratch = bigger;
      }
    }
    this.occurrences[id] += amount;
    const first = this.scratch[id] === 0;
    this.scratch[id] += amount;
    if (!first) return -1;
    this.touched.push(id);
    return id;
  }

  /** One document's vote for how a term is written: the majority form wins (Boyer–Moore, one slot per term). */
  private vote(id: number, written: string): void {
    const surface = written.replace(POSSESSIVE, '');
    if (this.surface[id] === surface) this.surfaceVotes[id]++;
    else if (this.surfaceVotes[id] === 0) {
      this.surface[id] = detached(surface);
      this.surfaceVotes[id] = 1;
    } else this.surfaceVotes[id]--;
  }

  /** Groups everything added into stories; `links` are reuse links (unknown ids are ignored). */
  build(links: Iterable<StoryLink> = []): Story[] {
    if (this.built) throw new Error('StoryBuilder: build called twice');
    this.built = true;
    this.finishProfiles();
    const groups = new Groups(this.profiles, this.termKind.length, this.options, (x, y) => this.timeFactor(x, y));
    const index = new Map(this.profiles.map((p, i) => [p.id, i]));
    for (const p of this.profiles) {
      const original = p.duplicateOf === null ? undefined : index.get(p.duplicateOf);
      if (original !== undefined) groups.union(index.get(p.id)!, original);
    }
    const linkPairs: Array<[number, number]> = [];
    for (const link of links) {
      const [a, b] = [index.get(link.a), index.get(link.b)];
      if (a === undefined || b === undefined) continue;
      groups.union(a, b);
      linkPairs.push([a, b]);
    }
    const pairs = this.similarPairs();
    for (const k of pairs.order) groups.unionIfClose(pairs.a[k], pairs.b[k]);
    return this.assemble(groups, linkPairs);
  }

  /** Resolves sentence-initial words, weights terms by tf-idf and keeps each document's top terms. */
  private finishProfiles(): void {
    const resolved = this.resolveInitials();
    const terms = this.termKind.length;
    const df = new Int32Array(terms);
    const merged = this.scratch;
    for (const p of this.profiles) {
      // Sentence-initial words merge into their resolved term.
      const ids = new Int32Array(p.terms.length);
      let size = 0;
      for (let k = 0; k < p.terms.length; k++) {
        const to = resolved[p.terms[k]];
        if (merged[to] === 0) ids[size++] = to;
        merged[to] += p.weights[k];
      }
      p.terms = ids.slice(0, size);
      p.weights = new Float32Array(size);
      for (let k = 0; k < size; k++) {
        const t = p.terms[k];
        p.weights[k] = merged[t];
        merged[t] = 0;
        df[t]++;
      }
    }
    const n = this.profiles.filter((p) => p.duplicateOf === null).length;
    const idf = Float64Array.from(df, (d, t) => (d === 0 ? 0 : Math.log(1 + (n + BACKGROUND_DOCUMENTS) / d) * (this.termKind[t] === COMMON ? 1 : this.options.nameWeight)));
    for (const p of this.profiles) {
      const weights = new Float64Array(p.terms.length);
      for (let k = 0; k < weights.length; k++) weights[k] = (1 + Math.log(p.weights[k])) * idf[p.terms[k]];
      const top = topTerms(p.terms, weights, this.options.termsPerDocument);
      [p.displayTerms, p.displayWeights] = [top.terms, top.weights];
      // Matching keeps the heaviest terms some other document has too (others cannot match),
      // scaled by the whole profile's length: a document with little in common stays far away.
      for (let k = 0; k < weights.length; k++) if (df[p.terms[k]] < 2) weights[k] = 0;
      const shared = topTerms(p.terms, weights, this.options.termsPerDocument, top.norm);
      [p.terms, p.weights] = [shared.terms, shared.weights];
    }
  }

  /** Maps every term to itself, except sentence-initial words: to the name when the corpus mostly writes them as one. */
  private resolveInitials(): Int32Array {
    const resolved = Int32Array.from(this.termKind, (_, t) => t);
    for (const [stem, t] of this.keys[INITIAL]) {
      const name = this.keys[NAME].get(stem);
      const common = this.keys[COMMON].get(stem);
      const nameCount = name === undefined ? 0 : this.occurrences[name];
      const commonCount = common === undefined ? 0 : this.occurrences[common];
      if (name !== undefined && nameCount > commonCount) resolved[t] = name;
      else if (common !== undefined) resolved[t] = common;
      else {
        // Only ever seen sentence-initially: an ordinary word, lower-cased for display.
        this.termKind[t] = COMMON;
        this.surface[t] = this.surface[t].toLowerCase();
      }
    }
    return resolved;
  }

  /**
   * Pairs of documents at least `minSimilarity` alike (each document's nearest only), best first.
   * Candidates come from an inverted index over the profiles, one document at a time, so cost
   * follows the postings actually shared rather than the square of the corpus.
   */
  private similarPairs(): { a: Int32Array; b: Int32Array; order: Uint32Array } {
    const { maxPostings, minSimilarity } = this.options;
    const profiles = this.profiles;
    const terms = this.termKind.length;
    const start = new Int32Array(terms + 1);
    for (const p of profiles) for (const t of p.terms) start[t + 1]++;
    for (let t = 0; t < terms; t++) start[t + 1] += start[t];
    const postDoc = new Int32Array(start[terms]);
    const postWeight = new Float32Array(start[terms]);
    const cursor = start.slice(0, terms);
    for (let i = 0; i < profiles.length; i++) {
      const { terms: ids, weights } = profiles[i];
      for (let k = 0; k < ids.length; k++) {
        postDoc[cursor[ids[k]]] = i;
        postWeight[cursor[ids[k]]++] = weights[k];
      }
    }
    cursor.set(start.subarray(0, terms));
    const common = (t: number): boolean => start[t + 1] - start[t] > maxPostings;
    // Each profile's common terms on their own, with their length: by Cauchy–Schwarz that length
    // bounds what common terms can add to a pair, so most pairs are settled without them.
    const commonStart = new Int32Array(profiles.length + 1);
    const commonTerm: number[] = [];
    const commonWeight: number[] = [];
    const commonNorm = new Float64Array(profiles.length);
    for (let i = 0; i < profiles.length; i++) {
      const { terms: ids, weights } = profiles[i];
      for (let k = 0; k < ids.length; k++) {
        if (!common(ids[k])) continue;
        commonTerm.push(ids[k]);
        commonWeight.push(weights[k]);
        commonNorm[i] += weights[k] ** 2;
      }
      commonNorm[i] = Math.sqrt(commonNorm[i]);
      commonStart[i + 1] = commonTerm.length;
    }
    const times = Float64Array.from(profiles, (p) => p.time ?? NaN);

    const [commonIds, commonWeights] = [Int32Array.from(commonTerm), Float64Array.from(commonWeight)];
    const acc = new Float64Array(profiles.length);
    const mine = new Float64Array(terms); // document i's weights over its common terms
    const touched = new Int32Array(profiles.length);
    const best = new Neighbors(profiles.length, this.options.neighbors);
    const specificFloor = minSimilarity * SPECIFIC_SHARE;
    for (let i = 0; i < profiles.length; i++) {
      const { terms: ids, weights } = profiles[i];
      let size = 0;
      for (let k = 0; k < ids.length; k++) {
        const t = ids[k];
        const at = cursor[t]++; // postings are in document order: this is document i's entry
        if (common(t)) continue;
        const w = weights[k];
        for (let q = at + 1; q < start[t + 1]; q++) {
          const j = postDoc[q];
          if (acc[j] === 0) touched[size++] = j;
          acc[j] += w * postWeight[q];
        }
      }
      for (let c = commonStart[i]; c < commonStart[i + 1]; c++) mine[commonIds[c]] = commonWeights[c];
      for (let n = 0; n < size; n++) {
        const j = touched[n];
        let similarity = acc[j];
        acc[j] = 0;
        // Same story needs something specific in common; common terms can only add to that, at
        // most the product of the two profiles' common parts (Cauchy–Schwarz).
        if (similarity < specificFloor || similarity + commonNorm[i] * commonNorm[j] < minSimilarity) continue;
        for (let c = commonStart[j]; c < commonStart[j + 1]; c++) similarity += mine[commonIds[c]] * commonWeights[c];
        similarity *= this.timeFactor(times[i], times[j]);
        if (similarity >= minSimilarity) best.offer(i, j, similarity);
      }
      for (let c = commonStart[i]; c < commonStart[i + 1]; c++) mine[commonIds[c]] = 0;
    }
    return best.pairs();
  }

  /** 1 within the window or when a date is unknown, then falling with the distance in days. */
  private timeFactor(x: number, y: number): number {
    if (Number.isNaN(x) || Number.isNaN(y)) return 1;
    const days = Math.abs(x - y) / DAY_MS;
    return days <= this.options.windowDays ? 1 : 1 / (1 + (days - this.options.windowDays) / this.options.decayDays);
  }

  private assemble(groups: Groups, linkPairs: Array<[number, number]>): Story[] {
    const byRoot = new Map<number, number[]>();
    this.profiles.forEach((_, i) => {
      const root = groups.find(i);
      const list = byRoot.get(root);
      if (list) list.push(i);
      else byRoot.set(root, [i]);
    });
    const linkCount = new Map<number, number>();
    for (const [a] of linkPairs) {
      const root = groups.find(a);
      linkCount.set(root, (linkCount.get(root) ?? 0) + 1);
    }
    const stories: Story[] = [];
    for (const [root, members] of byRoot) {
      members.sort((x, y) => this.timelineOrder(this.profiles[x], this.profiles[y]));
      const dated = members.map((m) => this.profiles[m]).filter((p) => p.time !== null);
      const earliest = dated.reduce<Profile | null>((best, p) => (best === null || p.time! < best.time! ? p : best), null);
      const latest = dated.reduce<Profile | null>((best, p) => (best === null || p.time! > best.time! ? p : best), null);
      const terms = this.storyTerms(members);
      stories.push({
        id: members.reduce((low, m) => Math.min(low, this.profiles[m].seq), Infinity),
        title: terms.slice(0, this.options.titleTerms).join(' · '),
        terms,
        members: members.map((m) => this.profiles[m].id),
        from: earliest?.published ?? null,
        to: latest?.published ?? null,
        links: linkCount.get(root) ?? 0,
      });
    }
    return stories.sort((x, y) => y.members.length - x.members.length || x.id - y.id);
  }

  /** Published date first (undated last), then stored order. */
  private timelineOrder(x: Profile, y: Profile): number {
    if (x.time !== y.time) {
      if (x.time === null) return 1;
      if (y.time === null) return -1;
      return -descending(x.time, y.time);
    }
    return x.seq - y.seq;
  }

  /** The story's heaviest terms over its members, without repeats ("Zakir" once "Shohrat Zakir" is in). */
  private storyTerms(members: number[]): string[] {
    const sum = this.scratch;
    const ids: number[] = [];
    for (const m of members) {
      const p = this.profiles[m];
      for (let k = 0; k < p.displayTerms.length; k++) {
        const t = p.displayTerms[k];
        if (sum[t] === 0) ids.push(t);
        sum[t] += p.displayWeights[k];
      }
    }
    ids.sort((x, y) => descending(sum[x], sum[y]) || x - y);
    // Only the head of the list can make it into the listed terms.
    const head = ids.slice(0, this.options.listedTerms * RANKED_PER_LISTED);
    const weight = head.map((t) => sum[t]);
    for (const t of ids) sum[t] = 0;
    const words = new Map<number, Set<string>>();
    const wordsOf = (t: number): Set<string> => {
      let set = words.get(t);
      if (!set) words.set(t, (set = new Set(this.surface[t].toLowerCase().split(' '))));
      return set;
    };
    const chosen: number[] = [];
    for (let r = 0; r < head.length && chosen.length < this.options.listedTerms; r++) {
      // A full name at least half as heavy stands in for its last or first name.
      let t = head[r];
      for (let f = 0; f < head.length; f++) {
        if (this.termKind[head[f]] === MULTI && weight[f] >= FULL_NAME_SHARE * weight[r] && isSubset(wordsOf(t), wordsOf(head[f]))) {
          t = head[f];
          break;
        }
      }
      if (chosen.some((c) => isSubset(wordsOf(t), wordsOf(c)))) continue;
      const covered = chosen.findIndex((c) => isSubset(wordsOf(c), wordsOf(t)));
      if (covered < 0) chosen.push(t);
      else {
        chosen[covered] = t;
        for (let k = chosen.length - 1; k > covered; k--) if (isSubset(wordsOf(chosen[k]), wordsOf(t))) chosen.splice(k, 1);
      }
    }
    return chosen.map((t) => this.surface[t]);
  }
}

/**
 * The `k` heaviest terms with a positive weight (ties: the earlier ones), in input order, divided
 * by `norm` (default: their own length).
 */
function topTerms(terms: Int32Array, weights: Float64Array, k: number, norm?: number): { terms: Int32Array; weights: Float32Array; norm: number } {
  const cut = weights.length > k ? Math.max(kthLargest(weights.slice(), k), 0) : 0;
  let above = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i] > cut) above++;
  let ties = cut > 0 ? k - above : 0;
  const picked: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] > cut || (weights[i] === cut && ties-- > 0)) picked.push(i);
  }
  if (norm === undefined) {
    let sum = 0;
    for (const i of picked) sum += weights[i] ** 2;
    norm = Math.sqrt(sum) || 1;
  }
  const out = { terms: new Int32Array(picked.length), weights: new Float32Array(picked.length), norm };
  picked.forEach((i, k) => {
    out.terms[k] = terms[i];
    out.weights[k] = weights[i] / out.norm;
  });
  return out;
}

/** The k-th largest value (1-based) of `values`, which it reorders (quickselect: no full sort per document). */
function kthLargest(values: Float64Array, k: number): number {
  const target = values.length - k;
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else break;
  }
  return values[target];
}

/**
 * A copy of a word that does not keep its whole document alive: V8 represents a slice of a long
 * string as a pointer into it, and the dictionary outlives every text.
 */
function detached(s: string): string {
  return s.length < SLICE_MIN_LENGTH ? s : (' ' + s).slice(1);
}

/** Written with a capital first letter (ASCII checked without a regex: this runs for every word). */
function isCapital(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return code >= 65 && code <= 90;
  return UPPER_FIRST.test(String.fromCodePoint(text.codePointAt(at)!));
}

function isNumeric(norm: string): boolean {
  const code = norm.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 128 && NUMERIC.test(norm));
}

/** True when text[from, to) is one or more spaces or tabs. */
function onlySpaces(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/** Most of the sentence's words capitalized: a headline or masthead, not names. */
function isTitleCase(first: number, end: number, capital: Uint8Array, skip: Uint8Array): boolean {
  let words = 0;
  let capitals = 0;
  for (let t = first; t < end; t++) {
    if (skip[t] === 1) continue;
    words++;
    capitals += capital[t];
  }
  return capitals >= TITLE_CASE_WORDS && capitals >= TITLE_CASE_SHARE * words;
}

/** -1, 0 or 1 (a small integer: a comparator returning a float difference allocates on every call). */
function descending(x: number, y: number): number {
  return x > y ? -1 : x < y ? 1 : 0;
}

function isSubset(small: Set<string>, big: Set<string>): boolean {
  for (const w of small) if (!big.has(w)) return false;
  return true;
}

/**
 * Each document's `k` most similar documents. A story of a thousand reports has half a million
 * similar pairs; its documents' nearest neighbors are enough to join it, at a fraction of the cost.
 */
class Neighbors {
  private readonly other: Int32Array;
  private readonly score: Float32Array;
  /** Lowest score in each document's list (-1 while the list has room). */
  private readonly floor: Float32Array;

  constructor(
    documents: number,
    private readonly k: number,
  ) {
    this.other = new Int32Array(documents * k);
    this.score = new Float32Array(documents * k).fill(-1);
    this.floor = new Float32Array(documents).fill(-1);
  }

  offer(i: number, j: number, score: number): void {
    this.keep(i, j, score);
    this.keep(j, i, score);
  }

  private keep(i: number, j: number, score: number): void {
    if (this.k === 0 || score <= this.floor[i]) return;
    const base = i * this.k;
    let low = base;
    for (let s = base + 1; s < base + this.k; s++) if (this.score[s] < this.score[low]) low = s;
    this.other[low] = j;
    this.score[low] = score;
    let floor = Infinity;
    for (let s = base; s < base + this.k; s++) floor = Math.min(floor, this.score[s]);
    this.floor[i] = floor;
  }

  /** Every kept pair once, best first; ties in document order so results do not depend on sort internals. */
  pairs(): { a: Int32Array; b: Int32Array; order: Uint32Array } {
    const a: number[] = [];
    const b: number[] = [];
    const score: number[] = [];
    for (let s = 0; s < this.score.length; s++) {
      if (this.score[s] < 0) continue;
      const [i, j] = [Math.floor(s / this.k), this.other[s]];
      // A pair in both lists is taken from the lower document's list only.
      if (j < i && this.holds(j, i)) continue;
      a.push(Math.min(i, j));
      b.push(Math.max(i, j));
      score.push(this.score[s]);
    }
    const order = Uint32Array.from(score, (_, k) => k);
    order.sort((x, y) => descending(score[x], score[y]) || a[x] - a[y] || b[x] - b[y]);
    return { a: Int32Array.from(a), b: Int32Array.from(b), order };
  }

  private holds(i: number, j: number): boolean {
    for (let s = i * this.k; s < (i + 1) * this.k; s++) if (this.score[s] >= 0 && this.other[s] === j) return true;
    return false;
  }
}

/**
 * Union–find over documents, each group with the sum of its members' profiles (its centroid
 * direction) and the mean time of its dated members.
 */
class Groups {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  /** Summed profiles of groups of two or more (a lone document's is its profile). */
  private readonly centroid = new Map<number, Map<number, number>>();
  private readonly norm2: Float64Array;
  /** A lone document's weights by term id, while comparing it with another. */
  private readonly scratch: Float64Array;
  private readonly timeSum: Float64Array;
  private readonly dated: Int32Array;
  /** Members with a profile (exact duplicates have none). */
  private readonly profiled: Int32Array;

  constructor(
    private readonly profiles: Profile[],
    terms: number,
    private readonly options: Pick<StoryOptions, 'minGroupSimilarity' | 'minAverageSimilarity'>,
    private readonly timeFactor: (x: number, y: number) => number,
  ) {
    this.scratch = new Float64Array(terms);
    this.parent = Int32Array.from(profiles, (_, i) => i);
    this.size = new Int32Array(profiles.length).fill(1);
    this.norm2 = Float64Array.from(profiles, (p) => p.weights.reduce((s, w) => s + w * w, 0));
    this.timeSum = Float64Array.from(profiles, (p) => p.time ?? 0);
    this.dated = Int32Array.from(profiles, (p) => (p.time === null ? 0 : 1));
    this.profiled = Int32Array.from(profiles, (p) => (p.terms.length === 0 ? 0 : 1));
  }

  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }

  union(i: number, j: number): void {
    const [x, y] = [this.find(i), this.find(j)];
    if (x === y) return;
    const [big, small] = this.size[x] >= this.size[y] ? [x, y] : [y, x];
    let target = this.centroid.get(big);
    if (!target) {
      const p = this.profiles[big];
      target = new Map();
      for (let k = 0; k < p.terms.length; k++) target.set(p.terms[k], p.weights[k]);
      this.centroid.set(big, target);
    }
    const add = (t: number, w: number): void => {
      const before = target.get(t) ?? 0;
      target.set(t, before + w);
      this.norm2[big] += (before + w) ** 2 - before ** 2;
    };
    const merged = this.centroid.get(small);
    if (merged) merged.forEach((w, t) => add(t, w));
    else {
      const p = this.profiles[small];
      for (let k = 0; k < p.terms.length; k++) add(p.terms[k], p.weights[k]);
    }
    this.centroid.delete(small);
    this.parent[small] = big;
    this.size[big] += this.size[small];
    this.timeSum[big] += this.timeSum[small];
    this.dated[big] += this.dated[small];
    this.profiled[big] += this.profiled[small];
  }

  /**
   * Joins the groups of i and j when they are close enough, with the same time factor as pairs
   * between their mean dates: day-by-day chains do not grow into a months-long story.
   */
  unionIfClose(i: number, j: number): void {
    const [x, y] = [this.find(i), this.find(j)];
    if (x === y) return;
    const { cosine, average } = this.closeness(x, y);
    const time = this.timeFactor(this.meanTime(x), this.meanTime(y));
    if (cosine * time >= this.options.minGroupSimilarity && average * time >= this.options.minAverageSimilarity) this.union(x, y);
  }

  /** NaN when no member is dated. */
  private meanTime(root: number): number {
    return this.dated[root] === 0 ? NaN : this.timeSum[root] / this.dated[root];
  }

  /** Cosine of the two centroids, and the mean similarity of a member of one to a member of the other. */
  private closeness(x: number, y: number): { cosine: number; average: number } {
    const dot = this.dot(x, y);
    const norms = Math.sqrt(this.norm2[x] * this.norm2[y]);
    const pairs = this.profiled[x] * this.profiled[y];
    return { cosine: norms === 0 ? 0 : dot / norms, average: pairs === 0 ? 0 : dot / pairs };
  }

  /** Dot product of two groups' summed profiles, walking the shorter side. */
  private dot(x: number, y: number): number {
    const mx = this.centroid.get(x);
    const my = this.centroid.get(y);
    let dot = 0;
    if (mx && my) {
      const small = mx.size <= my.size ? mx : my;
      const big = small === mx ? my : mx;
      for (const t of small.keys()) dot += small.get(t)! * (big.get(t) ?? 0);
    } else if (mx || my) {
      const map = (mx ?? my)!;
      const p = this.profiles[mx ? y : x];
      for (let k = 0; k < p.terms.length; k++) dot += p.weights[k] * (map.get(p.terms[k]) ?? 0);
    } else {
      const p = this.profiles[x];
      const q = this.profiles[y];
      for (let k = 0; k < p.terms.length; k++) this.scratch[p.terms[k]] = p.weights[k];
      for (let k = 0; k < q.terms.length; k++) dot += q.weights[k] * this.scratch[q.terms[k]];
      for (let k = 0; k < p.terms.length; k++) this.scratch[p.terms[k]] = 0;
    }
    return dot;
  }
}
