import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PassageKind } from '../src/align/types.js';
import { scan } from '../src/corpus/scan.js';
import { clusterMembership, defaultClusterOptions, reprintClusters } from '../src/provenance/clusters.js';
import { directedLinks, directLink, type DirectedLink } from '../src/provenance/index.js';
import { openStore, type DocumentInfo, type LinkRecord } from '../src/store/index.js';

const EXAMPLES = fileURLToPath(new URL('../examples', import.meta.url));

// ---------------------------------------------------------------- fixtures

let nextSeq = 1;

/** A document of `chars` characters; seq in creation order. */
function docInfo(id: string, published: string | null, chars = 1000): DocumentInfo {
  return {
    seq: nextSeq++,
    id,
    meta: published ? { published } : {},
    origin: `in/${id}`,
    format: 'txt',
    hash: id,
    chars,
    duplicateOf: null,
    indexed: true,
    aligned: true,
    added: '2024-01-01T00:00:00Z',
  };
}

interface LinkSpec {
  kind?: PassageKind;
  /** Shared ranges on x's and y's side (default: all of both). */
  x?: [number, number];
  y?: [number, number];
  duplicate?: boolean;
}

/** A verified link between x and y, a = the lower seq, coverage from the shared ranges. */
function link(x: DocumentInfo, y: DocumentInfo, spec: LinkSpec = {}): DirectedLink {
  const [a, b] = x.seq < y.seq ? [x, y] : [y, x];
  const xs = spec.x ?? [0, x.chars];
  const ys = spec.y ?? [0, y.chars];
  const [as, bs] = a === x ? [xs, ys] : [ys, xs];
  const kind = spec.kind ?? 'verbatim';
  const record: LinkRecord = {
    a: a.id,
    b: b.id,
    kind,
    coverageA: (as[1] - as[0]) / a.chars,
    coverageB: (bs[1] - bs[0]) / b.chars,
    score: 0.9,
    duplicate: spec.duplicate ?? false,
    passages: [{ a: as, b: bs, kind, score: 0.9, evidence: { method: 'test', seeds: 1, similarity: 1, plainSimilarity: 1, verbatimShare: 1, sharedTerms: [] } }],
  };
  return directLink(record, a, b);
}

/** Every pair of `docs` linked as full copies. */
function clique(docs: DocumentInfo[], spec: LinkSpec = {}): DirectedLink[] {
  const out: DirectedLink[] = [];
  for (let i = 0; i < docs.length; i++) for (let j = i + 1; j < docs.length; j++) out.push(link(docs[i], docs[j], spec));
  return out;
}

const day = (d: number): string => `2024-03-${String(d).padStart(2, '0')}`;

// ---------------------------------------------------------------- rules

test('a wire story and its five reprints make one cluster with the wire as original', () => {
  const early = docInfo('paper/stored-first', day(6)); // stored before the wire: the id is still the lowest seq
  const wire = docInfo('wire/story', day(1));
  const reprints = [early, ...[2, 3, 4, 5].map((d) => docInfo(`paper/${d}`, day(d)))];
  const clusters = reprintClusters(clique([wire, ...reprints]));
  assert.equal(clusters.length, 1);
  const [c] = clusters;
  assert.equal(c.original, 'wire/story');
  assert.equal(c.originalReason, 'source of 5 of 15 links (dates)');
  assert.deepEqual(c.members, ['wire/story', 'paper/2', 'paper/3', 'paper/4', 'paper/5', 'paper/stored-first'], 'original, then by date');
  assert.equal(c.id, early.seq);
  assert.equal(c.links, 15);
  assert.equal(c.kind, 'verbatim');
});

/** Two wires with three reprints each, and a long article holding both wires in full. */
function twoWires(dated: boolean): { links: DirectedLink[]; mixed: string; families: string[][] } {
  const date = (d: number) => (dated ? day(d) : null);
  const w1 = docInfo('wire/one', date(1));
  const w2 = docInfo('wire/two', date(1));
  const r1 = [2, 3, 4].map((d) => docInfo(`one/${d}`, date(d)));
  const r2 = [2, 3, 4].map((d) => docInfo(`two/${d}`, date(d)));
  const mixed = docInfo('digest/both', date(5), 2100);
  const links = [...clique([w1, ...r1]), ...clique([w2, ...r2])];
  for (const d of [w1, ...r1]) links.push(link(mixed, d, { x: [0, 1000] }));
  for (const d of [w2, ...r2]) links.push(link(mixed, d, { x: [1100, 2100] }));
  return { links, mixed: mixed.id, families: [[w1, ...r1].map((d) => d.id), [w2, ...r2].map((d) => d.id)] };
}

for (const dated of [true, false]) {
  test(`an article reusing two wires does not merge their reprint families (${dated ? 'dated' : 'no dates'})`, () => {
    const { links, mixed, families } = twoWires(dated);
    const clusters = reprintClusters(links);
    assert.equal(clusters.length, 2);
    for (const family of families) {
      const holding = clusters.filter((c) => family.some((id) => c.members.includes(id)));
      assert.equal(holding.length, 1, 'each family in exactly one cluster');
      assert.deepEqual(holding[0].members.filter((id) => id !== mixed).sort(), family.slice().sort());
    }
    assert.ok(clusters.filter((c) => c.members.includes(mixed)).length <= 1);
    if (dated) assert.deepEqual(clusters.map((c) => c.original).sort(), ['wire/one', 'wire/two']);
  });
}

