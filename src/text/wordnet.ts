/** WordNet synonym canonicalization (filled in below). Returns null when the word is unknown. */
export function wordnetCanonical(_norm: string): string | null {
  return null;
}
export function loadWordNet(): void {}
