import type { QuotePart } from './types.js';

// Quote-mark scanning. The text is cut into paragraph blocks; inside a block a small state machine
// pairs opening and closing marks of the primary style (double marks, or single marks in texts
// written in the British style) and treats the other style as nested. A quote never runs past its
// block unless the next block opens with a quote mark (a multi-paragraph quote) or the block break
// is a single line break inside a hard-wrapped paragraph. Everything is one linear pass.

/** A paragraph block [start, end) without its surrounding whitespace. */
export interface Block {
  start: number;
  end: number;
  /** Separated from the previous block by a single line break (hard-wrapped text may continue). */
  soft: boolean;
}

/** A quote as found by the marks alone: one part, or several for a multi-paragraph quote. */
export interface MarkedQuote {
  parts: QuotePart[];
  /** Index of the block holding the first part, and of the one holding the last. */
  firstBlock: number;
  lastBlock: number;
}

type Kind = 'double' | 'single';
type Role = 'open' | 'close' | 'either';

interface Mark {
  pos: number;
  len: number;
  kind: Kind;
  role: Role;
  /** Could open: not followed by a space and preceded by a space, an opening bracket or a dash. */
  left: boolean;
  /** Could close: not preceded by a space and followed by a space or punctuation. */
  right: boolean;
}

const MARK_CHARS = /["'\u2018\u2019\u201A\u201C\u201D\u201E\u201F\u00AB\u00BB\u2039\u203A`]/g;
const OPENING_PUNCT = new Set(['(', '[', '{', '\u2014', '\u2013', '-', '/', '\u2026']);
const ALNUM = /[\p{L}\p{N}]/u;
const QUOTE_CHARS = new Set(['"', "'", '\u2018', '\u2019', '\u201A', '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2039', '\u203A']);
// Words that start with an apostrophe: 'em, 'cause, 'til, rock 'n' roll.
const ELISIONS = /^(?:em|cause|cuz|til|till|n|tis|twas|bout|round|nother|kay|sup|ello|er)(?![\p{L}])/iu;
/** Sentence-final punctuation at the end of a quoted paragraph. */
const SENTENCE_END = /[.!?\u2026]["'\u2019\u201D)\]]*\s*$/;
const LETTER = /\p{L}/u;
const DIGIT = /\d/;
// Invisible format characters (bidi marks, zero-width spaces) count as space around a mark.
const SPACE = /[\s\p{Cf}]/u;
// Markup (embedded tweets, <a href="...">): quote marks inside a tag are attribute delimiters.
const TAG = /<[A-Za-z/!][^<>\n]{0,600}>/g;

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || ch === '' || SPACE.test(ch);
}

/** Splits the text into paragraph blocks at blank lines and at line breaks that end a paragraph. */
export function paragraphBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let blockStart = -1;
  let blockEnd = -1;
  let lastLineEnd = -1; // content end of the previous non-blank line in the current block
  let soft = false;
  let pos = 0;
  const close = () => {
    if (blockStart >= 0) blocks.push({ start: blockStart, end: blockEnd, soft });
    blockStart = -1;
  };
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let s = pos;
    let e = nl;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (s === e) {
      close();
      soft = false;
    } else if (blockStart < 0) {
      blockStart = s;
      blockEnd = e;
    } else if (endsParagraph(text, lastLineEnd, s)) {
      close();
      soft = true;
      blockStart = s;
      blockEnd = e;
    } else {
      blockEnd = e;
    }
    if (s !== e) lastLineEnd = e;
    pos = nl + 1;
  }
  close();
  return blocks;
}

