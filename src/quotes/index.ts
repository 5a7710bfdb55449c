import { attributionAfter, attributionBefore, bylineAfter, previousSpeaker, signatureLine, subjectOfSentence, type Attribution } from './attribute.js';
import { cueOf } from './cues.js';
import { findMarkedQuotes, paragraphBlocks, primaryKind, type Block } from './extract.js';
import { NameResolver } from './names.js';
import type { ExtractOptions, Quote, QuotePart } from './types.js';

export type { ExtractOptions, Quote, QuoteCue, QuotePart, QuoteSpeaker, SpeakerKind, Range } from './types.js';
export { utterances, quoteDrift, describeDrift } from './match.js';
export type { Utterance, UtteranceVariant, UtteranceOptions, QuoteDrift, WordEdit, MatchBasis } from './match.js';

/** Quotes without a cue shorter than this (in words) inside a sentence are scare quotes or titles. */
const MIN_UNATTRIBUTED_WORDS = 8;
/**
 * A quote this short inside a sentence needs a cue of its own (“said ‘no’”, “‘no,’ she said”): a
 * speech verb elsewhere in its sentence reports other words, and the one or two quoted here are a
 * borrowed term (a global “divergence”, a “surrender”), part of that report, not a quotation.
 */
const MAX_BORROWED_WORDS = 2;
/** A quote opening its sentence without a cue needs this many words to count as speech. */
const MIN_SENTENCE_QUOTE_WORDS = 4;
/** Title-case quotes inside a sentence up to this many words are titles ("NBC's “Meet the Press”"). */
const MAX_TITLE_WORDS = 6;
/** Book and show titles run longer: “Crippled America: How to Make America Great Again”. */
const MAX_WORK_TITLE_WORDS = 8;
/** Nouns naming a work, right before its title. */
const WORK_NOUN = /\b(?:book|memoir|autobiography|novel|film|movie|show|series|program|programme|song|album|documentary|musical|episode)[,:]?\s*$/i;
/** How far back (in blocks) a quote without a cue may inherit the previous quote's speaker. */
const INHERIT_BLOCKS = 2;

interface Item {
  parts: QuotePart[];
  firstBlock: number;
  lastBlock: number;
  attribution: Attribution | null;
  /** The attribution is the quote's own (a cue next to it), not inherited. */
  own: boolean;
  /** The quote opens its sentence (nothing but a colon or dash before it). */
  opensSentence: boolean;
  /** Right after a colon ("WSJ editorial: 'Deport Nikki Haley.'"): announced, so speech however short. */
  afterColon: boolean;
  /** Its sentence has a speech verb outside the quote ("called it", "described as", "said that"). */
  cueInSentence: boolean;
  /** Looks like a title: capitalized words, or right after a possessive ("NBC's “Today”"). */
  titleLike: boolean;
  /** A title-case name of a show or book after "CNN's", "on" or "of": a title even when a speaker follows. */
  showTitle: boolean;
  /** A cue and speaker right after the quote, or a cue right before it: a sure sign of speech. */
  speechCue: boolean;
  /** The word right before the opening mark is a cue ("said “...”", "called it “...”"). */
  cueBefore: boolean;
  /** Right after a speech verb or its "that", with nothing between ("said “...”", "claimed that “...”"). */
  speechBefore: boolean;
  /** “...,” and more words, X said: the content runs on to the comma before the attribution. */
  tailEnd?: number;
}

/**
 * Direct quotations of a news text with their cue and speaker.
 *
 * Defaults: unattributed short quotes inside a sentence (scare quotes, titles) are left out
 * (`keepUnattributed: false`); speakers are resolved to canonical names within the text
 * (`attribute: true`). Offsets are into `text` as given.
 */
export function extractQuotes(text: string, options: ExtractOptions = {}): Quote[] {
  const blocks = paragraphBlocks(text);
  const marked = findMarkedQuotes(text, blocks);
  if (marked.length === 0) return [];
  const partStarts: number[] = [];
  const partEnds: number[] = [];
  for (const q of marked) for (const p of q.parts) {
    partStarts.push(p.start);
    partEnds.push(p.end);
  }
  const insideQuote = (pos: number) => {
    let lo = 0;
    let hi = partStarts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (partStarts[mid] <= pos) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && pos < partEnds[hi];
  };

  const items: Item[] = marked.map((q) => ({ parts: q.parts, firstBlock: q.firstBlock, lastBlock: q.lastBlock, attribution: null, own: false, opensSentence: false, afterColon: false, cueInSentence: false, titleLike: false, showTitle: false, speechCue: false, cueBefore: false, speechBefore: false }));
  const joined = joinSplitQuotes(text, mergeBrokenQuotes(text, items));
  for (const item of joined) cutSignature(text, item);
  for (let i = 0; i < joined.length; i++) attributeOwn(text, blocks, joined, i, insideQuote);
  inherit(text, blocks, joined, insideQuote);

  const runsOn = (item: Item, i: number) => contentEnd(text, item, blocks[item.lastBlock], joined[i + 1]?.parts[0].start ?? text.length) !== item.parts[item.parts.length - 1].end;
  let primary: string | undefined;
  const singleIsSecondary = () => (primary ??= primaryKind(text, blocks)) === 'double';
  const keeps = joined.map((item, i) => !isSubheading(text, blocks, item, singleIsSecondary) && (keep(text, item, joined[i - 1], joined[i + 1]) || (item.opensSentence && runsOn(item, i))));
  // “Go home” and “Stay out”: quotes joined by "and" or "or" are quoted alike; one kept keeps the other.
  for (let i = joined.length - 2; i >= 0; i--) if (!keeps[i] && keeps[i + 1] && coordinated(text, joined[i], joined[i + 1])) keeps[i] = true;
  for (let i = 1; i < joined.length; i++) if (!keeps[i] && keeps[i - 1] && coordinated(text, joined[i - 1], joined[i])) keeps[i] = true;
  const kept = options.keepUnattributed ? joined : joined.filter((_, i) => keeps[i]);
  const resolver = options.attribute === false ? null : new NameResolver(text, insideQuote);
  let lastSpeaker: { name: string; gender: 'f' | 'm' | null; pos: number } | null = null;
  const quotes: Quote[] = [];
  for (const item of kept) {
    const first = item.parts[0];
    const last = item.parts[item.parts.length - 1];
    const mention = item.attribution?.mention ?? null;
    let speaker: Quote['speaker'] = null;
    if (mention && resolver) {
      const resolved = resolver.resolve(mention, lastSpeaker);
      resolver.learn(mention, resolved.name);
      speaker = { name: resolved.name, mention: mention.text, start: mention.start, end: mention.end, role: resolved.role ?? mention.role, kind: mention.kind };
      // Pronouns later in the article may point back to this speaker.
      if ((mention.person && mention.kind !== 'title') || resolved.name !== mention.text) {
        lastSpeaker = { name: resolved.name, gender: resolver.genderOf(resolved.name) ?? mention.gender, pos: mention.start };
      }
    }
    quotes.push({
      start: first.start,
      end: contentEnd(text, item, blocks[item.lastBlock], kept[quotes.length + 1]?.parts[0].start ?? text.length),
      text: item.parts.map((p) => text.slice(p.innerStart, p.innerEnd).trim()).join(' '),
      parts: item.parts,
      paragraphs: item.lastBlock - item.firstBlock + 1,
      cue: item.own && item.attribution?.cue ? { ...item.attribution.cue } : null,
      speaker: options.attribute === false ? null : speaker,
    });
  }
  return quotes;
}

