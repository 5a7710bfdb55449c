import picocolors from 'picocolors';
import type { AlignResult, Passage } from '../align/types.js';
import { percent, verdict } from '../align/verdict.js';
import { wordDiff, type DiffChunk } from '../text/word-diff.js';

type Chunk = DiffChunk;

/** A word (possibly mixing styles, e.g. "bridge" + removed ",") or a paragraph break. */
type Item = { kind: 'word'; chunks: Chunk[]; width: number } | { kind: 'break' };

/** One wrapped display line: chunks whose visible widths sum to `width`. */
interface Line {
  chunks: Chunk[];
  width: number;
}

export interface RenderOptions {
  /** Total terminal width in columns. */
  width: number;
  /** ANSI colors (else plain-text markers [-removed-] and {+added+}). */
  color: boolean;
  /** Lines kept at each end of a long passage (default 12). */
  keepLines?: number;
}

export interface CompareReport {
  nameA: string;
  nameB: string;
  textA: string;
  textB: string;
  encodingA?: string;
  encodingB?: string;
  result: AlignResult;
}

const SEPARATOR = ' │ ';
const MIN_COLUMN = 16;

/** The whole text report of `mimeo compare`. */
export function renderCompare(report: CompareReport, options: RenderOptions): string {
  const c = picocolors.createColors(options.color);
  const { result } = report;
  const out: string[] = [];
  out.push(c.bold('mimeo compare'));
  out.push(`  A: ${describeInput(report.nameA, report.textA, report.encodingA)}`);
  out.push(`  B: ${describeInput(report.nameB, report.textB, report.encodingB)}`);
  out.push('');
  if (result.passages.length === 0) {
    out.push('No reused passages found.');
    out.push('');
  }
  result.passages.forEach((passage, i) => {
    out.push(c.bold(passageHeading(passage, i, result.passages.length)));
    const evidence = evidenceLine(passage);
    if (evidence) out.push(c.dim(evidence));
    const textA = report.textA.slice(passage.a[0], passage.a[1]);
    const textB = report.textB.slice(passage.b[0], passage.b[1]);
    out.push(sideBySide(textA, textB, options));
    out.push('');
  });
  out.push(coverageLine(result));
  out.push(`${c.bold('Verdict:')} ${verdict(result)}`);
  return out.join('\n') + '\n';
}

function describeInput(name: string, text: string, encoding?: string): string {
  const size = `${text.length.toLocaleString('en-US')} chars`;
  return `${name} (${encoding ? `${size}, ${encoding}` : size})`;
}

/** "Passage 2 of 5 · edited · score 0.87 · A 120–980 · B 40–1002" */
export function passageHeading(passage: Passage, index: number, count: number): string {
  return [
    `Passage ${index + 1} of ${count}`,
    passage.kind,
    `score ${passage.score.toFixed(2)}`,
    `A ${passage.a[0]}–${passage.a[1]}`,
    `B ${passage.b[0]}–${passage.b[1]}`,
  ].join(' · ');
}

function evidenceLine(passage: Passage): string {
  const e = passage.evidence;
  if (!e) return '';
  const parts = [
    `found by ${e.method}`,
    `${e.seeds} ${e.seeds === 1 ? 'seed' : 'seeds'}`,
    `similarity ${e.similarity.toFixed(2)}`,
    `${percent(e.verbatimShare)} word for word`,
  ];
  if (e.sharedTerms.length > 0) parts.push(`shared: ${e.sharedTerms.slice(0, 8).join(', ')}`);
  return `  ${parts.join(' · ')}`;
}

/** "Coverage: 88% of A is reused in B · 90% of B comes from A" */
export function coverageLine(result: AlignResult): string {
  return `Coverage: ${percent(result.coverage.a)} of A is reused in B · ${percent(result.coverage.b)} of B comes from A`;
}

/**
 * The two sides of a passage in two columns, differing words marked.
 * Long passages keep their first and last `keepLines` lines with "…" between.
 */
export function sideBySide(textA: string, textB: string, options: RenderOptions): string {
  const c = picocolors.createColors(options.color);
  const column = Math.max(MIN_COLUMN, Math.floor((options.width - SEPARATOR.length) / 2));
  const [chunksA, chunksB] = diffChunks(textA, textB, options.color);
  let left = wrap(toItems(chunksA), column);
  let right = wrap(toItems(chunksB), column);

  const keep = options.keepLines ?? 12;
  const rows = Math.max(left.length, right.length);
  let elided = 0;
  if (rows > keep * 2 + 2) {
    elided = rows - keep * 2;
    // Both ends of a passage correspond, so each side keeps its own head and tail.
    left = abbreviate(left, keep);
    right = abbreviate(right, keep);
  }

  const paint = (line: Line | undefined): string => {
    if (!line) return ' '.repeat(column);
    const body = line.chunks.map((chunk) => styleChunk(chunk, c)).join('');
    return body + ' '.repeat(Math.max(0, column - line.width));
  };
  const out: string[] = [];
  const emit = (from: number, to: number, leftOffset: number, rightOffset: number): void => {
    for (let i = from; i < to; i++) {
      out.push((paint(left[i + leftOffset]) + c.dim(SEPARATOR) + paint(right[i + rightOffset])).trimEnd());
    }
  };
  if (elided === 0) {
    emit(0, rows, 0, 0);
  } else {
    emit(0, keep, 0, 0);
    out.push(c.dim(`… ${elided} more lines …`));
    // Tails are bottom-aligned so that both passages end on the same row.
    const tailRows = keep;
    emit(0, tailRows, left.length - tailRows, right.length - tailRows);
  }
  return out.join('\n');
}

