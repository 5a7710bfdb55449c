import { createRequire } from 'node:module';
import type * as Snowball from 'snowball-stemmers';

// Both packages are CommonJS and flag themselves `__esModule` without a default export, so a
// default import breaks under some loaders; require() gives the same object everywhere.
const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as typeof Snowball;
const stopword = require('stopword') as Record<string, unknown>;

// Past this many distinct words a cache is dropped and refilled, so that a huge input with
// millions of distinct tokens cannot grow memory without bound.
const CACHE_LIMIT = 400_000;

/** A Snowball stemmer for one algorithm ("english", "french", ...) with a Map cache. */
export function cachedStemmer(algorithm: string): (word: string) => string {
  const stemmer = snowball.newStemmer(algorithm);
  const cache = new Map<string, string>();
  return (word: string): string => {
    let stem = cache.get(word);
    if (stem === undefined) {
      stem = stemmer.stem(word);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, stem);
    }
    return stem;
  };
}

/** Reads one list from the `stopword` package ("eng", "fra", ...). */
export function stopwordList(code: string): string[] {
  const list = stopword[code];
  if (!Array.isArray(list)) throw new Error(`stopword list "${code}" not found in package stopword`);
  return list as string[];
}
