import type { Language } from './types.js';
import { english } from './english.js';
import { cachedStemmer, stopwordList } from './stemmer.js';

interface GenericSpec {
  code: string;
  /** snowball-stemmers algorithm name. */
  stemmer: string;
  /** `stopword` package list name. */
  stopwords: string;
  titles: string;
  abbreviations: string;
  starters: string;
}

// Languages without a synonym resource: canon = stem.
const GENERIC: GenericSpec[] = [
  {
    code: 'fr', stemmer: 'french', stopwords: 'fra',
    titles: 'm mme mlle mm mmes dr me pr',
    abbreviations: 'st ste av bd etc cf ex env janv févr avr juil sept oct nov déc',
    starters: 'le la les un une il elle ils elles nous je on ce cette mais et en dans selon',
  },
  {
    code: 'de', stemmer: 'german', stopwords: 'deu',
    titles: 'hr fr dr prof',
    abbreviations: 'nr str bzw usw ca vgl z.b d.h u.a jan feb apr jun jul aug sep sept okt nov dez',
    starters: 'der die das ein eine er sie es wir ich aber und in am im nach',
  },
  {
    code: 'es', stemmer: 'spanish', stopwords: 'spa',
    titles: 'sr sra srta dr dra d dña lic',
    abbreviations: 'ud uds etc pág núm av ene feb abr jun jul ago sept oct nov dic',
    starters: 'el la los las un una él ella ellos nosotros yo pero y en según',
  },
  {
    code: 'it', stemmer: 'italian', stopwords: 'ita',
    titles: 'sig sigra dott dott.ssa prof ing avv on',
    abbreviations: 'ecc pag gen feb mar apr giu lug ago sett ott nov dic',
    starters: 'il lo la i gli le un una lui lei loro noi io ma e in secondo',
  },
  {
    code: 'pt', stemmer: 'portuguese', stopwords: 'por',
    titles: 'sr sra srta dr dra prof',
    abbreviations: 'etc pág av jan fev mar abr jun jul ago set out nov dez',
    starters: 'o a os as um uma ele ela eles nós eu mas e em segundo',
  },
  {
    code: 'nl', stemmer: 'dutch', stopwords: 'nld',
    titles: 'dhr mevr dr prof mr ir ing',
    abbreviations: 'bijv enz nr blz jan feb mrt apr jun jul aug sep okt nov dec',
    starters: 'de het een hij zij ze wij we ik maar en in volgens',
  },
  {
    code: 'ru', stemmer: 'russian', stopwords: 'rus',
    titles: 'г-н г-жа проф',
    abbreviations: 'г гг т.е т.д т.п им ул стр др см напр янв фев апр авг сент окт нояб дек',
    starters: 'он она они мы я это но и в по',
  },
];

function words(list: string): string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}

/** Builds a language from a Snowball algorithm and a stopword list; canon = stem. */
function genericLanguage(spec: GenericSpec): Language {
  const stopwords: ReadonlySet<string> = new Set(stopwordList(spec.stopwords));
  const titles: ReadonlySet<string> = new Set(words(spec.titles));
  return {
    code: spec.code,
    isStopword: (norm) => stopwords.has(norm),
    stem: cachedStemmer(spec.stemmer),
    canonical: (_norm, stem) => stem,
    abbreviations: new Set([...titles, ...words(spec.abbreviations)]),
    titles,
    sentenceStarters: new Set(words(spec.starters)),
  };
}

const registry = new Map<string, Language | (() => Language)>();
registry.set('en', english);
// Built on first use: each stemmer and stopword list costs a little to set up.
for (const spec of GENERIC) registry.set(spec.code, () => genericLanguage(spec));

/** Adds (or replaces) a language; its `code` is the lookup key (case-insensitive). */
export function registerLanguage(lang: Language): void {
  registry.set(lang.code.toLowerCase(), lang);
}

/** Returns the language for an ISO 639-1 code ("en" when empty); throws for unknown codes. */
export function getLanguage(code = 'en'): Language {
  const key = (code || 'en').trim().toLowerCase();
  const entry = registry.get(key);
  if (entry === undefined) {
    throw new Error(`unknown language "${code}" (known: ${listLanguages().join(', ')})`);
  }
  if (typeof entry === 'function') {
    const lang = entry();
    registry.set(key, lang);
    return lang;
  }
  return entry;
}

/**
 * The analyser code for a document's language tag ("en-GB" → "en"); anything we have no analyser for
 * is analysed as English, where names and numbers still match.
 */
export function analyserLanguage(tag: string | null | undefined): string {
  const base = (tag ?? 'en').toLowerCase().split(/[-_]/)[0];
  return registry.has(base) ? base : 'en';
}

/** Codes of all registered languages, sorted. */
export function listLanguages(): string[] {
  return [...registry.keys()].sort();
}
