import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccTable } from '../src/index/acc-table.js';
import { CandidateIndex, SharedCandidateIndex } from '../src/index/candidates.js';
import { passes, prepareVerifyQuery, verifyCandidate } from '../src/index/verify.js';
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

test('AccTable lists the entries whose count reaches the threshold, also across growth, and addExisting never creates one', () => {
  const t = new AccTable(2);
  t.clear(2);
  t.add(7, 1);
  t.addExisting(9, 1);
  assert.equal(t.countOf(9), 0, 'addExisting does not create');
  t.addExisting(7, 2);
  // Enough keys to grow the table several times; every third one twice.
  for (let i = 100; i < 400; i++) {
    t.add(i, 1);
    if (i % 3 === 0) t.add(i, 1);
  }
  t.add(7, 1);
  const tracked: [number, number, number][] = [];
  t.forEachTracked((k, c, w) => tracked.push([k, c, w]));
  const expected = [7, ...Array.from({ length: 300 }, (_, j) => 100 + j).filter((i) => i % 3 === 0)];
  assert.deepEqual(tracked.map(([k]) => k), expected, 'in the order they reached 2, once each');
  assert.deepEqual(tracked[0], [7, 3, 4]);
  t.clear(1);
  t.add(5, 1);
  const once: number[] = [];
  t.forEachTracked((k) => once.push(k));
  assert.deepEqual(once, [5]);
});

test('a query sentence matches words spread over two adjacent stored sentences, each counted once', () => {
  const t = (k: number) => hashTerm(`term${k}`);
  const unit = (...ks: number[]) => Uint32Array.from(ks.map(t)).sort();
  // The stored text splits the query sentence's words over two sentences (t2 in both).
  const stored = { units: [unit(1, 2, 20, 21), unit(2, 3, 22, 23), unit(30, 31, 32, 33)] };
  const query = { units: [unit(1, 2, 3, 4, 5, 6, 7, 8)] };
  const loose = { minUnitMatches: 1, strongUnitMatch: 0, weakCandidates: 5, extraTermBoost: 0, fullMatchWeight: 0 };
  // Another document holds the query's other words (words no document has are not looked up).
  const other = { units: [unit(4, 5, 6, 7, 8)] };
  const single = new CandidateIndex(indexParameters({ ...loose, storedWindow: 1 }));
  single.add(1, stored);
  single.add(2, other);
  // Alone, each stored sentence holds 2 of the 8 equally rare words: below the 30% match.
  assert.equal(single.query(query).find((x) => x.key === 1), undefined);
  const windowed = new CandidateIndex(indexParameters({ ...loose, storedWindow: 2 }));
  windowed.add(1, stored);
  windowed.add(2, other);
  const c = windowed.query(query).find((x) => x.key === 1);
  assert.ok(c);
  // 3 of 8 words (t2 counted once, not twice).
  assert.ok(Math.abs(c.best - 3 / 8) < 1e-9, `best ${c.best}`);
});

test('more shared words make a sentence match stronger; matches of common words alone weaker', () => {
  const t = (k: number) => hashTerm(`word${k}`);
  const unit = (...ks: number[]) => Uint32Array.from(ks.map(t)).sort();
  const query = { units: [unit(1, 2, 3, 4, 5, 6, 7, 8)] };
  const build = (over: Partial<ReturnType<typeof indexParameters>>) => {
    const index = new CandidateIndex(indexParameters({ minUnitMatches: 1, strongUnitMatch: 0, weakCandidates: 5, fullMatchWeight: 0, ...over }));
    index.add(1, { units: [unit(1, 2, 3, 4, 50)] });
    // Unrelated documents make the query's words rare.
    for (let d = 2; d < 40; d++) index.add(d, { units: [unit(100 + d, 200 + d, 300 + d, 400 + d)] });
    index.add(40, { units: [unit(5, 6, 60), unit(61, 62, 63), unit(7, 8, 64)] });
    return index.query(query).find((c) => c.key === 1)?.best ?? 0;
  };
  // 4 of 8 equally rare words.
  const plain = build({ extraTermBoost: 0 });
  assert.ok(Math.abs(plain - 0.5) < 1e-9, `plain ${plain}`);
  assert.ok(build({ extraTermBoost: 0.3 }) > plain);
  // Demanding more matched weight than 4 rare words carry weakens the match.
  assert.ok(build({ extraTermBoost: 0, fullMatchWeight: 10 }) < plain);
});

