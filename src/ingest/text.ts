import { clean, compactMeta, normalizeAuthor, normalizeDate, normalizeLanguage } from './meta.js';
import type { DocumentMeta } from './types.js';

export interface ParsedText {
  text: string;
  meta: DocumentMeta;
}

const MAX_HEADLINE = 200;

/**
 * Plain text is kept whole (offsets refer to the file's text). The first line counts as
 * the title when it reads like a headline: short, followed by more text, no closing period.
 */
export function parseTxt(text: string): ParsedText {
  return { text, meta: compactMeta({ title: headlineOf(text) }) };
}

function headlineOf(text: string): string | null {
  const lines = text.split(/\r?\n|\r/);
  const firstIndex = lines.findIndex((line) => line.trim().length > 0);
  if (firstIndex < 0) return null;
  const line = lines[firstIndex].trim();
  const hasMore = lines.slice(firstIndex + 1).some((l) => l.trim().length > 0);
  if (!hasMore || line.length >= MAX_HEADLINE || /[.,;:]$/.test(line) || !/\p{L}/u.test(line)) return null;
  return clean(line);
}

/**
 * Markdown keeps its syntax (offsets stay valid). With YAML front matter, the text is the
 * body after the closing fence, so offsets are into that body, not into the file.
 */
export function parseMarkdown(source: string): ParsedText {
  const front = splitFrontMatter(source);
  const body = front ? front.body : source;
  const fields = front ? front.fields : new Map<string, string>();
  const pick = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = clean(fields.get(key));
      if (value !== null) return value;
    }
    return null;
  };
  return {
    text: body,
    meta: compactMeta({
      title: pick('title', 'headline') ?? markdownHeading(body),
      published: normalizeDate(pick('date', 'published', 'published_at', 'pubdate', 'datepublished')),
      author: normalizeAuthor(pick('author', 'authors', 'byline')),
      url: pick('url', 'link', 'canonical_url', 'canonical'),
      outlet: pick('outlet', 'source', 'publisher', 'site'),
      language: normalizeLanguage(pick('language', 'lang', 'locale')),
    }),
  };
}

const FENCE = /^(---|\.\.\.)[ \t]*$/;

/** Simple YAML front matter: `key: value` lines and `- item` lists; anything fancier is ignored. */
function splitFrontMatter(source: string): { fields: Map<string, string>; body: string } | null {
  if (!/^---[ \t]*\r?\n/.test(source)) return null;
  const fields = new Map<string, string>();
  let pos = source.indexOf('\n') + 1;
  let lastKey: string | null = null;
  while (pos < source.length) {
    const end = source.indexOf('\n', pos);
    const lineEnd = end < 0 ? source.length : end;
    const line = source.slice(pos, lineEnd).replace(/\r$/, '');
    const next = end < 0 ? source.length : end + 1;
    if (FENCE.test(line)) return { fields, body: source.slice(next) };
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (pair) {
      lastKey = pair[1].toLowerCase();
      const value = unquote(pair[2]);
      if (value !== '') fields.set(lastKey, value);
    } else if (item && lastKey) {
      const value = unquote(item[1]);
      const prior = fields.get(lastKey);
      fields.set(lastKey, prior ? `${prior}, ${value}` : value);
    }
    pos = next;
  }
  // No closing fence: not front matter after all.
  return null;
}

function unquote(raw: string): string {
  let s = raw.trim();
  // A trailing comment only counts after whitespace (`#` may be part of a URL).
  if (!/^["']/.test(s)) s = s.replace(/\s+#.*$/, '');
  if (s.length >= 2 && ((s[0] === '"' && s.endsWith('"')) || (s[0] === "'" && s.endsWith("'")))) s = s.slice(1, -1);
  if (/^\[.*\]$/.test(s)) {
    s = s
      .slice(1, -1)
      .split(',')
      .map((part) => unquote(part))
      .filter((part) => part.length > 0)
      .join(', ');
  }
  return s.trim();
}

/** The first level-1 heading, ATX (`# Title`) or setext (`Title` over `===`). */
function markdownHeading(body: string): string | null {
  const lines = body.split(/\r?\n/);
  let inCode = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s{0,3}(```|~~~)/.test(line)) inCode = !inCode;
    if (inCode) continue;
    const atx = /^\s{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) return clean(atx[1]);
    if (line.trim() && i + 1 < lines.length && /^\s{0,3}=+\s*$/.test(lines[i + 1])) return clean(line);
  }
  return null;
}
