import { english } from '../text/english.js';
import { cueOf, phrasalCue, type CueWord } from './cues.js';
import { AUXILIARIES, PREPOSITIONS, PRONOUNS, boundedPhrase, isAdverb, isDeterminer, subjectBefore, tokenize, type Mention, type Tok } from './mentions.js';
import type { QuoteCue } from './types.js';

// Finding who a quote is attributed to: the cue and the speaker mention next to a quote's marks.
// Rules, in the order they are tried by the caller:
//  after a closing mark:  “...,” X said / “...,” said X / “...,” X, the spokeswoman, told Y / “...,” according to X
//  before an opening mark: X said: “...” / X said that “...” / According to X, “...” / X called it “...”
//  a previous sentence:   X accused them of abuses. These included “...”

export interface Attribution {
  cue: QuoteCue | null;
  mention: Mention | null;
  /** End of the attribution clause (for split quotes: the next part must start right after it). */
  end: number;
  /**
   * “...,” Walker said, according to an AP account: the reported speech runs on to here (the comma
   * before "according to"), as the account is the source.
   */
  reportedEnd?: number;
}

/** Words that may stand between a cue and its speaker: "said Tuesday Mr. X" is rare, "said Tuesday." common. */
const TIME_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight', 'recently',
  'later', 'earlier', 'again', 'then', 'also', 'once', 'last', 'this', 'week', 'month', 'year', 'morning', 'evening', 'night',
]);
// Cues whose object follows them: "told reporters", "asked him", not the speaker.
const OBJECT_CUES = new Set(['tell', 'inform', 'instruct', 'advise', 'assure', 'urge', 'beg', 'implore', 'call', 'describe', 'dub', 'label', 'term', 'criticize', 'criticise', 'blast', 'slam', 'praise', 'attack', 'accuse', 'mock', 'defend', 'pan', 'laud', 'hail', 'dismiss', 'reject', 'know', 'see', 'want', 'hope', 'fear', 'worry', 'feel', 'think', 'believe', 'put', 'go']);

const ABBREVIATIONS = english.abbreviations;
/** How many tokens before the quote a weak cue ("calls the centres ... “...”") may stand. */
const WEAK_CUE_REACH = 12;
const DASHES = new Set(['\u2014', '\u2013', '\u2015', '-', '--']);

/** True when toks[i] ends a sentence (a dot after an abbreviation or an initial does not). */
export function endsSentence(toks: Tok[], i: number): boolean {
  const t = toks[i].text;
  if (t === '!' || t === '?' || t === ';') return true;
  if (t !== '.') return false;
  const prev = toks[i - 1];
  if (!prev || !prev.word || prev.end !== toks[i].start) return true;
  if (prev.text.length === 1 && prev.cap) return false; // initial: "Barry R. McCaffrey"
  const lower = prev.lower;
  if (ABBREVIATIONS.has(lower) || ABBREVIATIONS.has(lower.replace(/-/g, '.'))) return false;
  if (/^[a-z]-[a-z.]+$/i.test(prev.text)) return false; // party-state tags: R-Fla., D-N.J.
  return true;
}

/** The cue at toks[i], one word ("said") or two ("shot back"), with the index of its last token. */
function cueAt(toks: Tok[], i: number): { cue: CueWord; last: number } | null {
  const phrasal = phrasalCue(toks[i].text, toks[i + 1]?.text);
  if (phrasal) return { cue: phrasal, last: i + 1 };
  const cue = cueOf(toks[i].text);
  return cue ? { cue, last: i } : null;
}

function cueRange(toks: Tok[], i: number, lemma: string, lastToken = i): QuoteCue {
  return { start: toks[i].start, end: toks[lastToken].end, verb: lemma };
}

/**
 * Attribution written after a closing mark, in text[from, limit): the clause up to the sentence's
 * end. After a quote that ended its own sentence only a short "X said" clause counts.
 */
