import { parse as csvParse } from 'csv-parse';
import { decodedChunks } from './files.js';
import { compactMeta, normalizeAuthor, normalizeDate, normalizeLanguage, valueToString } from './meta.js';
import type { FieldMap, IngestItem } from './types.js';
import type { InputFile } from './walk.js';

export const defaultFields: FieldMap = {
  id: ['id'],
  title: ['title', 'headline'],
  text: ['text', 'content', 'body'],
  url: ['url', 'link'],
  outlet: ['outlet', 'source', 'publisher', 'site'],
  published: ['published', 'date', 'published_at', 'datePublished'],
  author: ['author', 'byline'],
  language: ['language', 'lang'],
};

/** The defaults with each given entry replacing that field's list (not appended to it). */
export function mergeFields(fields?: Partial<FieldMap>): FieldMap {
  const merged = { ...defaultFields };
  for (const key of Object.keys(defaultFields) as (keyof FieldMap)[]) {
    const names = fields?.[key];
    if (names && names.length > 0) merged[key] = [...names];
  }
  return merged;
}

/** Longest JSONL line we hold in memory; beyond it the line is skipped as a problem. */
const MAX_LINE_CHARS = 256 * 1024 * 1024;

/**
 * Reads a JSON Lines file as a stream, one record per line (1-based line numbers; blank lines skipped).
 * Our own line splitter rather than readline: it pulls chunks only as fast as records are consumed.
 */
export async function* readJsonl(file: InputFile, fields: FieldMap): AsyncGenerator<IngestItem> {
  let lineNo = 0;
  let carry = '';
  let oversized = false;
  const handle = (line: string): IngestItem | null => {
    lineNo++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim().length === 0) return null;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return problem(file, lineNo, 'not valid JSON');
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return problem(file, lineNo, 'not a JSON object');
    return recordItem(value as Record<string, unknown>, fields, file, lineNo, `${file.path}:${lineNo}`, 'jsonl');
  };
  for await (const chunk of decodedChunks(file.path)) {
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl >= 0) {
      const piece = chunk.slice(start, nl);
      let item: IngestItem | null;
      if (oversized) {
        lineNo++;
        item = problem(file, lineNo, 'line too long');
      } else {
        item = handle(carry ? carry + piece : piece);
      }
      carry = '';
      oversized = false;
      if (item) yield item;
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (!oversized) {
      carry += chunk.slice(start);
      if (carry.length > MAX_LINE_CHARS) {
        carry = '';
        oversized = true;
      }
    }
  }
  if (oversized) {
    lineNo++;
    yield problem(file, lineNo, 'line too long');
  } else if (carry) {
    const item = handle(carry);
    if (item) yield item;
  }
}

/**
 * Reads a CSV file with a header row, streaming. Quoted fields may span lines; rows with extra
 * cells keep the named columns; a malformed file yields its good rows, then one problem.
 */
export async function* readCsv(file: InputFile, fields: FieldMap): AsyncGenerator<IngestItem> {
  const rows: Record<string, string>[] = [];
  let failure: (Error & { lines?: number }) | null = null;
  const parser = csvParse({
    columns: true,
    relax_column_count: true,
    bom: true,
    skip_empty_lines: true,
    // Rows are taken here, synchronously: a stream that errors drops the records it had buffered.
    on_record: (record: Record<string, string>) => {
      rows.push(record);
      return null;
    },
  });
  parser.on('error', (error: Error) => {
    failure ??= error;
  });
  parser.resume();
  let row = 0;
  const drain = function* (): Generator<IngestItem> {
    for (const record of rows.splice(0)) {
      row++;
      yield recordItem(record, fields, file, row, `${file.path}#${row}`, 'csv');
    }
  };
  try {
    for await (const chunk of decodedChunks(file.path)) {
      await new Promise<void>((resolve) => parser.write(chunk, () => resolve()));
      yield* drain();
      if (failure) break;
    }
    if (!failure) {
      await new Promise<void>((resolve) => {
        parser.once('finish', resolve);
        parser.once('error', () => resolve());
        parser.end();
      });
    }
    yield* drain();
  } finally {
    parser.destroy();
  }
  if (failure) {
    const err = failure as Error & { lines?: number };
    const where = typeof err.lines === 'number' ? ` at line ${err.lines}` : '';
    yield problem(file, row + 1, `malformed CSV${where}: ${firstSentence(err.message)}`);
  } else if (row === 0) {
    yield { type: 'problem', problem: { file: file.path, reason: 'no records' } };
  }
}

function firstSentence(message: string): string {
  return message.replace(/\s+/g, ' ').replace(/:.*$/, '').trim();
}

function problem(file: InputFile, record: number, reason: string): IngestItem {
  return { type: 'problem', problem: { file: file.path, record, reason } };
}

/** Maps one JSONL object or CSV row to a document, or to a problem when it has no usable text. */
function recordItem(
  record: Record<string, unknown>,
  fields: FieldMap,
  file: InputFile,
  index: number,
  origin: string,
  format: 'jsonl' | 'csv',
): IngestItem {
  const lookup = fieldLookup(record);
  const text = textField(fields.text, lookup);
  if (text === null) return problem(file, index, `no text field (looked for ${fields.text.join(', ')})`);
  if (text.trim().length === 0) return problem(file, index, 'empty text');
  const get = (names: string[]): string | null => {
    for (const name of names) {
      const value = valueToString(lookup.get(name));
      if (value !== null) return value;
    }
    return null;
  };
  const id = get(fields.id) ?? `${file.rel}#${index}`;
  return {
    type: 'document',
    document: {
      id,
      text,
      meta: compactMeta({
        title: get(fields.title),
        url: get(fields.url),
        outlet: get(fields.outlet),
        published: normalizeDate(get(fields.published)),
        author: normalizeAuthor(get(fields.author)),
        language: normalizeLanguage(get(fields.language)),
      }),
      origin,
      format,
    },
  };
}

interface Fields {
  /** The value under `name` (exact, else case-insensitive), skipping null and empty strings. */
  get(name: string): unknown;
  /** Whether a key of that name exists at all, even empty. */
  has(name: string): boolean;
}

/** Field access by exact name, then case-insensitively (CSV headers are often capitalized). */
function fieldLookup(record: Record<string, unknown>): Fields {
  const usable = (value: unknown): boolean => value != null && value !== '';
  let lower: Map<string, unknown> | null = null;
  const folded = (): Map<string, unknown> => {
    if (!lower) {
      lower = new Map();
      for (const [key, value] of Object.entries(record)) {
        const k = key.trim().toLowerCase();
        if (!usable(lower.get(k))) lower.set(k, value);
      }
    }
    return lower;
  };
  return {
    get: (name) => {
      if (Object.hasOwn(record, name) && usable(record[name])) return record[name];
      const value = folded().get(name.toLowerCase());
      return usable(value) ? value : undefined;
    },
    has: (name) => Object.hasOwn(record, name) || folded().has(name.toLowerCase()),
  };
}

/**
 * The article text, verbatim (not whitespace-collapsed: offsets refer to it).
 * Null when no text field is present at all; "" when present but empty.
 */
function textField(names: string[], fields: Fields): string | null {
  let present = false;
  for (const name of names) {
    const value = fields.get(name);
    if (typeof value === 'string' && value.trim().length > 0) return value;
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      const joined = value.join('\n\n');
      if (joined.trim()) return joined;
    }
    if (fields.has(name)) present = true;
  }
  return present ? '' : null;
}
