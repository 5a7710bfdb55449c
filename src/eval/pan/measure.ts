import { unionLength } from '../../text/spans.js';

/**
 * PAN text-alignment measures, macro-averaged (Potthast et al., PAN perfmeasures):
 * recall, precision, granularity and plagdet over character ranges in both documents.
 */

/** One reused passage: `this*` = suspicious document, `src*` = source document. */
export interface Case {
  susp: string;
  src: string;
  thisOffset: number;
  thisLength: number;
  srcOffset: number;
  srcLength: number;
}

/** Detections have the same shape as gold cases. */
export type Detection = Case;

export interface PanMeasures {
  recall: number;
  precision: number;
  granularity: number;
  plagdet: number;
  /** Number of gold cases and of detections scored. */
  cases: number;
  detections: number;
}

/** plagdet = F1 / log2(1 + granularity); 0 when precision and recall are both 0. */
export function plagdet(precision: number, recall: number, granularity: number): number {
  if (precision + recall === 0) return 0;
  const f1 = (2 * precision * recall) / (precision + recall);
  return f1 / Math.log2(1 + granularity);
}

/** Half-open ranges overlap when each starts before the other ends (empty ranges never overlap). */
function rangesOverlap(startA: number, lengthA: number, startB: number, lengthB: number): boolean {
  return startA < startB + lengthB && startB < startA + lengthA && lengthA > 0 && lengthB > 0;
}

/** Same document pair and overlapping ranges in BOTH documents. */
function annotationsMatch(x: Case, y: Case): boolean {
  return (
    rangesOverlap(x.thisOffset, x.thisLength, y.thisOffset, y.thisLength) &&
    rangesOverlap(x.srcOffset, x.srcLength, y.srcOffset, y.srcLength)
  );
}

/** Length of the union of [start, end) intervals clipped to [lo, hi). */
function coveredLength(intervals: Array<[number, number]>, lo: number, hi: number): number {
  const clipped: Array<[number, number]> = [];
  for (const [start, end] of intervals) {
    const s = Math.max(start, lo);
    const e = Math.min(end, hi);
    if (e > s) clipped.push([s, e]);
  }
  return unionLength(clipped);
}

/** Key of the document pair an annotation belongs to. */
function pairKey(x: Case): string {
  return `${x.susp}\u0000${x.src}`;
}

function groupByPair(items: Case[]): Map<string, Case[]> {
  const groups = new Map<string, Case[]>();
  for (const item of items) {
    const key = pairKey(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

interface CoverageSummary {
  /** Sum over `targets` of the covered share of each target. */
  shareSum: number;
  /** Number of targets hit by at least one other annotation. */
  hitTargets: number;
  /** Sum over hit targets of how many annotations hit them. */
  hits: number;
}

/**
 * For each target (a case for recall, a detection for precision), the share of its characters,
 * counted in both documents, covered by the union of the matching annotations of `others`.
 */
function coverage(targets: Case[], others: Case[]): CoverageSummary {
  const othersByPair = groupByPair(others);
  const summary: CoverageSummary = { shareSum: 0, hitTargets: 0, hits: 0 };
  for (const target of targets) {
    const candidates = othersByPair.get(pairKey(target)) ?? [];
    const thisRanges: Array<[number, number]> = [];
    const srcRanges: Array<[number, number]> = [];
    for (const other of candidates) {
      if (!annotationsMatch(target, other)) continue;
      thisRanges.push([other.thisOffset, other.thisOffset + other.thisLength]);
      srcRanges.push([other.srcOffset, other.srcOffset + other.srcLength]);
    }
    if (thisRanges.length > 0) {
      summary.hitTargets += 1;
      summary.hits += thisRanges.length;
    }
    const size = target.thisLength + target.srcLength;
    // An empty annotation cannot be covered; it counts as 0 rather than dividing by zero.
    if (size <= 0 || thisRanges.length === 0) continue;
    const covered =
      coveredLength(thisRanges, target.thisOffset, target.thisOffset + target.thisLength) +
      coveredLength(srcRanges, target.srcOffset, target.srcOffset + target.srcLength);
    summary.shareSum += covered / size;
  }
  return summary;
}

/** PAN's macro recall, precision, granularity and plagdet of `detections` against `cases`. */
export function panMeasures(cases: Case[], detections: Detection[]): PanMeasures {
  const counts = { cases: cases.length, detections: detections.length };
  if (cases.length === 0 && detections.length === 0) {
    return { recall: 1, precision: 1, granularity: 1, plagdet: 1, ...counts };
  }
  if (cases.length === 0 || detections.length === 0) {
    return { recall: 0, precision: 0, granularity: 1, plagdet: 0, ...counts };
  }
  const byCase = coverage(cases, detections);
  const byDetection = coverage(detections, cases);
  const recall = byCase.shareSum / cases.length;
  const precision = byDetection.shareSum / detections.length;
  const granularity = byCase.hitTargets > 0 ? byCase.hits / byCase.hitTargets : 1;
  return { recall, precision, granularity, plagdet: plagdet(precision, recall, granularity), ...counts };
}
