// Candidate index: which stored documents are worth aligning with a given one.
export { CandidateIndex, SharedCandidateIndex, type SharedIndexData } from './candidates.js';
export type { Candidate } from './query.js';
export { extractFeatures, encodeFeatures, decodeFeatures, hashTerm, type DocFeatures } from './features.js';
export { defaultIndexParameters, indexParameters, type IndexParameters } from './options.js';
