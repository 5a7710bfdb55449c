/**
 * API latency under load: `mimeo serve` on a corpus database, 50 concurrent connections from
 * autocannon (in this process, on the other core), reading random documents and their links.
 *   npm run bench:api -- DB [--seconds 20] [--connections 50]
 */
import autocannon from 'autocannon';
import { openStore } from '../src/store/index.js';
import { benchArgs } from './args.js';
import { serveChild } from './serve-child.js';

const { path: db, option } = benchArgs('bench/api.ts DB [--seconds N] [--connections N]');
const seconds = Number(option('--seconds') ?? 20);
const connections = Number(option('--connections') ?? 50);

// Random documents, and documents that have links (their pages carry the most work).
const store = openStore(db, { readonly: true });
const total = store.counts().documents;
const ids: string[] = [];
for (let i = 0; i < 2000; i++) ids.push(store.listDocuments({ limit: 1, offset: Math.floor(Math.random() * total) })[0].id);
const linked = store.links({ limit: 2000 }).map((l) => l.a);
store.close();
const pick = (list: string[]) => list[Math.floor(Math.random() * list.length)];

const server = await serveChild(db);
console.log(`${db}: ${total} documents; server at ${server.url}; ${connections} connections, ${seconds} s per endpoint`);

const endpoints: Array<[string, () => string]> = [
  ['GET /api/documents/{id} (random)', () => `/api/documents/${encodeURIComponent(pick(ids))}`],
  ['GET /api/documents/{id} (linked)', () => `/api/documents/${encodeURIComponent(pick(linked))}`],
  ['GET /api/links?doc={id}', () => `/api/links?doc=${encodeURIComponent(pick(linked))}&passages=1`],
  ['GET /api/documents/{id}/sources', () => `/api/documents/${encodeURIComponent(pick(linked))}/sources`],
];

try {
  for (const [name, path] of endpoints) {
    const result = await autocannon({
      url: server.url,
      connections,
      duration: seconds,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: path() }) }],
    });
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(
      `${name.padEnd(34)} p50 ${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(4)} ms  ` +
        `${Math.round(result.requests.average)} req/s  ${result.requests.total} requests  ${errors} errors`,
    );
  }
} finally {
  server.stop();
}