export function attributionAfter(text: string, from: number, limit: number, quoteEndsSentence = false): Attribution | null {
  const toks = tokenize(text, from, Math.min(limit, from + 400));
  let n = toks.length;
  for (let i = 0; i < toks.length; i++) {
    if (endsSentence(toks, i)) {
      n = i + 1;
      break;
    }
  }
  const end = n > 0 ? toks[n - 1].end : from;
  let i0 = 0;
  let dashed = false;
  while (i0 < n && !toks[i0].word) {
    if (toks[i0].text !== ',' && !DASHES.has(toks[i0].text)) return null;
    dashed ||= DASHES.has(toks[i0].text);
    i0++;
  }
  if (i0 >= n) return null;
  // “Why not?” a narrator asks. — after "?" or "!" a lower-case word goes on with the same sentence.
  if (quoteEndsSentence && toks[i0].word && !toks[i0].cap) quoteEndsSentence = false;
  // “...” ― Jane Roe: a signature line after a dash, with no verb.
  if (dashed && text.slice(from, toks[i0].start).trim().length <= 2) {
    const lineEnd = text.indexOf('\n', toks[i0].start);
    const stop = lineEnd < 0 ? n : toks.findIndex((t) => t.start >= lineEnd);
    const m = boundedPhrase(text, toks, i0, stop < 0 ? n : Math.min(stop, n));
    if (m && m.kind === 'name' && !toks.slice(i0, stop < 0 ? n : stop).some((t) => cueOf(t.text))) return { cue: null, mention: m, end };
  }
  if (toks[i0].lower === 'according' && toks[i0 + 1]?.lower === 'to') {
    const mention = boundedPhrase(text, toks, i0 + 2, clauseEnd(toks, i0 + 2, n));
    return { cue: cueRange(toks, i0, 'according to', i0 + 1), mention, end };
  }
  for (let i = i0; i < Math.min(n, i0 + 90); i++) {
    const tok = toks[i];
    if (!tok.word) continue;
    // Past the first 40 words only the run-on rule below may still find a speaker.
    const far = i - i0 >= 40;
    // Cues are written in lower case after a quote ("said Smith"); "State spokesman ..." is no cue.
    const found = tok.cap ? null : cueAt(toks, i);
    const cue = found?.cue;
    const last = found?.last ?? i;
    if (!cue || (!cue.strong && i - i0 > 8) || nounCue(toks, i, cue.lemma)) continue;
    if (far && boundedPhrase(text, toks, i0, i) === null) {
      const subject = cue.strong ? subjectBefore(text, toks, i) : null;
      if (subject && subject.kind === 'name') return { cue: cueRange(toks, i, cue.lemma, last), mention: subject, end };
      continue;
    }
    // ", suggesting that ...", ", adding ...": the sentence goes on; the speaker may come later.
    if (i === i0 && /ing$/.test(tok.lower)) continue;
    if (i === i0) {
      // "said X": the speaker follows, after time words ("said Tuesday").
      if (OBJECT_CUES.has(cue.lemma)) return { cue: cueRange(toks, i, cue.lemma, last), mention: null, end };
      let j = last + 1;
      while (j < n && TIME_WORDS.has(toks[j].lower)) j++;
      const mention = boundedPhrase(text, toks, j, clauseEnd(toks, j, n));
      return withReporter({ cue: cueRange(toks, i, cue.lemma, last), mention, end }, text, toks, last + 1, n);
    }
    let k = i;
    while (k > i0 && toks[k - 1].word && (AUXILIARIES.has(toks[k - 1].lower) || isAdverb(toks[k - 1]))) k--;
    let mention = boundedPhrase(text, toks, i0, k);
    if (!mention) {
      // A long run-on sentence (machine translation joins them): a named subject right before a later cue.
      const subject = cue.strong && i - i0 > 12 ? subjectBefore(text, toks, i) : null;
      if (!subject || subject.kind !== 'name') continue;
      mention = subject;
    }
    // “... today.” Smith said. — after a full stop only a short "X said" clause is an attribution,
    // not a new report of its own ("... campaign.” Kasich said he would have fired him").
    if (quoteEndsSentence && !toks.slice(i0, k).some((t) => t.text === ',') && k - i0 > 5) return null;
    if (quoteEndsSentence && /^(?:that|he|she|they|it|we|i|you|there|his|her|their)$/.test(toks[last + 1]?.lower ?? '')) return null;
    return withReporter({ cue: cueRange(toks, i, cue.lemma, last), mention, end }, text, toks, last + 1, n);
  }
  return null;
}

