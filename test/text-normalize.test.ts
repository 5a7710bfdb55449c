import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize, toOriginal } from '../src/text/index.js';

/** Every normalized char maps to an original offset; the map is non-decreasing. */
function checkMap(original: string, n: ReturnType<typeof normalize>): void {
  assert.equal(n.map.length, n.text.length + 1);
  assert.equal(n.map[n.text.length], original.length);
  for (let i = 1; i < n.map.length; i++) assert.ok(n.map[i] >= n.map[i - 1], `map not monotone at ${i}`);
}

test('folds curly quotes, primes and dashes to ASCII', () => {
  const text = '\u201CLook,\u201D she said \u2014 \u00ABnow\u00BB \u2018ok\u2019 5\u2032 3\u2033 a\u2013b \u201Eyes\u201C';
  const n = normalize(text);
  assert.equal(n.text, `"Look," she said - "now" 'ok' 5' 3" a-b "yes"`);
  checkMap(text, n);
});

test('collapses whitespace, reflows single line breaks, keeps paragraph breaks', () => {
  const text = '  The pier   was\nclosed on\r\nMonday.\n\n\n  Repairs\t start soon.  \n';
  const n = normalize(text);
  assert.equal(n.text, 'The pier was closed on Monday.\n\nRepairs start soon.');
  checkMap(text, n);
  // "Repairs" in normalized text maps back to "Repairs" in the original.
  const i = n.text.indexOf('Repairs');
  const [s, e] = toOriginal(n, [i, i + 'Repairs'.length]);
  assert.equal(text.slice(s, e), 'Repairs');
});

test('blank lines made of spaces count as paragraph breaks', () => {
  assert.equal(normalize('one\n   \ntwo').text, 'one\n\ntwo');
  assert.equal(normalize('one\u2029two').text, 'one\n\ntwo');
});

test('removes zero-width characters and soft hyphens', () => {
  const text = 'news\u00ADpaper zero\u200Bwidth \uFEFFbom';
  const n = normalize(text);
  assert.equal(n.text, 'newspaper zerowidth bom');
  checkMap(text, n);
  const i = n.text.indexOf('paper');
  assert.equal(text.slice(...toOriginal(n, [i, i + 5])), 'paper');
});

test('NFKC expands ligatures and fullwidth forms with a correct map', () => {
  const text = 'ﬁne ＡＢＣ caf\u0065\u0301 done';
  const n = normalize(text);
  assert.equal(n.text, 'fine ABC caf\u00E9 done');
  checkMap(text, n);
  // The two chars "fi" both come from the one ligature.
  assert.equal(n.map[0], 0);
  assert.equal(n.map[1], 0);
  // "done" keeps its place although earlier characters changed length.
  const i = n.text.indexOf('done');
  assert.equal(text.slice(...toOriginal(n, [i, i + 4])), 'done');
  // The composed é maps back to e + combining acute.
  const j = n.text.indexOf('\u00E9');
  assert.equal(text.slice(...toOriginal(n, [j, j + 1])), 'e\u0301');
  // A span ending inside an expanded ligature covers the whole ligature.
  assert.deepEqual(toOriginal(n, [0, 1]), [0, 1]);
});

test('empty and whitespace-only texts', () => {
  assert.equal(normalize('').text, '');
  assert.deepEqual([...normalize('').map], [0]);
  const n = normalize(' \n\n ');
  assert.equal(n.text, '');
  assert.deepEqual([...n.map], [4]);
});

test('characters outside the BMP keep a consistent map', () => {
  const text = 'a \u{1D400}\u{1F600} b';
  const n = normalize(text);
  checkMap(text, n);
  assert.ok(n.text.endsWith(' b'));
  assert.equal(text.slice(...toOriginal(n, [n.text.length - 1, n.text.length])), 'b');
});
