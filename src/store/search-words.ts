/** The words of a search, as the search uses them (at most 32; a trailing * marks a prefix). */
export function searchWords(input: string): string[] {
  return (input.match(/[\p{L}\p{N}][\p{L}\p{N}'\u2019_-]*\*?/gu) ?? []).slice(0, 32);
}

/** Text as the PostgreSQL search indexes it: accents folded (café → cafe), as SQLite's FTS5 does. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}
