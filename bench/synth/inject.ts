// Builders of derivative documents (injected reuse) from a base document, with the exact spans
// of the reused text on both sides.
import type { MarkovGenerator } from './markov.js';
import type { Rng } from './rng.js';
import { normWords } from './tokens.js';

/** A base document: headline and paragraphs of sentences. */
export interface BaseDoc {
  title: string;
  paras: string[][];
}

export interface Rendered {
  text: string;
  bodyStart: number;
  /** Per paragraph, per sentence: [start, end) in text. */
  sents: [number, number][][];
}

export type Span = [number, number];

export interface Derived {
  title: string;
  text: string;
  aSpan: Span;
  bSpan: Span;
  touched?: number;
}

const SEP = '\n\n';

/** Text = headline, then paragraphs, separated by blank lines. */
export class TextBuilder {
  private parts: string[] = [];
  private len = 0;
  add(block: string): Span {
    if (this.parts.length > 0) {
      this.parts.push(SEP);
      this.len += SEP.length;
    }
    const start = this.len;
    this.parts.push(block);
    this.len += block.length;
    return [start, this.len];
  }
  addAll(blocks: readonly string[]): Span {
    let span: Span = [this.len, this.len];
    blocks.forEach((b, i) => {
      const s = this.add(b);
      span = i === 0 ? s : [span[0], s[1]];
    });
    return span;
  }
  get length(): number {
    return this.len;
  }
  text(): string {
    return this.parts.join('');
  }
}

export function render(doc: BaseDoc): Rendered {
  const tb = new TextBuilder();
  tb.add(doc.title);
  const sents: Span[][] = [];
  for (const p of doc.paras) {
    const [start] = tb.add(p.join(' '));
    const spans: Span[] = [];
    let at = start;
    for (const s of p) {
      spans.push([at, at + s.length]);
      at += s.length + 1;
    }
    sents.push(spans);
  }
  return { text: tb.text(), bodyStart: doc.title.length + SEP.length, sents };
}

/** Context for building one derivative: randomness, fresh text on the source's topic, outlets. */
export interface BuildContext {
  rng: Rng;
  /** Generator already started (beginDoc) on the derivative's topic. */
  gen: MarkovGenerator;
  /** Target length of the whole text in characters. */
  target: number;
  outletA: string;
  outletB: string;
  year: number;
}

const PEOPLE = [
  'Ana Ruiz', 'Tom Becker', 'Priya Nair', 'Jonas Lind', 'Mei Chen', 'Omar Haddad', 'Claire Dubois',
  'Sam Okafor', 'Lena Novak', 'Diego Alves', 'Hannah Cole', 'Yuki Sato', 'Peter Walsh', 'Nadia Rahman',
];

function credit(ctx: BuildContext): string {
  const { rng } = ctx;
  switch (rng.int(5)) {
    case 0:
      return `This article first appeared on ${ctx.outletA}.`;
    case 1:
      return `Reporting by ${rng.pick(PEOPLE)}; editing by ${rng.pick(PEOPLE)}.`;
    case 2:
      return `Copyright ${ctx.year} ${ctx.outletA}. All rights reserved.`;
    case 3:
      return `(${ctx.outletA})`;
    default:
      return `Republished with permission from ${ctx.outletA}.`;
  }
}

function byline(ctx: BuildContext): string {
  return ctx.rng.chance(0.5) ? `By ${ctx.rng.pick(PEOPLE)}` : `By ${ctx.rng.pick(PEOPLE)}, ${ctx.outletB}`;
}

/** Fresh paragraphs for `chars` characters (none when chars is small). */
function fresh(ctx: BuildContext, chars: number): string[] {
  return chars < 120 ? [] : ctx.gen.paragraphs(ctx.rng, chars);
}

/**
 * Fresh paragraphs, then a fixed block (copied or real text), then fresh paragraphs, with the
 * n-grams across both seams guarded like generated text (so no seam recreates text found elsewhere).
 */
function aroundBlock(tb: TextBuilder, ctx: BuildContext, block: string, beforeChars: number, afterChars: number): Span {
  const n = ctx.gen.n;
  const blockWords = normWords(block);
  const head = blockWords.slice(0, n - 1);
  let before = fresh(ctx, beforeChars);
  for (let tries = 0; tries < 8 && before.length > 0; tries++) {
    const tail = normWords(before[before.length - 1]).slice(-(n - 1));
    if (!ctx.gen.seenElsewhere([...tail, ...head], new Set())) break;
    before = fresh(ctx, beforeChars);
  }
  tb.addAll(before);
  const span = tb.add(block);
  ctx.gen.primeWindow(blockWords);
  tb.addAll(fresh(ctx, afterChars));
  return span;
}

