import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countArticle, goldFromBrat, measures, parseBrat, speakerMatches } from '../src/eval/quotes.js';

// A made-up article and a brat annotation in PolNeAR's shape (offsets computed from the text).
const TEXT = '“We will reopen the bridge,” said Ines Moreau. She added that the work was “nearly done” and the council agreed.';
const at = (s: string) => [TEXT.indexOf(s), TEXT.indexOf(s) + s.length] as const;
const [quoteStart, quoteEnd] = at('“We will reopen the bridge,”');
const [srcStart, srcEnd] = at('Ines Moreau');
const [saidStart, saidEnd] = at('said');
const [sheStart, sheEnd] = at('She');
const [addedStart, addedEnd] = at('added');
const [thatStart] = at('that the work');
const [, doneEnd] = at('nearly done”');
const [, councilEnd] = at('and the council');
const ANN = [
  `T1\tSource ${srcStart} ${srcEnd}\tInes Moreau`,
  `T2\tCue ${saidStart} ${saidEnd}\tsaid`,
  `T3\tContent ${quoteStart} ${quoteEnd}\t“We will reopen the bridge,”`,
  `T4\tAttribution ${saidStart} ${saidEnd}\tsaid`,
  'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
  `T5\tSource ${sheStart} ${sheEnd}\tShe`,
  `T6\tCue ${addedStart} ${addedEnd}\tadded`,
  `T7\tContent ${thatStart} ${doneEnd};${doneEnd + 1} ${councilEnd}\tthat the work was “nearly done” and the council`,
  `T8\tAttribution ${addedStart} ${addedEnd}\tadded`,
  'E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5',
  '#1\tAnnotatorNotes T7\ta note',
].join('\n');

test('parseBrat reads spans (discontinuous too) and relations', () => {
  const doc = parseBrat(ANN);
  assert.deepEqual(doc.spans.get('T7')?.ranges, [
    [thatStart, doneEnd],
    [doneEnd + 1, councilEnd],
  ]);
  assert.equal(doc.relations.length, 2);
  assert.deepEqual(doc.relations[0].get('Source')?.ranges, [[srcStart, srcEnd]]);
});

test('gold direct quotes are the Contents that start with a quotation mark', () => {
  const gold = goldFromBrat(TEXT, ANN);
  assert.equal(gold.quotes.length, 1);
  assert.deepEqual([gold.quotes[0].start, gold.quotes[0].end], [quoteStart, quoteEnd]);
  assert.deepEqual(gold.contents, [
    [quoteStart, quoteEnd],
    [thatStart, councilEnd],
  ]);
});

test('recall, exact recall, precision and speaker accuracy', () => {
  const gold = goldFromBrat(TEXT, ANN);
  const counts = countArticle(TEXT, gold, [
    { start: quoteStart + 1, end: quoteEnd - 2, speaker: { name: 'Ines Moreau', start: srcStart, end: srcEnd } }, // within 2 chars
    { start: TEXT.indexOf('“nearly'), end: doneEnd, speaker: null }, // a partial quote inside an indirect Content
    { start: 0, end: 5, speaker: null }, // overlaps the gold quote too
  ]);
  const m = measures(counts);
  assert.equal(m.gold, 1);
  assert.equal(m.found, 1);
  assert.equal(m.exact, 1);
  assert.equal(m.precision, 1);
  assert.equal(m.speakerAccuracy, 1);
});

test('a prediction outside every Content is a false positive; a late end is not exact', () => {
  const gold = goldFromBrat(TEXT, ANN);
  const m = measures(countArticle(TEXT, gold, [{ start: 0, end: quoteEnd + 6, speaker: null }, { start: srcStart, end: srcEnd, speaker: null }]));
  assert.equal(m.exact, 0);
  assert.equal(m.found, 1);
  assert.equal(m.precision, 0.5);
  assert.equal(m.speakerAccuracy, 0);
});

test('a speaker is right by overlapping span or by resolved name', () => {
  assert.ok(speakerMatches(TEXT, [[srcStart, srcEnd]], { name: 'x', start: srcEnd - 2, end: srcEnd + 5 }));
  assert.ok(speakerMatches(TEXT, [[srcStart, srcEnd]], { name: 'Dr. Ines Moreau', start: 0, end: 1 }));
  assert.ok(!speakerMatches(TEXT, [[sheStart, sheEnd]], { name: 'She', start: 0, end: 1 }), 'pronouns only match by span');
  assert.ok(!speakerMatches(TEXT, [[srcStart, srcEnd]], null));
});
