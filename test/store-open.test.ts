import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { UserError } from '../src/cli/errors.js';
import { openStore, SCHEMA_VERSION, type NewDocument } from '../src/store/index.js';
import { APPLICATION_ID, migrate, type Migration } from '../src/store/migrations.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function withTempDir(fn: (dir: string) => void | Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mimeo-store-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

function doc(id: string, text: string): NewDocument {
  return { id, text, meta: { outlet: 'Wire' }, origin: id, format: 'txt', hash: `h:${text}` };
}

function assertUserError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof UserError, `expected UserError, got ${String(error)}`);
    assert.match(error.message, pattern);
    assert.ok(!error.message.includes('\n'), 'message must be one line');
    return true;
  });
}

function pragma(path: string, name: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma(name, { simple: true });
  } finally {
    db.close();
  }
}

test(
  'a fresh file is created at the current schema and reopened with its data',
  withTempDir((dir) => {
    const path = join(dir, 'mimeo.db');
    const store = openStore(path);
    assert.equal(store.location, path);
    store.putDocuments([doc('a', 'Alpha.'), doc('b', 'Beta.')]);
    store.setState('params', '{"k":5}');
    store.close();
    assert.equal(pragma(path, 'user_version'), SCHEMA_VERSION);
    assert.equal(pragma(path, 'application_id'), APPLICATION_ID);
    assert.equal(pragma(path, 'journal_mode'), 'wal');

    const again = openStore(path);
    assert.equal(again.counts().documents, 2);
    assert.equal(again.getDocument('b')?.text, 'Beta.');
    assert.equal(again.getState('params'), '{"k":5}');
    assert.deepEqual(again.putDocuments([doc('c', 'Gamma.')]), ['added']);
    assert.equal(again.getDocument('c')?.seq, 3);
    again.close();
    assert.equal(pragma(path, 'user_version'), SCHEMA_VERSION);

    const readonly = openStore(path, { readonly: true });
    assert.equal(readonly.counts().documents, 3);
    assert.throws(() => readonly.setState('x', 'y'), /readonly/);
    readonly.close();
  }),
);

