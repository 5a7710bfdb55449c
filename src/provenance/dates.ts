/**
 * Publication dates as direction evidence. Dates come from scraped metadata: missing, partial
 * ("2024-05"), unparsable or in the future; each case is reported, never trusted blindly.
 */

/** A date without time ("2024", "2024-05", "2024-05-01"): compared at its own precision. */
const DATE_ONLY = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_PREFIX = /^\d{4}(-\d{2}(-\d{2})?)?/;

/** <0 when x is earlier, >0 when later, 0 when unknown, unparsable or equal at the coarser precision. */
export function comparePublished(x: string | null | undefined, y: string | null | undefined): number {
  if (!x || !y) return 0;
  if (DATE_ONLY.test(x) || DATE_ONLY.test(y)) {
    // "2024-05-01" vs "2024-05-01T09:00Z" is the same day, not an earlier moment.
    const [dx, dy] = [DATE_PREFIX.exec(x)?.[0], DATE_PREFIX.exec(y)?.[0]];
    if (!dx || !dy) return 0;
    const n = Math.min(dx.length, dy.length);
    return dx.slice(0, n).localeCompare(dy.slice(0, n));
  }
  const [tx, ty] = [Date.parse(x), Date.parse(y)];
  return Number.isFinite(tx) && Number.isFinite(ty) ? Math.sign(tx - ty) : 0;
}

/** Milliseconds since the epoch of a published value, or null when it cannot be read. */
export function publishedTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const prefix = DATE_ONLY.test(value) ? value.padEnd(10, value.length === 4 ? '-01-01' : '-01') : value;
  const t = Date.parse(prefix);
  return Number.isFinite(t) ? t : null;
}
