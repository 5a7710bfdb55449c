// Library entry: `import { align, verdict, analyze, extractQuotes } from 'mimeo'`.
export { align } from './align/index.js';
export type * from './align/types.js';
export { verdict, verdictKind, type VerdictKind } from './align/verdict.js';
export { analyze, normalize, splitSentences, getLanguage } from './text/index.js';
export type { Span, Normalized, Token, Sentence, Analysis, Language, AnalyzeOptions } from './text/index.js';
export { readText, decodeBuffer, type DecodedText, type ReadTextOptions } from './ingest/decode.js';
export { UserError } from './cli/errors.js';
export { ingest, defaultFields } from './ingest/index.js';
export type { IngestedDocument, IngestProblem, IngestItem, IngestOptions, FieldMap, DocumentMeta, IngestFormat } from './ingest/types.js';
export { openStore } from './store/index.js';
export type { Store, LinkRecord, LinkFilter, StoredDocument, DocumentInfo, PutOutcome, StoreCounts } from './store/types.js';
export { scan, Corpus, textHash, type ScanOptions, type ScanStats, type ScanProgress, type AddResult } from './corpus/index.js';
export { CandidateIndex, extractFeatures, defaultIndexParameters, indexParameters, type Candidate, type IndexParameters, type DocFeatures } from './index/index.js';
export * from './provenance/index.js';
export * from './quotes/index.js';
export { writeReport, reportHtml } from './report/index.js';
