/**
 * Layout of a PAN text-alignment corpus: DIR/pairs, DIR/susp, DIR/src, and sub-corpus folders
 * (any subdirectory with its own `pairs` file) holding one gold XML per pair.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../cli/errors.js';
import type { Case } from './measure.js';
import { parseFeatures } from './xml.js';

export interface PanPair {
  /** Suspicious and source file names, e.g. "suspicious-document00001.txt". */
  susp: string;
  src: string;
  /** Where the pair was listed, for error messages, e.g. "pairs:12". */
  where: string;
}

export interface PanFolder {
  name: string;
  pairs: PanPair[];
}

export interface PanCorpus {
  dir: string;
  /** Valid pairs of DIR/pairs (duplicates removed): the overall score covers these. */
  pairs: PanPair[];
  folders: PanFolder[];
  /** One line per malformed `pairs` line. */
  errors: string[];
}

/** Identity of a pair across `pairs` files. */
export function pairKey(pair: { susp: string; src: string }): string {
  return `${pair.susp} ${pair.src}`;
}

/** XML name of a pair: the two file names without `.txt`, joined by `-`. */
export function pairXmlName(pair: { susp: string; src: string }): string {
  const base = (name: string) => name.replace(/\.txt$/, '');
  return `${base(pair.susp)}-${base(pair.src)}.xml`;
}

/** Plain file names only: a `pairs` line must not point outside susp/ and src/. */
function isPlainName(name: string): boolean {
  return name.length > 0 && !/[\\/]/.test(name) && name !== '.' && name !== '..';
}

/** Parse a `pairs` file; `label` prefixes error lines ("pairs", "02-no-obfuscation/pairs"). */
export function parsePairs(text: string, label: string): { pairs: PanPair[]; errors: string[] } {
  const pairs: PanPair[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '') return;
    const where = `${label}:${index + 1}`;
    const fields = line.split(/\s+/);
    if (fields.length !== 2) {
      errors.push(`${where}: expected "suspicious-document.txt source-document.txt", got ${fields.length} field(s)`);
      return;
    }
    const [susp, src] = fields;
    if (!isPlainName(susp) || !isPlainName(src)) {
      errors.push(`${where}: file names must not contain a path`);
      return;
    }
    const pair = { susp, src, where };
    if (seen.has(pairKey(pair))) return;
    seen.add(pairKey(pair));
    pairs.push(pair);
  });
  return { pairs, errors };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Read DIR/pairs and every sub-corpus folder's `pairs`. Throws UserError when DIR or DIR/pairs is missing. */
export async function readPanCorpus(dir: string): Promise<PanCorpus> {
  if (!(await isDirectory(dir))) throw new UserError(`${dir}: no such directory`);
  let topText: string;
  try {
    topText = await readFile(join(dir, 'pairs'), 'utf8');
  } catch {
    throw new UserError(`${join(dir, 'pairs')}: missing or unreadable pairs file`);
  }
  const top = parsePairs(topText, 'pairs');
  const errors = [...top.errors];
  const folders: PanFolder[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const name of names) {
    let text: string;
    try {
      text = await readFile(join(dir, name, 'pairs'), 'utf8');
    } catch {
      continue; // not a sub-corpus folder (susp/, src/, ...)
    }
    const parsed = parsePairs(text, `${name}/pairs`);
    errors.push(...parsed.errors);
    folders.push({ name, pairs: parsed.pairs });
  }
  return { dir, pairs: top.pairs, folders, errors };
}

/** Every distinct pair of the corpus: DIR/pairs first, then pairs listed only by a folder. */
export function allPairs(corpus: PanCorpus): PanPair[] {
  const byKey = new Map<string, PanPair>();
  for (const pair of corpus.pairs) byKey.set(pairKey(pair), pair);
  for (const folder of corpus.folders) {
    for (const pair of folder.pairs) if (!byKey.has(pairKey(pair))) byKey.set(pairKey(pair), pair);
  }
  return [...byKey.values()];
}

/** Read the features named `featureName` of one pair's XML; undefined when the file does not exist. */
export async function readPairXml(
  folder: string,
  pair: PanPair,
  featureName: string,
): Promise<Case[] | undefined> {
  const path = join(folder, pairXmlName(pair));
  let xml: string;
  try {
    xml = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${pairXmlName(pair)}: unreadable`);
  }
  try {
    return parseFeatures(xml, featureName, pair.susp);
  } catch (error) {
    throw new Error(`${pairXmlName(pair)}: ${(error as Error).message}`);
  }
}

export interface GoldSet {
  /** Gold cases per pair key. */
  cases: Map<string, Case[]>;
  /** Pairs whose gold could not be read: they are skipped. */
  skipped: Set<string>;
  errors: string[];
}

/**
 * Gold cases of every pair: from the folder that lists it; pairs listed by no folder take
 * DIR/<pair>.xml when present, else no cases. A folder pair without gold XML is an error.
 */
export async function readGold(corpus: PanCorpus): Promise<GoldSet> {
  const gold: GoldSet = { cases: new Map(), skipped: new Set(), errors: [] };
  const load = async (folderDir: string, pair: PanPair, required: boolean) => {
    const key = pairKey(pair);
    if (gold.cases.has(key) || gold.skipped.has(key)) return;
    try {
      const cases = await readPairXml(folderDir, pair, 'plagiarism');
      if (cases === undefined && required) throw new Error(`gold ${pairXmlName(pair)} not found`);
      gold.cases.set(key, cases ?? []);
    } catch (error) {
      gold.skipped.add(key);
      gold.errors.push(`${pair.where}: ${(error as Error).message}`);
    }
  };
  for (const folder of corpus.folders) {
    for (const pair of folder.pairs) await load(join(corpus.dir, folder.name), pair, true);
  }
  for (const pair of corpus.pairs) await load(corpus.dir, pair, false);
  return gold;
}
