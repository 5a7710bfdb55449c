import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { alignLongerFirst, toLink } from '../src/corpus/tasks.js';
import { Corpus } from '../src/corpus/corpus.js';
import { scan } from '../src/corpus/scan.js';
import { encodeFeatures, extractFeatures } from '../src/index/features.js';
import { indexParameters } from '../src/index/options.js';
import { extractQuotes } from '../src/quotes/index.js';
import { quoteDrift, utterances, type Utterance } from '../src/quotes/match.js';
import { reportHtml } from '../src/report/index.js';
import { openStore, type NewDocument, type Store } from '../src/store/index.js';
import { analyze } from '../src/text/index.js';
import { filterUtterances, markedWords, type CorpusQuotesJson } from '../src/cli/quotes-corpus.js';
import { fixtureDoc } from './store-fixture.js';

// Fictional articles (Pell Creek and its people are invented).
const ORIGINAL = `PELL CREEK (Harbor Wire) — The county board voted on Tuesday to keep the morning ferry to Pell Creek running for another year, reversing a plan to replace it with a bus link over the causeway.

“We will not let the ferry service die while I sit on this board,” Councillor Ada Brennan said after the vote. “The subsidy costs less than one new bus a year, and it keeps two hundred commuters connected to the mainland every morning.”

Harbor master Tomas Reyes said the boat would need a new engine within three years. “She is sound below the waterline, but the engine has done forty thousand crossings and it is tired,” he said.

The board will review the ferry budget again next spring, when the engine quote is due.`;

/** A newspaper's reprint: masthead, credit, the wire text word for word. */
const REPRINT = `THE PELL CREEK GAZETTE

From Harbor Wire

${ORIGINAL}`;

/** An edited copy: one quote cut short, one reworded, the rest as in the wire text. */
const REWRITE = `PELL CREEK (Harbor Wire) — The county board voted on Tuesday to keep the morning ferry to Pell Creek running for another year, reversing a plan to replace it with a bus link over the causeway.

“We will not let the ferry service die,” Councillor Ada Brennan said after the vote. “The subsidy costs less than a single new bus each year, and it keeps two hundred commuters linked to the mainland each morning.”

Harbor master Tomas Reyes said the boat would need a new engine within three years. “She is sound below the waterline, but the engine has done forty thousand crossings and it is tired,” he said.

The board will review the ferry budget again next spring, when the engine quote is due.`;

/** Independent coverage: the same councillor on the same topic, in other words; no shared text. */
const INDEPENDENT = `Islanders cheered at the county offices on Tuesday evening after the ferry to Pell Creek was saved from the budget axe for at least twelve more months.

Councillor Ada Brennan, who led the campaign, told our reporter: “This ferry service is the only lifeline the island has, and I will defend its subsidy at every budget meeting until I retire.”

Commuter Jo Lindqvist, who crosses daily to a job at the cannery, said she had feared a two-hour detour by road.`;

const doc = fixtureDoc;

/** Stores the documents with their quotes; links (aligned for real) only between the listed pairs. */
function buildStore(docs: NewDocument[], linked: [string, string][]): Store {
  const store = openStore(':memory:');
  store.putDocuments(docs);
  store.putFeatures(docs.map((d) => ({ id: d.id, features: new Uint8Array(1), quotes: extractQuotes(d.text) })));
  const texts = new Map(docs.map((d) => [d.id, d.text]));
  for (const [a, b] of linked) {
    const result = alignLongerFirst(analyze(texts.get(a)!), analyze(texts.get(b)!));
    const link = toLink(a, b, result);
    assert.ok(link, `the fixture links ${a} and ${b}`);
    store.putAlignment(b, [link]);
  }
  return store;
}

function utteranceOf(list: Utterance[], doc: string, words: string): Utterance {
  const found = list.find((u) => u.variants.some((v) => v.doc === doc && v.text.includes(words)));
  assert.ok(found, `no utterance of ${doc} with "${words}"`);
  return found;
}

function variantIn(u: Utterance, doc: string) {
  const v = u.variants.find((x) => x.doc === doc);
  assert.ok(v, `${doc} not among ${u.variants.map((x) => x.doc).join(', ')}`);
  return v;
}

