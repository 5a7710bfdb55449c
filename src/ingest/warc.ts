import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { LimitReader, WARCParser, type WARCRecord } from 'warcio';
import { formatBytes, reasonOf } from './files.js';
import { charsetOf, decodeHtml, extractHtml, type ExtractedHtml } from './html.js';
import type { IngestItem } from './types.js';
import type { InputFile } from './walk.js';

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\b/i;

/**
 * Reads HTML pages out of a WARC file (plain or per-record gzip; warcio detects which).
 * Only successful HTML responses (and HTML resource records) become documents; the rest is
 * skipped quietly. Damage stops the file: records read before it are kept, then one problem.
 */
export async function* readWarc(file: InputFile, maxBytes: number): AsyncGenerator<IngestItem> {
  const size = (await stat(file.path)).size;
  if (size === 0) {
    yield { type: 'problem', problem: { file: file.path, reason: 'empty file' } };
    return;
  }
  const stream = createReadStream(file.path);
  const parser = new WARCParser(stream);
  let offset = 0;
  let count = 0;
  let gzipped = false;
  // warcio reads on as plain bytes after a bad gzip member, so its offsets stop being file
  // offsets; where the last good member ended is where the damage starts.
  const gzipFallback = (): boolean => gzipped && parser._reader.compressed === null;
  try {
    for await (const record of parser) {
      offset = parser.offset;
      if (!(record.warcHeaders.protocol ?? '').startsWith('WARC/')) {
        yield damaged(file, gzipFallback() ? parser._reader._rawOffset : offset, count === 0 ? 'not a WARC file' : 'corrupt record');
        return;
      }
      if (count === 0) gzipped = parser._reader.compressed !== null;
      count++;
      const item = await recordItem(record, file, offset, maxBytes);
      if (item === 'truncated') {
        yield damaged(file, offset, 'truncated record');
        return;
      }
      if (item) yield item;
    }
    // A gzip member cut short ends the parse quietly; unread bytes left over give it away.
    if (gzipFallback()) yield damaged(file, parser._reader._rawOffset, 'corrupt gzip data');
    else if (parser._reader.getRawOffset() < size) yield damaged(file, parser._reader.getRawOffset(), 'truncated or corrupt data');
  } catch (error) {
    yield damaged(file, offset, `unreadable WARC data (${reasonOf(error, file.path)})`);
  } finally {
    stream.destroy();
  }
}

function damaged(file: InputFile, offset: number, reason: string): IngestItem {
  return { type: 'problem', problem: { file: file.path, record: offset, reason } };
}

async function recordItem(
  record: WARCRecord,
  file: InputFile,
  offset: number,
  maxBytes: number,
): Promise<IngestItem | 'truncated' | null> {
  const type = record.warcType;
  let contentType: string | null;
  if (type === 'response') {
    const http = record.httpHeaders;
    if (!http) return null;
    const status = Number(http.statusCode);
    // Redirects, errors and "not modified" bodies are not articles.
    if (!(status >= 200 && status < 300)) return null;
    contentType = http.headers.get('content-type') ?? null;
  } else if (type === 'resource') {
    contentType = record.warcContentType ?? null;
  } else {
    return null;
  }
  if (!contentType || !HTML_TYPE.test(contentType)) return null;

  const uri = record.warcTargetURI ?? null;
  const where = { file: file.path, record: offset };
  if (record.warcContentLength > maxBytes) {
    return { type: 'problem', problem: { ...where, reason: `too large (${formatBytes(record.warcContentLength)}, limit ${formatBytes(maxBytes)})` } };
  }
  await record.readFully(false);
  // The record's reader counts down to zero; anything left means the file ended inside the record.
  if (record._reader instanceof LimitReader && record._reader.limit > 0) return 'truncated';
  // Content view: transfer and content encodings (chunked, gzip) undone.
  let payload: Uint8Array;
  try {
    payload = await record.readFully(true);
  } catch {
    return { type: 'problem', problem: { ...where, reason: 'undecodable HTTP content encoding' } };
  }
  let extracted: ExtractedHtml;
  try {
    const html = decodeHtml(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), file.path, charsetOf(contentType));
    extracted = extractHtml(html, uri ?? undefined);
  } catch (error) {
    // One bad page must not end the file: the records after it are still readable.
    return { type: 'problem', problem: { ...where, reason: reasonOf(error, file.path) } };
  }
  const { text, meta } = extracted;
  if (!text.trim()) return { type: 'problem', problem: { ...where, reason: 'no article text' } };
  return {
    type: 'document',
    document: {
      id: uri ?? `${file.rel}@${offset}`,
      text,
      // The address it was fetched from is the one the crawl vouches for.
      meta: uri ? { ...meta, url: uri } : meta,
      origin: `${file.path}@${offset}`,
      format: 'warc',
    },
  };
}
