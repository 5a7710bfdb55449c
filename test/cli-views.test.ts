import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../src/cli/errors.js';
import { csvRow, runExport, xmlEscape, type ExportOptions } from '../src/cli/export.js';
import { registerViews, runLinks, runRelated, type RelatedViewJson } from '../src/cli/views.js';
import { assertUsageErrors, exportedText, fixtureDoc, storeAligned } from './store-fixture.js';
import { openStore, type NewDocument } from '../src/store/index.js';
import { runMimeo } from './cli-run.js';


// ---------------------------------------------------------------- fixture texts (made up)

const ORIGINAL = [
  'PORT ELLISON (Coastal Press) — Ferry crews in Port Ellison walked off the job on Monday morning, leaving about 4,000 commuters without a way across the sound for the first time in nineteen years.',
  '',
  'The strike began at 5 a.m. when the first boat of the day stayed tied to the pier. Union steward Alma Reyes said the crews had worked without a contract since January and could no longer accept the schedule the operator imposed in the spring.',
  '',
  '"We did not want this, but the company left us no choice," Reyes told reporters gathered at the terminal. "Our people are exhausted, and tired crews are not safe crews."',
  '',
  'The operator, Sound Line Transit, said it was disappointed and would return to talks as soon as the union asked. A spokesman, Tomas Grell, said extra buses would run around the bay, adding roughly ninety minutes to each trip.',
  '',
  'Shop owners near the terminal said the walkout was already hurting business. Fishmonger Dana Okoro said her morning sales fell by half within hours of the first cancelled crossing.',
].join('\n');

const REPRINT = 'Reprinted with permission.\n\n' + ORIGINAL;

const EDITED = [
  'Ferry crews in Port Ellison went on strike Monday morning, stranding some 4,000 commuters without a way across the sound for the first time in nineteen years.',
  '',
  'The walkout started at 5 a.m. when the first boat of the day stayed tied to the pier. Union steward Alma Reyes said crews had worked without a contract since January and could not accept the schedule the operator imposed this spring.',
  '',
  '"We did not want this, but the company left us no choice," Reyes told reporters at the terminal. "Our people are exhausted, and tired crews are not safe crews."',
  '',
  'Sound Line Transit said it was disappointed and would return to talks whenever the union asked. Spokesman Tomas Grell said extra buses would run around the bay, adding about ninety minutes to each trip.',
].join('\n');

const UNRELATED =
  'The county fair opened on Friday with a record number of prize pumpkins. Judges spent the afternoon weighing entries ' +
  'from across the valley, and the winner tipped the scales at more than 900 pounds.';

const HOSTILE_TITLE = 'Strike <script>alert(1)</script> & "more"\u0001\nnext';

const doc = fixtureDoc;

/**
 * Stored in this order (seq 1..6). By date: original (03-04) < reprint (03-05) < digest (03-06);
 * blog and mirror have no date, so the lower seq decides for them.
 */
const DOCS: NewDocument[] = [
  doc('digest/edited', EDITED, { title: HOSTILE_TITLE, outlet: 'Digest', published: '2024-03-06' }),
  doc('wire/original', ORIGINAL, { title: 'Ferry crews strike', outlet: 'Coastal Press', published: '2024-03-04', url: 'https://example.test/a?x=1&y=2' }),
  doc('paper/reprint', REPRINT, { title: 'Ferry strike, reprinted', outlet: 'Paper, Inc.', published: '2024-03-05T08:00:00Z' }),
  doc('blog/nodate', EDITED.replace('Monday morning', 'Monday'), { title: 'Blog copy', outlet: 'Blog' }),
  doc('fair/unrelated', UNRELATED, { title: 'Pumpkins', outlet: 'Valley News', published: '2024-03-01' }),
  doc('mirror/dup', ORIGINAL, { title: 'Mirror' }),
];

