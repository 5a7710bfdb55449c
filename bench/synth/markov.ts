// Word-level Markov text generator trained on the PAN source documents.
//
// Order 2 over sentence-internal tokens (with sentence start/end states), backing off to order 1
// where the order-2 state has a single continuation (otherwise rare states would reproduce the
// training text word for word). A per-document topic (one PAN source document) biases word
// choice toward that document's content words and occasionally follows its own bigrams, so
// documents on one topic share names and terms, not sentences. Every generated word n-gram is
// checked against a Bloom filter holding all n-grams generated so far and all n-grams of the
// training text: a generated n-gram never repeats, so base documents share no n-word run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NgramBloom } from './bloom.js';
import { Rng } from './rng.js';
import { detokenize, isPunct, normWord, proseSentences } from './tokens.js';

const BOS = 0;
const KIND_WORD = 0;
const KIND_PUNCT = 1;
const KIND_BOS = 2;
const KIND_END = 3;

export interface MarkovModel {
  vocab: string[];
  ids: Map<string, number>;
  kind: Uint8Array;
  /** Surface id -> lowercased word id (-1 for marks). */
  norm: Int32Array;
  normIds: Map<string, number>;
  /** Frequent words (never topic terms). */
  common: Uint8Array;
  /** 1 for words starting with an upper-case letter. */
  cap: Uint8Array;
  tokens: Int32Array;
  /** Token range of training document d: [docStart[d], docStart[d+1]). */
  docStart: Int32Array;
  docNames: string[];
  docIndex: Map<string, number>;
  /** Content-word count per training document. */
  docContent: Int32Array;
  /** Training documents containing each surface token. */
  df: Int32Array;
  // Order 2: open-addressing table (a, b) -> group; group g's continuations are tokens[o2Pos[o2Start[g] .. o2Start[g+1])].
  o2Mask: number;
  o2KeyA: Int32Array;
  o2KeyB: Int32Array;
  o2Val: Int32Array;
  o2Start: Int32Array;
  o2Distinct: Int32Array;
  o2Pos: Int32Array;
  // Order 1: continuations of token a are tokens[o1Pos[o1Start[a] .. o1Start[a+1])].
  o1Start: Int32Array;
  o1Pos: Int32Array;
  trainSentences: number;
}

function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 13;
  return h >>> 0;
}

function o2Find(m: MarkovModel, a: number, b: number): number {
  let i = hashPair(a, b) & m.o2Mask;
  for (;;) {
    const v = m.o2Val[i];
    if (v === 0) return -1;
    if (m.o2KeyA[i] === a && m.o2KeyB[i] === b) return v - 1;
    i = (i + 1) & m.o2Mask;
  }
}