function blockOf(blocks: Block[], pos: number, hint: number): number {
  let i = Math.max(0, Math.min(hint, blocks.length - 1));
  while (i > 0 && blocks[i].start > pos) i--;
  while (i + 1 < blocks.length && blocks[i + 1].start <= pos) i++;
  return i;
}

/**
 * Nested quote marks flattened by a bad conversion: "... cure the" disease "and save ..." — a quote
 * cannot end on "the" or "to", so it goes on through the next few words and the next quote.
 */
function mergeBrokenQuotes(text: string, items: Item[]): Item[] {
  const out: Item[] = [];
  for (const item of items) {
    const prev = out[out.length - 1];
    if (prev && prev.lastBlock === item.firstBlock && prev.parts.length === 1 && item.parts.length === 1 && prev.parts[0].closed) {
      const p = prev.parts[0];
      const lastWord = /(\p{L}+)\s*$/u.exec(text.slice(p.innerStart, p.innerEnd))?.[1]?.toLowerCase();
      const gap = text.slice(p.end, item.parts[0].start);
      if (lastWord && DANGLING.has(lastWord) && gap.length <= 40 && !/[.!?;:]/.test(gap) && gap.trim().split(/\s+/).filter(Boolean).length <= 3) {
        const q = item.parts[0];
        prev.parts = [{ start: p.start, end: q.end, innerStart: p.innerStart, innerEnd: q.innerEnd, closed: q.closed }];
        continue;
      }
    }
    out.push(item);
  }
  return out;
}

/**
 * A quoted passage signed on its last line inside the marks: "... the bomb.⏎Donald Trump." (pull
 * quotes set off from the article). The words end with the line before; the signature is the speaker.
 */
function cutSignature(text: string, item: Item): void {
  if (item.parts.length !== 1 || !item.parts[0].closed) return;
  const p = item.parts[0];
  const nl = text.lastIndexOf('\n', p.innerEnd - 1);
  if (nl <= p.innerStart) return;
  let end = nl;
  while (end > p.innerStart && /\s/.test(text[end - 1])) end--;
  if (!/[.!?\u2026]$/.test(text.slice(p.innerStart, end)) || end - p.innerStart < 20) return;
  const signed = signatureLine(text, nl + 1, p.innerEnd);
  if (!signed) return;
  item.parts = [{ start: p.start, end, innerStart: p.innerStart, innerEnd: end, closed: true }];
  item.attribution = signed;
  item.own = true;
}

/** Words a quotation cannot end on. */
const DANGLING = new Set(['the', 'a', 'an', 'to', 'of', 'and', 'or', 'in', 'on', 'for', 'with', 'by', 'from', 'at', 'as', 'that', 'our', 'their', 'its', 'his', 'her', 'my', 'your', 'is', 'are', 'was', 'were', 'be']);

/**
 * “We oppose,” she said, “double standards.” is one quote in two parts: consecutive quotes of one
 * block separated only by an attribution clause are joined, and the clause is their attribution.
 */
function joinSplitQuotes(text: string, items: Item[]): Item[] {
  const out: Item[] = [];
  for (const item of items) {
    const prev = out[out.length - 1];
    if (prev && prev.lastBlock === item.firstBlock) {
      const prevEnd = prev.parts[prev.parts.length - 1].end;
      const nextStart = item.parts[0].start;
      const attribution = splitsQuote(text, prev.parts[prev.parts.length - 1], nextStart) ? attributionAfter(text, prevEnd, nextStart) : null;
      if (attribution && attribution.cue && attribution.mention && /^\s*$/.test(text.slice(attribution.end, nextStart)) && shortTail(text.slice(Math.max(attribution.cue.end, attribution.mention.end), nextStart))) {
        prev.parts.push(...item.parts);
        prev.lastBlock = item.lastBlock;
        if (!prev.attribution) {
          prev.attribution = attribution;
          prev.own = true;
        }
        continue;
      }
    }
    out.push(item);
  }
  return out;
}

/**
 * “A,” she said, “b.”: the first part ends with a comma (or dash, question or exclamation mark),
 * and a short clause ending with a comma leads straight to the next opening mark.
 */