/** Keeps the first and last `keep` lines (the caller prints the gap marker). */
function abbreviate(lines: Line[], keep: number): Line[] {
  if (lines.length <= keep * 2) {
    // Pad so that head and tail slices stay well-defined.
    const padded = lines.slice();
    while (padded.length < keep * 2) padded.splice(keep, 0, { chunks: [], width: 0 });
    return padded;
  }
  return [...lines.slice(0, keep), ...lines.slice(lines.length - keep)];
}

function styleChunk(chunk: Chunk, c: ReturnType<typeof picocolors.createColors>): string {
  if (chunk.style === 'removed') return c.red(chunk.text);
  if (chunk.style === 'added') return c.green(chunk.text);
  return chunk.text;
}

/**
 * Word diff of the two sides: side A gets common and removed text, side B common and added.
 * Without colors, changed runs are wrapped in [- -] (A) and {+ +} (B) markers.
 */
export function diffChunks(textA: string, textB: string, color: boolean): [Chunk[], Chunk[]] {
  // Too different to diff word by word: both sides come back whole and unmarked.
  const diff = wordDiff(textA, textB);
  if (color) return [diff.a, diff.b];
  return [diff.a.flatMap(withMarkers), diff.b.flatMap(withMarkers)];
}

function withMarkers(chunk: Chunk): Chunk[] {
  if (chunk.style === 'same') return [chunk];
  const [open, close] = chunk.style === 'removed' ? ['[-', '-]'] : ['{+', '+}'];
  return [{ text: open, style: 'same' }, chunk, { text: close, style: 'same' }];
}

/** Splits styled text into words; a blank line becomes a paragraph break. */
function toItems(chunks: Chunk[]): Item[] {
  const items: Item[] = [];
  let word: Chunk[] = [];
  let width = 0;
  let newlines = 0;
  let inSpace = false;
  const endWord = (): void => {
    if (word.length > 0) items.push({ kind: 'word', chunks: word, width });
    word = [];
    width = 0;
  };
  for (const chunk of chunks) {
    for (const ch of chunk.text) {
      if (/\s/u.test(ch)) {
        if (!inSpace) {
          endWord();
          inSpace = true;
          newlines = 0;
        }
        if (ch === '\n') newlines++;
        continue;
      }
      if (inSpace) {
        if (newlines >= 2 && items.length > 0) items.push({ kind: 'break' });
        inSpace = false;
      }
      const shown = printable(ch);
      const last = word[word.length - 1];
      if (last && last.style === chunk.style) last.text += shown;
      else word.push({ text: shown, style: chunk.style });
      width += 1;
    }
  }
  endWord();
  return items;
}

/** Control characters (e.g. ESC) must not reach the terminal raw. */
function printable(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) ? '\uFFFD' : ch;
}

/** Greedy word wrap to `width` columns; over-long words are cut. */
function wrap(items: Item[], width: number): Line[] {
  const lines: Line[] = [];
  let current: Line = { chunks: [], width: 0 };
  const flush = (): void => {
    lines.push(current);
    current = { chunks: [], width: 0 };
  };
  for (const item of items) {
    if (item.kind === 'break') {
      if (current.width > 0) flush();
      lines.push({ chunks: [], width: 0 });
      continue;
    }
    if (current.width > 0 && current.width + 1 + item.width <= width) {
      current.chunks.push({ text: ' ', style: 'same' }, ...item.chunks);
      current.width += 1 + item.width;
      continue;
    }
    if (current.width > 0) flush();
    for (const piece of cut(item.chunks, width)) {
      if (current.width > 0) flush();
      current.chunks.push(...piece.chunks);
      current.width = piece.width;
    }
  }
  if (current.width > 0) flush();
  return lines;
}

/** Cuts a word's chunks into pieces at most `width` characters wide. */
function cut(chunks: Chunk[], width: number): Line[] {
  const pieces: Line[] = [];
  let piece: Line = { chunks: [], width: 0 };
  for (const chunk of chunks) {
    let rest = Array.from(chunk.text);
    while (rest.length > 0) {
      const room = width - piece.width;
      if (room === 0) {
        pieces.push(piece);
        piece = { chunks: [], width: 0 };
        continue;
      }
      const take = rest.slice(0, room);
      piece.chunks.push({ text: take.join(''), style: chunk.style });
      piece.width += take.length;
      rest = rest.slice(room);
    }
  }
  if (piece.width > 0) pieces.push(piece);
  return pieces;
}
