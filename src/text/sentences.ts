import type { Language, Span } from './types.js';
import { english } from './english.js';

// Sentence splitting works on the ORIGINAL text (no normalization pass), in two stages:
// 1. layout: the text is cut into blocks at blank lines, at indented lines and after
//    headline-like lines; single hard-wrap line breaks are ordinary whitespace;
// 2. punctuation: inside a block, sentence-final punctuation (plus closing quotes/brackets)
//    followed by whitespace and a non-lowercase word ends a sentence, unless the word before
//    a single dot is an abbreviation or an initial.
// Everything is a linear scan: no recursion, no backtracking regexes over the whole text.

const TERMINATORS = /[.!?\u2026\u203C\u2047\u2048\u2049\uFF01\uFF0E\uFF1F\u3002]+/g;
const CLOSERS = new Set(['"', "'", '\u201D', '\u2019', '\u00BB', '\u203A', ')', ']', '}', '\u300D', '\u300F']);
const OPENERS = new Set(['"', "'", '\u201C', '\u2018', '\u201E', '\u201A', '\u00AB', '\u2039', '(', '[', '{', '\u300C', '\u300E']);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}'\u2019]/u;
const SPACE = /\s/;
const SINGLE_INITIAL = /^\p{Lu}$/u;
// Dotted acronyms ("u.s", "n.j", "a.m", "ph.d") are abbreviations even when not listed.
const DOTTED = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
// A line that is only a dateline: "WASHINGTON (AP) -" or "LONDON, May 3 (Reuters)".
const DATELINE = /^\p{Lu}[\p{Lu}\s.,'\u2019-]*(?:,[^()\n]{0,40})?\s*\([^()\n]{1,40}\)\s*[-\u2010-\u2015:]*$/u;
// A line ending like this cannot be a headline: the sentence goes on on the next line.
const CONTINUES = /[,;:\-\u2010-\u2015(\[{&/+=*\u201C\u2018\u00AB]$/;
const EMPTY: ReadonlySet<string> = new Set();
// Abbreviations that are written in lower case (Latin and units); others must be capitalized.
const LOWERCASE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'vs', 'v', 'etc', 'approx', 'cf', 'al', 'pp', 'p', 'ca', 'viz', 'ft', 'oz', 'lb', 'lbs', 'km', 'cm', 'mm',
  'kg', 'hr', 'hrs', 'min', 'sec', 'no', 'nos', 'esp', 'incl', 'ibid', 'op', 'ed', 'eds', 'vol', 'vols',
  // lower-case abbreviations of the other built-in languages
  'av', 'bd', 'env', 'ex', 'nr', 'str', 'bzw', 'usw', 'vgl', 'ecc', 'pag', 'pág', 'núm', 'ud', 'uds', 'sig',
  'dott', 'ing', 'avv', 'bijv', 'enz', 'blz', 'dhr', 'mevr', 'ir', 'г', 'гг', 'им', 'ул', 'стр', 'др', 'см', 'напр',
]);

interface Line {
  /** Offset of the first char of the line. */
  start: number;
  /** First non-whitespace char. */
  contentStart: number;
  /** One past the last non-whitespace char (== contentStart for a blank line). */
  contentEnd: number;
  /** Line ended with a paragraph separator (U+2029 or form feed). */
  paragraphAfter: boolean;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || SPACE.test(ch);
}

function isLowercase(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function isUppercase(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const n = text.length;
  let start = 0;
  while (start <= n) {
    let i = start;
    let contentStart = -1;
    let contentEnd = start;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029 || c === 12 || c === 11) break;
      if (!(c === 32 || c === 9 || (c > 127 && isSpace(text[i])))) {
        if (contentStart < 0) contentStart = i;
        contentEnd = i + 1;
      }
      i++;
    }
    if (contentStart < 0) contentStart = contentEnd = i;
    const brk = i < n ? text.charCodeAt(i) : -1;
    lines.push({ start, contentStart, contentEnd, paragraphAfter: brk === 0x2029 || brk === 12 });
    if (i >= n) break;
    start = brk === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return lines;
}

/** Typical full line length of a hard-wrapped text, or 0 when the text is not hard-wrapped. */
function wrapWidth(lines: Line[]): number {
  const lengths: number[] = [];
  for (let k = 0; k + 1 < lines.length; k++) {
    const a = lines[k];
    const b = lines[k + 1];
    if (a.contentEnd > a.contentStart && b.contentEnd > b.contentStart && !a.paragraphAfter) {
      lengths.push(a.contentEnd - a.start);
    }
  }
  if (lengths.length < 3) return 0;
  const sorted = Float64Array.from(lengths).sort();
  const width = sorted[Math.floor(sorted.length * 0.9)];
  // Lines of under 40 chars are a list of short lines, not wrapped prose; over 160, paragraphs.
  return width >= 40 && width <= 160 ? width : 0;
}

/** Last word of a line, lower-cased (letters/digits/apostrophes only). */
function lastWord(text: string, from: number, to: number): string {
  from = Math.max(from, to - 60);
  let i = to;
  while (i > from && !WORD_CHAR.test(text[i - 1])) i--;
  const end = i;
  while (i > from && WORD_CHAR.test(text[i - 1])) i--;
  return text.slice(i, end).toLowerCase();
}

/** True when the line break between lines a and b also ends a sentence (layout evidence). */
function isLayoutBreak(text: string, a: Line, b: Line, width: number, lang: Language): boolean {
  const indentA = a.contentStart - a.start;
  const indentB = b.contentStart - b.start;
  if (indentB > indentA && (indentB >= 2 || text[b.start] === '\t')) return true;
  const last = text[a.contentEnd - 1];
  if (CONTINUES.test(last)) return false;
  // Lines ending in terminal punctuation are left to the punctuation stage.
  let e = a.contentEnd;
  while (e > a.contentStart && CLOSERS.has(text[e - 1])) e--;
  if (e > a.contentStart && /[.!?\u2026\u3002\uFF01\uFF1F]/.test(text[e - 1])) return false;
  // A headline: the next line starts with a capital or digit (possibly after a quote).
  let q = b.contentStart;
  while (q < b.contentEnd && OPENERS.has(text[q])) q++;
  const first = text[q] ?? '';
  if (!(isUppercase(first) || /\p{N}/u.test(first))) return false;
  if (width > 0 && a.contentEnd - a.start >= width * 0.6) return false;
  const word = lastWord(text, a.contentStart, a.contentEnd);
  // A line ending in a short function word ("the", "of", "and") is cut mid-phrase.
  if (word === '' || (word.length <= 4 && lang.isStopword(word))) return false;
  if (a.contentEnd - a.contentStart <= 80 && DATELINE.test(text.slice(a.contentStart, a.contentEnd))) return false;
  return true;
}

/** Reads the word starting at i (after opening quotes/brackets): [wordStart, wordEnd). */
function wordAt(text: string, i: number, end: number): [number, number] {
  while (i < end && OPENERS.has(text[i])) i++;
  const s = i;
  while (i < end && WORD_CHAR.test(text[i])) i++;
  return [s, i];
}

/** Word before position p (the dot), back to whitespace, without leading openers. */
function wordBefore(text: string, p: number, from: number): string {
  let i = p;
  const limit = Math.max(from, p - 40); // longer "words" are never abbreviations
  while (i > limit && !isSpace(text[i - 1])) i--;
  while (i < p && (OPENERS.has(text[i]) || !LETTER_OR_DIGIT.test(text[i]))) i++;
  return text.slice(i, p);
}

/** Decides whether the terminator run [ps, pe) ends a sentence; returns the cut or -1. */
function sentenceEnd(text: string, ps: number, pe: number, blockEnd: number, blockStart: number, lang: Language): number {
  let e = pe;
  while (e < blockEnd && CLOSERS.has(text[e])) e++;
  if (e >= blockEnd) return -1; // the block ends here anyway
  if (!isSpace(text[e])) return -1; // "3.5", "U.S.A", "example.com", "wait...what"
  let q = e + 1;
  while (q < blockEnd && isSpace(text[q])) q++;
  if (q >= blockEnd) return -1;
  const [ws, we] = wordAt(text, q, blockEnd);
  const first = text[ws] ?? '';
  if (first !== '' && isLowercase(first)) return -1;
  const run = text.slice(ps, pe);
  const isLetterNext = first !== '' && LETTER.test(first);
  if (/[!?\u203C\u2047-\u2049\uFF01\uFF1F\u3002]/.test(run)) return e;
  if (run.length > 1 || run === '\u2026') return isLetterNext ? e : -1; // ellipsis
  // A single dot: abbreviation, initial, or the end of a sentence.
  const before = wordBefore(text, ps, blockStart);
  if (before === '') return e;
  const lower = before.toLowerCase();
  const titles = lang.titles ?? EMPTY;
  if (titles.has(lower)) return -1;
  const starters = lang.sentenceStarters ?? EMPTY;
  const nextWord = text.slice(ws, we).toLowerCase();
  if (SINGLE_INITIAL.test(before)) {
    // "J. K. Rowling": the next word is another initial or a name.
    const nextIsInitial = we - ws === 1 && text[we] === '.';
    return starters.has(nextWord) && !nextIsInitial ? e : -1;
  }
  // Capitalized abbreviations ("Ill.", "Mass.", "Miss.") are ordinary words when written
  // in lower case ("he fell ill."); a few are normally lower case ("vs.", "etc.").
  const abbreviation = lower.includes('.')
    ? lang.abbreviations.has(lower) || DOTTED.test(lower)
    : lang.abbreviations.has(lower) && (!isLowercase(before[0]) || LOWERCASE_ABBREVIATIONS.has(lower));
  if (abbreviation) {
    return starters.has(nextWord) ? e : -1;
  }
  return e;
}

/**
 * Splits text into sentences. Spans are in the original offsets, trimmed of whitespace,
 * in order and non-overlapping.
 */
export function splitSentences(text: string, language: Language = english): Span[] {
  const spans: Span[] = [];
  if (text.length === 0) return spans;
  const lines = splitLines(text);
  const width = wrapWidth(lines);

  const emit = (s: number, e: number): void => {
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) spans.push([s, e]);
  };

  // All terminator runs, found in one pass; blocks come in order and consume them with a cursor.
  const runs: number[] = [];
  TERMINATORS.lastIndex = 0;
  for (let m = TERMINATORS.exec(text); m !== null; m = TERMINATORS.exec(text)) {
    runs.push(m.index, m.index + m[0].length);
  }
  let cursor = 0;

  const splitBlock = (bs: number, be: number): void => {
    let segStart = bs;
    while (cursor < runs.length && runs[cursor] < bs) cursor += 2;
    for (; cursor < runs.length && runs[cursor] < be; cursor += 2) {
      const ps = runs[cursor];
      const pe = Math.min(runs[cursor + 1], be);
      const cut = sentenceEnd(text, ps, pe, be, segStart, language);
      if (cut >= 0) {
        emit(segStart, cut);
        segStart = cut;
      }
    }
    emit(segStart, be);
  };

  let blockStart = -1;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const blank = line.contentEnd === line.contentStart;
    if (blank) {
      if (blockStart >= 0) splitBlock(blockStart, lines[k - 1].contentEnd);
      blockStart = -1;
      continue;
    }
    if (blockStart < 0) blockStart = line.contentStart;
    const next = lines[k + 1];
    const nextBlank = next === undefined || next.contentEnd === next.contentStart;
    if (nextBlank) continue; // closed by the blank line or the end of the text
    if (line.paragraphAfter || isLayoutBreak(text, line, next, width, language)) {
      splitBlock(blockStart, line.contentEnd);
      blockStart = -1;
    }
  }
  if (blockStart >= 0) splitBlock(blockStart, lines[lines.length - 1].contentEnd);
  return spans;
}
