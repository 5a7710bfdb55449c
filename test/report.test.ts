import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { UserError } from '../src/cli/errors.js';
import { registerReport, runReport } from '../src/cli/report.js';
import { scan } from '../src/corpus/scan.js';
import { escapeHtml, html, safeHref } from '../src/report/escape.js';
import { graphSvg, layoutGraph, type GraphEdge, type GraphNode } from '../src/report/graph.js';
import { directionBlock } from '../src/report/html.js';
import { collectReport, cutPassage, reportHtml, writeReport } from '../src/report/index.js';
import { assertUsageErrors, fixtureDoc, storeAligned } from './store-fixture.js';
import { openStore, type NewDocument } from '../src/store/index.js';
import { wordDiff } from '../src/text/word-diff.js';
import { PROJECT_ROOT as ROOT, runMimeo } from './cli-run.js';

const EXAMPLES = join(ROOT, 'examples');
const NOW = new Date('2024-06-01T12:00:00Z');

const tmp = mkdtempSync(join(tmpdir(), 'mimeo-report-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** The example corpus scanned once, as `mimeo scan examples` would. */
const EXAMPLES_DB = join(tmp, 'examples.db');
const examplesReady = (async () => {
  const store = openStore(EXAMPLES_DB);
  try {
    await scan(store, [EXAMPLES], { workers: 1 });
  } finally {
    store.close();
  }
})();

async function examplesReport(): Promise<string> {
  await examplesReady;
  const store = openStore(EXAMPLES_DB, { readonly: true });
  try {
    return reportHtml(store, { now: NOW }).html;
  } finally {
    store.close();
  }
}

/** Every tag in the page (text never holds a raw "<", so each one is real markup). */
function tags(page: string): string[] {
  return page.match(/<[^>]*>/g) ?? [];
}

// ---------------------------------------------------------------- the example corpus

test('report of the examples: titles, summary counts, side-by-side marks, one graph node per linked document', async () => {
  const page = await examplesReport();
  assert.match(page, /^<!DOCTYPE html>/);
  assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`));
  for (const title of ['THE CASCADE LEDGER', 'THE MARROW VALLEY COURIER', 'Oregon Town Shuts Century-Old Covered Bridge Over Rotting Beams: What You Need to Know']) {
    assert.ok(page.includes(title), title);
  }
  assert.ok(page.includes('wire-original.txt'));

  // Summary: 6 documents, 6 links (1 verbatim, 2 edited, 3 paraphrase); no dates, so any direction comes from the texts.
  const { document } = parseHTML(page);
  const figures = new Map([...document.querySelectorAll('#summary dl.figures dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? '']));
  assert.match(figures.get('Documents')!, /^6, 4 with reuse links/);
  assert.match(figures.get('Reuse links')!, /^6: verbatim 1 · edited 2 · paraphrase 3/);
  const [, directed, undetermined] = /^(\d+) with a known original, (\d+) undetermined$/.exec(figures.get('Direction')!) ?? [];
  assert.equal(Number(directed) + Number(undetermined), 6);

  // The edited reprint (stored before the wire, so side A) says "a minimum of" where the wire says "at least".
  assert.ok(page.includes('<mark class="only-a">a minimum of</mark>'));
  assert.ok(page.includes('<mark class="only-b">at least</mark>'));
  assert.equal(document.querySelectorAll('article.link').length, 6);
  assert.ok(document.querySelectorAll('table.side-by-side td').length >= 12);
  assert.equal(document.querySelectorAll('article.link .direction').length, 6);

  // Graph: the four linked documents, not the independent report or the unrelated story.
  const svg = /<svg xmlns[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
  assert.equal((svg.match(/<g class="node"/g) ?? []).length, 4);
  assert.equal((svg.match(/<line /g) ?? []).length, 6);
  assert.doesNotMatch(svg, /NaN|undefined|Infinity/);
  assert.doesNotMatch(page, /<script/i);

  // Deterministic: the same store and time give the same bytes.
  assert.equal(await examplesReport(), page);
});

test('writeReport writes atomically and replaces nothing when it fails', async () => {
  await examplesReady;
  const dir = mkdtempSync(join(tmp, 'out-'));
  const out = join(dir, 'report.html');
  const store = openStore(EXAMPLES_DB, { readonly: true });
  try {
    const result = await writeReport(store, out, { now: NOW });
    assert.equal(result.links, 6);
    assert.equal(readFileSync(out, 'utf8').length > 1000, true);
    assert.deepEqual(readdirSync(dir), ['report.html']);
    await assert.rejects(writeReport(store, join(dir, 'missing', 'r.html')), (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
    assert.deepEqual(readdirSync(dir), ['report.html']);
  } finally {
    store.close();
  }
});

test('--max-links keeps the strongest links and says what was left out', async () => {
  await examplesReady;
  const store = openStore(EXAMPLES_DB, { readonly: true });
  try {
    const data = collectReport(store, { maxLinks: 2, now: NOW });
    assert.equal(data.links.length, 2);
    assert.equal(data.linksLeftOut, 4);
    assert.equal(data.summary.links, 6, 'the summary still counts every link');
    assert.ok(data.links[0].coverageA >= data.links[1].coverageA || data.links[0].coverageB >= data.links[1].coverageB);
    const page = reportHtml(store, { maxLinks: 2, now: NOW }).html;
    assert.match(page, /Showing the 2 strongest links of 6; 4 weaker links left out/);
  } finally {
    store.close();
  }
});

// ---------------------------------------------------------------- hostile input

const PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '"><iframe src=javascript:alert(1)>'];

const STORY = [
  'The harbour authority closed the north pier on Friday after divers found cracks in three of its concrete pilings, the port director said.',
  'Fishing boats will dock at the south quay until repairs are finished, which the authority expects to take about six weeks.',
  '"Safety comes first, even in the busy season," director Hanna Voss told reporters at the harbour office on Friday afternoon.',
  'Local restaurants said they feared losing visitors during the summer festival, when the pier usually draws large crowds.',
].join('\n\n');

function hostileDocs(): NewDocument[] {
  const doc = fixtureDoc;
  return [
    doc('wire<script>alert(1)</script>', `${PAYLOADS[0]} ${STORY}`, {
      title: `Pier closed ${PAYLOADS[0]}`,
      outlet: PAYLOADS[2],
      published: '2024-05-01',
      url: 'javascript:alert(1)',
      author: PAYLOADS[1],
    }),
    doc('"><img src=x onerror=alert(1)>', `${STORY}\n\n${PAYLOADS[1]} ${PAYLOADS[3]}`, {
      title: `${PAYLOADS[1]} & "quoted" 'single'`,
      outlet: `Evil ${PAYLOADS[3]}`,
      published: '2024-05-02',
      url: 'https://example.test/a?x=1&y="2"<b>',
    }),
    doc('plain', STORY.replace('Friday', 'Saturday'), { title: 'Plain copy', url: ' JavaScript:alert(1)' }),
  ];
}

function buildHostileStore(path: string): void {
  const store = openStore(path);
  try {
    storeAligned(store, hostileDocs());
  } finally {
    store.close();
  }
}

test('hostile titles, texts, ids, outlets and URLs never reach the page as markup', () => {
  const db = join(tmp, 'hostile.db');
  buildHostileStore(db);
  const store = openStore(db, { readonly: true });
  let page: string;
  try {
    assert.ok(store.links().length >= 2, 'the fixture links the documents');
    page = reportHtml(store, { now: NOW }).html;
  } finally {
    store.close();
  }

  for (const payload of PAYLOADS) assert.ok(!page.includes(payload), `raw ${payload}`);
  assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'shown as text');
  assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));

  // Only our own tags and attributes: no script, no event handler, no javascript: anywhere in markup.
  const allowed = new Set('!doctype html head meta title style body header h1 h2 h3 h4 p code nav a main section dl dt dd table thead tbody tr th td span ul ol li strong em bdi mark article div svg defs marker path g line rect circle text br footer'.split(' '));
  for (const tag of tags(page)) {
    const name = /^<\/?([!\w-]+)/.exec(tag)?.[1]?.toLowerCase() ?? '';
    assert.ok(allowed.has(name), `unexpected tag ${tag}`);
    assert.doesNotMatch(tag, /\son\w+\s*=/i, tag);
    assert.doesNotMatch(tag, /javascript:/i, tag);
    assert.doesNotMatch(tag, /<script|<img|<iframe/i, tag);
  }

  // The parsed page agrees: hrefs are fragments or http(s) only, outgoing ones without opener or referrer.
  const { document } = parseHTML(page);
  assert.equal(document.querySelectorAll('script, img, iframe, object, embed').length, 0);
  const hrefs = [...document.querySelectorAll('[href]')].map((a) => a.getAttribute('href') ?? '');
  assert.ok(hrefs.length > 0);
  for (const href of hrefs) assert.match(href, /^(#[\w-]+|https?:\/\/)/, href);
  const external = [...document.querySelectorAll('a[href^="http"]')];
  assert.ok(external.length > 0);
  for (const a of external) {
    assert.equal(a.getAttribute('href'), 'https://example.test/a?x=1&y=%222%22%3Cb%3E', 'only the https URL is a link');
    assert.equal(a.getAttribute('rel'), 'noopener noreferrer');
  }
  assert.ok(page.includes('<span class="url">javascript:alert(1)</span>'), 'a javascript: URL is plain text');
  for (const el of document.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) assert.doesNotMatch(name, /^on/i, `${el.tagName} ${name}`);
  }
  // Every link still gets its direction call in words.
  const calls = [...document.querySelectorAll('article.link .direction')].map((d) => d.textContent ?? '');
  assert.equal(calls.length, document.querySelectorAll('article.link').length);
  for (const call of calls) assert.match(call, /^Direction: (A → B|B → A|undetermined)\./);
});

test('escapeHtml, html and safeHref', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  assert.equal(escapeHtml('bell\u0007 nul\u0000 esc\u001b tab\tnewline\n'), 'bell\uFFFD nul\uFFFD esc\uFFFD tab\tnewline\n');
  assert.equal(escapeHtml('lone \ud800 surrogate, pair 😀'), 'lone \uFFFD surrogate, pair 😀');
  assert.equal(html`<p title="${'"x"'}">${'<b>'}${html`<i>ok</i>`}${['<', html`<br>`]}${null}${false}</p>`.value, '<p title="&quot;x&quot;">&lt;b&gt;<i>ok</i>&lt;<br></p>');
  for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:x', '//evil.test/x', '/relative', 'mailto:a@b.test', '', null, undefined]) {
    assert.equal(safeHref(bad), null, String(bad));
  }
  assert.equal(safeHref('https://example.test/a b?q=<x>'), 'https://example.test/a%20b?q=%3Cx%3E');
  assert.equal(safeHref('  http://EXAMPLE.test  '), 'http://example.test/');
});

test('directionBlock says "undetermined" plainly and lists every reason', () => {
  const undetermined = directionBlock({ source: null, confidence: 0.5, basis: 'none', evidence: [] }).value;
  assert.match(undetermined, /Direction: undetermined\./);
  assert.match(undetermined, /No dates or text clues were found/);
  const mixed = directionBlock({
    source: 'b',
    confidence: 0.75,
    basis: 'dates+text',
    evidence: [
      { kind: 'fluency', favours: 'b', weight: 1.1, detail: 'b reads more fluently <than> a' },
      { kind: 'dates', favours: null, weight: 0, detail: 'a has no date' },
    ],
  }).value;
  assert.match(mixed, /Direction: B → A\.<\/strong> B is likely the original; confidence 75% \(moderate\), based on publication dates and the texts\./);
  assert.match(mixed, /Fluency of the wording<\/strong> \(points to B as the original, strength 1\.1\): b reads more fluently &lt;than&gt; a/);
  assert.match(mixed, /Publication dates<\/strong> \(points to neither side\): a has no date/);
});

// ---------------------------------------------------------------- passages and graph

test('cutPassage keeps head and tail of long passages, cut at the same words on both sides', () => {
  const paragraphs = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} tells part of the story in plain words.`);
  const a = paragraphs.join('\n\n');
  const b = paragraphs.map((p, i) => (i === 2 ? p.replace('plain', 'simple') : i === 57 ? p.replace('story', 'tale') : p)).join('\n\n');
  const cut = cutPassage(a, b, 600);
  assert.equal(cut.pieces.length, 2);
  const text = (chunks: { text: string }[]): string => chunks.map((c) => c.text).join('');
  const [head, tail] = cut.pieces;
  assert.ok(text(head.a).startsWith('Paragraph 1 tells') && text(tail.a).endsWith('Paragraph 60 tells part of the story in plain words.'));
  assert.ok(!text(head.a).includes('Paragraph 30 ') && !text(tail.a).includes('Paragraph 30 '));
  assert.equal(text(head.a).replace('Paragraph 3 tells part of the story in plain', 'Paragraph 3 tells part of the story in simple'), text(head.b), 'heads face each other');
  assert.equal(text(tail.a).replace('story in plain words.\n\nParagraph 59', 'tale in plain words.\n\nParagraph 59'), text(tail.b), 'tails face each other');
  assert.equal(cut.cutA + text(head.a).length + text(tail.a).length, a.length);
  assert.deepEqual(head.a.filter((c) => c.style === 'removed').map((c) => c.text), ['plain']);
  assert.deepEqual(head.b.filter((c) => c.style === 'added').map((c) => c.text), ['simple']);
  assert.deepEqual(tail.b.filter((c) => c.style === 'added').map((c) => c.text), ['tale']);

  const short = cutPassage('one two three', 'one 2 three', 600);
  assert.equal(short.pieces.length, 1);
  assert.equal(short.cutA, 0);
});

test('exact word diff: each side is its own text, shared runs are the same on both sides', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.txt'));
  const texts = files.map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));
  const joined = (chunks: { text: string }[]): string => chunks.map((c) => c.text).join('');
  for (const x of texts) {
    for (const y of texts) {
      const [a, b] = [x.slice(0, 1500), y.slice(100, 1400)];
      const diff = wordDiff(a, b, { exact: true });
      assert.equal(joined(diff.a), a);
      assert.equal(joined(diff.b), b);
      for (const run of diff.common) assert.equal(a.slice(run.a, run.a + run.length), b.slice(run.b, run.b + run.length));
    }
  }
  // diffWords alone moves the space: "evening ." (the terminal view keeps that).
  const moved = wordDiff('told reporters Tuesday evening.\n\nNext', 'said at an evening news conference.\n\nNext', { exact: true });
  assert.equal(joined(moved.a), 'told reporters Tuesday evening.\n\nNext');
  assert.deepEqual(moved.a.filter((c) => c.style === 'removed').map((c) => c.text), ['told reporters Tuesday']);
});

