import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, analyze, getLanguage } from '../src/text/index.js';

function split(text: string, code = 'en'): string[] {
  const spans = splitSentences(text, getLanguage(code));
  for (const [s, e] of spans) {
    assert.ok(s < e, 'empty span');
    assert.equal(text.slice(s, e), text.slice(s, e).trim(), 'span not trimmed');
  }
  return spans.map(([s, e]) => text.slice(s, e));
}

test('plain sentences', () => {
  assert.deepEqual(split('The pier closed. Boats moved away! Why now? Nobody knew.'), [
    'The pier closed.', 'Boats moved away!', 'Why now?', 'Nobody knew.',
  ]);
});

test('titles and political abbreviations do not end sentences', () => {
  assert.deepEqual(
    split('Sen. Mara Holt and Rep. Ted Ruiz met Gov. Lee and Lt. Col. Amos Dunn. Dr. Ray Ito and Mrs. Ito came too.'),
    ['Sen. Mara Holt and Rep. Ted Ruiz met Gov. Lee and Lt. Col. Amos Dunn.', 'Dr. Ray Ito and Mrs. Ito came too.'],
  );
});

test('U.S. inside a sentence, and at the end before a sentence starter', () => {
  assert.deepEqual(split('The U.S. Navy sent two ships to the U.K. Foreign Office talks.'), [
    'The U.S. Navy sent two ships to the U.K. Foreign Office talks.',
  ]);
  assert.deepEqual(split('She moved to the U.S. The next day she found work.'), [
    'She moved to the U.S.', 'The next day she found work.',
  ]);
  assert.deepEqual(split('Exports to the U.S. rose. But imports fell.'), ['Exports to the U.S. rose.', 'But imports fell.']);
  // Ambiguous capitalized word after U.S.: keep together.
  assert.deepEqual(split('He returned to the U.S. Congress in May.'), ['He returned to the U.S. Congress in May.']);
});

test('U.S. at the end of a paragraph ends the sentence', () => {
  assert.deepEqual(split('They flew home to the U.S.\n\nMarkets opened lower.'), [
    'They flew home to the U.S.', 'Markets opened lower.',
  ]);
});

test('company, place, month and time abbreviations', () => {
  assert.deepEqual(
    split('Acme Corp. and Zed Inc. signed on Jan. 4 in Tampa, Fla., at 9 a.m. The deal closed at 5 p.m. on Main St. in Camden, N.J., vs. rivals.'),
    [
      'Acme Corp. and Zed Inc. signed on Jan. 4 in Tampa, Fla., at 9 a.m.',
      'The deal closed at 5 p.m. on Main St. in Camden, N.J., vs. rivals.',
    ],
  );
  assert.deepEqual(split('The company moved to Boston, Mass. It hired No. 2 from Calif. Labs.'), [
    'The company moved to Boston, Mass.', 'It hired No. 2 from Calif. Labs.',
  ]);
});

test('an abbreviation spelled in lower case is an ordinary word', () => {
  assert.deepEqual(split('By noon he felt ill. Doctors came quickly.'), ['By noon he felt ill.', 'Doctors came quickly.']);
});

test('initials do not end sentences', () => {
  assert.deepEqual(split('The novel by J. K. Rowling sold well. George W. Bush read it.'), [
    'The novel by J. K. Rowling sold well.', 'George W. Bush read it.',
  ]);
});

test('decimals, thousands and ellipses', () => {
  assert.deepEqual(split('Growth was 3.5 percent, or $1,000.50 each. It was... fine. Then... Nothing happened.'), [
    'Growth was 3.5 percent, or $1,000.50 each.', 'It was... fine.', 'Then...', 'Nothing happened.',
  ]);
});

test('closing quotes and brackets belong to the sentence they end', () => {
  assert.deepEqual(split('He said, "We will rebuild." The crowd cheered.'), ['He said, "We will rebuild."', 'The crowd cheered.']);
  assert.deepEqual(split('She asked: \u201CWho paid?\u201D Nobody answered.'), ['She asked: \u201CWho paid?\u201D', 'Nobody answered.']);
  assert.deepEqual(split('\u2018Is it safe?\u2019 He nodded.'), ['\u2018Is it safe?\u2019', 'He nodded.']);
  assert.deepEqual(split('The vote passed (barely.) Debate ended.'), ['The vote passed (barely.)', 'Debate ended.']);
  // A quote that continues with a lower-case word does not end the sentence.
  assert.deepEqual(split('"Stop!" she shouted at the driver.'), ['"Stop!" she shouted at the driver.']);
});

test('datelines start the first sentence', () => {
  assert.deepEqual(split('WASHINGTON (AP) \u2014 The Senate passed the bill. It now goes to the House.'), [
    'WASHINGTON (AP) \u2014 The Senate passed the bill.', 'It now goes to the House.',
  ]);
  assert.deepEqual(split('LONDON, May 3 (Reuters) - Prices rose sharply. Traders were surprised.'), [
    'LONDON, May 3 (Reuters) - Prices rose sharply.', 'Traders were surprised.',
  ]);
  assert.deepEqual(split('WASHINGTON, D.C. (AP) \u2014 The talks ended.'), ['WASHINGTON, D.C. (AP) \u2014 The talks ended.']);
  assert.deepEqual(split('BERLIN (AP)\nThe museum reopened on Friday.'), ['BERLIN (AP)\nThe museum reopened on Friday.']);
});

