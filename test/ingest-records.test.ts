import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { byId, collect, withTempDir } from './ingest-fixtures.js';

const A = 'The ferry to Kessel island will run twice a day from May, the shipping company announced.';
const B = 'Farmers on the island said the second crossing would let them sell milk on the mainland before noon.';

test('JSONL: fields, defaults for ids, bad lines as problems, truncated last line', async () => {
  await withTempDir(async (dir) => {
    const lines = [
      JSON.stringify({ id: 'ferry-1', headline: 'Ferry doubles crossings', content: A, link: 'https://ferry.example/1', source: 'Island Post', date: '2024-05-01', byline: ['Ana Duarte', 'Bo Lind'], lang: 'en' }),
      '',
      JSON.stringify({ text: B, published: 'Wed, 01 May 2024 10:00:00 +0200', author: { name: 'Cai Wen' }, id: 42 }),
      '   ',
      '[1, 2, 3]',
      '"just a string"',
      JSON.stringify({ title: 'No body here' }),
      JSON.stringify({ text: '   ' }),
      JSON.stringify({ body: `${A}\r\nSecond line.` }),
      '{"text": "cut off in the mid',
    ];
    const file = join(dir, 'feed.jsonl');
    await writeFile(file, lines.join('\r\n'));
    const { docs, problems } = await collect([file]);
    assert.deepEqual(docs.map((d) => d.id), ['ferry-1', '42', 'feed.jsonl#9']);
    assert.deepEqual(byId(docs, 'ferry-1'), {
      id: 'ferry-1',
      text: A,
      meta: { title: 'Ferry doubles crossings', url: 'https://ferry.example/1', outlet: 'Island Post', published: '2024-05-01', author: 'Ana Duarte, Bo Lind', language: 'en' },
      origin: `${file}:1`,
      format: 'jsonl',
    });
    assert.deepEqual(byId(docs, '42').meta, { published: '2024-05-01T08:00:00.000Z', author: 'Cai Wen' });
    assert.equal(byId(docs, '42').origin, `${file}:3`);
    // Text is kept verbatim, inner line breaks included.
    assert.equal(byId(docs, 'feed.jsonl#9').text, `${A}\r\nSecond line.`);
    assert.deepEqual(
      problems.map((p) => [p.record, p.reason]),
      [
        [5, 'not a JSON object'],
        [6, 'not a JSON object'],
        [7, 'no text field (looked for text, content, body)'],
        [8, 'empty text'],
        [10, 'not valid JSON'],
      ],
    );
    assert.ok(problems.every((p) => p.file === file));
  });
});

test('JSONL: custom field names replace the defaults; UTF-16 and Windows-1252 files are read', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'custom.ndjson');
    const rows = [{ uid: 'u1', story: A, text: 'not this one', paper: 'Harbour Daily', when: '2024-02-03T04:05:06Z' }];
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rows.map((r) => JSON.stringify(r)).join('\n') + '\n', 'utf-16le')]));
    const legacy = join(dir, 'legacy.jsonl');
    await writeFile(legacy, iconv.encode(`${JSON.stringify({ uid: 'u2', story: 'Le café du port a rouvert après l’hiver.' })}\n`, 'windows-1252'));
    const { docs, problems } = await collect([file, legacy], { fields: { id: ['uid'], text: ['story'], outlet: ['paper'], published: ['when'] } });
    assert.deepEqual(problems, []);
    assert.equal(docs.length, 2);
    assert.equal(docs[1].text, 'Le café du port a rouvert après l’hiver.');
    assert.equal(docs[0].id, 'u1');
    assert.equal(docs[0].text, A);
    assert.deepEqual(docs[0].meta, { outlet: 'Harbour Daily', published: '2024-02-03T04:05:06.000Z' });
  });
});

test('JSONL: a large file streams quickly', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'big.jsonl');
    const body = `${A} ${B} `.repeat(15);
    const n = 20000;
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(JSON.stringify({ id: `a${i}`, title: `Story ${i}`, text: `${i} ${body}` }));
    await writeFile(file, parts.join('\n') + '\n');
    const start = Date.now();
    const { docs, problems } = await collect([file]);
    const ms = Date.now() - start;
    assert.equal(docs.length, n);
    assert.deepEqual(problems, []);
    assert.equal(docs[n - 1].id, `a${n - 1}`);
    assert.ok(ms < 10000, `took ${ms} ms`);
  });
});