/**
 * A signature line under a quoted passage, "Dean Baker, Center for Economic and Policy Research.":
 * a name (with an optional affiliation after a comma) and no verb. Null when the line is not one.
 */
export function signatureLine(text: string, from: number, to: number): Attribution | null {
  const line = text.slice(from, to).trim();
  if (!SIGNATURE.test(line)) return null;
  const toks = tokenize(text, from, to);
  const comma = toks.findIndex((t) => t.text === ',');
  const nameEnd = comma < 0 ? toks.length : comma;
  if (toks.slice(0, nameEnd).some((t) => t.word && cueOf(t.text) && !t.cap)) return null;
  const mention = boundedPhrase(text, toks, 0, nameEnd);
  return mention && mention.kind === 'name' ? { cue: null, mention, end: to } : null;
}
/** Two to five capitalized words, then maybe ", affiliation", and a full stop at most. */
const SIGNATURE = /^\p{Lu}[\p{L}.'\u2019-]*(?:\s+\p{Lu}[\p{L}.'\u2019-]*){1,4}(?:,\s*[^\n.!?]{1,100})?\.?$/u;

/**
 * "“...,” Walker said, according to an Associated Press account.": the quote is the account's
 * (as PolNeAR attributes it), the source after "according to" in the rest of the clause.
 */
function withReporter(attribution: Attribution, text: string, toks: Tok[], from: number, n: number): Attribution {
  for (let i = from; i < n - 2; i++) {
    if (toks[i].lower !== 'according' || toks[i + 1].lower !== 'to' || toks[i - 1]?.text !== ',') continue;
    const reporter = boundedPhrase(text, toks, i + 2, clauseEnd(toks, i + 2, n));
    if (reporter) return { ...attribution, mention: reporter, reportedEnd: toks[i - 1].start };
  }
  return attribution;
}

/**
 * A cue in its base form after a determiner is a noun: "a verbal attack", "the jobs report",
 * "Trump's answer" — no verb, no speaker.
 */