test('paragraph breaks always end sentences; headlines are sentences', () => {
  assert.deepEqual(split('Harbour pier closed after cracks found\n\nThe pier was shut on Tuesday'), [
    'Harbour pier closed after cracks found', 'The pier was shut on Tuesday',
  ]);
  assert.deepEqual(split('Harbour pier closed after cracks found\nWASHINGTON (AP) \u2014 The pier was shut on Tuesday.'), [
    'Harbour pier closed after cracks found', 'WASHINGTON (AP) \u2014 The pier was shut on Tuesday.',
  ]);
  // An indented line starts a new paragraph.
  assert.deepEqual(split('First paragraph ends here without a stop\n    Second paragraph begins here.'), [
    'First paragraph ends here without a stop', 'Second paragraph begins here.',
  ]);
});

test('hard-wrapped lines do not split sentences', () => {
  const text = [
    'The harbour authority closed the northern pier on Tuesday after',
    'inspectors found cracks in three of its concrete pillars, and the',
    'Port Calder fishing fleet was told to move to the southern basin',
    'until further notice. Engineers said repairs could take most of',
    'the summer, according to the office of the harbour master, Mayor Ellen',
    'Park and two council members who visited the site on Wednesday.',
    'The repair plan is on the agenda for next week.',
  ].join('\n');
  assert.deepEqual(split(text).map((s) => s.replace(/\s+/g, ' ')), [
    'The harbour authority closed the northern pier on Tuesday after inspectors found cracks in three of its concrete pillars, and the Port Calder fishing fleet was told to move to the southern basin until further notice.',
    'Engineers said repairs could take most of the summer, according to the office of the harbour master, Mayor Ellen Park and two council members who visited the site on Wednesday.',
    'The repair plan is on the agenda for next week.',
  ]);
});

test('a short unpunctuated line in hard-wrapped text is a headline', () => {
  const text = [
    'Pier reopens',
    'The harbour authority reopened the northern pier on Friday after a',
    'month of repairs to three of its concrete pillars, officials said.',
    'Fishing boats were expected back in the northern basin by Monday.',
  ].join('\n');
  assert.deepEqual(split(text).map((s) => s.replace(/\s+/g, ' ')), [
    'Pier reopens',
    'The harbour authority reopened the northern pier on Friday after a month of repairs to three of its concrete pillars, officials said.',
    'Fishing boats were expected back in the northern basin by Monday.',
  ]);
});

test('degenerate inputs', () => {
  assert.deepEqual(split(''), []);
  assert.deepEqual(split('   \n\n\t '), []);
  assert.deepEqual(split('no punctuation at all'), ['no punctuation at all']);
  assert.deepEqual(split('...'), ['...']);
  assert.deepEqual(split('a.b.c.d. e'), ['a.b.c.d. e']);
  assert.deepEqual(split('Windows\r\nline\r\n\r\nends.'), ['Windows\r\nline', 'ends.']);
});

test('other languages use their own titles', () => {
  assert.deepEqual(split('M. Dupont est arrivé. Il a parlé.', 'fr'), ['M. Dupont est arrivé.', 'Il a parlé.']);
  assert.deepEqual(split('Hr. Weber kam spät. Er sprach lange.', 'de'), ['Hr. Weber kam spät.', 'Er sprach lange.']);
});

test('analyze: every token in exactly one sentence, in order', () => {
  const text = 'Pier closed\n\nWASHINGTON (AP) \u2014 The U.S. Senate met. "Done." ... Then rain fell; it\u2019s wet. ---';
  const a = analyze(text);
  let next = 0;
  for (const s of a.sentences) {
    assert.equal(s.firstToken, next);
    assert.ok(s.endToken > s.firstToken);
    for (let t = s.firstToken; t < s.endToken; t++) {
      assert.ok(a.tokens[t].start >= s.start && a.tokens[t].end <= s.end);
    }
    next = s.endToken;
  }
  assert.equal(next, a.tokens.length);
  assert.deepEqual(
    a.sentences.map((s) => text.slice(s.start, s.end)),
    ['Pier closed', 'WASHINGTON (AP) \u2014 The U.S. Senate met.', '"Done."', 'Then rain fell; it\u2019s wet.'],
  );
});

test('analyze does not throw on empty or letterless text', () => {
  assert.deepEqual(analyze('').sentences, []);
  assert.deepEqual(analyze('').tokens, []);
  assert.deepEqual(analyze('!!! ... --- ???').sentences, []);
});

test('analyze handles a very long text without recursion or quadratic time', () => {
  const unit = 'The pier closed on Tuesday. Sen. Holt said the U.S. Navy would help, and repairs cost 3.5 million. ';
  const long = unit.repeat(20000) + 'x'.repeat(200000) + '.'.repeat(100000) + ' end';
  const a = analyze(long);
  assert.ok(a.sentences.length >= 40000);
  assert.equal(a.sentences[a.sentences.length - 1].endToken, a.tokens.length);
  // One giant line with no spaces and many dots.
  const b = analyze('a.'.repeat(300000));
  assert.equal(b.tokens.length, 300000);
  assert.equal(b.sentences.length, 1);
});

test('a list of short capitalized lines gives one sentence per line', () => {
  const text = 'Harbour News\nPier Closed Again\nFerry Times Change\nMarket Day Moves';
  assert.deepEqual(split(text), ['Harbour News', 'Pier Closed Again', 'Ferry Times Change', 'Market Day Moves']);
});
