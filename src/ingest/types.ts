/** Metadata carried with an article; every field optional (null = unknown). */
export interface DocumentMeta {
  title?: string | null;
  url?: string | null;
  outlet?: string | null;
  /** ISO 8601 date or date-time as found (normalized to ISO when it parses). */
  published?: string | null;
  author?: string | null;
  /** Language code, e.g. "en". */
  language?: string | null;
}

export type IngestFormat = 'txt' | 'md' | 'html' | 'jsonl' | 'csv' | 'warc';

/** One article read from an input. */
export interface IngestedDocument {
  /**
   * Stable id: the file path relative to the input folder (the file name when the input is a file),
   * or the record's id field (JSONL/CSV), or `<relpath>#<line or record number>` when there is none,
   * or the WARC record's target URI.
   */
  id: string;
  /**
   * Article body as plain text (HTML already extracted). Offsets elsewhere refer to this text.
   * Plain text, JSONL and CSV text is kept verbatim; Markdown keeps its syntax, and with front
   * matter this is the body after the closing `---` (offsets are into that body, not the file).
   */
  text: string;
  meta: DocumentMeta;
  /** Where it came from, for messages: file path, plus `:line` / `#record` when inside a container. */
  origin: string;
  format: IngestFormat;
}

/** A bad item that was skipped: reported, never fatal. */
export interface IngestProblem {
  file: string;
  /** Line (JSONL), record number (CSV, 1-based data row) or record offset (WARC) when inside a container. */
  record?: number | string;
  reason: string;
}

export type IngestItem =
  | { type: 'document'; document: IngestedDocument }
  | { type: 'problem'; problem: IngestProblem };

/** Field names for JSONL/CSV records; each entry lists accepted names, first match wins. */
export interface FieldMap {
  id: string[];
  title: string[];
  text: string[];
  url: string[];
  outlet: string[];
  published: string[];
  author: string[];
  language: string[];
}

export interface IngestOptions {
  /** Override JSONL/CSV field names (merged over the defaults). */
  fields?: Partial<FieldMap>;
  /**
   * Skip files larger than this (default 64 MiB). JSONL/CSV/WARC files are streamed and not
   * limited as a whole; the limit applies to each HTML record inside a WARC file.
   */
  maxFileBytes?: number;
}
