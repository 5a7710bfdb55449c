/**
 * Direction from text alone on PAN-13: `npm run bench:direction -- DIR [--workers N] [--fit]`.
 * Aligns every pair of the no-, random- and translation-obfuscation sub-corpora, then asks
 * `textDirection` which side of each detected pair is the original (the source document),
 * with the pair's sides shuffled so that order tells nothing. Prints accuracy among answered
 * calls and the share left undetermined, on each half of the corpus (odd / even suspicious
 * document numbers). `--fit` refits the model weights on the odd half and prints them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Passage } from '../src/align/types.js';
import { describeError } from '../src/cli/errors.js';
import { parseWorkers } from '../src/cli/eval.js';
import { readPanCorpus } from '../src/eval/pan/corpus.js';
import { alignAll } from '../src/eval/pan/pool.js';
import { directionFeatures, FEATURE_NAMES, type FeatureName } from '../src/provenance/text-features.js';
import { DEFAULT_WEIGHTS, passageText, textDirection } from '../src/provenance/text-direction.js';

const FOLDERS = /^0[234]-/;

interface Sample {
  folder: string;
  half: 'odd' | 'even';
  aText: string;
  bText: string;
  passages: Passage[];
  /** Side holding the source document. */
  truth: 'a' | 'b';
}

function usage(): never {
  process.stderr.write('usage: npm run bench:direction -- DIR [--workers N] [--fit]\n');
  process.exit(2);
}

function parseArgs(argv: string[]): { dir: string; workers?: string; fit: boolean } {
  let dir: string | undefined;
  let workers: string | undefined;
  let fit = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--workers') workers = argv[++i] ?? usage();
    else if (arg === '--fit') fit = true;
    else if (arg.startsWith('-') || dir !== undefined) usage();
    else dir = arg;
  }
  return dir === undefined ? usage() : { dir, workers, fit };
}

