import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterMeasures } from '../src/eval/cluster-measure.js';

function close(actual: number, expected: number, digits = 4): void {
  assert.equal(actual.toFixed(digits), expected.toFixed(digits));
}

describe('clusterMeasures', () => {
  it('scores the same partition under other names as perfect', () => {
    const m = clusterMeasures(['a', 'a', 'b', 'b', 'c'], [7, 7, 3, 3, 9]);
    assert.deepEqual([m.ari, m.precision, m.recall, m.f1], [1, 1, 1, 1]);
    assert.deepEqual([m.items, m.goldClusters, m.predictedClusters], [5, 3, 3]);
  });

  it('matches a hand-computed case', () => {
    // Together: 2 of 3 predicted pairs, 2 of 6 gold pairs; expected index 6 * 3 / 15 = 1.2, max 4.5.
    const m = clusterMeasures([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]);
    close(m.ari, (2 - 1.2) / (4.5 - 1.2));
    close(m.precision, 2 / 3);
    close(m.recall, 1 / 3);
    close(m.f1, 4 / 9);
  });

  it('scores one big cluster: full recall, precision = share of true pairs, ARI 0', () => {
    const m = clusterMeasures(['a', 'a', 'b', 'b'], [1, 1, 1, 1]);
    assert.equal(m.recall, 1);
    close(m.precision, 2 / 6);
    close(m.ari, 0);
  });

  it('handles trivial partitions: all singletons on both sides agree', () => {
    const m = clusterMeasures(['a', 'b', 'c'], [1, 2, 3]);
    assert.deepEqual([m.ari, m.precision, m.recall], [1, 1, 1]);
    assert.equal(clusterMeasures([], []).ari, 1);
  });

  it('refuses label lists of different lengths', () => {
    assert.throws(() => clusterMeasures(['a'], [1, 2]), /1 gold labels but 2 predicted/);
  });
});