test('store: quotes round trip with the features, by document and speaker; replaced texts lose them', () => {
  const store = openStore(':memory:');
  try {
    store.putDocuments([doc('o', ORIGINAL), doc('i', INDEPENDENT), doc('dup', ORIGINAL.toUpperCase())]);
    const extracted = extractQuotes(ORIGINAL);
    assert.ok(extracted.length >= 3);
    store.putFeatures([
      { id: 'o', features: Uint8Array.of(1), quotes: extracted },
      { id: 'i', features: Uint8Array.of(2), quotes: extractQuotes(INDEPENDENT) },
    ]);
    const stored = store.quotes({ doc: 'o' });
    assert.deepEqual(
      stored.map(({ doc: id, ord, ...quote }) => [id, ord, quote]),
      extracted.map((q, ord) => ['o', ord, q]),
    );
    assert.deepEqual(store.quotes({ doc: 'dup' }), [], 'an exact duplicate has none of its own');
    assert.deepEqual(store.quotes({ doc: 'nope' }), []);
    // The name as the article resolves it; any case.
    const ada = store.quotes({ speaker: 'councillor ADA brennan' });
    assert.deepEqual([...new Set(ada.map((q) => q.doc))], ['o', 'i']);
    assert.ok(ada.every((q) => q.speaker?.name === 'Councillor Ada Brennan'));
    assert.deepEqual(store.quotes({ speaker: 'Brennan' }), [], 'the whole name');
    assert.equal(store.quotes().length, extracted.length + store.quotes({ doc: 'i' }).length);

    // Features without quotes leave the stored quotes alone; new quotes replace them all.
    store.putFeatures([{ id: 'o', features: Uint8Array.of(3) }]);
    assert.equal(store.quotes({ doc: 'o' }).length, extracted.length);
    store.putFeatures([{ id: 'o', features: Uint8Array.of(3), quotes: extracted.slice(0, 1) }]);
    assert.equal(store.quotes({ doc: 'o' }).length, 1);

    assert.deepEqual(store.putDocuments([doc('o', REWRITE)]), ['replaced']);
    assert.deepEqual(store.quotes({ doc: 'o' }), [], 'the old text’s quotes are gone');
    assert.ok(store.pendingIndex().includes('o'), 'queued for features and quotes again');

    // A document replaced into another's text becomes its duplicate: its quotes go too.
    assert.deepEqual(store.putDocuments([doc('i', REWRITE)]), ['replaced']);
    assert.equal(store.getDocument('i')?.duplicateOf, 'o');
    assert.deepEqual(store.quotes({ doc: 'i' }), []);
  } finally {
    store.close();
  }
});

test('store: a version-2 store queues its documents for quotes; the next scan extracts them without re-aligning', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mimeo-quote-match-'));
  try {
    writeFileSync(join(dir, 'original.txt'), ORIGINAL);
    writeFileSync(join(dir, 'reprint.txt'), REPRINT);
    const path = join(dir, 'm.db');
    let store = openStore(path);
    await scan(store, [join(dir, 'original.txt'), join(dir, 'reprint.txt')], { workers: 1 });
    const quotes = store.quotes().length;
    const links = store.links().length;
    assert.ok(quotes >= 6 && links === 1);
    store.close();

    const db = new Database(path);
    db.exec('DROP TABLE quotes');
    db.pragma('user_version = 2');
    db.close();
    store = openStore(path);
    assert.equal(store.quotes().length, 0);
    assert.deepEqual(store.pendingIndex().length, 2);
    assert.deepEqual(store.pendingAlign(), []);
    const stats = await scan(store, [], { workers: 1 });
    assert.equal(stats.aligned, 0, 'alignment is not redone');
    assert.equal(store.quotes().length, quotes);
    assert.equal(store.links().length, links);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a verbatim reprint quotes the same utterances, unchanged; an exact duplicate shares its original’s', () => {
  const store = buildStore([doc('wire', ORIGINAL, { published: '2024-03-05' }), doc('reprint', REPRINT, { published: '2024-03-06' })], [['wire', 'reprint']]);
  try {
    assert.deepEqual(store.putDocuments([doc('dup', REPRINT.toLowerCase(), { outlet: 'Bay Echo' })]), ['duplicate']);
    const list = utterances(store);
    const shared = list.filter((u) => u.documents === 3);
    assert.equal(shared.length, extractQuotes(ORIGINAL).length);
    for (const u of shared) {
      assert.equal(u.variants[0].doc, 'wire', 'the original is canonical');
      const v = variantIn(u, 'reprint');
      assert.equal(v.matchedBy, 'link');
      assert.equal(v.drift?.altered, false);
      assert.equal(v.text, u.text);
      const dup = variantIn(u, 'dup');
      assert.deepEqual([dup.duplicateOf, dup.matchedBy, dup.outlet, dup.drift?.altered], ['reprint', 'duplicate', 'Bay Echo', false]);
    }
  } finally {
    store.close();
  }
});

