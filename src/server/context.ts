import type { Corpus } from '../corpus/corpus.js';
import type { Store } from '../store/types.js';
import type { DerivedViews } from './derived.js';

/** What every route handler works with: one store, the candidate index for adds, the background views. */
export interface ServerContext {
  store: Store;
  /** The candidate index for adds: loaded by the first call (startServer makes it at start), then kept. */
  corpus: () => Corpus;
  derived: DerivedViews;
  /** Adds run one at a time: each reads the index and writes the store. */
  serialize: <T>(fn: () => Promise<T> | T) => Promise<T>;
}

/** A promise chain that runs the given functions one after the other. */
export function serializer(): ServerContext['serialize'] {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T> | T): Promise<T> => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  };
}
