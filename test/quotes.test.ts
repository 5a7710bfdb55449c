import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractQuotes, type Quote } from '../src/quotes/index.js';
import { runMimeo } from './cli-run.js';

// Every article here is made up for the tests.

function only(text: string): Quote {
  const quotes = extractQuotes(text);
  assert.equal(quotes.length, 1, JSON.stringify(quotes.map((q) => text.slice(q.start, q.end))));
  return quotes[0];
}

function spanOf(text: string, q: { start: number; end: number }): string {
  return text.slice(q.start, q.end);
}

test('a quote split by its attribution is one quote in two parts', () => {
  const text = 'Mayor Lena Okafor defended the budget on Monday. “We cut nothing that matters,” she said, “and we kept every library open.”';
  const q = only(text);
  assert.equal(spanOf(text, q), '“We cut nothing that matters,” she said, “and we kept every library open.”');
  assert.equal(q.parts.length, 2);
  assert.equal(q.text, 'We cut nothing that matters, and we kept every library open.');
  assert.equal(q.cue?.verb, 'say');
  assert.equal(spanOf(text, q.cue!), 'said');
  assert.equal(q.speaker?.mention, 'she');
  assert.equal(q.speaker?.kind, 'pronoun');
  assert.equal(q.speaker?.name, 'Lena Okafor');
});

test('a quote ending its sentence is not joined with the next one', () => {
  const text = '“The river is rising,” said Oskar Lind, a local farmer. “We need sandbags now.”';
  const quotes = extractQuotes(text);
  assert.equal(quotes.length, 2);
  assert.equal(quotes[0].speaker?.name, 'Oskar Lind');
  assert.equal(quotes[0].speaker?.role, 'local farmer');
  assert.equal(quotes[1].speaker?.name, 'Oskar Lind', 'the next sentence keeps the speaker');
  assert.equal(quotes[1].cue, null);
});

test('a short quoted sentence right after the speaker\'s attributed quote is kept, with that speaker', () => {
  const text = 'Mayor Ada Brennan was asked about the lawsuits. "They sue," she said. "Everybody sues."';
  const quotes = extractQuotes(text);
  assert.deepEqual(quotes.map((q) => [spanOf(text, q), q.speaker?.name]), [['"They sue,"', 'Ada Brennan'], ['"Everybody sues."', 'Ada Brennan']]);
  // With another sentence between them it is no longer the same speech.
  const apart = 'Mayor Ada Brennan spoke. "No," she said. Then the council voted. "Fine."';
  assert.deepEqual(extractQuotes(apart).map((q) => spanOf(apart, q)), ['"No,"']);
});

test('a multi-paragraph quote: a paragraph opens a quote and the next one goes on with a new mark', () => {
  const text = [
    'The harbour master, Tomas Brandt, described the storm in detail.',
    '“The first wave hit the pier at midnight. Nobody was hurt.',
    '“By morning the boats were back in the water,” Brandt said.',
  ].join('\n\n');
  const q = only(text);
  assert.equal(q.paragraphs, 2);
  assert.equal(q.parts.length, 2);
  assert.equal(q.parts[0].closed, false);
  assert.ok(spanOf(text, q).startsWith('“The first wave') && spanOf(text, q).endsWith('water,”'));
  assert.equal(q.speaker?.name, 'Tomas Brandt');
});

test('nested single quotes stay inside the double quote', () => {
  const text = '“He told me ‘never again’ and walked out,” said Ana Ruiz, a union organiser.';
  const q = only(text);
  assert.equal(q.start, 0);
  assert.equal(spanOf(text, q), '“He told me ‘never again’ and walked out,”');
  assert.equal(q.speaker?.name, 'Ana Ruiz');
  assert.equal(q.speaker?.role, 'union organiser');
});

test('guillemets, „German“ marks, British single quotes and doubled apostrophes', () => {
  const text = '«We will stay here», said Pierre Lamy. „We are not leaving this town“, Jonas Weber said.';
  const quotes = extractQuotes(text);
  assert.deepEqual(quotes.map((q) => q.text), ['We will stay here', 'We are not leaving this town']);
  assert.deepEqual(quotes.map((q) => q.speaker?.name), ['Pierre Lamy', 'Jonas Weber']);

  const british = '‘We have done nothing wrong,’ said Harriet Cole, the club’s chairwoman. ‘The fans deserve better.’';
  assert.deepEqual(extractQuotes(british).map((q) => q.text), ['We have done nothing wrong,', 'The fans deserve better.']);

  const doubled = "''The vote is ours,'' said Ruth Amsel. ''We counted every ballot twice.''";
  assert.deepEqual(extractQuotes(doubled).map((q) => q.text), ['The vote is ours,', 'We counted every ballot twice.']);
});

test('apostrophes, decades and inch marks are not quote marks', () => {
  const text = "The '90s were the players' best years, and rock 'n' roll didn't die. He is 6'2\" tall and the board is 12\" wide. “It’s fine,” said Mr. Dale.";
  const q = only(text);
  assert.equal(spanOf(text, q), '“It’s fine,”');
});

test('a curly inch sign inside a quote does not close it', () => {
  const text = '“Look at him, he is barely 5’4”. You cannot trust a short reach,” said Vera Holm.';
  const q = only(text);
  assert.equal(spanOf(text, q), '“Look at him, he is barely 5’4”. You cannot trust a short reach,”');
  assert.equal(q.speaker?.name, 'Vera Holm');
  // With no later mark to close it, the mark after the height closes the quote.
  const ending = 'The coach said: “He is 6’1”';
  assert.equal(spanOf(ending, only(ending)), '“He is 6’1”');
});