test('Corpus.add stores the new article’s quotes and matches them to its source’s', () => {
  const store = openStore(':memory:');
  try {
    store.putDocuments([doc('wire', ORIGINAL, { published: '2024-03-05' })]);
    store.putFeatures([{ id: 'wire', features: encodeFeatures(extractFeatures(analyze(ORIGINAL), indexParameters())), quotes: extractQuotes(ORIGINAL) }]);
    store.putAlignment('wire', []);
    const corpus = Corpus.open(store);
    const added = corpus.add({ id: 'rewrite', text: REWRITE, meta: { published: '2024-03-06' }, origin: 'in/rewrite', format: 'txt' });
    assert.equal(added.links.length, 1);
    assert.deepEqual(store.quotes({ doc: 'rewrite' }).map((q) => q.ord), extractQuotes(REWRITE).map((_, i) => i));
    const u = utteranceOf(utterances(store), 'rewrite', 'The subsidy costs');
    assert.equal(u.variants[0].doc, 'wire');
  } finally {
    store.close();
  }
});

test('a linked rewrite: a reworded quote is the same utterance with its substitutions, a cut one is truncated', () => {
  // The rewrite is stored first: the canonical comes from the dates, not the stored order.
  const store = buildStore([doc('rewrite', REWRITE, { published: '2024-03-06' }), doc('wire', ORIGINAL, { published: '2024-03-05' })], [['wire', 'rewrite']]);
  try {
    const list = utterances(store);
    const subsidy = utteranceOf(list, 'wire', 'The subsidy costs');
    assert.equal(subsidy.variants[0].doc, 'wire');
    const reworded = variantIn(subsidy, 'rewrite').drift!;
    assert.ok(reworded.altered);
    assert.ok(reworded.substituted >= 3, JSON.stringify(reworded));
    assert.ok(reworded.edits.some((e) => e.kind === 'substituted' && e.old.includes('connected') && e.new.includes('linked')));
    assert.equal(reworded.truncated, null);
    assert.match(markedWords(reworded.segments, false), /\[-one-\] \{\+a single\+\} new bus \[-a-\] \{\+each\+\} year/);

    const ferry = utteranceOf(list, 'wire', 'We will not let the ferry service die');
    const cut = variantIn(ferry, 'rewrite').drift!;
    assert.deepEqual(cut.truncated, { start: 0, end: 6 });
    assert.equal(cut.substituted + cut.inserted + cut.deleted, 0);

    const reyes = utteranceOf(list, 'wire', 'She is sound below the waterline');
    assert.equal(variantIn(reyes, 'rewrite').drift?.altered, false);
  } finally {
    store.close();
  }
});

test('the same speaker in other words, unlinked: a different utterance', () => {
  const store = buildStore([doc('wire', ORIGINAL), doc('reprint', REPRINT), doc('independent', INDEPENDENT)], [['wire', 'reprint']]);
  try {
    const list = utterances(store);
    for (const q of store.quotes({ doc: 'independent' })) {
      const u = utteranceOf(list, 'independent', q.text);
      assert.deepEqual(u.variants.map((v) => v.doc), ['independent'], `"${q.text}" matched elsewhere`);
    }
    // --speaker finds both utterances of the councillor, by any words of her name.
    const ada = filterUtterances(list, { speaker: 'brennan' });
    assert.ok(ada.some((u) => u.documents === 2) && ada.some((u) => u.variants[0].doc === 'independent'));
    assert.deepEqual(filterUtterances(list, { speaker: 'bren' }), []);
  } finally {
    store.close();
  }
});

test('unlinked documents quoting the same words of the same speaker: one utterance, matched by speaker', () => {
  const statement = '“The subsidy costs less than one new bus a year, and it keeps two hundred commuters connected to the mainland every morning,” Councillor Ada Brennan said in a statement.';
  const other = `Ferry riders packed the hall on Tuesday.\n\n${statement}\n\nThe vote was five to two.`;
  const store = buildStore([doc('wire', ORIGINAL), doc('other', other)], []);
  try {
    const u = utteranceOf(utterances(store), 'other', 'The subsidy costs');
    assert.deepEqual(u.variants.map((v) => [v.doc, v.matchedBy]), [['wire', null], ['other', 'speaker']]);
  } finally {
    store.close();
  }
});

