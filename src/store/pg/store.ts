import type pg from 'pg';
import type { Passage, PassageKind } from '../../align/types.js';
import type { DirectionCall } from '../../provenance/types.js';
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
  type ExistingRow as BaseExistingRow,
  type HashRow,
  type LinkParams,
  type LinkRow,
  type InfoRow,
  type PassageRow,
  type QuoteRow,
} from '../rows.js';
import { foldAccents, searchWords } from '../search-words.js';
import type {
  AsyncStore,
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
  StoreCounts,
  StoredDocument,
  StoredQuote,
} from '../types.js';
import { createPool, pgError, redactUrl, type PgOptions } from './connect.js';
import { copyRows, type CopyValue } from './copy.js';
import { checkReadable, migratePg } from './schema.js';

type Db = pg.Pool | pg.PoolClient;

/** Rows per page when streaming features. */
export const FEATURE_PAGE = 2000;

/** Serializes document writes: seqs follow call order and the exact-duplicate rule needs one writer at a time. */
const DOCUMENT_WRITE_LOCK = 0x4d494d01;

const META_KEYS = ['title', 'url', 'outlet', 'published', 'author', 'language', 'origin', 'format'] as const;

/** What the search vector is made of (English stemming, by the server): title and text, accents folded. */
function searchText(title: string | null, text: string): string {
  return foldAccents(`${title ?? ''} ${text}`);
}

interface ExistingRow extends BaseExistingRow {
  id: string;
}

/** LinkRow keyed by (b_seq, a_seq) instead of a surrogate id. */
type PgLinkRow = Omit<LinkRow, 'id'> & { a_seq: number; b_seq: number };

/**
 * Store on a PostgreSQL database: the same behaviour as SqliteStore (see there for the
 * exact-duplicate rule), with bulk loads through COPY and batched look-ups. Every write method is
 * one transaction. Safe to use from many processes at once: document writes take an advisory lock,
 * the rest touch only the rows of the documents they are given.
 */
export class PgStore implements AsyncStore {
  readonly location: string;

