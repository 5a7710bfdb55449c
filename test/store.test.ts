import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Passage, PassageKind } from '../src/align/types.js';
import { openStore, type LinkRecord, type Store } from '../src/store/index.js';
import { fixtureDoc } from './store-fixture.js';
import { pgServer, pgSkip } from './pg-fixture.js';

const doc = fixtureDoc;

// Every behaviour is checked on SQLite and, when a server is available, on PostgreSQL.
const backends: Array<[string, () => string]> = [['sqlite', () => ':memory:']];
const pg = pgServer();
if (pg) backends.push(['postgres', () => pg.freshDatabase('store')]);
else test('PostgreSQL store', { skip: pgSkip() || undefined }, () => {});

function withStore(fn: (store: Store) => void): void {
  for (const [name, location] of backends) {
    const store = openStore(location());
    try {
      fn(store);
    } catch (error) {
      if (error instanceof Error) error.message = `[${name}] ${error.message}`;
      throw error;
    } finally {
      store.close();
    }
  }
}

function passage(a: [number, number], b: [number, number], kind: PassageKind = 'edited', score = 0.8): Passage {
  return {
    a,
    b,
    kind,
    score,
    evidence: { method: 'sentence-cluster', seeds: 2, similarity: 0.9, plainSimilarity: 0.7, verbatimShare: 0.4, sharedTerms: ['mayor'] },
  };
}

function link(a: string, b: string, over: Partial<LinkRecord> = {}): LinkRecord {
  return {
    a,
    b,
    kind: 'edited',
    coverageA: 0.6,
    coverageB: 0.3,
    score: 0.7,
    duplicate: false,
    passages: [passage([0, 10], [5, 15]), passage([20, 30], [40, 50], 'verbatim', 1)],
    ...over,
  };
}

function features(n: number): Uint8Array {
  return Uint8Array.from({ length: 16 }, (_, i) => (n * 31 + i) & 0xff);
}

const EXACT = {
  method: 'exact-duplicate',
  seeds: 0,
  similarity: 1,
  plainSimilarity: 1,
  verbatimShare: 1,
  sharedTerms: [],
};

test('putDocuments: added, unchanged, replaced, duplicate', () => {
  withStore((store) => {
    assert.deepEqual(store.putDocuments([doc('a', 'Alpha text.'), doc('b', 'Beta text.')]), ['added', 'added']);
    assert.deepEqual(
      store.putDocuments([
        doc('a', 'Alpha text.', { title: 'New title' }),
        doc('b', 'Beta text, edited.'),
        doc('c', '  ALPHA text.  '),
        doc('d', 'Delta text.'),
      ]),
      ['unchanged', 'replaced', 'duplicate', 'added'],
    );
    const a = store.getDocument('a');
    assert.ok(a);
    assert.equal(a.seq, 1);
    assert.deepEqual(a.meta, { title: 'New title' }, 'metadata of an unchanged document is updated');
    assert.equal(a.text, 'Alpha text.');
    assert.equal(store.getDocument('b')?.text, 'Beta text, edited.');
    assert.equal(store.getDocument('b')?.chars, 'Beta text, edited.'.length);
    const c = store.getDocument('c');
    assert.ok(c);
    assert.equal(c.duplicateOf, 'a');
    assert.equal(c.text, '  ALPHA text.  ');
    assert.equal(c.indexed, true);
    assert.equal(c.aligned, true);
    assert.equal(store.getDocument('missing'), undefined);
    assert.equal(store.getDocumentBySeq(4)?.id, 'd');
    assert.equal(store.getDocumentBySeq(99), undefined);
  });
});

test('an id given twice in one batch: stored, then replaced; seqs stay consecutive', () => {
  withStore((store) => {
    assert.deepEqual(store.putDocuments([doc('x', 'First text.'), doc('x', 'Second text.'), doc('y', 'Other text.')]), ['added', 'replaced', 'added']);
    assert.equal(store.getDocument('x')?.text, 'Second text.');
    assert.deepEqual(store.listDocuments().map((d) => [d.id, d.seq]), [['x', 1], ['y', 2]]);
    assert.deepEqual(store.putDocuments([doc('z', 'Third text.')]), ['added']);
    assert.equal(store.getDocument('z')?.seq, 3);
  });
});