/** Aligns every pair (except the exact duplicate, which the store links itself) like a scan would. */
function buildStore(path: string): void {
  const store = openStore(path);
  try {
    storeAligned(store, DOCS, DOCS.filter((d) => d.id !== 'mirror/dup'));
  } finally {
    store.close();
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'mimeo-views-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const DB = join(tmp, 'corpus.db');
buildStore(DB);

function related(id: string, direction: 'sources' | 'derived'): RelatedViewJson {
  return JSON.parse(runRelated(id, direction, { db: DB, json: true })) as RelatedViewJson;
}

const exported = (options: ExportOptions) => exportedText(DB, options);

// ---------------------------------------------------------------- sources / derived

test('sources and derived follow the direction; undetermined links are listed in both, marked', () => {
  const derived = related('wire/original', 'derived');
  assert.deepEqual(Object.keys(derived).sort(), ['derived', 'document']);
  assert.equal(derived.document, 'wire/original');
  assert.deepEqual(derived.derived!.map((r) => r.id).sort(), ['blog/nodate', 'digest/edited', 'mirror/dup', 'paper/reprint']);
  const decided = (items: RelatedViewJson['sources']) => items!.filter((r) => r.source !== null).map((r) => r.id).sort();
  assert.deepEqual(decided(related('wire/original', 'sources').sources), [], 'the earliest document took from nobody');

  // Stored first (seq 1) but published last: the date decides.
  const digest = related('digest/edited', 'sources').sources!;
  assert.deepEqual(decided(digest), ['paper/reprint', 'wire/original']);
  for (const r of digest.filter((x) => x.source !== null)) {
    assert.equal(r.direction.basis, 'dates');
    assert.ok(r.directionConfidence > 0.9);
  }
  // No date on the blog and no text evidence in these fixture links: undetermined, in both views.
  const blog = related('digest/edited', 'derived').derived!.find((r) => r.id === 'blog/nodate')!;
  assert.equal(blog.source, null);
  assert.equal(blog.directionConfidence, 0.5);
  assert.ok(related('digest/edited', 'sources').sources!.some((r) => r.id === 'blog/nodate'));

  // An exact duplicate without a date: identical texts tell nothing.
  const mirror = related('mirror/dup', 'sources').sources!;
  assert.deepEqual(mirror.map((r) => r.id), ['wire/original']);
  assert.equal(mirror[0].duplicate, true);
  assert.equal(mirror[0].source, null);
  assert.deepEqual(related('fair/unrelated', 'sources').sources, []);
});

test('sources --json has the documented shape, sides named from DOC', () => {
  const json = related('paper/reprint', 'sources');
  assert.deepEqual(Object.keys(json).sort(), ['document', 'sources']);
  const [item] = json.sources!;
  assert.deepEqual(Object.keys(item).sort(), [
    'coverage', 'direction', 'directionConfidence', 'duplicate', 'id', 'kind', 'outlet', 'passages', 'published', 'score', 'source', 'title',
  ]);
  assert.equal(item.source, 'wire/original');
  assert.deepEqual(item.direction.evidence.map((e) => [e.kind, e.favours]), [['dates', 'wire/original']]);
  assert.equal(item.id, 'wire/original');
  assert.equal(item.title, 'Ferry crews strike');
  assert.equal(item.outlet, 'Coastal Press');
  assert.equal(item.published, '2024-03-04');
  assert.equal(item.kind, 'verbatim');
  assert.equal(item.duplicate, false);
  assert.equal(item.coverage.other, 1, 'all of the original is in the reprint');
  assert.ok(item.coverage.this > 0.9 && item.coverage.this < 1, 'the reprint adds one line');
  assert.deepEqual(Object.keys(item.passages[0]).sort(), ['kind', 'other', 'score', 'this']);
  // "this" offsets are into the reprint, "other" into the original.
  const p = item.passages[0];
  assert.equal(REPRINT.slice(p.this[0], p.this[1]), ORIGINAL.slice(p.other[0], p.other[1]));
  assert.ok(p.this[0] > 0 && p.other[0] === 0);
  // The same link from the other end swaps the sides.
  const back = related('wire/original', 'derived').derived!.find((r) => r.id === 'paper/reprint')!;
  assert.deepEqual(back.passages[0].this, p.other);
  assert.deepEqual(back.coverage, { this: item.coverage.other, other: item.coverage.this });
});

test('sources terminal report: direction with its evidence, metadata, passages side by side with differences marked', () => {
  const out = runRelated('digest/edited', 'sources', { db: DB, width: 100 });
  assert.match(out, /original: wire\/original \(confidence 0\.\d\d, from dates\)/);
  assert.match(out, /wire\/original: published 2024-03-04, before the other \(2024-03-06\)/);
  assert.match(out, /direction undetermined/, 'the blog copy has no date');
  assert.match(out, /^Sources of digest\/edited · "Strike <script>alert\(1\)<\/script> & "more"\uFFFD next" · Digest · 2024-03-06/);
  assert.match(out, /wire\/original · "Ferry crews strike" · Coastal Press · 2024-03-04/);
  assert.match(out, /edited · score 0\.\d\d · coverage: \d+% of digest\/edited, \d+% of wire\/original/);
  assert.match(out, /A = wire\/original \(original\) · B = digest\/edited/);
  assert.match(out, /Passage 1 of 1 · edited/);
  assert.match(out, /│/, 'side by side');
  assert.match(out, /\[-strike began-\]/, 'words of the source missing from the copy are marked');
  assert.match(out, /\{\+walkout started\+\}/, 'words added by the copy are marked');
  assert.doesNotMatch(out, /\u001b|\u0001/, 'no color or control characters outside a TTY');
  assert.match(runRelated('fair/unrelated', 'sources', { db: DB }), /No sources found\./);
});

test('unknown document: one-line error with close ids', () => {
  assert.throws(
    () => runRelated('wire/orig', 'sources', { db: DB }),
    (error: unknown) =>
      error instanceof UserError &&
      error.exitCode === 1 &&
      error.message === `no document 'wire/orig' in ${DB} (did you mean 'wire/original'?)`,
  );
  assert.throws(() => runRelated('nothing-like-it', 'derived', { db: DB }), /^UserError: no document 'nothing-like-it' in .*corpus\.db$/);
  assert.throws(() => runLinks({ db: DB, doc: 'edited' }), /did you mean 'digest\/edited'/);
});

test('missing database: error, and no file is created', () => {
  const missing = join(tmp, 'nope.db');
  assert.throws(() => runLinks({ db: missing }), /nope\.db: no such database/);
  assert.throws(() => runRelated('x', 'sources', { db: missing }), /no such database/);
  assert.equal(existsSync(missing), false);
});

// ---------------------------------------------------------------- links

interface LinksJson {
  links: Array<{ a: string; b: string; kind: string; coverageA: number; coverageB: number; score: number; duplicate: boolean; passages: unknown[] }>;
}

function links(options: Parameters<typeof runLinks>[0] = {}): LinksJson['links'] {
  return (JSON.parse(runLinks({ db: DB, json: true, ...options })) as LinksJson).links;
}

test('links --json: shape and filters', () => {
  const all = links();
  assert.ok(all.length >= 6, `expected the pairs among the ferry stories, got ${all.length}`);
  assert.deepEqual(Object.keys(all[0]).sort(), [
    'a', 'b', 'coverageA', 'coverageB', 'direction', 'directionConfidence', 'duplicate', 'kind', 'passages', 'score', 'source',
  ]);
  assert.deepEqual(Object.keys(all[0].passages[0] as object).sort(), ['a', 'b', 'kind', 'score']);
  assert.ok(all.every((l) => l.a !== 'fair/unrelated' && l.b !== 'fair/unrelated'));

  assert.ok(links({ kind: 'verbatim' }).every((l) => l.kind === 'verbatim'));
  assert.ok(links({ kind: 'edited' }).length > 0);
  assert.deepEqual(links({ kind: 'paraphrase' }), []);
  assert.ok(links({ minCoverage: 0.99 }).every((l) => Math.max(l.coverageA, l.coverageB) >= 0.99));
  assert.ok(links({ minCoverage: 0.99 }).length < all.length);
  assert.ok(links({ doc: 'blog/nodate' }).every((l) => l.a === 'blog/nodate' || l.b === 'blog/nodate'));
  assert.equal(links({ limit: 2 }).length, 2);
  assert.deepEqual(links({ doc: 'fair/unrelated' }), []);
});

test('links table: coverage as %, score with 2 decimals', () => {
  const out = runLinks({ db: DB, doc: 'mirror/dup' });
  const lines = out.trimEnd().split('\n');
  assert.match(lines[0], /^a\s+b\s+kind\s+cov a\s+cov b\s+score\s+passages\s+original$/);
  assert.match(lines[1], /^wire\/original\s+mirror\/dup\s+duplicate\s+100%\s+100%\s+1\.00\s+1\s+\?$/);
  assert.match(lines[2], /^1 link · original: /);
  assert.match(runLinks({ db: DB, doc: 'paper/reprint' }), /wire\/original\s+paper\/reprint\s+verbatim.*\sa 0\.95\n/);
  assert.equal(runLinks({ db: DB, kind: 'paraphrase' }), 'No links found.\n');
});

test('usage errors exit 2 with one clear line', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['links', '--kind', 'fuzzy'], /^--kind: expected verbatim, edited or paraphrase, got "fuzzy"$/],
    [['links', '--min-coverage', '1.5'], /^--min-coverage: expected a number from 0 to 1/],
    [['links', '--min-coverage', 'lots'], /^--min-coverage:/],
    [['links', '--limit', '0'], /^--limit: expected a whole number of at least 1/],
    [['links', '--limit', '2.5'], /^--limit:/],
    [['export', '--format', 'xml'], /^--format: expected jsonl, csv or gexf, got "xml"$/],
    [['export'], /^--format: required/],
    [['export', '--format', 'gexf', '--what', 'links'], /^--what: gexf always has both/],
    [['export', '--format', 'csv', '--all-documents'], /^--all-documents: only for --format gexf$/],
  ];
  await assertUsageErrors(registerViews, DB, cases);
});

