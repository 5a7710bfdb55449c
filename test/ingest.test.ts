import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { defaultFields, ingest } from '../src/ingest/index.js';
import { articlePage, byId, collect, gzipMembers, simplePage, warcInfo, warcResponse, withTempDir } from './ingest-fixtures.js';

const MILL = 'The old paper mill on the Vell river will reopen as a library in spring, the town council decided on Tuesday.';
const MILL_2 = 'Councillors voted eleven to two for the plan, which keeps the brick chimney and the water wheel.';

test('a folder with every format: sorted, recursive, ids relative to the folder', async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, 'corpus');
    await mkdir(join(root, 'sub', 'deeper'), { recursive: true });
    await writeFile(join(root, 'a.txt'), `Paper mill to become library\n\n${MILL}\n${MILL_2}\n`);
    await writeFile(join(root, 'b.md'), `---\ntitle: "Mill reopens"\ndate: 2024-04-02\nauthor: [Ana Duarte, Bo Lind]\noutlet: Vell Courier\n---\n# A heading in the body\n\n${MILL}\n`);
    await writeFile(join(root, 'c.html'), articlePage({ title: 'Library plan approved', paragraphs: [MILL, MILL_2] }));
    await writeFile(join(root, 'd.jsonl'), `${JSON.stringify({ id: 'j1', title: 'One', text: MILL })}\n${JSON.stringify({ text: MILL_2 })}\n`);
    await writeFile(join(root, 'e.csv'), `title,text\nFirst,"${MILL}"\n`);
    await writeFile(join(root, 'sub', 'f.warc'), Buffer.concat([warcInfo(), warcResponse('https://news.example/mill', simplePage('Mill', MILL))]));
    await writeFile(join(root, 'sub', 'deeper', 'g.warc.gz'), gzipMembers([warcResponse('https://news.example/wheel', simplePage('Wheel', MILL_2))]));
    await writeFile(join(root, 'sub', 'notes.pdf'), '%PDF-1.4 ignored');
    await writeFile(join(root, 'sub', 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    await writeFile(join(root, '.hidden.txt'), MILL);
    await mkdir(join(root, '.git'));
    await writeFile(join(root, '.git', 'x.txt'), MILL);

    const { docs, problems } = await collect([root]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      docs.map((d) => [d.id, d.format]),
      [
        ['a.txt', 'txt'],
        ['b.md', 'md'],
        ['c.html', 'html'],
        ['j1', 'jsonl'],
        ['d.jsonl#2', 'jsonl'],
        ['e.csv#1', 'csv'],
        ['https://news.example/wheel', 'warc'],
        ['https://news.example/mill', 'warc'],
      ],
    );
    assert.equal(byId(docs, 'a.txt').origin, join(root, 'a.txt'));
    assert.equal(byId(docs, 'd.jsonl#2').origin, `${join(root, 'd.jsonl')}:2`);
    assert.equal(byId(docs, 'e.csv#1').origin, `${join(root, 'e.csv')}#1`);
    assert.match(byId(docs, 'https://news.example/mill').origin, /sub\/f\.warc@\d+$/);
    assert.equal(byId(docs, 'https://news.example/wheel').origin, `${join(root, 'sub', 'deeper', 'g.warc.gz')}@0`);
    for (const doc of docs) assert.ok(doc.text.includes('mill') || doc.text.includes('wheel'), doc.id);
  });
});

test('ids: a file given directly is named by its base name; repeated ids get #2, #3', async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, 'x'));
    await mkdir(join(dir, 'y'));
    await writeFile(join(dir, 'x', 'story.txt'), MILL);
    await writeFile(join(dir, 'y', 'story.txt'), MILL_2);
    await writeFile(join(dir, 'records.jsonl'), ['a', 'a', 'story.txt#2', 'a'].map((id) => JSON.stringify({ id, text: MILL })).join('\n'));
    const { docs, problems } = await collect([join(dir, 'x'), join(dir, 'y', 'story.txt'), join(dir, 'records.jsonl')]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      docs.map((d) => d.id),
      ['story.txt', 'story.txt#2', 'a', 'a#2', 'story.txt#2#2', 'a#3'],
    );
    assert.equal(docs[1].origin, join(dir, 'y', 'story.txt'));
  });
});

test('txt: text kept whole; a headline-like first line becomes the title', async () => {
  await withTempDir(async (dir) => {
    const headline = `Paper mill to become library\r\n\r\n${MILL}\r\n`;
    const sentence = `${MILL}\n${MILL_2}\n`;
    await writeFile(join(dir, 'headline.txt'), headline);
    await writeFile(join(dir, 'sentence.txt'), sentence);
    await writeFile(join(dir, 'single.txt'), 'Just one line');
    const { docs } = await collect([dir]);
    assert.equal(byId(docs, 'headline.txt').text, headline);
    assert.equal(byId(docs, 'headline.txt').meta.title, 'Paper mill to become library');
    assert.equal(byId(docs, 'sentence.txt').text, sentence);
    assert.equal(byId(docs, 'sentence.txt').meta.title, undefined);
    assert.equal(byId(docs, 'single.txt').meta.title, undefined);
  });
});

