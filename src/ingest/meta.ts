import type { DocumentMeta } from './types.js';

/** Trimmed, whitespace-collapsed string, or null when empty. */
export function clean(value: string | null | undefined): string | null {
  if (value == null) return null;
  const s = value.replace(/\s+/g, ' ').trim();
  return s.length > 0 ? s : null;
}

/**
 * Turns a loosely typed field (JSON value, JSON-LD node) into one string:
 * numbers become strings, arrays are joined with ", ", objects give their `name`.
 */
export function valueToString(value: unknown): string | null {
  if (typeof value === 'string') return clean(value);
  if (typeof value === 'number' || typeof value === 'bigint') return Number.isFinite(Number(value)) ? String(value) : null;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(valueToString).filter((s): s is string => s !== null);
    return parts.length > 0 ? [...new Set(parts)].join(', ') : null;
  }
  if (value && typeof value === 'object') {
    const name = (value as Record<string, unknown>).name;
    if (name !== undefined && name !== value) return valueToString(name);
  }
  return null;
}

const DATE_ONLY = /^\d{4}(-\d{2}(-\d{2})?)?$/;
/** An ISO-like local date-time: no zone, so converting it to UTC would depend on this machine's zone. */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2}|\b(GMT|UTC|UT|[ECMP][SD]T)\b)\s*$/i;
const EPOCH = /^\d{10}(\d{3})?$/;

/**
 * Normalizes a publication date to ISO 8601. Date-only and zone-less values stay as found
 * (no invented time zone); unparseable values are kept verbatim rather than lost.
 */
export function normalizeDate(value: string | null | undefined): string | null {
  const s = clean(value);
  if (s === null) return null;
  if (DATE_ONLY.test(s)) return s;
  const local = LOCAL_DATE_TIME.exec(s);
  if (local) return `${local[1]}T${local[2]}`;
  if (EPOCH.test(s)) {
    const ms = s.length === 10 ? Number(s) * 1000 : Number(s);
    return new Date(ms).toISOString();
  }
  // Zone-less free text ("May 1, 2024") is read as UTC so the result does not depend on the machine.
  const date = new Date(HAS_ZONE.test(s) ? s : `${s} UTC`);
  if (!Number.isNaN(date.getTime())) return date.toISOString();
  const plain = new Date(s);
  return Number.isNaN(plain.getTime()) ? s : plain.toISOString();
}

/** "en_US" → "en-US"; keeps whatever code was given otherwise. */
export function normalizeLanguage(value: string | null | undefined): string | null {
  const s = clean(value);
  return s === null ? null : s.replace(/_/g, '-');
}

/** Drops a leading "By " from bylines. */
export function normalizeAuthor(value: string | null | undefined): string | null {
  const s = clean(value);
  return s === null ? null : clean(s.replace(/^by\s+/i, ''));
}

/** First non-empty candidate. */
export function first(...values: (string | null | undefined)[]): string | null {
  for (const v of values) {
    const s = clean(v);
    if (s !== null) return s;
  }
  return null;
}

/** A meta object without the null/undefined entries, so documents stay small and readable. */
export function compactMeta(meta: DocumentMeta): DocumentMeta {
  const out: DocumentMeta = {};
  for (const [key, value] of Object.entries(meta) as [keyof DocumentMeta, string | null | undefined][]) {
    if (value != null && value !== '') out[key] = value;
  }
  return out;
}
