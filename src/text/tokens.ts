import { foldString } from './normalize.js';

/** A bare word token before language processing; offsets into the original text. */
export interface RawToken {
  start: number;
  end: number;
  norm: string;
}

// A word: letters/digits/marks, optionally joined by an apostrophe (any typographic variant,
// plus U+0019, the remnant of a mangled U+2019 in some web corpora) or an invisible
// joiner/soft hyphen. Hyphens and all other punctuation split words.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['\u2019\u2018\u02BC\uFF07\u0019\u00AD\u200B\u200C\u200D\u2060][\p{L}\p{N}\p{M}]+)*/gu;
const PLAIN_ASCII = /^[\x20-\x7F]*$/;
const MANGLED_APOSTROPHE = /\u0019/g;
const INVISIBLE = /[\u00AD\u200B\u200C\u200D\u2060]/g;

/** Lower-case, NFKC, quote-folded form of one word. */
export function normalizeWord(word: string): string {
  if (PLAIN_ASCII.test(word)) return word.toLowerCase();
  return foldString(word.replace(INVISIBLE, '').replace(MANGLED_APOSTROPHE, "'").normalize('NFKC')).toLowerCase();
}

/**
 * Calls `visit(start, surface)` for every word of `text`, in order: one global regex pass.
 * `surface` is the word exactly as written (end = start + surface.length).
 */
export function scanWords(text: string, visit: (start: number, surface: string) => void): void {
  const re = new RegExp(WORD); // own lastIndex: safe if a visitor scans another text
  for (let m = re.exec(text); m !== null; m = re.exec(text)) visit(m.index, m[0]);
}

/** Splits text into word tokens with offsets into `text`. */
export function tokenize(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  scanWords(text, (start, surface) => {
    tokens.push({ start, end: start + surface.length, norm: normalizeWord(surface) });
  });
  return tokens;
}