test('an exact duplicate gets its link at once, also within one batch', () => {
  withStore((store) => {
    const outcomes = store.putDocuments([doc('x', 'Same words.'), doc('y', 'same words.'), doc('z', 'Same words.  ')]);
    assert.deepEqual(outcomes, ['added', 'duplicate', 'duplicate']);
    assert.equal(store.getDocument('z')?.duplicateOf, 'x', 'duplicates point at the first, not at each other');
    const links = store.links({ doc: 'y' });
    assert.deepEqual(links, [
      {
        a: 'x',
        b: 'y',
        kind: 'verbatim',
        coverageA: 1,
        coverageB: 1,
        score: 1,
        duplicate: true,
        passages: [{ a: [0, 11], b: [0, 11], kind: 'verbatim', score: 1, evidence: EXACT }],
        textDirection: null,
      },
    ]);
    assert.deepEqual(store.links({ doc: 'z' })[0].passages[0].b, [0, 13]);
    const counts = store.counts();
    assert.equal(counts.documents, 3);
    assert.equal(counts.duplicates, 2);
    assert.equal(counts.links, 2);
    assert.equal(counts.linksByKind.verbatim, 2);
    assert.deepEqual(store.pendingIndex(), ['x']);
    assert.deepEqual(store.pendingAlign(), []);
  });
});

test('replacing a text drops its features and links (both directions) and queues it again', () => {
  withStore((store) => {
    store.putDocuments([doc('a', 'One.'), doc('b', 'Two.'), doc('c', 'Three.')]);
    store.putFeatures([1, 2, 3].map((n) => ({ id: ['a', 'b', 'c'][n - 1], features: features(n) })));
    store.putAlignment('b', [link('a', 'b')]);
    store.putAlignment('c', [link('c', 'b')]);
    store.putAlignment('a', []);
    assert.equal(store.counts().links, 2);
    assert.deepEqual(store.pendingAlign(), []);

    assert.deepEqual(store.putDocuments([doc('b', 'Two, rewritten.')]), ['replaced']);
    assert.equal(store.counts().links, 0);
    assert.deepEqual(
      [...store.allFeatures()].map((f) => f.id),
      ['a', 'c'],
    );
    const b = store.getDocument('b');
    assert.equal(b?.indexed, false);
    assert.equal(b?.aligned, false);
    assert.deepEqual(store.pendingIndex(), ['b']);
  });
});

test('replacing an original re-settles its duplicates', () => {
  withStore((store) => {
    store.putDocuments([doc('o', 'Shared.'), doc('d1', 'shared.'), doc('d2', 'SHARED.')]);
    assert.deepEqual(store.putDocuments([doc('o', 'Something else.')]), ['replaced']);
    const d1 = store.getDocument('d1');
    assert.equal(d1?.duplicateOf, null, 'the earliest duplicate becomes the original');
    assert.equal(d1?.indexed, false);
    assert.equal(d1?.aligned, false);
    assert.equal(store.getDocument('d2')?.duplicateOf, 'd1');
    assert.deepEqual(
      store.links().map((l) => [l.a, l.b, l.duplicate]),
      [['d1', 'd2', true]],
    );
    assert.deepEqual(store.pendingIndex(), ['o', 'd1']);

    // Replaced back into the shared text: 'o' has the lowest seq, so it is the original again.
    assert.deepEqual(store.putDocuments([doc('o', 'Shared.')]), ['replaced']);
    assert.equal(store.getDocument('o')?.duplicateOf, null);
    assert.equal(store.getDocument('d1')?.duplicateOf, 'o');
    assert.equal(store.getDocument('d2')?.duplicateOf, 'o');
    assert.deepEqual(
      store.links().map((l) => [l.a, l.b]),
      [
        ['o', 'd1'],
        ['o', 'd2'],
      ],
    );
    assert.deepEqual(store.pendingIndex(), ['o']);
  });
});

test('a later document replaced into an existing text becomes its duplicate', () => {
  withStore((store) => {
    store.putDocuments([doc('a', 'First.'), doc('b', 'Second.')]);
    store.putFeatures([{ id: 'b', features: features(2) }]);
    assert.deepEqual(store.putDocuments([doc('b', 'first.')]), ['replaced']);
    const b = store.getDocument('b');
    assert.equal(b?.duplicateOf, 'a');
    assert.equal(b?.indexed, true);
    assert.deepEqual([...store.allFeatures()], []);
    assert.equal(store.links({ doc: 'a' })[0].duplicate, true);
  });
});