test('markdown: syntax kept, front matter read and cut, title from front matter or first # heading', async () => {
  await withTempDir(async (dir) => {
    const body = `# A heading in the body\n\nSome *emphasis* and a [link](https://x.example).\n`;
    await writeFile(
      join(dir, 'front.md'),
      `---\ntitle: "Mill reopens"\npublished: 2024-04-02T09:15:00Z\nauthors:\n  - Ana Duarte\n  - Bo Lind\nurl: https://courier.example/mill#top\nsource: 'Vell Courier'\nlang: en_GB\ntags: [a, b]\n---\n${body}`,
    );
    await writeFile(join(dir, 'plain.markdown'), `Intro line\n\n# The real title #\n\nText.\n`);
    await writeFile(join(dir, 'setext.md'), `Underlined title\n================\n\nText.\n`);
    const { docs } = await collect([dir]);
    const front = byId(docs, 'front.md');
    assert.equal(front.text, body);
    assert.deepEqual(front.meta, {
      title: 'Mill reopens',
      published: '2024-04-02T09:15:00.000Z',
      author: 'Ana Duarte, Bo Lind',
      url: 'https://courier.example/mill#top',
      outlet: 'Vell Courier',
      language: 'en-GB',
    });
    assert.equal(byId(docs, 'plain.markdown').meta.title, 'The real title');
    assert.equal(byId(docs, 'plain.markdown').text, `Intro line\n\n# The real title #\n\nText.\n`);
    assert.equal(byId(docs, 'setext.md').meta.title, 'Underlined title');
  });
});

test('encodings: Windows-1252 and UTF-16 with BOM are decoded', async () => {
  await withTempDir(async (dir) => {
    const text = 'Café owners in Söderby said the “new” square was a success.\n';
    await writeFile(join(dir, 'legacy.txt'), iconv.encode(text, 'windows-1252'));
    await writeFile(join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]));
    await writeFile(join(dir, 'utf16be.md'), Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(`# Söderby\n\n${text}`, 'utf-16be')]));
    const { docs, problems } = await collect([dir]);
    assert.deepEqual(problems, []);
    assert.equal(byId(docs, 'legacy.txt').text, text);
    assert.equal(byId(docs, 'utf16.txt').text, text);
    assert.equal(byId(docs, 'utf16be.md').meta.title, 'Söderby');
  });
});

test('bad inputs become problems and the run goes on', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x80, 0x00, 0x00, 0x7f, 0x05]));
    await writeFile(join(dir, 'empty.md'), '');
    await writeFile(join(dir, 'blank.txt'), '\n  \n');
    await writeFile(join(dir, 'big.txt'), 'x'.repeat(2000));
    await writeFile(join(dir, 'scripts.html'), '<html><body><script>only("code")</script><style>p{}</style></body></html>');
    await writeFile(join(dir, 'good.txt'), MILL);
    await writeFile(join(dir, 'notes.docx'), 'whatever');
    const missing = join(dir, 'missing.txt');
    const { docs, problems, order } = await collect([missing, dir, join(dir, 'notes.docx')], { maxFileBytes: 1000 });
    assert.deepEqual(docs.map((d) => d.id), ['good.txt']);
    const reasons = Object.fromEntries(problems.map((p) => [p.file.slice(dir.length + 1), p.reason]));
    assert.deepEqual(Object.keys(reasons).sort(), ['big.txt', 'binary.txt', 'blank.txt', 'empty.md', 'missing.txt', 'notes.docx', 'scripts.html']);
    assert.equal(reasons['missing.txt'], 'no such file or directory');
    assert.match(reasons['binary.txt'], /binary/);
    assert.match(reasons['empty.md'], /empty/);
    assert.equal(reasons['blank.txt'], 'no text');
    assert.match(reasons['big.txt'], /too large/);
    assert.equal(reasons['scripts.html'], 'no article text');
    assert.equal(reasons['notes.docx'], 'unsupported file type');
    assert.equal(order[0], `problem:${missing}`);
    for (const p of problems) assert.ok(!p.reason.includes('\n') && !p.reason.includes(dir), p.reason);
  });
});

test('unreadable file: permission denied is a problem', { skip: process.getuid?.() === 0 ? 'running as root' : false }, async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'locked.txt'), MILL);
    await chmod(join(dir, 'locked.txt'), 0o000);
    await writeFile(join(dir, 'open.txt'), MILL);
    const { docs, problems } = await collect([dir]);
    assert.deepEqual(docs.map((d) => d.id), ['open.txt']);
    assert.deepEqual(problems, [{ file: join(dir, 'locked.txt'), reason: 'permission denied' }]);
    await chmod(join(dir, 'locked.txt'), 0o600);
  });
});

test('symbolic link loops are not followed twice', async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, 'a', 'b'), { recursive: true });
    await writeFile(join(dir, 'a', 'b', 'story.txt'), MILL);
    await symlink(join(dir, 'a'), join(dir, 'a', 'b', 'loop'));
    await symlink(join(dir, 'nowhere'), join(dir, 'a', 'dangling.png'));
    const { docs, problems } = await collect([join(dir, 'a')]);
    assert.deepEqual(docs.map((d) => d.id), ['b/story.txt']);
    assert.deepEqual(problems, []);
  });
});

test('many small files are read without running out of descriptors', async () => {
  await withTempDir(async (dir) => {
    const n = 3000;
    await Promise.all(Array.from({ length: n }, (_, i) => writeFile(join(dir, `f${String(i).padStart(5, '0')}.txt`), `Story number ${i}.`)));
    let count = 0;
    let firstId = '';
    for await (const item of ingest([dir])) {
      assert.equal(item.type, 'document');
      if (item.type === 'document' && count++ === 0) firstId = item.document.id;
    }
    assert.equal(count, n);
    assert.equal(firstId, 'f00000.txt');
  });
});

test('defaultFields lists the accepted names', () => {
  assert.deepEqual(defaultFields.text, ['text', 'content', 'body']);
  assert.deepEqual(defaultFields.published, ['published', 'date', 'published_at', 'datePublished']);
});
