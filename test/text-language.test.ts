import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyze, english, getLanguage, listLanguages, loadWordNet, registerLanguage, wordnetCanonical,
  type Language,
} from '../src/text/index.js';

function canon(word: string): string {
  return english.canonical(word, english.stem(word));
}

test('English Snowball stems', () => {
  assert.equal(english.stem('running'), 'run');
  assert.equal(english.stem('detained'), 'detain');
  assert.equal(english.stem('inspectors'), 'inspector');
  assert.equal(english.stem('generously'), 'generous');
});

test('English stopwords include function words but not content words', () => {
  for (const w of ['the', 'and', 'of', 'would', "don't", 'themselves']) assert.equal(english.isStopword(w), true, w);
  for (const w of ['harbour', 'pier', 'senate', 'cracks']) assert.equal(english.isStopword(w), false, w);
});

test('English abbreviations cover news usage', () => {
  for (const a of ['u.s', 'sen', 'rep', 'gov', 'mr', 'inc', 'jan', 'fla', 'calif']) assert.ok(english.abbreviations.has(a), a);
});

test('WordNet loads a table of lemmas', () => {
  const info = loadWordNet();
  assert.ok(info.lemmas > 50000, `only ${info.lemmas} lemmas`);
  assert.ok(info.source === 'cache' || info.source === 'built');
});

test('words sharing their most frequent synset share a canon', () => {
  // Pairs checked in the WordNet 3.1 index files: same first synset offset.
  assert.equal(canon('sickness'), canon('illness'));
  assert.equal(canon('car'), canon('automobile'));
  assert.equal(canon('mistake'), canon('error'));
  assert.equal(canon('pupil'), canon('student'));
  assert.equal(canon('big'), canon('large'));
  assert.equal(canon('commence'), canon('begin'));
  assert.equal(canon('start'), canon('begin'));
});

test('inflected forms reach their lemma (morphy)', () => {
  assert.equal(canon('detaining'), canon('detained'));
  assert.equal(canon('detained'), canon('detain'));
  assert.equal(canon('cars'), canon('automobiles'));
  assert.equal(canon('started'), canon('commenced'));
  assert.equal(canon('stopped'), canon('stop'));
  assert.equal(canon('bought'), canon('buy'));
  assert.equal(canon("student's"), canon('pupils'));
});

test('unrelated words keep distinct canons', () => {
  assert.notEqual(canon('car'), canon('disease'));
  assert.notEqual(canon('student'), canon('mistake'));
  // "intelligence" lists the news synset too, but its own main sense is a different one.
  assert.notEqual(canon('news'), canon('intelligence'));
  assert.notEqual(canon('big'), canon('small'));
});

test('stopwords, numbers and unknown words fall back to the stem', () => {
  assert.equal(canon('the'), 'the');
  assert.equal(canon('1999'), '1999');
  assert.equal(canon('zorbleflux'), english.stem('zorbleflux'));
  assert.equal(wordnetCanonical('zorbleflux'), null);
});

test('registry: English by default, generic languages, clear error for unknown codes', () => {
  assert.equal(getLanguage().code, 'en');
  assert.equal(getLanguage('EN'), english);
  for (const code of ['fr', 'de', 'es', 'it', 'pt', 'nl', 'ru']) {
    const lang = getLanguage(code);
    assert.equal(lang.code, code);
    assert.equal(lang.canonical('x', 'y'), 'y');
  }
  assert.equal(getLanguage('fr').stem('maisons'), 'maison');
  assert.equal(getLanguage('de').isStopword('und'), true);
  assert.equal(getLanguage('es').isStopword('casa'), false);
  assert.equal(getLanguage('ru').stem('книги'), 'книг');
  assert.throws(() => getLanguage('xx'), /unknown language "xx"/);
  assert.ok(listLanguages().includes('nl'));
});

test('registerLanguage adds a language usable by analyze', () => {
  const shout: Language = {
    code: 'zz',
    isStopword: (w) => w === 'la',
    stem: (w) => w.slice(0, 3),
    canonical: (_w, s) => s.toUpperCase(),
    abbreviations: new Set(['abc']),
  };
  registerLanguage(shout);
  assert.equal(getLanguage('zz'), shout);
  const a = analyze('La montagne Abc. Bleue.', { language: 'zz' });
  assert.equal(a.language, 'zz');
  // Capitalized words inside the sentence are treated as names: canon = stem.
  assert.deepEqual(a.tokens.map((t) => t.canon), ['LA', 'MON', 'abc', 'ble']);
  assert.deepEqual(a.tokens.map((t) => t.stop), [true, false, false, false]);
  assert.equal(a.sentences.length, 1); // "abc." is an abbreviation in this language
  assert.throws(() => analyze('x', { language: 'qq' }), /unknown language/);
});

test('analyze with a generic language', () => {
  const a = analyze('Les maisons sont grandes. Elles sont belles.', { language: 'fr' });
  assert.equal(a.sentences.length, 2);
  const maisons = a.tokens.find((t) => t.norm === 'maisons')!;
  assert.equal(maisons.stem, 'maison');
  assert.equal(maisons.canon, 'maison');
  assert.equal(a.tokens.find((t) => t.norm === 'les')!.stop, true);
});

test('capitalized words inside a sentence are names: canon = stem', () => {
  const a = analyze('Students met John at the school. John thanked the students.');
  const tok = (i: number) => a.tokens[i];
  assert.equal(tok(0).norm, 'students');
  assert.equal(tok(0).canon, canon('students')); // sentence-initial: synonyms kept
  assert.equal(tok(2).norm, 'john');
  assert.equal(tok(2).canon, tok(2).stem); // mid-sentence capital: literal
  assert.equal(a.tokens[a.tokens.length - 1].canon, canon('students'));
});