// ---------------------------------------------------------------- export

test('export jsonl: one link per line with titles; documents with --what documents', async () => {
  const lines = (await exported({ format: 'jsonl' })).trimEnd().split('\n');
  const items = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.equal(items.length, links().length);
  assert.deepEqual(Object.keys(items[0]).sort(), [
    'a', 'aOutlet', 'aTitle', 'b', 'bOutlet', 'bTitle', 'coverageA', 'coverageB', 'direction', 'directionBasis', 'directionConfidence', 'duplicate', 'kind',
    'passages', 'score', 'source',
  ]);
  const digest = items.find((i) => i.a === 'digest/edited' || i.b === 'digest/edited')!;
  assert.equal(digest.a === 'digest/edited' ? digest.aTitle : digest.bTitle, HOSTILE_TITLE, 'JSON keeps the title exactly');

  const docs = (await exported({ format: 'jsonl', what: 'documents' })).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(docs.map((d) => d.id), DOCS.map((d) => d.id));
  assert.equal(docs[5].duplicateOf, 'wire/original');
  assert.equal(docs[1].url, 'https://example.test/a?x=1&y=2');
  assert.equal(docs[0].text, undefined, 'no texts in the document export');
});

/** Minimal RFC 4180 reader for the checks below. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const field = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|$)/g;
  let row: string[] = [];
  for (let m = field.exec(text); m && m.index < text.length; m = field.exec(text)) {
    row.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
    if (m[2] !== ',') {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

test('export csv: header, one row per link, RFC 4180 quoting', async () => {
  assert.equal(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', null, 0.5, true]), 'plain,"a,b","say ""hi""","two\nlines",,0.5,true\r\n');
  const text = await exported({ format: 'csv' });
  assert.ok(text.endsWith('\r\n'));
  const [header, ...rows] = parseCsv(text);
  assert.deepEqual(header, [
    'a', 'b', 'kind', 'coverage_a', 'coverage_b', 'score', 'duplicate', 'passages', 'a_title', 'b_title', 'a_outlet', 'b_outlet', 'source', 'direction_confidence',
  ]);
  assert.equal(rows.length, links().length);
  assert.ok(rows.every((r) => r.length === header.length));
  const digest = rows.find((r) => r[0] === 'digest/edited')!;
  assert.equal(digest[8], HOSTILE_TITLE, 'a title with quotes, commas and a newline survives');
  assert.ok(rows.some((r) => r[10] === 'Paper, Inc.' || r[11] === 'Paper, Inc.'));
  const dup = rows.find((r) => r[1] === 'mirror/dup')!;
  assert.deepEqual(dup.slice(2, 8), ['verbatim', '1', '1', '1', 'true', '1']);

  const [docHeader, ...docRows] = parseCsv(await exported({ format: 'csv', what: 'documents' }));
  assert.equal(docHeader[0], 'id');
  assert.equal(docRows.length, DOCS.length);
});

/** A small well-formedness check: balanced tags, quoted attributes, only known entities, no illegal characters. */
function assertWellFormed(xml: string): void {
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'no characters illegal in XML 1.0');
  assert.doesNotMatch(xml.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, ''), /&/, 'every & starts a known entity');
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(tag)) {
    assert.equal(m[6], undefined, `stray "<" near ${body.slice(m.index!, m.index! + 40)}`);
    if (m[5] !== undefined) {
      assert.ok(stack.length > 0 || m[5].trim() === '', 'no text outside the root');
      assert.doesNotMatch(m[5], />/, 'no raw ">" in text');
      continue;
    }
    if (m[1]) assert.equal(stack.pop(), m[2], `</${m[2]}> closes the open element`);
    else if (!m[4]) stack.push(m[2]);
  }
  assert.deepEqual(stack, [], 'every element is closed');
}

