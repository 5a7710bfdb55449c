import { english } from '../text/english.js';
import type { SpeakerKind } from './types.js';

// Word tokens of a short window and the noun phrases that name a speaker: a name ("Sen. Marco
// Rubio"), a pronoun ("she"), a title ("the Foreign Ministry spokeswoman") or an organisation
// ("the Commerce Department"). Only local windows are tokenized, never a whole article.

export interface Tok {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Word (letters or digits) rather than punctuation. */
  word: boolean;
  /** Starts with an upper-case letter. */
  cap: boolean;
}

/** A speaker mention as found in the text, before resolution. */
export interface Mention {
  start: number;
  end: number;
  text: string;
  kind: SpeakerKind;
  role: string | null;
  /** Singular person ("she", a name, "the spokeswoman") rather than a group or organisation. */
  person: boolean;
  gender: 'f' | 'm' | null;
  /** The people of a coordinated mention: "Sen. Marco Rubio, R-Fla., and Rep. Chris Smith". */
  members?: Mention[];
}

const TOKEN = /[\p{L}\p{N}]+(?:['\u2019\-.&][\p{L}\p{N}]+)*|\S/gu;
const UPPER = /^\p{Lu}/u;

export function tokenize(text: string, start: number, end: number): Tok[] {
  const toks: Tok[] = [];
  const slice = text.slice(start, end);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    const t = m[0];
    const word = /[\p{L}\p{N}]/u.test(t[0]);
    toks.push({ start: start + m.index, end: start + m.index + t.length, text: t, lower: t.toLowerCase(), word, cap: word && UPPER.test(t) });
  }
  return toks;
}

export const PRONOUNS: ReadonlyMap<string, { person: boolean; gender: 'f' | 'm' | null }> = new Map([
  ['he', { person: true, gender: 'm' }],
  ['she', { person: true, gender: 'f' }],
  ['i', { person: true, gender: null }],
  ['they', { person: false, gender: null }],
  ['we', { person: false, gender: null }],
  ['it', { person: false, gender: null }],
  ['you', { person: true, gender: null }],
]);

// Honorifics and titles written before a name (with or without a dot).
const HONORIFICS = new Set([
  ...(english.titles ?? []),
  'president', 'senator', 'governor', 'secretary', 'ambassador', 'minister', 'chancellor', 'speaker', 'judge',
  'justice', 'mayor', 'general', 'colonel', 'professor', 'rabbi', 'father', 'pastor', 'sheriff', 'chairman',
  'chairwoman', 'premier', 'king', 'queen', 'prince', 'princess', 'pope', 'bishop', 'cardinal', 'representative',
  'congressman', 'congresswoman', 'commissioner', 'director', 'officer', 'detective', 'lieutenant', 'sergeant',
  'captain', 'admiral', 'attorney', 'coach', 'dean', 'chief', 'leader', 'spokesman', 'spokeswoman', 'spokesperson',
  'vice', 'deputy', 'former', 'first', 'lady', 'state', 'sir', 'dame', 'lord', 'madam', 'gov', 'lt', 'atty',
]);
const FEMALE_HONORIFICS = new Set(['mrs', 'ms', 'miss', 'madam', 'lady', 'queen', 'princess', 'dame', 'congresswoman', 'chairwoman', 'spokeswoman']);
const MALE_HONORIFICS = new Set(['mr', 'sir', 'lord', 'king', 'prince', 'father', 'congressman', 'chairman', 'spokesman', 'rabbi', 'pope']);
// Role nouns that tell the gender of the person they describe.
const FEMALE_NOUNS = /\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|woman|wife|mother|daughter|sister|grandmother|girl|actress|widow|queen|princess|lady|mrs|ms)\b/i;
const MALE_NOUNS = /\b(?:spokesman|chairman|congressman|businessman|man|husband|father|son|brother|grandfather|boy|actor|widower|king|prince|mr)\b/i;
// Courtesy titles say nothing about a role: "Mr.", "Ms.".
const COURTESY = /^(?:mr|mrs|ms|miss|messrs|\.)\.?$/i;
const NAME_PARTICLES = new Set(['de', 'da', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'van', 'von', 'bin', 'al', 'el', 'ibn', 'st', 'y', 'dos', 'das', 'ter', 'ten']);
// Head words of organisations: "the Commerce Department", "Foreign Ministry", "the White House".
const ORG_WORDS = /^(?:department|ministry|committee|commission|council|agency|office|bureau|administration|house|party|government|campaign|court|senate|congress|parliament|assembly|association|union|university|college|institute|foundation|center|centre|group|company|corporation|corp|inc|co|times|post|news|journal|press|network|television|tv|radio|magazine|reuters|ap|afp|cnn|bbc|fbi|cia|nsa|pentagon|kremlin|police|army|navy|military|force|forces|service|services|board|authority|authorities|bank|fund|organization|organisation|coalition|alliance|movement|team|club|league|federation|embassy|consulate|state|states|nations|firm|agency|outlet|newspaper|paper|channel|site|website|blog|tribune|herald|gazette|daily|weekly|review|politico|breitbart|huffpost|nyt|twitter|facebook|google|apple|microsoft|amazon)$/i;
const DETERMINERS = new Set(['the', 'a', 'an', 'one', 'another', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'some', 'many', 'several', 'two', 'three', 'four', 'five', 'both', 'other', 'most', 'few', 'each', 'every', 'no']);
// Capitalized words that start sentences or clauses but are not names.
const NOT_NAMES = new Set([
  ...(english.sentenceStarters ?? []),
  'and', 'or', 'but', 'yes', 'no', 'so', 'if', 'as', 'then', 'thus', 'still', 'asked', 'meanwhile', 'instead',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may',
  'june', 'july', 'august', 'september', 'october', 'november', 'december', 'today', 'tonight', 'yesterday', 'tomorrow',
  'later', 'earlier', 'speaking', 'writing', 'according', 'although', 'because', 'when', 'where', 'while', 'after', 'before',
  'during', 'since', 'until', 'unless', 'though', 'even', 'just', 'only', 'also', 'indeed', 'now', 'here', 'there', 'what',
  // Adverbs that open a sentence before its subject: "Back in 1999, Mr. Trump ...", "Ever since ...".
  'back', 'ever', 'soon', 'already', 'again', 'perhaps', 'maybe', 'long', 'far', 'well', 'together', 'shortly', 'hours',
  'days', 'weeks', 'months', 'years', 'minutes', 'moments', 'once', 'twice', 'last', 'next', 'first', 'finally',
  'outside', 'inside', 'nearby', 'elsewhere', 'overall', 'separately',
]);