test('graph layout: deterministic, every node placed inside the picture, labels escaped', () => {
  const node = (id: string, day: number | null, seq: number, group: string | null = null): GraphNode => ({
    id,
    anchor: `doc-${seq}`,
    label: `<b>${id}</b>`,
    sublabel: day === null ? 'no date' : `2024-05-0${day}`,
    tooltip: `${id} "tip"`,
    group,
    time: day === null ? null : Date.UTC(2024, 4, day),
    seq,
    original: seq === 1,
  });
  const nodes = [node('wire', 1, 1, 's1'), node('r1', 2, 2, 's1'), node('r2', 3, 3, 's1'), node('r3', null, 4, 's1'), node('other', 2, 5, 's1'), node('x', 4, 6), node('y', 5, 7)];
  const edge = (from: string, to: string, directed: boolean): GraphEdge => ({ from, to, directed, kind: 'edited', duplicate: false, anchor: 'link-1', tooltip: `${from}→${to}` });
  const edges = [edge('wire', 'r1', true), edge('wire', 'r2', true), edge('r2', 'r3', false), edge('x', 'y', true), edge('x', 'missing', true)];
  const layout = layoutGraph(nodes, edges);
  assert.deepEqual(layoutGraph(nodes.slice().reverse(), edges), layout, 'input order does not matter');
  assert.equal(layout.positions.size, nodes.length);
  for (const p of layout.positions.values()) assert.ok(p.x > 0 && p.y > 0 && p.x < layout.width && p.y < layout.height);
  assert.equal(layout.frames.length, 1, 'the story holds its unlinked member in one frame');
  const pair = [layout.positions.get('x')!, layout.positions.get('y')!];
  assert.ok(pair[0].x < pair[1].x && pair[0].y === pair[1].y, 'a pair reads left to right, source first');

  const svg = graphSvg(nodes, edges, 'Graph <t>').value;
  assert.equal((svg.match(/<g class="node"/g) ?? []).length, nodes.length);
  assert.equal((svg.match(/marker-end=/g) ?? []).length, 3, 'arrows only on directed edges');
  assert.equal((svg.match(/stroke-dasharray/g) ?? []).length, 1, 'undetermined edges are dashed');
  assert.ok(svg.includes('&lt;b&gt;wire&lt;/b&gt;') && !svg.includes('<b>'));
});