function splitsQuote(text: string, part: QuotePart, nextStart: number): boolean {
  const inner = text.slice(part.innerStart, part.innerEnd).trimEnd();
  const after = text.slice(part.end, nextStart);
  if (!/[,\u2014\u2013\-?!\u2026]$/.test(inner) && !after.startsWith(',')) return false;
  // “Why?” He asked, ... starts a new sentence; “Why?” he asked, “... does not.
  if (/[?!]$/.test(inner) && /^\s*\p{Lu}/u.test(after) && !/^\s*(?:said|asked|says|asks)\b/i.test(after)) return false;
  if (!/,\s*$/.test(after)) return false;
  return after.length <= 120 && !/[.!?;]\s/.test(after.replace(/\b(?:\p{Lu}|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Jr|Sr|St|Lt|Col)\./gu, ''));
}

/** What follows the speaker and cue of a split quote is short: "told reporters", not "adding that ...". */
function shortTail(tail: string): boolean {
  const words = tail.split(/[\s,]+/).filter(Boolean);
  return words.length <= 3 && !words.some((w) => /ing$/i.test(w));
}

/** A title or initial before its full stop ("Sen.", "J."), which does not end the sentence; test the five characters before the stop. */
const ABBREVIATION = /(?:^|[\s(])(?:\p{Lu}|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Sr|U\.S|U\.N|Lt|Col|Prof|Rev)$/u;

/** The start of the sentence holding `pos`, not before `floor` (a block start or a previous quote's end). */
function sentenceStart(text: string, floor: number, pos: number): number {
  for (let i = pos - 1; i > floor && i > pos - 600; i--) {
    const ch = text[i];
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text[i + 1] ?? '')) {
      if (ch === '.' && ABBREVIATION.test(text.slice(Math.max(floor, i - 5), i))) continue;
      return i + 1;
    }
  }
  return Math.max(floor, pos - 600);
}

/** The end of the sentence that goes on at `pos`, not past `limit`. */
function sentenceEnd(text: string, pos: number, limit: number): number {
  const stop = Math.min(limit, pos + 400);
  for (let i = pos; i < stop; i++) {
    const ch = text[i];
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text[i + 1] ?? ' ')) return i + 1;
  }
  return stop;
}

const WORD = /[\p{L}]+/gu;

/** A lower-case speech verb in a stretch of text. */
function hasCue(stretch: string): boolean {
  WORD.lastIndex = 0;
  for (let m = WORD.exec(stretch); m; m = WORD.exec(stretch)) {
    if (m[0][0] !== m[0][0].toLowerCase() || !cueOf(m[0])) continue;
    if (m[0] === 'called' && /so-$/i.test(stretch.slice(Math.max(0, m.index - 3), m.index))) continue;
    return true;
  }
  return false;
}

/** Prepositions a title may leave in lower case ("Midday with Charlie Sykes"). */
const TITLE_SMALL_WORDS = /^(?:with|from|into|onto|over|upon|than|that|this|about|after|under)$/;

/**
 * The words before a quote are a title-case headline's: every longer word capitalized, and at least
 * two of them (one capitalized word is only a sentence's start: "Speaking to “Face the Nation”").
 */
function isHeadlineLead(before: string): boolean {
  return isTitleCase(before) && before.split(/\s+/).filter((w) => w.replace(/[^\p{L}]/gu, '').length > 3 && !TITLE_SMALL_WORDS.test(w)).length >= 2;
}

/** Every longer word capitalized: “Saturday Night Live”, “The Art of the Deal”. */
function isTitleCase(inner: string): boolean {
  const all = inner.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+/u, '')).filter((w) => w.length > 0);
  const words = all.filter((w) => w.length > 3 && !TITLE_SMALL_WORDS.test(w));
  return words.length > 0 && words.every((w) => /^\p{Lu}/u.test(w));
}

