// Tuning aid: evaluates PAN folders in one process with aligner parameter overrides and lists
// the worst-scored pairs with their gold and detected spans.
//   node --import tsx bench/pan-pairs.ts DIR [FOLDER_PREFIX...] [--params '{"seedCosine":0.3}'] [--worst N] [--every K]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { align } from '../src/align/index.js';
import { pairKey, readGold, readPanCorpus } from '../src/eval/pan/corpus.js';
import { panMeasures, type Case } from '../src/eval/pan/measure.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { params: { type: 'string' }, worst: { type: 'string' }, every: { type: 'string' } },
});
const [dir, ...prefixes] = positionals;
if (!dir) {
  console.error('usage: node --import tsx bench/pan-pairs.ts DIR [FOLDER_PREFIX...] [--params JSON] [--worst N] [--every K]');
  process.exit(2);
}
const parameters = values.params ? JSON.parse(values.params) : {};
const every = Number(values.every ?? 1);
const corpus = await readPanCorpus(dir);
const gold = await readGold(corpus);
const spans = (cs: Case[]) => cs.map((c) => `${c.thisOffset}+${c.thisLength}/${c.srcOffset}+${c.srcLength}`).join(' ');
const scored: { score: number; line: string }[] = [];
const all = { cases: [] as Case[], detections: [] as Case[] };
for (const folder of corpus.folders.filter((f) => prefixes.length === 0 || prefixes.some((p) => f.name.startsWith(p)))) {
  const cases: Case[] = [];
  const detections: Case[] = [];
  for (const pair of folder.pairs.filter((_, i) => i % every === 0)) {
    const result = align(readFileSync(join(dir, 'susp', pair.susp), 'utf8'), readFileSync(join(dir, 'src', pair.src), 'utf8'), { parameters });
    const g = gold.cases.get(pairKey(pair)) ?? [];
    const d = result.passages.map((p) => ({ susp: pair.susp, src: pair.src, thisOffset: p.a[0], thisLength: p.a[1] - p.a[0], srcOffset: p.b[0], srcLength: p.b[1] - p.b[0] }));
    cases.push(...g);
    detections.push(...d);
    const m = panMeasures(g, d);
    scored.push({ score: m.plagdet, line: `${folder.name} ${pair.susp} ${pair.src} R=${m.recall.toFixed(2)} P=${m.precision.toFixed(2)} gold=${spans(g)} det=${spans(d)}` });
  }
  const m = panMeasures(cases, detections);
  all.cases.push(...cases);
  all.detections.push(...detections);
  console.log(`${folder.name.padEnd(28)} R=${m.recall.toFixed(4)} P=${m.precision.toFixed(4)} G=${m.granularity.toFixed(4)} plagdet=${m.plagdet.toFixed(4)} detections=${detections.length}`);
}
const m = panMeasures(all.cases, all.detections);
console.log(`${'overall'.padEnd(28)} R=${m.recall.toFixed(4)} P=${m.precision.toFixed(4)} G=${m.granularity.toFixed(4)} plagdet=${m.plagdet.toFixed(4)}`);
scored.sort((x, y) => x.score - y.score);
for (const s of scored.slice(0, Number(values.worst ?? 0))) console.log(s.score.toFixed(3), s.line);