test('putFeatures / allFeatures round trip in seq order, across pages, with writes in between', () => {
  withStore((store) => {
    const n = 2500;
    store.putDocuments(Array.from({ length: n }, (_, i) => doc(`d${i}`, `Text number ${i}.`)));
    store.putDocuments([doc('dup', 'text number 7.')]);
    assert.throws(() => store.putFeatures([{ id: 'dup', features: features(0) }]), /duplicate/);
    assert.throws(() => store.putFeatures([{ id: 'nope', features: features(0) }]), /unknown document/);
    // Stored in reverse to show the order comes from seq.
    const items = Array.from({ length: n }, (_, i) => ({ id: `d${n - 1 - i}`, features: features(n - 1 - i) }));
    store.putFeatures(items);
    store.putFeatures([{ id: 'd3', features: Uint8Array.of(9, 9, 9) }]);
    const seen: number[] = [];
    for (const record of store.allFeatures()) {
      const i = record.seq - 1;
      assert.equal(record.id, `d${i}`);
      assert.ok(record.features instanceof Uint8Array);
      assert.deepEqual([...record.features], i === 3 ? [9, 9, 9] : [...features(i)]);
      seen.push(record.seq);
      if (record.seq % 1000 === 0) store.setState('progress', String(record.seq));
    }
    assert.equal(seen.length, n);
    assert.deepEqual(seen, [...seen].sort((x, y) => x - y));
    assert.equal(store.getState('progress'), '2000');
    assert.equal(store.counts().indexed, n);
  });
});

test('pendingIndex and pendingAlign follow the scan state', () => {
  withStore((store) => {
    store.putDocuments([doc('a', 'A.'), doc('b', 'B.'), doc('c', 'C.'), doc('a2', 'a.')]);
    assert.deepEqual(store.pendingIndex(), ['a', 'b', 'c']);
    assert.deepEqual(store.pendingAlign(), []);
    store.putFeatures([
      { id: 'c', features: features(3) },
      { id: 'a', features: features(1) },
    ]);
    assert.deepEqual(store.pendingIndex(), ['b']);
    assert.deepEqual(store.pendingAlign(), ['a', 'c']);
    store.putAlignment('a', []);
    assert.deepEqual(store.pendingAlign(), ['c']);
    const counts = store.counts();
    assert.deepEqual(
      { documents: counts.documents, duplicates: counts.duplicates, indexed: counts.indexed, aligned: counts.aligned },
      { documents: 4, duplicates: 1, indexed: 2, aligned: 1 },
    );
  });
});

test('putAlignment stores links with a = lower seq, swapping reversed input', () => {
  withStore((store) => {
    store.putDocuments([doc('early', 'Early text.'), doc('late', 'Late text.'), doc('other', 'Other.')]);
    store.putFeatures(['early', 'late', 'other'].map((id, i) => ({ id, features: features(i) })));
    const given = link('late', 'early', { coverageA: 0.9, coverageB: 0.2 });
    store.putAlignment('late', [given, link('late', 'other', { passages: [] })]);
    const [stored, ...rest] = store.links();
    assert.equal(rest.length, 0, 'a link without passages is not stored');
    assert.deepEqual(stored, {
      ...given,
      a: 'early',
      b: 'late',
      coverageA: 0.2,
      coverageB: 0.9,
      passages: given.passages.map((p) => ({ ...p, a: p.b, b: p.a })),
      textDirection: null,
    });
    assert.deepEqual(store.pendingAlign(), ['early', 'other']);

    // The same pair again (now in order) replaces the link and its passages.
    const again = link('early', 'late', { kind: 'paraphrase', score: 0.4, passages: [passage([1, 2], [3, 4], 'paraphrase')] });
    store.putAlignment('early', [again]);
    assert.deepEqual(store.links(), [{ ...again, textDirection: null }]);
    assert.throws(() => store.putAlignment('nope', []), /unknown document/);
    assert.throws(() => store.putAlignment('early', [link('early', 'early')]), /itself/);
  });
});

