import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterSeeds, orderedChain } from '../src/align/extension.js';
import { similarPairs, type Seed } from '../src/align/seeding.js';
import { background, support } from '../src/align/support.js';
import { align } from '../src/align/index.js';
import { extendEdges } from '../src/align/edges.js';
import { defaultParameters } from '../src/align/options.js';
import { preprocess } from '../src/align/preprocess.js';
import { analyze } from '../src/text/index.js';

const seed = (a: number, b: number, cosine = 0.5): Seed => ({ a, b, cosine, dice: 0.5 });

test('clusterSeeds splits at gaps larger than allowed on either side', () => {
  const groups = clusterSeeds([seed(0, 0), seed(1, 1), seed(2, 2), seed(10, 3), seed(11, 4)], 4, 4);
  assert.deepEqual(
    groups.map((g) => g.map((s) => s.a)),
    [[0, 1, 2], [10, 11]],
  );
  const bySideB = clusterSeeds([seed(0, 0), seed(1, 1), seed(2, 20)], 4, 4);
  assert.equal(bySideB.length, 2);
});

test('orderedChain follows one reading order and drops a look-alike far away', () => {
  const chain = orderedChain([seed(0, 10), seed(1, 11), seed(2, 12), seed(1, 3, 0.6), seed(3, 13)]);
  assert.deepEqual(
    chain.map((s) => [s.a, s.b]),
    [[0, 10], [1, 11], [2, 12], [3, 13]],
  );
  // A sentence split in two on the other side stays on the chain.
  const split = orderedChain([seed(0, 0), seed(1, 1), seed(1, 2), seed(2, 3)]);
  assert.equal(split.length, 4);
});

// Invented texts: a five-paragraph report and a short digest of it that condenses every paragraph.
const report = [
  'The river authority of Norrow opened its new flood barrier on Monday after four years of construction along the eastern embankment.',
  'The barrier consists of nine steel gates that can be lowered within twenty minutes when the river rises above the warning mark.',
  'Engineers tested the gates twice during the autumn storms, and each time the water stayed below the level of the old town square.',
  'The project cost forty million crowns, most of it paid by the national infrastructure fund, with the rest raised through a local levy.',
  'Shop owners in the old town said insurance premiums had already fallen since the barrier was announced.',
  'Several residents complained about the noise of the construction site, which operated six days a week for most of the period.',
  'The authority promised to plant trees along the embankment next spring to replace those removed during the works.',
  'Officials also plan a visitor centre explaining how the gates work, with a scale model of the river valley.',
  'A second barrier further downstream is under discussion, though no money has yet been set aside for it.',
  'The mayor thanked the workers at the opening ceremony and called the barrier the most important investment in the town for a century.',
  'Local schools will take pupils to see the gates during a flood drill planned for the first week of March.',
  'Fishermen worry that the gates could change the flow of the river and affect the spawning grounds of salmon.',
  'The authority said a study of the fish population would be published before the end of the year.',
].join(' ');
const digest = [
  'Norrow has a new flood barrier: nine steel gates on the eastern embankment, built over four years, can be lowered in twenty minutes.',
  'It cost forty million crowns, mostly from the national infrastructure fund, and insurance premiums in the old town have fallen.',
  'Residents complained about construction noise, and the authority promised new trees and a visitor centre with a model of the river valley.',
  'The mayor called it the most important investment in a century, while fishermen fear for the salmon spawning grounds and await a fish study.',
].join(' ');

test('a short digest of a whole report is found as a passage covering most of the report', () => {
  const host = `Other news of the week.\n\nA gallery in the harbour district reopened after repairs to its roof.\n\n${digest}\n\nThe weather will stay dry until Friday.`;
  const r = align(host, report);
  assert.ok(r.passages.length >= 1, 'no passage found');
  assert.ok(r.coverage.b > 0.6, `coverage of the report: ${r.coverage.b}`);
  const p = r.passages[0];
  assert.ok(host.slice(p.a[0], p.a[1]).includes('flood barrier'));
  assert.ok(!host.slice(p.a[0], p.a[1]).includes('gallery'));
});

test('edges grow by a loose neighbour and leap over a dropped sentence, not beyond', () => {
  const sentences = (n: number) => Array.from({ length: n }, (_, i) => `Sentence number ${i} talks about topic ${i} at length here.`).join(' ');
  const [a, b] = preprocess(analyze(sentences(10)), analyze(sentences(10)), defaultParameters);
  const core = { aFrom: 6, aTo: 8, bFrom: 6, bTo: 8, seeds: [seed(6, 6, 0.9), seed(8, 8, 0.9)], cosine: 0.9 };
  const pairs = [seed(5, 5, 0.3), seed(2, 3, 0.22), seed(0, 0, 0.1), ...core.seeds];
  const [grown] = extendEdges(pairs, [core], a, b, defaultParameters, () => false);
  // 5-5 is a neighbour at edge cosine; 2-3 is a leap of three sentences at the leap cosine; 0-0 is too weak.
  assert.deepEqual([grown.aFrom, grown.bFrom, grown.aTo, grown.bTo], [2, 3, 8, 8]);
  const [fixed] = extendEdges(pairs, [core], a, b, defaultParameters, () => true);
  assert.deepEqual([fixed.aFrom, fixed.bFrom], [6, 6]);
});

