// Real obfuscated passages from the PAN 2013 text alignment corpus (read from the data folder,
// never copied into the repository): gold cases of 03-random-obfuscation, 04-translation-obfuscation
// and 05-summary-obfuscation as (source passage, obfuscated passage) text pairs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normWords } from './tokens.js';

export type PanKind = 'paraphrase-random' | 'paraphrase-translation' | 'summary';

export interface PanCase {
  kind: PanKind;
  srcName: string;
  srcOffset: number;
  suspName: string;
  thisOffset: number;
  /** Source passage (trimmed of surrounding white space). */
  source: string;
  /** Obfuscated passage (trimmed). */
  obfuscated: string;
}

const FOLDERS: [string, PanKind][] = [
  ['03-random-obfuscation', 'paraphrase-random'],
  ['04-translation-obfuscation', 'paraphrase-translation'],
  ['05-summary-obfuscation', 'summary'],
];

export interface PanCaseLimits {
  /** Longest passage (either side) for paraphrase cases. */
  maxParaphrase: number;
  /** Longest source passage for summary cases (the source is usually a whole news article). */
  maxSummarySource: number;
  minPassage: number;
}

export const defaultPanLimits: PanCaseLimits = { maxParaphrase: 2000, maxSummarySource: 6000, minPassage: 150 };

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : undefined;
}

function trimmed(text: string, offset: number, length: number): { text: string; offset: number } {
  const raw = text.slice(offset, offset + length);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), offset: offset + lead };
}

/**
 * Gold cases usable as paraphrase/summary reuse, in a stable order (folder, file name), with
 * passages within the limits and no two cases overlapping on the source or the suspicious side.
 */
export function loadPanCases(panDir: string, limits: PanCaseLimits = defaultPanLimits): Map<PanKind, PanCase[]> {
  const out = new Map<PanKind, PanCase[]>();
  const texts = new Map<string, string>();
  const read = (dir: string, name: string) => {
    const key = `${dir}/${name}`;
    let t = texts.get(key);
    if (t === undefined) {
      t = readFileSync(join(panDir, dir, name), 'utf8');
      texts.set(key, t);
    }
    return t;
  };
  const used = new Map<string, [number, number][]>();
  const overlaps = (doc: string, start: number, end: number) => {
    const list = used.get(doc) ?? [];
    for (const [s, e] of list) if (start < e && s < end) return true;
    return false;
  };
  // Real texts repeat themselves (a phrase used twice in a page, two DUC reports quoting one wire
  // story): a case sharing a 6-word run with an already chosen passage could make unrecorded reuse
  // (8 words once the surrounding text happens to continue it).
  const chosenGrams = new Set<string>();
  const grams = (text: string) => {
    const w = normWords(text);
    const out: string[] = [];
    for (let i = 0; i + 6 <= w.length; i++) out.push(w.slice(i, i + 6).join(' '));
    return out;
  };
  const claim = (doc: string, start: number, end: number) => {
    let list = used.get(doc);
    if (!list) used.set(doc, (list = []));
    list.push([start, end]);
  };
  for (const [folder, kind] of FOLDERS) {
    const cases: PanCase[] = [];
    let files: string[];
    try {
      files = readdirSync(join(panDir, folder))
        .filter((f) => f.endsWith('.xml'))
        .sort();
    } catch {
      out.set(kind, cases);
      continue;
    }
    for (const file of files) {
      const xml = readFileSync(join(panDir, folder, file), 'utf8');
      const suspName = /reference="([^"]+)"/.exec(xml)?.[1];
      if (!suspName) continue;
      for (const m of xml.matchAll(/<feature\b[^>]*>/g)) {
        const tag = m[0];
        if (attr(tag, 'name') !== 'plagiarism') continue;
        const srcName = attr(tag, 'source_reference');
        const so = Number(attr(tag, 'source_offset'));
        const sl = Number(attr(tag, 'source_length'));
        const to = Number(attr(tag, 'this_offset'));
        const tl = Number(attr(tag, 'this_length'));
        if (!srcName || !Number.isFinite(so + sl + to + tl)) continue;
        const maxSrc = kind === 'summary' ? limits.maxSummarySource : limits.maxParaphrase;
        if (sl > maxSrc || tl > limits.maxParaphrase) continue;
        if (sl < limits.minPassage || tl < limits.minPassage / (kind === 'summary' ? 2 : 1)) continue;
        if (overlaps(srcName, so, so + sl) || overlaps(suspName, to, to + tl)) continue;
        const src = trimmed(read('src', srcName), so, sl);
        const obf = trimmed(read('susp', suspName), to, tl);
        if (src.text.length < limits.minPassage / 2 || obf.text.length < limits.minPassage / 2) continue;
        const g = [...grams(src.text), ...grams(obf.text)];
        if (g.some((x) => chosenGrams.has(x))) continue;
        for (const x of g) chosenGrams.add(x);
        claim(srcName, so, so + sl);
        claim(suspName, to, to + tl);
        cases.push({
          kind,
          srcName,
          srcOffset: src.offset,
          suspName,
          thisOffset: obf.offset,
          source: src.text,
          obfuscated: obf.text,
        });
      }
    }
    out.set(kind, cases);
  }
  return out;
}