test('putAlignment is atomic: a bad link leaves nothing written', () => {
  withStore((store) => {
    store.putDocuments([doc('a', 'A.'), doc('b', 'B.'), doc('c', 'C.')]);
    store.putFeatures(['a', 'b', 'c'].map((id, i) => ({ id, features: features(i) })));
    assert.throws(() => store.putAlignment('c', [link('a', 'c'), link('b', 'c'), link('c', 'ghost')]), /unknown document id: ghost/);
    assert.equal(store.counts().links, 0);
    assert.equal(store.getDocument('c')?.aligned, false);
    assert.deepEqual(store.pendingAlign(), ['a', 'b', 'c']);
  });
});

test('an aligner link does not overwrite an exact-duplicate link', () => {
  withStore((store) => {
    store.putDocuments([doc('a', 'Text.'), doc('b', 'text.')]);
    store.putAlignment('a', [link('a', 'b')]);
    const [only] = store.links();
    assert.equal(only.duplicate, true);
    assert.equal(only.passages[0].evidence.method, 'exact-duplicate');
  });
});

test('links filters: doc, kind, minCoverage, limit; ordered by score then seq', () => {
  withStore((store) => {
    store.putDocuments(['a', 'b', 'c', 'd'].map((id) => doc(id, `Text ${id}.`)));
    store.putAlignment('b', [link('a', 'b', { kind: 'verbatim', score: 0.9, coverageA: 0.1, coverageB: 0.8 })]);
    store.putAlignment('c', [
      link('c', 'a', { kind: 'edited', score: 0.5, coverageA: 0.3, coverageB: 0.3 }),
      link('c', 'b', { kind: 'paraphrase', score: 0.5, coverageA: 0.6, coverageB: 0.1 }),
    ]);
    store.putAlignment('d', [link('d', 'c', { kind: 'edited', score: 0.95, coverageA: 0.2, coverageB: 0.2 })]);
    const pairs = (links: LinkRecord[]): string[] => links.map((l) => l.a + l.b);
    assert.deepEqual(pairs(store.links()), ['cd', 'ab', 'ac', 'bc']);
    assert.deepEqual(pairs(store.links({ doc: 'c' })), ['cd', 'ac', 'bc']);
    assert.deepEqual(pairs(store.links({ doc: 'nobody' })), []);
    assert.deepEqual(pairs(store.links({ kind: 'edited' })), ['cd', 'ac']);
    assert.deepEqual(pairs(store.links({ minCoverage: 0.6 })), ['ab', 'bc']);
    assert.deepEqual(pairs(store.links({ doc: 'b', minCoverage: 0.5, kind: 'paraphrase' })), ['bc']);
    assert.deepEqual(pairs(store.links({ limit: 2 })), ['cd', 'ab']);
    const counts = store.counts();
    assert.equal(counts.links, 4);
    assert.deepEqual(counts.linksByKind, { verbatim: 1, edited: 2, paraphrase: 1 });
  });
});

test('listDocuments: seq order, outlet filter, limit and offset, no text', () => {
  withStore((store) => {
    store.putDocuments([
      doc('1', 'One.', { outlet: 'Wire', published: '2024-01-02', title: 'One' }),
      doc('2', 'Two.', { outlet: 'Daily' }),
      doc('3', 'Three.', { outlet: 'Wire', url: null }),
    ]);
    const all = store.listDocuments();
    assert.deepEqual(
      all.map((d) => d.id),
      ['1', '2', '3'],
    );
    assert.equal('text' in all[0], false);
    assert.deepEqual(all[0].meta, { outlet: 'Wire', published: '2024-01-02', title: 'One' });
    assert.deepEqual(all[2].meta, { outlet: 'Wire' });
    assert.equal(all[0].origin, 'in/1');
    assert.equal(all[0].format, 'txt');
    assert.match(all[0].added, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(
      store.listDocuments({ outlet: 'Wire' }).map((d) => d.id),
      ['1', '3'],
    );
    assert.deepEqual(
      store.listDocuments({ limit: 1, offset: 1 }).map((d) => d.id),
      ['2'],
    );
    assert.deepEqual(
      store.listDocuments({ outlet: 'Wire', offset: 1 }).map((d) => d.id),
      ['3'],
    );
  });
});

test('state get/set and idempotent close', () => {
  const store = openStore(':memory:');
  assert.equal(store.location, ':memory:');
  assert.equal(store.getState('k'), undefined);
  store.setState('k', 'v1');
  store.setState('k', 'v2');
  assert.equal(store.getState('k'), 'v2');
  store.close();
  store.close();
});
