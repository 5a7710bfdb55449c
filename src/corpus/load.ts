import { CandidateIndex } from '../index/candidates.js';
import { decodeFeatures, type DocFeatures } from '../index/features.js';
import { indexParameters, type IndexParameters } from '../index/options.js';
import { UserError } from '../cli/errors.js';
import type { Store } from '../store/types.js';

/** Feature settings a database was indexed with: other settings would need a re-index. */
export const FEATURE_KEY = 'index.features';

/** What the stored features depend on, as stored under FEATURE_KEY. */
export function featureSettings(params: IndexParameters): string {
  return JSON.stringify({ version: 1, minUnitTerms: params.minUnitTerms, maxUnitTerms: params.maxUnitTerms });
}

/** Records the feature settings of a new store; refuses other settings on an indexed one. */
export function compareFeatureSettings(location: string, stored: string | undefined, params: IndexParameters): string | null {
  const mine = featureSettings(params);
  if (stored !== undefined && stored !== mine) {
    throw new UserError(`${location}: indexed with other feature settings (${stored}); use a new database`);
  }
  return stored === undefined ? mine : null;
}

export function checkFeatureSettings(store: Store, params: IndexParameters): void {
  const record = compareFeatureSettings(store.location, store.getState(FEATURE_KEY), params);
  if (record !== null) store.setState(FEATURE_KEY, record);
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