test('two halves of a wire reprinted separately are not chained through the wire', () => {
  const wire = docInfo('wire', day(1));
  const first = docInfo('first-half', day(2), 500);
  const second = docInfo('second-half', day(2), 500);
  const links = [link(wire, first, { x: [0, 500] }), link(wire, second, { x: [500, 1000] })];
  const clusters = reprintClusters(links);
  assert.ok(clusters.every((c) => !(c.members.includes('first-half') && c.members.includes('second-half'))));

  // A full reprint is the same text as the whole wire: both halves belong with it.
  const full = docInfo('full', day(2));
  const withFull = reprintClusters([...links, link(wire, full), link(full, first, { x: [0, 500] }), link(full, second, { x: [500, 1000] })]);
  assert.equal(withFull.length, 1);
  assert.deepEqual(withFull[0].members, ['wire', 'first-half', 'second-half', 'full']);
});

test('paraphrases and weak links make no cluster; strong paraphrases only when asked', () => {
  const wire = docInfo('wire', day(1));
  const weak = docInfo('weak', day(2));
  const spin = docInfo('spin', day(2));
  const links = [link(wire, weak, { kind: 'paraphrase', x: [0, 300], y: [0, 250] }), link(wire, spin, { kind: 'paraphrase', x: [0, 830], y: [0, 790] })];
  assert.deepEqual(reprintClusters(links), []);
  const withParaphrase = reprintClusters(links, { kinds: ['verbatim', 'edited', 'paraphrase'] });
  assert.deepEqual(withParaphrase.map((c) => c.members), [['wire', 'spin']]);
  assert.equal(withParaphrase[0].kind, 'paraphrase');

  const quoted = docInfo('long-digest', day(3), 10000);
  assert.deepEqual(reprintClusters([link(wire, quoted, { y: [0, 1000] })]), [], 'a wire quoted in a long digest is not a reprint of it');
  assert.deepEqual(defaultClusterOptions.kinds, ['verbatim', 'edited']);
});

test('exact duplicates join the cluster of their first copy, and alone make one', () => {
  const wire = docInfo('wire', day(1));
  const reprint = docInfo('reprint', day(2));
  const mirror = docInfo('mirror', null);
  const links = [link(wire, reprint, { kind: 'edited', x: [0, 900], y: [0, 950] }), link(wire, mirror, { duplicate: true })];
  const [c] = reprintClusters(links);
  assert.deepEqual(c.members.slice().sort(), ['mirror', 'reprint', 'wire']);
  assert.equal(c.original, 'wire');

  const x = docInfo('x', null);
  const copy = docInfo('x-copy', null);
  const alone = reprintClusters([link(x, copy, { duplicate: true })]);
  assert.equal(alone.length, 1);
  assert.equal(alone[0].original, null);
  assert.match(alone[0].originalReason, /^undetermined: no link has a known direction/);
  assert.deepEqual(alone[0].members, ['x', 'x-copy'], 'no original: stored order');
  assert.equal(clusterMembership(alone).get('x-copy'), x.seq);
});

test('a reprint missing its link to the center joins where most members are', () => {
  const wire = docInfo('wire', day(1));
  const reprints = [2, 3, 4].map((d) => docInfo(`r${d}`, day(d)));
  const late = docInfo('late', day(9));
  const links = [...clique([wire, ...reprints]), ...reprints.map((r) => link(r, late))];
  const [c] = reprintClusters(links);
  assert.equal(c.members.length, 5);
  assert.equal(c.members[4], 'late');
});

test('clustering 30k documents is fast', () => {
  const links: DirectedLink[] = [];
  for (let f = 0; f < 6000; f++) {
    const family = [0, 1, 2, 3, 4].map((k) => docInfo(`f${f}-${k}`, day(1 + k)));
    links.push(...clique(family));
  }
  const started = performance.now();
  const clusters = reprintClusters(links);
  const ms = performance.now() - started;
  assert.equal(clusters.length, 6000);
  assert.ok(clusters.every((c) => c.members.length === 5 && c.original?.endsWith('-0')));
  assert.ok(ms < 3000, `${ms.toFixed(0)} ms`);
});

// ---------------------------------------------------------------- examples corpus

test('examples: the wire story and its two reprints form one cluster; the paraphrase spin is not a reprint', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mimeo-clusters-'));
  try {
    const store = openStore(join(dir, 'm.db'));
    await scan(store, [EXAMPLES], { workers: 1 });
    const links = directedLinks(store);
    store.close();
    const clusters = reprintClusters(links);
    assert.equal(clusters.length, 1);
    const [c] = clusters;
    assert.deepEqual(c.members.slice().sort(), ['reprint-edited.txt', 'reprint-verbatim.txt', 'wire-original.txt']);
    assert.equal(c.links, 3);
    // The examples have no dates: the original depends on the text direction alone.
    assert.ok(c.original === null || c.original === 'wire-original.txt', `original ${c.original}: ${c.originalReason}`);

    const rewrites = reprintClusters(links, { kinds: ['verbatim', 'edited', 'paraphrase'] });
    assert.deepEqual(rewrites[0].members.slice().sort(), ['paraphrase-spin.txt', 'reprint-edited.txt', 'reprint-verbatim.txt', 'wire-original.txt']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
