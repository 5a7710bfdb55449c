/**
 * `mimeo quotes --db DB`: the utterances quoted across a corpus (src/quotes/match.ts), with the
 * documents quoting them and how each variant drifted from the original's wording.
 */
import picocolors from 'picocolors';
import { describeDrift, utterances, type DriftSegment, type Utterance, type UtteranceVariant } from '../quotes/match.js';
import { openCliStore } from './db.js';
import { fit, terminalText, useColor } from './views-format.js';

export interface CorpusQuotesOptions {
  db?: string;
  speaker?: string;
  /** Only utterances with an altered variant, changed words marked. */
  drift?: boolean;
  json?: boolean;
}

/** `mimeo quotes --db DB --json`; `pending` = documents whose quotes are not extracted yet (run `mimeo scan`). */
export interface CorpusQuotesJson {
  utterances: Utterance[];
  pending: number;
}

const MAX_SHOWN = 300;
/** Words of a cut end shown before "…". */
const CUT_WORDS = 8;

export function runCorpusQuotes(options: CorpusQuotesOptions): string {
  const store = openCliStore(options.db, { readonly: true });
  try {
    const counts = store.counts();
    const pending = counts.documents - counts.duplicates - counts.indexed;
    const shown = filterUtterances(utterances(store), options);
    if (options.json) return JSON.stringify({ utterances: shown, pending } satisfies CorpusQuotesJson, null, 2) + '\n';
    return renderUtterances(shown, { drift: options.drift ?? false, color: useColor(), pending });
  } finally {
    store.close();
  }
}

export function filterUtterances(list: Utterance[], options: { speaker?: string; drift?: boolean }): Utterance[] {
  const wanted = options.speaker;
  return list.filter((u) => {
    if (options.drift && !u.altered) return false;
    if (wanted === undefined) return true;
    return [u.speaker, ...u.variants.map((v) => v.speaker)].some((name) => name !== null && speakerMatches(name, wanted));
  });
}

function nameWords(name: string): string[] {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** The query's words appear in the name in order: "zakir" in "Shohrat Zakir", but "hua" not in "Joshua". */
export function speakerMatches(name: string, query: string): boolean {
  const [words, wanted] = [nameWords(name), nameWords(query)];
  if (wanted.length === 0) return true;
  for (let i = 0; i + wanted.length <= words.length; i++) if (wanted.every((w, k) => words[i + k] === w)) return true;
  return false;
}

export function renderUtterances(list: Utterance[], options: { drift: boolean; color: boolean; pending: number }): string {
  const c = picocolors.createColors(options.color);
  const out: string[] = [];
  list.forEach((u, i) => {
    const docs = `${u.documents} ${u.documents === 1 ? 'document' : 'documents'}`;
    out.push(c.bold(`${i + 1}. ${terminalText(u.speaker ?? 'unknown speaker')}`) + c.dim(` · ${docs}${u.altered ? ' · altered' : ''}`));
    out.push(`   “${terminalText(fit(u.text, MAX_SHOWN))}”`);
    for (const v of u.variants) {
      out.push(`   ${variantLine(v, u.variants.length > 1, c)}`);
      if (v.drift && options.drift && v.drift.altered) out.push(`      ${markedWords(v.drift.segments, options.color)}`);
    }
    out.push('');
  });
  const multi = list.filter((u) => u.documents > 1).length;
  const altered = list.filter((u) => u.altered).length;
  if (list.length === 0) out.push(options.drift ? 'No altered quotes found.' : 'No quotes found.');
  out.push(c.dim(`${list.length} ${list.length === 1 ? 'utterance' : 'utterances'}, ${multi} quoted by more than one document, ${altered} altered`));
  if (options.pending > 0) out.push(c.dim(`${options.pending} ${options.pending === 1 ? 'document has' : 'documents have'} no quotes extracted yet (run 'mimeo scan')`));
  return out.join('\n') + '\n';
}

type Colors = ReturnType<typeof picocolors.createColors>;

/** "original 2018-10-16 · Outlet · doc-id" or "variant  date · outlet · doc-id · 3 words substituted". */
function variantLine(v: UtteranceVariant, several: boolean, c: Colors): string {
  const role = !several ? 'quoted in' : v.canonical ? c.green('original') : 'variant ';
  const cells = [
    v.published ? terminalText(v.published.slice(0, 10)) : 'no date',
    fit(terminalText(v.outlet ?? '-'), 24),
    fit(terminalText(v.doc), 40),
  ];
  if (v.duplicateOf) cells.push(c.dim(`exact duplicate of ${fit(terminalText(v.duplicateOf), 40)}`));
  else if (v.matchedBy && v.matchedBy !== 'link') cells.push(c.dim(`matched by ${v.matchedBy}`));
  if (v.drift) cells.push(describeDrift(v.drift));
  if (v.speaker && !v.canonical && v.drift?.speakerDifferent) cells.push(`said by ${terminalText(v.speaker)}`);
  return `${role} ${cells.join(' · ')}`;
}

/** The variant with changed words marked: colors on a terminal, else [-old-] {+new+} and [-…cut…-]. */
export function markedWords(segments: DriftSegment[], color: boolean): string {
  const c = picocolors.createColors(color);
  return segments
    .map((s, i) => {
      const text = terminalText(s.style === 'cut' ? cutText(s.text, i === 0) : s.text);
      if (s.style === 'same') return text;
      if (color) return s.style === 'added' ? c.green(text) : s.style === 'removed' ? c.red(text) : c.dim(c.red(text));
      return s.style === 'added' ? `{+${text}+}` : `[-${text}-]`;
    })
    .join(' ');
}

/** Cut words with "…" on the side they were cut from; a long cut keeps a few words: "…adapt religion to a … (55 words)". */
function cutText(text: string, atStart: boolean): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= CUT_WORDS) return atStart ? `${text}…` : `…${text}`;
  const kept = atStart ? words.slice(-CUT_WORDS).join(' ') : words.slice(0, CUT_WORDS).join(' ');
  return atStart ? `(${words.length} words) … ${kept}…` : `…${kept} … (${words.length} words)`;
}