/** A single line break ends a paragraph when the line ends a sentence and the next one starts one. */
function endsParagraph(text: string, prevEnd: number, nextStart: number): boolean {
  const last = text[prevEnd - 1];
  const first = text[nextStart];
  const endsSentence = /[.!?:\u2026"'\u2019\u201D\u00BB)\]]/.test(last) || prevEnd - lineStartOf(text, prevEnd) < 60;
  const startsSentence = !/\p{Ll}/u.test(first);
  return endsSentence && startsSentence;
}

function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

function tagRanges(text: string, start: number, end: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const slice = text.slice(start, end);
  if (!slice.includes('<')) return ranges;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(slice); m; m = TAG.exec(slice)) ranges.push([start + m.index, start + m.index + m[0].length]);
  return ranges;
}

/** Quote marks of one block with their roles; apostrophes, measure signs and markup are left out. */
function scanMarks(text: string, start: number, end: number): Mark[] {
  const marks: Mark[] = [];
  const tags = tagRanges(text, start, end);
  let tag = 0;
  MARK_CHARS.lastIndex = start;
  for (let m = MARK_CHARS.exec(text); m && m.index < end; m = MARK_CHARS.exec(text)) {
    const pos = m.index;
    while (tag < tags.length && tags[tag][1] <= pos) tag++;
    if (tag < tags.length && tags[tag][0] <= pos) {
      MARK_CHARS.lastIndex = tags[tag][1];
      continue;
    }
    const ch = text[pos];
    // attr="value" in markup broken across lines, where no whole tag is seen: not a quote mark.
    if (text[pos - 1] === '=' || text[pos + 1] === '>') continue;
    // Runs of straight apostrophes or backticks: '' and `` stand for a double mark.
    if (ch === "'" || ch === '`') {
      let run = 1;
      while (pos + run < end && text[pos + run] === ch) run++;
      if (run >= 2) {
        MARK_CHARS.lastIndex = pos + run;
        if (run === 3) {
          // ''' is a double and a single mark: which comes first depends on opening or closing.
          const opening = isSpace(text[pos - 1]) || pos === start;
          if (opening) {
            pushMark(marks, text, start, end, pos, 2, 'double', ch === '`' ? 'open' : 'either');
            pushMark(marks, text, start, end, pos + 2, 1, 'single', 'open');
          } else {
            pushMark(marks, text, start, end, pos, 1, 'single', 'close');
            pushMark(marks, text, start, end, pos + 1, 2, 'double', 'either');
          }
        } else {
          pushMark(marks, text, start, end, pos, 2, 'double', ch === '`' ? 'open' : 'either');
        }
        continue;
      }
      if (ch === '`') {
        pushMark(marks, text, start, end, pos, 1, 'single', 'open');
        continue;
      }
      if (isApostrophe(text, start, end, pos)) continue;
      pushMark(marks, text, start, end, pos, 1, 'single', 'either');
      continue;
    }
    switch (ch) {
      case '"':
        pushMark(marks, text, start, end, pos, 1, 'double', 'either');
        break;
      case '\u201C':
      case '\u201E':
      case '\u201F':
      case '\u00AB':
        pushMark(marks, text, start, end, pos, 1, 'double', 'open');
        break;
      case '\u201D':
      case '\u00BB':
        pushMark(marks, text, start, end, pos, 1, 'double', 'close');
        break;
      case '\u2018':
      case '\u201A':
      case '\u2039':
        if (!isApostrophe(text, start, end, pos)) pushMark(marks, text, start, end, pos, 1, 'single', 'open');
        break;
      case '\u2019':
      case '\u203A':
        if (!isApostrophe(text, start, end, pos)) pushMark(marks, text, start, end, pos, 1, 'single', 'close');
        break;
    }
  }
  return marks;
}

function pushMark(marks: Mark[], text: string, start: number, end: number, pos: number, len: number, kind: Kind, role: Role): void {
  const prev = pos > start ? text[pos - 1] : '';
  const next = pos + len < end ? text[pos + len] : '';
  // “ … they said”: a quotation taken up mid-sentence opens with an ellipsis, often after a space.
  const elided = isSpace(next) && next !== '' && /^\s?(?:\u2026|\.\.\.)\s?[\p{L}\p{N}]/u.test(text.slice(pos + len + 1, pos + len + 7));
  const left = (!isSpace(next) || elided) && (isSpace(prev) || OPENING_PUNCT.has(prev) || QUOTE_CHARS.has(prev));
  const right = !isSpace(prev) && !OPENING_PUNCT.has(prev) && !ALNUM.test(next);
  marks.push({ pos, len, kind, role, left, right });
}

