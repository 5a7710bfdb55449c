// POST /api/documents: an article as JSON (text or a web page's HTML) or an uploaded file, added
// through Corpus.add like `mimeo add`, answered with what it took from the corpus.
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { UserError } from '../cli/errors.js';
import { cleanDocument } from '../ingest/control-chars.js';
import { decodeBuffer } from '../ingest/decode.js';
import { decodeHtml, extractHtml } from '../ingest/html.js';
import { compactMeta, normalizeAuthor, normalizeDate, normalizeLanguage, clean } from '../ingest/meta.js';
import { parseMarkdown, parseTxt } from '../ingest/text.js';
import type { DocumentMeta, IngestFormat } from '../ingest/types.js';
import { documentMetaJson } from '../store/document-json.js';
import type { AddedJson } from './api-types.js';
import type { ServerContext } from './context.js';
import { relatedWithRoles } from './documents.js';
import { apiError } from './errors.js';
import { jsonBody } from './links.js';

const MAX_ARTICLE_CHARS = 2_000_000;
const MAX_FIELD = 2000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

interface Article {
  id: string | null;
  text: string;
  meta: DocumentMeta;
  format: IngestFormat;
}

/** A short metadata field of the request, or null; 400 when it is not a string. */
function field(body: Record<string, unknown>, name: string): string | null {
  const value = body[name];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw apiError(400, `${name}: expected a string`);
  if (value.length > MAX_FIELD) throw apiError(413, `${name}: longer than ${MAX_FIELD} characters`);
  return clean(value);
}

/** A long field (text, html): any length up to the article limit. */
function content(body: Record<string, unknown>, name: string): string | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw apiError(400, `${name}: expected a string`);
  if (value.length > MAX_ARTICLE_CHARS) throw apiError(413, `${name}: longer than ${MAX_ARTICLE_CHARS} characters`);
  return value;
}

/** The metadata given with the request, normalized as the ingesters do; it wins over what the text says. */
function givenMeta(body: Record<string, unknown>): DocumentMeta {
  const given = field(body, 'published');
  const published = normalizeDate(given);
  // Files keep a date they cannot read; a request can be told, and dates drive the direction calls.
  if (published !== null && !ISO_DATE.test(published)) throw apiError(400, `published: expected a date like 2024-05-03 or 2024-05-03T09:30:00Z, got "${given!.slice(0, 40)}"`);
  return compactMeta({
    title: field(body, 'title'),
    url: field(body, 'url'),
    outlet: field(body, 'outlet'),
    published,
    author: normalizeAuthor(field(body, 'author')),
    language: normalizeLanguage(field(body, 'language')),
  });
}

/** Text and metadata of a page, a Markdown or a plain-text source; only extracted text is kept, never markup. */
function parsed(source: string, format: IngestFormat, url: string | undefined): { text: string; meta: DocumentMeta } {
  if (format === 'html') return extractHtml(source, url);
  return format === 'md' ? parseMarkdown(source) : parseTxt(source);
}

/** Decoding problems (empty, binary) are the article's, not the request's. */
function unusable<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof UserError) throw apiError(422, error.message);
    throw error;
  }
}

async function uploaded(c: Context): Promise<Article> {
  const form = await c.req.parseBody().catch(() => {
    throw apiError(400, 'unreadable form upload');
  });
  const body = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string'));
  const file = form.file;
  if (!(file instanceof File)) throw apiError(400, 'file: no file in the upload (send it as the form field "file")');
  const name = file.name || 'upload';
  const bytes = Buffer.from(await file.arrayBuffer());
  const format: IngestFormat = /\.html?$/i.test(name) ? 'html' : /\.(md|markdown)$/i.test(name) ? 'md' : 'txt';
  if (format === 'txt' && !/\.txt$/i.test(name) && file.name) throw apiError(415, `${name}: upload a .txt, .md or .html file`);
  const source = unusable(() => (format === 'html' ? decodeHtml(bytes, name) : decodeBuffer(bytes, name).text));
  if (source.length > MAX_ARTICLE_CHARS) throw apiError(413, `${name}: longer than ${MAX_ARTICLE_CHARS} characters`);
  const meta = givenMeta(body);
  const page = parsed(source, format, meta.url ?? undefined);
  return { id: field(body, 'id') ?? name, text: page.text, meta: { ...page.meta, ...meta }, format };
}

async function posted(c: Context): Promise<Article> {
  const body = await jsonBody(c);
  const meta = givenMeta(body);
  const html = content(body, 'html');
  const text = content(body, 'text');
  if (html === null && text === null) throw apiError(400, 'give the article as "text" or "html"');
  const format: IngestFormat = html !== null ? 'html' : 'txt';
  const page = parsed(html ?? text!, format, meta.url ?? undefined);
  return { id: field(body, 'id'), text: page.text, meta: { ...page.meta, ...meta }, format };
}

export function registerAdd(app: Hono, ctx: ServerContext): void {
  app.post('/api/documents', async (c) => {
    const article = (c.req.header('content-type') ?? '').includes('multipart/form-data') ? await uploaded(c) : await posted(c);
    if (article.text.trim() === '') throw apiError(422, 'the article has no text');
    const given = article.id ?? `added/${createHash('sha256').update(article.text).digest('hex').slice(0, 12)}`;
    const added = cleanDocument({ id: given, text: article.text, meta: article.meta, origin: `api:${given}`, format: article.format });
    const id = added.id;
    const started = performance.now();
    // One add at a time: each reads the candidate index and writes the store.
    const result = await ctx.serialize(() => ctx.corpus().add(added));
    const ms = performance.now() - started;
    if (result.outcome !== 'unchanged') void ctx.derived.refresh();
    const doc = ctx.store.getDocument(id)!;
    const body: AddedJson = {
      id,
      outcome: result.outcome,
      document: documentMetaJson(doc),
      related: relatedWithRoles(ctx.store, doc),
      candidates: result.candidates,
      ms: Math.round(ms * 10) / 10,
    };
    return c.json(body, 201);
  });
}