test('an unbalanced mark never swallows the rest of the article', () => {
  const text = [
    'The council met on Tuesday. “We will vote next week, said the chair, Rosa Lind.',
    'The vote was postponed.',
    'Members left early and the hall was locked.',
    '“It was a long day,” Lind said.',
  ].join('\n\n');
  const quotes = extractQuotes(text);
  for (const q of quotes) assert.ok(!spanOf(text, q).includes('\n'), `runaway quote: ${spanOf(text, q)}`);
  assert.ok(quotes.some((q) => q.text === 'It was a long day,' && q.speaker?.name === 'Rosa Lind'));

  const stray = 'Prices rose again." The shops were full all week.\n\n“Buy early,” a trader said.';
  assert.deepEqual(extractQuotes(stray).map((q) => q.text), ['Buy early,']);
});

test('broken marks from a bad conversion are joined, not spread over the paragraph', () => {
  const text = '"These are the efforts we made to cure the" illness "and protect people from harm, "Dana Pell said.\n\nNothing else was said.';
  const q = only(text);
  assert.ok(spanOf(text, q).startsWith('"These are') && spanOf(text, q).endsWith('harm, "'));
  assert.equal(q.speaker?.name, 'Dana Pell');
});

test('a 1 MB paragraph without punctuation finishes quickly', () => {
  const words = ['river', 'stone', 'Market', 'said', 'the', 'quietly', 'North'];
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < 1_000_000; i++) {
    const word = words[(i * 5 + (i >> 2)) % words.length] + (i % 97 === 0 ? '"' : i % 89 === 0 ? "'" : '');
    parts.push(word);
    length += word.length + 1;
  }
  const text = parts.join(' ');
  const t0 = performance.now();
  const quotes = extractQuotes(text);
  const ms = performance.now() - t0;
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
  for (const q of quotes) assert.ok(q.end - q.start < 2000, 'no quote spans the whole paragraph');
});

test('pronouns and titles resolve to the person the article introduced', () => {
  const text = [
    'Vera Kolar, the port authority spokeswoman, spoke to reporters. “The ships will wait,” the spokeswoman said.',
    'Kolar later added that delays were likely. “Nobody wants this,” she said.',
  ].join('\n\n');
  const quotes = extractQuotes(text);
  assert.equal(quotes.length, 2);
  assert.equal(quotes[0].speaker?.kind, 'title');
  assert.equal(quotes[0].speaker?.mention, 'the spokeswoman');
  assert.equal(quotes[0].speaker?.name, 'Vera Kolar');
  assert.equal(quotes[1].speaker?.kind, 'pronoun');
  assert.equal(quotes[1].speaker?.name, 'Vera Kolar');
  assert.equal(quotes[1].speaker?.role, 'port authority spokeswoman');
});

test('a quote signed on the next line after a dash takes that name', () => {
  const text = 'Readers wrote in about the ferry.\n\n"The crossing is our only road to the mainland."\n\n- Ada Brennan, Pell Creek.\n\nThe board meets again in May.';
  const q = only(text);
  assert.equal(q.speaker?.name, 'Ada Brennan');
  assert.equal(text.slice(q.speaker!.start, q.speaker!.end), 'Ada Brennan');
});

test('places and groups are not people a pronoun can stand for', () => {
  const text = 'Nora Vell campaigned in West Virginia on Monday. “We will win here,” she said.';
  assert.equal(only(text).speaker?.name, 'Nora Vell');
});

test('a surname resolves to the full name; a title before the name is its role', () => {
  const text = 'Harbour Board Chairman Ilse Brenner opened the meeting. Later, “We are ready,” Brenner told reporters.';
  const q = only(text);
  assert.equal(q.speaker?.mention, 'Brenner');
  assert.equal(q.speaker?.name, 'Ilse Brenner');
  assert.equal(q.speaker?.role, 'Harbour Board Chairman');
  assert.equal(q.cue?.verb, 'tell');
});

test('"according to" attributions, before and after the quote', () => {
  const text = '“Prices will rise by spring,” according to Marta Ionescu, an economist at the central bank. According to the ministry, “the plan is final.”';
  const quotes = extractQuotes(text);
  assert.equal(quotes.length, 2);
  assert.equal(quotes[0].cue?.verb, 'according to');
  assert.equal(quotes[0].speaker?.name, 'Marta Ionescu');
  assert.equal(quotes[1].cue?.verb, 'according to');
  assert.equal(quotes[1].speaker?.kind, 'organisation');
  assert.equal(quotes[1].speaker?.mention, 'the ministry');
});

test('a title named by its appositive is that person, the title their role', () => {
  const text = [
    '“The bridge stays closed,” the city’s chief engineer, Dana Whitlock, said on Monday.',
    'The harbour master, Olu Bassey, told reporters: “No ship will wait.”',
    '“Not this week,” said a spokesman for the port, who declined to give his name.',
  ].join('\n\n');
  const quotes = extractQuotes(text);
  assert.deepEqual(quotes.map((q) => [q.speaker?.name, q.speaker?.role]), [
    ['Dana Whitlock', 'city’s chief engineer'],
    ['Olu Bassey', 'harbour master'],
    ['a spokesman for the port', null],
  ]);
});

test('an indefinite title ("a friend", "another official") is someone new, not the person named with that title before', () => {
  const text = [
    '“He never missed a market day,” said Ana Ruiz, a friend of the baker.',
    '“The ovens were his life,” the friend said.',
    'Across town, the mood was different. “Nobody here knew him,” a friend of the mayor said.',
  ].join('\n\n');
  assert.deepEqual(extractQuotes(text).map((q) => q.speaker?.name), ['Ana Ruiz', 'Ana Ruiz', 'a friend of the mayor']);
});

