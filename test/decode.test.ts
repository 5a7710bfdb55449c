import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { decodeBuffer, readText } from '../src/ingest/decode.js';
import { UserError } from '../src/cli/errors.js';

const SAMPLE = 'The mayor said the “new bridge” would open in June, and the café owner agreed.\r\nSecond line.\n';

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mimeo-decode-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function assertUserError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof UserError, `expected UserError, got ${String(error)}`);
    assert.match(error.message, pattern);
    assert.ok(!error.message.includes('\n'), 'message must be one line');
    return true;
  });
}

test('plain UTF-8 is decoded as is, line endings kept', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'utf8.txt');
    await writeFile(path, SAMPLE, 'utf8');
    const { text, encoding } = await readText(path);
    assert.equal(encoding, 'utf-8');
    assert.equal(text, SAMPLE);
  });
});

test('UTF-8 BOM is detected and stripped', () => {
  const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
  assert.deepEqual(decodeBuffer(buf), { text: SAMPLE, encoding: 'utf-8' });
});

test('UTF-16LE with BOM is decoded and the BOM stripped', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'utf16le.txt');
    await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]));
    assert.deepEqual(await readText(path), { text: SAMPLE, encoding: 'utf-16le' });
  });
});

test('UTF-16BE with BOM is decoded', () => {
  const le = Buffer.from(SAMPLE, 'utf16le');
  const be = Buffer.from(le).swap16();
  const buf = Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
  assert.deepEqual(decodeBuffer(buf), { text: SAMPLE, encoding: 'utf-16be' });
});

test('UTF-16LE without BOM is recognised, not called binary', () => {
  assert.deepEqual(decodeBuffer(Buffer.from(SAMPLE, 'utf16le')), { text: SAMPLE, encoding: 'utf-16le' });
});

test('Windows-1252 with smart quotes and é decodes correctly', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'cp1252.txt');
    const bytes = iconv.encode(SAMPLE, 'windows-1252');
    assert.ok(bytes.includes(0x93) && bytes.includes(0xe9), 'fixture holds 1252-only bytes');
    await writeFile(path, bytes);
    const { text, encoding } = await readText(path);
    assert.equal(encoding, 'windows-1252');
    assert.equal(text, SAMPLE);
  });
});

test('decoding keeps offsets: text length equals the original character count', () => {
  const buf = iconv.encode(SAMPLE, 'windows-1252');
  assert.equal(decodeBuffer(buf).text.length, SAMPLE.length);
});

test('a PNG-like binary file is rejected', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'image.png');
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      Buffer.from('IHDR'),
      Buffer.from([0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06, 0x00, 0x00, 0x00]),
    ]);
    await writeFile(path, png);
    await assertUserError(readText(path), /image\.png: not a text file \(binary data\)$/);
  });
});

test('binary data without NUL bytes but full of control bytes is rejected', () => {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 255 + 1; // never 0
  assert.throws(() => decodeBuffer(bytes, 'noise.bin'), /noise\.bin: not a text file/);
});

test('an empty file is rejected', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'empty.txt');
    await writeFile(path, '');
    await assertUserError(readText(path), /empty\.txt: empty file$/);
  });
});

test('a file holding only a BOM counts as empty', () => {
  assert.throws(() => decodeBuffer(Buffer.from([0xef, 0xbb, 0xbf]), 'bom.txt'), /bom\.txt: empty file/);
});

test('a missing path is rejected', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'nope.txt');
    await assertUserError(readText(path), /nope\.txt: no such file$/);
  });
});

test('a directory is rejected', async () => {
  await withTempDir(async (dir) => {
    const sub = join(dir, 'folder');
    await mkdir(sub);
    await assertUserError(readText(sub), /folder: is a directory/);
  });
});

test('a file over maxBytes is rejected', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'big.txt');
    await writeFile(path, 'word '.repeat(100));
    await assertUserError(readText(path, { maxBytes: 100 }), /big\.txt: too large \(limit 100 bytes\)/);
    assert.equal((await readText(path, { maxBytes: 1000 })).text.length, 500);
  });
});
