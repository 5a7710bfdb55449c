import type { Analysis, Language, Sentence, Span, Token } from './types.js';
import { getLanguage } from './languages.js';
import { splitSentences } from './sentences.js';
import { normalizeWord, scanWords } from './tokens.js';

export interface AnalyzeOptions {
  /** Language code ("en" by default) or a Language object. */
  language?: string | Language;
}

/** What a surface word maps to; depends only on the surface form and the language. */
interface WordInfo {
  norm: string;
  stem: string;
  canon: string;
  stop: boolean;
  /** Written with an upper-case first letter: a name when not sentence-initial. */
  capitalized: boolean;
}

const UPPER_FIRST = /^\p{Lu}/u;

// One lexicon per language, shared across calls: a corpus repeats the same words, so each
// surface form is normalized, stemmed and canonicalized once. Bounded to cap memory.
const LEXICON_LIMIT = 500_000;
const lexicons = new WeakMap<Language, Map<string, WordInfo>>();

function lexiconOf(lang: Language): Map<string, WordInfo> {
  let lex = lexicons.get(lang);
  if (lex === undefined) {
    lex = new Map();
    lexicons.set(lang, lex);
  }
  return lex;
}

/**
 * Tokens (with stem, canon, stopword flag) and sentences of a text, all offsets into the
 * original text. Every token belongs to exactly one sentence; sentences without tokens are
 * dropped.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const lang = typeof options.language === 'object' ? options.language : getLanguage(options.language ?? 'en');
  const lex = lexiconOf(lang);
  const tokens: Token[] = [];
  const capitalized: boolean[] = [];
  scanWords(text, (start, surface) => {
    let info = lex.get(surface);
    if (info === undefined) {
      const norm = normalizeWord(surface);
      const stem = lang.stem(norm);
      info = { norm, stem, canon: lang.canonical(norm, stem), stop: lang.isStopword(norm), capitalized: UPPER_FIRST.test(surface) };
      if (lex.size >= LEXICON_LIMIT) lex.clear();
      lex.set(surface, info);
    }
    tokens.push({ start, end: start + surface.length, norm: info.norm, stem: info.stem, canon: info.canon, stop: info.stop });
    capitalized.push(info.capitalized);
  });
  const sentences = assignTokens(splitSentences(text, lang), tokens);
  keepNamesLiteral(sentences, tokens, capitalized);
  return { text, language: lang.code, tokens, sentences };
}

/**
 * A capitalized word inside a sentence is most likely a name ("John", "Bush", "Rose"): its
 * dictionary synonyms ("toilet", "shrub") would make false matches, so its canon is its stem.
 * Sentence-initial words keep their synonym canon.
 */
function keepNamesLiteral(sentences: Sentence[], tokens: Token[], capitalized: boolean[]): void {
  for (const s of sentences) {
    for (let t = s.firstToken + 1; t < s.endToken; t++) {
      if (capitalized[t]) tokens[t].canon = tokens[t].stem;
    }
  }
}

/**
 * Gives each sentence its token range. A token belongs to the last sentence starting at or
 * before it (the first sentence for tokens before any), so ranges partition the tokens even
 * if a token straddles a sentence edge.
 */
function assignTokens(spans: Span[], tokens: Token[]): Sentence[] {
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
