import type { Analysis, Language, Sentence, Token } from './types.js';
import { getLanguage } from './languages.js';
import { splitSentences } from './sentences.js';
import { tokenize } from './tokens.js';

export interface AnalyzeOptions {
  /** Language code ("en" by default) or a Language object. */
  language?: string | Language;
}

/**
 * Tokens (with stem, canon, stopword flag) and sentences of a text, all offsets into the
 * original text. Every token belongs to exactly one sentence; sentences without tokens are
 * dropped.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const lang = typeof options.language === 'object' ? options.language : getLanguage(options.language ?? 'en');
  const raw = tokenize(text);
  // Per-norm memo: stem, canon and stop depend only on the norm.
  const memo = new Map<string, Token>();
  const tokens: Token[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const { start, end, norm } = raw[i];
    let proto = memo.get(norm);
    if (proto === undefined) {
      const stem = lang.stem(norm);
      proto = { start: 0, end: 0, norm, stem, canon: lang.canonical(norm, stem), stop: lang.isStopword(norm) };
      memo.set(norm, proto);
    }
    tokens[i] = { start, end, norm, stem: proto.stem, canon: proto.canon, stop: proto.stop };
  }
  return { text, language: lang.code, tokens, sentences: assignTokens(splitSentences(text, lang), tokens) };
}

/**
 * Gives each sentence its token range. A token belongs to the last sentence starting at or
 * before it (the first sentence for tokens before any), so ranges partition the tokens even
 * if a token straddles a sentence edge.
 */
function assignTokens(spans: [number, number][], tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  if (spans.length === 0 && tokens.length > 0) spans = [[tokens[0].start, tokens[tokens.length - 1].end]];
  let t = 0;
  for (let s = 0; s < spans.length; s++) {
    const nextStart = s + 1 < spans.length ? spans[s + 1][0] : Infinity;
    const first = t;
    while (t < tokens.length && tokens[t].start < nextStart) t++;
    if (t > first) {
      sentences.push({
        start: Math.min(spans[s][0], tokens[first].start),
        end: Math.max(spans[s][1], tokens[t - 1].end),
        firstToken: first,
        endToken: t,
      });
    }
  }
  return sentences;
}