test('words kept without quotation marks, and two quotes run together', () => {
  const source = `The library on Quay Street will reopen next week after a three-month repair.

“We fixed the leaking roof of the old reading room and replaced every rotten shelf,” Mayor Ivo Tamsin said on Friday at the library.

He added later that evening: “Children can borrow books again from Monday morning at nine.”

“The bridge will stay closed until the inspectors sign off on every single beam,” said engineer Rosa Achebe, who is in charge of the other repair in town.`;
  const copy = `The library on Quay Street will reopen next week after a three-month repair.

“We fixed the leaking roof of the old reading room and replaced every rotten shelf, and children can borrow books again from Monday morning at nine,” Mayor Ivo Tamsin said on Friday at the library.

The bridge will stay closed until the inspectors sign off on every single beam, said engineer Rosa Achebe, who is in charge of the other repair in town.`;
  const store = buildStore([doc('source', source, { published: '2024-05-01' }), doc('copy', copy, { published: '2024-05-02' })], [['source', 'copy']]);
  try {
    const list = utterances(store);
    const roof = utteranceOf(list, 'source', 'We fixed the leaking roof');
    const merged = variantIn(roof, 'copy').drift!;
    assert.deepEqual(merged.merged, ['Children can borrow books again from Monday morning at nine.']);
    assert.ok(merged.altered);

    const bridge = utteranceOf(list, 'source', 'The bridge will stay closed');
    const unmarked = variantIn(bridge, 'copy');
    assert.equal(unmarked.ord, null);
    assert.equal(unmarked.drift?.marksLost, true);
    assert.match(unmarked.text, /^The bridge will stay closed until the inspectors sign off on every single beam$/);
    assert.equal(copy.slice(unmarked.start, unmarked.end), unmarked.text);
  } finally {
    store.close();
  }
});

test('quoteDrift: substitutions, insertions, deletions and cut ends, ignoring case and punctuation', () => {
  const same = quoteDrift('We oppose double standards.', 'we oppose double standards');
  assert.equal(same.altered, false);
  const sub = quoteDrift('nipping the evil in the bud', 'eliminate the evil of the egg');
  assert.deepEqual(sub.edits.map((e) => [e.kind, e.old, e.new]), [
    ['substituted', 'nipping', 'eliminate'],
    ['substituted', 'in', 'of'],
    ['substituted', 'bud', 'egg'],
  ]);
  const cut = quoteDrift('one two three four five six', 'two three four');
  assert.deepEqual(cut.truncated, { start: 1, end: 2 });
  assert.equal(cut.deleted, 0);
  const longer = quoteDrift('two three four', 'one two three four five');
  assert.deepEqual(longer.extended, { start: 1, end: 1 });
  const inner = quoteDrift('we will fix it right', 'we will fix it quickly and right');
  assert.deepEqual([inner.inserted, inner.deleted, inner.truncated], [2, 0, null]);
  assert.equal(quoteDrift('a b c', 'x y z').truncated, null, 'nothing in common: a substitution, not a cut');
});

test('report: shared quotes with their drift, document text escaped', () => {
  const hostile = REWRITE.replace('linked to the mainland', 'linked <script>alert(1)</script> to the mainland');
  const store = buildStore([doc('wire', ORIGINAL), doc('<b>rewrite</b>', hostile)], [['wire', '<b>rewrite</b>']]);
  try {
    const page = reportHtml(store, { now: new Date('2024-06-01T00:00:00Z') }).html;
    assert.ok(!page.includes('<script>alert(1)</script>'));
    assert.ok(!page.includes('<b>rewrite</b>'));
    const section = page.slice(page.indexOf('<section id="quotes">'), page.indexOf('<section id="documents">'));
    assert.match(section, /<h2>Quotes<\/h2>/);
    assert.match(section, /Ada Brennan/);
    assert.match(section, /<mark class="only-a">connected<\/mark> <mark class="only-b">linked &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/mark>/);
    assert.match(section, /truncated \(6 words cut at the end\)/);
  } finally {
    store.close();
  }
});

