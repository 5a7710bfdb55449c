import { createHash } from 'node:crypto';
import { normalize } from '../text/index.js';

/**
 * Identity of a text for exact-duplicate detection: the normalized text (NFKC, folded quotes
 * and dashes, reflowed whitespace), lower-cased and trimmed, so a reprint that only differs
 * in typography or line breaks counts as the same text.
 */
export function textHash(text: string): string {
  const folded = normalize(text).text.toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(folded).digest('hex').slice(0, 32);
}