export function isHonorific(tok: Tok): boolean {
  if (tok.text === '.') return false;
  return HONORIFICS.has(tok.lower.replace(/\.$/, ''));
}

export function isOrgWord(word: string): boolean {
  return ORG_WORDS.test(word);
}

export function isDeterminer(tok: Tok): boolean {
  return DETERMINERS.has(tok.lower);
}

/** A capitalized token that can be part of a name (not "The", "But", "Monday"). */
export function isNameToken(tok: Tok): boolean {
  if (!tok.cap) return false;
  if (NOT_NAMES.has(tok.lower)) return false;
  return true;
}

function genderOf(words: string, honorific: string | null): 'f' | 'm' | null {
  if (honorific) {
    const h = honorific.toLowerCase().replace(/\.$/, '');
    if (FEMALE_HONORIFICS.has(h)) return 'f';
    if (MALE_HONORIFICS.has(h)) return 'm';
  }
  if (FEMALE_NOUNS.test(words)) return 'f';
  if (MALE_NOUNS.test(words)) return 'm';
  return null;
}

/** Joins tokens back into their original text. */
export function spanText(text: string, toks: Tok[], from: number, to: number): string {
  if (from >= to) return '';
  return text.slice(toks[from].start, toks[to - 1].end);
}

/**
 * The noun phrase filling toks[from, to) entirely (the words between a closing quote mark and its
 * cue, or between a cue and the end of its clause): "Hua Chunying, a Foreign Ministry spokeswoman",
 * "the Russian leader", "foreign ministry spokesman Geng Shuang", "she". Null when it does not look
 * like one (too long, a clause, a verb inside).
 */