function gexfNodes(xml: string): string[] {
  return [...xml.matchAll(/<node id="(\d+)"/g)].map((m) => m[1]);
}

test('export gexf: well-formed GEXF 1.3, linked documents only, hostile strings escaped', async () => {
  const xml = await exported({ format: 'gexf' });
  assertWellFormed(xml);
  assert.match(xml, /<gexf xmlns="http:\/\/gexf\.net\/1\.3"[^>]* version="1\.3">/);
  assert.match(xml, /<graph mode="static" defaultedgetype="undirected">/);
  assert.deepEqual(gexfNodes(xml), ['1', '2', '3', '4', '6'], 'the unrelated document (seq 5) has no link');
  const edges = [...xml.matchAll(/<edge id="\d+" source="(\d+)" target="(\d+)"(?: type="directed")? weight="([\d.e-]+)">/g)];
  assert.equal(edges.length, links().length);
  assert.ok(edges.every((e) => Number(e[3]) > 0 && Number(e[3]) <= 1));
  assert.ok(xml.includes('label="Strike &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;&#10;next"'), 'title escaped, \\u0001 dropped');
  assert.ok(xml.includes('<attvalue for="url" value="https://example.test/a?x=1&amp;y=2"/>'));
  assert.ok(xml.includes('<attvalue for="outlet" value="Paper, Inc."/>'));
  assert.match(xml, /<attvalue for="duplicate" value="true"\/>/);
  assert.match(xml, /<attvalue for="chars" value="\d+"\/>/);

  const all = await exported({ format: 'gexf', allDocuments: true });
  assertWellFormed(all);
  assert.deepEqual(gexfNodes(all), ['1', '2', '3', '4', '5', '6']);
});

