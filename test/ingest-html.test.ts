import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { extractHtml } from '../src/ingest/index.js';
import { articlePage, collect, withTempDir } from './ingest-fixtures.js';

const P1 = 'A container crane at the Lowmoor harbour toppled into the water late on Monday as gusts swept along the coast.';
const P2 = 'Nobody was injured, the harbour master said, because the night shift had been sent home two hours earlier.';
const P3 = 'Engineers will begin lifting the wreckage on Thursday, and the quay is expected to stay closed for a fortnight.';
const LEAKS = ['SCRIPT_LEAK', 'STYLE_LEAK', 'INLINE_SCRIPT_LEAK', 'NOSCRIPT_LEAK', 'Subscribe now', 'Opinion'];

test('article body is extracted as paragraphs; scripts, styles, navigation and ads stay out', () => {
  const { text } = extractHtml(articlePage({ title: 'Harbour crane collapses', paragraphs: [P1, P2, P3] }));
  assert.ok(text.includes(`${P1}\n\n${P2}\n\n${P3}`), text);
  for (const leak of LEAKS) assert.ok(!text.includes(leak), `leaked ${leak}`);
});

test('metadata from JSON-LD (@graph, author list) wins over meta tags', () => {
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', name: 'Tribune site' },
      {
        '@type': ['NewsArticle'],
        headline: 'Harbour crane collapses in storm',
        datePublished: '2024-03-05T08:30:00+01:00',
        author: [{ '@type': 'Person', name: 'Priya Okonkwo' }, { '@type': 'Person', name: 'Tomas Reyes' }],
        publisher: { '@type': 'Organization', name: 'Example Tribune' },
        mainEntityOfPage: { '@id': 'https://tribune.example/ld-url' },
        inLanguage: 'en',
      },
    ],
  });
  const head = `<meta property="og:title" content="OG title">
<meta property="article:published_time" content="2020-01-01T00:00:00Z">
<meta name="author" content="Meta Author">
<meta property="og:site_name" content="OG Site">
<link rel="canonical" href="/news/crane">
<meta property="og:url" content="https://tribune.example/og-url">`;
  const { meta } = extractHtml(articlePage({ title: 'Harbour crane collapses', paragraphs: [P1, P2], jsonLd, head }), 'https://tribune.example/section/');
  assert.deepEqual(meta, {
    title: 'Harbour crane collapses in storm',
    url: 'https://tribune.example/news/crane',
    outlet: 'Example Tribune',
    published: '2024-03-05T07:30:00.000Z',
    author: 'Priya Okonkwo, Tomas Reyes',
    language: 'en',
  });
});

test('meta tags alone, and malformed JSON-LD is ignored', () => {
  const head = `<meta property="og:title" content="Crane falls at harbour">
<meta property="article:published_time" content="2024-03-05">
<meta name="author" content="By Priya Okonkwo">
<meta property="article:author" content="https://tribune.example/staff/priya">
<meta property="og:site_name" content="Example Tribune">
<meta property="og:url" content="https://tribune.example/crane">`;
  const page = articlePage({ title: 'Harbour crane collapses', paragraphs: [P1, P2], jsonLd: '{ "@type": "NewsArticle", "headline": broken', head });
  const { meta, text } = extractHtml(page);
  assert.deepEqual(meta, {
    title: 'Crane falls at harbour',
    url: 'https://tribune.example/crane',
    outlet: 'Example Tribune',
    published: '2024-03-05',
    author: 'Priya Okonkwo',
    language: 'en',
  });
  assert.ok(!text.includes('broken'));
});

test('title falls back to <title>; dc.date is read', () => {
  const { meta } = extractHtml(
    `<html><head><title>Plain page title</title><meta name="DC.date" content="2023-11-30T10:00:00Z"></head><body><div><p>${P1}</p><p>${P2}</p></div></body></html>`,
  );
  assert.equal(meta.title, 'Plain page title');
  assert.equal(meta.published, '2023-11-30T10:00:00.000Z');
});

test('malformed HTML does not throw and still gives text', () => {
  const broken = `<html><head><title>Broken</title><body><div class="story"><p>${P1}<p>${P2} <b>bold <i>nested</b> tail</div></td></table><p>${P3}`;
  const { text } = extractHtml(broken);
  assert.ok(text.includes(P1.slice(0, 40)), text);
  assert.ok(text.includes(P3.slice(0, 40)), text);
  assert.ok(!text.includes('<'), text);
  // An unclosed <title> swallows the rest, as in browsers: no text, and no page-long title.
  assert.deepEqual(extractHtml(`<html><head><title>Oops</head><body><p>${P1}</p>`), { text: '', meta: {} });
  for (const junk of ['<<<>>>', '<html><body><p', '\u0000<p>', '<!-- never closed <p>text']) {
    assert.doesNotThrow(() => extractHtml(junk));
  }
});

test('fragments without <html>/<body> are read; a page with only scripts has no text', () => {
  const { text, meta } = extractHtml(`<title>Fragment title</title><p>${P1}</p><script>x("SCRIPT_LEAK")</script>`);
  assert.equal(text, P1);
  assert.equal(meta.title, 'Fragment title');
  assert.equal(extractHtml('<html><body><script>a()</script><style>p{}</style></body></html>').text, '');
});

test('lists, quotes and line breaks become separate lines and paragraphs', () => {
  const { text } = extractHtml(
    `<html><body><article><p>${P1}</p><blockquote><p>${P2}</p></blockquote><ul><li>First   point</li><li>Second point</li></ul><p>Line one<br>Line two</p><p>${P3}</p></article></body></html>`,
  );
  assert.ok(text.includes(`${P2}\n\nFirst point\n\nSecond point\n\nLine one\nLine two\n\n${P3}`), text);
});

test('HTML files: legacy charset from <meta>, published date normalized, no-text page is a problem', async () => {
  await withTempDir(async (dir) => {
    const page = articlePage({
      title: 'Café reopens',
      paragraphs: [`Le café de la gare a rouvert ses portes à Noël, après deux années de travaux.`, P2],
      head: '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><meta property="article:published_time" content="Tue, 05 Mar 2024 08:30:00 +0100">',
    });
    await writeFile(join(dir, 'latin.htm'), iconv.encode(page, 'latin1'));
    const cyrillic = 'Городской совет утвердил план реконструкции старой мельницы на реке.';
    await writeFile(join(dir, 'cp1251.html'), iconv.encode(`<html><head><meta charset="windows-1251"><title>Мельница</title></head><body><p>${cyrillic}</p></body></html>`, 'windows-1251'));
    await writeFile(join(dir, 'empty.xhtml'), '<html><body><nav><script>menu()</script></nav></body></html>');
    const { docs, problems } = await collect([dir]);
    assert.deepEqual(docs.map((d) => d.id), ['cp1251.html', 'latin.htm']);
    assert.equal(docs[0].text, cyrillic);
    assert.equal(docs[0].meta.title, 'Мельница');
    docs.shift();
    assert.equal(docs[0].format, 'html');
    assert.ok(docs[0].text.includes('Le café de la gare a rouvert ses portes à Noël'), docs[0].text);
    assert.equal(docs[0].meta.published, '2024-03-05T07:30:00.000Z');
    assert.deepEqual(problems, [{ file: join(dir, 'empty.xhtml'), reason: 'no article text' }]);
  });
});
