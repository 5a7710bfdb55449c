import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { panMeasures, plagdet, type Case } from '../src/eval/pan/measure.js';

/** A case or detection in pair (s, r) unless told otherwise. */
function ann(thisOffset: number, thisLength: number, srcOffset: number, srcLength: number, src = 'r'): Case {
  return { susp: 's', src, thisOffset, thisLength, srcOffset, srcLength };
}

function close(actual: number, expected: number, digits = 4): void {
  assert.equal(actual.toFixed(digits), expected.toFixed(digits));
}

describe('plagdet', () => {
  it('divides F1 by log2(1 + granularity)', () => {
    close(plagdet(1, 1, 2), 0.6309);
    close(plagdet(1, 1, 1), 1);
    close(plagdet(0.5, 1, 1), 2 / 3);
    assert.equal(plagdet(0, 0, 1), 0);
  });
});

describe('panMeasures', () => {
  it('scores no cases and no detections as perfect', () => {
    const m = panMeasures([], []);
    assert.deepEqual([m.recall, m.precision, m.granularity, m.plagdet], [1, 1, 1, 1]);
  });

  it('scores 0 when only one side is empty', () => {
    assert.equal(panMeasures([ann(0, 10, 0, 10)], []).plagdet, 0);
    const falseAlarm = panMeasures([], [ann(0, 10, 0, 10)]);
    assert.equal(falseAlarm.plagdet, 0);
    assert.equal(falseAlarm.precision, 0);
    assert.equal(falseAlarm.detections, 1);
  });

  it('scores an exact detection as perfect', () => {
    const m = panMeasures([ann(5, 20, 40, 30)], [ann(5, 20, 40, 30)]);
    assert.deepEqual([m.recall, m.precision, m.granularity, m.plagdet], [1, 1, 1, 1]);
  });

  it('counts covered characters in both documents (hand-computed partial overlap)', () => {
    // Case: susp [0,100), src [200,300). Detection: susp [0,50), src [200,400).
    // Recall: (50 + 100) / 200 = 0.75. Precision: (50 + 100) / (50 + 200) = 0.6.
    const m = panMeasures([ann(0, 100, 200, 100)], [ann(0, 50, 200, 200)]);
    close(m.recall, 0.75);
    close(m.precision, 0.6);
    assert.equal(m.granularity, 1);
    close(m.plagdet, (2 * 0.75 * 0.6) / 1.35);
  });

  it('gives granularity 2 for a case split into two detections', () => {
    const m = panMeasures([ann(0, 100, 0, 100)], [ann(0, 50, 0, 50), ann(50, 50, 50, 50)]);
    assert.equal(m.recall, 1);
    assert.equal(m.precision, 1);
    assert.equal(m.granularity, 2);
    close(m.plagdet, 0.6309);
  });

  it('does not count characters twice when detections overlap each other', () => {
    const m = panMeasures([ann(0, 100, 0, 100)], [ann(0, 60, 0, 60), ann(40, 60, 40, 60)]);
    assert.equal(m.recall, 1);
    assert.equal(m.granularity, 2);
  });

  it('lets one detection match two cases', () => {
    // The detection [0,150) x [0,150) covers both cases fully but only 200 of its 300 chars are gold.
    const cases = [ann(0, 50, 0, 50), ann(100, 50, 100, 50)];
    const m = panMeasures(cases, [ann(0, 150, 0, 150)]);
    assert.equal(m.recall, 1);
    close(m.precision, 200 / 300);
    assert.equal(m.granularity, 1);
  });

  it('requires overlap in both documents and the same document pair', () => {
    const c = ann(0, 100, 0, 100);
    assert.equal(panMeasures([c], [ann(0, 100, 500, 100)]).plagdet, 0); // only the suspicious side overlaps
    assert.equal(panMeasures([c], [ann(500, 100, 0, 100)]).plagdet, 0); // only the source side overlaps
    assert.equal(panMeasures([c], [ann(0, 100, 0, 100, 'other')]).plagdet, 0); // other source document
    assert.equal(panMeasures([c], [ann(100, 10, 100, 10)]).recall, 0); // touching ranges do not overlap
  });

  it('macro-averages recall over cases', () => {
    // First case found fully, second not at all: recall 0.5; the detection is all gold: precision 1.
    const m = panMeasures([ann(0, 10, 0, 10), ann(50, 10, 50, 10)], [ann(0, 10, 0, 10)]);
    close(m.recall, 0.5);
    assert.equal(m.precision, 1);
    assert.equal(m.cases, 2);
  });
});
