// Library entry: `import { align, verdict, analyze } from 'mimeo'`.
export { align } from './align/index.js';
export type * from './align/types.js';
export { verdict, verdictKind, type VerdictKind } from './align/verdict.js';
export { analyze, normalize, splitSentences, getLanguage } from './text/index.js';
export type { Span, Normalized, Token, Sentence, Analysis, Language, AnalyzeOptions } from './text/index.js';
export { readText, decodeBuffer, type DecodedText, type ReadTextOptions } from './ingest/decode.js';
export { UserError } from './cli/errors.js';