test('CSV: quoted newlines, ragged rows, BOM, capitalized headers, empty text', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'stories.csv');
    const csv = [
      '\uFEFFId,Title,Text,Outlet,Date',
      `c1,"Ferry, again","${A}\n\n""Twice a day,"" said the captain.",Island Post,2024-05-01`,
      'c2,Short row',
      `c3,Extra cells,"${B}",Island Post,2024-05-02,surplus,more surplus`,
      '',
      'c4,Empty text,,Island Post,2024-05-03',
      `,No id,"${A}"`,
    ].join('\r\n');
    await writeFile(file, csv);
    const { docs, problems } = await collect([file]);
    assert.deepEqual(docs.map((d) => d.id), ['c1', 'c3', 'stories.csv#5']);
    assert.equal(byId(docs, 'c1').text, `${A}\n\n"Twice a day," said the captain.`);
    assert.deepEqual(byId(docs, 'c1').meta, { title: 'Ferry, again', outlet: 'Island Post', published: '2024-05-01' });
    assert.equal(byId(docs, 'c1').origin, `${file}#1`);
    assert.equal(byId(docs, 'c3').text, B);
    assert.equal(byId(docs, 'stories.csv#5').origin, `${file}#5`);
    assert.deepEqual(
      problems.map((p) => [p.record, p.reason]),
      [
        [2, 'no text field (looked for text, content, body)'],
        [4, 'empty text'],
      ],
    );
  });
});

test('CSV: custom field names; Windows-1252 bytes are decoded', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'legacy.csv');
    await writeFile(file, iconv.encode('key,article,newspaper\nk1,"Le café du port a rouvert après l’hiver.",Le Phare\n', 'windows-1252'));
    const { docs, problems } = await collect([file], { fields: { id: ['key'], text: ['article'], outlet: ['newspaper'] } });
    assert.deepEqual(problems, []);
    assert.equal(docs[0].id, 'k1');
    assert.equal(docs[0].text, 'Le café du port a rouvert après l’hiver.');
    assert.equal(docs[0].meta.outlet, 'Le Phare');
  });
});

test('CSV: an unclosed quote keeps the rows before it and reports the line', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'broken.csv');
    await writeFile(file, `id,text\nr1,"${A}"\nr2,"${B}"\nr3,"never closed\nand more\n`);
    const { docs, problems } = await collect([file]);
    assert.deepEqual(docs.map((d) => d.id), ['r1', 'r2']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, file);
    assert.equal(problems[0].record, 3);
    assert.match(problems[0].reason, /^malformed CSV at line \d+: Quote Not Closed/);
  });
});

test('CSV and JSONL: header only, empty and binary files are problems', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'header.csv'), 'id,title,text\n');
    await writeFile(join(dir, 'empty.jsonl'), '');
    await writeFile(join(dir, 'binary.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x02]));
    const { docs, problems } = await collect([dir]);
    assert.deepEqual(docs, []);
    assert.deepEqual(
      problems.map((p) => [p.file.slice(dir.length + 1), p.reason]),
      [
        ['binary.csv', 'not a text file (binary data)'],
        ['empty.jsonl', 'empty file'],
        ['header.csv', 'no records'],
      ],
    );
  });
});

test('JSONL: stray control characters become spaces, so offsets into the text still hold', async () => {
  await withTempDir(async (dir) => {
    const text = 'Tab\tand line\nbreaks stay;\u0000a NUL,\u0001 a SOH and a DEL\u007f do not.';
    const file = join(dir, 'feed.jsonl');
    await writeFile(file, JSON.stringify({ id: 'c\u0000tl', title: 'T\u0000itle', text }) + '\n');
    const { docs, problems } = await collect([file]);
    assert.deepEqual(problems, []);
    assert.equal(docs[0].id, 'c tl');
    assert.equal(docs[0].meta.title, 'T itle');
    assert.equal(docs[0].text, 'Tab\tand line\nbreaks stay; a NUL,  a SOH and a DEL  do not.');
    assert.equal(docs[0].text.length, text.length);
  });
});
