import { createHash } from 'node:crypto';

// The same folding as src/text/normalize.ts, as whole-string replacements: hashing every
// article of a large corpus needs no offset map.
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u301D\u301E\uFF02]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2039\u203A\u02BC\uFF07\u0019]/g;
const DASHES = /[\u0013\u0014\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const INVISIBLE = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/g;

/**
 * Identity of a text for exact-duplicate detection: the text with typographic quotes and
 * dashes folded, Unicode NFKC, invisible characters dropped, lower-cased, whitespace collapsed,
 * so a reprint that differs only in typography or line breaks counts as the same text.
 */
export function textHash(text: string): string {
  const folded = text
    .replace(DOUBLE_QUOTES, '"')
    .replace(SINGLE_QUOTES, "'")
    .normalize('NFKC')
    .replace(DASHES, '-')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  return createHash('sha256').update(folded).digest('hex').slice(0, 32);
}
