import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { clusterMembership, directLink, reprintClusters, type DirectedLink, type DirectionCall } from '../provenance/index.js';
import { documentMetaJson, type DocumentInfo, type DocumentMetaJson, type Store } from '../store/index.js';
import { dbOption, openCliStore } from './db.js';
import { UserError } from './errors.js';
import { allDocuments, linkJson, type LinkJson } from './views-format.js';
import { oneOf } from './views-options.js';

export type ExportFormat = 'jsonl' | 'csv' | 'gexf';
export type ExportWhat = 'links' | 'documents';

const FORMATS: readonly ExportFormat[] = ['jsonl', 'csv', 'gexf'];
const WHATS: readonly ExportWhat[] = ['links', 'documents'];

export interface ExportOptions {
  format: ExportFormat;
  /** jsonl and csv only (default links); gexf always has both. */
  what?: ExportWhat;
  /** gexf: also documents without any link. */
  allDocuments?: boolean;
}

/** Receives the output a chunk at a time; may return a promise to apply back-pressure. */
export type Sink = (chunk: string) => void | Promise<void>;

/** A link line of `mimeo export --format jsonl`: the `links --json` item plus titles, outlets and direction. */
export interface LinkExportJson extends LinkJson {
  aTitle: string | null;
  bTitle: string | null;
  aOutlet: string | null;
  bOutlet: string | null;
  /** Id of the original (a or b), or null when undetermined. */
  source: string | null;
  /** Probability that `source` is right; 0.5 when undetermined. */
  directionConfidence: number;
  directionBasis: DirectionCall['basis'];
}

/** A document line of `mimeo export --format jsonl --what documents` (no text). */
export interface DocumentExportJson extends DocumentMetaJson {
  origin: string;
  format: string;
  added: string;
  /** Reprint cluster id (lowest seq of its members), or null when in none. */
  cluster: number | null;
}

/** Writes the whole export to `sink`, in chunks, without holding the output in memory. */
export async function exportCorpus(store: Store, options: ExportOptions, sink: Sink): Promise<void> {
  const out = new Buffered(sink);
  const what = options.what ?? 'links';
  if (options.format === 'gexf') await writeGexf(store, options.allDocuments ?? false, out);
  else if (what === 'documents') await writeDocuments(store, options.format, out);
  else await writeLinks(store, options.format, out);
  await out.flush();
}

/** Collects small writes into ~64 KiB chunks: one sink call per line would be slow. */
class Buffered {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly sink: Sink) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 65536) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.sink(chunk);
  }
}

// ---------------------------------------------------------------- direction and clusters

/** Every link with its direction, and each clustered document's reprint cluster. */
interface Provenance {
  links: DirectedLink[];
  clusterOf: Map<string, number>;
}

/**
 * One metadata pass over the documents (texts are never read, unlike directedLinks(store)).
 * A link whose document is gone (a writer changed the store meanwhile) is left out.
 */
function provenanceOf(store: Store): Provenance {
  // The Store returns all links at once; the output is still written a line at a time.
  const records = store.links();
  const linked = new Set<string>();
  for (const link of records) linked.add(link.a).add(link.b);
  const docs = new Map<string, DocumentInfo>();
  for (const doc of allDocuments(store)) if (linked.has(doc.id)) docs.set(doc.id, doc);
  const links: DirectedLink[] = [];
  for (const link of records) {
    const [a, b] = [docs.get(link.a), docs.get(link.b)];
    if (a && b) links.push(directLink(link, a, b));
  }
  return { links, clusterOf: clusterMembership(reprintClusters(links)) };
}

// ---------------------------------------------------------------- links and documents (jsonl, csv)

export function linkExportJson(directed: DirectedLink): LinkExportJson {
  const { a, b, direction } = directed;
  return {
    ...linkJson(directed),
    aTitle: a.meta.title ?? null,
    bTitle: b.meta.title ?? null,
    aOutlet: a.meta.outlet ?? null,
    bOutlet: b.meta.outlet ?? null,
    source: directed.source,
    directionConfidence: direction.confidence,
    directionBasis: direction.basis,
  };
}

const LINK_COLUMNS = [
  'a', 'b', 'kind', 'coverage_a', 'coverage_b', 'score', 'duplicate', 'passages', 'a_title', 'b_title', 'a_outlet', 'b_outlet',
  'source', 'direction_confidence',
];

async function writeLinks(store: Store, format: 'jsonl' | 'csv', out: Buffered): Promise<void> {
  const { links } = provenanceOf(store);
  if (format === 'csv') await out.write(csvRow(LINK_COLUMNS));
  for (const link of links) {
    const item = linkExportJson(link);
    if (format === 'jsonl') await out.write(JSON.stringify(item) + '\n');
    else await out.write(csvRow(linkCells(item)));
  }
}

