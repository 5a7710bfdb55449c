/**
 * Newsroom traces of copying that a person would cite: a reprint credits where it took the
 * story from ("By Pacific Wire", "From AP and staff reports", "Originally published by …"),
 * and content farms wrap what they take in boilerplate ("Posted by Staff Writer", "Read more").
 */
import type { Passage } from '../align/types.js';
import type { DirectionEvidence, Side } from './types.js';

/** Where credits sit: the head and the tail of an article. */
const CREDIT_WINDOW = 800;

/** Names that are news agencies or wire services wherever they appear. */
const AGENCY = /\b(?:wire|press|reuters|AP|AFP|associated press|agence france-presse|bloomberg|news service|newswire|dpa|xinhua|UPI|ANSA|EFE|kyodo)\b/i;

/** "HOLLIS FALLS, Ore. (Pacific Wire) —": the agency in a dateline. */
const DATELINE = /^[A-Z][A-Z .,'’-]{2,}(?:,\s*[A-Z][\w.]*\.?)*\s*\(([^()\n]{2,40})\)\s*[—–-]/gm;
const BYLINE = /^\s*By\s+(?:the\s+)?([A-Z][^\n]{1,60}?)\s*$/gm;
const STAFF_REPORTS = /^\s*From\s+([^\n]{2,80}?)\s+(?:and\s+[^\n]{1,60}?\s+)?(?:staff\s+)?reports?\b/gim;
const ORIGINALLY = /\b(?:originally (?:published|appeared) (?:in|on|by)|this (?:story|article) (?:was )?(?:first )?(?:published|appeared|provided) (?:in|on|by)|reprinted (?:with permission )?from|republished from|source:)\s*([^\n.]{2,60})/gi;

const BOILERPLATE = [
  /^\s*posted by\b/i,
  /^\s*(?:share (?:this|on)|read more|related(?: stories)?:|advertisement|subscribe|follow us|click here|sign up)\b/i,
  /what you need to know\s*$/i,
  /\b(?:copyright|all rights reserved)\b|©/i,
];

/** A reprint credit in the head or tail of a text: the credited source and the line that says so. */
export interface ReprintCredit {
  source: string;
  line: string;
}

function edges(text: string): string {
  return text.length <= 2 * CREDIT_WINDOW ? text : `${text.slice(0, CREDIT_WINDOW)}\n${text.slice(-CREDIT_WINDOW)}`;
}

function datelineAgencies(text: string): Set<string> {
  return new Set([...edges(text).matchAll(DATELINE)].map((m) => m[1].trim().toLowerCase()));
}

/** The first line crediting another source: a byline naming an agency, "From X reports", "Originally published by X". */
export function reprintCredit(text: string, knownAgencies: ReadonlySet<string> = new Set()): ReprintCredit | null {
  const head = edges(text);
  for (const m of head.matchAll(BYLINE)) {
    const name = m[1].trim();
    // "By Pacific Wire" credits an agency; "By Jane Doe, Associated Press" is the agency's own reporter.
    if (name.includes(',')) continue;
    if (AGENCY.test(name) || knownAgencies.has(name.toLowerCase())) return { source: name, line: m[0].trim() };
  }
  for (const pattern of [STAFF_REPORTS, ORIGINALLY]) {
    for (const m of head.matchAll(pattern)) return { source: m[1].trim(), line: m[0].trim() };
  }
  return null;
}

/** Lines outside the shared passages that look like boilerplate wrapped around taken text. */
function boilerplateLines(text: string, spans: readonly [number, number][]): string[] {
  const found: string[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (line.trim().length === 0 || spans.some(([s, e]) => start < e && s < start + line.length)) continue;
    if (BOILERPLATE.some((p) => p.test(line))) found.push(line.trim());
  }
  return found;
}

function quote(line: string): string {
  return line.length > 60 ? `"${line.slice(0, 57)}…"` : `"${line}"`;
}

/** Credit and boilerplate evidence for a link (a, b = the stored texts; outlets when known). */
export function creditEvidence(
  aText: string,
  bText: string,
  passages: readonly Passage[],
  outlets: { a?: string | null; b?: string | null } = {},
): DirectionEvidence[] {
  const evidence: DirectionEvidence[] = [];
  const agencies = new Set([...datelineAgencies(aText), ...datelineAgencies(bText)]);
  const credit = { a: reprintCredit(aText, agencies), b: reprintCredit(bText, agencies) };
  for (const side of ['a', 'b'] as const) {
    const other: Side = side === 'a' ? 'b' : 'a';
    const c = credit[side];
    if (c === null || credit[other] !== null) continue;
    const otherOutlet = outlets[other]?.trim().toLowerCase();
    const credited = c.source.toLowerCase();
    const isThatOutlet = otherOutlet !== undefined && otherOutlet.length > 0 && credited.includes(otherOutlet);
    evidence.push({
      kind: 'wire-credit',
      favours: other,
      weight: isThatOutlet ? 2.5 : 1.5,
      detail: isThatOutlet
        ? `is from ${outlets[other]}, which the other text credits (${quote(c.line)})`
        : `credits no one, while the other text credits ${c.source} (${quote(c.line)})`,
    });
  }
  const lines = {
    a: boilerplateLines(aText, passages.map((p) => p.a)),
    b: boilerplateLines(bText, passages.map((p) => p.b)),
  };
  const diff = lines.a.length - lines.b.length;
  if (diff !== 0) {
    const clean: Side = diff > 0 ? 'b' : 'a';
    const wrapped = lines[clean === 'a' ? 'b' : 'a'];
    evidence.push({
      kind: 'boilerplate',
      favours: clean,
      weight: Math.min(1, 0.5 * Math.abs(diff)),
      detail: `less boilerplate around the shared text; the other text adds ${wrapped.slice(0, 2).map(quote).join(', ')}`,
    });
  }
  return evidence;
}
