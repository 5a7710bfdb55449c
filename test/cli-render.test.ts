import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AlignResult } from '../src/align/types.js';
import { coverageLine, renderCompare, sideBySide } from '../src/cli/render.js';

const A = 'The mayor said the bridge would stay closed for at least four months.';
const B = 'The mayor said the bridge would remain closed for a minimum of four months.';

test('plain mode marks removed words on A and added words on B', () => {
  const out = sideBySide(A, B, { width: 200, color: false });
  const [left, right] = out.split(' │ ');
  assert.match(left, /\[-stay-\]/);
  assert.match(left, /\[-at least-\]/);
  assert.match(right, /\{\+remain\+\}/);
  assert.match(right, /\{\+a minimum of\+\}/);
  assert.doesNotMatch(left, /\{\+/);
  assert.doesNotMatch(right, /\[-/);
  assert.doesNotMatch(out, /\x1b\[/);
});

test('color mode uses red for removed and green for added, no markers', () => {
  const out = sideBySide(A, B, { width: 200, color: true });
  assert.match(out, /\x1b\[31mstay\x1b\[39m/);
  assert.match(out, /\x1b\[32mremain\x1b\[39m/);
  assert.doesNotMatch(out, /\[-|\{\+/);
});

test('identical sides have no markers', () => {
  const out = sideBySide(A, A, { width: 100, color: false });
  assert.doesNotMatch(out, /\[-|\{\+/);
});

test('lines fit the requested width', () => {
  const long = `${A} ${B} `.repeat(6) + 'Supercalifragilisticexpialidociousandthensomemoreletters end.';
  const out = sideBySide(long, long.replace(/mayor/g, 'city leader'), { width: 60, color: false, keepLines: 100 });
  for (const line of out.split('\n')) assert.ok(line.length <= 60, `too wide (${line.length}): ${line}`);
  // Column separator sits at the same place on every line that has a left side.
  const positions = new Set(out.split('\n').map((line) => line.indexOf('│')));
  assert.equal(positions.size, 1);
});

test('long passages are abbreviated in the middle, keeping head and tail', () => {
  const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph number ${i + 1} of the story.`).join('\n\n');
  const out = sideBySide(paragraphs, paragraphs, { width: 100, color: false, keepLines: 5 });
  assert.match(out, /… \d+ more lines …/);
  assert.match(out, /Paragraph number 1 of/);
  assert.match(out, /Paragraph number 40 of/);
  assert.doesNotMatch(out, /Paragraph number 20 of/);
  assert.equal(out.split('\n').length, 5 * 2 + 1);
});

test('control characters in the input never reach the terminal', () => {
  const out = sideBySide('evil \x1b[2J text', 'evil \x1b[2J text', { width: 80, color: false });
  assert.doesNotMatch(out, /\x1b/);
});

test('full report: header, numbered passages, coverage and verdict', () => {
  const result: AlignResult = {
    passages: [
      {
        a: [0, A.length],
        b: [0, B.length],
        kind: 'edited',
        score: 0.876,
        evidence: { method: 'sentence-cluster', seeds: 2, similarity: 0.9, plainSimilarity: 0.8, verbatimShare: 0.7, sharedTerms: ['mayor', 'bridge'] },
      },
    ],
    coverage: { a: 1, b: 1 },
  };
  const out = renderCompare({ nameA: 'wire.txt', nameB: 'copy.txt', textA: A, textB: B, result }, { width: 100, color: false });
  assert.match(out, /A: wire\.txt/);
  assert.match(out, /B: copy\.txt/);
  assert.match(out, /Passage 1 of 1 · edited · score 0\.88 · A 0–\d+ · B 0–\d+/);
  assert.match(out, /shared: mayor, bridge/);
  assert.match(out, /\[-stay-\]/);
  assert.ok(out.includes(coverageLine(result)));
  assert.match(out, /Verdict: edited copy: B reuses 100% of A with changes\n$/);
});

test('empty result says so', () => {
  const out = renderCompare(
    { nameA: 'a', nameB: 'b', textA: 'x', textB: 'y', result: { passages: [], coverage: { a: 0, b: 0 } } },
    { width: 80, color: false },
  );
  assert.match(out, /No reused passages found\./);
  assert.match(out, /Verdict: no reuse found/);
});
