import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccTable } from '../src/index/acc-table.js';
import { CandidateIndex } from '../src/index/candidates.js';
import { decodeFeatures, encodeFeatures, extractFeatures, hashTerm } from '../src/index/features.js';
import { indexParameters } from '../src/index/options.js';
import { analyze } from '../src/text/index.js';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const params = indexParameters();
const features = (name: string) => extractFeatures(analyze(readFileSync(join(EXAMPLES, name), 'utf8')), params);

test('features survive the store encoding, and term hashes are stable', () => {
  const f = features('wire-original.txt');
  assert.ok(f.units.length > 5);
  const back = decodeFeatures(encodeFeatures(f));
  assert.deepEqual(back.units.map((u) => [...u]), f.units.map((u) => [...u]));
  // FNV-1a of "bridg": a changed hash would silently break every stored index.
  assert.equal(hashTerm('bridg'), hashTerm('bridg'));
  assert.equal(hashTerm(''), 0x811c9dc5);
  assert.throws(() => decodeFeatures(new Uint8Array(6)), /corrupt/);
});

test('the wire story finds its reprints and paraphrase, not unrelated coverage', () => {
  const names = ['wire-original.txt', 'reprint-verbatim.txt', 'reprint-edited.txt', 'paraphrase-spin.txt', 'unrelated.txt'];
  const index = new CandidateIndex(params);
  names.forEach((n, i) => index.add(i, features(n)));
  const found = index.query(features('wire-original.txt'), 0).map((c) => names[c.key]);
  assert.ok(!found.includes('wire-original.txt'), 'never itself');
  for (const n of ['reprint-verbatim.txt', 'reprint-edited.txt', 'paraphrase-spin.txt']) assert.ok(found.includes(n), `${n} in ${found}`);
  assert.ok(!found.includes('unrelated.txt'));
  // The verbatim reprint outranks the paraphrase.
  assert.ok(found.indexOf('reprint-verbatim.txt') < found.indexOf('paraphrase-spin.txt'));
});

test('a removed document is no longer returned and its key can be added again', () => {
  const index = new CandidateIndex(params);
  index.add(1, features('wire-original.txt'));
  index.add(2, features('reprint-verbatim.txt'));
  assert.equal(index.query(features('reprint-verbatim.txt'), 2)[0]?.key, 1);
  index.remove(1);
  assert.equal(index.size, 1);
  assert.deepEqual(index.query(features('reprint-verbatim.txt'), 2), []);
  index.add(1, features('unrelated.txt'));
  assert.throws(() => index.add(2, features('unrelated.txt')), /already indexed/);
});

test('AccTable counts and sums per key and clears what it touched', () => {
  const t = new AccTable(2);
  for (let i = 0; i < 1000; i++) t.add((i % 37) * 65536 + (i % 5), 0.5);
  const seen = new Map<number, [number, number]>();
  t.forEach((k, c, w) => seen.set(k, [c, w]));
  assert.equal(seen.size, 185);
  let total = 0;
  for (const [c, w] of seen.values()) {
    total += c;
    assert.equal(w, c * 0.5);
  }
  assert.equal(total, 1000);
  t.clear();
  let left = 0;
  t.forEach(() => left++);
  assert.equal(left, 0);
});
