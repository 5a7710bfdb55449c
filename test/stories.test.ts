import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { UserError } from '../src/cli/errors.js';
import { registerStories, runStories, type StoryJson } from '../src/cli/stories.js';
import { buildStories, defaultStoryOptions, type StoryInput } from '../src/provenance/stories.js';
import { openStore, type NewDocument } from '../src/store/index.js';

// ---------------------------------------------------------------- fixture texts (made up)

// Two independent reports on one event: shared names and places, no shared sentences.
const SILO_GAZETTE = [
  'KELMFORD — A grain silo at the Brackwater Cooperative collapsed early on Sunday, spilling about 2,000 tonnes of barley across Mill Lane and blocking the road into Kelmford for most of the day.',
  'No one was hurt, cooperative manager Tobias Renwick said, because the night shift had left an hour earlier.',
  'Engineers from the county council were inspecting the two neighbouring silos, which Renwick said had been emptied as a precaution.',
  'Farmers who store grain at Brackwater were told to expect delays at harvest.',
].join('\n\n');

const SILO_COURIER = [
  "Residents of Kelmford woke to a wall of barley on Mill Lane after one of the Brackwater Cooperative's silos gave way overnight.",
  'The county council closed the lane until crews could clear the grain.',
  'Tobias Renwick, who manages the cooperative, told the Courier that the structure had passed an inspection in the spring and that he did not yet know why it failed.',
  'Several farmers said the collapse could hardly have come at a worse time, weeks before the harvest.',
].join('\n\n');

const MARATHON = [
  'Orla Penhaligon won the Dunmere marathon on Saturday in two hours and thirty-one minutes, breaking a course record set eleven years ago.',
  'The 24-year-old pulled away from the lead group near the harbour bridge and finished almost four minutes ahead of the runner-up, Mairead Quill.',
  'Organisers said more than 3,000 runners took part, a record for the race.',
  'Penhaligon said she would now aim for a place on the national team.',
].join('\n\n');

function input(id: string, seq: number, text: string, published: string | null = null): StoryInput {
  return { id, seq, text, published };
}

function groupsOf(stories: { members: string[] }[]): string[][] {
  return stories.map((s) => [...s.members].sort()).sort((x, y) => x[0].localeCompare(y[0]));
}

// ---------------------------------------------------------------- buildStories

test('two reports on the same event form one story, another event its own', () => {
  const stories = buildStories([input('gazette', 1, SILO_GAZETTE), input('courier', 2, SILO_COURIER), input('marathon', 3, MARATHON)]);
  assert.deepEqual(groupsOf(stories), [['courier', 'gazette'], ['marathon']]);
  const [silo, marathon] = stories;
  assert.equal(silo.id, 1, 'a story is named by its lowest seq');
  assert.equal(marathon.id, 3);
  assert.equal(silo.links, 0);
  assert.equal(silo.from, null);
  assert.ok(silo.terms.includes('Kelmford'), silo.terms.join(', '));
  // Names keep their written form, and a full name stands in for its last word.
  assert.ok(silo.terms.some((t) => t === 'Tobias Renwick' || t === 'Brackwater Cooperative' || t === 'Mill Lane'), silo.terms.join(', '));
  assert.ok(!silo.terms.includes('Renwick') || !silo.terms.includes('Tobias Renwick'));
  assert.equal(silo.title, silo.terms.slice(0, defaultStoryOptions.titleTerms).join(' · '));
  assert.ok(marathon.title.includes('Penhaligon'), marathon.title);
});

test('time: far apart needs more than topic overlap; close or unknown dates change nothing', () => {
  const far = buildStories([input('gazette', 1, SILO_GAZETTE, '2024-03-03'), input('courier', 2, SILO_COURIER, '2025-03-10')]);
  assert.equal(far.length, 2, 'a year apart: two stories');
  const close = buildStories([input('gazette', 1, SILO_GAZETTE, '2024-03-03'), input('courier', 2, SILO_COURIER, '2024-03-04T08:00:00Z')]);
  assert.equal(close.length, 1);
  assert.equal(close[0].from, '2024-03-03');
  assert.equal(close[0].to, '2024-03-04T08:00:00Z');
  const unknown = buildStories([input('gazette', 1, SILO_GAZETTE, '2024-03-03'), input('courier', 2, SILO_COURIER)]);
  assert.equal(unknown.length, 1, 'a missing date is neutral');
  // A wider window joins the year-apart pair again.
  const wide = buildStories([input('gazette', 1, SILO_GAZETTE, '2024-03-03'), input('courier', 2, SILO_COURIER, '2025-03-10')], [], { windowDays: 400 });
  assert.equal(wide.length, 1);
});

test("a reuse link always joins, and counts as the story's link", () => {
  const docs = [input('gazette', 1, SILO_GAZETTE), input('marathon', 2, MARATHON)];
  assert.equal(buildStories(docs).length, 2);
  const linked = buildStories(docs, [{ a: 'gazette', b: 'marathon' }, { a: 'gazette', b: 'not-there' }]);
  assert.equal(linked.length, 1);
  assert.equal(linked[0].links, 1);
  // Even with similarity switched off.
  assert.equal(buildStories(docs, [{ a: 'marathon', b: 'gazette' }], { minSimilarity: 2 }).length, 1);
});

test('timeline: dated members by date, then undated by stored order; duplicates join their original', () => {
  const stories = buildStories([
    input('courier', 1, SILO_COURIER, '2024-03-05'),
    input('undated', 2, SILO_GAZETTE.replace('Sunday', 'Sunday morning')),
    input('gazette', 3, SILO_GAZETTE, '2024-03-04'),
    { id: 'mirror', seq: 4, duplicateOf: 'gazette', published: null },
    input('marathon', 5, MARATHON, '2024-03-04'),
  ]);
  assert.equal(stories.length, 2);
  assert.deepEqual(stories[0].members, ['gazette', 'courier', 'undated', 'mirror']);
  assert.equal(stories[0].id, 1);
  assert.deepEqual([stories[0].from, stories[0].to], ['2024-03-04', '2024-03-05']);
  assert.deepEqual(stories[1].members, ['marathon']);
});

