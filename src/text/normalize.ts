import type { Normalized, Span } from './types.js';

// Typographic quotes and primes that fold to ASCII; checked before NFKC because NFKC
// expands U+2033 (double prime) into two single primes.
const DOUBLE_QUOTES = new Set(['\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033', '\u301D', '\u301E', '\uFF02']);
// U+0019 / U+0013 / U+0014 are what is left of U+2019 / U+2013 / U+2014 in some mangled web text.
const SINGLE_QUOTES = new Set(['\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u2039', '\u203A', '\u02BC', '\uFF07', '\u0019']);
const DASHES = new Set(['\u0013', '\u0014', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D']);
// Invisible characters that only carry layout hints: removed outright.
const INVISIBLE = new Set(['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF']);

const WHITESPACE = /\s/;
const MARK = /\p{M}/u;

/** Folds one (already NFKC-normalized or raw) character: quotes, dashes. */
export function foldChar(ch: string): string {
  if (DOUBLE_QUOTES.has(ch)) return '"';
  if (SINGLE_QUOTES.has(ch)) return "'";
  if (DASHES.has(ch)) return '-';
  return ch;
}

/** Folds quotes and dashes in a whole string (no offset bookkeeping). */
export function foldString(s: string): string {
  let out = '';
  for (const ch of s) out += foldChar(ch);
  return out;
}

function isLineBreak(ch: string): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029' || ch === '\u000B' || ch === '\u000C';
}

/**
 * NFKC + quote/dash folding + whitespace collapsing, with a map back to original offsets.
 * Blank lines (two or more line breaks in a whitespace run) become "\n\n"; any other
 * whitespace run (including single hard-wrap line breaks) becomes one space. Leading and
 * trailing whitespace is dropped.
 */
export function normalize(text: string): Normalized {
  const parts: string[] = [];
  const n = text.length;
  let map = new Int32Array(n + 16);
  let len = 0; // normalized length so far
  const reserve = (extra: number): void => {
    if (len + extra + 1 > map.length) {
      const bigger = new Int32Array(Math.max(map.length * 2, len + extra + 16));
      bigger.set(map.subarray(0, len));
      map = bigger;
    }
  };
  const emit = (s: string, origin: number): void => {
    reserve(s.length);
    for (let k = 0; k < s.length; k++) map[len++] = origin;
    parts.push(s);
  };
  let i = 0;
  while (i < n) {
    // Fast path: a run of printable ASCII chars, none followed by a combining mark (>= U+0300).
    const runStart = i;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (code <= 0x20 || code >= 0x7f) break;
      i++;
    }
    if (i < n && i > runStart && text.charCodeAt(i) >= 0x300 && MARK.test(text[i])) i--; // base of a cluster
    if (i > runStart) {
      reserve(i - runStart);
      for (let k = runStart; k < i; k++) map[len++] = k;
      parts.push(text.slice(runStart, i));
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (WHITESPACE.test(ch)) {
      const wsStart = i;
      let breaks = 0;
      let paragraph = false;
      while (i < n) {
        const c = text[i];
        if (!WHITESPACE.test(c)) break;
        if (c === '\u2029') paragraph = true;
        if (isLineBreak(c) && !(c === '\n' && i > 0 && text[i - 1] === '\r')) breaks++;
        i++;
      }
      if (len === 0 || i >= n) continue; // leading/trailing whitespace
      emit(paragraph || breaks >= 2 ? '\n\n' : ' ', wsStart);
      continue;
    }
    if (INVISIBLE.has(ch)) {
      i += ch.length;
      continue;
    }
    // A base character with its combining marks is normalized as one cluster so that
    // NFKC can compose it (e + U+0301 -> é).
    const clusterStart = i;
    i += ch.length;
    while (i < n) {
      const next = String.fromCodePoint(text.codePointAt(i)!);
      if (!MARK.test(next)) break;
      i += next.length;
    }
    const folded = foldChar(ch);
    const cluster = folded !== ch ? folded + text.slice(clusterStart + ch.length, i) : text.slice(clusterStart, i);
    emit(foldString(cluster.normalize('NFKC')), clusterStart);
  }
  reserve(0);
  map[len] = n;
  return { text: parts.join(''), map: map.slice(0, len + 1) };
}

/** Maps a span of the normalized text back to the original text. */
export function toOriginal(n: Normalized, span: Span): Span {
  const len = n.text.length;
  const s = Math.max(0, Math.min(span[0], len));
  const e = Math.max(s, Math.min(span[1], len));
  const start = n.map[s];
  if (e === s) return [start, start];
  // End: one past the original extent of the last normalized char, i.e. the original
  // offset of the next normalized char that starts a different original position.
  const last = n.map[e - 1];
  let k = e;
  while (k < len && n.map[k] === last) k++;
  // map[k] is where the next kept character (or collapsed whitespace run) starts, which is
  // the end of the last cluster in the span (at the text end it is the original length).
  return [start, n.map[k]];
}