/** Trains the model on every `*.txt` file of `srcDir` (sorted by name). */
export function trainMarkov(srcDir: string, commonWords = 400): MarkovModel {
  const names = readdirSync(srcDir)
    .filter((n) => n.endsWith('.txt'))
    .sort();
  const vocab: string[] = ['<s>', '.', '!', '?'];
  const ids = new Map<string, number>(vocab.map((v, i) => [v, i]));
  const kinds: number[] = [KIND_BOS, KIND_END, KIND_END, KIND_END];
  let tokens = new Int32Array(1 << 22);
  let n = 0;
  const docStart: number[] = [];
  let sentences = 0;
  const push = (id: number) => {
    if (n === tokens.length) {
      const bigger = new Int32Array(tokens.length * 2);
      bigger.set(tokens);
      tokens = bigger;
    }
    tokens[n++] = id;
  };
  for (const name of names) {
    docStart.push(n);
    const raw = readFileSync(join(srcDir, name), 'utf8');
    for (const sent of proseSentences(raw)) {
      sentences++;
      push(BOS);
      push(BOS);
      for (const tok of sent) {
        let id = ids.get(tok);
        if (id === undefined) {
          id = vocab.length;
          vocab.push(tok);
          ids.set(tok, id);
          kinds.push(isPunct(tok) ? KIND_PUNCT : KIND_WORD);
        }
        push(id);
      }
    }
  }
  docStart.push(n);
  tokens = tokens.slice(0, n);
  const V = vocab.length;
  const kind = Uint8Array.from(kinds);

  // Lowercased word ids and frequent words.
  const normIds = new Map<string, number>();
  const norm = new Int32Array(V).fill(-1);
  for (let id = 0; id < V; id++) {
    if (kind[id] !== KIND_WORD) continue;
    const w = normWord(vocab[id]);
    let nid = normIds.get(w);
    if (nid === undefined) {
      nid = normIds.size;
      normIds.set(w, nid);
    }
    norm[id] = nid;
  }
  const normFreq = new Int32Array(normIds.size);
  for (let i = 0; i < n; i++) if (norm[tokens[i]] >= 0) normFreq[norm[tokens[i]]]++;
  const byFreq = Array.from(normFreq.keys()).sort((x, y) => normFreq[y] - normFreq[x]);
  const commonNorm = new Uint8Array(normIds.size);
  for (let i = 0; i < Math.min(commonWords, byFreq.length); i++) commonNorm[byFreq[i]] = 1;
  const common = new Uint8Array(V);
  for (let id = 0; id < V; id++) {
    if (kind[id] !== KIND_WORD || vocab[id].length < 3 || /\d/.test(vocab[id])) common[id] = 1;
    else if (commonNorm[norm[id]]) common[id] = 1;
  }
  const capWord = new Uint8Array(V);
  for (let id = 0; id < V; id++) if (kind[id] === KIND_WORD && /^\p{Lu}/u.test(vocab[id])) capWord[id] = 1;
  const docContent = new Int32Array(names.length);
  const df = new Int32Array(V);
  const lastDoc = new Int32Array(V).fill(-1);
  for (let d = 0; d < names.length; d++) {
    for (let i = docStart[d]; i < docStart[d + 1]; i++) {
      const t = tokens[i];
      if (!common[t]) docContent[d]++;
      if (lastDoc[t] !== d) {
        lastDoc[t] = d;
        df[t]++;
      }
    }
  }

  // Order 2.
  let cap = 1;
  while (cap < n * 1.5) cap <<= 1;
  const o2Mask = cap - 1;
  const o2KeyA = new Int32Array(cap);
  const o2KeyB = new Int32Array(cap);
  const o2Val = new Int32Array(cap);
  const counts = new Int32Array(n + 1);
  let groups = 0;
  const valid2 = (p: number) => kind[tokens[p]] !== KIND_END && kind[tokens[p + 1]] !== KIND_END;
  const groupOf = new Int32Array(n);
  for (let p = 0; p + 2 < n; p++) {
    if (!valid2(p)) continue;
    const a = tokens[p];
    const b = tokens[p + 1];
    let i = hashPair(a, b) & o2Mask;
    let g = -1;
    for (;;) {
      const v = o2Val[i];
      if (v === 0) {
        g = groups++;
        o2KeyA[i] = a;
        o2KeyB[i] = b;
        o2Val[i] = g + 1;
        break;
      }
      if (o2KeyA[i] === a && o2KeyB[i] === b) {
        g = v - 1;
        break;
      }
      i = (i + 1) & o2Mask;
    }
    groupOf[p] = g;
    counts[g]++;
  }
  const o2Start = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) o2Start[g + 1] = o2Start[g] + counts[g];
  const fill = o2Start.slice(0, groups);
  const o2Pos = new Int32Array(o2Start[groups]);
  for (let p = 0; p + 2 < n; p++) {
    if (!valid2(p)) continue;
    o2Pos[fill[groupOf[p]]++] = p + 2;
  }
  const o2Distinct = new Int32Array(groups);
  const seen = new Int32Array(V).fill(-1);
  for (let g = 0; g < groups; g++) {
    let d = 0;
    for (let k = o2Start[g]; k < o2Start[g + 1]; k++) {
      const t = tokens[o2Pos[k]];
      if (seen[t] !== g) {
        seen[t] = g;
        d++;
      }
    }
    o2Distinct[g] = d;
  }

  // Order 1.
  const o1Count = new Int32Array(V + 1);
  const valid1 = (p: number) => kind[tokens[p]] !== KIND_END && tokens[p + 1] !== BOS;
  for (let p = 0; p + 1 < n; p++) if (valid1(p)) o1Count[tokens[p]]++;
  const o1Start = new Int32Array(V + 1);
  for (let a = 0; a < V; a++) o1Start[a + 1] = o1Start[a] + o1Count[a];
  const fill1 = o1Start.slice(0, V);
  const o1Pos = new Int32Array(o1Start[V]);
  for (let p = 0; p + 1 < n; p++) if (valid1(p)) o1Pos[fill1[tokens[p]]++] = p + 1;

  return {
    vocab,
    ids,
    kind,
    norm,
    normIds,
    common,
    cap: capWord,
    tokens,
    docStart: Int32Array.from(docStart),
    docNames: names,
    docIndex: new Map(names.map((nm, i) => [nm, i])),
    docContent,
    df,
    o2Mask,
    o2KeyA,
    o2KeyB,
    o2Val,
    o2Start,
    o2Distinct,
    o2Pos,
    o1Start,
    o1Pos,
    trainSentences: sentences,
  };
}