function attributeOwn(text: string, blocks: Block[], items: Item[], index: number, insideQuote: (pos: number) => boolean): void {
  const item = items[index];
  const first = item.parts[0];
  const firstBlock = blocks[item.firstBlock];
  const next = items[index + 1];
  // The sentence may hold earlier quotes ("Zakir said that “trainees” ... a “modern life”"): their
  // words are skipped when looking for a cue, but the sentence starts before them.
  const from = sentenceStart(text, firstBlock.start, first.start);
  const before = text.slice(from, first.start);
  item.afterColon = /:\s*$/.test(before);
  item.opensSentence = /^[\s:\u2014\u2013-]*$/.test(before) || item.afterColon;
  const lastPart = item.parts[item.parts.length - 1];
  const lastBlock = blocks[item.lastBlock];
  const afterEnd = sentenceEnd(text, lastPart.end, Math.min(lastBlock.end, next ? next.parts[0].start : lastBlock.end));
  item.cueInSentence = hasCue(before) || hasCue(text.slice(lastPart.end, afterEnd));
  // "He added, “More.”": a quote right after its cue is speech even when it looks like a title.
  const lastWord = /(\p{L}+)[,:]?\s*$/u.exec(before)?.[1];
  item.speechCue ||= lastWord !== undefined && lastWord === lastWord.toLowerCase() && cueOf(lastWord)?.strong === true;
  const wordBefore = /(\p{L}+)[^\p{L}]*$/u.exec(before)?.[1];
  item.cueBefore = wordBefore !== undefined && wordBefore === wordBefore.toLowerCase() && cueOf(wordBefore) !== null;
  // "said repeatedly “...”": an adverb may stand between the verb and the quote.
  const adjacent = /(?<!\p{L})(\p{Ll}+)\s+(?:\p{Ll}+ly\s+)?$/u.exec(before)?.[1];
  item.speechBefore = adjacent !== undefined && (adjacent === 'that' || cueOf(adjacent)?.strong === true);
  // In a title-case headline every quote is title-case.
  const inner = item.parts.map((p) => text.slice(p.innerStart, p.innerEnd)).join(' ');
  item.titleLike = /(?:['\u2019]s|so-called)\s*$/i.test(before) || (isTitleCase(inner) && !isHeadlineLead(before));
  // "on CBS's “Face the Nation,” Sanders said": the speaker after it is the guest's, not the title's.
  // "In his new book, ''Doomed to Succeed,''": a title right after the noun naming the work.
  // ... and after "told", "to" or "with": "Fiorina told “Fox and Friends,”", "an interview with “The View”".
  item.showTitle = (/(?:['\u2019]s|\b(?:on|of|to|with|told|tells|telling))\s*$/i.test(before) || WORK_NOUN.test(before)) && isTitleCase(inner) && !/[!?]/.test(inner);
  if (item.attribution) return;
  const tail = attributedTail(text, item, Math.min(blocks[item.lastBlock].end, next ? next.parts[0].start : Infinity));
  if (tail) {
    item.attribution = tail.attribution;
    item.own = true;
    item.tailEnd = tail.end;
    return;
  }

  // “X said, “...” Then ... he said.”: a quote introduced by its cue and ending its sentence keeps
  // that cue's speaker; what follows the quote is another sentence.
  const introduced = first.closed && /[,:]\s*$/.test(before) && /[.!?\u2026]['"\u2019\u201D]*$/.test(text.slice(first.innerStart, first.innerEnd).trimEnd());
  if (introduced && hasCue(before)) {
    const att = attributionBefore(text, from, first.start, insideQuote);
    if (att?.cue && att.mention) {
      item.attribution = att;
      item.own = true;
      return;
    }
  }

  // “...” about the decision, said X: a quote opening its sentence and running on takes the attribution after the run-on.
  if (item.opensSentence && lastPart.closed && headsLongerContent(text, item)) {
    const limit = Math.min(blocks[item.lastBlock].end, next ? next.parts[0].start : Infinity);
    const comma = runOnComma(text, lastPart.end, limit);
    const after = comma === null ? null : attributionAfter(text, comma, limit, false);
    if (after?.cue && after.mention) {
      item.attribution = after;
      item.own = true;
      item.speechCue = true;
      return;
    }
  }
  // “...” every time he thinks of it: after a cue, the words running on are the content, not a new attribution.
  const runsOnFromCue = !item.opensSentence && headsLongerContent(text, item);
  for (const part of item.parts) {
    if (!part.closed || runsOnFromCue) continue;
    const block = blocks[blockOf(blocks, part.start, item.firstBlock)];
    const limit = next && next.parts[0].start < block.end ? next.parts[0].start : block.end;
    const endsSentence = /[.!?\u2026]['"\u2019\u201D]*$/.test(text.slice(part.innerStart, part.innerEnd).trimEnd());
    // “...” Mills then writes back, “...”: after a full stop, a clause leading into the next quote is that quote's.
    const leadsOn = endsSentence && limit < block.end && /^\s*\p{Lu}/u.test(text.slice(part.end, limit)) && /[,:]\s*$/.test(text.slice(part.end, limit)) && !/[.!?]\s/.test(text.slice(part.end, limit));
    const after = leadsOn ? null : attributionAfter(text, part.end, Math.min(limit, block.end), endsSentence);
    if (after && (after.mention || after.cue)) {
      item.attribution = after;
      item.own = true;
      item.speechCue ||= after.cue !== null && after.mention !== null;
      if (after.mention) return;
    }
  }
  // A quote closing its paragraph, signed on the next line: "— Jane Roe, Portland."
  const lastBlockNow = blocks[item.lastBlock];
  const nextBlock = blocks[item.lastBlock + 1];
  if (nextBlock && !item.attribution?.mention && /^[\s.,]*$/.test(text.slice(lastPart.end, lastBlockNow.end)) && /^[-\u2013\u2014\u2015]/.test(text.slice(nextBlock.start, nextBlock.start + 1))) {
    const signed = attributionAfter(text, nextBlock.start, nextBlock.end, true);
    if (signed?.mention && !signed.cue) {
      item.attribution = signed;
      item.own = true;
      return;
    }
  }
  // "Cruz continued:" as a paragraph of its own, right before the quote's paragraph.
  const prevBlock = blocks[item.firstBlock - 1];
  if (!before.trim() && first.start === firstBlock.start && prevBlock && text[prevBlock.end - 1] === ':' && !insideQuote(prevBlock.end - 1)) {
    const att = attributionBefore(text, sentenceStart(text, prevBlock.start, prevBlock.end - 1), prevBlock.end, insideQuote);
    if (att && att.mention && !item.attribution?.mention) {
      item.attribution = att;
      item.own = att.cue !== null;
      return;
    }
  }
  // “Nixon ran on the slogan ‘...’”, “Mook released a memo titled ‘...’”: the sentence's subject wrote them.
  if (!item.attribution?.mention && REPRODUCED_BY_SUBJECT.test(before)) {
    const mention = (lastPart.closed ? bylineAfter(text, lastPart.end, lastBlock.end) : null) ?? subjectOfSentence(text, from, first.start, insideQuote);
    if (mention) {
      item.attribution = { cue: null, mention, end: first.start };
      item.own = false;
      return;
    }
  }
  if (before.trim().length > 0) {
    const att = attributionBefore(text, from, first.start, insideQuote);
    if (att && (att.mention || att.cue)) {
      if (!item.attribution || (!item.attribution.mention && att.mention)) {
        item.attribution = att;
        item.own = att.cue !== null || !item.attribution;
      }
    }
  }
}

/** A quote with no speaker of its own takes the previous quote's, or the previous sentence's. */
function inherit(text: string, blocks: Block[], items: Item[], insideQuote: (pos: number) => boolean): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.attribution?.mention) continue;
    const start = item.parts[0].start;
    const prev = items[i - 1];
    const blockFrom = blocks[Math.max(0, item.firstBlock - 1)].start;
    // The nearest cue-and-subject sentence after the previous quote beats the previous quote.
    // ... and the previous quote's own attribution clause ("X told the Journal, after Y stated ...").
    const prevEnd = prev ? Math.max(prev.parts[prev.parts.length - 1].end, prev.own && prev.attribution ? Math.min(prev.attribution.end, start) : 0) : 0;
    const searchFrom = Math.max(blockFrom, prevEnd);
    const sentence = previousSpeaker(text, searchFrom, start, insideQuote);
    if (sentence?.mention) {
      item.attribution = { cue: item.attribution?.cue ?? null, mention: sentence.mention, end: start };
      continue;
    }
    if (prev && prev.attribution?.mention && item.firstBlock - prev.lastBlock <= INHERIT_BLOCKS) {
      item.attribution = { cue: item.attribution?.cue ?? null, mention: prev.attribution.mention, end: start };
    }
  }
}

/** Verbs that give something a name: the quote after them is a complete name. */
const NAMING_VERB = /\b(?:call|calls|called|calling|dubbed|labeled|labelled|termed|named|branded|described\s+as|describes\s+as)\s*$/i;

/** Prepositions that carry a clause on past a quoted fragment: “...” despite his loss. */
const CARRY_ON = new Set(['in', 'for', 'from', 'about', 'of', 'to', 'with', 'on', 'until', 'between', 'despite', 'toward', 'towards', 'by', 'at', 'after', 'before', 'over', 'against', 'among', 'during', 'into', 'than', 'as', 'under', 'without', 'within', 'across', 'through', 'since']);

/**
 * Words after a fragment quoted right after "said" that start something other than the rest of the
 * fragment's clause: a coordinated clause, a time clause, or a prepositional phrase of the reporter's.
 */
const CLAUSE_BREAK = new Set(['and', 'or', 'but', 'on', 'in', 'at', 'to', 'during', 'after', 'before', 'when', 'while', 'as']);

/**
 * A conjunction opening a clause with its own subject after a fragment: “...” as he promised, “...”
 * after the union failed (but not "after the vote", a preposition's object). Mid-sentence, it is
 * the reporter's sentence going on, not the fragment's.
 */
const SUBORDINATE_CLAUSE = /^\s+(?:after|as|before|since|until)\s+(?:he|she|they|we|i|you|it|(?:the|a|an|his|her|their|its)\s+\p{Ll}+\s+\p{Ll}+ed)\b/u;

/**
 * Whether the words after a fragment quoted right after "said" continue its clause: said “tax cuts”
 * would pay for it, said “tax cuts” and a new levy would pay for it (a determiner after "and" adds
 * to the subject), but not said “tax cuts” and left (another verb of the reporter's sentence).
 */
function continuesClause(after: string): boolean {
  const m = /^\s+(\p{L}+)(?:\s+(\p{L}+))?/u.exec(after);
  if (!m) return false;
  if (m[1] === 'and' && m[2] !== undefined && LABEL_DETERMINER.test(` ${m[2]}`)) return true;
  return !CLAUSE_BREAK.has(m[1]);
}

/**
 * “I am for the farms” sounds fine to them: a quoted clause with its own subject, followed by a verb,
 * is named as a whole, the subject of the reporter's sentence; the predicate after it is not content.
 */
function quotedClauseAsSubject(inner: string, after: string): boolean {
  const verb = /^\s+(\p{Ll}+)\b/u.exec(after)?.[1];
  return verb !== undefined && /^(?:i|we|you|he|she|it|they)\s+\p{L}/iu.test(inner.trim()) && !NOT_A_VERB.has(verb) && /^(?:is|was|are|were|has|had|would|will|\p{Ll}+ed|\p{Ll}+[^s]s)$/u.test(verb);
}

/** Words ending like a verb's -s or -ed form that are none: “...” this year, “...” plus a fine. */
const NOT_A_VERB = new Set(['this', 'its', 'plus', 'thus', 'towards', 'always', 'perhaps', 'sometimes', 'besides', 'unless', 'across', 'nevertheless', 'whereas', 'afterwards', 'indeed']);

/** said “of course” Rivera has the votes: a name, then a verb that is no cue, opens the fragment's clause. */
function namedSubject(after: string): boolean {
  const m = /^\s+(?:\p{Lu}[\p{L}.'\u2019-]*\s+){1,3}(\p{Ll}+)\b/u.exec(after);
  return m !== null && !cueOf(m[1]) && !CLAUSE_BREAK.has(m[1]) && !CARRY_ON.has(m[1]);
}

/**
 * A fragment that breaks off mid-clause (no punctuation before its closing mark) and opens its
 * sentence, or follows its cue, with the clause going on after it: the head of a longer content.
 */
function headsLongerContent(text: string, item: Item): boolean {
  const last = item.parts[item.parts.length - 1];
  if (item.parts.length !== 1 || !last.closed || item.titleLike || !(item.opensSentence || item.cueBefore || item.speechBefore)) return false;
  const inner = text.slice(last.innerStart, last.innerEnd).replace(/[\s"'\u2018\u2019\u201C\u201D]+$/u, '');
  if (!/[\p{L}\p{N}]$/u.test(inner) || isTitleCase(inner)) return false;
  const next = /^\s+(\p{L}+)/u.exec(text.slice(last.end, last.end + 40))?.[1];
  const after = text.slice(last.end, last.end + 60);
  if (quotedClauseAsSubject(inner, after)) return false;
  const before = text.slice(Math.max(0, item.parts[0].start - 30), item.parts[0].start);
  if (next && next !== next.toLowerCase() && !item.opensSentence && item.speechBefore && namedSubject(after)) return !NAMING_VERB.test(before);
  if (!next || next !== next.toLowerCase() || cueOf(next) || /^(?:he|she|they|it|we|i|you)$/.test(next)) return false;
  // Mid-sentence, a clause of its own after the fragment is the reporter's; after a quote opening its sentence it is still the speaker's.
  const carried = item.cueBefore && CARRY_ON.has(next) && !SUBORDINATE_CLAUSE.test(after);
  if (!item.opensSentence && !carried && !(item.speechBefore && continuesClause(after))) return false;
  // “called ‘the beginning of a new era’ in his book”: after a naming verb the quote is the whole name;
  // what follows goes with the verb.
  return item.opensSentence || !NAMING_VERB.test(before);
}

/** Nouns that take a quoted wording as their apposition: the phrase “...”, the word “...”. */
const WORDING_NOUN = /\b(?:phrase|word|words|term|expression|slogan|motto|line|message|headline|label|mantra|refrain|hashtag)\s*$/i;
/** Words after a quoted modifier that are no noun it could modify: "being “strong” like him". */
const NOT_A_HEAD = new Set(['like', 'unlike', 'not', 'even', 'only', 'just', 'very', 'more', 'most', 'less', 'all', 'both', 'either', 'neither', 'here', 'there', 'now', 'again', 'still', 'almost', 'enough', 'per', 'via', 'versus', 'vs']);
/** How many words a quoted modifier's head noun may have: "“single-payer” health care". */
const HEAD_NOUN_WORDS = 2;

/**
 * A short quoted modifier inside a sentence takes in the noun it modifies (“poison pill” measures,
 * cited “Obama-Clinton” policies): PolNeAR's content holds the whole noun. Up to two lower-case
 * words, stopping at a verb, participle, preposition, pronoun or adverb; null when none follows.
 */
function headNounEnd(text: string, item: Item): number | null {
  const last = item.parts[item.parts.length - 1];
  if (item.opensSentence || item.parts.length !== 1 || !last.closed || item.cueBefore || item.speechBefore) return null;
  const inner = text.slice(last.innerStart, last.innerEnd);
  if (inner.trim().split(/\s+/).length > LABEL_MAX_WORDS || !/[\p{L}\p{N}]$/u.test(inner.trimEnd())) return null;
  const before = text.slice(Math.max(0, item.parts[0].start - 30), item.parts[0].start);
  if (WORDING_NOUN.test(before) || WRITTEN_WORDS.test(before) || NAMING_VERB.test(before)) return null;
  let end = last.end;
  for (let n = 0; n < HEAD_NOUN_WORDS; n++) {
    const word = /^\s+(\p{Ll}+)\b/u.exec(text.slice(end, end + 30));
    if (!word || NOT_A_NOUN.test(` ${word[1]}`) || LABEL_DETERMINER.test(word[1]) || NOT_A_HEAD.has(word[1]) || /(?:ing|ed|ly)$/.test(word[1]) || cueOf(word[1])) break;
    end += word[0].length;
  }
  return end > last.end && /^(?:[\s,.;:!?)]|$)/.test(text.slice(end, end + 1)) ? end : null;
}

/**
 * Where the quoted content ends. Usually at the closing mark; before ", according to" when the
 * speaker's words are reported by another source (PolNeAR's Content then holds "X said"); but a fragment that breaks off
 * mid-clause (no punctuation before its mark) and opens its sentence, or follows its cue, is the
 * head of a longer content: “the wind is at our backs” despite his loss. Then the content runs to
 * the clause's end (comma, semicolon or full stop), as PolNeAR marks it. Titles and fragments
 * followed by a speaker or cue ("... ” he said") stay as they are.
 */
function contentEnd(text: string, item: Item, block: Block, nextStart: number): number {
  const last = item.parts[item.parts.length - 1];
  const reported = item.own ? item.attribution?.reportedEnd : undefined;
  if (reported !== undefined && reported > last.end && reported <= block.end) return reported;
  const headline = headlineStatementEnd(text, item, block, nextStart);
  if (headline !== null) return headline;
  if (item.tailEnd !== undefined) return item.tailEnd;
  const thatEnd = thatClauseEnd(text, item, block, nextStart);
  if (thatEnd !== null) return thatEnd;
  if (!headsLongerContent(text, item)) return headNounEnd(text, item) ?? last.end;
  const stop = Math.min(block.end, nextStart, last.end + 400);
  for (let i = last.end; i < stop; i++) {
    const ch = text[i];
    if (ch === '\n' || ((ch === '"' || ch === '\u201C' || ch === '\u2018' || ch === "'") && /\s/.test(text[i - 1]))) return last.end;
    if (ch === ',' || ch === ';') return i;
    // A dash sets off an aside: “...” has the votes -- as she said before -- ...
    if (ch === ' ' && /^ (?:--|\u2014|\u2013) /.test(text.slice(i, i + 4))) return i;
    // “...” over the vote and threatening to leave: "and" with a participle goes back to the sentence's
    // own verb ("crying", "saying"), unless the run-on has a gerund of its own for it to pair with.
    if (ch === ' ' && /^ and \p{Ll}+ing\b/u.test(text.slice(i, i + 30)) && !/\b\p{Ll}+ing\b/u.test(text.slice(last.end, i))) return i;
    if ((ch === '.' || ch === '!' || ch === '?') && /^(?:\s|["\u201D\u2019]|$)/.test(text.slice(i + 1, i + 2)) && !ABBREVIATION.test(text.slice(Math.max(0, i - 5), i))) return i;
  }
  return block.end <= stop ? block.end : last.end;
}

/**
 * “We are ready,” despite the delays, the mayor said. — a quote that opens its sentence and breaks
 * off at a comma, after which the reporter's words go on and the sentence ends with its attribution:
 * the attributed content runs on to the comma before that attribution, whose speaker is the quote's.
 */
function attributedTail(text: string, item: Item, limit: number): { attribution: Attribution; end: number } | null {
  const last = item.parts[item.parts.length - 1];
  if (!item.opensSentence || item.parts.length !== 1 || !last.closed) return null;
  if (!/,\s*$/.test(text.slice(last.innerStart, last.innerEnd))) return null;
  const next = /^\s+(\p{L}+)/u.exec(text.slice(last.end, last.end + 40))?.[1];
  // A pronoun, cue or determiner after the quote starts its own attribution (“...,” the economist, a former adviser, wrote).
  if (!next || next !== next.toLowerCase() || cueOf(next) || /^(?:he|she|they|it|we|i|you|the|a|an|his|her|their|its|our|my|another|one|this|that|these|those)$/.test(next)) return null;
  const end = sentenceEnd(text, last.end, limit);
  const stretch = text.slice(last.end, end);
  // Another quote in the stretch: the words between are an attribution or a bridge, not content.
  if (/["\u201C\u201D]|''/.test(stretch)) return null;
  const direct = attributionAfter(text, last.end, end, false);
  if (direct?.mention && text.slice(last.end, direct.mention.start).trim() === '') return null;
  for (let c = stretch.indexOf(','); c >= 0; c = stretch.indexOf(',', c + 1)) {
    const attribution = attributionAfter(text, last.end + c, end, false);
    if (attribution?.cue && attribution.mention) return { attribution, end: last.end + c };
  }
  return null;
}

/**
 * “It was bad luck,” he said, that the storm came on a Sunday. — the attribution takes up the quote
 * again with a "that" clause in the reporter's words: the content runs on to that clause's end.
 */
function thatClauseEnd(text: string, item: Item, block: Block, nextStart: number): number | null {
  const last = item.parts[item.parts.length - 1];
  const att = item.own ? item.attribution : null;
  // Only a quote opening its sentence: mid-sentence, "the “impact,” he said, that it had" is a relative clause.
  if (!item.opensSentence || !att?.cue || !att.mention || !last.closed || !/,\s*$/.test(text.slice(last.innerStart, last.innerEnd))) return null;
  const from = Math.max(att.cue.end, att.mention.end);
  if (from < last.end || !/^\s*$/.test(text.slice(last.end, Math.min(att.cue.start, att.mention.start)).replace(/^,/, ''))) return null;
  const m = /^,\s+that\s+\p{Ll}/u.exec(text.slice(from, from + 20));
  if (!m) return null;
  const stop = Math.min(block.end, nextStart, from + 400);
  for (let i = from + m[0].length; i < stop; i++) {
    const ch = text[i];
    if (ch === '"' || ch === '\u201C' || ch === '\n') return null;
    if (ch === ',' || ch === ';' || ((ch === '.' || ch === '!' || ch === '?') && /^(?:\s|$)/.test(text.slice(i + 1, i + 2)))) return i;
  }
  return null;
}

/**
 * A headline "Speaker: ‘Quoted Words’ Then the Rest": everything after the colon is what the speaker
 * is reported to have said, the marks only set off the verbatim words; the content runs on to the
 * headline's end (without its full stop). Null when the quote is not such a headline's.
 */
function headlineStatementEnd(text: string, item: Item, block: Block, nextStart: number): number | null {
  const last = item.parts[item.parts.length - 1];
  if (item.firstBlock !== 0 || item.lastBlock !== 0 || !item.afterColon || !last.closed || text.slice(block.start, block.end).includes('\n')) return null;
  // Not a quoted sentence ("added: “Nothing has changed.” Her deputy said"): what follows it is a new sentence.
  if (/[.!?\u2026]['"\u2019\u201D]*$/.test(text.slice(last.innerStart, last.innerEnd).trimEnd())) return null;
  if (!/^\s+[\p{L}\p{N}$]/u.test(text.slice(last.end, last.end + 3))) return null;
  let end = Math.min(block.end, nextStart);
  while (end > last.end && /[\s.;]/.test(text[end - 1])) end--;
  return end > last.end ? end : null;
}

/** The comma closing the clause a fragment runs on into, before any other quote or sentence end; null if none. */
function runOnComma(text: string, from: number, limit: number): number | null {
  const stop = Math.min(limit, from + 400);
  for (let i = from; i < stop; i++) {
    const ch = text[i];
    if (ch === ',') return i;
    if (ch === '\n' || ch === ';' || ch === '"' || ch === '\u201C' || ch === '\u201D' || ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text[i + 1] ?? ' ') && !ABBREVIATION.test(text.slice(Math.max(0, i - 5), i)))) return null;
  }
  return null;
}

/** “They sue,” he said. “Everybody sues.”: a short sentence quoted right after the speaker's own attributed quote. */
function continuesSpeech(text: string, item: Item, prev: Item | undefined): boolean {
  if (!prev || prev.lastBlock !== item.firstBlock || !prev.own || !prev.attribution?.cue || !prev.attribution.mention) return false;
  const gap = text.slice(prev.parts[prev.parts.length - 1].end, item.parts[0].start);
  return prev.attribution.end <= item.parts[0].start && /^[\s.]*$/.test(text.slice(prev.attribution.end, item.parts[0].start)) && gap.length <= 250;
}

/** “Get out” and “Be nice”: two quotes joined by nothing but "and" or "or". */
function coordinated(text: string, prev: Item, item: Item): boolean {
  const gap = text.slice(prev.parts[prev.parts.length - 1].end, item.parts[0].start);
  // Not a list's end ("“A,” “B” and “C”") nor titles: those are names, not sayings.
  return /^\s+(?:and|or)\s+$/.test(gap) && !prev.titleLike && !item.titleLike && !/,\s*$/.test(text.slice(Math.max(0, prev.parts[0].start - 4), prev.parts[0].start));
}

/** “A,” “B” and a “C”: two quotes next to each other in a list. */
function listed(text: string, prev: Item, item: Item): boolean {
  const gap = text.slice(prev.parts[prev.parts.length - 1].end, item.parts[0].start);
  return /^,?\s+(?:(?:and|or)\s+)?(?:(?:a|an)\s+)?$/i.test(gap) || /^\s*,\s*$/.test(gap);
}

function wordCount(text: string, parts: QuotePart[]): number {
  let n = 0;
  for (const p of parts) n += text.slice(p.innerStart, p.innerEnd).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return n;
}

/**
 * A paragraph that is nothing but a quotation in single marks (in a text that quotes in double
 * marks) or in capitals is a subheading: headline style sets a phrase in single quotes
 * (‘A really tough decision.’, “DIVISIVE, STUPID AND WRONG”). It titles a section; it is not speech.
 */
function isSubheading(text: string, blocks: Block[], item: Item, singleIsSecondary: () => boolean): boolean {
  if (item.parts.length !== 1 || item.firstBlock !== item.lastBlock) return false;
  const p = item.parts[0];
  const block = blocks[item.firstBlock];
  if (p.start !== block.start || !/^[\s.]*$/.test(text.slice(p.end, block.end))) return false;
  const inner = text.slice(p.innerStart, p.innerEnd);
  const single = p.innerStart - p.start === 1 && (text[p.start] === '\u2018' || text[p.start] === "'");
  return (single && singleIsSecondary()) || (inner === inner.toUpperCase() && /\p{Lu}{3}/u.test(inner));
}

/** Determiners before a noun phrase: "the", "a", possessive pronouns, quantifiers. */
const LABEL_DETERMINER = /(?:^|[\s(])(?:the|a|an|its|her|his|their|our|my|your|these|those|some|any|no|every|each)\s*$/i;
/** Words after a quoted phrase that show it is not a noun's modifier: verbs, prepositions, conjunctions, pronouns. */
const NOT_A_NOUN = /^\s+(?:is|was|are|were|has|had|have|and|or|but|nor|to|that|which|who|whom|whose|in|on|of|for|with|as|at|by|from|into|onto|over|under|about|after|before|during|since|until|against|among|through|toward|towards|across|despite|amid|without|within|per|than|said|says|because|if|when|while|would|will|could|can|should|may|might|must|did|does|do|be|been|being|he|she|they|it|we|i|you|so|yet|then|too|also)\b/;
const LABEL_MAX_WORDS = 4;

/**
 * A short quoted phrase between a determiner and a lower-case noun modifies that noun: the “Never
 * Trump” movement, a “stand down” order, her “clawback” plan. It names or labels something; it is
 * not reported speech, whatever verb the sentence has.
 */
function isLabel(text: string, item: Item): boolean {
  if (item.opensSentence || item.parts.length !== 1 || !item.parts[0].closed) return false;
  const p = item.parts[0];
  const inner = text.slice(p.innerStart, p.innerEnd);
  if (inner.trim().split(/\s+/).length > LABEL_MAX_WORDS || /[,.!?;:\u2026\u2014\u2013-]\s*$/.test(inner)) return false;
  const after = text.slice(p.end, p.end + 30);
  // A participle after it ("the “persons” residing in a state") goes with the quoted noun, not a head noun.
  return LABEL_DETERMINER.test(text.slice(Math.max(0, p.start - 30), p.start)) && /^\s+\p{Ll}+\b/u.test(after) && !NOT_A_NOUN.test(after) && !/^\s+\p{Ll}+ing\b/u.test(after);
}

/**
 * “Met accused of whitewashing baby Jesus,” by the Post’s Kathianne Boniello: a title followed by a
 * comma and its byline names a written work (an article, a book), not words someone said.
 */
function isBylined(text: string, item: Item): boolean {
  const last = item.parts[item.parts.length - 1];
  if (!last.closed) return false;
  const inner = text.slice(last.innerStart, last.innerEnd).trimEnd();
  const after = text.slice(last.end, last.end + 40);
  // "the “ugliness of utterances,” by Trump" is a passive's agent after a noun phrase, not a byline.
  if (LABEL_DETERMINER.test(text.slice(Math.max(0, item.parts[0].start - 30), item.parts[0].start))) return false;
  return (inner.endsWith(',') || after.startsWith(',')) && /^,?\s+by\s+(?:the\s+)?\p{Lu}/u.test(after);
}

/** Titles and slogans whose words are the sentence subject's (not a sign's or a screen's: "reading"). */
const REPRODUCED_BY_SUBJECT = /\b(?:titled|entitled|slogan|(?:chants?|cries|shouts|calls|chorus|cheers)\s+of)[,:]?\s*$/i;

/** Words that introduce the text of a title, sign, slogan, message or chant: what follows is quoted wording. */
const WRITTEN_WORDS = /\b(?:titled|entitled|reading|reads|read|slogan|(?:chants?|cries|shouts|calls|chorus|cheers)\s+of)[,:]?\s*$/i;

function keep(text: string, item: Item, prev: Item | undefined, next: Item | undefined): boolean {
  const words = wordCount(text, item.parts);
  if (words === 0) return false;
  if (isBylined(text, item)) return false;
  // “titled ‘...’”, “a sign reading ‘...’”, “the slogan ‘...’”, “chants of ‘...’”: words reproduced, however short.
  if (WRITTEN_WORDS.test(text.slice(Math.max(0, item.parts[0].start - 30), item.parts[0].start))) return true;
  const attributed = item.own && Boolean(item.attribution?.cue);
  if (item.opensSentence) return attributed || item.afterColon || words >= MIN_SENTENCE_QUOTE_WORDS || continuesSpeech(text, item, prev);
  if (isLabel(text, item)) return false;
  // Inside a sentence: titles of shows and books are not speech, even next to a verb.
  if (item.titleLike && words <= MAX_TITLE_WORDS && (!item.speechCue || item.showTitle)) return false;
  if (item.showTitle && words <= MAX_WORK_TITLE_WORDS && WORK_NOUN.test(text.slice(Math.max(0, item.parts[0].start - 40), item.parts[0].start))) return false;
  if (attributed || words >= MIN_UNATTRIBUTED_WORDS) return true;
  if (!item.cueInSentence) return false;
  if (words > MAX_BORROWED_WORDS) return true;
  // One or two words need a cue right next to them or a place in a series of quotes (called him a “liar,” a “bully” and “weak”).
  return item.speechCue || item.cueBefore || item.speechBefore || (prev !== undefined && listed(text, prev, item)) || (next !== undefined && listed(text, item, next));
}
