/**
 * Agreement between a clustering and gold labels: adjusted Rand index (Hubert & Arabie) and
 * pairwise precision/recall/F1 (a pair of items is "together" in a clustering or not).
 */

export interface ClusterMeasures {
  /** Adjusted Rand index: 1 = same partition, about 0 = no better than chance (can be negative). */
  ari: number;
  /** Share of pairs put together that the gold also has together (1 when none are put together). */
  precision: number;
  /** Share of gold pairs that are put together (1 when the gold has none). */
  recall: number;
  f1: number;
  items: number;
  goldClusters: number;
  predictedClusters: number;
}

function pairsOf(n: number): number {
  return (n * (n - 1)) / 2;
}

function sizes<T>(labels: readonly T[]): Map<T, number> {
  const out = new Map<T, number>();
  for (const label of labels) out.set(label, (out.get(label) ?? 0) + 1);
  return out;
}

/** `gold[i]` and `predicted[i]` label item i; labels only need to be comparable with ===. */
export function clusterMeasures<G, P>(gold: readonly G[], predicted: readonly P[]): ClusterMeasures {
  if (gold.length !== predicted.length) throw new Error(`clusterMeasures: ${gold.length} gold labels but ${predicted.length} predicted`);
  const goldSizes = sizes(gold);
  const predictedSizes = sizes(predicted);
  // Contingency cells keyed by the pair of labels (a nested map: labels may be any values).
  const cells = new Map<G, Map<P, number>>();
  gold.forEach((g, i) => {
    const row = cells.get(g) ?? new Map<P, number>();
    row.set(predicted[i], (row.get(predicted[i]) ?? 0) + 1);
    cells.set(g, row);
  });
  let together = 0;
  for (const row of cells.values()) for (const n of row.values()) together += pairsOf(n);
  let goldPairs = 0;
  for (const n of goldSizes.values()) goldPairs += pairsOf(n);
  let predictedPairs = 0;
  for (const n of predictedSizes.values()) predictedPairs += pairsOf(n);

  const all = pairsOf(gold.length);
  const expected = all === 0 ? 0 : (goldPairs * predictedPairs) / all;
  const best = (goldPairs + predictedPairs) / 2;
  // Both partitions trivial (all one cluster or all singletons): ARI is undefined; equal partitions score 1.
  const ari = best === expected ? (goldPairs === predictedPairs && together === goldPairs ? 1 : 0) : (together - expected) / (best - expected);
  const precision = predictedPairs === 0 ? 1 : together / predictedPairs;
  const recall = goldPairs === 0 ? 1 : together / goldPairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ari, precision, recall, f1, items: gold.length, goldClusters: goldSizes.size, predictedClusters: predictedSizes.size };
}