/** A single mark inside a word (don't, O'Brien), an elision ('90s, 'em) or a feet sign (5'10). */
function isApostrophe(text: string, start: number, end: number, pos: number): boolean {
  const prev = pos > start ? text[pos - 1] : '';
  const next = pos + 1 < end ? text[pos + 1] : '';
  if (LETTER.test(prev) && LETTER.test(next)) return true;
  if (DIGIT.test(prev)) return true;
  if (DIGIT.test(next) && !LETTER.test(prev)) return /^\d{2}s\b|^\d{2}(?!\d)/.test(text.slice(pos + 1, pos + 5));
  if (LETTER.test(next) && isSpace(prev) && text[pos] !== '\u2018') return ELISIONS.test(text.slice(pos + 1, pos + 8));
  return false;
}

/**
 * A double mark right after a digit is an inch sign (5'10"), unless it closes an open quote after a
 * number. Curly text turns the sign into a closing mark (“he’s 5’2”. You know...”): after feet and
 * inches it is still a sign when a later mark in the paragraph can close the quote.
 */
function isInchSign(text: string, mark: Mark, quoteOpen: boolean, laterClose: () => boolean): boolean {
  if (mark.kind !== 'double' || mark.len !== 1 || (text[mark.pos] !== '"' && text[mark.pos] !== '\u201D')) return false;
  if (!DIGIT.test(text[mark.pos - 1] ?? '')) return false;
  const feetAndInches = /\d['\u2019\u2032]\s?\d{1,2}$/.test(text.slice(Math.max(0, mark.pos - 8), mark.pos));
  if (text[mark.pos] === '\u201D') return quoteOpen && feetAndInches && laterClose();
  return !quoteOpen || feetAndInches;
}

/** The quote style a text uses: single marks only when they clearly outnumber double ones. */
export function primaryKind(text: string, blocks: Block[]): Kind {
  let doubles = 0;
  let singleOpens = 0;
  for (const block of blocks) {
    for (const mark of scanMarks(text, block.start, block.end)) {
      if (mark.kind === 'double') doubles++;
      else if (mark.left && mark.role !== 'close') singleOpens++;
    }
  }
  return singleOpens >= 2 && singleOpens > 2 * doubles ? 'single' : 'double';
}

interface OpenQuote {
  /** The opening mark of the current part. */
  mark: Mark;
  parts: QuotePart[];
  firstBlock: number;
}

/**
 * Finds the quotes of a text by their marks. Unbalanced marks are resolved inside their block:
 * a stray closing mark is ignored, an opening mark that never closes either starts a
 * multi-paragraph quote (the next block opens with a mark), runs to the end of its block when it
 * opens the block, or is dropped, and the pairs nested inside it become quotes of their own.
 */
export function findMarkedQuotes(text: string, blocks: Block[] = paragraphBlocks(text)): MarkedQuote[] {
  const kind = primaryKind(text, blocks);
  const quotes: MarkedQuote[] = [];
  let carried: OpenQuote | null = null; // a multi-paragraph quote waiting for the next block
  // A block without marks of the primary style may still quote in the other one (headlines: ‘...’).
  const blockKinds: Kind[] = [];
  const blockMarks = blocks.map((b) => {
    const all = scanMarks(text, b.start, b.end);
    const primary = all.filter((m) => m.kind === kind);
    const useOther = primary.length === 0 && all.length > 0;
    blockKinds.push(useOther ? (kind === 'double' ? 'single' : 'double') : kind);
    return useOther ? all : primary;
  });

  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi];
    const marks = blockMarks[bi];
    const stack: Mark[] = [];
    let current: OpenQuote | null = null;
    // Pairs closed while an outer mark was open: nested, unless the outer one turns out stray.
    let nested: MarkedQuote[] = [];

    if (carried) {
      const first = marks[0];
      if (first && first.pos === block.start && first.role !== 'close') {
        current = carried;
        current.mark = first;
        stack.push(first);
      } else if (block.soft) {
        // Hard-wrapped paragraph: the open part simply goes on (it is added again when it closes).
        current = carried;
        current.parts.pop();
        stack.push(carried.mark);
      } else {
        finishUnclosed(blocks, carried, quotes);
      }
      carried = null;
    }

    for (let mi = 0; mi < marks.length; mi++) {
      const mark = marks[mi];
      if (current && mark === current.mark) continue;
      if (isInchSign(text, mark, stack.length > 0, () => marks.slice(mi + 1).some((m) => m.kind === 'double' && m.role !== 'open'))) continue;
      let role: Role = mark.role;
      if (role === 'either') {
        if (blockKinds[bi] === 'single') role = mark.left && !mark.right ? 'open' : mark.right && !mark.left ? 'close' : stack.length > 0 ? 'close' : 'open';
        // Straight double marks alternate; a lone closing-looking mark with nothing open is stray.
        // Inside a quote, a mark that can only open (“... shouted "Allah hu Akbar!" as ...”) opens a
        // quote nested in the same marks when the next two marks can close (the nested quote's and
        // the outer one's) and it does not start a sentence; anything else closes (“... from harm,
        // "Dana Pell said.”, “... mischief. "Sometimes ...” after a lost closing mark).
        else role = stack.length > 0 ? (mark.left && !mark.right && nestedOpen(text, marks, mi) ? 'open' : 'close') : mark.right && !mark.left ? 'close' : 'open';
      } else if (role === 'open' && stack.length > 0 && text[mark.pos] === '\u201C' && text[stack[stack.length - 1].pos] === '\u201E') {
        role = 'close'; // German „...“
      } else if (role === 'open' && stack.length > 0 && ((mark.right && !mark.left) || mark.pos + mark.len >= block.end)) {
        role = 'close'; // an opening glyph used to close: reform.“ — or ending the paragraph: “They see that. “
      } else if (role === 'close' && stack.length === 0 && mark.left && !mark.right) {
        role = 'open'; // a closing glyph used to open: ”We
      }
      if (role === 'open') {
        if (stack.length === 0 && !current) current = { mark, parts: [], firstBlock: bi };
        stack.push(mark);
        continue;
      }
      const opener = stack.pop();
      if (!opener) continue; // stray closing mark
      if (stack.length > 0) {
        nested.push({ parts: [part(opener, mark, true)], firstBlock: bi, lastBlock: bi });
        continue;
      }
      if (current) {
        current.parts.push(part(current.mark, mark, true));
        quotes.push({ parts: current.parts, firstBlock: current.firstBlock, lastBlock: bi });
      }
      current = null;
      nested = [];
    }

    if (current) {
      const bottom = current.mark;
      const next = blocks[bi + 1];
      const nextMarks = blockMarks[bi + 1];
      const opensNext = next !== undefined && nextMarks !== undefined && nextMarks.length > 0 && nextMarks[0].pos === next.start && nextMarks[0].role !== 'close';
      // Complete pairs of the same style inside an unclosed mark mean the mark itself is stray.
      const continues = next !== undefined && nested.length === 0 && (opensNext ? continuable(text, block, bottom) : next.soft && bottom.left);
      if (continues) {
        current.parts.push(openPart(text, bottom, block.end));
        carried = current;
      } else if ((bottom.pos === block.start || (nested.length === 0 && (continuable(text, block, bottom) || opensSentenceAfterStop(text, block, bottom)))) && (nested.length === 0 || current.parts.length > 0) && SENTENCE_END.test(text.slice(bottom.pos, block.end))) {
        // A paragraph that opens a quote and never closes it: the quote is the paragraph.
        current.parts.push(openPart(text, bottom, block.end));
        quotes.push({ parts: current.parts, firstBlock: current.firstBlock, lastBlock: bi });
      } else {
        if (current.parts.length > 0) quotes.push({ parts: current.parts, firstBlock: current.firstBlock, lastBlock: bi - 1 });
        // The unclosed mark was stray: pairs inside it stand on their own.
        quotes.push(...nested);
      }
    }
  }
  if (carried) finishUnclosed(blocks, carried, quotes);
  quotes.sort((a, b) => a.parts[0].start - b.parts[0].start);
  return quotes;
}