export function boundedPhrase(text: string, toks: Tok[], from: number, to: number): Mention | null {
  while (from < to && !toks[from].word && toks[from].text !== '(') from++;
  while (to > from && !toks[to - 1].word && toks[to - 1].text !== ')' && toks[to - 1].text !== '.') to--;
  if (from >= to) return null;
  const coordinated = coordination(text, toks, from, to);
  if (coordinated) return coordinated;
  return singlePhrase(text, toks, from, to);
}

/** "X, R-Fla., and Rep. Y" / "X and Y": two names sharing one cue. */
function coordination(text: string, toks: Tok[], from: number, to: number): Mention | null {
  const and = toks.findIndex((t, i) => i > from && i < to - 1 && t.lower === 'and');
  if (and < 0) return null;
  const left = singlePhrase(text, toks, from, and);
  const right = singlePhrase(text, toks, and + 1, to);
  if (!left || !right || left.kind !== 'name' || right.kind !== 'name') return null;
  return { start: left.start, end: right.end, text: text.slice(left.start, right.end), kind: 'name', role: null, person: false, gender: null, members: [left, right] };
}

function singlePhrase(text: string, toks: Tok[], from: number, to: number): Mention | null {
  while (from < to && !toks[from].word && toks[from].text !== '(') from++;
  while (to > from && !toks[to - 1].word && toks[to - 1].text !== ')' && toks[to - 1].text !== '.') to--;
  if (from >= to) return null;
  // An appositive after the head: "X, a spokeswoman for Y," / "X (R-Fla.)".
  let headEnd = to;
  for (let i = from; i < to; i++) {
    if (toks[i].text === ',' || toks[i].text === '(' || toks[i].text === '\u2014' || toks[i].text === '\u2013') {
      headEnd = i;
      break;
    }
  }
  if (headEnd === from) return null;
  const head = headPhrase(text, toks, from, headEnd);
  if (!head) return null;
  if (headEnd < to) {
    let roleEnd = to;
    for (let i = headEnd + 1; i < to; i++) {
      if (toks[i].text === ',' || toks[i].text === ')' || toks[i].text === '\u2014' || toks[i].lower === 'who' || toks[i].lower === 'which') {
        roleEnd = i;
        break;
      }
    }
    // "the mayor, Ines Varga,": a title named by its appositive is that person, the title their role.
    const named = appositiveName(text, toks, head, from, headEnd, headEnd + 1, roleEnd);
    if (named) return named;
    const role = roleText(text, toks, headEnd + 1, roleEnd);
    if (role) head.role = head.role ?? role;
    if (head.gender === null && role) head.gender = genderOf(role, null);
  }
  return head;
}

/**
 * "secretary of state Hillary Clinton": the phrase toks[.., to) ends in a name of two or more words
 * right after a lower-case word (past the complement at `ownerAt`), which titles that name.
 */
function titledName(toks: Tok[], ownerAt: number, to: number): boolean {
  let nameAt = to;
  while (nameAt > ownerAt && toks[nameAt - 1].cap) nameAt--;
  const before = toks[nameAt - 1];
  return to - nameAt >= 2 && nameAt > ownerAt + 1 && before.word && !PREPOSITIONS.has(before.lower) && !isDeterminer(before);
}

/**
 * "the mayor, Ines Varga,": a title named by its appositive is that person, the title their role.
 * Null unless the appositive toks[from, to) is a name, perhaps after a role ("actress Jamie Lee
 * Curtis"), and not a phrase that merely ends in one ("a story about fraud in Kentucky").
 */
function appositiveName(text: string, toks: Tok[], title: Mention, titleFrom: number, titleTo: number, from: number, to: number): Mention | null {
  if (title.kind !== 'title' || !title.person) return null;
  const named = headPhrase(text, toks, from, to);
  if (named?.kind !== 'name') return null;
  if (toks.slice(from, to).some((t) => t.start < named.start && t.word && english.isStopword(t.lower) && !isDeterminer(t))) return null;
  named.role = named.role ?? roleText(text, toks, titleFrom, titleTo);
  named.gender = named.gender ?? title.gender;
  return named;
}

