import { foldString } from './normalize.js';

/** A bare word token before language processing; offsets into the original text. */
export interface RawToken {
  start: number;
  end: number;
  norm: string;
}

// A word: letters/digits/marks, optionally joined by an apostrophe (any typographic variant)
// or an invisible joiner/soft hyphen. Hyphens and all other punctuation split words.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['\u2019\u2018\u02BC\uFF07\u00AD\u200B\u200C\u200D\u2060][\p{L}\p{N}\p{M}]+)*/gu;
const ASCII = /^[\x00-\x7F]*$/;
const INVISIBLE = /[\u00AD\u200B\u200C\u200D\u2060]/g;

/** Lower-case, NFKC, quote-folded form of one word. */
export function normalizeWord(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  return foldString(word.replace(INVISIBLE, '').normalize('NFKC')).toLowerCase();
}

/** Splits text into word tokens with offsets into `text`. Linear, one regex pass. */
export function tokenize(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const start = m.index;
    const word = m[0];
    tokens.push({ start, end: start + word.length, norm: normalizeWord(word) });
  }
  return tokens;
}
