import type { LinkRecord } from '../store/types.js';

/**
 * A link as one canonical line (documents in id order, coverage, score, passages, direction),
 * for checking that two stores hold the same links: the same scan on SQLite and PostgreSQL, or a
 * scan with killed workers against an undisturbed one.
 */
export function linkLine(link: LinkRecord): string {
  const swap = link.a > link.b;
  const [a, b] = swap ? [link.b, link.a] : [link.a, link.b];
  const [ca, cb] = swap ? [link.coverageB, link.coverageA] : [link.coverageA, link.coverageB];
  const passages = link.passages
    .map((p) => (swap ? [p.b, p.a, p.kind] : [p.a, p.b, p.kind]))
    .map(([x, y, kind]) => `${x}/${y}/${kind}`)
    .sort()
    .join(' ');
  const source = link.textDirection?.source ?? null;
  const from = source === null ? '-' : (source === 'a') !== swap ? 'a' : 'b';
  return [a, b, link.kind, ca.toFixed(9), cb.toFixed(9), link.score.toFixed(9), link.duplicate ? 'dup' : '', from, passages].join('\t');
}

/** Every link of a list as canonical lines, sorted. */
export function linkLines(links: LinkRecord[]): string[] {
  return links.map(linkLine).sort();
}