export interface GenStats {
  sentences: number;
  abortedSentences: number;
  abortLong: number;
  guardRejections: number;
  tokens: number;
  topicTokens: number;
  contentTokens: number;
}

export interface TopicOptions {
  /** Chance, per word, of preferring a topic term among a few draws from the chain. */
  bias: number;
  /** Chance, per word, of following one of the topic document's own bigrams. */
  jump: number;
  /** Chance, per content word, of replacing it by one of the topic's key terms (names stay names). */
  keywords: number;
}

export const defaultTopic: TopicOptions = { bias: 0.4, jump: 0.1, keywords: 0.15 };
/** For must-not-link pairs: as topical as it gets without sharing sentences. */
export const strongTopic: TopicOptions = { bias: 0.8, jump: 0.2, keywords: 0.3 };

/** Key terms of a topic document: its most distinctive content words, weighted by frequency. */
interface Keywords {
  names: number[];
  nameWeights: number[];
  terms: number[];
  termWeights: number[];
}

/**
 * Generates text from a model, guarding word n-grams with a shared Bloom filter.
 * Not re-entrant: one document at a time (beginDoc, then sentences/paragraphs).
 */
export class MarkovGenerator {
  readonly stats: GenStats = {
    sentences: 0,
    abortedSentences: 0,
    abortLong: 0,
    guardRejections: 0,
    tokens: 0,
    topicTokens: 0,
    contentTokens: 0,
  };
  private readonly ring: Int32Array;
  private readonly scratch: Int32Array;
  private head = 0;
  private filled = 0;
  private readonly topicStamp: Int32Array;
  private stamp = 0;
  private topicFollow = new Map<number, number[]>();
  private keywords: Keywords | undefined;
  private readonly keywordCache = new Map<number, Keywords>();
  private readonly followCache = new Map<number, Map<number, number[]>>();
  private topic: TopicOptions = defaultTopic;
  private h1 = 0;
  private h2 = 0;
  /** Words since the last topic bigram (topic bigrams in a row would copy the topic document). */
  private sinceJump = 2;
  private jumped = false;

  constructor(
    readonly model: MarkovModel,
    readonly bloom: NgramBloom,
    readonly n = 8,
  ) {
    this.ring = new Int32Array(n - 1);
    this.scratch = new Int32Array(n);
    this.topicStamp = new Int32Array(model.vocab.length);
  }

  /** Adds every word n-gram of each training document (documents are continuous word streams). */
  seedTraining(): void {
    const m = this.model;
    for (let d = 0; d + 1 < m.docStart.length; d++) {
      this.resetWindow();
      for (let i = m.docStart[d]; i < m.docStart[d + 1]; i++) this.pushNorm(m.norm[m.tokens[i]], true);
    }
    this.resetWindow();
  }

  /** Adds the word n-grams of an arbitrary text (e.g. a real passage placed in the corpus). */
  seedWords(words: readonly string[]): void {
    this.resetWindow();
    for (const w of words) this.pushNorm(this.nidOf(w), true);
    this.resetWindow();
  }