test('verification keeps candidates with sentences reused in a passage, not stray shared sentences', () => {
  const t = (k: number) => hashTerm(`v${k}`);
  const unit = (...ks: number[]) => Uint32Array.from(ks.map(t)).sort();
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  // Query: 12 sentences of 8 words each (sentence s has words 100s..100s+7).
  const query = { units: range(0, 12).map((s) => unit(...range(100 * s, 8))) };
  const filler = (d: number) => ({ units: range(0, 4).map((s) => unit(...range(1_000_000 + 1000 * d + 10 * s, 6))) });
  const index = new CandidateIndex(indexParameters({ verifyMinDocs: 0 }));
  for (let d = 0; d < 30; d++) index.add(100 + d, filler(d));
  // 1: two consecutive query sentences reused (half their words each).
  index.add(1, { units: [unit(...range(5000, 6)), unit(...range(300, 4), 5100, 5101), unit(...range(400, 4), 5102, 5103)] });
  // 2: the same two half-sentences, but 8 sentences apart on the query side.
  index.add(2, { units: [unit(...range(0, 4), 5200, 5201), unit(...range(800, 4), 5202, 5203)] });
  // 3: one sentence copied whole.
  index.add(3, { units: [unit(...range(5300, 6)), unit(...range(500, 8))] });
  const prepared = prepareVerifyQuery(index, query);
  const check = (key: number, over: Partial<ReturnType<typeof indexParameters>> = {}) => {
    const p = indexParameters(over);
    const slot = [...Array(index.size + 1).keys()].find((s) => index.keyOf(s) === key)!;
    return passes(verifyCandidate(index, prepared, slot, p), p);
  };
  assert.equal(check(1), true, 'a passage of two reused sentences');
  assert.equal(check(2), false, 'two stray matches far apart');
  assert.equal(check(2, { seedGap: 8 }), true, 'unless the gap allowed is that wide');
  assert.equal(check(3), true, 'one sentence copied whole');
  assert.equal(check(3, { singleSeedCosine: 1.01 }), false);
  // Queries verify: the stray matches are dropped. The shared-memory copy does exactly the same.
  assert.deepEqual(index.query(query).map((c) => c.key).sort(), [1, 3]);
  const shared = new SharedCandidateIndex(index.toShared());
  assert.deepEqual(shared.query(query).map((c) => [c.key, c.seeds]), index.query(query).map((c) => [c.key, c.seeds]));
});

test("the query's best-ranked passage-like candidate is kept even when no sentence pair verifies", () => {
  const t = (k: number) => hashTerm(`w${k}`);
  const unit = (...ks: number[]) => Uint32Array.from(ks.map(t)).sort();
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  const query = { units: range(0, 6).map((s) => unit(...range(100 * s, 8))) };
  const build = (trustedTop: number) => {
    const index = new CandidateIndex(indexParameters({ verifyMinDocs: 0, trustedTop }));
    for (let d = 0; d < 30; d++) index.add(100 + d, { units: range(0, 4).map((s) => unit(...range(1_000_000 + 1000 * d + 10 * s, 6))) });
    // Each of four consecutive sentences keeps 3 of its 8 words among 20 new ones: a heavy
    // rewording that matches sentence after sentence (a strong chain) but no pair is seed-similar.
    index.add(1, { units: range(0, 4).map((s) => unit(...range(100 * s, 3), ...range(9000 + 100 * s, 20))) });
    return index.query(query);
  };
  const kept = build(1).find((c) => c.key === 1);
  assert.ok(kept && kept.chain >= indexParameters().trustedChain, `chain ${kept?.chain}`);
  assert.equal(build(0).find((c) => c.key === 1), undefined, 'verification alone drops it');
});
