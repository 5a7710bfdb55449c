import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { reasonOf } from './files.js';
import type { IngestFormat, IngestProblem } from './types.js';

/** A file to read: `path` for opening and messages, `rel` as the base of its ids. */
export interface InputFile {
  path: string;
  rel: string;
  format: IngestFormat;
}

export type WalkItem = { type: 'file'; file: InputFile } | { type: 'problem'; problem: IngestProblem };

/** Format by file name; null for anything we do not read. */
export function formatOf(name: string): IngestFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.warc.gz') || lower.endsWith('.warc')) return 'warc';
  const dot = lower.lastIndexOf('.');
  if (dot < 0) return null;
  switch (lower.slice(dot + 1)) {
    case 'txt':
      return 'txt';
    case 'md':
    case 'markdown':
      return 'md';
    case 'html':
    case 'htm':
    case 'xhtml':
      return 'html';
    case 'jsonl':
    case 'ndjson':
      return 'jsonl';
    case 'csv':
      return 'csv';
  }
  return null;
}

/** A collection's own documentation, not articles: skipped inside folders (still read when named). */
const PROJECT_FILES = /^(readme|license|licence|changelog|contributing)(\.(md|markdown|txt))?$/i;

/**
 * Expands inputs into files, lazily and in a stable order. Folders are walked recursively
 * in code-point order (not locale order, so every machine agrees), hidden entries and
 * README/LICENSE/CHANGELOG/CONTRIBUTING files are skipped,
 * symbolic links are followed but a folder already visited (a loop, or a second link to it) is not.
 */
export async function* walkInputs(inputs: string[]): AsyncGenerator<WalkItem> {
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch (error) {
      yield { type: 'problem', problem: { file: input, reason: reasonOf(error, input) } };
      continue;
    }
    if (info.isDirectory()) {
      yield* walkFolder(input, '', new Set([`${info.dev}:${info.ino}`]));
      continue;
    }
    const format = formatOf(input);
    if (!info.isFile()) {
      yield { type: 'problem', problem: { file: input, reason: 'not a regular file or folder' } };
    } else if (format === null) {
      yield { type: 'problem', problem: { file: input, reason: 'unsupported file type' } };
    } else {
      yield { type: 'file', file: { path: input, rel: basename(input), format } };
    }
  }
}

async function* walkFolder(dir: string, rel: string, visited: Set<string>): AsyncGenerator<WalkItem> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    yield { type: 'problem', problem: { file: dir, reason: reasonOf(error, dir) } };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith('.') || PROJECT_FILES.test(name)) continue;
    const path = join(dir, name);
    const childRel = rel ? `${rel}/${name}` : name;
    // Plain files need no stat here (the reader checks size); links and odd types do.
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let key: string | null = null;
    if (isDir || (!isFile && !isDir)) {
      try {
        // stat (not lstat) follows symbolic links; a dangling link is reported like a missing file.
        const info = await stat(path);
        isDir = info.isDirectory();
        isFile = info.isFile();
        key = `${info.dev}:${info.ino}`;
      } catch (error) {
        if (formatOf(name) !== null) yield { type: 'problem', problem: { file: path, reason: reasonOf(error, path) } };
        continue;
      }
    }
    if (isDir && key !== null) {
      if (visited.has(key)) continue;
      visited.add(key);
      yield* walkFolder(path, childRel, visited);
    } else if (isFile) {
      const format = formatOf(name);
      if (format !== null) yield { type: 'file', file: { path, rel: childRel, format } };
    }
  }
}