/** Strips a leading determiner from a role: "a Foreign Ministry spokeswoman" → "Foreign Ministry spokeswoman". */
function roleText(text: string, toks: Tok[], from: number, to: number): string | null {
  while (from < to && (isDeterminer(toks[from]) || !toks[from].word)) from++;
  while (to > from && !toks[to - 1].word) to--;
  if (from >= to || to - from > 14) return null;
  return spanText(text, toks, from, to);
}

/** The head of a speaker phrase, toks[from, to) with no comma inside. */
function headPhrase(text: string, toks: Tok[], from: number, to: number): Mention | null {
  const n = to - from;
  if (n > 12) return null;
  const first = toks[from];
  if (n === 1 && PRONOUNS.has(first.lower)) {
    const p = PRONOUNS.get(first.lower)!;
    return { start: first.start, end: first.end, text: first.text, kind: 'pronoun', role: null, person: p.person, gender: p.gender };
  }
  if (first.cap && NOT_NAMES.has(first.lower) && !isDeterminer(first) && !isHonorific(first)) return null;
  // "but he denied", "as his father dreamed", "on his Facebook page": a clause or an adjunct, not a speaker.
  if (!first.cap && english.isStopword(first.lower) && !isDeterminer(first)) return null;
  // A heading in capitals; an acronym among ordinary words ("MSNBC host Chris Matthews") is fine.
  if (toks.slice(from, to).some((t) => /^\p{Lu}{5,}$/u.test(t.text)) && !toks.slice(from, to).some((t) => /\p{Ll}/u.test(t.text))) return null;
  // A verb-like lower-case word inside means this is a clause, not a phrase.
  // ("Will" before another capitalized word is a first name: "Will Doyle".)
  for (let i = from; i < to; i++) if (/^(?:is|was|are|were|has|have|had|will|would|can|could|that|which|because|if|when)$/.test(toks[i].lower) && !(toks[i].cap && toks[i + 1]?.cap && i + 1 < to)) return null;
  // "a spokeswoman for the Foreign Ministry", "the ministry of defence": a lower-case head noun
  // decides what the phrase with its complement is.
  let ownerAt = -1;
  for (let i = from + 1; i < to - 1 && ownerAt < 0; i++) {
    if (COMPLEMENT_PREPOSITIONS.has(toks[i].lower) && toks[i - 1].word && !toks[i - 1].cap && !isDeterminer(toks[i - 1])) ownerAt = i;
  }
  if (ownerAt > from && !titledName(toks, ownerAt, to)) {
    const headOnly = headPhrase(text, toks, from, ownerAt);
    if (headOnly?.kind === 'title' || headOnly?.kind === 'organisation') return { ...headOnly, end: toks[to - 1].end, text: spanText(text, toks, from, to) };
  }
  // Trailing capitalized run: "foreign ministry spokesman Geng Shuang", "Sen. Marco Rubio".
  let runStart = to;
  while (runStart > from && (toks[runStart - 1].cap || toks[runStart - 1].text === '.' || NAME_PARTICLES.has(toks[runStart - 1].lower) || (toks[runStart - 1].lower === 'of' && runStart - 2 >= from && toks[runStart - 2].cap))) runStart--;
  while (runStart < to && (toks[runStart].text === '.' || NAME_PARTICLES.has(toks[runStart].lower))) runStart++;
  const last = toks[to - 1];
  // A lone word that is never a name ("on Wednesday", "in March") is none, whatever comes before it.
  const loneNotName = to - runStart === 1 && NOT_NAMES.has(toks[runStart].lower);
  if (!loneNotName && (runStart < to && isNameToken(toks[runStart]) || (runStart < to && runStart > from))) {
    const run = trimHonorifics(toks, runStart, to);
    const honorific = run.start > runStart ? toks[runStart].text : null;
    const words = toks.slice(run.start, to).filter((t) => t.word);
    const orgLike = words.some((t) => isOrgWord(t.text)) || (words.length === 1 && /^\p{Lu}{2,}$/u.test(words[0].text) && !honorific);
    const prefix = roleText(text, toks, from, runStart);
    const honorifics = toks.slice(runStart, run.start).map((t) => t.text).filter((t) => !COURTESY.test(t));
    const prefixRole = [prefix, ...honorifics].filter(Boolean).join(' ').replace(/\s+\./g, '.').replace(/^\.+|\s*\.$/, '');
    if (orgLike) {
      return { start: toks[from].start, end: last.end, text: spanText(text, toks, from, to), kind: 'organisation', role: null, person: false, gender: null };
    }
    if (run.start < to && words.length > 0) {
      const role = prefixRole.trim() || null;
      return {
        start: toks[run.start].start,
        end: last.end,
        text: spanText(text, toks, run.start, to),
        kind: 'name',
        role,
        person: true,
        gender: genderOf(role ?? '', honorific),
      };
    }
  }
  // A determiner-led or bare lower-case phrase: "the Russian leader", "a Twitter spokesman", "officials".
  // Not one led by a participle: "drawing loud jeers", "carrying signs" go on with the sentence's verb.
  if (!first.cap && /^[a-z]+ing$/.test(first.lower) && to - from > 1) return null;
  const body = spanText(text, toks, from, to);
  if (!toks.slice(from, to).every((t) => t.word || t.text === '-' || t.text === '.' || t.text === '\u2019' || t.text === "'")) return null;
  const headWord = last.lower;
  const org = isOrgWord(headWord);
  const plural = /s$/.test(headWord) && !/(?:ss|us|is)$/.test(headWord);
  return {
    start: first.start,
    end: last.end,
    text: body,
    kind: org ? 'organisation' : 'title',
    role: null,
    person: !org && !plural,
    gender: genderOf(body, null),
  };
}