// ---------------------------------------------------------------- CLI

test('mimeo report: --out writes the file; usage and path errors are one line', async () => {
  await examplesReady;
  const dir = mkdtempSync(join(tmp, 'cli-'));
  const out = join(dir, 'r.html');
  const line = await runReport({ db: EXAMPLES_DB, out, maxLinks: 3 });
  assert.match(line, /^report written to .*r\.html: 3 links \(3 weaker left out\), \d+ documents, \d+ KB\n$/);
  assert.match(readFileSync(out, 'utf8'), /Showing the 3 strongest links of 6/);

  writeFileSync(out, 'previous');
  await assert.rejects(runReport({ db: join(dir, 'missing.db'), out }), (e: unknown) => e instanceof UserError && /no such database/.test(e.message));
  await assert.rejects(runReport({ db: EXAMPLES_DB, out: join(dir, 'no', 'such', 'r.html') }), (e: unknown) => e instanceof UserError && /cannot write the report: no such folder/.test(e.message));
  await assert.rejects(runReport({ db: EXAMPLES_DB, out: dir }), (e: unknown) => e instanceof UserError && /is a folder/.test(e.message));
  assert.equal(readFileSync(out, 'utf8'), 'previous', 'a failed report keeps the old file');
  assert.deepEqual(readdirSync(dir), ['r.html']);

  const cases: Array<[string[], RegExp]> = [
    [['report'], /^--out: required/],
    [['report', '--out', out, '--max-links', 'many'], /^--max-links: expected a whole number, got "many"$/],
  ];
  await assertUsageErrors(registerReport, EXAMPLES_DB, cases);
});

