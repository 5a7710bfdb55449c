import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { decodeBuffer } from './decode.js';
import { clean, compactMeta, first, normalizeAuthor, normalizeDate, normalizeLanguage, valueToString } from './meta.js';
import type { DocumentMeta } from './types.js';

export interface ExtractedHtml {
  /** Article text: one paragraph per block, blocks separated by a blank line. */
  text: string;
  meta: DocumentMeta;
}

/** Elements whose content is never text a reader sees. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'title', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'select', 'textarea', 'button', 'head']);
/** Page furniture dropped only in the fallback path (Readability already drops it). */
const FURNITURE = new Set(['nav', 'aside', 'form', 'dialog']);
const BLOCKS = new Set([
  'address', 'article', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'body', 'html',
]);
const ARTICLE_TYPE = /(Article|BlogPosting|Report)$/;

/**
 * Extracts the article body and its metadata from an HTML page. Never throws for bad markup:
 * linkedom parses leniently, and JSON-LD is read with JSON.parse only (malformed blocks are ignored).
 * `baseUrl` resolves relative canonical links (e.g. the WARC target URI).
 */
export function extractHtml(html: string, baseUrl?: string): ExtractedHtml {
  const { document } = parseHTML(withBody(html));
  // Metadata first: Readability rewrites the document it reads.
  const found = pageMetadata(document, baseUrl);
  let article: ReturnType<Readability<Element>['parse']> = null;
  try {
    article = new Readability<Element>(document as unknown as Document, { serializer: (node) => node as Element }).parse();
  } catch {
    // Readability trips over some odd trees; the body fallback below still applies.
  }
  let text = article?.content ? blockText(article.content, false) : '';
  if (!text) {
    const { document: fresh } = parseHTML(withBody(html));
    text = fresh.body ? blockText(fresh.body as unknown as Element, true) : '';
  }
  const meta = compactMeta({
    title: first(...[found.title, article?.title, found.documentTitle].map(headline)),
    url: found.url,
    outlet: first(found.outlet, article?.siteName),
    published: normalizeDate(first(found.published, article?.publishedTime)),
    author: normalizeAuthor(first(found.author, article?.byline)),
    language: normalizeLanguage(first(found.language, article?.lang)),
  });
  return { text, meta };
}

/** Longer "titles" come from broken markup (an unclosed <title> swallows the page, as in browsers). */
const MAX_TITLE = 500;
const MARKUP = /<\/?[a-z][^>]*>/i;

function headline(value: string | null | undefined): string | null {
  const s = clean(value);
  return s !== null && s.length <= MAX_TITLE && !MARKUP.test(s) ? s : null;
}

/** linkedom builds no <body> for fragments or pages without one; wrap them so Readability has a body. */
function withBody(html: string): string {
  if (/<body[\s>]/i.test(html)) return html;
  const htmlTag = /<html(\s[^>]*)?>/i.exec(html);
  let rest = html.replace(/<\?xml[^>]*>/i, '').replace(/<!doctype[^>]*>/i, '').replace(/<\/?html(\s[^>]*)?>/gi, '');
  let head = '';
  const headMatch = /<head(\s[^>]*)?>([\s\S]*?)<\/head>/i.exec(rest);
  if (headMatch) {
    head = headMatch[2];
    rest = rest.slice(0, headMatch.index) + rest.slice(headMatch.index + headMatch[0].length);
  }
  return `<!DOCTYPE html><html${htmlTag?.[1] ?? ''}><head>${head}</head><body>${rest}</body></html>`;
}

/** Plain text from block structure: whitespace collapsed inside a block, blocks joined by blank lines. */
function blockText(root: Element, fallback: boolean): string {
  const paragraphs: string[] = [];
  let lines: string[] = [''];
  const flush = (): void => {
    const block = lines
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter((line) => line.length > 0)
      .join('\n');
    if (block) paragraphs.push(block);
    lines = [''];
  };
  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      lines[lines.length - 1] += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (SKIP.has(tag) || (fallback && FURNITURE.has(tag)) || el.hasAttribute('hidden')) return;
    if (tag === 'br') {
      lines.push('');
      return;
    }
    if (tag === 'pre') {
      flush();
      const pre = (el.textContent ?? '').replace(/^\n/, '').trimEnd();
      if (pre.trim()) paragraphs.push(pre);
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    // Table cells and list items side by side must not run their words together.
    if (tag === 'td' || tag === 'th') lines[lines.length - 1] += ' ';
    for (let child = el.firstChild; child; child = child.nextSibling) visit(child);
    if (tag === 'td' || tag === 'th') lines[lines.length - 1] += ' ';
    if (block) flush();
  };
  visit(root);
  flush();
  return paragraphs.join('\n\n');
}

interface PageMetadata {
  title: string | null;
  documentTitle: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
  author: string | null;
  language: string | null;
}

