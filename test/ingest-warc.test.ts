import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { articlePage, collect, gzipMembers, simplePage, warcInfo, warcResponse, withTempDir } from './ingest-fixtures.js';

const S1 = 'The observatory on Mount Arrel recorded the brightest meteor shower in a decade on Saturday night.';
const S2 = 'Volunteers counted more than two hundred meteors an hour before clouds arrived shortly after three.';
const S3 = 'The regional school board approved a four-day week for rural schools starting next autumn.';

function crawl(): Buffer[] {
  const jsonLd = JSON.stringify({ '@type': 'NewsArticle', headline: 'Meteor shower lights up Arrel', datePublished: '2024-08-12', author: { name: 'Lena Marsh' }, publisher: { name: 'Arrel Herald' } });
  return [
    warcInfo(),
    warcResponse('https://herald.example/meteors', articlePage({ title: 'Meteors over Arrel', paragraphs: [S1, S2], jsonLd })),
    warcResponse('https://herald.example/style.css', 'body { color: black }', { contentType: 'text/css' }),
    warcResponse('https://herald.example/old', '<html><body><p>Moved</p></body></html>', { status: '301 Moved Permanently' }),
    warcResponse('https://herald.example/schools', iconv.encode(simplePage('Schools', `${S3} Très bien.`), 'latin1'), { contentType: 'text/html; charset=ISO-8859-1' }),
  ];
}

test('WARC: HTML responses become documents; other records are skipped', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'crawl.warc');
    const records = crawl();
    await writeFile(file, Buffer.concat(records));
    const { docs, problems } = await collect([file]);
    assert.deepEqual(problems, []);
    assert.deepEqual(docs.map((d) => d.id), ['https://herald.example/meteors', 'https://herald.example/schools']);
    const [meteors, schools] = docs;
    assert.equal(meteors.format, 'warc');
    assert.ok(meteors.text.includes(`${S1}\n\n${S2}`), meteors.text);
    assert.ok(!meteors.text.includes('SCRIPT_LEAK'));
    assert.deepEqual(meteors.meta, {
      title: 'Meteor shower lights up Arrel',
      url: 'https://herald.example/meteors',
      outlet: 'Arrel Herald',
      published: '2024-08-12',
      author: 'Lena Marsh',
      language: 'en',
    });
    assert.equal(meteors.origin, `${file}@${records[0].length}`);
    assert.ok(schools.text.includes('Très bien.'), schools.text);
    assert.equal(schools.meta.url, 'https://herald.example/schools');
  });
});

test('WARC.gz: one gzip member per record; offsets are compressed offsets', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'crawl.warc.gz');
    const members = crawl().map((r) => gzipSync(r));
    await writeFile(file, Buffer.concat(members));
    const { docs, problems } = await collect([file]);
    assert.deepEqual(problems, []);
    assert.deepEqual(docs.map((d) => d.id), ['https://herald.example/meteors', 'https://herald.example/schools']);
    assert.equal(docs[0].origin, `${file}@${members[0].length}`);
    const schoolsOffset = members.slice(0, 4).reduce((n, m) => n + m.length, 0);
    assert.equal(docs[1].origin, `${file}@${schoolsOffset}`);
  });
});

test('truncated WARC.gz: records before the damage are kept, then one problem', async () => {
  await withTempDir(async (dir) => {
    const good = gzipSync(warcResponse('https://herald.example/a', simplePage('A', S1)));
    const second = gzipSync(warcResponse('https://herald.example/b', simplePage('B', S2)));
    const file = join(dir, 'cut.warc.gz');
    await writeFile(file, Buffer.concat([good, second.subarray(0, Math.floor(second.length / 2))]));
    const { docs, problems } = await collect([file]);
    assert.deepEqual(docs.map((d) => d.id), ['https://herald.example/a']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, file);
    assert.equal(problems[0].record, good.length);
    assert.match(problems[0].reason, /truncated|corrupt/);
  });
});

test('truncated plain WARC and a corrupt gzip member are problems too', async () => {
  await withTempDir(async (dir) => {
    const a = warcResponse('https://herald.example/a', simplePage('A', S1));
    const b = warcResponse('https://herald.example/b', simplePage('B', `${S2} ${S3}`));
    await writeFile(join(dir, 'cut.warc'), Buffer.concat([a, b.subarray(0, b.length - 60)]));

    const members = [a, b, warcResponse('https://herald.example/c', simplePage('C', S3))].map((r) => gzipSync(r));
    const damaged = Buffer.from(members[1]);
    damaged.fill(0x41, 20, damaged.length - 20);
    await writeFile(join(dir, 'bad.warc.gz'), Buffer.concat([members[0], damaged, members[2]]));

    await writeFile(join(dir, 'text.warc'), 'this is not a web archive\nat all\n');

    const { docs, problems } = await collect([dir]);
    assert.deepEqual(docs.map((d) => [d.origin.slice(dir.length + 1), d.id]), [
      ['bad.warc.gz@0', 'https://herald.example/a'],
      ['cut.warc@0', 'https://herald.example/a#2'],
    ]);
    assert.deepEqual(
      problems.map((p) => [p.file.slice(dir.length + 1), p.record]),
      [
        ['bad.warc.gz', members[0].length],
        ['cut.warc', a.length],
        ['text.warc', 0],
      ],
    );
    assert.equal(problems[2].reason, 'not a WARC file');
    for (const p of problems) assert.ok(!p.reason.includes('\n'), p.reason);
  });
});

test('WARC: an HTML response without article text is a problem with its offset', async () => {
  await withTempDir(async (dir) => {
    const empty = warcResponse('https://herald.example/empty', '<html><body><script>app()</script></body></html>');
    const file = join(dir, 'x.warc.gz');
    await writeFile(file, gzipMembers([empty, warcResponse('https://herald.example/ok', simplePage('OK', S1))]));
    const { docs, problems } = await collect([file]);
    assert.deepEqual(docs.map((d) => d.id), ['https://herald.example/ok']);
    assert.deepEqual(problems, [{ file, record: 0, reason: 'no article text' }]);
  });
});

test('WARC: gzip content encoding and chunked transfer encoding are undone', async () => {
  await withTempDir(async (dir) => {
    const html = Buffer.from(simplePage('Meteors', S1));
    const record = (uri: string, headers: string, body: Buffer): Buffer => {
      const block = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n${headers}\r\n`), body]);
      const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: ${uri}\r\nContent-Length: ${block.length}\r\n\r\n`;
      return Buffer.concat([Buffer.from(head), block, Buffer.from('\r\n\r\n')]);
    };
    const cut = 20;
    const chunked = Buffer.concat([
      Buffer.from(`${(html.length - cut).toString(16)}\r\n`),
      html.subarray(0, html.length - cut),
      Buffer.from(`\r\n${cut.toString(16)}\r\n`),
      html.subarray(html.length - cut),
      Buffer.from('\r\n0\r\n\r\n'),
    ]);
    const file = join(dir, 'enc.warc');
    await writeFile(file, Buffer.concat([record('https://herald.example/gz', 'Content-Encoding: gzip\r\n', gzipSync(html)), record('https://herald.example/chunked', 'Transfer-Encoding: chunked\r\n', chunked)]));
    const { docs, problems } = await collect([file]);
    assert.deepEqual(problems, []);
    assert.deepEqual(docs.map((d) => [d.id, d.text]), [
      ['https://herald.example/gz', S1],
      ['https://herald.example/chunked', S1],
    ]);
  });
});
