// Shared fixtures for the ingest tests. Every article text here is invented for the tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ingest } from '../src/ingest/index.js';
import type { IngestedDocument, IngestOptions, IngestProblem } from '../src/ingest/index.js';

export async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mimeo-ingest-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Collected {
  docs: IngestedDocument[];
  problems: IngestProblem[];
  /** Every item in order, as 'doc:<id>' / 'problem:<file>' for order checks. */
  order: string[];
}

export async function collect(inputs: string[], options?: IngestOptions): Promise<Collected> {
  const out: Collected = { docs: [], problems: [], order: [] };
  for await (const item of ingest(inputs, options)) {
    if (item.type === 'document') {
      out.docs.push(item.document);
      out.order.push(`doc:${item.document.id}`);
    } else {
      out.problems.push(item.problem);
      out.order.push(`problem:${item.problem.file}`);
    }
  }
  return out;
}

export function byId(docs: IngestedDocument[], id: string): IngestedDocument {
  const doc = docs.find((d) => d.id === id);
  if (!doc) throw new Error(`no document ${id}; have ${docs.map((d) => d.id).join(', ')}`);
  return doc;
}

/** A small article page with page furniture, scripts and metadata around the story. */
export function articlePage(opts: { title: string; paragraphs: string[]; jsonLd?: string; head?: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${opts.title} | Example Tribune</title>
${opts.head ?? ''}
${opts.jsonLd ? `<script type="application/ld+json">${opts.jsonLd}</script>` : ''}
<style>body { font-family: STYLE_LEAK; }</style>
<script>var analytics = "SCRIPT_LEAK";</script>
</head>
<body>
<nav class="site-nav"><a href="/">Home</a> <a href="/local">Local</a> <a href="/opinion">Opinion</a></nav>
<div class="advertisement">Subscribe now for one crown a week</div>
<article>
<h1>${opts.title}</h1>
${opts.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<script>trackScroll("INLINE_SCRIPT_LEAK");</script>
<noscript>NOSCRIPT_LEAK</noscript>
</article>
<footer><p>Copyright Example Tribune</p></footer>
</body>
</html>`;
}

/** One WARC response record, written by hand (Content-Length counted in bytes). */
export function warcResponse(uri: string, html: string | Buffer, opts: { contentType?: string; status?: string; date?: string } = {}): Buffer {
  const body = typeof html === 'string' ? Buffer.from(html, 'utf8') : html;
  const httpHead = `HTTP/1.1 ${opts.status ?? '200 OK'}\r\nContent-Type: ${opts.contentType ?? 'text/html; charset=utf-8'}\r\nContent-Length: ${body.length}\r\n\r\n`;
  const block = Buffer.concat([Buffer.from(httpHead, 'latin1'), body]);
  const head =
    'WARC/1.0\r\n' +
    'WARC-Type: response\r\n' +
    `WARC-Target-URI: ${uri}\r\n` +
    `WARC-Date: ${opts.date ?? '2024-06-01T12:00:00Z'}\r\n` +
    'WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n' +
    'Content-Type: application/http; msgtype=response\r\n' +
    `Content-Length: ${block.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), block, Buffer.from('\r\n\r\n')]);
}

/** A warcinfo record: not a page, must be skipped quietly. */
export function warcInfo(): Buffer {
  const block = Buffer.from('software: mimeo-tests\r\nformat: WARC File Format 1.0\r\n');
  const head = `WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-06-01T12:00:00Z\r\nContent-Type: application/warc-fields\r\nContent-Length: ${block.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), block, Buffer.from('\r\n\r\n')]);
}

/** A .warc.gz: each record its own gzip member, as crawlers write them. */
export function gzipMembers(records: Buffer[]): Buffer {
  return Buffer.concat(records.map((r) => gzipSync(r)));
}

export function simplePage(title: string, body: string): string {
  return `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${body}</p></article></body></html>`;
}
