import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, SCHEMA_VERSION } from '../src/store/index.js';
import { fixtureDoc, storeAligned } from './store-fixture.js';
import { pgServer } from './pg-fixture.js';

// The store queries behind the HTTP API: full-text search kept in step with the documents,
// filters, paging, link pages and counts.
function withStore(fn: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'mimeo-search-'));
  try {
    fn(join(dir, 'search.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The same checks on PostgreSQL when a server is available.
const pg = pgServer();
function withEachStore(fn: (location: string) => void): void {
  withStore(fn);
  if (pg) fn(pg.freshDatabase('search'));
}

const ids = (page: { documents: Array<{ id: string }> }) => page.documents.map((d) => d.id).sort();

test('search follows inserts and replaced documents (text and title); stems, prefixes, accents, odd input', () => {
  withEachStore((path) => {
    const store = openStore(path);
    store.putDocuments([
      fixtureDoc('a.txt', 'The council approved the bridge repairs on Monday.', { title: 'Crossing report', outlet: 'Gazette', published: '2024-05-03' }),
      fixtureDoc('b.txt', 'Café owners protested the new parking rules downtown.', { outlet: 'Herald', published: '2024-06-10' }),
      fixtureDoc('c.txt', 'Bridges across the river were inspected by engineers.', { outlet: 'Gazette', published: '2023-12-31' }),
    ]);
    assert.deepEqual(ids(store.searchDocuments({ text: 'bridge' })), ['a.txt', 'c.txt']);
    assert.deepEqual(ids(store.searchDocuments({ text: 'cafe' })), ['b.txt']);
    assert.deepEqual(ids(store.searchDocuments({ text: 'inspect*' })), ['c.txt']);
    assert.deepEqual(ids(store.searchDocuments({ text: 'bridge council' })), ['a.txt']);
    assert.deepEqual(ids(store.searchDocuments({ text: 'crossing' })), ['a.txt'], 'titles are searched');
    // FTS5 syntax in the input is plain words, never an error.
    for (const odd of ['"', 'NEAR(a b)', 'title:bridge', 'a OR', '-x', '*', '((']) assert.doesNotThrow(() => store.searchDocuments({ text: odd }), odd);
    assert.equal(store.searchDocuments({ text: '*' }).total, 0);
    // A changed text replaces its words.
    store.putDocuments([fixtureDoc('a.txt', 'The mayor opened a library on Monday.', { title: 'Library report', outlet: 'Gazette', published: '2024-05-03' })]);
    assert.deepEqual(ids(store.searchDocuments({ text: 'bridge' })), ['c.txt']);
    assert.deepEqual(ids(store.searchDocuments({ text: 'library' })), ['a.txt']);
    assert.deepEqual(ids(store.searchDocuments({ text: 'bridge report' })), []);
    // Filters, alone or with words; `to` takes the whole month it names.
    assert.deepEqual(ids(store.searchDocuments({ outlet: 'Gazette' })), ['a.txt', 'c.txt']);
    assert.deepEqual(ids(store.searchDocuments({ from: '2024', to: '2024-05' })), ['a.txt']);
    assert.deepEqual(ids(store.searchDocuments({ text: 'monday', outlet: 'Herald' })), []);
    const page = store.searchDocuments({ limit: 2, offset: 2 });
    assert.deepEqual([page.total, page.documents.length], [3, 1]);
    assert.deepEqual(store.publishedRange(), { from: '2023-12-31', to: '2024-06-10' });
    assert.deepEqual(store.outlets(), [{ outlet: 'Gazette', documents: 2 }, { outlet: 'Herald', documents: 1 }]);
    store.close();
  });
});

test('a store from before search gets its index built on upgrade', () => {
  withStore((path) => {
    const store = openStore(path);
    store.putDocuments([fixtureDoc('old.txt', 'Flooding closed the harbour road for a week.')]);
    store.close();
    // As a version-3 store: no search table, no triggers.
    const db = new Database(path);
    db.exec('DROP TRIGGER search_text_insert; DROP TRIGGER search_text_update; DROP TRIGGER search_text_delete; DROP TRIGGER search_title_update; DROP TABLE search;');
    db.pragma('user_version = 3');
    db.close();
    const upgraded = openStore(path);
    assert.equal(SCHEMA_VERSION, 4);
    assert.deepEqual(ids(upgraded.searchDocuments({ text: 'harbour' })), ['old.txt']);
    upgraded.close();
  });
});

test('links: a page at an offset, counts, and passages left out when not wanted', () => {
  withEachStore((path) => {
    const store = openStore(path);
    const text = 'The river rose two metres overnight and the council closed the old stone bridge to traffic. Engineers will inspect the arches on Tuesday before any decision on reopening it.';
    storeAligned(store, [fixtureDoc('x.txt', text), fixtureDoc('y.txt', `${text} More later.`), fixtureDoc('z.txt', `Update: ${text}`)]);
    const all = store.links();
    assert.equal(store.countLinks(), 3);
    assert.equal(store.countLinks({ doc: 'y.txt' }), 2);
    assert.equal(store.countLinks({ doc: 'nothing' }), 0);
    const second = store.links({ limit: 1, offset: 1 });
    assert.deepEqual(second, [all[1]]);
    assert.ok(second[0].passages.length > 0);
    assert.deepEqual(store.links({ doc: 'x.txt', passages: false }).map((l) => l.passages.length), [0, 0]);
    assert.equal(store.getDocumentInfo('x.txt')?.chars, text.length);
    assert.equal('text' in (store.getDocumentInfo('x.txt') ?? {}), false);
    store.close();
  });
});
