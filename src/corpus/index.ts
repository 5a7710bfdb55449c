// Corpus stage: scan inputs into a store, or add articles to it one at a time.
export { scan, type ScanOptions, type ScanStats, type ScanProgress, type ScanPhase } from './scan.js';
export { Corpus, type AddResult } from './corpus.js';
export { textHash } from './hash.js';