async function collect(dir: string, workers: number): Promise<Sample[]> {
  const corpus = await readPanCorpus(dir);
  const jobs: { id: number; susp: string; src: string; folder: string }[] = [];
  for (const folder of corpus.folders.filter((f) => FOLDERS.test(f.name))) {
    for (const pair of folder.pairs) jobs.push({ id: jobs.length, susp: pair.susp, src: pair.src, folder: folder.name });
  }
  const t0 = performance.now();
  const { outcomes } = await alignAll(dir, jobs, { workers });
  process.stderr.write(`aligned ${jobs.length} pairs in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const texts = new Map<string, string>();
  const read = (path: string) => {
    let t = texts.get(path);
    if (t === undefined) texts.set(path, (t = readFileSync(join(dir, path), 'utf8')));
    return t;
  };
  const samples: Sample[] = [];
  for (const outcome of outcomes) {
    if ('error' in outcome || outcome.detections.length === 0) continue;
    const job = jobs[outcome.id];
    const susp = read(`susp/${job.susp}`);
    const src = read(`src/${job.src}`);
    const number = Number(/(\d+)/.exec(job.susp)?.[1] ?? 0);
    // Alternate sides so that "a" carries no information.
    const srcIsA = outcome.id % 2 === 0;
    const passages: Passage[] = outcome.detections.map((d) => {
      const s: [number, number] = [d.thisOffset, d.thisOffset + d.thisLength];
      const r: [number, number] = [d.srcOffset, d.srcOffset + d.srcLength];
      return { a: srcIsA ? r : s, b: srcIsA ? s : r, kind: 'paraphrase', score: 1, evidence: { method: '', seeds: 0, similarity: 0, plainSimilarity: 0, verbatimShare: 0, sharedTerms: [] } };
    });
    samples.push({
      folder: job.folder,
      half: number % 2 === 1 ? 'odd' : 'even',
      aText: srcIsA ? src : susp,
      bText: srcIsA ? susp : src,
      passages,
      truth: srcIsA ? 'a' : 'b',
    });
  }
  return samples;
}

/** Logistic regression without intercept on sign-symmetric data (the model must be antisymmetric). */
function fitWeights(samples: Sample[]): Record<FeatureName, number> {
  const rows = samples.map((s) => {
    const { vector } = directionFeatures(passageText(s.aText, s.passages, 'a'), passageText(s.bText, s.passages, 'b'));
    const x = FEATURE_NAMES.map((n) => vector[n]);
    return s.truth === 'a' ? x : x.map((v) => -v);
  });
  const k = FEATURE_NAMES.length;
  const scale = FEATURE_NAMES.map((_, j) => rows.reduce((s, r) => s + Math.abs(r[j]), 0) / rows.length || 1);
  const w = new Array<number>(k).fill(0);
  const l2 = 0.01;
  for (let iter = 0; iter < 4000; iter++) {
    const grad = new Array<number>(k).fill(0);
    for (const r of rows) {
      // Each row stands for itself (label 1) and its mirror (label 0): same gradient twice.
      let z = 0;
      for (let j = 0; j < k; j++) z += (w[j] * r[j]) / scale[j];
      const p = 1 / (1 + Math.exp(-z));
      for (let j = 0; j < k; j++) grad[j] += ((p - 1) * r[j]) / scale[j];
    }
    for (let j = 0; j < k; j++) w[j] -= 0.5 * (grad[j] / rows.length + l2 * w[j]);
  }
  return Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, Math.round((w[j] / scale[j]) * 1000) / 1000])) as Record<FeatureName, number>;
}

function report(samples: Sample[], weights: Record<FeatureName, number>): void {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    for (const key of [`${s.folder} ${s.half}`, `${s.folder} all`]) {
      const list = groups.get(key) ?? [];
      list.push(s);
      groups.set(key, list);
    }
  }
  process.stdout.write('sub-corpus                        half   pairs  answered  accuracy  undetermined\n');
  for (const key of [...groups.keys()].sort()) {
    const list = groups.get(key)!;
    let answered = 0;
    let right = 0;
    for (const s of list) {
      const call = textDirection(s.aText, s.bText, s.passages, { weights });
      if (call.source === null) continue;
      answered++;
      if (call.source === s.truth) right++;
    }
    const [folder, half] = key.split(' ');
    process.stdout.write(
      `${folder.padEnd(33)} ${half.padEnd(5)} ${String(list.length).padStart(6)}  ${String(answered).padStart(8)}  ${(answered ? right / answered : 0).toFixed(3).padStart(8)}  ${(1 - answered / list.length).toFixed(3).padStart(12)}\n`,
    );
  }
}

/** Accuracy and answered share on the held-out half for a range of thresholds. */
function sweep(samples: Sample[], weights: Record<FeatureName, number>): void {
  const thresholds = [0, 0.5, 1, 1.5, 2, 2.5, 3];
  for (const folder of [...new Set(samples.map((s) => s.folder))].sort()) {
    const calls = samples
      .filter((s) => s.folder === folder)
      .map((s) => ({ s, call: textDirection(s.aText, s.bText, s.passages, { weights, minLogOdds: 0 }) }));
    const cells = thresholds.map((t) => {
      const answered = calls.filter(({ call }) => call.source !== null && Math.log(call.confidence / (1 - call.confidence)) >= t - 1e-9);
      const right = answered.filter(({ s, call }) => call.source === s.truth).length;
      return `≥${t}: ${(answered.length ? right / answered.length : 0).toFixed(3)}/${(answered.length / calls.length).toFixed(2)}`;
    });
    process.stdout.write(`${folder} (even half; accuracy/answered by min log-odds) ${cells.join('  ')}\n`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const samples = await collect(args.dir, parseWorkers(args.workers) ?? 2);
  let weights = DEFAULT_WEIGHTS;
  if (args.fit) {
    const t0 = performance.now();
    weights = fitWeights(samples.filter((s) => s.half === 'odd' && !s.folder.startsWith('02')));
    process.stdout.write(`fitted on the odd half in ${((performance.now() - t0) / 1000).toFixed(1)} s:\n${JSON.stringify(weights, null, 2)}\n`);
  }
  const t0 = performance.now();
  report(samples, weights);
  sweep(samples.filter((s) => s.half === 'even'), weights);
  process.stdout.write(`direction calls: ${((performance.now() - t0) / samples.length).toFixed(2)} ms per pair\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:direction: ${describeError(error)}\n`);
  process.exit(1);
});