function linkCells(l: LinkExportJson): Cell[] {
  return [
    l.a, l.b, l.kind, l.coverageA, l.coverageB, l.score, l.duplicate, l.passages.length, l.aTitle, l.bTitle, l.aOutlet, l.bOutlet,
    l.source, l.directionConfidence,
  ];
}

export function documentExportJson(doc: DocumentInfo, cluster: number | null = null): DocumentExportJson {
  return { ...documentMetaJson(doc), origin: doc.origin, format: doc.format, added: doc.added, cluster };
}

const DOCUMENT_COLUMNS = [
  'id', 'seq', 'title', 'outlet', 'published', 'url', 'author', 'language', 'chars', 'duplicate_of', 'origin', 'format', 'added', 'cluster',
];

async function writeDocuments(store: Store, format: 'jsonl' | 'csv', out: Buffered): Promise<void> {
  const { clusterOf } = provenanceOf(store);
  if (format === 'csv') await out.write(csvRow(DOCUMENT_COLUMNS));
  for (const doc of allDocuments(store)) {
    const item = documentExportJson(doc, clusterOf.get(doc.id) ?? null);
    await out.write(format === 'jsonl' ? JSON.stringify(item) + '\n' : csvRow(Object.values(item)));
  }
}

type Cell = string | number | boolean | null;

