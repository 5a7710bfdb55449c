/**
 * Candidate recall on a PAN text-alignment corpus: every src and susp document is one corpus
 * (no pair list given); each document queries the index; the true pairs of each sub-corpus
 * must be among the candidates.
 *   node --import tsx bench/candidates.ts ../shared/data/pan13-train [--params JSON]
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyze } from '../src/text/index.js';
import { CandidateIndex } from '../src/index/candidates.js';
import { extractFeatures, type DocFeatures } from '../src/index/features.js';
import { indexParameters } from '../src/index/options.js';
import { maxDocFrequency } from '../src/index/query.js';

const args = process.argv.slice(2);
const dir = args[0];
if (!dir) {
  console.error('usage: bench/candidates.ts PAN_DIR [--params JSON]');
  process.exit(2);
}
const pi = args.indexOf('--params');
const params = indexParameters(pi >= 0 ? JSON.parse(args[pi + 1]) : {});

const t0 = performance.now();
const names: string[] = [];
for (const sub of ['src', 'susp']) {
  for (const f of (await readdir(join(dir, sub))).sort()) if (f.endsWith('.txt')) names.push(`${sub}/${f}`);
}
const features: DocFeatures[] = [];
let chars = 0;
for (const name of names) {
  const text = await readFile(join(dir, name), 'utf8');
  chars += text.length;
  features.push(extractFeatures(analyze(text), params));
}
const t1 = performance.now();
const index = new CandidateIndex(params);
features.forEach((f, i) => index.add(i, f));
const t2 = performance.now();
const pairs = new Set<string>();
let listed = 0;
for (let i = 0; i < features.length; i++) {
  const cands = index.query(features[i], i);
  listed += cands.length;
  for (const c of cands) pairs.add(i < c.key ? `${i} ${c.key}` : `${c.key} ${i}`);
}
const t3 = performance.now();

/** Pairs of a sub-corpus with at least one gold case (05 also lists pairs without reuse). */
async function truePairs(folder: string): Promise<string[]> {
  const lines = (await readFile(join(dir, folder, 'pairs'), 'utf8')).split('\n').filter((l) => l.trim());
  const out: string[] = [];
  for (const line of lines) {
    const [s, r] = line.trim().split(/\s+/);
    const xml = await readFile(join(dir, folder, `${s.replace(/\.txt$/, '')}-${r.replace(/\.txt$/, '')}.xml`), 'utf8');
    if (xml.includes('name="plagiarism"')) out.push(line);
  }
  return out;
}

const slot = new Map(names.map((n, i) => [n.replace(/^(src|susp)\//, ''), i]));
const report: Record<string, { recall: number; pairs: number }> = {};
for (const folder of (await readdir(dir)).sort()) {
  if (!/^0[2-5]/.test(folder)) continue;
  const lines = await truePairs(folder);
  let found = 0;
  for (const line of lines) {
    const [s, r] = line.trim().split(/\s+/).map((n) => slot.get(n)!);
    if (pairs.has(s < r ? `${s} ${r}` : `${r} ${s}`)) found++;
  }
  report[folder] = { recall: +(found / lines.length).toFixed(4), pairs: lines.length };
}
console.log(JSON.stringify({
  documents: names.length,
  megabytes: +(chars / 1e6).toFixed(1),
  recall: report,
  candidatesPerDocument: +(listed / names.length).toFixed(2),
  pairsPerDocument: +(pairs.size / names.length).toFixed(2),
  seconds: { features: +((t1 - t0) / 1000).toFixed(1), index: +((t2 - t1) / 1000).toFixed(1), query: +((t3 - t2) / 1000).toFixed(1) },
  maxDf: maxDocFrequency(params, index.size),
}, null, 1));

// Diagnostics: why were true pairs missed? (--diag FOLDER)
const di = args.indexOf('--diag');
if (di >= 0) {
  const folder = args[di + 1];
  const loose = new CandidateIndex(indexParameters({ ...params, maxCandidates: 100000, minUnitMatches: 1, strongUnitMatch: 0 }));
  features.forEach((f, i) => loose.add(i, f));
  const lines = await truePairs(folder);
  let shown = 0;
  for (const line of lines) {
    const [s, r] = line.trim().split(/\s+/).map((n) => slot.get(n)!);
    if (pairs.has(s < r ? `${s} ${r}` : `${r} ${s}`)) continue;
    const fromS = loose.query(features[s], s);
    const fromR = loose.query(features[r], r);
    const rs = fromS.findIndex((c) => c.key === r);
    const rr = fromR.findIndex((c) => c.key === s);
    const fmt = (list: typeof fromS, k: number) => (k < 0 ? 'absent' : `rank ${k + 1}/${list.length} score ${list[k].score.toFixed(2)} units ${list[k].matchedUnits} best ${list[k].best.toFixed(2)}`);
    console.log(`${line.trim()} units ${features[s].units.length}/${features[r].units.length} | susp→src ${fmt(fromS, rs)} | src→susp ${fmt(fromR, rr)}`);
    if (++shown >= 25) break;
  }
}
