import type Database from 'better-sqlite3';
import type { Passage, PassageKind } from '../align/types.js';
import type { DirectionCall } from '../provenance/types.js';
import { connect, type OpenOptions } from './connect.js';
import { UserError } from '../cli/errors.js';
import { searchWords } from './search-words.js';
import {
  duplicateLink,
  INFO_COLUMNS,
  INFO_FROM,
  metaColumns,
  quoteRow,
  sameMeta,
  swapDirection,
  swapPassage,
  toInfo,
  toPassage,
  toStored,
  toStoredQuote,
  type DocumentRow,
  type ExistingRow,
  type HashRow,
  type LinkParams,
  type InfoRow,
  type LinkRow,
  type MetaColumns,
  type PassageRow,
  type QuoteRow,
} from './rows.js';
import type {
  DocumentFilter,
  DocumentInfo,
  DocumentPage,
  DocumentQuery,
  FeatureItem,
  FeatureRecord,
  LinkFilter,
  LinkRecord,
  NewDocument,
  PutOutcome,
  QuoteFilter,
  Store,
  StoreCounts,
  StoredDocument,
  StoredQuote,
} from './types.js';

type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

interface SeqRow {
  seq: number;
  duplicate_of_seq: number | null;
}

interface DocParams extends MetaColumns {
  seq?: number;
  id?: string;
  hash?: string;
  chars?: number;
  duplicate_of_seq?: number | null;
  indexed?: number;
  aligned?: number;
  added?: string;
}

interface CountRow {
  documents: number;
  duplicates: number;
  indexed: number;
  aligned: number;
}

/** Rows per query when paging through features (bounded memory; no statement stays open across yields). */
const FEATURE_PAGE = 1000;

const META_SET =
  'title = @title, url = @url, outlet = @outlet, published = @published, author = @author, language = @language, ' +
  'origin = @origin, format = @format';

/**
 * Store on one SQLite file (or ':memory:'). Each write method is one better-sqlite3 transaction,
 * so a killed process leaves every call either fully applied or not at all.
 *
 * Exact duplicates: within a hash, the lowest seq is the original and every other document is its
 * duplicate (duplicate_of_seq set, indexed = aligned = 1, no features, one link with duplicate = 1).
 * putDocuments restores that rule for both the old and the new hash when a text is replaced.
 */
export class SqliteStore implements Store {
  readonly location: string;
  private readonly db: Database.Database;
  private readonly s;
  private readonly linkQueries = new Map<string, Statement<(string | number)[], LinkRow>>();
  private readonly quoteQueries = new Map<string, Statement<(string | number)[], QuoteRow & { doc: string }>>();
  private readonly searchQueries = new Map<string, { page: Statement<(string | number)[], InfoRow>; total: Statement<(string | number)[], { n: number }> }>();
  private readonly putDocumentsTx;
  private readonly putFeaturesTx;
  private readonly putAlignmentTx;

