import type { AlignResult, Passage, PassageKind } from './types.js';

export type VerdictKind = 'none' | 'verbatim' | 'edited' | 'paraphrase' | 'partial';

/** Above this coverage (of either text) the pair is a copy, not a partial reuse. */
const COPY_COVERAGE = 0.6;
/** Share of matched text that must be verbatim passages for a "verbatim copy". */
const VERBATIM_SHARE = 0.8;
/** Share of matched text that must be paraphrase passages for a "paraphrase". */
const PARAPHRASE_SHARE = 0.5;

/** A short machine key for the overall relation between the two texts. */
export function verdictKind(result: AlignResult): VerdictKind {
  if (result.passages.length === 0) return 'none';
  if (Math.max(result.coverage.a, result.coverage.b) < COPY_COVERAGE) return 'partial';
  return dominantKind(result.passages);
}

/** Verbatim when nearly all matched text is verbatim, paraphrase when most of it is, else edited. */
export function dominantKind(passages: readonly Passage[]): PassageKind {
  if (passages.length === 0) return 'edited';
  const shares = kindShares(passages);
  if (shares.verbatim >= VERBATIM_SHARE) return 'verbatim';
  if (shares.paraphrase >= PARAPHRASE_SHARE) return 'paraphrase';
  return 'edited';
}

/** One line a reader without a technical background understands. */
export function verdict(result: AlignResult): string {
  const a = percent(result.coverage.a);
  const b = percent(result.coverage.b);
  const n = result.passages.length;
  switch (verdictKind(result)) {
    case 'none':
      return 'no reuse found';
    case 'verbatim':
      return `verbatim copy: B reproduces ${a} of A word for word${aside(b, a, 'of B')}`;
    case 'edited':
      return `edited copy: B reuses ${a} of A with changes${aside(b, a, 'of B')}`;
    case 'paraphrase':
      return `paraphrase or translation: ${b} of B is a reworded version of A${aside(a, b, 'of A')}`;
    case 'partial':
      return `partial reuse: ${n} ${n === 1 ? 'passage' : 'passages'}, ${a} of A, ${b} of B`;
  }
}

/** Each passage kind's share of the matched characters (both sides counted). */
function kindShares(passages: readonly Passage[]): Record<PassageKind, number> {
  const totals: Record<PassageKind, number> = { verbatim: 0, edited: 0, paraphrase: 0 };
  let all = 0;
  for (const p of passages) {
    // Zero-length passages still count a little so a degenerate result has a kind.
    const weight = Math.max(1, p.a[1] - p.a[0] + (p.b[1] - p.b[0]));
    totals[p.kind] += weight;
    all += weight;
  }
  return {
    verbatim: totals.verbatim / all,
    edited: totals.edited / all,
    paraphrase: totals.paraphrase / all,
  };
}

/** "(95% of B)" when it adds information, "" when it would repeat the main figure. */
function aside(value: string, main: string, what: string): string {
  return value === main ? '' : ` (${value} ${what})`;
}

/** 0.934 → "93%"; tiny non-zero values stay visible as "<1%". */
export function percent(fraction: number): string {
  if (fraction > 0 && fraction < 0.005) return '<1%';
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}