test('the speaker is the phrase a complement belongs to: "a spokesman for the mayor", not the mayor', () => {
  const said = (subject: string) => {
    const quotes = extractQuotes(`${subject} said: “The bridge stays closed.”`);
    assert.equal(quotes.length, 1, subject);
    return quotes[0].speaker?.name;
  };
  assert.equal(said('A spokesman for Mayor Ines Varga'), 'A spokesman for Mayor Ines Varga');
  assert.equal(said('Supporters of the mayor'), 'Supporters of the mayor');
  assert.equal(said('A spokesman for Sen. Ines Varga'), 'A spokesman for Sen. Ines Varga');
  assert.equal(said('An adviser to Varga'), 'An adviser to Varga');
  assert.equal(said('One of the protesters'), 'One of the protesters');
  assert.equal(said('Karl Berg of the Harbour Trust'), 'Karl Berg');
  assert.equal(said('Berg at the time'), 'Berg');
  // A title in capitals before a name is the name's: "Speaker of the House Ines Varga".
  assert.equal(said('Later, Speaker of the House Rep. Ines Varga'), 'Ines Varga');
  // After the quote too, and the head noun decides what the speaker is.
  const after = (subject: string) => extractQuotes(`“The bridge stays closed,” said ${subject}.`)[0]?.speaker;
  assert.deepEqual([after('a spokeswoman for the Harbour Trust')?.kind, after('the ministry of transport')?.kind], ['title', 'organisation']);
  assert.deepEqual([after('former minister of transport Ines Varga')?.name, after('former minister of transport Ines Varga')?.role], ['Ines Varga', 'former minister of transport']);
  // Before a participle the name is the speaker: footage of her saying.
  const footage = extractQuotes('The ad shows footage of Ines Varga saying, “The bridge stays closed.”');
  assert.equal(footage[0]?.speaker?.name, 'Ines Varga');
});

test('after a quoted sentence, "X said he ..." is a new report, not the quote\'s attribution', () => {
  const text = '“It has no place in a campaign,” Rosa Lind told reporters. “This is the result.” Karl Berg said he would have fired him, according to an aide.';
  const quotes = extractQuotes(text);
  assert.deepEqual(quotes.map((q) => [spanOf(text, q), q.speaker?.name]), [
    ['“It has no place in a campaign,”', 'Rosa Lind'],
    ['“This is the result.”', 'Rosa Lind'],
  ]);
  const short = '“This is the result.” Karl Berg said.';
  assert.equal(extractQuotes(short)[0]?.speaker?.name, 'Karl Berg');
});

test('"shot back", "fired back": two-word cues', () => {
  const text = '“You want to be the tough guy tonight,” Rosa Lind shot back. Karl Berg fired back: “Let me finish.”';
  assert.deepEqual(extractQuotes(text).map((q) => [q.speaker?.name, q.cue?.verb]), [['Rosa Lind', 'shoot back'], ['Karl Berg', 'fire back']]);
});

test('a name never runs across a sentence end or a blank line', () => {
  const text = 'The vote was held in Texas.\n\nEspinoza, who leads the group, spoke first. “We will not stop,” Espinoza said.\n\nHe met Republicans. Mr. Sykes listened. “He was right,” he said.';
  const names = extractQuotes(text).map((q) => q.speaker?.name);
  assert.ok(names.every((n) => n !== undefined && !/[.\n]/.test(n)), names.join(' | '));
});

test('a sentence-opening adverb ("Back in 1999,", "Ever since ...,") is not the speaker', () => {
  const text = 'Rosa Lind chairs the board.\n\nBack in 1999, Ms. Lind expressed admiration for Mr. Berg’s skills, telling reporters: “It will work.”\n\nEver since she joined the board this month, Ms. Lind has been its voice, visiting staff with a simple message: “Build it.”';
  assert.deepEqual(extractQuotes(text).map((q) => q.speaker?.name), ['Rosa Lind', 'Rosa Lind']);
});

test('after “...?” or “...!” a lower-case attribution goes on with the same sentence', () => {
  const text = 'The ad opens on a farm.\n\n“So why did the mayor never pay his share of the ferry fund?” a narrator in the ferry union’s ad asks.';
  assert.equal(extractQuotes(text)[0]?.speaker?.name, 'a narrator in the ferry union’s ad');
});

test('more cues and fewer false subjects: "retaliated", "pressed", an opening "Outside,", a participle phrase, a weekday', () => {
  const speakerOf = (text: string) => extractQuotes(text)[0]?.speaker?.name ?? null;
  assert.equal(speakerOf('The minister spoke first.\n\n“Our town will always be our town,” an angry Rosa Lind retaliated.'), 'Rosa Lind');
  assert.equal(speakerOf('The minister spoke first.\n\n“Analysts said no,” remembered Karl Berg, the former spokesman.'), 'Karl Berg');
  assert.equal(speakerOf('The minister spoke first.\n\n“Let me help you out,” the harbour master riffed, drawing laughs.'), 'the harbour master');
  const pressed = 'Karl Berg met the mayor.\n\n“We will talk,” Rosa Lind said. “Would it be open to talks?” Berg pressed.';
  assert.deepEqual(extractQuotes(pressed).map((q) => q.speaker?.name), ['Rosa Lind', 'Karl Berg']);
  assert.equal(speakerOf('Outside, protesters chanted: “Save the ferry.”'), 'protesters');
  assert.notEqual(speakerOf('“You are being ridiculous,” drawing loud jeers from the hall.'), 'drawing loud');
  assert.notEqual(speakerOf('The council, referencing its budget on Wednesday, said: “We will cut nothing.”'), 'Wednesday');
});

test('a first name that is also a verb ("Will", "Can") still names a speaker', () => {
  const text = '“It is an expensive model,” said Will Dorsey, a professor at the state university.';
  assert.equal(extractQuotes(text)[0]?.speaker?.name, 'Will Dorsey');
});