const mimeo = runMimeo;

test('mimeo scan --report and mimeo report through main.ts', () => {
  const dir = mkdtempSync(join(tmp, 'scan-'));
  const [db, out] = [join(dir, 'm.db'), join(dir, 'report.html')];

  const bad = mimeo(['scan', EXAMPLES, '--db', db, '-q', '--report', join(dir, 'no', 'r.html')]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^mimeo: .*r\.html: cannot write the report: no such folder .*\n$/);
  assert.ok(!existsSync(db), 'a bad --report fails before the scan');

  const run = mimeo(['scan', EXAMPLES, '--db', db, '-q', '--workers', '1', '--report', out]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^6 documents in /);
  assert.match(run.stdout, /report written to .*report\.html: 6 links, \d+ documents/);
  const page = readFileSync(out, 'utf8');
  assert.ok(page.includes('THE CASCADE LEDGER') && page.includes('<svg'));

  const json = mimeo(['scan', EXAMPLES, '--db', db, '-q', '--json', '--report', out]);
  assert.equal(json.status, 0, json.stderr);
  assert.equal((JSON.parse(json.stdout) as { documents: number }).documents, 6, '--json output stays pure JSON');

  const report = mimeo(['report', '--db', db, '--out', join(dir, 'again.html')]);
  assert.equal(report.status, 0, report.stderr);
  assert.match(report.stdout, /^report written to /);
});