test('support: a copied sentence is significant; words the other text uses throughout are not', () => {
  // Invented texts on one topic (beekeeping): every sentence of `hive` names bees, honey and hives.
  const hive = [
    'Bees fill the hive with honey during the long summer months.',
    'A strong hive keeps its bees warm and its honey dry through winter.',
    'The keeper checks each hive for honey and for sick bees every week.',
    'Old hives lose bees and honey to wasps when the entrance is too wide.',
    'Copper kettles once boiled the wax of a cracked hive into candles for the village chapel.',
    'Honey from heather hives tastes darker than honey from clover, bees or not.',
  ].join(' ');
  const other = [
    'Honey sells well at the market when the bees had a good year.',
    'Copper kettles once boiled the wax of a cracked hive into candles for the village chapel.',
    'Every hive needs a dry stand, and bees avoid damp honey frames.',
  ].join(' ');
  const [a, b] = preprocess(analyze(hive), analyze(other), defaultParameters);
  const pairs = similarPairs(a, b, defaultParameters);
  // The candle sentence is unit 4 of hive and unit 1 of other: its rare words are shared nowhere else.
  const copied = support({ aFrom: 4, aTo: 4, bFrom: 1, bTo: 1 }, pairs, a, b);
  assert.ok(copied.significance > 3, `copied: ${copied.significance}`);
  assert.ok(copied.sentences > 0.9, `copied: ${copied.sentences}`);
  // The first sentences share only bees, honey and hives, found in every sentence of both texts.
  const topical = support({ aFrom: 0, aTo: 1, bFrom: 0, bTo: 0 }, pairs, a, b);
  assert.ok(topical.significance < 1, `topical: ${topical.significance}`);
  // A passage around the copied sentence whose other sentences match nothing has little sentence support.
  const padded = support({ aFrom: 2, aTo: 5, bFrom: 0, bTo: 2 }, pairs, a, b);
  assert.ok(padded.sentences < copied.sentences / 2, `padded: ${padded.sentences}`);
  // A text copied whole has no rest to explain its shared words by.
  const [c, d] = preprocess(analyze(other), analyze(other), defaultParameters);
  assert.ok(support({ aFrom: 0, aTo: 2, bFrom: 0, bTo: 2 }, similarPairs(c, d, defaultParameters), c, d).significance > 3);
});

test('background: two paraphrased sentences do not stand out where the rest of both texts matches loosely', () => {
  // Invented texts about one lighthouse: the same two sentences paraphrased, in a pair whose
  // other sentences echo each other loosely here and there (a shared subject), or not at all.
  const lamp = [
    'The keeper Morwenna Tallis first lit the lamp at Carrick Point in 1887, burning whale oil she carried up ninety steps each dusk.',
    'Her brother Edwin Tallis, a ropemaker from Penhallow, fitted the brass clockwork that turned the lens every twelve seconds.',
  ];
  const lampRetold = [
    'Morwenna Tallis, the first keeper, lit the Carrick Point lamp in 1887, hauling whale oil up the ninety steps every evening.',
    'The lens was turned every twelve seconds by brass clockwork fitted by Edwin Tallis, her brother, a Penhallow ropemaker.',
  ];
  const rest = [
    'Lighthouses along this coast were built after a winter of wrecks.',
    'Storms in the channel can last for a week and close every harbour.',
    'Fishing boats still use the old light as a mark when the fog comes in.',
    'The tower is painted white with a red band so sailors can see it by day.',
    'Visitors today climb the tower on summer weekends for a small fee.',
    'A museum in the keeper cottage shows lamps, logbooks and charts.',
    'Seals rest on the rocks below the tower at low tide.',
    'The light was automated in 1979 and the last keeper left.',
  ];
  const echoes = [
    'Once the light was automated, the families moved inland.',
    'Parish records list eleven children born in the cottages between the wars.',
    'Old charts of the bay mark the shoals in faded grey ink.',
    'Painters arrived each summer to sketch the headland from the quay.',
    'A pilot called those channel storms the worst in memory.',
    'The cottage roof was rebuilt with slate from a nearby quarry.',
    'Grey seals share the rocks with cormorants.',
    'Insurers pressed for lighthouses after the wrecks of that decade.',
  ];
  const unrelated = [
    'The village bakery sells saffron buns every Saturday morning.',
    'A new footpath links the school to the football ground.',
    'Parish councillors argued about parking fees for an hour.',
    'The choir raised money for a new organ with a spring concert.',
    'Buses to the market town run twice a day in winter.',
    'A farmer reported that his sheep had broken through a fence.',
    'The library now opens on Tuesday evenings as well.',
    'Two pubs in the square changed hands this year.',
  ];
  const a = [...rest.slice(0, 4), ...lamp, ...rest.slice(4)].join(' ');
  const echoing = [...echoes.slice(0, 2), ...lampRetold, ...echoes.slice(2)].join(' ');
  const apart = [...unrelated.slice(0, 2), ...lampRetold, ...unrelated.slice(2)].join(' ');

  // Outside the paraphrase (units 4-5 of a, 2-3 of the other), three sentences a side find a loose counterpart.
  const [sa, sb] = preprocess(analyze(a), analyze(echoing), defaultParameters);
  const rest3 = background([{ aFrom: 4, aTo: 5, bFrom: 2, bTo: 3 }], similarPairs(sa, sb, defaultParameters), sa, sb, 0.25);
  assert.deepEqual([rest3.count, rest3.share], [3, 3 / 8]);

  assert.equal(align(a, echoing).passages.length, 0);
  const off = align(a, echoing, { parameters: { backgroundMaxUnits: 0 } }).passages;
  assert.equal(off.length, 1, 'found when the rule is off');
  const [kept] = align(a, apart).passages;
  assert.ok(kept, 'found where the rest of the texts does not match');
  assert.equal(kept.kind, 'paraphrase');
  assert.equal(a.slice(kept.a[0], kept.a[1]), lamp.join(' '));
});