test('partial quotes inside a sentence with a cue are kept; scare quotes and show titles are not', () => {
  // Short quotes are kept for their cue, so a scare quote needs a sentence without one.
  const text = 'Minister Paul Arden said the new line was “a gift to the north” and would be “finished on time”. Critics of the so-called “green” plan watched NBC’s “Morning Hour” instead.';
  const quotes = extractQuotes(text);
  assert.deepEqual(quotes.map((q) => q.text), ['a gift to the north', 'finished on time']);
  assert.ok(quotes.every((q) => q.speaker?.name === 'Paul Arden'));
});

test('a one- or two-word quote needs a cue of its own, unless it is one of a series', () => {
  // A speech verb elsewhere in the sentence reports other words: “red tape” is a borrowed term.
  const borrowed = 'The council blamed the delays on “red tape” and promised a review, officials said.';
  assert.deepEqual(extractQuotes(borrowed), []);
  const own = 'Asked about the plan, the mayor, Ines Varga, said “never.”';
  assert.deepEqual(extractQuotes(own).map((q) => [q.text, q.speaker?.name]), [['never.', 'Ines Varga']]);
  const series = 'In the debate, Rivera called her rival a “coward,” a “liar” and “weak.”';
  assert.deepEqual(extractQuotes(series).map((q) => q.text), ['coward,', 'liar', 'weak.']);
});

test('a quote paragraph without a cue takes the speaker of the sentence before it', () => {
  const text = 'Senator Gil Moreno accused the agency of several failures.\n\nThese included “late payments, lost files and letters that nobody answered”.';
  const q = only(text);
  assert.equal(q.speaker?.name, 'Gil Moreno');
  assert.equal(q.cue, null);
});

// --- CLI ---

test('a participle cue takes the subject of its sentence', () => {
  const text = 'Here in Columbia, Ada Brennan stepped up her attacks on the plan, saying, “We cannot afford another delay.”';
  assert.equal(only(text).speaker?.name, 'Ada Brennan');
  const adding = 'The vote will come next week, Tomas Weir said, adding, “They need to sit down and talk.”';
  assert.equal(only(adding).speaker?.name, 'Tomas Weir');
  const and = 'When asked whom she supported, Ms. Ines Harlow smiled and said, “I am still waiting for a candidate.”';
  assert.equal(only(and).speaker?.mention, 'Ines Harlow');
});

test('“..., ” X said, according to Y: the quote is Y\'s, and its content runs to the comma', () => {
  const text = '“Delegates should be able to vote the way they see fit,” Walker said, according to an Associated Press account.';
  const q = only(text);
  assert.equal(q.speaker?.mention, 'an Associated Press account');
  assert.equal(spanOf(text, q), '“Delegates should be able to vote the way they see fit,” Walker said');
  assert.equal(q.parts[0].end, text.indexOf(' Walker'));
});

test('a clause after a sentence-ending quote that leads into the next quote is that quote\'s', () => {
  const text = 'Dana Price answers Lee Morgan with, “Why now? That was on my way to Lisbon?” Lee Morgan then writes back, “You look cute.”';
  const quotes = extractQuotes(text);
  assert.equal(quotes.length, 2);
  assert.equal(quotes[0].speaker?.name, 'Dana Price');
  assert.equal(quotes[1].speaker?.name, 'Lee Morgan');
});

test('a quote introduced by its cue keeps that speaker over a later sentence', () => {
  const text = 'Marta Kell, a professor, said, “At a certain point you wake up.” Therefore any attempt by Jon Obi to fix it, she said, becomes hopeless.';
  assert.equal(extractQuotes(text)[0].speaker?.name, 'Marta Kell');
});

test('a cue word used as a noun has no speaker: "a verbal attack"', () => {
  const text = 'The post was an attempt to recast a verbal attack he made.\n\nAnd then Rita Vance went on the attack, saying, “Is anyone going to mention it?”';
  assert.equal(only(text).speaker?.name, 'Rita Vance');
  const report = 'Pete Hale wrote after the jobs report was released. “This represents real wage growth, which has been missing.”';
  assert.equal(only(report).speaker?.name, 'Pete Hale');
});

test('a fragment that breaks off mid-clause runs on to the clause\'s end', () => {
  const text = 'Ben Ortiz said “the wind is at our backs” despite his loss in the Nevada caucuses. He left.';
  const q = only(text);
  assert.equal(spanOf(text, q), '“the wind is at our backs” despite his loss in the Nevada caucuses');
  assert.equal(q.text, 'the wind is at our backs');
  assert.equal(q.parts[0].end, text.indexOf(' despite'));
  // A full quote, or a fragment followed by its speaker, ends at its mark.
  const said = 'Ben Ortiz said “the wind is at our backs” he told reporters.';
  assert.equal(spanOf(said, only(said)), '“the wind is at our backs”');
  // After a naming verb the quote is the whole name: "in his book" goes with "called".
  const named = 'The shift led to what aide Karl Moss called “the start of a new party era” in his 1970 memoir.';
  assert.equal(spanOf(named, only(named)), '“the start of a new party era”');
});

test('a show title after a possessive is no quote even when a speaker follows', () => {
  const text = 'Speaking Sunday on ABC’s “This Week,” Carla Dunn admitted that the plan had failed.';
  assert.equal(extractQuotes(text).length, 0);
  const book = 'In his new book, “Doomed to Succeed,” Dennis Rowe said the talks had failed.';
  assert.equal(extractQuotes(book).length, 0);
  // One capitalized word opening the sentence does not make it a title-case headline.
  const opening = 'The senator spoke on Sunday.\n\nSpeaking to “Good Morning Ohio” on Monday, Dale Frost said he would run again.';
  assert.equal(extractQuotes(opening).length, 0);
});

