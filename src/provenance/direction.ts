/**
 * The direction of a stored link: the text call made when it was aligned, plus publication
 * dates. Dates are strong evidence when both are readable and differ, but scraped dates are
 * often missing, partial, unparsable or wrong: each problem is reported and then ignored, and
 * the call falls back to the text.
 */
import type { DocumentInfo, LinkRecord } from '../store/types.js';
import { comparePublished, publishedTime } from './dates.js';
import { decide, defaultTextDirectionOptions } from './text-direction.js';
import type { DirectionCall, DirectionEvidence, Side } from './types.js';

/** Log-odds that the earlier-published document is the original. */
const DATE_WEIGHT = 3;
/** A published date more than this far in the future is a metadata error. */
const FUTURE_SLACK_MS = 36 * 3600 * 1000;

export interface LinkDirectionOptions {
  /** "Now" for spotting dates in the future (default: the current time). */
  now?: number;
  minLogOdds?: number;
}

function dateEvidence(a: DocumentInfo, b: DocumentInfo, now: number): DirectionEvidence[] {
  const evidence: DirectionEvidence[] = [];
  const usable: Partial<Record<Side, string>> = {};
  for (const [side, doc] of [['a', a], ['b', b]] as const) {
    const value = doc.meta.published;
    if (!value) continue;
    const time = publishedTime(value);
    if (time === null) {
      evidence.push({ kind: 'dates', favours: null, weight: 0, detail: `${doc.id}: published date "${value}" cannot be read; ignored` });
    } else if (time > now + FUTURE_SLACK_MS) {
      evidence.push({ kind: 'dates', favours: null, weight: 0, detail: `${doc.id}: published date ${value} is in the future; ignored` });
    } else {
      usable[side] = value;
    }
  }
  if (usable.a && usable.b) {
    const order = comparePublished(usable.a, usable.b);
    if (order === 0) {
      evidence.push({ kind: 'dates', favours: null, weight: 0, detail: `both published ${usable.a.slice(0, 10)}: dates do not tell` });
    } else {
      const earlier: Side = order < 0 ? 'a' : 'b';
      const [first, second] = earlier === 'a' ? [usable.a, usable.b] : [usable.b, usable.a];
      evidence.push({ kind: 'dates', favours: earlier, weight: DATE_WEIGHT, detail: `published ${first}, before the other (${second})` });
    }
  }
  return evidence;
}

/** Which document of a stored link is the original, with the evidence from dates and texts. */
export function linkDirection(link: LinkRecord, a: DocumentInfo, b: DocumentInfo, options: LinkDirectionOptions = {}): DirectionCall {
  const dates = dateEvidence(a, b, options.now ?? Date.now());
  const text = link.textDirection?.evidence ?? [];
  const evidence = [...dates, ...text];
  const datesDecide = dates.some((e) => e.favours !== null);
  const textDecides = text.some((e) => e.favours !== null);
  if (datesDecide && link.textDirection?.source && link.textDirection.source !== dates.find((e) => e.favours)?.favours) {
    evidence.push({
      kind: 'dates',
      favours: null,
      weight: 0,
      detail: 'the dates and the texts disagree: a copy may be dated before its source; the stronger evidence wins',
    });
  }
  const basis = datesDecide && textDecides ? 'dates+text' : datesDecide ? 'dates' : 'text';
  return decide(evidence, options.minLogOdds ?? defaultTextDirectionOptions.minLogOdds, basis);
}
