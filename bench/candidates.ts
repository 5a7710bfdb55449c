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

// Diagnostics: why were true pairs missed? (--diag FOLDER) Each side is queried without caps:
// "strong" = passage-like but cut by the candidate cap; "weak k/n" = the pair's rank among the
// query's weak candidates (cut by the weak allowance); "no match" = no sentence matched at all.
const di = args.indexOf('--diag');
if (di >= 0) {
  const folder = args[di + 1];
  const loose = new CandidateIndex(
    indexParameters({ ...params, maxCandidates: 1e6, candidatesPerUnit: 1e6, weakCandidates: 1e6, minUnitMatches: 1, strongUnitMatch: 0 }),
  );
  features.forEach((f, i) => loose.add(i, f));
  const causes: Record<string, number> = {};
  for (const line of await truePairs(folder)) {
    const [s, r] = line.trim().split(/\s+/).map((n) => slot.get(n)!);
    if (pairs.has(s < r ? `${s} ${r}` : `${r} ${s}`)) continue;
    let cause = 'no match';
    const sides = [[s, r], [r, s]].map(([q, o]) => {
      const all = loose.query(features[q], q);
      const weak = all.filter((c) => c.chain < params.strongChain);
      const c = all.find((x) => x.key === o);
      if (c === undefined) return 'no match';
      if (c.chain >= params.strongChain) {
        cause = 'strong, over the cap';
        return `strong (${all.length - weak.length} strong)`;
      }
      if (cause === 'no match') cause = 'weak';
      return `weak ${weak.indexOf(c) + 1}/${weak.length} chain ${c.chain.toFixed(2)} units ${c.matchedUnits} best ${c.best.toFixed(2)}`;
    });
    causes[cause] = (causes[cause] ?? 0) + 1;
    console.log(`${line.trim()} units ${features[s].units.length}/${features[r].units.length} | susp→src ${sides[0]} | src→susp ${sides[1]}`);
  }
  console.log(causes);
}
