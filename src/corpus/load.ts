import { CandidateIndex } from '../index/candidates.js';
import { decodeFeatures, type DocFeatures } from '../index/features.js';
import { indexParameters, type IndexParameters } from '../index/options.js';
import { UserError } from '../cli/errors.js';
import type { Store } from '../store/types.js';

/** Feature settings a database was indexed with: other settings would need a re-index. */
const FEATURE_KEY = 'index.features';

export function checkFeatureSettings(store: Store, params: IndexParameters): void {
  const mine = JSON.stringify({ version: 1, minUnitTerms: params.minUnitTerms, maxUnitTerms: params.maxUnitTerms });
  const stored = store.getState(FEATURE_KEY);
  if (stored === undefined) store.setState(FEATURE_KEY, mine);
  else if (stored !== mine) {
    throw new UserError(`${store.location}: indexed with other feature settings (${stored}); use a new database`);
  }
}

/** The in-memory candidate index over every indexed document. */
export function loadIndex(store: Store, overrides: Partial<IndexParameters> = {}): CandidateIndex {
  const params = indexParameters(overrides);
  checkFeatureSettings(store, params);
  const index = new CandidateIndex(params);
  for (const { seq, features } of storedFeatures(store)) index.add(seq, features);
  return index;
}

/** Every indexed document's features, decoded one at a time (not all held in memory). */
export function* storedFeatures(store: Store): Generator<{ seq: number; features: DocFeatures }> {
  for (const record of store.allFeatures()) yield { seq: record.seq, features: decodeFeatures(record.features) };
}