test('empty input and documents without words', () => {
  assert.deepEqual(buildStories([]), []);
  const stories = buildStories([input('blank', 1, ''), input('numbers', 2, '12 34 56')]);
  assert.equal(stories.length, 2);
  assert.equal(stories[0].title, '');
});

// ---------------------------------------------------------------- the example corpus and the seeds

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function folder(dir: string, pattern: RegExp): StoryInput[] {
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f, i) => input(f, i + 1, readFileSync(join(dir, f), 'utf8')));
}

test('examples: the wire story, its copies and the independent report are one story; unrelated is another', () => {
  const stories = buildStories(folder(join(ROOT, 'examples'), /\.txt$/));
  assert.deepEqual(groupsOf(stories), [
    ['independent-coverage.txt', 'paraphrase-spin.txt', 'reprint-edited.txt', 'reprint-verbatim.txt', 'wire-original.txt'],
    ['unrelated.txt'],
  ]);
  assert.ok(stories[0].terms.includes('Hollis Falls'), stories[0].terms.join(', '));
});

const SEEDS = join(ROOT, '..', 'shared', 'seeds');

test('seeds: the 2018 reports are one story (the 2019 one may be apart)', { skip: existsSync(SEEDS) ? false : `seeds not found at ${SEEDS}` }, () => {
  const stories = buildStories(folder(SEEDS, /^\d{3}_.*\.txt$/));
  const groups = groupsOf(stories).map((g) => g.map((f) => f.slice(0, 3)));
  assert.ok(
    JSON.stringify(groups) === JSON.stringify([['000', '001', '002', '003']]) || JSON.stringify(groups) === JSON.stringify([['000', '001', '002'], ['003']]),
    JSON.stringify(groups),
  );
  assert.ok(stories[0].terms.includes('Xinjiang'), stories[0].terms.join(', '));
});

// ---------------------------------------------------------------- mimeo stories

function doc(id: string, text: string, meta: NewDocument['meta']): NewDocument {
  return { id, text, meta, origin: `in/${id}`, format: 'txt', hash: createHash('sha256').update(text).digest('hex') };
}

const tmp = mkdtempSync(join(tmpdir(), 'mimeo-stories-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const DB = join(tmp, 'corpus.db');
{
  const store = openStore(DB);
  store.putDocuments([
    doc('gazette', SILO_GAZETTE, { title: 'Silo collapses in Kelmford', outlet: 'Kelmford Gazette', published: '2024-03-04' }),
    doc('courier', SILO_COURIER, { title: 'Barley wall on Mill Lane', outlet: 'Valley Courier', published: '2024-03-05T07:30:00Z' }),
    doc('marathon', MARATHON, { title: 'Course record in Dunmere', outlet: 'Dunmere Post', published: '2024-03-02' }),
    doc('mirror', SILO_GAZETTE, { title: 'Mirror\u0007' }),
  ]);
  store.close();
}

test("mimeo stories --json: the documented shape, duplicates in their original's story", () => {
  const json = JSON.parse(runStories({ db: DB, json: true })) as { stories: StoryJson[] };
  assert.deepEqual(Object.keys(json), ['stories']);
  assert.equal(json.stories.length, 1, 'the lone marathon report is not listed by default');
  const [story] = json.stories;
  assert.deepEqual(Object.keys(story).sort(), ['from', 'id', 'links', 'members', 'terms', 'title', 'to']);
  assert.deepEqual(story.members.map((m) => m.id), ['gazette', 'courier', 'mirror']);
  assert.deepEqual(story.members[0], { id: 'gazette', title: 'Silo collapses in Kelmford', outlet: 'Kelmford Gazette', published: '2024-03-04' });
  assert.deepEqual(story.members[2], { id: 'mirror', title: 'Mirror\u0007', outlet: null, published: null });
  assert.equal(story.links, 1, 'the exact-duplicate link');
  assert.deepEqual([story.from, story.to], ['2024-03-04', '2024-03-05T07:30:00Z']);
  const all = JSON.parse(runStories({ db: DB, json: true, minSize: 1 })) as { stories: StoryJson[] };
  assert.deepEqual(all.stories.map((s) => s.members.length), [3, 1]);
});

test('mimeo stories: each story with its timeline', () => {
  const out = runStories({ db: DB });
  assert.match(out, /^Story 1 · .*Kelmford/m);
  assert.match(out, /3 documents · 2024-03-04 – 2024-03-05 · 1 reuse link/);
  assert.match(out, /2024-03-04 · Kelmford Gazette · gazette · Silo collapses in Kelmford/);
  assert.match(out, /no date {3} · - · mirror · Mirror\uFFFD/, 'control characters never reach the terminal');
  assert.match(out, /1 story with at least 2 documents; 1 with fewer documents not shown/);
  assert.doesNotMatch(out, /marathon/);
});

test('mimeo stories: bad --min-size and a missing database are one-line errors', async () => {
  for (const value of ['0', 'two', '1.5']) {
    const program = new Command('mimeo').exitOverride();
    registerStories(program);
    await assert.rejects(
      program.parseAsync(['stories', '--min-size', value, '--db', DB], { from: 'user' }),
      (error: unknown) => error instanceof UserError && error.exitCode === 2 && /^--min-size: expected a whole number/.test(error.message),
    );
  }
  assert.throws(() => runStories({ db: join(tmp, 'nope.db') }), /nope\.db: no such database/);
});
