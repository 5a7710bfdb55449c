import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, analyze } from '../src/text/index.js';

function surfaces(text: string): string[] {
  return tokenize(text).map((t) => text.slice(t.start, t.end));
}

test('words are runs of letters and digits; offsets point into the original', () => {
  const text = 'The ferry left at 7:45, carrying 1,200 passengers (mostly tourists).';
  const tokens = tokenize(text);
  assert.deepEqual(
    tokens.map((t) => t.norm),
    ['the', 'ferry', 'left', 'at', '7', '45', 'carrying', '1', '200', 'passengers', 'mostly', 'tourists'],
  );
  for (const t of tokens) assert.equal(text.slice(t.start, t.end).toLowerCase(), t.norm);
});

test('apostrophes inside words are kept and folded; hyphens split', () => {
  const text = 'People\u2019s don\'t much-maligned \u2018quoted\u2019 rock\u2019n\u2019roll';
  assert.deepEqual(surfaces(text), ['People\u2019s', "don't", 'much', 'maligned', 'quoted', 'rock\u2019n\u2019roll']);
  assert.deepEqual(
    tokenize(text).map((t) => t.norm),
    ["people's", "don't", 'much', 'maligned', 'quoted', "rock'n'roll"],
  );
});

test('norm is lower-case NFKC; accents and non-Latin scripts are words', () => {
  const text = 'ＡＢＣ ﬁnal Café naïve Москва 東京 e\u0301te\u0301';
  const tokens = tokenize(text);
  assert.deepEqual(
    tokens.map((t) => t.norm),
    ['abc', 'final', 'café', 'naïve', 'москва', '東京', '\u00E9t\u00E9'],
  );
  assert.equal(text.slice(tokens[1].start, tokens[1].end), 'ﬁnal');
  assert.equal(text.slice(tokens[6].start, tokens[6].end), 'e\u0301te\u0301');
});

test('soft hyphens and zero-width joiners do not split a word', () => {
  const text = 'a news\u00ADpaper story';
  const tokens = tokenize(text);
  assert.deepEqual(tokens.map((t) => t.norm), ['a', 'newspaper', 'story']);
  assert.equal(text.slice(tokens[1].start, tokens[1].end), 'news\u00ADpaper');
});

test('no words: empty list', () => {
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(tokenize(' -- ... !? \n\n'), []);
});

test('analyze fills stem, canon and stop for each token', () => {
  const a = analyze('The inspectors were detaining two fishermen.');
  const byNorm = new Map(a.tokens.map((t) => [t.norm, t]));
  assert.equal(byNorm.get('the')!.stop, true);
  assert.equal(byNorm.get('inspectors')!.stop, false);
  assert.equal(byNorm.get('inspectors')!.stem, 'inspector');
  assert.equal(byNorm.get('detaining')!.stem, 'detain');
  for (const t of a.tokens) assert.equal(a.text.slice(t.start, t.end).toLowerCase(), t.norm);
});

test('a mangled apostrophe (U+0019) is read as an apostrophe', () => {
  const text = 'the system\u0019s rules';
  assert.deepEqual(tokenize(text).map((t) => t.norm), ['the', "system's", 'rules']);
});
