import type Database from 'better-sqlite3';
import { textDirection } from '../provenance/text-direction.js';
import { toPassage, type PassageRow } from './rows.js';

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

/*
 * Version 2: links.direction, the JSON DirectionCall made from the two texts when the link was
 * aligned (src/provenance); NULL for exact duplicates. Links stored by version 1 get theirs here,
 * from the stored texts and passages.
 */
function v2(db: Database.Database): void {
  db.exec('ALTER TABLE links ADD COLUMN direction TEXT');
  const links = db
    .prepare<[], { id: number; a_seq: number; b_seq: number; outlet_a: string | null; outlet_b: string | null }>(
      'SELECT l.id, l.a_seq, l.b_seq, da.outlet AS outlet_a, db.outlet AS outlet_b FROM links l ' +
        'JOIN documents da ON da.seq = l.a_seq JOIN documents db ON db.seq = l.b_seq WHERE l.duplicate = 0',
    )
    .all();
  if (links.length === 0) return;
  const text = db.prepare<[number], { text: string }>('SELECT text FROM texts WHERE seq = ?');
  const passages = db.prepare<[number], PassageRow>(
    'SELECT a_start, a_end, b_start, b_end, kind, score, evidence FROM passages WHERE link_id = ? ORDER BY ord',
  );
  const update = db.prepare<[string, number]>('UPDATE links SET direction = ? WHERE id = ?');
  for (const link of links) {
    const [a, b] = [text.get(link.a_seq)?.text, text.get(link.b_seq)?.text];
    if (a === undefined || b === undefined) continue;
    const call = textDirection(a, b, passages.all(link.id).map(toPassage), {}, { a: link.outlet_a, b: link.outlet_b });
    update.run(JSON.stringify(call), link.id);
  }
}

/*
 * Version 3: quotes, the direct quotations of each original document (src/quotes), in text order.
 * Offsets are into the stored text; speaker is the canonical name (NULL when unknown); detail is JSON
 * with the rest (parts, paragraphs, cue verb, speaker mention/role/kind). Exact duplicates have none.
 * Quotes are extracted with the features, so documents stored before this version are queued for
 * indexing again (their features are recomputed as they were; alignment is not redone).
 * IF NOT EXISTS: tests rewind user_version on a current store and reopen it.
 */
const V3 = `
CREATE TABLE IF NOT EXISTS quotes (
  seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  speaker TEXT,
  speaker_start INTEGER,
  speaker_end INTEGER,
  cue_start INTEGER,
  cue_end INTEGER,
  detail TEXT NOT NULL,
  PRIMARY KEY (seq, ord)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker COLLATE NOCASE) WHERE speaker IS NOT NULL;
UPDATE documents SET indexed = 0 WHERE duplicate_of_seq IS NULL AND indexed = 1
  AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.seq = documents.seq);
`;

/*
 * Version 4: full-text search over titles and texts (`mimeo serve`'s document search). A contentless
 * FTS5 table keyed by seq: the texts are not stored twice; triggers keep it in step with `texts` and
 * with title changes, so no writer has to remember it. Porter stemming, accents folded.
 */
const V4 = `
-- A store marked older by hand (tests do) may have them already: rebuilt, not duplicated.
DROP TRIGGER IF EXISTS search_text_insert;
DROP TRIGGER IF EXISTS search_text_update;
DROP TRIGGER IF EXISTS search_text_delete;
DROP TRIGGER IF EXISTS search_title_update;
DROP TABLE IF EXISTS search;
CREATE VIRTUAL TABLE search USING fts5(title, text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
INSERT INTO search(rowid, title, text) SELECT d.seq, coalesce(d.title, ''), t.text FROM documents d JOIN texts t ON t.seq = d.seq;
CREATE TRIGGER search_text_insert AFTER INSERT ON texts BEGIN
  INSERT INTO search(rowid, title, text) VALUES (new.seq, coalesce((SELECT title FROM documents WHERE seq = new.seq), ''), new.text);
END;
CREATE TRIGGER search_text_update AFTER UPDATE OF text ON texts BEGIN
  DELETE FROM search WHERE rowid = old.seq;
  INSERT INTO search(rowid, title, text) VALUES (new.seq, coalesce((SELECT title FROM documents WHERE seq = new.seq), ''), new.text);
END;
CREATE TRIGGER search_text_delete AFTER DELETE ON texts BEGIN
  DELETE FROM search WHERE rowid = old.seq;
END;
CREATE TRIGGER search_title_update AFTER UPDATE OF title ON documents WHEN new.title IS NOT old.title BEGIN
  DELETE FROM search WHERE rowid = new.seq;
  INSERT INTO search(rowid, title, text) SELECT new.seq, coalesce(new.title, ''), text FROM texts WHERE seq = new.seq;
END;
`;

/** Ordered; append only. Each runs in its own transaction and sets PRAGMA user_version = version. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, up: V1 },
  { version: 2, up: v2 },
  { version: 3, up: V3 },
  { version: 4, up: V4 },
];

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
