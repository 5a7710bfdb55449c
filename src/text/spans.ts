import type { Span } from './types.js';

/** Number of characters covered by the union of half-open spans (overlaps counted once). */
export function unionLength(spans: readonly Span[]): number {
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  let total = 0;
  let start = 0;
  let end = 0;
  for (const [s, e] of sorted) {
    if (s > end) {
      total += end - start;
      start = s;
      end = e;
    } else if (e > end) {
      end = e;
    }
  }
  return total + (end - start);
}
