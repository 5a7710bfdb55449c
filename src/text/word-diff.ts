import { diffWords } from 'diff';

/** How a piece of one side relates to the other side. */
export type DiffStyle = 'same' | 'removed' | 'added';

export interface DiffChunk {
  text: string;
  style: DiffStyle;
}

export interface WordDiff {
  /** Side A: common and removed text (words only in A). */
  a: DiffChunk[];
  /** Side B: common and added text (words only in B). */
  b: DiffChunk[];
  /** False when the sides were too different to diff: both are returned whole, unmarked. */
  marked: boolean;
  /** With `exact`: text both sides share, as offsets into A and B (where both can be cut at the same word). */
  common: CommonRun[];
}

export interface CommonRun {
  a: number;
  b: number;
  length: number;
}

export interface WordDiffOptions {
  /** Diffs with more word edits than this are returned unmarked (default 4000). */
  maxEditLength?: number;
  /**
   * Rebuild each side from its own text. diffWords moves whitespace around changed words
   * ("evening." can come back as "evening ."); the terminal view keeps that, the HTML report must not.
   */
  exact?: boolean;
}

/** Diffs with more word edits than this are shown unmarked: too slow and not readable anyway. */
export const MAX_EDIT_LENGTH = 4000;

/**
 * Word diff of two passages for display (terminal and HTML).
 * Changed runs never include their surrounding whitespace, so markers hug the words.
 */
export function wordDiff(textA: string, textB: string, options: WordDiffOptions = {}): WordDiff {
  const maxEditLength = options.maxEditLength ?? MAX_EDIT_LENGTH;
  const changes = textA === textB ? [{ value: textA, added: false, removed: false }] : diffWords(textA, textB, { maxEditLength });
  if (!changes) return { a: [{ text: textA, style: 'same' }], b: [{ text: textB, style: 'same' }], marked: false, common: [] };
  const a: DiffChunk[] = [];
  const b: DiffChunk[] = [];
  const common: CommonRun[] = [];
  const sideA = options.exact ? new Reader(textA) : null;
  const sideB = options.exact ? new Reader(textB) : null;
  for (const change of changes) {
    if (change.added) pushChanged(b, sideB ? sideB.take(change.value) : change.value, 'added');
    else if (change.removed) pushChanged(a, sideA ? sideA.take(change.value) : change.value, 'removed');
    else if (sideA && sideB) {
      const [startA, startB] = [sideA.at, sideB.at];
      const [valueA, valueB] = [sideA.take(change.value), sideB.take(change.value)];
      a.push({ text: valueA, style: 'same' });
      b.push({ text: valueB, style: 'same' });
      // Leading whitespace may differ (a line break on one side, a space on the other).
      const [leadA, leadB] = [leadingSpace(valueA), leadingSpace(valueB)];
      if (valueA.slice(leadA) === valueB.slice(leadB)) common.push({ a: startA + leadA, b: startB + leadB, length: valueA.length - leadA });
    } else {
      a.push({ text: change.value, style: 'same' });
      b.push({ text: change.value, style: 'same' });
    }
  }
  for (const [side, reader] of [[a, sideA], [b, sideB]] as const) {
    const rest = reader?.rest();
    if (rest) side.push({ text: rest, style: 'same' });
  }
  return { a, b, marked: true, common };
}

function leadingSpace(text: string): number {
  return /^\s*/.exec(text)![0].length;
}

/**
 * Walks one side's own text in step with the diff: a change takes the whitespace before it and
 * as many non-space characters as its value has; trailing whitespace is left to the next change.
 */
class Reader {
  at = 0;

  constructor(private readonly text: string) {}

  take(value: string): string {
    let need = value.replace(/\s+/g, '').length;
    if (need === 0) return '';
    const start = this.at;
    let i = start;
    while (i < this.text.length && need > 0) {
      if (!/\s/.test(this.text[i])) need--;
      i++;
    }
    this.at = i;
    return this.text.slice(start, i);
  }

  rest(): string {
    const rest = this.text.slice(this.at);
    this.at = this.text.length;
    return rest;
  }
}

function pushChanged(side: DiffChunk[], value: string, style: 'removed' | 'added'): void {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(value);
  const [lead, core, trail] = match ? [match[1], match[2], match[3]] : ['', value, ''];
  if (lead) side.push({ text: lead, style: 'same' });
  if (core) side.push({ text: core, style });
  if (trail) side.push({ text: trail, style: 'same' });
}