test(
  'migrations run one transaction each: a failing step leaves the previous version',
  withTempDir((dir) => {
    const db = new Database(join(dir, 'm.db'));
    const steps: Migration[] = [
      { version: 1, up: 'CREATE TABLE one (x INTEGER)' },
      {
        version: 2,
        up: (d) => {
          d.exec('CREATE TABLE two (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    assert.throws(() => migrate(db, steps), /boom/);
    assert.equal(db.pragma('user_version', { simple: true }), 1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    assert.deepEqual(tables, ['one']);
    migrate(db, [steps[0], { version: 2, up: 'CREATE TABLE two (x INTEGER)' }]);
    assert.equal(db.pragma('user_version', { simple: true }), 2);
    db.close();
  }),
);

test(
  'a store from a newer Mimeo is refused',
  withTempDir((dir) => {
    const path = join(dir, 'future.db');
    openStore(path).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assertUserError(() => openStore(path), /future\.db: made by a newer Mimeo \(schema version \d+/);
  }),
);

test(
  'files that are not Mimeo stores give one-line UserErrors and are left untouched',
  withTempDir((dir) => {
    const foreign = join(dir, 'other.sqlite');
    const db = new Database(foreign);
    db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi')");
    db.close();
    const before = readFileSync(foreign);
    assertUserError(() => openStore(foreign), /other\.sqlite: not a Mimeo database/);
    assert.deepEqual(readFileSync(foreign), before);
    assert.equal(existsSync(`${foreign}-wal`), false);

    const garbage = join(dir, 'mimeo.db');
    writeFileSync(garbage, Buffer.alloc(8192, 'not sqlite at all '));
    assertUserError(() => openStore(garbage), /^.*mimeo\.db: not a Mimeo database \(file is not a database\)$/);

    const folder = join(dir, 'folder.db');
    mkdirSync(folder);
    assertUserError(() => openStore(folder), /folder\.db: is a directory/);
    assertUserError(() => openStore(join(dir, 'missing', 'x.db')), /x\.db: folder .*missing does not exist/);
    assertUserError(() => openStore(join(garbage, 'x.db')), /is not a folder/);
    assertUserError(() => openStore(join(dir, 'absent.db'), { create: false }), /absent\.db: no such database/);
    assertUserError(() => openStore(join(dir, 'absent.db'), { readonly: true }), /absent\.db: no such database/);
    assert.equal(existsSync(join(dir, 'absent.db')), false);
    assertUserError(() => openStore('postgres://mimeo:pw@127.0.0.1:1/mimeo'), /^postgres:\/\/mimeo:\*\*\*@127\.0\.0\.1:1\/mimeo: connection refused/);
  }),
);

test('an in-memory store works', () => {
  const store = openStore(':memory:');
  assert.deepEqual(store.putDocuments([doc('a', 'A.'), doc('b', 'A.')]), ['added', 'duplicate']);
  assert.equal(store.counts().links, 1);
  store.close();
});

const BATCH = 50;

/** A writer that never stops on its own: batches of documents, features, then alignments. */
function writerScript(path: string): string {
  const storeUrl = pathToFileURL(join(ROOT, 'src/store/index.ts')).href;
  return `
import { openStore } from ${JSON.stringify(storeUrl)};
const store = openStore(${JSON.stringify(path)});
const filler = 'The council met on Tuesday to discuss the budget. '.repeat(60);
const evidence = { method: 'run', seeds: 1, similarity: 1, plainSimilarity: 1, verbatimShare: 1, sharedTerms: ['council'] };
for (let batch = 0; ; batch++) {
  const docs = [];
  for (let i = 0; i < ${BATCH}; i++) {
    const n = batch * ${BATCH} + i;
    // Every tenth document repeats an earlier text: exact duplicates in the mix.
    const text = filler + (n % 10 === 9 ? n - 1 : n);
    docs.push({ id: 'doc' + n, text, meta: { outlet: 'o' + (n % 7) }, origin: 'x', format: 'txt', hash: 'h' + (n % 10 === 9 ? n - 1 : n) });
  }
  store.putDocuments(docs);
  const pending = store.pendingIndex();
  store.putFeatures(pending.map((id) => ({ id, features: new Uint8Array(2048).fill(batch & 0xff) })));
  for (const id of store.pendingAlign()) {
    const links = store.pendingAlign().filter((other) => other !== id).slice(0, 2).map((other) => ({
      a: id, b: other, kind: 'edited', coverageA: 0.5, coverageB: 0.5, score: 0.5, duplicate: false,
      passages: [0, 1, 2].map((k) => ({ a: [k, k + 1], b: [k, k + 1], kind: 'edited', score: 0.5, evidence })),
    }));
    store.putAlignment(id, links);
  }
  if (batch === 1) process.stdout.write('running\\n');
}
`;
}

test(
  'a writer killed mid-stream leaves a consistent database',
  withTempDir(async (dir) => {
    const path = join(dir, 'kill.db');
    const script = join(dir, 'writer.ts');
    writeFileSync(script, writerScript(path));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');

    const db = new Database(path);
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(db.pragma('foreign_key_check'), []);
      const count = (sql: string): number => Number(db.prepare(sql).pluck().get());
      const documents = count('SELECT count(*) FROM documents');
      assert.ok(documents >= 2 * BATCH, `expected some batches, got ${documents} documents`);
      assert.equal(documents % BATCH, 0, 'no half batches');
      assert.equal(count('SELECT count(*) FROM texts'), documents);
      assert.equal(
        count(
          'SELECT count(*) FROM documents d LEFT JOIN features f ON f.seq = d.seq ' +
            'WHERE d.duplicate_of_seq IS NULL AND (d.indexed = 1) != (f.seq IS NOT NULL)',
        ),
        0,
        'features present iff indexed',
      );
      assert.equal(count('SELECT count(*) FROM documents WHERE duplicate_of_seq IS NOT NULL'), documents / 10);
      assert.equal(count('SELECT count(*) FROM links WHERE duplicate = 1'), documents / 10, 'one link per duplicate');
      assert.equal(
        count('SELECT count(*) FROM links l WHERE (SELECT count(*) FROM passages p WHERE p.link_id = l.id) != (CASE WHEN l.duplicate THEN 1 ELSE 3 END)'),
        0,
        'every link has all its passages',
      );
    } finally {
      db.close();
    }
    const store = openStore(path);
    assert.ok(store.counts().documents > 0);
    store.close();
  }),
);