  private constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
  ) {
    this.location = redactUrl(url);
  }

  /** Connects and, unless read-only, creates or migrates the schema. */
  static async open(url: string, options: PgOptions = {}): Promise<PgStore> {
    const pool = createPool(url, options);
    const store = new PgStore(url, pool);
    try {
      const client = await pool.connect();
      try {
        if (options.readonly) await checkReadable(client, store.location);
        else await migratePg(client, store.location);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => {});
      throw pgError(url, error);
    }
    return store;
  }

  /** The pool, for the distributed scan's own tables (src/distributed). */
  get db(): pg.Pool {
    return this.pool;
  }

  /** Runs fn in one transaction on one connection; user-fixable server errors become UserErrors. */
  async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw pgError(this.url, error);
    }
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw pgError(this.url, error);
    } finally {
      client.release();
    }
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], db: Db = this.pool): Promise<R[]> {
    try {
      return (await db.query<R>(sql, params)).rows;
    } catch (error) {
      throw pgError(this.url, error);
    }
  }

  // ---- documents

  async putDocuments(docs: NewDocument[]): Promise<PutOutcome[]> {
    if (docs.length === 0) return [];
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [DOCUMENT_WRITE_LOCK]);
      const added = new Date().toISOString();
      const ids = [...new Set(docs.map((d) => d.id))];
      const existing = new Map<string, ExistingRow>();
      for (const row of await this.query<ExistingRow>(
        'SELECT seq, id, hash, duplicate_of_seq, title, url, outlet, published, author, language, origin, format FROM documents WHERE id = ANY($1)',
        [ids],
        client,
      )) {
        existing.set(row.id, row);
      }
      // Originals of the hashes in this batch (lowest seq), updated as the batch is applied in order.
      const originals = new Map<string, { seq: number; chars: number }>();
      for (const row of await this.query<{ hash: string; seq: number; chars: number }>(
        'SELECT DISTINCT ON (hash) hash, seq, chars FROM documents WHERE hash = ANY($1) ORDER BY hash, seq',
        [[...new Set(docs.map((d) => d.hash))]],
        client,
      )) {
        originals.set(row.hash, row);
      }
      // New ids are loaded with COPY; replacements, meta updates and repeated ids go one by one, in order.
      const fresh: { doc: NewDocument; seq: number; duplicateOf: { seq: number; chars: number } | undefined }[] = [];
      const outcomes: PutOutcome[] = [];
      const newIds = new Set<string>();
      let seqs: number[] = [];
      const wanted = new Set(docs.filter((d) => !existing.has(d.id)).map((d) => d.id)).size;
      if (wanted > 0) {
        seqs = (
          await this.query<{ seq: number }>("SELECT nextval(pg_get_serial_sequence('documents', 'seq')) AS seq FROM generate_series(1, $1)", [wanted], client)
        )
          .map((r) => r.seq)
          .sort((x, y) => x - y);
      }
      let nextSeq = 0;
      for (const doc of docs) {
        const seen = existing.get(doc.id);
        if (seen === undefined && !newIds.has(doc.id)) {
          const seq = seqs[nextSeq++];
          const original = originals.get(doc.hash);
          fresh.push({ doc, seq, duplicateOf: original });
          if (!original) originals.set(doc.hash, { seq, chars: doc.text.length });
          newIds.add(doc.id);
          existing.set(doc.id, { ...metaColumns(doc), seq, id: doc.id, hash: doc.hash, duplicate_of_seq: original?.seq ?? null });
          outcomes.push(original ? 'duplicate' : 'added');
          continue;
        }
        // Rare: an id met again. Flush the loads first so the one-by-one path sees them.
        await this.loadFresh(client, fresh, added);
        fresh.length = 0;
        const row = (await this.query<ExistingRow>(
          'SELECT seq, id, hash, duplicate_of_seq, title, url, outlet, published, author, language, origin, format FROM documents WHERE id = $1',
          [doc.id],
          client,
        ))[0];
        outcomes.push(await this.putExisting(client, doc, row, added));
        originals.clear();
        for (const r of await this.query<{ hash: string; seq: number; chars: number }>(
          'SELECT DISTINCT ON (hash) hash, seq, chars FROM documents WHERE hash = ANY($1) ORDER BY hash, seq',
          [[...new Set(docs.map((d) => d.hash))]],
          client,
        )) {
          originals.set(r.hash, r);
        }
      }
      await this.loadFresh(client, fresh, added);
      return outcomes;
    });
  }

  /** New documents in one COPY each for documents and texts, then their exact-duplicate links. */
  private async loadFresh(
    client: pg.PoolClient,
    fresh: { doc: NewDocument; seq: number; duplicateOf: { seq: number; chars: number } | undefined }[],
    added: string,
  ): Promise<void> {
    if (fresh.length === 0) return;
    const docRows: CopyValue[][] = fresh.map(({ doc, seq, duplicateOf }) => {
      const m = metaColumns(doc);
      const dup = duplicateOf ? 1 : 0;
      return [seq, doc.id, m.title, m.url, m.outlet, m.published, m.author, m.language, m.origin, m.format, doc.hash, doc.text.length, duplicateOf?.seq ?? null, dup, dup, added];
    });
    await copyRows(
      client,
      'documents',
      ['seq', 'id', 'title', 'url', 'outlet', 'published', 'author', 'language', 'origin', 'format', 'hash', 'chars', 'duplicate_of_seq', 'indexed', 'aligned', 'added'],
      docRows,
    );
    // Texts go through unnest so the server computes the search vectors in the same statement.
    await client.query(
      `INSERT INTO texts (seq, text, search) SELECT s, t, to_tsvector('english', f) FROM unnest($1::bigint[], $2::text[], $3::text[]) AS x(s, t, f)`,
      [fresh.map((f) => f.seq), fresh.map((f) => f.doc.text), fresh.map((f) => searchText(f.doc.meta.title ?? null, f.doc.text))],
    );
    for (const f of fresh) {
      if (f.duplicateOf) await this.insertDuplicateLink(client, f.duplicateOf.seq, f.duplicateOf.chars, f.seq, f.doc.text.length);
    }
  }

  /** An id already stored: unchanged (meta maybe updated) or replaced, as SqliteStore.putOne. */
  private async putExisting(client: pg.PoolClient, doc: NewDocument, old: ExistingRow, added: string): Promise<PutOutcome> {
    const meta = metaColumns(doc);
    if (old.hash === doc.hash) {
      if (!sameMeta(old, meta)) {
        await client.query(
          `UPDATE documents SET ${META_KEYS.map((k, i) => `${k} = $${i + 2}`).join(', ')} WHERE seq = $1`,
          [old.seq, ...META_KEYS.map((k) => meta[k])],
        );
        if (old.title !== meta.title) {
          const [{ text }] = await this.query<{ text: string }>('SELECT text FROM texts WHERE seq = $1', [old.seq], client);
          await client.query("UPDATE texts SET search = to_tsvector('english', $2) WHERE seq = $1", [old.seq, searchText(meta.title, text)]);
        }
      }
      return 'unchanged';
    }
    await this.deleteDerived(client, old.seq);
    await client.query(
      `UPDATE documents SET ${META_KEYS.map((k, i) => `${k} = $${i + 2}`).join(', ')}, hash = $10, chars = $11, duplicate_of_seq = NULL, ` +
        'indexed = 0, aligned = 0, added = $12 WHERE seq = $1',
      [old.seq, ...META_KEYS.map((k) => meta[k]), doc.hash, doc.text.length, added],
    );
    await client.query("UPDATE texts SET text = $1, search = to_tsvector('english', $2) WHERE seq = $3", [doc.text, searchText(meta.title, doc.text), old.seq]);
    await this.settleHash(client, old.hash);
    await this.settleHash(client, doc.hash);
    return 'replaced';
  }

  /** Features, quotes and links of a document whose text no longer holds. */
  private async deleteDerived(client: pg.PoolClient, seq: number): Promise<void> {
    await client.query('DELETE FROM features WHERE seq = $1', [seq]);
    await client.query('DELETE FROM quotes WHERE seq = $1', [seq]);
    await client.query('DELETE FROM links WHERE a_seq = $1 OR b_seq = $1', [seq]);
  }

  /** Makes the lowest seq with this hash the original and every other one its duplicate. */
  private async settleHash(client: pg.PoolClient, hash: string): Promise<void> {
    const [original, ...others] = await this.query<HashRow>(
      'SELECT seq, chars, duplicate_of_seq FROM documents WHERE hash = $1 ORDER BY seq',
      [hash],
      client,
    );
    if (!original) return;
    if (original.duplicate_of_seq !== null) {
      await client.query('DELETE FROM links WHERE b_seq = $1 AND duplicate = 1', [original.seq]);
      await client.query('UPDATE documents SET duplicate_of_seq = NULL, indexed = 0, aligned = 0 WHERE seq = $1', [original.seq]);
    }
    for (const row of others) {
      if (row.duplicate_of_seq === original.seq) continue;
      if (row.duplicate_of_seq !== null) await client.query('DELETE FROM links WHERE b_seq = $1 AND duplicate = 1', [row.seq]);
      else await this.deleteDerived(client, row.seq);
      await client.query('UPDATE documents SET duplicate_of_seq = $1, indexed = 1, aligned = 1 WHERE seq = $2', [original.seq, row.seq]);
      await this.insertDuplicateLink(client, original.seq, original.chars, row.seq, row.chars);
    }
  }

  private async insertDuplicateLink(client: pg.PoolClient, aSeq: number, aChars: number, bSeq: number, bChars: number): Promise<void> {
    const { link, passage } = duplicateLink(aChars, bChars);
    await this.writeLink(client, { ...link, a: aSeq, b: bSeq }, [passage]);
  }

  private async writeLink(client: pg.PoolClient, link: LinkParams, passages: Passage[]): Promise<void> {
    // An exact-duplicate link is authoritative: an aligner's link for the same pair does not overwrite it.
    const kept = await client.query(
      'INSERT INTO links (a_seq, b_seq, kind, coverage_a, coverage_b, score, duplicate, direction) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ' +
        'ON CONFLICT (b_seq, a_seq) DO UPDATE SET kind = excluded.kind, coverage_a = excluded.coverage_a, coverage_b = excluded.coverage_b, ' +
        'score = excluded.score, duplicate = excluded.duplicate, direction = excluded.direction ' +
        'WHERE links.duplicate = 0 OR excluded.duplicate = 1 RETURNING b_seq',
      [link.a, link.b, link.kind, link.coverageA, link.coverageB, link.score, link.duplicate, link.direction],
    );
    if (kept.rowCount === 0) return;
    await client.query('DELETE FROM passages WHERE b_seq = $1 AND a_seq = $2', [link.b, link.a]);
    if (passages.length === 0) return;
    await client.query(
      'INSERT INTO passages (b_seq, a_seq, ord, a_start, a_end, b_start, b_end, kind, score, evidence) ' +
        'SELECT $1, $2, o, as_, ae, bs, be, k, s, e FROM unnest($3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::text[], $9::float8[], $10::text[]) ' +
        'AS x(o, as_, ae, bs, be, k, s, e)',
      [
        link.b,
        link.a,
        passages.map((_, i) => i),
        passages.map((p) => p.a[0]),
        passages.map((p) => p.a[1]),
        passages.map((p) => p.b[0]),
        passages.map((p) => p.b[1]),
        passages.map((p) => p.kind),
        passages.map((p) => p.score),
        passages.map((p) => JSON.stringify(p.evidence)),
      ],
    );
  }

  async getDocument(id: string): Promise<StoredDocument | undefined> {
    const rows = await this.query<DocumentRow>(`SELECT ${INFO_COLUMNS}, t.text FROM ${INFO_FROM} JOIN texts t ON t.seq = d.seq WHERE d.id = $1`, [id]);
    return rows[0] && toStored(rows[0]);
  }

  async getDocumentBySeq(seq: number): Promise<StoredDocument | undefined> {
    return (await this.getDocumentsBySeq([seq]))[0];
  }

  /** Batched look-up: the documents with these seqs, in the order given (missing ones left out). */
  async getDocumentsBySeq(seqs: number[]): Promise<StoredDocument[]> {
    if (seqs.length === 0) return [];
    const rows = await this.query<DocumentRow>(`SELECT ${INFO_COLUMNS}, t.text FROM ${INFO_FROM} JOIN texts t ON t.seq = d.seq WHERE d.seq = ANY($1)`, [seqs]);
    const bySeq = new Map(rows.map((r) => [r.seq, toStored(r)]));
    return seqs.flatMap((s) => bySeq.get(s) ?? []);
  }

  async getDocumentInfo(id: string): Promise<DocumentInfo | undefined> {
    const rows = await this.query<InfoRow>(`SELECT ${INFO_COLUMNS} FROM ${INFO_FROM} WHERE d.id = $1`, [id]);
    return rows[0] && toInfo(rows[0]);
  }

  async listDocuments(filter: DocumentFilter = {}): Promise<DocumentInfo[]> {
    const params: unknown[] = [filter.limit ?? null, filter.offset ?? 0];
    let where = '';
    if (filter.outlet !== undefined) {
      params.push(filter.outlet);
      where = ' WHERE d.outlet = $3';
    }
    const rows = await this.query<InfoRow>(`SELECT ${INFO_COLUMNS} FROM ${INFO_FROM}${where} ORDER BY d.seq LIMIT $1 OFFSET $2`, params);
    return rows.map(toInfo);
  }

  async searchDocuments(query: DocumentQuery): Promise<DocumentPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const tsquery = query.text === undefined ? null : tsQuery(query.text);
    if (query.text !== undefined && tsquery === null) return { total: 0, documents: [] };
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (tsquery !== null) where.push(`t.search @@ to_tsquery('english', ${param(tsquery)})`);
    if (query.outlet !== undefined) where.push(`d.outlet = ${param(query.outlet)}`);
    // ISO dates compare as text; `to` takes the whole day (or month) it names.
    if (query.from !== undefined) where.push(`d.published >= ${param(query.from)}`);
    if (query.to !== undefined) where.push(`d.published < ${param(`${query.to}\uffff`)}`);
    const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
    const from = tsquery !== null ? `${INFO_FROM} JOIN texts t ON t.seq = d.seq` : INFO_FROM;
    const order = tsquery !== null ? `ts_rank(t.search, to_tsquery('english', $1)) DESC, d.seq` : 'd.seq';
    const total = (await this.query<{ n: number }>(`SELECT count(*) AS n FROM ${from}${filter}`, params))[0].n;
    const rows = await this.query<InfoRow>(
      `SELECT ${INFO_COLUMNS} FROM ${from}${filter} ORDER BY ${order} LIMIT ${param(query.limit ?? null)} OFFSET ${param(query.offset ?? 0)}`,
      params,
    );
    return { total, documents: rows.map(toInfo) };
  }

  async outlets(): Promise<Array<{ outlet: string; documents: number }>> {
    return this.query(
      'SELECT outlet, count(*) AS documents FROM documents WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY documents DESC, outlet',
    );
  }

  async publishedRange(): Promise<{ from: string | null; to: string | null }> {
    const rows = await this.query<{ from: string | null; to: string | null }>(
      'SELECT (SELECT min(published) FROM documents) AS "from", (SELECT max(published) FROM documents) AS "to"',
    );
    return rows[0] ?? { from: null, to: null };
  }

  async counts(): Promise<StoreCounts> {
    const [docs] = await this.query<{ documents: number; duplicates: number; indexed: number; aligned: number }>(
      'SELECT count(*) AS documents, count(duplicate_of_seq) AS duplicates, ' +
        'count(*) FILTER (WHERE indexed = 1 AND duplicate_of_seq IS NULL) AS indexed, ' +
        'count(*) FILTER (WHERE aligned = 1 AND duplicate_of_seq IS NULL) AS aligned FROM documents',
    );
    const linksByKind: Record<PassageKind, number> = { verbatim: 0, edited: 0, paraphrase: 0 };
    let links = 0;
    for (const { kind, n } of await this.query<{ kind: string; n: number }>('SELECT kind, count(*) AS n FROM links GROUP BY kind')) {
      if (kind in linksByKind) linksByKind[kind as PassageKind] = n;
      links += n;
    }
    return { ...docs, links, linksByKind };
  }

  // ---- features, quotes

  async putFeatures(items: FeatureItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.transaction(async (client) => {
      const rows = await this.query<{ id: string; seq: number; duplicate_of_seq: number | null }>(
        'SELECT id, seq, duplicate_of_seq FROM documents WHERE id = ANY($1)',
        [items.map((i) => i.id)],
        client,
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const seqs = items.map((item) => {
        const row = byId.get(item.id);
        if (!row) throw new Error(`unknown document id: ${item.id}`);
        if (row.duplicate_of_seq !== null) throw new Error(`document ${item.id} is an exact duplicate; it has no features`);
        return row.seq;
      });
      await client.query(
        'INSERT INTO features (seq, data) SELECT * FROM unnest($1::bigint[], $2::bytea[]) ON CONFLICT (seq) DO UPDATE SET data = excluded.data',
        [seqs, items.map((i) => Buffer.from(i.features.buffer, i.features.byteOffset, i.features.byteLength))],
      );
      const quoted = items.flatMap((item, k) => (item.quotes ? [{ seq: seqs[k], quotes: item.quotes }] : []));
      if (quoted.length > 0) {
        await client.query('DELETE FROM quotes WHERE seq = ANY($1)', [quoted.map((q) => q.seq)]);
        const rows: QuoteRow[] = quoted.flatMap(({ seq, quotes }) => quotes.map((q, ord) => quoteRow(seq, ord, q)));
        await copyRows(
          client,
          'quotes',
          ['seq', 'ord', 'start_offset', 'end_offset', 'text', 'speaker', 'speaker_start', 'speaker_end', 'cue_start', 'cue_end', 'detail'],
          rows.map((r) => [r.seq, r.ord, r.start_offset, r.end_offset, r.text, r.speaker, r.speaker_start, r.speaker_end, r.cue_start, r.cue_end, r.detail]),
        );
      }
      await client.query('UPDATE documents SET indexed = 1 WHERE seq = ANY($1) AND indexed = 0', [seqs]);
    });
  }

  /** One page of features after a seq, in seq order. */
  async featurePage(after: number, limit = FEATURE_PAGE): Promise<FeatureRecord[]> {
    const rows = await this.query<{ seq: number; id: string; data: Buffer }>(
      'SELECT f.seq, d.id, f.data FROM features f JOIN documents d ON d.seq = f.seq WHERE f.seq > $1 ORDER BY f.seq LIMIT $2',
      [after, limit],
    );
    // A copy of exactly its bytes: a view would drag the driver's shared buffer along when posted to another thread.
    return rows.map((r) => ({ seq: r.seq, id: r.id, features: new Uint8Array(r.data) }));
  }

  async *allFeatures(): AsyncGenerator<FeatureRecord> {
    let after = 0;
    for (;;) {
      const rows = await this.featurePage(after);
      yield* rows;
      if (rows.length < FEATURE_PAGE) return;
      after = rows[rows.length - 1].seq;
    }
  }

  async pendingIndex(): Promise<string[]> {
    return (await this.query<{ id: string }>('SELECT id FROM documents WHERE duplicate_of_seq IS NULL AND indexed = 0 ORDER BY seq')).map((r) => r.id);
  }

  async pendingAlign(): Promise<string[]> {
    return (await this.query<{ id: string }>('SELECT id FROM documents WHERE indexed = 1 AND aligned = 0 ORDER BY seq')).map((r) => r.id);
  }

  async quotes(filter: QuoteFilter = {}): Promise<StoredQuote[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.doc !== undefined) {
      params.push(filter.doc);
      where.push(`d.id = $${params.length}`);
    }
    if (filter.speaker !== undefined) {
      params.push(filter.speaker);
      where.push(`lower(q.speaker) = lower($${params.length})`);
    }
    const rows = await this.query<QuoteRow & { doc: string }>(
      'SELECT q.*, d.id AS doc FROM quotes q JOIN documents d ON d.seq = q.seq' +
        (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY q.seq, q.ord',
      params,
    );
    return rows.map(toStoredQuote);
  }

  // ---- links

  async putAlignment(id: string, links: LinkRecord[]): Promise<void> {
    await this.transaction(async (client) => {
      const ids = [id, ...links.flatMap((l) => [l.a, l.b])];
      const rows = await this.query<{ id: string; seq: number }>('SELECT id, seq FROM documents WHERE id = ANY($1)', [[...new Set(ids)]], client);
      const seqOf = new Map(rows.map((r) => [r.id, r.seq]));
      const require = (docId: string): number => {
        const seq = seqOf.get(docId);
        if (seq === undefined) throw new Error(`unknown document id: ${docId}`);
        return seq;
      };
      const self = require(id);
      for (const link of links) {
        if (link.passages.length === 0) continue;
        const a = require(link.a);
        const b = require(link.b);
        if (a === b) throw new Error(`link from document ${link.a} to itself`);
        const base = { kind: link.kind, score: link.score, duplicate: link.duplicate ? 1 : 0 };
        const call = link.textDirection ?? null;
        if (a < b) {
          await this.writeLink(client, { ...base, a, b, coverageA: link.coverageA, coverageB: link.coverageB, direction: call && JSON.stringify(call) }, link.passages);
        } else {
          const direction = call && JSON.stringify(swapDirection(call));
          await this.writeLink(client, { ...base, a: b, b: a, coverageA: link.coverageB, coverageB: link.coverageA, direction }, link.passages.map(swapPassage));
        }
      }
      await client.query('UPDATE documents SET aligned = 1 WHERE seq = $1', [self]);
    });
  }

  async links(filter: LinkFilter = {}): Promise<LinkRecord[]> {
    const where = await this.linkWhere(filter);
    if (!where) return [];
    const n = where.params.length;
    const rows = await this.query<PgLinkRow>(
      'SELECT l.a_seq, l.b_seq, da.id AS a, db.id AS b, l.kind, l.coverage_a, l.coverage_b, l.score, l.duplicate, l.direction FROM links l ' +
        'JOIN documents da ON da.seq = l.a_seq JOIN documents db ON db.seq = l.b_seq' +
        where.sql +
        ` ORDER BY l.score DESC, l.a_seq, l.b_seq LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...where.params, filter.limit ?? null, filter.offset ?? 0],
    );
    const passages = new Map<string, Passage[]>();
    if ((filter.passages ?? true) && rows.length > 0) {
      const found = await this.query<PassageRow & { a_seq: number; b_seq: number }>(
        'SELECT p.a_seq, p.b_seq, p.a_start, p.a_end, p.b_start, p.b_end, p.kind, p.score, p.evidence FROM passages p ' +
          'JOIN unnest($1::bigint[], $2::bigint[]) AS k(b, a) ON p.b_seq = k.b AND p.a_seq = k.a ORDER BY p.b_seq, p.a_seq, p.ord',
        [rows.map((r) => r.b_seq), rows.map((r) => r.a_seq)],
      );
      for (const p of found) {
        const key = `${p.a_seq}:${p.b_seq}`;
        let list = passages.get(key);
        if (!list) passages.set(key, (list = []));
        list.push(toPassage(p));
      }
    }
    return rows.map((row) => ({
      a: row.a,
      b: row.b,
      kind: row.kind as PassageKind,
      coverageA: row.coverage_a,
      coverageB: row.coverage_b,
      score: row.score,
      duplicate: row.duplicate === 1,
      passages: passages.get(`${row.a_seq}:${row.b_seq}`) ?? [],
      textDirection: row.direction === null ? null : (JSON.parse(row.direction) as DirectionCall),
    }));
  }

  async countLinks(filter: LinkFilter = {}): Promise<number> {
    const where = await this.linkWhere(filter);
    if (!where) return 0;
    return (await this.query<{ n: number }>(`SELECT count(*) AS n FROM links l${where.sql}`, where.params))[0].n;
  }

  /** The WHERE clause of a link filter; null when it names a document that is not stored. */
  private async linkWhere(filter: LinkFilter): Promise<{ sql: string; params: unknown[] } | null> {
    const sql: string[] = [];
    const params: unknown[] = [];
    if (filter.doc !== undefined) {
      const rows = await this.query<{ seq: number }>('SELECT seq FROM documents WHERE id = $1', [filter.doc]);
      if (rows.length === 0) return null;
      params.push(rows[0].seq);
      sql.push(`(l.a_seq = $${params.length} OR l.b_seq = $${params.length})`);
    }
    if (filter.kind !== undefined) {
      params.push(filter.kind);
      sql.push(`l.kind = $${params.length}`);
    }
    if (filter.minCoverage !== undefined) {
      params.push(filter.minCoverage);
      sql.push(`greatest(l.coverage_a, l.coverage_b) >= $${params.length}`);
    }
    return { sql: sql.length > 0 ? ` WHERE ${sql.join(' AND ')}` : '', params };
  }

  // ---- state

  async getState(key: string): Promise<string | undefined> {
    return (await this.query<{ value: string }>('SELECT value FROM state WHERE key = $1', [key]))[0]?.value;
  }

  async setState(key: string, value: string): Promise<void> {
    await this.query('INSERT INTO state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
  }
}

/**
 * A user's search words as a tsquery: every word must occur (&); each word is quoted so that
 * tsquery operators in the input mean nothing; "word*" keeps a prefix. Null when nothing is left.
 */
export function tsQuery(input: string): string | null {
  const terms = searchWords(foldAccents(input)).map((w) => {
    const prefix = w.endsWith('*');
    const word = (prefix ? w.slice(0, -1) : w).replace(/'/g, "''").replace(/\\/g, '');
    return `'${word}'${prefix ? ':*' : ''}`;
  });
  return terms.length > 0 ? terms.join(' & ') : null;
}