/** Whole text reprinted, maybe under another headline, with a byline or a credit line. */
export function buildVerbatim(a: Rendered, ctx: BuildContext): Derived {
  const { rng } = ctx;
  const sameTitle = rng.chance(0.4);
  const tb = new TextBuilder();
  let bSpan: Span;
  let aSpan: Span;
  if (sameTitle) {
    const pre = rng.chance(0.2) ? byline(ctx) : undefined;
    if (pre) {
      // Byline before the headline would be odd; put the reprint first and the byline after the headline.
      const title = a.text.slice(0, a.bodyStart - SEP.length);
      tb.add(title);
      tb.add(pre);
      const body = tb.add(a.text.slice(a.bodyStart));
      aSpan = [a.bodyStart, a.text.length];
      bSpan = body;
    } else {
      bSpan = tb.add(a.text);
      aSpan = [0, a.text.length];
    }
  } else {
    tb.add(ctx.gen.headline(rng));
    if (rng.chance(0.3)) tb.add(byline(ctx));
    bSpan = tb.add(a.text.slice(a.bodyStart));
    aSpan = [a.bodyStart, a.text.length];
  }
  if (rng.chance(0.5)) tb.add(credit(ctx));
  const text = tb.text();
  return { title: text.slice(0, text.indexOf(SEP)), text, aSpan, bSpan };
}

/** A run of consecutive sentences (300-1300 characters) copied into an otherwise fresh text. */
export function buildPartial(a: Rendered, ctx: BuildContext): Derived {
  const { rng } = ctx;
  const flat = a.sents.flat();
  const want = rng.range(300, Math.max(350, Math.min(1300, Math.floor((a.text.length - a.bodyStart) * 0.5))));
  const first = rng.int(Math.max(1, flat.length - 2));
  let last = first;
  while (last + 1 < flat.length && flat[last][1] - flat[first][0] < want) last++;
  const aSpan: Span = [flat[first][0], flat[last][1]];
  const copied = a.text.slice(aSpan[0], aSpan[1]);
  const title = ctx.gen.headline(rng);
  const budget = Math.max(0, ctx.target - title.length - copied.length - 6);
  const beforeChars = rng.chance(0.25) ? 0 : Math.floor(budget * (0.2 + 0.6 * rng.next()));
  const tb = new TextBuilder();
  tb.add(title);
  const bSpan = aroundBlock(tb, ctx, copied, beforeChars, budget - beforeChars);
  return { title, text: tb.text(), aSpan, bSpan };
}

const NUMBER_RE = /^(\d[\d,.]*)(\D*)$/;

function changeNumber(word: string, rng: Rng): string {
  const m = NUMBER_RE.exec(word);
  if (!m) return word;
  const digits = m[1].replace(/[,.]$/, '');
  const tail = m[1].slice(digits.length) + m[2];
  const value = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(value)) return word;
  let next: number;
  if (Number.isInteger(value) && value >= 1800 && value <= 2100) next = value + (rng.chance(0.5) ? 1 : -1) * rng.range(1, 3);
  else if (Number.isInteger(value)) next = Math.max(0, Math.round(value * (0.5 + rng.next())) + (rng.chance(0.5) ? 1 : -1));
  else next = Number((value * (0.5 + rng.next())).toFixed(1));
  if (next === value) next = value + 1;
  return String(next) + tail;
}

function splitTrail(word: string): [string, string] {
  const m = /^(.*?)([,;:.!?]*)$/.exec(word);
  return m ? [m[1], m[2]] : [word, ''];
}

/** Word-level edits of one sentence at roughly `rate` of its words. */
function editSentence(sentence: string, rate: number, ctx: BuildContext): { text: string; words: number; touched: number } {
  const { rng, gen } = ctx;
  const words = sentence.split(' ');
  const out: string[] = [];
  let touched = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!rng.chance(rate)) {
      out.push(w);
      continue;
    }
    touched++;
    const [core, trail] = splitTrail(w);
    if (/^\d/.test(core)) {
      out.push(changeNumber(core, rng) + trail);
      continue;
    }
    const prev = out.length > 0 ? splitTrail(out[out.length - 1])[0] : undefined;
    const op = rng.next();
    if (op < 0.45 || i === 0 || i === words.length - 1) {
      let repl = gen.follower(prev, rng);
      if (i === 0) repl = repl[0].toUpperCase() + repl.slice(1);
      out.push(repl + trail);
    } else if (op < 0.7) {
      // Delete; a clause mark moves to the previous word.
      if (trail && out.length > 0) out[out.length - 1] = splitTrail(out[out.length - 1])[0] + trail;
    } else {
      out.push(w);
      const [c2] = splitTrail(w);
      const ins = gen.follower(c2, rng);
      // Insert after this word, before its clause mark.
      out[out.length - 1] = c2 + ' ' + ins + trail;
    }
  }
  let text = out.join(' ');
  if (!/[.!?]$/.test(text)) text += '.';
  return { text, words: words.length, touched };
}

