// Minimal declaration for the CommonJS package `stopword` (ships no types): only the word lists we read.
declare module 'stopword' {
  const lists: Record<string, string[] | unknown>;
  export = lists;
}