test('gexf parses with a real XML parser when python3 is around', { skip: spawnSync('python3', ['-c', '1']).status !== 0 }, async () => {
  const file = join(tmp, 'check.gexf');
  writeFileSync(file, await exported({ format: 'gexf', allDocuments: true }));
  const script = 'import sys, xml.etree.ElementTree as ET; r = ET.parse(sys.argv[1]).getroot(); print(len(r.findall(".//{http://gexf.net/1.3}node")))';
  const run = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), '6');
});

test('xmlEscape drops characters XML 1.0 forbids, including lone surrogates', () => {
  assert.equal(xmlEscape('a\u0000b\u001bc\ufffe\ud800d😀'), 'abcd😀');
  assert.equal(xmlEscape(`<'&">`), '&lt;&apos;&amp;&quot;&gt;');
});

test('export --out writes the file through a temp file and leaves nothing behind on failure', async () => {
  const dir = mkdtempSync(join(tmp, 'out-'));
  const out = join(dir, 'links.csv');
  await runExport({ db: DB, out }); // format from the extension
  assert.match(readFileSync(out, 'utf8'), /^a,b,kind,/);
  assert.deepEqual(readdirSync(dir), ['links.csv']);

  writeFileSync(out, 'previous');
  await assert.rejects(runExport({ db: join(tmp, 'missing.db'), out }), /no such database/);
  assert.equal(readFileSync(out, 'utf8'), 'previous', 'a failed export keeps the old file');

  await assert.rejects(runExport({ db: DB, format: 'gexf', out: join(dir, 'no', 'such', 'dir.gexf') }), (error: NodeJS.ErrnoException) => {
    return error.code === 'ENOENT' && error.path === join(dir, 'no', 'such', 'dir.gexf');
  });
  assert.deepEqual(readdirSync(dir), ['links.csv']);
});

// ---------------------------------------------------------------- through the real CLI

const mimeo = runMimeo;

test('mimeo sources/links/export through main.ts', () => {
  const sources = mimeo(['sources', 'paper/reprint', '--db', DB, '--json']);
  assert.equal(sources.status, 0, sources.stderr);
  assert.equal((JSON.parse(sources.stdout) as RelatedViewJson).sources![0].id, 'wire/original');

  const unknown = mimeo(['derived', 'nope', '--db', DB]);
  assert.equal(unknown.status, 1);
  assert.equal(unknown.stderr, `mimeo: no document 'nope' in ${DB}\n`);

  const bad = mimeo(['links', '--kind', 'fuzzy', '--db', DB]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^mimeo: --kind: expected verbatim, edited or paraphrase/);

  const gexf = mimeo(['export', '--format', 'gexf', '--db', DB]);
  assert.equal(gexf.status, 0, gexf.stderr);
  assertWellFormed(gexf.stdout);

  const missing = mimeo(['links', '--db', join(tmp, 'absent.db')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^mimeo: .*absent\.db: no such database/);
});
