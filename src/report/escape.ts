/**
 * Everything in a report that comes from documents (texts, titles, ids, outlets, URLs) is untrusted.
 * The page is built only through `html` templates: interpolated values are escaped unless they are
 * `Html` made by this module, so forgetting to escape is not possible by accident.
 */

/** A fragment of markup that is already safe to emit. */
export class Html {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Controls (but tab, LF, CR), noncharacters and lone surrogates: not allowed in HTML text. */
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(UNPRINTABLE, '\uFFFD').replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/** Template tag: literal parts are trusted markup, every interpolation is escaped (arrays joined). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Joins fragments with a (trusted) separator. */
export function join(items: readonly HtmlValue[], separator: Html | string = ''): Html {
  return new Html(items.map(render).join(render(separator)));
}

/** The URL normalized, when it is an absolute http(s) URL; anything else (javascript:, data:, relative) is null. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}

/** An outgoing link for an http(s) URL, else the URL as plain text. */
export function externalLink(url: string, label: HtmlValue = url): Html {
  const href = safeHref(url);
  if (href === null) return html`<span class="url">${label}</span>`;
  return html`<a href="${href}" rel="noopener noreferrer" target="_blank">${label}</a>`;
}
