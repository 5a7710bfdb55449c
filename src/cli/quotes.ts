import type { Command } from 'commander';
import picocolors from 'picocolors';
import { readText } from '../ingest/decode.js';
import { extractQuotes, type Quote } from '../quotes/index.js';
import { dbOption } from './db.js';
import { UserError } from './errors.js';
import { runCorpusQuotes, speakerMatches } from './quotes-corpus.js';

export interface QuotesOptions {
  json?: boolean;
  db?: string;
  speaker?: string;
  drift?: boolean;
}

/** One quote of `mimeo quotes --json`; offsets are into the file's decoded text. */
export interface QuoteJson {
  start: number;
  end: number;
  text: string;
  cue: { start: number; end: number; verb: string } | null;
  speaker: { name: string; start: number; end: number; mention: string; role: string | null; kind: string } | null;
  parts: Array<{ start: number; end: number }>;
}

export function registerQuotes(program: Command): void {
  program
    .command('quotes')
    .description('list the direct quotations of one article with their speakers, or (without FILE) the utterances quoted across a corpus')
    .argument('[file]', 'article text ("-" reads stdin); without it, the corpus database')
    .addOption(dbOption())
    .option('--speaker <name>', 'only quotes of this speaker (words of the name, any case)')
    .option('--drift', 'corpus: only utterances quoted in altered form, changed words marked')
    .option('--json', 'print machine-readable JSON')
    .action(async (file: string | undefined, options: QuotesOptions) => {
      if (file !== undefined && options.db !== undefined) throw new UserError('give either FILE or --db, not both', 2);
      if (file === undefined) process.stdout.write(runCorpusQuotes(options));
      else if (options.drift) throw new UserError('--drift compares quotes across a corpus: use it with --db, without FILE', 2);
      else process.stdout.write(await runQuotes(file, options));
    });
}

/** Runs `mimeo quotes` and returns what it prints. */
export async function runQuotes(path: string, options: QuotesOptions = {}): Promise<string> {
  const { text } = await readText(path);
  const quotes = extractQuotes(text).filter((q) => options.speaker === undefined || q.speaker !== null && speakerMatches(q.speaker.name, options.speaker));
  if (options.json) return JSON.stringify(quotes.map(toJson), null, 2) + '\n';
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  return renderQuotes(quotes, path === '-' ? 'stdin' : path, color);
}

export function toJson(quote: Quote): QuoteJson {
  const s = quote.speaker;
  return {
    start: quote.start,
    end: quote.end,
    text: quote.text,
    cue: quote.cue ? { start: quote.cue.start, end: quote.cue.end, verb: quote.cue.verb } : null,
    speaker: s ? { name: s.name, start: s.start, end: s.end, mention: s.mention, role: s.role, kind: s.kind } : null,
    parts: quote.parts.map((p) => ({ start: p.start, end: p.end })),
  };
}

const MAX_SHOWN = 300;

export function renderQuotes(quotes: Quote[], name: string, color: boolean): string {
  const c = picocolors.createColors(color);
  const lines = [c.bold(`${name}: ${quotes.length} quote${quotes.length === 1 ? '' : 's'}`)];
  quotes.forEach((q, i) => {
    const shown = q.text.length > MAX_SHOWN ? `${q.text.slice(0, MAX_SHOWN)}…` : q.text;
    lines.push('', `${c.dim(`${i + 1}.`)} ${c.dim(`[${q.start}-${q.end}]`)} “${shown}”`);
    const who = q.speaker
      ? `${c.cyan(q.speaker.name)}${q.speaker.role ? c.dim(`, ${q.speaker.role}`) : ''}${q.speaker.mention !== q.speaker.name ? c.dim(` (as “${q.speaker.mention}”, ${q.speaker.kind})`) : ''} ${c.dim(`[${q.speaker.start}-${q.speaker.end}]`)}`
      : c.dim('unknown');
    const cue = q.cue ? `${q.cue.verb} ${c.dim(`[${q.cue.start}-${q.cue.end}]`)}` : c.dim('none');
    lines.push(`   speaker: ${who}`, `   cue: ${cue}${q.parts.length > 1 ? c.dim(`, ${q.parts.length} parts`) : ''}${q.paragraphs > 1 ? c.dim(`, ${q.paragraphs} paragraphs`) : ''}`);
  });
  return lines.join('\n') + '\n';
}