  /** Continues the current document after fixed text (a copied block): its last words start the n-gram window. */
  primeWindow(words: readonly string[]): void {
    this.resetWindow();
    for (const w of words.slice(-(this.n - 1))) this.pushNorm(this.nidOf(w), false);
  }

  private nidOf(w: string): number {
    let nid = this.model.normIds.get(w);
    if (nid === undefined) {
      nid = this.model.normIds.size;
      this.model.normIds.set(w, nid);
    }
    return nid;
  }

  /** Starts a document on training document `topicDoc` (-1: no topic). */
  beginDoc(topicDoc: number, topic: TopicOptions = defaultTopic): void {
    this.resetWindow();
    this.topic = topic;
    this.stamp++;
    this.topicFollow = new Map();
    this.keywords = undefined;
    if (topicDoc < 0) return;
    const m = this.model;
    this.keywords = this.keywordCache.get(topicDoc);
    if (!this.keywords) {
      this.keywords = this.topicKeywords(topicDoc);
      this.keywordCache.set(topicDoc, this.keywords);
    }
    const from = m.docStart[topicDoc];
    const to = m.docStart[topicDoc + 1];
    for (let i = from; i < to; i++) {
      const t = m.tokens[i];
      if (!m.common[t]) this.topicStamp[t] = this.stamp;
    }
    const cached = this.followCache.get(topicDoc);
    if (cached) {
      this.topicFollow = cached;
      return;
    }
    for (let i = from; i + 1 < to; i++) {
      const a = m.tokens[i];
      const b = m.tokens[i + 1];
      if (m.kind[a] !== KIND_WORD || m.common[b] || m.kind[b] !== KIND_WORD) continue;
      let list = this.topicFollow.get(a);
      if (!list) this.topicFollow.set(a, (list = []));
      list.push(b);
    }
    this.followCache.set(topicDoc, this.topicFollow);
  }