export function nounCue(toks: Tok[], i: number, lemma: string): boolean {
  if (toks[i].lower !== lemma || lemma === 'read' || lemma === 'put') return false;
  for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
    const t = toks[k];
    if (!t.word) return false;
    if (isDeterminer(t) || /['\u2019]s$/.test(t.text)) return !/^(?:they|we|you|i)$/.test(toks[k + 1]?.lower ?? '');
    if (t.cap || AUXILIARIES.has(t.lower) || /^(?:to|they|we|you|i|who|that|which)$/.test(t.lower)) return false;
  }
  return false;
}

/** End of the phrase after a cue: the sentence's end, or a relative clause / participle. */
function clauseEnd(toks: Tok[], from: number, n: number): number {
  let commas = 0;
  for (let i = from; i < n; i++) {
    const t = toks[i];
    if (t.text === '.' && endsSentence(toks, i)) return i;
    if (t.text === ',' && ++commas === 2) return i;
    if (t.word && !t.cap && i > from && /^(?:who|which|that|when|while|in|on|at|during|after|before|because|as|adding|saying|noting|referring|according|to|about)$/.test(t.lower) && commas === 0) return i;
    // "said Del. Stacey Plaskett of the Virgin Islands", "wrote Cameron Easley for Morning Consult".
    if ((t.lower === 'of' || t.lower === 'for') && i > from + 1 && toks[i - 1].cap && toks[i - 2].cap && commas === 0) return i;
  }
  return n;
}

/**
 * Attribution written before an opening mark, in text[from, to) (the sentence so far):
 * "X said:", "X said that", "According to X,", "X, the spokeswoman, told reporters".
 */
export function attributionBefore(text: string, from: number, to: number, insideQuote: (pos: number) => boolean = () => false): Attribution | null {
  const toks = tokenize(text, Math.max(from, to - 500), to);
  const n = toks.length;
  if (n === 0) return null;
  let weak: Attribution | null = null;
  for (let i = n - 1; i >= 0 && i >= n - 45; i--) {
    const tok = toks[i];
    if (!tok.word || insideQuote(tok.start)) continue;
    if (tok.lower === 'according' && toks[i + 1]?.lower === 'to') {
      const mention = boundedPhrase(text, toks, i + 2, clauseEnd(toks, i + 2, n));
      return { cue: cueRange(toks, i, 'according to', i + 1), mention, end: to };
    }
    const found = tok.cap && i > 0 && !endsSentence(toks, i - 1) ? null : cueAt(toks, i);
    const cue = found?.cue;
    const last = found?.last ?? i;
    if (!cue || nounCue(toks, i, cue.lemma)) continue;
    // A weak cue ("called it", "described as") only counts close to the quote, and a strong cue
    // further back in the sentence wins unless the weak one stands right before the quote.
    if (!cue.strong) {
      if (weak || n - i > WEAK_CUE_REACH) continue;
      weak = { cue: cueRange(toks, i, cue.lemma), mention: subjectBefore(text, toks, i) ?? governingSubject(text, toks, i), end: to };
      if (n - i <= 3) return weak;
      continue;
    }
    // ", saying “...”" / "smiled and said, “...”": the cue shares the subject of the sentence's main verb.
    const shared = i > 0 && (toks[i - 1].text === ',' || toks[i - 1].lower === 'and') && (/ing$/.test(tok.lower) || toks[i - 1].lower === 'and');
    let mention = (shared ? clauseSubject(text, toks, i, insideQuote) : null) ?? subjectBefore(text, toks, i) ?? governingSubject(text, toks, i, insideQuote);
    // "X issued a statement Tuesday saying": a participle after a verb's object is the verb's subject's
    // ("footage of Trump saying", "with one of her ads asking" keep the phrase before them).
    if (mention && !shared && /ing$/.test(tok.lower) && mention.kind !== 'name' && mention.kind !== 'pronoun') {
      const m = mention;
      const before = toks.findIndex((t) => t.start === m.start) - 1;
      const verb = toks[before];
      if (verb?.word && !verb.cap && !/^(?:with|of|as|and|by|from)$/.test(verb.lower)) mention = clauseSubject(text, toks, i, insideQuote) ?? mention;
    }
    if (!mention && !OBJECT_CUES.has(cue.lemma) && (i === 0 || !toks[i - 1].word)) {
      // "..., said Hua: “" — the speaker after the cue.
      mention = boundedPhrase(text, toks, last + 1, clauseEnd(toks, last + 1, n));
    }
    return { cue: cueRange(toks, i, cue.lemma, last), mention, end: to };
  }
  if (weak) return weak;
  if (toks[n - 1].text === ':') {
    // "More from Carl Bialik: “": a name right before the colon.
    let k = n - 1;
    while (k > 0 && (toks[k - 1].cap || toks[k - 1].text === '.')) k--;
    const named = k < n - 1 ? boundedPhrase(text, toks, k, n - 1) : null;
    if (named && named.kind === 'name') return { cue: null, mention: named, end: to };
    // "Cruz continued:" without a known cue: a short sentence's subject introduces the quote.
    let start = n - 1;
    while (start > 0 && !endsSentence(toks, start - 1)) start--;
    const mention = n - start <= 8 ? sentenceSubject(text, toks.slice(start)) : null;
    if (mention) return { cue: null, mention, end: to };
    // "..., President Obama is rolling out a new message: “”": a named subject announces it.
    const subject = clauseSubject(text, toks, n - 1, insideQuote);
    if (subject?.kind === 'name' || subject?.kind === 'pronoun') return { cue: null, mention: subject, end: to };
  }
  return null;
}

/**
 * The subject of a cue that has none right before it: "they were told to chant", "China responded
 * by claiming", "Smith went on to say" — the subject of the clause the cue depends on.
 */
function governingSubject(text: string, toks: Tok[], i: number, insideQuote: (pos: number) => boolean = () => false): Mention | null {
  const prev = toks[i - 1];
  if (!prev || !prev.word) return null;
  if (prev.lower === 'to') {
    // skip the governing verb and its auxiliaries: "were told to", "wants to", "went on to"
    let j = i - 2;
    if (j >= 0 && toks[j].lower === 'on') j--;
    if (j < 0 || !toks[j].word || toks[j].cap) return null;
    return subjectBefore(text, toks, j);
  }
  if (/ing$/.test(toks[i].lower) && /^(?:by|while|after|before|when|in)$/.test(prev.lower)) return clauseSubject(text, toks, i - 1, insideQuote);
  return null;
}

/**
 * The subject of the sentence that runs up to `to` (from `from`, its start or earlier): who wrote or
 * voiced words a sentence reproduces without a speech verb ("Nixon ran on the slogan “...”").
 */
export function subjectOfSentence(text: string, from: number, to: number, insideQuote: (pos: number) => boolean = () => false): Mention | null {
  const toks = tokenize(text, Math.max(from, to - 500), to);
  return toks.length > 1 ? clauseSubject(text, toks, toks.length - 1, insideQuote) : null;
}

/** The author in a byline right after a title: "“How to Foster Investment” by Neera Tanden and Blair Effron." */
export function bylineAfter(text: string, from: number, limit: number): Mention | null {
  const toks = tokenize(text, from, Math.min(limit, from + 200));
  let i = 0;
  if (toks[i]?.text === ',') i++;
  if (toks[i]?.lower !== 'by') return null;
  let j = i + 1;
  while (j < toks.length && (toks[j].cap || toks[j].lower === 'and' || toks[j].text === '.' && toks[j - 1].text.length === 1) && !(toks[j].text === '.' && endsSentence(toks, j))) j++;
  const mention = j > i + 1 ? boundedPhrase(text, toks, i + 1, j) : null;
  return mention && (mention.kind === 'name' || mention.members) ? mention : null;
}

/** Sentence openers that are no subject: "And", "But", "So". */
const OPENERS = /^(?:and|but|so|yet|still|then|now|meanwhile|however|instead|indeed|also)$/;

/**
 * The subject of the sentence holding toks[i], for a cue that shares it ("Sanders stepped up his
 * attacks, saying"): after a leading adverbial ("On Tuesday,", "When asked ...,") and a conjunction.
 */
function clauseSubject(text: string, toks: Tok[], i: number, insideQuote: (pos: number) => boolean): Mention | null {
  let start = i;
  // A sentence also ends at a quote's closing mark after a full stop: '... responsibility." She ...'.
  while (start > 0 && !endsSentence(toks, start - 1) && !(start > 1 && /^["'\u201D\u2019]+$/.test(toks[start - 1].text) && /^[.!?]$/.test(toks[start - 2].text))) start--;
  // "..., Spicer said, adding, “": the subject of the nearest cue before it.
  let commas = 0;
  for (let k = i - 1; k > start; k--) {
    const tok = toks[k];
    // Only the clause right before: "when I asked him ..., he looked up and said" is not "I".
    if (tok.text === ',' && ++commas > 2) break;
    const cue = tok.word && !tok.cap && !insideQuote(tok.start) ? cueOf(tok.text) : null;
    if (!cue?.strong || nounCue(toks, k, cue.lemma)) continue;
    const subject = subjectBefore(text, toks, k, start);
    if (subject) return subject;
    if (!toks[k - 1].word && !OBJECT_CUES.has(cue.lemma)) return boundedPhrase(text, toks, k + 1, clauseEnd(toks, k + 1, i));
    break; // "When asked whom she supported, X smiled and said": the sentence's subject
  }
  while (start < i && (!toks[start].word || OPENERS.test(toks[start].lower))) {
    if (!toks[start].word && insideQuote(toks[start].start)) return null;
    start++;
  }
  if (start >= i || insideQuote(toks[start].start)) return null;
  const first = toks[start];
  // A leading adverbial phrase ends at the first comma.
  if (PREPOSITIONS.has(first.lower) || NOT_NAMES_LEAD.test(first.lower) || /ing$|ed$/.test(first.lower) || /^(?:later|earlier|ago)$/.test(toks[start + 1]?.lower ?? '')) {
    let c = start;
    // "On July 6, 2015, Sanders ...": the year belongs to the date.
    while (c < i && (toks[c].text !== ',' || /^\d{4}$/.test(toks[c + 1]?.text ?? ''))) c++;
    if (c >= i - 1 || toks.slice(start, c).some((t) => insideQuote(t.start))) return null;
    start = c + 1;
  }
  return sentenceSubject(text, toks.slice(start, i));
}

/** Words that open an adverbial phrase rather than a subject. */
const NOT_NAMES_LEAD = /^(?:here|there|later|earlier|last|this|then|back|ever|soon|shortly|long|just|even|already|far|outside|inside|nearby|elsewhere|overall|separately|asked|speaking|addressing|writing|after|before|when|while|during|since|although|though|despite|like|unlike|amid|following|in|on|at|for|from|with|as|by|under|over|instead|if|once|until|upon|within|without|throughout|according|today|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

/** The phrase a sentence opens with, when it is a name, pronoun or title. */
function sentenceSubject(text: string, toks: Tok[]): Mention | null {
  let i = 0;
  while (i < toks.length && !toks[i].word) i++;
  // Extend over the phrase: capitalized words, or a determiner and its nouns, up to the first verb-like word.
  // "he sounded a rare note": a pronoun before its verb.
  if (i + 1 < toks.length && PRONOUNS.has(toks[i].lower) && toks[i].lower !== 'it' && toks[i + 1].word && !toks[i + 1].cap) return boundedPhrase(text, toks, i, i + 1);
  let j = i;
  const determined = j < toks.length && isDeterminer(toks[j]);
  if (determined) j++;
  // A name is its capitalized words; a determiner-led phrase takes a few more ("the Russian leader").
  while (j < toks.length && (toks[j].word || toks[j].text === '.') && (toks[j].cap || toks[j].text === '.' || (determined && j - i < 5 && !/ed$/.test(toks[j].lower))) && cueOf(toks[j].text) === null && !AUXILIARIES.has(toks[j].lower)) j++;
  if (j === i) return null;
  return boundedPhrase(text, toks, i, j);
}

/**
 * The speaker of the nearest sentence before `to` (from `from` on) that has a cue with a subject
 * ("Pompeo accused the government of abuses."): for a quote paragraph with no cue of its own.
 */
export function previousSpeaker(text: string, from: number, to: number, insideQuote: (pos: number) => boolean): Attribution | null {
  const toks = tokenize(text, Math.max(from, to - 600), to);
  for (let i = toks.length - 1; i >= 0; i--) {
    const tok = toks[i];
    if (!tok.word || insideQuote(tok.start)) continue;
    const cue = cueOf(tok.text);
    if (!cue || !cue.strong || tok.cap || nounCue(toks, i, cue.lemma)) continue;
    const mention = subjectBefore(text, toks, i);
    if (mention && !insideQuote(mention.start)) return { cue: null, mention, end: to };
  }
  return null;
}