/** marks[i], inside an open quote, opens a nested one: the next two marks close both, and it starts no sentence. */
function nestedOpen(text: string, marks: Mark[], i: number): boolean {
  if (!marks[i + 1]?.right || !marks[i + 2]?.right || marks[i + 1].left) return false;
  return !/[.!?]["'\u201D\u2019]?\s*$/.test(text.slice(Math.max(0, marks[i].pos - 3), marks[i].pos));
}

/** A multi-paragraph quote whose next paragraph does not go on: keep the parts it has. */
function finishUnclosed(blocks: Block[], open: OpenQuote, quotes: MarkedQuote[]): void {
  if (open.parts.length === 0) return;
  const last = open.parts[open.parts.length - 1];
  const lastBlock = blocks.findIndex((b) => b.start <= last.start && last.start < b.end);
  quotes.push({ parts: open.parts, firstBlock: open.firstBlock, lastBlock: Math.max(open.firstBlock, lastBlock) });
}

/** An unclosed mark may go on in the next paragraph when it opens speech, not when it is stray. */
function continuable(text: string, block: Block, mark: Mark): boolean {
  if (!mark.left) return false;
  if (mark.pos === block.start) return true;
  const before = text.slice(Math.max(block.start, mark.pos - 3), mark.pos).trimEnd();
  return /[:,]$/.test(before);
}

/**
 * “A,” he said. “B. C. — an opening mark that starts a new sentence and is never closed: the
 * quote goes on to the paragraph's end (its closing mark left off, as before a quote continued in
 * the next paragraph). Not when the words hold their own attribution (“B, said the chair.): then
 * the closing mark was lost, and the mark is left stray.
 */
function opensSentenceAfterStop(text: string, block: Block, mark: Mark): boolean {
  if (!mark.left) return false;
  const before = text.slice(Math.max(block.start, mark.pos - 3), mark.pos).trimEnd();
  return /[.!?]$/.test(before) && !ATTRIBUTION_INSIDE.test(text.slice(mark.pos, block.end));
}
/** ", said the chair" / ", she said": an attribution clause, which a quote does not hold. */
const ATTRIBUTION_INSIDE = /,\s+(?:[\p{L}.'\u2019-]+\s+){0,4}(?:said|says|told|tells|added|adds|asked|asks|explained|noted|wrote|writes)\b/u;

function part(open: Mark, close: Mark, closed: boolean): QuotePart {
  return { start: open.pos, end: close.pos + close.len, innerStart: open.pos + open.len, innerEnd: close.pos, closed };
}

function openPart(text: string, open: Mark, blockEnd: number): QuotePart {
  // A source note closing the paragraph ("[Gallup.]") is not part of the quote.
  const note = /\s*\[[^\[\]]{1,40}\]$/.exec(text.slice(Math.max(open.pos, blockEnd - 50), blockEnd));
  if (note) blockEnd -= note[0].length;
  let innerEnd = blockEnd;
  while (innerEnd > open.pos + open.len && isSpace(text[innerEnd - 1])) innerEnd--;
  return { start: open.pos, end: blockEnd, innerStart: open.pos + open.len, innerEnd, closed: false };
}
