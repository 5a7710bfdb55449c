import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, type SynthStats } from '../bench/synth/generate.js';
import { normWords } from '../bench/synth/tokens.js';
import {
  CASE_KINDS,
  loadNegatives,
  loadTruth,
  pairKey,
  relatedPairs,
  scoreRecall,
  type TruthCase,
} from '../bench/synth/truth.js';

// The generator reads the PAN 2013 corpus from outside the repository and writes to a temp folder.
const pan = fileURLToPath(new URL('../../shared/data/pan13-train', import.meta.url));
const present = existsSync(join(pan, 'src'));
const skip = present ? false : `PAN corpus not found at ${pan}`;

interface Doc {
  id: string;
  title: string;
  text: string;
  outlet: string;
  published: string | null;
}

function readDocs(dir: string): Doc[] {
  return readFileSync(join(dir, 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Doc);
}

let cached: { dir: string; stats: SynthStats } | undefined;
function tiny(): { dir: string; stats: SynthStats } {
  if (!cached) {
    const dir = mkdtempSync(join(tmpdir(), 'synth-a-'));
    cached = { dir, stats: generateCorpus({ pan, out: dir, docs: 200, seed: 1 }) };
  }
  return cached;
}

test('synth: same seed, same corpus; another seed, another corpus', { skip }, () => {
  const { dir } = tiny();
  const again = mkdtempSync(join(tmpdir(), 'synth-b-'));
  const other = mkdtempSync(join(tmpdir(), 'synth-c-'));
  try {
    generateCorpus({ pan, out: again, docs: 200, seed: 1 });
    generateCorpus({ pan, out: other, docs: 200, seed: 2 });
    for (const f of ['corpus.jsonl', 'truth.jsonl', 'negatives.jsonl']) {
      assert.equal(readFileSync(join(again, f), 'utf8'), readFileSync(join(dir, f), 'utf8'), f);
    }
    assert.notEqual(readFileSync(join(other, 'corpus.jsonl'), 'utf8'), readFileSync(join(dir, 'corpus.jsonl'), 'utf8'));
  } finally {
    rmSync(again, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  }
});

test('synth: documents are news-sized, headline first, with outlets and dates', { skip }, () => {
  const { dir, stats } = tiny();
  const docs = readDocs(dir);
  assert.equal(docs.length, 200);
  assert.equal(new Set(docs.map((d) => d.id)).size, 200);
  const lengths = docs.map((d) => d.text.length).sort((x, y) => x - y);
  const median = lengths[100];
  assert.ok(median >= 2800 && median <= 3600, `median ${median}`);
  const inRange = lengths.filter((n) => n >= 2400 && n <= 4200).length;
  assert.ok(inRange >= 180, `${inRange}/200 in 2.4-4.2 KB`);
  assert.ok(lengths[0] >= 1200 && lengths[199] <= 7000, `range ${lengths[0]}-${lengths[199]}`);
  for (const d of docs) {
    assert.ok(d.text.startsWith(d.title + '\n\n'), `${d.id}: headline is the first line`);
    assert.ok(d.outlet.length > 0);
    assert.ok(d.published === null || !Number.isNaN(Date.parse(d.published)));
  }
  assert.equal(stats.docs, 200);
});

test('synth: truth spans point at the reused text', { skip }, () => {
  const { dir, stats } = tiny();
  const docs = new Map(readDocs(dir).map((d) => [d.id, d]));
  const truth = loadTruth(join(dir, 'truth.jsonl'));
  const kinds = new Set(truth.map((c) => c.kind));
  for (const k of CASE_KINDS) assert.ok(kinds.has(k), `no ${k} case`);
  assert.equal(truth.length, Object.values(stats.cases).reduce((x, y) => x + y, 0));
  const texts = new Map<string, string>();
  const panText = (folder: string, name: string) => {
    let t = texts.get(name);
    if (t === undefined) texts.set(name, (t = readFileSync(join(pan, folder, name), 'utf8')));
    return t;
  };
  for (const c of truth) {
    const a = docs.get(c.a);
    const b = docs.get(c.b);
    assert.ok(a && b && c.a !== c.b, `${c.a} ${c.b}`);
    for (const [doc, [s, e]] of [[a, c.aSpan], [b, c.bSpan]] as const) {
      assert.ok(s >= 0 && e > s && e <= doc.text.length, `${c.kind} ${doc.id} span ${s}-${e}`);
    }
    const aText = a.text.slice(...c.aSpan);
    const bText = b.text.slice(...c.bSpan);
    if (c.kind === 'verbatim' || c.kind === 'partial' || c.kind === 'duplicate') {
      assert.equal(bText, aText, `${c.kind} ${c.a} -> ${c.b}`);
    }
    if (c.kind === 'duplicate') assert.equal(b.text, a.text);
    if (c.pan) {
      assert.equal(panText('src', c.pan.src).slice(c.pan.srcOffset, c.pan.srcOffset + aText.length), aText);
      assert.equal(panText('susp', c.pan.susp).slice(c.pan.thisOffset, c.pan.thisOffset + bText.length), bText);
    }
    if (c.kind === 'edited') {
      const wa = new Set(normWords(aText));
      const wb = normWords(bText);
      const kept = wb.filter((w) => wa.has(w)).length / wb.length;
      assert.ok(kept > 0.7 && aText !== bText, `edited ${c.a} -> ${c.b}: ${kept}`);
    }
  }
  // Scoring helper.
  const all = scoreRecall(truth, truth.map((c) => ({ a: c.b, b: c.a })));
  assert.equal(all.recall, 1);
  const none = scoreRecall(truth, []);
  assert.equal(none.found, 0);
  assert.equal(none.byKind.verbatim.recall, 0);
});

function grams(text: string, n: number): Set<string> {
  const w = normWords(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
}

test('synth: documents outside the truth share no 8-word run', { skip }, () => {
  const { dir, stats } = tiny();
  const docs = readDocs(dir);
  const truth: TruthCase[] = loadTruth(join(dir, 'truth.jsonl'));
  const related = relatedPairs(truth);
  const derivatives = new Set(truth.map((c) => c.b));
  const seen = new Map<string, number>();
  const unexpected: string[] = [];
  docs.forEach((d, i) => {
    for (const g of grams(d.text, 8)) {
      const j = seen.get(g);
      if (j === undefined) {
        seen.set(g, i);
        continue;
      }
      const x = docs[j].id;
      const y = d.id;
      // Credit lines of two reprints may coincide (boilerplate); anything else is accidental reuse.
      if (related.has(pairKey(x, y)) || (derivatives.has(x) && derivatives.has(y))) continue;
      unexpected.push(`${x} ~ ${y}: ${g}`);
    }
  });
  assert.deepEqual(unexpected.slice(0, 5), []);
  const eight = stats.overlap.ngrams.find((g) => g.n === 8);
  assert.equal(eight?.pairsSharing, 0);
  // Must-not-link pairs: same topic, no shared 8-word run.
  const negatives = loadNegatives(join(dir, 'negatives.jsonl'));
  assert.ok(negatives.length >= 2);
  const byId = new Map(docs.map((d) => [d.id, d.text]));
  for (const n of negatives) {
    const a = grams(byId.get(n.a) as string, 8);
    for (const g of grams(byId.get(n.b) as string, 8)) assert.ok(!a.has(g), `${n.a} ~ ${n.b}: ${g}`);
  }
});

test('synth: cleanup', { skip }, () => {
  if (cached) rmSync(cached.dir, { recursive: true, force: true });
});