function pageMetadata(document: Document, baseUrl?: string): PageMetadata {
  const metas = new Map<string, string>();
  for (const el of Array.from(document.querySelectorAll('meta'))) {
    const content = el.getAttribute('content');
    if (content == null) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !metas.has(key)) metas.set(key, content);
    }
  }
  const m = (...keys: string[]): string | null => first(...keys.map((k) => metas.get(k)));
  const ld = jsonLdArticle(document);
  const canonical = document.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? null;
  const timeEl = document.querySelector('article time[datetime], time[pubdate][datetime], time[itemprop="datePublished"]');
  const metaAuthor = m('author', 'article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'byl');
  const pageUrl = first(resolveUrl(canonical, baseUrl), resolveUrl(m('og:url'), baseUrl), ld.url);
  return {
    title: first(ld.headline, m('og:title', 'twitter:title', 'dc.title', 'parsely-title')),
    documentTitle: first(document.querySelector('title')?.textContent, document.querySelector('h1')?.textContent),
    url: pageUrl ?? baseUrl ?? null,
    outlet: first(ld.publisher, m('og:site_name', 'dc.publisher', 'dcterms.publisher', 'application-name')),
    published: first(
      ld.datePublished,
      m('article:published_time', 'og:published_time', 'datepublished', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'date', 'pubdate', 'publishdate', 'publish-date', 'sailthru.date', 'parsely-pub-date'),
      timeEl?.getAttribute('datetime'),
    ),
    // article:author is often a profile URL, not a name.
    author: first(ld.author, metaAuthor && !/^https?:\/\//i.test(metaAuthor) ? metaAuthor : null),
    language: first(document.documentElement?.getAttribute('lang'), document.documentElement?.getAttribute('xml:lang'), ld.inLanguage, m('content-language', 'dc.language', 'og:locale')),
  };
}

function resolveUrl(href: string | null | undefined, base?: string): string | null {
  const s = clean(href);
  if (s === null) return null;
  try {
    return new URL(s, base).href;
  } catch {
    return s;
  }
}

interface LdArticle {
  headline: string | null;
  datePublished: string | null;
  author: string | null;
  url: string | null;
  publisher: string | null;
  inLanguage: string | null;
}

/** The first Article-like node in the page's JSON-LD blocks (top level, arrays or @graph). */
function jsonLdArticle(document: Document): LdArticle {
  const nodes: Record<string, unknown>[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      nodes.push(obj);
      if (obj['@graph']) collect(obj['@graph']);
    }
  };
  for (const script of Array.from(document.querySelectorAll('script'))) {
    if (!/^\s*application\/ld\+json\s*$/i.test(script.getAttribute('type') ?? '')) continue;
    try {
      // Data only: JSON.parse, never evaluated. Some CMSs wrap it in CDATA or comments.
      collect(JSON.parse((script.textContent ?? '').replace(/^\s*(<!\[CDATA\[|<!--)/, '').replace(/(\]\]>|-->)\s*$/, '')));
    } catch {
      // Malformed JSON-LD is common; the meta tags still apply.
    }
  }
  const isArticle = (node: Record<string, unknown>): boolean => {
    const type = node['@type'];
    const types = Array.isArray(type) ? type : [type];
    return types.some((t) => typeof t === 'string' && ARTICLE_TYPE.test(t));
  };
  const node = nodes.find(isArticle);
  if (!node) return { headline: null, datePublished: null, author: null, url: null, publisher: null, inLanguage: null };
  const page = node.mainEntityOfPage;
  const pageId = page && typeof page === 'object' && !Array.isArray(page) ? (page as Record<string, unknown>)['@id'] : page;
  return {
    headline: valueToString(node.headline) ?? valueToString(node.name),
    datePublished: valueToString(node.datePublished) ?? valueToString(node.dateCreated),
    author: valueToString(node.author) ?? valueToString(node.creator),
    url: valueToString(node.url) ?? valueToString(pageId),
    publisher: valueToString(node.publisher),
    inLanguage: valueToString(node.inLanguage),
  };
}

/**
 * Decodes an HTML payload. Valid UTF-8 or a BOM wins; otherwise the declared charset
 * (HTTP header, then <meta charset>) is used, and only then decode.ts's guess.
 * Throws UserError for empty or binary data.
 */
export function decodeHtml(buf: Buffer, name: string, declared?: string | null): string {
  const decoded = decodeBuffer(buf, name);
  if (decoded.encoding.startsWith('utf-')) return decoded.text;
  const charset = charsetName(declared ?? metaCharset(buf));
  // A UTF-8 label on bytes that are not UTF-8 is wrong; the guess is better.
  if (charset && !/^utf-?8$/.test(charset) && iconv.encodingExists(charset)) return iconv.decode(buf, charset);
  return decoded.text;
}

/** The charset parameter of a Content-Type value. */
export function charsetOf(contentType: string | null | undefined): string | null {
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return match ? match[1] : null;
}

function metaCharset(buf: Buffer): string | null {
  const head = buf.subarray(0, 4096).toString('latin1');
  // The first declaration that is not UTF-8 (the bytes already failed as UTF-8).
  for (const match of head.matchAll(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/gi)) {
    if (!/^utf-?8$/i.test(match[1])) return match[1];
  }
  return null;
}

/** Browsers treat Latin-1 and ASCII labels as Windows-1252; so do we. */
function charsetName(label: string | null | undefined): string | null {
  const s = clean(label)?.toLowerCase() ?? null;
  if (s === null) return null;
  if (s === 'iso-8859-1' || s === 'latin1' || s === 'us-ascii' || s === 'ascii' || s === 'iso8859-1') return 'windows-1252';
  return s;
}