/** One RFC 4180 record: fields with a comma, quote or line break are quoted, quotes doubled; CRLF ends it. */
export function csvRow(cells: Cell[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

function csvField(cell: Cell): string {
  const text = cell === null ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// ---------------------------------------------------------------- GEXF

/** Characters XML 1.0 forbids outright (C0 controls but tab/CR/LF, U+FFFE/FFFF, lone surrogates): dropped. */
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Character references keep tabs and line breaks through attribute-value normalization.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Text safe inside an XML attribute value or element. */
export function xmlEscape(value: string): string {
  return value.replace(XML_ILLEGAL, '').replace(/[&<>"'\t\n\r]/g, (ch) => XML_ENTITIES[ch]);
}

const NODE_ATTRIBUTES: Array<[id: string, type: string]> = [
  ['document', 'string'],
  ['outlet', 'string'],
  ['published', 'string'],
  ['url', 'string'],
  ['chars', 'integer'],
  ['cluster', 'integer'],
];
const EDGE_ATTRIBUTES: Array<[id: string, type: string]> = [
  ['kind', 'string'],
  // Of the link's a (the lower node id) and b, whichever way the edge points.
  ['coverageA', 'double'],
  ['coverageB', 'double'],
  ['score', 'double'],
  ['duplicate', 'boolean'],
  ['directionConfidence', 'double'],
  ['directionBasis', 'string'],
];

function gexfHead(): string {
  const declare = (cls: string, attributes: Array<[string, string]>): string =>
    `    <attributes class="${cls}">\n` +
    attributes.map(([id, type]) => `      <attribute id="${id}" title="${id}" type="${type}"/>\n`).join('') +
    '    </attributes>\n';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n' +
    `  <meta lastmodifieddate="${new Date().toISOString().slice(0, 10)}">\n` +
    '    <creator>mimeo</creator>\n' +
    '    <description>Documents (nodes) and text reuse links (edges, original → copy when known); weight = max coverage</description>\n' +
    '  </meta>\n' +
    // Edges whose original is known say type="directed"; the others stay undirected.
    '  <graph mode="static" defaultedgetype="undirected">\n' +
    declare('node', NODE_ATTRIBUTES) +
    declare('edge', EDGE_ATTRIBUTES) +
    '    <nodes>\n'
  );
}

function attvalues(values: Array<[string, string | number | boolean | null | undefined]>): string {
  const known = values.filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (known.length === 0) return '';
  return `<attvalues>${known.map(([id, v]) => `<attvalue for="${id}" value="${xmlEscape(String(v))}"/>`).join('')}</attvalues>`;
}

/** Node ids are seqs: always valid and unique, whatever characters a document id holds. */
function gexfNode(doc: DocumentInfo, cluster: number | undefined): string {
  const label = xmlEscape(doc.meta.title || doc.id);
  const values = attvalues([
    ['document', doc.id],
    ['outlet', doc.meta.outlet],
    ['published', doc.meta.published],
    ['url', doc.meta.url],
    ['chars', doc.chars],
    ['cluster', cluster],
  ]);
  return `      <node id="${doc.seq}" label="${label}">${values}</node>\n`;
}

/** Original → copy when the direction is known; a → b and undirected otherwise. */
function gexfEdge(directed: DirectedLink, index: number, seqOf: Map<string, number>): string {
  const { link, direction } = directed;
  const weight = Math.max(link.coverageA, link.coverageB);
  const values = attvalues([
    ['kind', link.kind],
    ['coverageA', link.coverageA],
    ['coverageB', link.coverageB],
    ['score', link.score],
    ['duplicate', link.duplicate],
    ['directionConfidence', direction.confidence],
    ['directionBasis', direction.basis],
  ]);
  const reversed = directed.source === link.b;
  const [from, to] = reversed ? [link.b, link.a] : [link.a, link.b];
  const type = directed.source === null ? '' : ' type="directed"';
  return `      <edge id="${index}" source="${seqOf.get(from)}" target="${seqOf.get(to)}"${type} weight="${weight}">${values}</edge>\n`;
}

async function writeGexf(store: Store, everyDocument: boolean, out: Buffered): Promise<void> {
  const { links, clusterOf } = provenanceOf(store);
  const linked = new Set<string>();
  for (const { link } of links) linked.add(link.a).add(link.b);
  const seqOf = new Map<string, number>();
  await out.write(gexfHead());
  for (const doc of allDocuments(store)) {
    if (linked.has(doc.id)) seqOf.set(doc.id, doc.seq);
    else if (!everyDocument) continue;
    await out.write(gexfNode(doc, clusterOf.get(doc.id)));
  }
  await out.write('    </nodes>\n    <edges>\n');
  let index = 0;
  for (const directed of links) {
    const { link } = directed;
    // Both ends were listed above unless a writer changed the store meanwhile: never emit a dangling edge.
    if (seqOf.has(link.a) && seqOf.has(link.b)) await out.write(gexfEdge(directed, index++, seqOf));
  }
  await out.write('    </edges>\n  </graph>\n</gexf>\n');
}

// ---------------------------------------------------------------- command

export interface ExportCliOptions {
  db?: string;
  format?: ExportFormat;
  what?: ExportWhat;
  out?: string;
  allDocuments?: boolean;
}

/** Checks the flags before the store is opened: usage errors come first. */
export function resolveExportOptions(options: ExportCliOptions): ExportOptions {
  const format = options.format ?? formatFromName(options.out);
  if (!format) throw new UserError('--format: required (jsonl, csv or gexf)', 2);
  if (format === 'gexf' && options.what !== undefined) {
    throw new UserError('--what: gexf always has both documents and links (--what is for jsonl and csv)', 2);
  }
  if (format !== 'gexf' && options.allDocuments) throw new UserError('--all-documents: only for --format gexf', 2);
  return { format, what: options.what, allDocuments: options.allDocuments };
}

/** "links.csv" → csv, so `--out links.csv` alone is enough. */
function formatFromName(path: string | undefined): ExportFormat | undefined {
  const ext = path ? extname(path).slice(1).toLowerCase() : '';
  return FORMATS.find((f) => f === ext);
}

/** Runs `mimeo export`: to stdout, or to --out through a temp file renamed at the end. */
export async function runExport(options: ExportCliOptions): Promise<void> {
  const resolved = resolveExportOptions(options);
  const store = openCliStore(options.db, { readonly: true });
  try {
    if (options.out === undefined || options.out === '-') await exportCorpus(store, resolved, streamSink(process.stdout));
    else await writeAtomically(options.out, (sink) => exportCorpus(store, resolved, sink));
  } finally {
    store.close();
  }
}

/** A sink that waits for 'drain' when the stream's buffer is full. */
function streamSink(stream: Writable): Sink {
  return async (chunk) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
}

/** Writes `path` via a temp file in the same folder, renamed into place only when complete. */
export async function writeAtomically(path: string, produce: (sink: Sink) => Promise<void>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const stream = createWriteStream(temp, { flags: 'wx' });
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  const sink: Sink = async (chunk) => {
    if (failure) throw failure;
    await streamSink(stream)(chunk);
  };
  try {
    await produce(sink);
    stream.end();
    await finished(stream);
    if (failure) throw failure;
    await rename(temp, path);
  } catch (error) {
    stream.destroy();
    await rm(temp, { force: true });
    throw aboutPath(error, temp, path);
  }
}

/** Errors on the temp file are reported against the path the user gave. */
function aboutPath(error: unknown, temp: string, path: string): unknown {
  const err = error as NodeJS.ErrnoException;
  if (err && typeof err === 'object' && (err.path === temp || err.path === undefined) && err.code) err.path = path;
  return error;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write links (and documents) as JSON Lines, CSV or GEXF (Gephi)')
    .addOption(dbOption())
    .option('--format <format>', 'jsonl, csv or gexf (default: from the --out extension)', oneOf('--format', FORMATS))
    .option('--what <what>', 'jsonl/csv: links (default) or documents', oneOf('--what', WHATS))
    .option('--out <file>', 'write to this file instead of stdout ("-"); replaced only when complete')
    .option('--all-documents', 'gexf: include documents without links')
    .action(async (options: ExportCliOptions) => {
      await runExport(options);
    });
}
