import type Database from 'better-sqlite3';

/** PRAGMA application_id of a Mimeo store ("MIMO"): tells our files from other SQLite files. */
export const APPLICATION_ID = 0x4d494d4f;

export interface Migration {
  version: number;
  up: string | ((db: Database.Database) => void);
}

/*
 * Schema, version 1.
 *
 * documents  one row per document id. seq (AUTOINCREMENT, so never reused) is the stable order.
 *            Meta fields are columns so listings can filter on them; chars = text.length (UTF-16, the
 *            unit of passage offsets). duplicate_of_seq points at the original (lowest seq with the same
 *            hash); duplicates are stored indexed = 1, aligned = 1 and never get features.
 * texts      the text, kept out of `documents` so scans of documents (counts, listings, pending work)
 *            read a few hundred bytes per row instead of the whole article.
 * features   opaque candidate features (src/index), one blob per indexed document.
 * links      one row per document pair, a_seq < b_seq; UNIQUE(a_seq, b_seq) doubles as the a_seq index.
 *            duplicate = 1 marks the exact-duplicate link recorded at insert (a = original).
 * passages   a link's passages in order; evidence is JSON (PassageEvidence).
 * state      small key/value settings (index parameters, scan state).
 *
 * Partial indexes keep pendingIndex/pendingAlign fast when nearly everything is done.
 */
const V1 = `
CREATE TABLE documents (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  title TEXT,
  url TEXT,
  outlet TEXT,
  published TEXT,
  author TEXT,
  language TEXT,
  origin TEXT NOT NULL,
  format TEXT NOT NULL,
  hash TEXT NOT NULL,
  chars INTEGER NOT NULL,
  duplicate_of_seq INTEGER REFERENCES documents(seq),
  indexed INTEGER NOT NULL DEFAULT 0,
  aligned INTEGER NOT NULL DEFAULT 0,
  added TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents(hash);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of_seq) WHERE duplicate_of_seq IS NOT NULL;
CREATE INDEX documents_pending_index ON documents(seq) WHERE duplicate_of_seq IS NULL AND indexed = 0;
CREATE INDEX documents_pending_align ON documents(seq) WHERE indexed = 1 AND aligned = 0;

CREATE TABLE texts (
  seq INTEGER PRIMARY KEY REFERENCES documents(seq) ON DELETE CASCADE,
  text TEXT NOT NULL
);

CREATE TABLE features (
  seq INTEGER PRIMARY KEY REFERENCES documents(seq) ON DELETE CASCADE,
  data BLOB NOT NULL
);

CREATE TABLE links (
  id INTEGER PRIMARY KEY,
  a_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  b_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  coverage_a REAL NOT NULL,
  coverage_b REAL NOT NULL,
  score REAL NOT NULL,
  duplicate INTEGER NOT NULL DEFAULT 0,
  UNIQUE (a_seq, b_seq),
  CHECK (a_seq < b_seq)
);
CREATE INDEX links_b ON links(b_seq);
CREATE INDEX links_score ON links(score DESC, a_seq, b_seq);

CREATE TABLE passages (
  link_id INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  a_start INTEGER NOT NULL,
  a_end INTEGER NOT NULL,
  b_start INTEGER NOT NULL,
  b_end INTEGER NOT NULL,
  kind TEXT NOT NULL,
  score REAL NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (link_id, ord)
);

CREATE TABLE state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

PRAGMA application_id = ${APPLICATION_ID};
`;

/** Ordered; append only. Each runs in its own transaction and sets PRAGMA user_version = version. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, up: V1 }];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

function userVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Brings the schema up to SCHEMA_VERSION. The version is re-read inside each write transaction,
 * so two processes opening a fresh file at once do not both apply a step.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  for (const migration of migrations) {
    if (userVersion(db) >= migration.version) continue;
    const step = db.transaction(() => {
      if (userVersion(db) >= migration.version) return;
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    step.immediate();
  }
}
