// Public surface of the text layer: normalization, sentences, tokens, languages, analyze().
export type { Span, Normalized, Token, Sentence, Analysis, Language } from './types.js';
export { normalize, toOriginal, foldString, foldChar } from './normalize.js';
export { splitSentences } from './sentences.js';
export { tokenize, scanWords, normalizeWord, type RawToken } from './tokens.js';
export { english } from './english.js';
export { getLanguage, registerLanguage, listLanguages } from './languages.js';
export { analyze, type AnalyzeOptions } from './analyze.js';
export { loadWordNet, wordnetCanonical, type WordNetInfo } from './wordnet.js';
