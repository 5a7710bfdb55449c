// Public surface of the text layer.
export type { Span, Normalized, Token, Sentence, Analysis, Language } from './types.js';
export { normalize, toOriginal, foldString } from './normalize.js';
export { splitSentences } from './sentences.js';
export { tokenize, normalizeWord, type RawToken } from './tokens.js';
export { english } from './english.js';
export { getLanguage, registerLanguage, listLanguages } from './languages.js';
export { analyze, type AnalyzeOptions } from './analyze.js';
export { loadWordNet, wordnetCanonical } from './wordnet.js';
