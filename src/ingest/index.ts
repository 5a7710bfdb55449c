import { cleanDocument } from './control-chars.js';
import { DEFAULT_MAX_BYTES } from './decode.js';
import { readLimited, readTextFile, reasonOf } from './files.js';
import { decodeHtml, extractHtml } from './html.js';
import { mergeFields, readCsv, readJsonl } from './records.js';
import { parseMarkdown, parseTxt, type ParsedText } from './text.js';
import type { FieldMap, IngestItem, IngestOptions } from './types.js';
import { walkInputs, type InputFile, type WalkItem } from './walk.js';
import { readWarc } from './warc.js';

export type * from './types.js';
export { defaultFields } from './records.js';
export { extractHtml, type ExtractedHtml } from './html.js';
export { cleanDocument, withoutControlChars } from './control-chars.js';
export { formatOf, walkInputs, type InputFile, type WalkItem } from './walk.js';

/** How long the generator may run synchronous work before letting timers and I/O callbacks in. */
const BREATHE_MS = 50;

/**
 * Reads articles from files and folders, one item at a time: documents, and problems for
 * whatever could not be read (never thrown). Output order is the input order (folders sorted).
 * Files are read one after another (a folder of 100k files holds one descriptor at a time);
 * JSONL, CSV and WARC files are streamed. Ids are unique within one run: a repeated id
 * gets `#2`, `#3`, ...
 */
export async function* ingest(inputs: string[], options: IngestOptions = {}): AsyncGenerator<IngestItem> {
  const ids = new UniqueIds();
  for await (const item of readFiles(walkInputs(inputs), options)) {
    if (item.type === 'document') item.document.id = ids.claim(item.document.id);
    yield item;
  }
}

/**
 * The articles of files already listed (by walkInputs), in order, with their ids as found: a
 * distributed scan reads shards of a listing on several machines and makes the ids unique
 * (UniqueIds) when it stores them in listing order.
 */
export async function* readFiles(entries: AsyncIterable<WalkItem> | Iterable<WalkItem>, options: IngestOptions = {}): AsyncGenerator<IngestItem> {
  const fields = mergeFields(options.fields);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_BYTES;
  let lastBreath = Date.now();
  for await (const entry of entries) {
    if (entry.type === 'problem') {
      yield entry;
      continue;
    }
    const file = entry.file;
    const items = file.format === 'jsonl' || file.format === 'csv' || file.format === 'warc' ? readContainer(file, fields, maxBytes) : readWholeItem(file, maxBytes);
    for await (const item of items) {
      yield item.type === 'document' ? { type: 'document', document: cleanDocument(item.document) } : item;
      // Small files are read synchronously and HTML extraction is CPU work: without a pause now
      // and then, a consumer's progress timer or signal handler would wait for the whole run.
      if (Date.now() - lastBreath > BREATHE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastBreath = Date.now();
      }
    }
  }
}

/** A container file's items; a failure becomes a problem after the items read so far. */
async function* readContainer(file: InputFile, fields: FieldMap, maxBytes: number): AsyncGenerator<IngestItem> {
  try {
    if (file.format === 'jsonl') yield* readJsonl(file, fields);
    else if (file.format === 'csv') yield* readCsv(file, fields);
    else yield* readWarc(file, maxBytes);
  } catch (error) {
    yield { type: 'problem', problem: { file: file.path, reason: reasonOf(error, file.path) } };
  }
}

/** One txt/md/html file as a document or a problem. */
async function* readWholeItem(file: InputFile, maxBytes: number): AsyncGenerator<IngestItem> {
  try {
    const parsed = await readWhole(file, maxBytes);
    if (!parsed.text.trim()) {
      const reason = file.format === 'html' ? 'no article text' : 'no text';
      yield { type: 'problem', problem: { file: file.path, reason } };
      return;
    }
    yield { type: 'document', document: { id: file.rel, text: parsed.text, meta: parsed.meta, origin: file.path, format: file.format } };
  } catch (error) {
    yield { type: 'problem', problem: { file: file.path, reason: reasonOf(error, file.path) } };
  }
}

async function readWhole(file: InputFile, maxBytes: number): Promise<ParsedText> {
  if (file.format === 'html') return extractHtml(decodeHtml(await readLimited(file.path, maxBytes), file.path));
  const text = await readTextFile(file.path, maxBytes);
  return file.format === 'md' ? parseMarkdown(text) : parseTxt(text);
}

/** Hands out ids, suffixing repeats with `#2`, `#3`, ... (skipping suffixes already taken). */
export class UniqueIds {
  private readonly seen = new Set<string>();
  private readonly next = new Map<string, number>();

  claim(id: string): string {
    if (!this.seen.has(id)) {
      this.seen.add(id);
      return id;
    }
    let n = this.next.get(id) ?? 2;
    while (this.seen.has(`${id}#${n}`)) n++;
    this.next.set(id, n + 1);
    const unique = `${id}#${n}`;
    this.seen.add(unique);
    return unique;
  }
}