test('mimeo quotes --db: utterances with their variants; --drift marks the changed words; --json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mimeo-quote-cli-'));
  try {
    writeFileSync(join(dir, 'wire.txt'), ORIGINAL);
    writeFileSync(join(dir, 'rewrite.txt'), REWRITE);
    writeFileSync(join(dir, 'independent.txt'), INDEPENDENT);
    const db = join(dir, 'm.db');
    const store = openStore(db);
    await scan(store, [join(dir, 'wire.txt'), join(dir, 'rewrite.txt'), join(dir, 'independent.txt')], { workers: 1 });
    store.close();
    const mimeo = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'quotes', ...args], {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', MIMEO_DEBUG: '' },
      });

    const drift = mimeo('--db', db, '--drift');
    assert.equal(drift.status, 0, drift.stderr);
    assert.match(drift.stdout, /Councillor Ada Brennan · 2 documents · altered/);
    assert.match(drift.stdout, /original .*wire\.txt/);
    assert.match(drift.stdout, /variant .*rewrite\.txt · 5 words substituted/);
    assert.match(drift.stdout, /\[-one-\] \{\+a single\+\} new bus/);
    assert.match(drift.stdout, /truncated \(6 words cut at the end\)/);
    assert.doesNotMatch(drift.stdout, /She is sound/, '--drift leaves out unchanged quotes');

    const json = mimeo('--db', db, '--json', '--speaker', 'ada brennan');
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as CorpusQuotesJson;
    assert.equal(parsed.pending, 0);
    assert.ok(parsed.utterances.length >= 3 && parsed.utterances.every((u) => /Ada Brennan/.test(u.speaker ?? '')));
    const shared = parsed.utterances.find((u) => u.documents === 2 && u.text.startsWith('The subsidy'))!;
    assert.deepEqual(Object.keys(shared.variants[1]).sort(), ['canonical', 'doc', 'drift', 'duplicateOf', 'end', 'matchedBy', 'ord', 'outlet', 'published', 'seq', 'speaker', 'start', 'text', 'title']);
    assert.ok(shared.variants[1].drift?.edits.length);

    const both = mimeo(join(dir, 'wire.txt'), '--db', db);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /^mimeo: give either FILE or --db/);
    const fileDrift = mimeo(join(dir, 'wire.txt'), '--drift');
    assert.equal(fileDrift.status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The motivating case (four real reports kept outside the repository; see its README).
const SEEDS = fileURLToPath(new URL('../../shared/seeds', import.meta.url));
const seedsSkip = existsSync(SEEDS) ? false : `seeds not found at ${SEEDS}`;

test('seeds: each quote of 002 is matched to its altered version in 001; nothing of 000 or 003 joins them', { skip: seedsSkip }, async () => {
  const store = openStore(':memory:');
  try {
    await scan(store, [SEEDS], { workers: 1 });
    const id = (prefix: string) => store.listDocuments().find((d) => d.id.startsWith(`${prefix}_`))!.id;
    const [d000, d001, d002, d003] = ['000', '001', '002', '003'].map(id);
    const list = utterances(store);
    const quotes002 = store.quotes({ doc: d002 });
    assert.ok(quotes002.length >= 12);
    for (const q of quotes002) {
      const u = list.find((x) => x.variants.some((v) => v.doc === d002 && v.ord === q.ord))!;
      assert.equal(u.variants[0].doc, d002, `002 is the original of "${q.text.slice(0, 40)}"`);
      const copy = u.variants.find((v) => v.doc === d001);
      assert.ok(copy?.drift, `"${q.text.slice(0, 50)}" has no version in 001`);
    }
    const bud = utteranceOf(list, d002, 'nipping the evil in the bud');
    const drift = variantIn(bud, d001).drift!;
    assert.ok(drift.altered && drift.substituted > 0);
    assert.ok(drift.edits.some((e) => /nipping/.test(e.old) && /eliminate/.test(e.new)));
    assert.ok(drift.edits.some((e) => /bud/.test(e.old) && /egg/.test(e.new)));
    // Independent coverage is never someone else's utterance.
    for (const u of list) {
      const docs = new Set(u.variants.map((v) => v.doc));
      if (docs.has(d000) || docs.has(d003)) assert.equal(docs.size, 1, `${u.key} joins ${[...docs].join(', ')}`);
    }
  } finally {
    store.close();
  }
});
