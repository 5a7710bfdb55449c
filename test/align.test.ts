import { test } from 'node:test';
import assert from 'node:assert/strict';
import { align } from '../src/align/index.js';

// Invented texts: a wire paragraph, a story that embeds it verbatim, a reworded copy and an
// unrelated report on another subject.
const wire = [
  'The harbour authority in Port Calder closed the northern pier on Tuesday after inspectors found deep cracks in three of its concrete pillars.',
  'Engineers said the damage had been caused by years of salt water seeping into the steel reinforcement, and that repairs could take most of the summer.',
  'Fishing crews who moor at the pier were told to move their boats to the southern basin until further notice.',
  'The authority’s director, Helen Marsh, said the closure was a precaution and that no one had been hurt.',
  'A public meeting about the repair plan is scheduled for next Thursday at the town hall.',
].join(' ');

const host = [
  'Local news in brief.',
  'A bakery on Mill Street celebrated its fiftieth anniversary with free bread for every customer who came through the door before noon.',
  wire,
  'In other news, the school board approved a new schedule for the autumn term after a long debate about bus routes.',
].join('\n\n');

const reworded = [
  'On Tuesday the Port Calder harbour authority shut the north pier when inspectors discovered serious cracks in three concrete pillars.',
  'According to engineers, years of seawater seeping into the steel reinforcement caused the damage, and repair work may last for most of the summer.',
  'Fishermen mooring at the pier have been instructed to move their vessels to the south basin until further notice.',
  'Helen Marsh, director of the authority, described the closure as a precaution and said nobody had been injured.',
  'The repair plan will be discussed at a public meeting at the town hall next Thursday.',
].join(' ');

const unrelated = [
  'The regional orchestra announced its winter programme on Monday, with three symphonies and a new piece by a young composer from the valley.',
  'Tickets go on sale next month, and the conductor said she hoped to attract families who had never attended a concert before.',
  'Rehearsals will take place in the old grain warehouse, which was converted into a concert hall two years ago.',
  'The orchestra also plans free outdoor performances in the park during the spring festival.',
].join(' ');

function slices(text: string, span: [number, number]): string {
  return text.slice(span[0], span[1]);
}

test('finds a verbatim copy embedded in a longer text, with exact original offsets', () => {
  const r = align(wire, host);
  assert.equal(r.passages.length, 1);
  const p = r.passages[0];
  assert.equal(p.kind, 'verbatim');
  assert.ok(slices(wire, p.a).startsWith('The harbour authority'));
  assert.ok(slices(host, p.b).startsWith('The harbour authority'));
  assert.ok(slices(host, p.b).includes('town hall'));
  assert.ok(r.coverage.a > 0.95, `coverage a ${r.coverage.a}`);
  assert.ok(r.coverage.b > 0.5 && r.coverage.b < 0.9, `coverage b ${r.coverage.b}`);
});

test('finds a reworded copy and labels it paraphrase', () => {
  const r = align(wire, reworded);
  assert.ok(r.passages.length >= 1);
  assert.ok(r.passages.every((p) => p.kind === 'paraphrase'));
  assert.ok(r.coverage.b > 0.7, `coverage b ${r.coverage.b}`);
  assert.ok(r.passages[0].evidence.sharedTerms.length > 0);
});

test('reports nothing for unrelated texts, empty texts and texts without words', () => {
  assert.equal(align(wire, unrelated).passages.length, 0);
  assert.deepEqual(align('', wire), { passages: [], coverage: { a: 0, b: 0 } });
  assert.equal(align('... !!! ---', '???').passages.length, 0);
});

test('accepts texts with CRLF line breaks and keeps offsets into the original', () => {
  const crlf = host.replace(/\n/g, '\r\n');
  const r = align(wire, crlf);
  assert.equal(r.passages.length, 1);
  assert.ok(slices(crlf, r.passages[0].b).startsWith('The harbour authority'));
});