test('a short quote announced by a colon is kept', () => {
  const text = 'The rally by the city’s leaders had one message: “Dump the plan.”';
  assert.equal(spanOf(text, only(text)), '“Dump the plan.”');
});

test('a quote opening a new sentence without its closing mark runs to the paragraph end', () => {
  const text = '“The levee will hold,” Mayor Ruth Adler said. “But the river keeps rising. We will not wait for it.\n\nOfficials met again on Tuesday.';
  const quotes = extractQuotes(text);
  assert.deepEqual(quotes.map((q) => spanOf(text, q)), ['“The levee will hold,”', '“But the river keeps rising. We will not wait for it.']);
  assert.equal(quotes[1].speaker?.name, 'Ruth Adler');
  // A stray mark in the middle of a sentence still starts nothing.
  const stray = 'The council voted 5-2 on the plan. The “budget was passed without debate.\n\nOfficials met again.';
  assert.equal(extractQuotes(stray).length, 0);
});

test('a quoted passage signed on its last line ends before the signature, which is its speaker', () => {
  const text = 'The debate turned to trade.\n\n"Tariffs are a tax on our own farmers, and they will pay it first.\nMara Quist, Center for Rural Policy."\n\nThe vote is next week.';
  const q = only(text);
  assert.equal(spanOf(text, q), '"Tariffs are a tax on our own farmers, and they will pay it first.');
  assert.equal(q.speaker?.name, 'Mara Quist');
  // A second line that goes on with the quote is no signature.
  const wrapped = 'The debate turned to trade.\n\n"Tariffs are a tax on our own farmers, and they will pay it first.\nWe told the minister so," Quist said.';
  assert.match(spanOf(wrapped, only(wrapped)), /We told the minister so,"$/);
});

test('a short quoted phrase modifying a noun is a label, not speech', () => {
  // A participle after the quoted word goes with it: the “persons” residing in a state.
  const participle = 'The ruling counts all the “persons” residing in a state, the judge said.';
  assert.equal(only(participle).text, 'persons');
  for (const text of [
    'As the “Stop the Dam” movement grew, Priya Nair said the council would listen.',
    'The mayor’s “clawback” plan would make firms repay the grants, Priya Nair said.',
    'Inspectors asked whether there was a “stand down” order that night, officials said.',
  ]) assert.equal(extractQuotes(text).length, 0, text);
  // The same phrase used as the object of the verb is the speaker's word.
  const object = 'Priya Nair called the plan a “disgrace” after the vote.';
  assert.equal(spanOf(object, only(object)), '“disgrace”');
});

test('a quotation taken up mid-sentence may open with a mark, a space and an ellipsis', () => {
  const text = 'The editorial was blunt.\n\n” … if the governor can visit the flooded towns, then surely the senator can,” the paper wrote.\n\nShe went on Friday.';
  const q = only(text);
  assert.ok(spanOf(text, q).startsWith('” … if the governor'));
  assert.ok(spanOf(text, q).endsWith('the senator can,”'));
  assert.equal(q.speaker?.mention, 'the paper');
});

test('a headline "Speaker: ‘Words’ and the rest" reports all of it after the colon', () => {
  const text = 'Mayor Adler: ‘No Plan’ To Close the Library This Year.\n\nMayor Ruth Adler said on Monday that the library would stay open.';
  const q = extractQuotes(text)[0];
  assert.equal(spanOf(text, q), '‘No Plan’ To Close the Library This Year');
  assert.equal(q.text, 'No Plan');
  // A headline quote that ends the headline ends at its mark; in the body the rule does not apply.
  const whole = 'Mayor Adler: ‘We Will Not Close the Library.’\n\nShe spoke on Monday.';
  assert.equal(spanOf(whole, extractQuotes(whole)[0]), '‘We Will Not Close the Library.’');
});

test('a short sentence quoted right after a long attribution continues the speech', () => {
  const text = '“He knows the city and has lived its troubles,” said Tomas Reyes, the president of the Eastside Small Business Association of Greater Portland. “Tomas gets it.”';
  const quotes = extractQuotes(text);
  assert.equal(quotes.length, 2);
  assert.equal(quotes[1].text, 'Tomas gets it.');
});

test('words after "titled", "reading", "slogan" or "chants of" are quoted wording, however short', () => {
  for (const [text, words] of [
    ['The group launched a radio ad on Saturday titled “Scam.”', 'Scam.'],
    ['Protesters held up a sign reading “Hands Off Our Parks” outside the hall.', 'Hands Off Our Parks'],
    ['The mayor ran in 2010 under the slogan “Fix the roads.”', 'Fix the roads.'],
    ['The speech was cut short by chants of “Vote them out!”', 'Vote them out!'],
  ]) assert.equal(only(text).text, words, text);
});

test('a title followed by a comma and its byline is a written work, not speech', () => {
  const text = 'WEEKEND READS\n\n— “City council weighs a new tax on empty storefronts downtown,” by the Courier’s Ana Ruiz: http://example.com/1.';
  assert.equal(extractQuotes(text).length, 0);
  // A passive's agent after a noun phrase is no byline.
  const agent = 'Salceda said the “ugliness of utterances, largely unprompted and undeserved,” by the candidate stood out.';
  assert.equal(extractQuotes(agent).length, 1);
});

test('a paragraph that is only a single-quoted or capitalized phrase is a subheading', () => {
  const text = '“We kept the plant open,” the manager said.\n\n\'A long, hard winter.\'\n\n“NO MORE CUTS, NO MORE LAYOFFS”\n\nThe union met on Friday.';
  assert.deepEqual(extractQuotes(text).map((q) => q.text), ['We kept the plant open,']);
  // In a text that quotes in single marks, such a paragraph is speech.
  const british = '‘We kept the plant open,’ the manager said.\n\n‘It was a long, hard winter for all of us here.’';
  assert.equal(extractQuotes(british).length, 2);
});

test('quote marks delimiting markup attributes are no quote marks, even in a tag broken across lines', () => {
  const text = 'The senator answered online.\n\n<tweet tweet-author="@someone" tweet-date="May 9, 2016\n">Stands empty; crowd in one end zone. Not a good sign for the campaign tonight.<tweet/>.\n\nHe did not reply.';
  assert.equal(extractQuotes(text).length, 0);
});

test('a slogan or title is the words of the sentence\'s subject, or of its byline\'s author', () => {
  const slogan = 'In 2010, Mayor Ruth Adler ran on the slogan “Fix the roads.”';
  assert.equal(only(slogan).speaker?.name, 'Ruth Adler');
  const paper = 'The plan comes from a paper titled “How to Fund the Port” by Neera Tandon and Blair Effort.';
  assert.equal(only(paper).speaker?.mention, 'Neera Tandon and Blair Effort');
});

test('a quote nested in the same straight marks stays inside the outer quote', () => {
  const text = 'The senator tweeted, "Reports say the attacker shouted "No mercy!" as he fired into the crowd." Police did not confirm it.';
  const q = only(text);
  assert.equal(spanOf(text, q), '"Reports say the attacker shouted "No mercy!" as he fired into the crowd."');
  // A lost closing mark before a new quoted sentence must not make one quote of the rest of the block.
  const lost = '"People set fires out of boredom," Ray Small said. "It is mischief. "Sometimes they are angry at us." Then, "fire is revenge." "It is senseless," he said. "It costs a lot."';
  for (const quote of extractQuotes(lost)) assert.ok(quote.end - quote.start < 80, spanOf(lost, quote));
});

test('an opening glyph that ends its paragraph closes the open quote', () => {
  const text = '“We can win this state,” she said. “They know that. “\n\nThe polls close at eight.';
  const quotes = extractQuotes(text);
  assert.deepEqual(quotes.map((q) => q.text), ['We can win this state,', 'They know that.']);
});

test('a show title with a lower-case preposition is still a title', () => {
  const text = 'Speaking Tuesday on WXYZ’s “Mornings with Dana Hill,” the governor defended the budget.';
  assert.equal(extractQuotes(text).length, 0);
  // The show a speaker talks to or with is a title too.
  const told = '"We will finish the bridge," Mayor Dana Hill told "Good Morning Portland," adding that the money was there.';
  assert.deepEqual(extractQuotes(told).map((q) => q.text), ['We will finish the bridge,']);
});

test('a quote broken off at a comma runs on to the attribution ending its sentence, whose speaker it takes', () => {
  const text = 'The ferry stopped running in May.\n\n“The new bridge changed everything for us,” above all for the farmers on the east bank, said Anna Berg, the harbor master.\n\nTraffic has doubled.';
  const q = only(text);
  assert.equal(spanOf(text, q), '“The new bridge changed everything for us,” above all for the farmers on the east bank');
  assert.equal(q.speaker?.name, 'Anna Berg');
  // A speaker right after the quote is its own attribution: the quote ends at its mark.
  const own = 'The ferry stopped running in May.\n\n“The new bridge changed everything for us,” the harbor master, Anna Berg, wrote on Friday.';
  assert.equal(spanOf(own, only(own)), '“The new bridge changed everything for us,”');
});

test('a fragment running on stops before "and" with a participle, unless the run-on has a gerund of its own', () => {
  const text = 'The port was quiet on Monday.\n\nDock workers are crying "sabotage" over the new shift schedule and threatening to strike next month.';
  assert.equal(spanOf(text, only(text)), '"sabotage" over the new shift schedule');
  const paired = 'The board met on Monday.\n\nTeachers said "we are finally being heard" after reading the plan and seeing its budget.';
  assert.equal(spanOf(paired, only(paired)), '"we are finally being heard" after reading the plan and seeing its budget');
});

test('a fragment right after "said" or "said that" heads the clause it opens, to the clause\'s end', () => {
  const text = 'The council met on Tuesday.\n\nLena Ruiz said “the budget is a mess” every time the council meets. She left early.';
  assert.equal(spanOf(text, only(text)), '“the budget is a mess” every time the council meets');
  const that = 'The council met on Tuesday.\n\nLena Ruiz claimed that “rent control” would ruin the old harbor district, and left.';
  assert.equal(spanOf(that, only(that)), '“rent control” would ruin the old harbor district');
  // "and" with a determiner adds to the subject; a title's full stop does not end the clause.
  const subject = 'The council met on Tuesday.\n\nLena Ruiz said “new parking fees” and a small sales tax would cover the gap.';
  assert.equal(spanOf(subject, only(subject)), '“new parking fees” and a small sales tax would cover the gap');
  const title = 'The council met on Tuesday.\n\nLena Ruiz said “no new taxes” would win over Sen. Ada Cole and her allies. Then she left.';
  assert.equal(spanOf(title, only(title)), '“no new taxes” would win over Sen. Ada Cole and her allies');
  // An adverb may stand between the verb and the quote.
  const adverb = 'The council met on Tuesday.\n\nLena Ruiz has said repeatedly “the next mayor” should pick the new chief.';
  assert.equal(spanOf(adverb, only(adverb)), '“the next mayor” should pick the new chief');
  // A name and its verb may open the clause; a dash setting off an aside ends it.
  const named = 'The debate ran late.\n\nRuiz opened the debate saying “of course” Lopez has the votes to win -- a point she made before -- and then sat down.';
  assert.equal(spanOf(named, only(named)), '“of course” Lopez has the votes to win');
  const attributed = 'The debate ran late.\n\nRuiz said “of course” Lopez said so.';
  assert.equal(spanOf(attributed, only(attributed)), '“of course”');
  // The words running on are content, not an attribution of their own ("she thinks").
  const runOn = 'The council met on Tuesday.\n\nMayor Lena Ruiz said “it gets me angry” every time she thinks about the closed harbor.';
  const q = only(runOn);
  assert.equal(spanOf(runOn, q), '“it gets me angry” every time she thinks about the closed harbor');
  assert.equal(q.speaker?.name, 'Lena Ruiz');
  // "and" with a verb, or a time clause, is the reporter's sentence going on.
  for (const tail of ['and walked out of the hall.', 'when asked about the plan.']) {
    const own = `The council met on Tuesday.\n\nLena Ruiz said “a total mess” ${tail}`;
    assert.equal(spanOf(own, only(own)), '“a total mess”');
  }
});

test('a fragment opening its sentence and running on takes the attribution after the run-on', () => {
  const text = 'The council met on Tuesday.\n\n“We are very happy” about the vote, said Ana Lopez, who leads the tenants group.';
  const q = only(text);
  assert.equal(spanOf(text, q), '“We are very happy” about the vote');
  assert.equal(q.speaker?.name, 'Ana Lopez');
  // The run-on words are no speaker: "she" after the comma is, and resolves to the person named before.
  const pronoun = 'Ana Lopez leads the tenants group.\n\n“I held and hugged” the families before the vigil at the park, she said.';
  assert.equal(only(pronoun).speaker?.name, 'Ana Lopez');
});

test('a short quote joined by "and" to a kept quote is kept with it, but not in a list or as a title', () => {
  const text = 'The mayor spoke on Friday.\n\nThe flyers on the wall mixed “fake news” and “Nobody will stop us, not the mayor and not the police!” in red ink.';
  assert.deepEqual(extractQuotes(text).map((q) => q.text), ['fake news', 'Nobody will stop us, not the mayor and not the police!']);
  const titles = 'The mayor spoke on Friday.\n\nThe actor, known for “Desert Roads” and “The Long Night Over the River Town Again and Again Forever,” posted a clip.';
  assert.ok(!extractQuotes(titles).some((q) => q.text === 'Desert Roads'));
});

test('a fragment after its cue stops before a conjunction opening a clause with its own subject', () => {
  for (const tail of ['after the board rejected their offer.', 'as they marched to the gate.']) {
    const text = `The port was closed on Monday.\n\nDock workers were chanting “fair pay now” ${tail}`;
    assert.equal(spanOf(text, only(text)), '“fair pay now”');
  }
  // "after" with a plain noun phrase is a preposition: the content runs on.
  const prep = 'The port was closed on Monday.\n\nDock workers were chanting “fair pay now” after the vote on the contract.';
  assert.equal(spanOf(prep, only(prep)), '“fair pay now” after the vote on the contract');
});

test('a quoted clause followed by a verb is the subject of the reporter\'s sentence: its predicate is no content', () => {
  const share = 'The farm vote was close.\n\nVoters saying “we need the new dam” increased by ten points over the year.';
  assert.equal(spanOf(share, only(share)), '“we need the new dam”');
  const subject = 'The farm vote was close.\n\n“I am for the farms” sounds fine in the valley, but not in the city.';
  assert.equal(spanOf(subject, only(subject)), '“I am for the farms”');
  // Not a verb: the fragment still runs on.
  const time = 'The farm vote was close.\n\n“It is our last chance” this year, Lena Ruiz said.';
  assert.equal(spanOf(time, only(time)), '“It is our last chance” this year');
});

test('a short quoted modifier inside a sentence takes in the noun it modifies', () => {
  const text = 'The port was closed on Monday.\n\nThe union said the talks failed because of “poison pill” measures added by the port board.';
  assert.equal(spanOf(text, only(text)), '“poison pill” measures');
  const two = 'The port was closed on Monday.\n\nCritics said the plan would bring back “single-payer” health care.';
  assert.equal(spanOf(two, only(two)), '“single-payer” health care');
  // After "the phrase" the quote is the wording itself; "like" or an adverb modifies nothing.
  const phrase = 'The port was closed on Monday.\n\nCritics said the phrase “fair share” often came up in the talks.';
  assert.equal(spanOf(phrase, only(phrase)), '“fair share”');
  const like = 'The port was closed on Monday.\n\nRuiz said it was hard to look “strong” like her rival.';
  assert.equal(spanOf(like, only(like)), '“strong”');
});

test('a quote taken up again after its attribution by a "that" clause runs to that clause\'s end', () => {
  const text = 'The storm hit the coast on Sunday.\n\n"It was plain bad luck," the mayor said, that the storm came on a holiday weekend, when the shelters were short of staff.';
  const q = only(text);
  assert.equal(spanOf(text, q), '"It was plain bad luck," the mayor said, that the storm came on a holiday weekend');
  assert.equal(q.speaker?.mention, 'the mayor');
  // Mid-sentence the "that" clause is a relative clause of the quoted noun: the quote ends at its mark.
  const relative = 'The storm hit the coast on Sunday.\n\nThe council honored her for the "courage," Reyes said, that she showed during the flood.';
  const all = extractQuotes(relative);
  assert.ok(all.every((x) => !spanOf(relative, x).includes('that she showed')), JSON.stringify(all.map((x) => spanOf(relative, x))));
});

const tmp = mkdtempSync(join(tmpdir(), 'mimeo-quotes-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

const mimeo = runMimeo;

test('mimeo quotes FILE --json prints the documented shape with offsets into the file', () => {
  const text = 'Mayor Lena Okafor spoke on Monday.\n\n“We cut nothing that matters,” she said, “and we kept every library open.”\n';
  const file = join(tmp, 'article.txt');
  writeFileSync(file, text);
  const run = mimeo(['quotes', file, '--json']);
  assert.equal(run.status, 0, run.stderr);
  const json = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
  assert.equal(json.length, 1);
  const q = json[0] as { start: number; end: number; text: string; cue: { start: number; end: number } | null; speaker: { name: string; start: number; end: number } | null };
  for (const key of ['start', 'end', 'text', 'cue', 'speaker']) assert.ok(key in json[0], `missing ${key}`);
  assert.equal(text.slice(q.start, q.end), '“We cut nothing that matters,” she said, “and we kept every library open.”');
  assert.equal(text.slice(q.cue!.start, q.cue!.end), 'said');
  assert.equal(q.speaker!.name, 'Lena Okafor');
  assert.equal(text.slice(q.speaker!.start, q.speaker!.end), 'she');

  const stdin = mimeo(['quotes', '-'], text);
  assert.equal(stdin.status, 0, stdin.stderr);
  assert.match(stdin.stdout, /1 quote/);
  assert.match(stdin.stdout, /Lena Okafor/);
});

test('mimeo quotes on a missing file fails with one line', () => {
  const run = mimeo(['quotes', join(tmp, 'nope.txt')]);
  assert.notEqual(run.status, 0);
  assert.equal(run.stderr.trim().split('\n').length, 1);
  assert.match(run.stderr, /^mimeo: .*no such file/);
});

// --- The motivating case (real reports kept outside the repository; see ../shared/seeds/README.md) ---

const seedsDir = fileURLToPath(new URL('../../shared/seeds', import.meta.url));
const skip = existsSync(seedsDir) ? false : `seeds not found at ${seedsDir}`;

function seed(prefix: string): string {
  const name = readdirSync(seedsDir).find((f) => f.startsWith(`${prefix}_`) && f.endsWith('.txt'));
  assert.ok(name, `seed ${prefix} missing`);
  return readFileSync(join(seedsDir, name), 'utf8');
}

/** The speaker of the quote whose words start with `opening`. */
function speakerOf(quotes: Quote[], opening: string): string | undefined {
  const q = quotes.find((x) => x.text.startsWith(opening));
  assert.ok(q, `no quote starting "${opening}"`);
  return q.speaker?.name;
}

test('seed 002: Hua Chunying, Rubio and Smith, Shohrat Zakir, Kelley Currie', { skip }, () => {
  const quotes = extractQuotes(seed('002'));
  assert.equal(speakerOf(quotes, 'The relevant practices'), 'Hua Chunying');
  assert.equal(speakerOf(quotes, 'We oppose double standards'), 'Hua Chunying');
  assert.equal(speakerOf(quotes, 'They are all the active efforts'), 'Hua Chunying');
  assert.equal(speakerOf(quotes, 'We believe that targeted sanctions'), 'Marco Rubio and Chris Smith');
  assert.equal(speakerOf(quotes, 'At a time when'), 'Marco Rubio and Chris Smith');
  assert.equal(speakerOf(quotes, 'Through vocational training'), 'Shohrat Zakir');
  assert.equal(speakerOf(quotes, 'They have notably enhanced'), 'Shohrat Zakir');
  assert.equal(speakerOf(quotes, 'it has actively saved'), 'Shohrat Zakir');
  assert.equal(speakerOf(quotes, 'The stated goal'), 'Kelley Currie');
  assert.equal(speakerOf(quotes, 'We hope that friends'), 'Hua Chunying');
});

test('seed 001 (machine-translated, broken marks): the same speakers', { skip }, () => {
  const text = seed('001');
  const quotes = extractQuotes(text);
  assert.equal(speakerOf(quotes, 'The practices in China'), 'Hua Chunying');
  assert.equal(speakerOf(quotes, 'We oppose double standards'), 'Hua Chunying');
  assert.equal(speakerOf(quotes, 'These are all the active efforts'), 'Hua Chunying');
  assert.equal(speakerOf(quotes, 'We believe targeted sanctions'), 'Marco Rubio and Chris Smith');
  assert.equal(speakerOf(quotes, 'Thanks to the professional training'), 'Shohrat Zakir');
  assert.equal(speakerOf(quotes, 'The declared goal'), 'Kelley Currie');
  assert.equal(speakerOf(quotes, 'We hope that media friends'), 'Hua Chunying');
  // The stray marks ('" man on the industrial scale.', 'and nuns. "') start no quote of their own.
  for (const q of quotes) assert.ok(!q.text.startsWith('man on the') && !q.text.startsWith('and nuns'), q.text);
});

test("seed 000: Zakir's partial quotes and the detainees' chant", { skip }, () => {
  const quotes = extractQuotes(seed('000'));
  assert.equal(speakerOf(quotes, 'free vocational training'), 'Shohrat Zakir');
  assert.equal(speakerOf(quotes, 'modern life'), 'Shohrat Zakir');
  assert.equal(speakerOf(quotes, 'confident about the future'), 'Shohrat Zakir');
  // The chant is attributed to "they" (the detainees): the mention, not resolved to a name.
  const chant = quotes.find((q) => q.text.startsWith('Thank the Party'));
  assert.equal(chant?.speaker?.mention, 'they');
});

test('seed 003: the Commerce Department, Mike Pompeo, Geng Shuang', { skip }, () => {
  const quotes = extractQuotes(seed('003'));
  assert.match(speakerOf(quotes, 'China’s campaign of repression') ?? '', /Commerce Department/);
  assert.equal(speakerOf(quotes, 'mass detentions in internment camps'), 'Mike Pompeo');
  assert.equal(speakerOf(quotes, 'There is no such thing'), 'Geng Shuang');
  assert.equal(speakerOf(quotes, 'These accusations are nothing more'), 'Geng Shuang');
});