/**
 * Where the name starts in a capitalized run: after its last title word ("Foreign Ministry
 * Spokesman Hua Chunying" → "Hua Chunying"), never at the run's last word.
 */
function trimHonorifics(toks: Tok[], from: number, to: number): { start: number } {
  let start = from;
  for (let i = from; i < to - 1; i++) if (isHonorific(toks[i]) || (toks[i].text === '.' && i === start)) start = i + 1;
  while (start < to - 1 && toks[start].text === '.') start++;
  return { start };
}

/**
 * The subject phrase that ends right before toks[end] in running text ("... Zakir said"): scans
 * back over a name, a pronoun, a "Name, appositive," pair or a determiner-led title. Null when the
 * word before the verb cannot end a noun phrase ("to", "and", an adverb).
 */
export function subjectBefore(text: string, toks: Tok[], end: number, floor = 0): Mention | null {
  let j = end - 1;
  while (j >= floor && toks[j].word && (AUXILIARIES.has(toks[j].lower) || isAdverb(toks[j]) || DAYS.test(toks[j].lower))) j--;
  if (j < floor) return null;
  let roleFrom = -1;
  let roleTo = -1;
  if (toks[j].text === ',') {
    // "Hua Chunying, a Foreign Ministry spokeswoman, told": find the comma that opens the appositive.
    let k = j - 1;
    while (k >= floor && k > j - 30 && toks[k].text !== ',' && !(isSentenceEnd(toks, k) && !abbreviationDot(toks, k))) k--;
    if (k < floor || toks[k].text !== ',') return null;
    roleFrom = k + 1;
    roleTo = j;
    j = k - 1;
  } else if (toks[j].text === ')') {
    let k = j - 1;
    while (k >= floor && k > j - 12 && toks[k].text !== '(') k--;
    if (k < floor) return null;
    j = k - 1;
  }
  if (j < floor) return null;
  const tok = toks[j];
  let from: number;
  if (PRONOUNS.has(tok.lower)) {
    if (j > floor && toks[j - 1].word && !isBoundaryWord(toks[j - 1])) return null;
    from = j;
  } else if (tok.cap || (tok.text === '.' && j > floor && toks[j - 1].cap)) {
    if (tok.cap && NOT_NAMES.has(tok.lower)) return null;
    if (/^\p{Lu}{5,}$/u.test(tok.text)) return null; // a heading in capitals, not a name
    from = j;
    while (from - 1 >= floor) {
      const prev = toks[from - 1];
      const nameLike = prev.cap || NAME_PARTICLES.has(prev.lower) || (prev.lower === 'of' && from - 2 >= floor && toks[from - 2].cap) || (prev.text === '.' && from - 2 >= floor && toks[from - 2].cap && toks[from - 2].text.length <= 4);
      if (!nameLike) break;
      if (prev.cap && NOT_NAMES.has(prev.lower) && !isHonorific(prev)) break;
      if (prev.text === '.' && isSentenceEnd(toks, from - 1) && toks[from - 2].text.length > 1 && !isHonorific(toks[from - 2])) break;
      from--;
    }
    while (from < j && (toks[from].text === '.' || NAME_PARTICLES.has(toks[from].lower))) from++;
    // Lower-case role words before the name: "foreign ministry spokesman Geng Shuang", "the group's founder X".
    let k = from - 1;
    while (k >= floor && k >= from - 5 && toks[k].word && !toks[k].cap && !AUXILIARIES.has(toks[k].lower) && !PREPOSITIONS.has(toks[k].lower) && !isDeterminer(toks[k]) && !english.isStopword(toks[k].lower)) k--;
    if (k >= floor && k < from - 1 && isDeterminer(toks[k])) from = k;
  } else {
    // "the spokeswoman", "a senior official", "Trump's spokeswoman", "officials"
    if (!isNounLike(tok)) return null;
    let k = j;
    while (k - 1 >= floor && j - k < 6 && toks[k - 1].word && !isDeterminer(toks[k - 1]) && !PREPOSITIONS.has(toks[k - 1].lower) && !AUXILIARIES.has(toks[k - 1].lower) && !english.isStopword(toks[k - 1].lower) && !cueLike(toks[k - 1].lower)) k--;
    if (k - 1 >= floor && isDeterminer(toks[k - 1])) k--;
    // A bare noun must be plural ("officials said") unless a possessive leads it ("Schilling's son").
    else if (!(k === floor || !toks[k - 1].word || isBoundaryWord(toks[k - 1])) || !(/s$/.test(tok.lower) || (k < j && /['\u2019]s$/.test(toks[k].text)))) return null;
    from = k;
  }
  let mention = headPhrase(text, toks, from, j + 1);
  if (!mention) return null;
  // "a spokesman for the group", "supporters of the mayor", "John Smith of the Heritage Foundation":
  // the subject is the phrase the complement belongs to, not the complement's own noun.
  const prep = from - 1 > floor && isDeterminer(toks[from - 1]) ? from - 2 : from - 1;
  // Not before a participle: "footage of Hillary Clinton saying" quotes Clinton.
  const participle = end < toks.length && /ing$/.test(toks[end].lower);
  const owner = prep > floor && !participle && mention.kind !== 'pronoun' && COMPLEMENT_PREPOSITIONS.has(toks[prep].lower) ? subjectBefore(text, toks, prep, floor) : null;
  // An organisation does not own a titled person: "The Council on ... Relations Executive Director Nihad Awad" is Awad.
  const orgOfPerson = owner?.kind === 'organisation' && mention.kind === 'name' && mention.role !== null;
  if (owner && !orgOfPerson && !owner.members && owner.kind !== 'pronoun' && owner.end <= toks[prep].start) {
    const ownerFrom = toks.findIndex((t) => t.start === owner.start);
    // A plural or a quantifier opening the sentence is a common noun there ("Supporters of the
    // mayor", "One of the protesters"); "Trump at the time" is still Trump.
    const sentenceInitial = ownerFrom === floor || (ownerFrom > 0 && isSentenceEnd(toks, ownerFrom - 1));
    const commonNoun = sentenceInitial && !owner.text.includes(' ') && /^(?:\p{L}+s|one|some|many|most|none|all|each|both|several|few)$/iu.test(owner.text);
    const ownerIsName = owner.kind === 'name' && !commonNoun;
    // "Speaker of the House Paul Ryan": a capitalized title before a person's name is no owner
    // (a name after "the" is no person's: "Karl Berg of the Harbour Trust").
    const complementIsPerson = mention.kind === 'name' && (prep === from - 1 || !owner.text.includes(' '));
    if (ownerIsName && !complementIsPerson) {
      // "John Smith of the Heritage Foundation": the organisation is part of who he is.
      if (mention.kind !== 'title') owner.role = owner.role ?? roleText(text, toks, from, j + 1);
      mention = owner;
      from = ownerFrom;
    } else if (!ownerIsName) {
      const kind = owner.kind === 'name' ? 'title' : owner.kind;
      mention = { ...owner, kind, end: mention.end, text: text.slice(owner.start, mention.end), role: null };
      from = ownerFrom;
    }
  }
  if (roleFrom >= 0) {
    const named = appositiveName(text, toks, mention, from, j + 1, roleFrom, roleTo);
    if (named) return named;
    const role = roleText(text, toks, roleFrom, roleTo);
    if (role && !mention.role) mention.role = role;
    if (mention.gender === null && role) mention.gender = genderOf(role, null);
  }
  return mention;
}

/** Prepositions joining a complement to the noun it belongs to: "a spokesman for the group", "an adviser to Clinton". */
export const COMPLEMENT_PREPOSITIONS: ReadonlySet<string> = new Set(['of', 'for', 'at', 'to', 'in', 'with', 'on', 'from']);

/** A word after which a new subject may start: "and", "but", "when", "that". */
function isBoundaryWord(tok: Tok): boolean {
  return /^(?:and|but|or|so|yet|then|that|when|while|as|because|after|before|since|if|though|although|where|once|until|because)$/.test(tok.lower);
}

/** A lower-case word that can head a noun phrase: not a function word, adverb or verb form. */
function isNounLike(tok: Tok): boolean {
  if (!tok.word || english.isStopword(tok.lower)) return false;
  if (/(?:ly|ing|ed)$/.test(tok.lower)) return false;
  return !/^\d/.test(tok.text);
}

function cueLike(word: string): boolean {
  return word === 'said' || word === 'says' || word === 'told';
}

/** A dot that ends an abbreviation or an initial inside a phrase: "D.C.-based", "No. 2", "R-Wis.,". */
function abbreviationDot(toks: Tok[], i: number): boolean {
  if (toks[i].text !== '.') return false;
  const prev = toks[i - 1];
  const next = toks[i + 1];
  if (!prev || !prev.word || prev.end !== toks[i].start) return false;
  if (next && (next.text === ',' || next.text === '-' || /^[\p{Ll}\d]/u.test(next.text))) return true;
  return /^\p{Lu}$/u.test(prev.text) || /^[A-Z]-[A-Za-z]+$/.test(prev.text) || english.abbreviations.has(prev.lower);
}

function isSentenceEnd(toks: Tok[], i: number): boolean {
  const t = toks[i].text;
  return t === '.' || t === '!' || t === '?' || t === ';';
}

// "Priebus later Thursday told": days between a subject and its verb.
const DAYS = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)$/;

/** A lower-case -ly adverb between a subject and its verb: "Trump jokingly said". */
export function isAdverb(tok: Tok): boolean {
  return !tok.cap && tok.text.length > 5 && /ly$/.test(tok.lower) && !/(?:family|assembly|anomaly|monopoly|supply|rally|ally|reply|bully|belly)$/.test(tok.lower);
}

export const AUXILIARIES = new Set([
  'has', 'had', 'have', 'also', 'then', 'later', 'once', 'recently', 'repeatedly', 'previously', 'would', 'will', 'was',
  'is', 'been', 'has', 'reportedly', 'publicly', 'privately', 'again', 'further', 'often', 'never', 'initially', 'first',
  'separately', 'similarly', 'earlier', 'subsequently', 'simply', 'flatly', 'bluntly', 'quickly', 'famously', 'once',
  'frequently', 'angrily', 'quietly', 'openly', 'just', 'even', 'already', 'still', 'only', 'now', 'immediately', 'did',
  'does', 'do', 'may', 'might', 'could', 'should', 'can', 'not', 'always', 'sometimes', 'last', 'finally', 'emphatically',
  'were', 'are', 'be', 'being', 'am', 'reportedly', 'allegedly', 'later', 'once', 'also',
]);

export const PREPOSITIONS = new Set(['of', 'in', 'on', 'at', 'for', 'from', 'with', 'by', 'to', 'about', 'as', 'into', 'over', 'after', 'before', 'during', 'since', 'than', 'and', 'or', 'but', 'that', 'who', 'which', 'when', 'while', 'where', 'because', 'if']);
