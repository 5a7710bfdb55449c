import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AlignResult, Passage, PassageKind } from '../src/align/types.js';
import { percent, verdict, verdictKind } from '../src/align/verdict.js';

function passage(kind: PassageKind, a: [number, number], b: [number, number], verbatimShare = 1): Passage {
  return {
    a,
    b,
    kind,
    score: 0.9,
    evidence: { method: 'test', seeds: 3, similarity: 0.9, plainSimilarity: 0.9, verbatimShare, sharedTerms: [] },
  };
}

function result(passages: Passage[], a: number, b: number): AlignResult {
  return { passages, coverage: { a, b } };
}

test('no passages: no reuse found', () => {
  const r = result([], 0, 0);
  assert.equal(verdictKind(r), 'none');
  assert.equal(verdict(r), 'no reuse found');
});

test('one long verbatim passage covering most of A: verbatim copy', () => {
  const r = result([passage('verbatim', [0, 970], [40, 1010])], 0.97, 0.96);
  assert.equal(verdictKind(r), 'verbatim');
  assert.equal(verdict(r), 'verbatim copy: B reproduces 97% of A word for word (96% of B)');
});

test('equal coverage both ways is said once', () => {
  const r = result([passage('verbatim', [0, 1000], [0, 1000])], 1, 1);
  assert.equal(verdict(r), 'verbatim copy: B reproduces 100% of A word for word');
});

test('mix of verbatim and edited passages: edited copy', () => {
  const r = result(
    [passage('verbatim', [0, 400], [0, 380]), passage('edited', [400, 900], [380, 950], 0.6)],
    0.9,
    0.88,
  );
  assert.equal(verdictKind(r), 'edited');
  assert.match(verdict(r), /^edited copy: B reuses 90% of A with changes \(88% of B\)$/);
});

test('mostly paraphrase passages: paraphrase or translation', () => {
  const r = result(
    [passage('paraphrase', [0, 800], [0, 900], 0.1), passage('verbatim', [800, 850], [900, 950])],
    0.85,
    0.93,
  );
  assert.equal(verdictKind(r), 'paraphrase');
  assert.equal(verdict(r), 'paraphrase or translation: 93% of B is a reworded version of A (85% of A)');
});

test('small coverage: partial reuse with passage count and both shares', () => {
  const r = result([passage('verbatim', [0, 90], [10, 100]), passage('edited', [200, 290], [300, 400])], 0.18, 0.25);
  assert.equal(verdictKind(r), 'partial');
  assert.equal(verdict(r), 'partial reuse: 2 passages, 18% of A, 25% of B');
});

test('one passage is singular', () => {
  const r = result([passage('paraphrase', [0, 50], [0, 50])], 0.05, 0.1);
  assert.equal(verdict(r), 'partial reuse: 1 passage, 5% of A, 10% of B');
});

test('a short text fully inside a long one is still a copy', () => {
  // B is a short excerpt: all of B comes from A, only a fifth of A is used.
  const r = result([passage('verbatim', [0, 200], [0, 200])], 0.2, 1);
  assert.equal(verdictKind(r), 'verbatim');
  assert.equal(verdict(r), 'verbatim copy: B reproduces 20% of A word for word (100% of B)');
});

test('percent keeps tiny shares visible and clamps', () => {
  assert.equal(percent(0), '0%');
  assert.equal(percent(0.001), '<1%');
  assert.equal(percent(0.934), '93%');
  assert.equal(percent(1.2), '100%');
});