  private topicKeywords(d: number, top = 30): Keywords {
    const m = this.model;
    const counts = new Map<number, number>();
    for (let i = m.docStart[d]; i < m.docStart[d + 1]; i++) {
      const t = m.tokens[i];
      if (!m.common[t]) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const docs = m.docNames.length;
    const ranked = [...counts.entries()]
      .map(([t, c]) => ({ t, c, score: c * Math.log(docs / m.df[t]) }))
      .sort((x, y) => y.score - x.score || x.t - y.t)
      .slice(0, top);
    const k: Keywords = { names: [], nameWeights: [], terms: [], termWeights: [] };
    for (const { t, c } of ranked) {
      if (m.cap[t] === 1) {
        k.names.push(t);
        k.nameWeights.push(c);
      } else {
        k.terms.push(t);
        k.termWeights.push(c);
      }
    }
    return k;
  }

  /** Replaces content word c (not sentence-initial) by a topic key term of the same shape, sometimes. */
  private keyword(c: number, rng: Rng, words: number): number {
    const m = this.model;
    const k = this.keywords;
    if (!k || words === 0 || m.common[c] || m.kind[c] !== KIND_WORD || !rng.chance(this.topic.keywords)) return c;
    const isName = m.cap[c] === 1;
    const list = isName ? k.names : k.terms;
    if (list.length === 0) return c;
    return list[rng.weighted(isName ? k.nameWeights : k.termWeights)];
  }

  private resetWindow(): void {
    this.head = 0;
    this.filled = 0;
  }

  /** Computes the hash of (window, nid) into h1/h2; false when the window is not full yet. */
  private hashWith(nid: number): boolean {
    const w = this.n - 1;
    if (this.filled < w) return false;
    for (let i = 0; i < w; i++) this.scratch[i] = this.ring[(this.head + i) % w];
    this.scratch[w] = nid;
    this.hashIds(this.scratch, 0);
    return true;
  }

  /** Hash of ids[from .. from+n) into h1/h2. */
  private hashIds(ids: ArrayLike<number>, from: number): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = from; i < from + this.n; i++) {
      const id = ids[i];
      h1 = Math.imul(h1 ^ id, 0x01000193);
      h1 = (h1 << 13) | (h1 >>> 19);
      h2 = Math.imul(h2 + id, 0x85ebca6b);
      h2 ^= h2 >>> 15;
    }
    this.h1 = fmix(h1);
    this.h2 = fmix(h2 ^ 0x5bd1e995);
  }

  /**
   * True when some n-gram of `words` (lowercased words) was generated or seeded before and is not
   * in `except` (n-grams as space-joined words): used to keep edits from recreating text found elsewhere.
   */
  seenElsewhere(words: readonly string[], except: ReadonlySet<string>): boolean {
    const n = this.n;
    const ids = words.map((w) => this.model.normIds.get(w) ?? -1);
    for (let i = 0; i + n <= ids.length; i++) {
      let known = true;
      for (let j = i; j < i + n; j++) if (ids[j] < 0) known = false;
      if (!known) continue;
      this.hashIds(ids, i);
      if (this.bloom.hasOrAdd(this.h1, this.h2, false) && !except.has(words.slice(i, i + n).join(' '))) return true;
    }
    return false;
  }

  private pushNorm(nid: number, add: boolean): void {
    if (nid < 0) return;
    if (add && this.hashWith(nid)) this.bloom.hasOrAdd(this.h1, this.h2, true);
    const w = this.n - 1;
    if (this.filled < w) {
      this.ring[(this.head + this.filled) % w] = nid;
      this.filled++;
    } else {
      this.ring[this.head] = nid;
      this.head = (this.head + 1) % w;
    }
  }

  /** A continuation drawn from order-2 group `g` (-1: none or a single continuation) or else order 1. */
  private sample(g: number, p1: number, rng: Rng, forceO1: boolean): number {
    const m = this.model;
    if (!forceO1 && g >= 0) {
      const s = m.o2Start[g];
      return m.tokens[m.o2Pos[s + rng.int(m.o2Start[g + 1] - s)]];
    }
    const s = m.o1Start[p1];
    const len = m.o1Start[p1 + 1] - s;
    if (len === 0) return -1;
    return m.tokens[m.o1Pos[s + rng.int(len)]];
  }

  /** One candidate continuation, topic-biased. */
  private candidate(g: number, p1: number, rng: Rng, attempt: number): number {
    const m = this.model;
    if (attempt === 0 && this.sinceJump >= 2 && m.kind[p1] === KIND_WORD && rng.chance(this.topic.jump)) {
      const list = this.topicFollow.get(p1);
      if (list) {
        this.jumped = true;
        return list[rng.int(list.length)];
      }
    }
    const forceO1 = attempt >= 3 || rng.chance(0.1);
    let first = this.sample(g, p1, rng, forceO1);
    if (first < 0 || !rng.chance(this.topic.bias)) return first;
    for (let k = 0; k < 3; k++) {
      if (first >= 0 && this.topicStamp[first] === this.stamp) return first;
      const c = this.sample(g, p1, rng, forceO1);
      if (c >= 0 && this.topicStamp[c] === this.stamp) return c;
      if (first < 0) first = c;
    }
    return first;
  }

  /** A sentence of minWords..maxWords words as tokens, or null (window restored) when stuck. */
  private sentenceTokens(rng: Rng, minWords: number, maxWords: number): number[] | null {
    const m = this.model;
    const w = this.n - 1;
    const saved = { ring: this.ring.slice(), head: this.head, filled: this.filled };
    const out: number[] = [];
    let p2 = BOS;
    let p1 = BOS;
    let words = 0;
    const softMax = Math.max(minWords, Math.round(maxWords * 0.6));
    for (let step = 0; step < maxWords * 2 + 10; step++) {
      let chosen = -1;
      let g = o2Find(m, p2, p1);
      if (g >= 0 && m.o2Distinct[g] < 2) g = -1;
      if (words >= softMax && m.kind[p1] === KIND_WORD) {
        // Long enough: end here if the chain allows it.
        for (let k = 0; k < 6 && chosen < 0; k++) {
          const c = this.sample(g, p1, rng, k >= 3);
          if (c >= 0 && m.kind[c] === KIND_END) chosen = c;
        }
      }
      for (let attempt = 0; attempt < 10 && chosen < 0; attempt++) {
        this.jumped = false;
        let c = this.candidate(g, p1, rng, attempt);
        if (c < 0) continue;
        if (attempt < 3) c = this.keyword(c, rng, words);
        const k = m.kind[c];
        if (k === KIND_END) {
          if (words >= minWords && m.kind[p1] === KIND_WORD) chosen = c;
          continue;
        }
        if (k === KIND_PUNCT) {
          if (words >= 2 && m.kind[p1] === KIND_WORD && words < maxWords) chosen = c;
          continue;
        }
        if (k !== KIND_WORD || words >= maxWords) continue;
        if (this.hashWith(m.norm[c]) && this.bloom.hasOrAdd(this.h1, this.h2, false)) {
          this.stats.guardRejections++;
          continue;
        }
        chosen = c;
      }
      if (chosen < 0) {
        if (words >= maxWords) this.stats.abortLong++;
        break;
      }
      out.push(chosen);
      if (m.kind[chosen] === KIND_END) {
        this.stats.sentences++;
        this.stats.tokens += words;
        for (const t of out) {
          if (m.kind[t] !== KIND_WORD || m.common[t]) continue;
          this.stats.contentTokens++;
          if (this.topicStamp[t] === this.stamp) this.stats.topicTokens++;
        }
        return out;
      }
      this.sinceJump = this.jumped ? 0 : this.sinceJump + 1;
      if (m.kind[chosen] === KIND_WORD) {
        words++;
        this.pushNorm(m.norm[chosen], true);
      }
      p2 = p1;
      p1 = chosen;
    }
    this.stats.abortedSentences++;
    this.ring.set(saved.ring);
    this.head = saved.head % w;
    this.filled = saved.filled;
    return null;
  }

  sentence(rng: Rng, minWords = 6, maxWords = 40): string {
    for (let tries = 0; tries < 200; tries++) {
      const toks = this.sentenceTokens(rng, minWords, maxWords);
      if (toks) return detokenize(toks.map((t) => this.model.vocab[t]));
    }
    throw new Error('markov: cannot generate a sentence (guard too strict?)');
  }

  headline(rng: Rng): string {
    const saved = this.topic;
    this.topic = { bias: Math.min(1, saved.bias * 1.6), jump: saved.jump * 1.5, keywords: Math.min(1, saved.keywords * 2) };
    try {
      for (let tries = 0; tries < 200; tries++) {
        const toks = this.sentenceTokens(rng, 5, 13);
        if (!toks) continue;
        const words = toks.slice(0, -1);
        while (words.length > 0 && this.model.kind[words[words.length - 1]] !== KIND_WORD) words.pop();
        return detokenize(words.map((t) => this.model.vocab[t]));
      }
    } finally {
      this.topic = saved;
    }
    throw new Error('markov: cannot generate a headline');
  }

  /** Paragraphs (1-4 sentences each) until their joined length ("\n\n" between) reaches `chars`. */
  paragraphSentences(rng: Rng, chars: number): string[][] {
    const out: string[][] = [];
    let len = 0;
    while (len < chars) {
      const count = 1 + rng.weighted([3, 4, 2, 1]);
      const sents: string[] = [];
      let plen = -1;
      for (let i = 0; i < count; i++) {
        const s = this.sentence(rng);
        sents.push(s);
        plen += s.length + 1;
        if (len + plen >= chars) break;
      }
      len += (out.length > 0 ? 2 : 0) + plen;
      out.push(sents);
    }
    return out;
  }

  paragraphs(rng: Rng, chars: number): string[] {
    return this.paragraphSentences(rng, chars).map((p) => p.join(' '));
  }

  /** A random word following `prev` in the training text (for edits), or a random word. */
  follower(prev: string | undefined, rng: Rng): string {
    const m = this.model;
    const id = prev === undefined ? undefined : m.ids.get(prev);
    if (id !== undefined) {
      for (let k = 0; k < 8; k++) {
        const c = this.sample(-1, id, rng, true);
        if (c >= 0 && m.kind[c] === KIND_WORD) return m.vocab[c];
      }
    }
    for (;;) {
      const c = m.tokens[rng.int(m.tokens.length)];
      if (m.kind[c] === KIND_WORD) return m.vocab[c];
    }
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
