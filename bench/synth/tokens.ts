// Tokens of the synthetic corpus: words (letters/digits with inner ' ’ . -) and the clause marks , ; :
// Quotes, brackets and dashes are dropped when training, so generated text never has unbalanced ones.

export const WORD_RE = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*|[,;:]/gu;

export function isPunct(tok: string): boolean {
  return tok === ',' || tok === ';' || tok === ':';
}

/** Lowercased words of a text, the unit for n-gram overlap checks (same rule as the generator's guard). */
export function normWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD_RE)) out.push(m[0].toLowerCase().replace(/’/g, "'"));
  return out;
}

export function normWord(tok: string): string {
  return tok.toLowerCase().replace(/’/g, "'");
}

/**
 * Training sentences of one raw (web) document: lines split at sentence ends, keeping only
 * sentences that look like running prose (no mail/URLs, not title case, mostly lowercase words).
 * Returns token lists whose last element is the end mark ('.', '!' or '?').
 */
export function proseSentences(raw: string): string[][] {
  const out: string[][] = [];
  for (const line of raw.split(/\n+/)) {
    if (line.length < 30) continue;
    for (const piece of line.split(/(?<=[.!?])\s+(?=["“(]?[A-Z])/)) {
      const s = piece.trim();
      if (s.length < 30 || s.length > 400) continue;
      const end = s[s.length - 1];
      if (end !== '.' && end !== '!' && end !== '?') continue;
      if (/@|https?:|www\.|\.com\b|\|/.test(s)) continue;
      if (!/^["“(]?[A-Z]/.test(s)) continue;
      const toks = s.match(TOKEN_RE);
      if (!toks) continue;
      let words = 0;
      let caps = 0;
      let digits = 0;
      for (const t of toks) {
        if (isPunct(t)) continue;
        words++;
        if (/^\p{Lu}/u.test(t)) caps++;
        if (/\d/.test(t)) digits++;
      }
      if (words < 6 || words > 60) continue;
      if (caps > words * 0.4 || digits > words * 0.2) continue;
      // Drop clause marks at the start and doubled marks.
      const clean: string[] = [];
      for (const t of toks) {
        if (isPunct(t) && (clean.length === 0 || isPunct(clean[clean.length - 1]))) continue;
        clean.push(t);
      }
      while (clean.length > 0 && isPunct(clean[clean.length - 1])) clean.pop();
      clean.push(end);
      out.push(clean);
    }
  }
  return out;
}

/** Joins generated tokens into a sentence: marks stick to the previous word, first letter upper case. */
export function detokenize(tokens: readonly string[]): string {
  let s = '';
  for (const t of tokens) {
    if (s.length === 0) s = t;
    else if (isPunct(t) || t === '.' || t === '!' || t === '?') s += t;
    else s += ' ' + t;
  }
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}
