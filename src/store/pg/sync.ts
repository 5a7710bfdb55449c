import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { UserError } from '../../cli/errors.js';
import { startWorker } from '../../util/worker.js';
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
} from '../types.js';
import { statementTimeoutMs, type PgOptions } from './connect.js';
import { FEATURE_PAGE } from './store.js';
import type { SyncReply } from './sync-worker.js';

/** How long a call may wait beyond the statement timeout before the store gives up on its thread. */
const GRACE_MS = 60_000;

/**
 * The synchronous Store interface over a PostgreSQL store, so that scan, add, the views, the report
 * and the server run on it unchanged. The asynchronous PgStore runs on its own thread; each call
 * posts a message and blocks on a shared flag until the answer is back (as better-sqlite3 blocks on
 * SQLite). A query costs one thread hop, about 0.1 ms on top of the server's time.
 */
export class SyncPgStore implements Store {
  readonly location: string;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly timeoutMs: number;
  private closed = false;

  constructor(url: string, options: PgOptions = {}) {
    this.timeoutMs = statementTimeoutMs(options) + (options.connectTimeout ?? 10_000) + GRACE_MS;
    this.worker = startWorker(import.meta.url, 'sync-worker', { url, options });
    this.worker.unref();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker.postMessage({ port: port2, flag: this.flag }, [port2]);
    try {
      this.location = this.call<string>('open', []);
    } catch (error) {
      void this.worker.terminate();
      throw error;
    }
  }

  private call<T>(method: string, args: unknown[]): T {
    if (this.closed) throw new Error(`${this.location}: store is closed`);
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ method, args });
    const deadline = Date.now() + this.timeoutMs;
    let message: { message: SyncReply } | undefined;
    while (!(message = receiveMessageOnPort(this.port) as { message: SyncReply } | undefined)) {
      if (Date.now() > deadline) throw new UserError(`PostgreSQL store: no answer to ${method} in ${Math.round(this.timeoutMs / 1000)} s`);
      Atomics.wait(this.flag, 0, 0, 1000);
    }
    const reply = message.message;
    if (reply.ok) return reply.value as T;
    throw reply.error.user ? new UserError(reply.error.message, reply.error.exitCode) : new Error(reply.error.message);
  }

  putDocuments(docs: NewDocument[]): PutOutcome[] {
    return this.call('putDocuments', [docs]);
  }
  getDocument(id: string): StoredDocument | undefined {
    return this.call('getDocument', [id]);
  }
  getDocumentBySeq(seq: number): StoredDocument | undefined {
    return this.call('getDocumentBySeq', [seq]);
  }
  getDocumentInfo(id: string): DocumentInfo | undefined {
    return this.call('getDocumentInfo', [id]);
  }
  listDocuments(filter?: DocumentFilter): DocumentInfo[] {
    return this.call('listDocuments', [filter]);
  }
  searchDocuments(query: DocumentQuery): DocumentPage {
    return this.call('searchDocuments', [query]);
  }
  outlets(): Array<{ outlet: string; documents: number }> {
    return this.call('outlets', []);
  }
  publishedRange(): { from: string | null; to: string | null } {
    return this.call('publishedRange', []);
  }
  counts(): StoreCounts {
    return this.call('counts', []);
  }
  putFeatures(items: FeatureItem[]): void {
    this.call('putFeatures', [items]);
  }
  *allFeatures(): Generator<FeatureRecord> {
    let after = 0;
    for (;;) {
      const rows = this.call<FeatureRecord[]>('featurePage', [after, FEATURE_PAGE]);
      yield* rows;
      if (rows.length < FEATURE_PAGE) return;
      after = rows[rows.length - 1].seq;
    }
  }
  pendingIndex(): string[] {
    return this.call('pendingIndex', []);
  }
  pendingAlign(): string[] {
    return this.call('pendingAlign', []);
  }
  quotes(filter?: QuoteFilter): StoredQuote[] {
    return this.call('quotes', [filter]);
  }
  putAlignment(id: string, links: LinkRecord[]): void {
    this.call('putAlignment', [id, links]);
  }
  links(filter?: LinkFilter): LinkRecord[] {
    return this.call('links', [filter]);
  }
  countLinks(filter?: LinkFilter): number {
    return this.call('countLinks', [filter]);
  }
  getState(key: string): string | undefined {
    return this.call('getState', [key]);
  }
  setState(key: string, value: string): void {
    this.call('setState', [key, value]);
  }
  close(): void {
    if (this.closed) return;
    try {
      this.call('close', []);
    } finally {
      this.closed = true;
      void this.worker.terminate();
    }
  }
}