  constructor(location: string, options: OpenOptions = {}) {
    this.location = location;
    this.db = connect(location, options);
    const db = this.db;
    this.s = {
      docById: db.prepare<[string], DocumentRow>(
        `SELECT ${INFO_COLUMNS}, t.text FROM ${INFO_FROM} JOIN texts t ON t.seq = d.seq WHERE d.id = ?`,
      ),
      docBySeq: db.prepare<[number], DocumentRow>(
        `SELECT ${INFO_COLUMNS}, t.text FROM ${INFO_FROM} JOIN texts t ON t.seq = d.seq WHERE d.seq = ?`,
      ),
      list: db.prepare<[number, number], InfoRow>(`SELECT ${INFO_COLUMNS} FROM ${INFO_FROM} ORDER BY d.seq LIMIT ? OFFSET ?`),
      outlets: db.prepare<[], { outlet: string; documents: number }>(
        'SELECT outlet, count(*) AS documents FROM documents WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY documents DESC, outlet',
      ),
      // Two index look-ups (documents_published), not a scan.
      publishedRange: db.prepare<[], { from: string | null; to: string | null }>(
        'SELECT (SELECT min(published) FROM documents) AS "from", (SELECT max(published) FROM documents) AS "to"',
      ),
      listByOutlet: db.prepare<[string, number, number], InfoRow>(
        `SELECT ${INFO_COLUMNS} FROM ${INFO_FROM} WHERE d.outlet = ? ORDER BY d.seq LIMIT ? OFFSET ?`,
      ),
      existing: db.prepare<[string], ExistingRow>(
        'SELECT seq, hash, duplicate_of_seq, title, url, outlet, published, author, language, origin, format FROM documents WHERE id = ?',
      ),
      infoById: db.prepare<[string], InfoRow>(`SELECT ${INFO_COLUMNS} FROM ${INFO_FROM} WHERE d.id = ?`),
      seqOf: db.prepare<[string], SeqRow>('SELECT seq, duplicate_of_seq FROM documents WHERE id = ?'),
      firstWithHash: db.prepare<[string], HashRow>(
        'SELECT seq, chars, duplicate_of_seq FROM documents WHERE hash = ? ORDER BY seq LIMIT 1',
      ),
      withHash: db.prepare<[string], HashRow>('SELECT seq, chars, duplicate_of_seq FROM documents WHERE hash = ? ORDER BY seq'),
      insertDoc: db.prepare<[DocParams]>(
        'INSERT INTO documents (id, title, url, outlet, published, author, language, origin, format, hash, chars, ' +
          'duplicate_of_seq, indexed, aligned, added) VALUES (@id, @title, @url, @outlet, @published, @author, @language, ' +
          '@origin, @format, @hash, @chars, @duplicate_of_seq, @indexed, @aligned, @added)',
      ),
      insertText: db.prepare<[number, string]>('INSERT INTO texts (seq, text) VALUES (?, ?)'),
      updateText: db.prepare<[string, number]>('UPDATE texts SET text = ? WHERE seq = ?'),
      updateMeta: db.prepare<[DocParams]>(`UPDATE documents SET ${META_SET} WHERE seq = @seq`),
      replaceDoc: db.prepare<[DocParams]>(
        `UPDATE documents SET ${META_SET}, hash = @hash, chars = @chars, duplicate_of_seq = NULL, indexed = 0, aligned = 0, ` +
          'added = @added WHERE seq = @seq',
      ),
      makeOriginal: db.prepare<[number]>('UPDATE documents SET duplicate_of_seq = NULL, indexed = 0, aligned = 0 WHERE seq = ?'),
      makeDuplicate: db.prepare<[number, number]>(
        'UPDATE documents SET duplicate_of_seq = ?, indexed = 1, aligned = 1 WHERE seq = ?',
      ),
      deleteFeatures: db.prepare<[number]>('DELETE FROM features WHERE seq = ?'),
      deleteQuotes: db.prepare<[number]>('DELETE FROM quotes WHERE seq = ?'),
      insertQuote: db.prepare<[QuoteRow]>(
        'INSERT INTO quotes (seq, ord, start_offset, end_offset, text, speaker, speaker_start, speaker_end, cue_start, cue_end, detail) ' +
          'VALUES (@seq, @ord, @start_offset, @end_offset, @text, @speaker, @speaker_start, @speaker_end, @cue_start, @cue_end, @detail)',
      ),
      deleteLinksOf: db.prepare<[number, number]>('DELETE FROM links WHERE a_seq = ? OR b_seq = ?'),
      deleteDuplicateLink: db.prepare<[number]>('DELETE FROM links WHERE b_seq = ? AND duplicate = 1'),
      // An exact-duplicate link is authoritative: an aligner's link for the same pair does not overwrite it.
      upsertLink: db.prepare<[LinkParams], { id: number }>(
        'INSERT INTO links (a_seq, b_seq, kind, coverage_a, coverage_b, score, duplicate, direction) ' +
          'VALUES (@a, @b, @kind, @coverageA, @coverageB, @score, @duplicate, @direction) ' +
          'ON CONFLICT (a_seq, b_seq) DO UPDATE SET kind = excluded.kind, coverage_a = excluded.coverage_a, ' +
          'coverage_b = excluded.coverage_b, score = excluded.score, duplicate = excluded.duplicate, direction = excluded.direction ' +
          'WHERE links.duplicate = 0 OR excluded.duplicate = 1 RETURNING id',
      ),
      deletePassages: db.prepare<[number]>('DELETE FROM passages WHERE link_id = ?'),
      insertPassage: db.prepare<[number, number, number, number, number, number, string, number, string]>(
        'INSERT INTO passages (link_id, ord, a_start, a_end, b_start, b_end, kind, score, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      passagesOf: db.prepare<[number], PassageRow>(
        'SELECT a_start, a_end, b_start, b_end, kind, score, evidence FROM passages WHERE link_id = ? ORDER BY ord',
      ),
      putFeature: db.prepare<[number, Uint8Array]>(
        'INSERT INTO features (seq, data) VALUES (?, ?) ON CONFLICT (seq) DO UPDATE SET data = excluded.data',
      ),
      markIndexed: db.prepare<[number]>('UPDATE documents SET indexed = 1 WHERE seq = ?'),
      markAligned: db.prepare<[number]>('UPDATE documents SET aligned = 1 WHERE seq = ?'),
      featurePage: db.prepare<[number, number], FeatureRecord>(
        'SELECT f.seq, d.id, f.data AS features FROM features f CROSS JOIN documents d ON d.seq = f.seq WHERE f.seq > ? ORDER BY f.seq LIMIT ?',
      ),
      pendingIndex: db
        .prepare<[], string>('SELECT id FROM documents WHERE duplicate_of_seq IS NULL AND indexed = 0 ORDER BY seq')
        .pluck(),
      pendingAlign: db.prepare<[], string>('SELECT id FROM documents WHERE indexed = 1 AND aligned = 0 ORDER BY seq').pluck(),
      documentCounts: db.prepare<[], CountRow>(
        'SELECT count(*) AS documents, count(duplicate_of_seq) AS duplicates, ' +
          'coalesce(sum(indexed = 1 AND duplicate_of_seq IS NULL), 0) AS indexed, ' +
          'coalesce(sum(aligned = 1 AND duplicate_of_seq IS NULL), 0) AS aligned FROM documents',
      ),
      linkCounts: db.prepare<[], { kind: string; n: number }>('SELECT kind, count(*) AS n FROM links GROUP BY kind'),
      getState: db.prepare<[string], string>('SELECT value FROM state WHERE key = ?').pluck(),
      setState: db.prepare<[string, string]>(
        'INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
    this.putDocumentsTx = db.transaction((docs: NewDocument[]) => {
      const added = new Date().toISOString();
      return docs.map((doc) => this.putOne(doc, added));
    });
    this.putFeaturesTx = db.transaction((items: FeatureItem[]) => {
      for (const item of items) {
        const row = this.requireSeq(item.id);
        if (row.duplicate_of_seq !== null) throw new Error(`document ${item.id} is an exact duplicate; it has no features`);
        this.s.putFeature.run(row.seq, item.features);
        if (item.quotes) {
          this.s.deleteQuotes.run(row.seq);
          item.quotes.forEach((q, ord) => this.s.insertQuote.run(quoteRow(row.seq, ord, q)));
        }
        this.s.markIndexed.run(row.seq);
      }
    });
    this.putAlignmentTx = db.transaction((id: string, links: LinkRecord[]) => {
      const doc = this.requireSeq(id);
      for (const link of links) this.putLink(link);
      this.s.markAligned.run(doc.seq);
    });
  }

  putDocuments(docs: NewDocument[]): PutOutcome[] {
    return this.putDocumentsTx.immediate(docs);
  }

  private putOne(doc: NewDocument, added: string): PutOutcome {
    const meta = metaColumns(doc);
    const old = this.s.existing.get(doc.id);
    if (old && old.hash === doc.hash) {
      if (!sameMeta(old, meta)) this.s.updateMeta.run({ ...meta, seq: old.seq });
      return 'unchanged';
    }
    const chars = doc.text.length;
    if (old) {
      // Its features, quotes and links describe the old text; its former duplicates/original are re-settled.
      this.s.deleteFeatures.run(old.seq);
      this.s.deleteQuotes.run(old.seq);
      this.s.deleteLinksOf.run(old.seq, old.seq);
      this.s.replaceDoc.run({ ...meta, seq: old.seq, hash: doc.hash, chars, added });
      this.s.updateText.run(doc.text, old.seq);
      this.settleHash(old.hash);
      this.settleHash(doc.hash);
      return 'replaced';
    }
    // A new document has the highest seq, so it can only be a duplicate, never an original of others.
    const original = this.s.firstWithHash.get(doc.hash);
    const result = this.s.insertDoc.run({
      ...meta,
      id: doc.id,
      hash: doc.hash,
      chars,
      duplicate_of_seq: original?.seq ?? null,
      indexed: original ? 1 : 0,
      aligned: original ? 1 : 0,
      added,
    });
    const seq = Number(result.lastInsertRowid);
    this.s.insertText.run(seq, doc.text);
    if (!original) return 'added';
    this.insertDuplicateLink(original.seq, original.chars, seq, chars);
    return 'duplicate';
  }

  /** Makes the lowest seq with this hash the original and every other one its duplicate. */
  private settleHash(hash: string): void {
    const [original, ...others] = this.s.withHash.all(hash);
    if (!original) return;
    if (original.duplicate_of_seq !== null) {
      this.s.deleteDuplicateLink.run(original.seq);
      this.s.makeOriginal.run(original.seq);
    }
    for (const row of others) {
      if (row.duplicate_of_seq === original.seq) continue;
      if (row.duplicate_of_seq !== null) {
        this.s.deleteDuplicateLink.run(row.seq);
      } else {
        // A former original: its own alignment results (and quotes) are now covered by the new original's.
        this.s.deleteFeatures.run(row.seq);
        this.s.deleteQuotes.run(row.seq);
        this.s.deleteLinksOf.run(row.seq, row.seq);
      }
      this.s.makeDuplicate.run(original.seq, row.seq);
      this.insertDuplicateLink(original.seq, original.chars, row.seq, row.chars);
    }
  }

  private insertDuplicateLink(aSeq: number, aChars: number, bSeq: number, bChars: number): void {
    const { link, passage } = duplicateLink(aChars, bChars);
    this.writeLink({ ...link, a: aSeq, b: bSeq }, [passage]);
  }

  private requireSeq(id: string): SeqRow {
    const row = this.s.seqOf.get(id);
    if (!row) throw new Error(`unknown document id: ${id}`);
    return row;
  }

  private putLink(link: LinkRecord): void {
    if (link.passages.length === 0) return;
    const a = this.requireSeq(link.a).seq;
    const b = this.requireSeq(link.b).seq;
    if (a === b) throw new Error(`link from document ${link.a} to itself`);
    const params = { kind: link.kind, score: link.score, duplicate: link.duplicate ? 1 : 0 };
    const call = link.textDirection ?? null;
    if (a < b) {
      const direction = call && JSON.stringify(call);
      this.writeLink({ ...params, a, b, coverageA: link.coverageA, coverageB: link.coverageB, direction }, link.passages);
    } else {
      const passages = link.passages.map(swapPassage);
      const direction = call && JSON.stringify(swapDirection(call));
      this.writeLink({ ...params, a: b, b: a, coverageA: link.coverageB, coverageB: link.coverageA, direction }, passages);
    }
  }

  private writeLink(params: LinkParams, passages: Passage[]): void {
    const row = this.s.upsertLink.get(params);
    if (!row) return; // kept an exact-duplicate link
    this.s.deletePassages.run(row.id);
    passages.forEach((p, ord) => {
      this.s.insertPassage.run(row.id, ord, p.a[0], p.a[1], p.b[0], p.b[1], p.kind, p.score, JSON.stringify(p.evidence));
    });
  }

  getDocument(id: string): StoredDocument | undefined {
    const row = this.s.docById.get(id);
    return row && toStored(row);
  }

  getDocumentBySeq(seq: number): StoredDocument | undefined {
    const row = this.s.docBySeq.get(seq);
    return row && toStored(row);
  }

  getDocumentInfo(id: string): DocumentInfo | undefined {
    const row = this.s.infoById.get(id);
    return row && toInfo(row);
  }

  listDocuments(filter: DocumentFilter = {}): DocumentInfo[] {
    const limit = filter.limit ?? -1;
    const offset = filter.offset ?? 0;
    const rows =
      filter.outlet === undefined
        ? this.s.list.all(limit, offset)
        : this.s.listByOutlet.all(filter.outlet, limit, offset);
    return rows.map(toInfo);
  }

  searchDocuments(query: DocumentQuery): DocumentPage {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const match = query.text === undefined ? null : ftsQuery(query.text);
    if (query.text !== undefined && match === null) return { total: 0, documents: [] };
    if (match !== null) {
      where.push('s.search MATCH ?');
      params.push(match);
    }
    if (query.outlet !== undefined) {
      where.push('d.outlet = ?');
      params.push(query.outlet);
    }
    // ISO dates compare as text; `to` takes the whole day (or month) it names.
    if (query.from !== undefined) {
      where.push('d.published >= ?');
      params.push(query.from);
    }
    if (query.to !== undefined) {
      where.push('d.published < ?');
      params.push(`${query.to}\uffff`);
    }
    const from = match !== null ? `search s JOIN ${INFO_FROM.replace(/^documents d\b/, 'documents d ON d.seq = s.rowid')}` : INFO_FROM;
    const key = `${match !== null}|${where.join('&')}`;
    let q = this.searchQueries.get(key);
    if (!q) {
      const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
      q = {
        page: this.db.prepare(`SELECT ${INFO_COLUMNS} FROM ${from}${filter} ORDER BY ${match !== null ? 's.rank, ' : ''}d.seq LIMIT ? OFFSET ?`),
        // The count needs no duplicate-of join.
        total: this.db.prepare(`SELECT count(*) AS n FROM ${match !== null ? 'search s JOIN documents d ON d.seq = s.rowid' : 'documents d'}${filter}`),
      };
      this.searchQueries.set(key, q);
    }
    try {
      const total = q.total.get(...params)?.n ?? 0;
      const documents = q.page.all(...params, query.limit ?? -1, query.offset ?? 0).map(toInfo);
      return { total, documents };
    } catch (error) {
      // A store made by an older Mimeo opened read-only has no search table yet.
      if (/no such table: search/.test((error as Error).message)) throw new UserError(`${this.location}: no search index yet (made by an older Mimeo): run mimeo scan or mimeo serve on it once to build it`);
      throw error;
    }
  }

  publishedRange(): { from: string | null; to: string | null } {
    return this.s.publishedRange.get() ?? { from: null, to: null };
  }

  outlets(): Array<{ outlet: string; documents: number }> {
    return this.s.outlets.all();
  }

  counts(): StoreCounts {
    const docs = this.s.documentCounts.get() ?? { documents: 0, duplicates: 0, indexed: 0, aligned: 0 };
    const linksByKind: Record<PassageKind, number> = { verbatim: 0, edited: 0, paraphrase: 0 };
    let links = 0;
    for (const { kind, n } of this.s.linkCounts.all()) {
      if (kind in linksByKind) linksByKind[kind as PassageKind] = n;
      links += n;
    }
    return { ...docs, links, linksByKind };
  }

  putFeatures(items: FeatureItem[]): void {
    this.putFeaturesTx.immediate(items);
  }

  /** Pages by seq rather than holding one cursor open, so callers may write to the store while iterating. */
  *allFeatures(): Generator<FeatureRecord> {
    let after = 0;
    for (;;) {
      const rows = this.s.featurePage.all(after, FEATURE_PAGE);
      yield* rows;
      if (rows.length < FEATURE_PAGE) return;
      after = rows[rows.length - 1].seq;
    }
  }

  pendingIndex(): string[] {
    return this.s.pendingIndex.all();
  }

  pendingAlign(): string[] {
    return this.s.pendingAlign.all();
  }

  putAlignment(id: string, links: LinkRecord[]): void {
    this.putAlignmentTx.immediate(id, links);
  }

  links(filter: LinkFilter = {}): LinkRecord[] {
    const where = this.linkWhere(filter);
    if (!where) return [];
    const rows = this.linkQuery(where.sql, 'page').all(...where.params, filter.limit ?? -1, filter.offset ?? 0);
    const withPassages = filter.passages ?? true;
    return rows.map((row) => ({
      a: row.a,
      b: row.b,
      kind: row.kind as PassageKind,
      coverageA: row.coverage_a,
      coverageB: row.coverage_b,
      score: row.score,
      duplicate: row.duplicate === 1,
      passages: withPassages ? this.s.passagesOf.all(row.id).map(toPassage) : [],
      textDirection: row.direction === null ? null : (JSON.parse(row.direction) as DirectionCall),
    }));
  }

  countLinks(filter: LinkFilter = {}): number {
    const where = this.linkWhere(filter);
    return where ? (this.linkQuery(where.sql, 'count').get(...where.params) as unknown as { n: number }).n : 0;
  }

  /** The WHERE conditions of a link filter; null when it names a document that is not stored. */
  private linkWhere(filter: LinkFilter): { sql: string[]; params: (string | number)[] } | null {
    const sql: string[] = [];
    const params: (string | number)[] = [];
    if (filter.doc !== undefined) {
      const doc = this.s.seqOf.get(filter.doc);
      if (!doc) return null;
      sql.push('(l.a_seq = ? OR l.b_seq = ?)');
      params.push(doc.seq, doc.seq);
    }
    if (filter.kind !== undefined) {
      sql.push('l.kind = ?');
      params.push(filter.kind);
    }
    if (filter.minCoverage !== undefined) {
      sql.push('max(l.coverage_a, l.coverage_b) >= ?');
      params.push(filter.minCoverage);
    }
    return { sql, params };
  }

  /** One cached statement per combination of filters. */
  private linkQuery(where: string[], shape: 'page' | 'count'): Statement<(string | number)[], LinkRow> {
    const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
    const sql =
      shape === 'count'
        ? `SELECT count(*) AS n FROM links l${filter}`
        : 'SELECT l.id, da.id AS a, db.id AS b, l.kind, l.coverage_a, l.coverage_b, l.score, l.duplicate, l.direction FROM links l ' +
          'JOIN documents da ON da.seq = l.a_seq JOIN documents db ON db.seq = l.b_seq' +
          filter +
          ' ORDER BY l.score DESC, l.a_seq, l.b_seq LIMIT ? OFFSET ?';
    let statement = this.linkQueries.get(sql);
    if (!statement) {
      statement = this.db.prepare<(string | number)[], LinkRow>(sql);
      this.linkQueries.set(sql, statement);
    }
    return statement;
  }

  quotes(filter: QuoteFilter = {}): StoredQuote[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.doc !== undefined) {
      const doc = this.s.seqOf.get(filter.doc);
      if (!doc) return [];
      where.push('q.seq = ?');
      params.push(doc.seq);
    }
    if (filter.speaker !== undefined) {
      where.push('q.speaker = ? COLLATE NOCASE');
      params.push(filter.speaker);
    }
    const sql =
      'SELECT q.*, d.id AS doc FROM quotes q JOIN documents d ON d.seq = q.seq' +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      ' ORDER BY q.seq, q.ord';
    let statement = this.quoteQueries.get(sql);
    if (!statement) {
      statement = this.db.prepare<(string | number)[], QuoteRow & { doc: string }>(sql);
      this.quoteQueries.set(sql, statement);
    }
    return statement.all(...params).map(toStoredQuote);
  }

  getState(key: string): string | undefined {
    return this.s.getState.get(key);
  }

  setState(key: string, value: string): void {
    this.s.setState.run(key, value);
  }

  close(): void {
    if (!this.db.open) return;
    try {
      if (!this.db.readonly) {
        this.db.pragma('optimize');
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      }
    } catch {
      // Best effort: another process may be reading; the WAL is checkpointed later either way.
    } finally {
      this.db.close();
    }
  }
}

/**
 * A user's search words as an FTS5 query: every word must occur (AND); quotes make each word a
 * literal so FTS5 operators and column filters in the input mean nothing; "word*" keeps a prefix.
 * Null when nothing searchable is left.
 */
export function ftsQuery(input: string): string | null {
  const terms = searchWords(input).map((w) => {
    const prefix = w.endsWith('*');
    const word = (prefix ? w.slice(0, -1) : w).replace(/"/g, '');
    return `"${word}"${prefix ? '*' : ''}`;
  });
  return terms.length > 0 ? terms.join(' ') : null;
}