/**
 * An edited copy: a whole text or a run of its paragraphs with sentences dropped or swapped,
 * words inserted/deleted/replaced and numbers changed (10-20% of words), maybe an added paragraph.
 */
export function buildEdited(a: Rendered, base: BaseDoc, ctx: BuildContext): Derived {
  const { rng } = ctx;
  let p0 = 0;
  let p1 = base.paras.length;
  if (base.paras.length >= 4 && rng.chance(0.3)) {
    const len = Math.max(2, Math.round(base.paras.length * (0.5 + 0.3 * rng.next())));
    p0 = rng.int(base.paras.length - len + 1);
    p1 = p0 + len;
  }
  const aSpan: Span = [a.sents[p0][0][0], a.sents[p1 - 1][a.sents[p1 - 1].length - 1][1]];
  const rate = 0.07 + 0.08 * rng.next();
  let words = 0;
  let touched = 0;
  const paras: string[] = [];
  // An edit must not recreate an n-gram found in some other document (that would be accidental
  // reuse): n-grams of the source are fine, anything else the generator has seen is retried.
  const n = ctx.gen.n;
  const sourceWords = normWords(a.text);
  const except = new Set<string>();
  for (let i = 0; i + n <= sourceWords.length; i++) except.add(sourceWords.slice(i, i + n).join(' '));
  let tail: string[] = [];
  const edit = (sentence: string) => {
    for (let tries = 0; tries < 6; tries++) {
      const e = editSentence(sentence, rate, ctx);
      const w = normWords(e.text);
      if (!ctx.gen.seenElsewhere([...tail, ...w], except)) {
        tail = w.slice(-(n - 1));
        return e;
      }
    }
    tail = normWords(sentence).slice(-(n - 1));
    return { text: sentence, words: sentence.split(' ').length, touched: 0 };
  };
  for (let p = p0; p < p1; p++) {
    let sents = base.paras[p].slice();
    const firstPara = p === p0;
    const lastPara = p === p1 - 1;
    // Drop sentences (never the very first or last, so the spans stay tight).
    sents = sents.filter((s, i) => {
      const keep = (firstPara && i === 0) || (lastPara && i === sents.length - 1) || !rng.chance(0.05);
      if (!keep) {
        words += s.split(' ').length;
        touched += s.split(' ').length;
      }
      return keep;
    });
    if (sents.length >= 3 && rng.chance(0.15)) {
      const i = 1 + rng.int(sents.length - 2);
      const j = i === sents.length - 1 ? i - 1 : i + 1;
      if (!(lastPara && (i === sents.length - 1 || j === sents.length - 1))) [sents[i], sents[j]] = [sents[j], sents[i]];
    }
    if (sents.length === 0) continue;
    const edited = sents.map((s) => {
      const e = edit(s);
      words += e.words;
      touched += e.touched;
      return e.text;
    });
    paras.push(edited.join(' '));
  }
  let title: string;
  if (rng.chance(0.5)) title = ctx.gen.headline(rng);
  else title = editSentence(base.title, 0.3, ctx).text.replace(/[.!?]$/, '');
  // Fresh paragraphs before/after: sometimes added context, and always enough to fill an excerpt.
  const copied = paras.reduce((n, p) => n + p.length + 2, title.length);
  const fill = Math.max(0, ctx.target - copied);
  let leadChars = rng.chance(0.15) ? rng.range(150, 400) : 0;
  let tailChars = rng.chance(0.25) ? rng.range(150, 500) : 0;
  if (fill > leadChars + tailChars + 200) {
    const extra = fill - leadChars - tailChars;
    const share = rng.next();
    leadChars += Math.floor(extra * share * 0.5);
    tailChars += extra - Math.floor(extra * share * 0.5);
  }
  const tb = new TextBuilder();
  tb.add(title);
  const bSpan = aroundBlock(tb, ctx, paras.join(SEP), leadChars, tailChars);
  if (rng.chance(0.2)) tb.add(credit(ctx));
  return { title, text: tb.text(), aSpan, bSpan, touched: words > 0 ? Number((touched / words).toFixed(3)) : 0 };
}

/** A real passage placed between fresh paragraphs (or alone after the headline when it is long). */
export function buildAroundPassage(passage: string, ctx: BuildContext): { title: string; text: string; span: Span } {
  const { rng } = ctx;
  const title = ctx.gen.headline(rng);
  const budget = Math.max(0, ctx.target - title.length - passage.length - 6);
  const beforeChars = rng.chance(0.2) ? 0 : Math.floor(budget * (0.15 + 0.7 * rng.next()));
  const tb = new TextBuilder();
  tb.add(title);
  const span = aroundBlock(tb, ctx, passage, beforeChars, budget - beforeChars);
  return { title, text: tb.text(), span };
}
