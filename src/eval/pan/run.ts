/**
 * `mimeo eval pan`: align every pair of a PAN corpus, optionally write PAN detection XML,
 * and score the detections per sub-corpus and overall.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../cli/errors.js';
import {
  allPairs,
  pairKey,
  pairXmlName,
  readGold,
  readPairXml,
  readPanCorpus,
  type GoldSet,
  type PanCorpus,
  type PanPair,
} from './corpus.js';
import { panMeasures, type Case, type Detection } from './measure.js';
import { alignAll } from './pool.js';
import { formatDetections } from './xml.js';

export interface PanScore {
  recall: number;
  precision: number;
  granularity: number;
  plagdet: number;
  /** Pairs scored (pairs skipped for errors are not counted). */
  pairs: number;
  cases: number;
  detections: number;
}

export interface PanScores {
  /** Keyed by sub-corpus folder name. */
  subcorpora: Record<string, PanScore>;
  /** All pairs of DIR/pairs pooled. */
  overall: PanScore;
  errors: string[];
}

export interface PanReport extends PanScores {
  seconds: number;
  pairsPerSecond: number;
  /** Peak resident memory of the process (worker threads included), in MB. */
  memoryMB: number;
}

export interface EvaluateOptions {
  /** Folder for one detection XML per pair. */
  out?: string;
  /** Worker threads; default: available parallelism. 1 runs in-process. */
  workers?: number;
  /** Pairs per message sent to a worker (default 16). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Receives each error line as it happens; default: print it to stderr. */
  onError?: (line: string) => void;
}

function printError(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Score a list of pairs: pairs in `skipped` are left out entirely. */
function scorePairs(
  pairs: PanPair[],
  gold: Map<string, Case[]>,
  detections: Map<string, Detection[]>,
  skipped: Set<string>,
): PanScore {
  const cases: Case[] = [];
  const found: Detection[] = [];
  let count = 0;
  for (const pair of pairs) {
    const key = pairKey(pair);
    if (skipped.has(key)) continue;
    count += 1;
    cases.push(...(gold.get(key) ?? []));
    found.push(...(detections.get(key) ?? []));
  }
  return { ...panMeasures(cases, found), pairs: count };
}

function scoreCorpus(
  corpus: PanCorpus,
  gold: GoldSet,
  detections: Map<string, Detection[]>,
  skipped: Set<string>,
  errors: string[],
): PanScores {
  const subcorpora: Record<string, PanScore> = {};
  for (const folder of corpus.folders) {
    subcorpora[folder.name] = scorePairs(folder.pairs, gold.cases, detections, skipped);
  }
  return { subcorpora, overall: scorePairs(corpus.pairs, gold.cases, detections, skipped), errors };
}

async function requireDirectory(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) throw new UserError(`${path}: no such directory`);
}

/** Read corpus and gold, reporting their errors; the pairs whose gold failed are skipped. */
async function loadCorpus(dir: string, report: (line: string) => void) {
  const corpus = await readPanCorpus(dir);
  const gold = await readGold(corpus);
  const errors = [...corpus.errors, ...gold.errors];
  errors.forEach(report);
  return { corpus, gold, errors, skipped: new Set(gold.skipped) };
}

/** Score detections made elsewhere (e.g. by a corpus scan), keyed by `pairKey`. */
export async function scorePanDetections(
  dir: string,
  detections: Map<string, Detection[]>,
  options: { onError?: (line: string) => void } = {},
): Promise<PanScores> {
  const { corpus, gold, errors, skipped } = await loadCorpus(dir, options.onError ?? printError);
  return scoreCorpus(corpus, gold, detections, skipped, errors);
}

/**
 * Score a folder of detection XMLs (one per pair, named like the gold files) against the gold
 * of corpus `dir`. A missing detection file means no detections for that pair.
 * `detectionName` is the feature name to read ("detected-plagiarism"; "plagiarism" scores gold files).
 */
export async function scorePanOutput(
  dir: string,
  outDir: string,
  options: { detectionName?: string; onError?: (line: string) => void } = {},
): Promise<PanScores> {
  const report = options.onError ?? printError;
  const { corpus, gold, errors, skipped } = await loadCorpus(dir, report);
  await requireDirectory(outDir);
  const detectionName = options.detectionName ?? 'detected-plagiarism';
  const detections = new Map<string, Detection[]>();
  for (const pair of allPairs(corpus)) {
    const key = pairKey(pair);
    if (skipped.has(key)) continue;
    try {
      detections.set(key, (await readPairXml(outDir, pair, detectionName)) ?? []);
    } catch (error) {
      const line = `${pair.where}: ${(error as Error).message}`;
      errors.push(line);
      report(line);
      skipped.add(key);
    }
  }
  return scoreCorpus(corpus, gold, detections, skipped, errors);
}

function validateWorkers(workers: number | undefined): number {
  if (workers === undefined) return availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) {
    throw new UserError(`workers must be a positive integer, got ${workers}`);
  }
  return workers;
}

/** Align every pair of the PAN corpus in `dir` with `align` and score the result. */
export async function evaluatePan(dir: string, options: EvaluateOptions = {}): Promise<PanReport> {
  const started = performance.now();
  const workers = validateWorkers(options.workers);
  const report = options.onError ?? printError;
  const { corpus, gold, errors, skipped } = await loadCorpus(dir, report);
  // Fail on an unusable --out before spending minutes aligning, not after.
  if (options.out !== undefined) await prepareOut(options.out);

  const pairs = allPairs(corpus).filter((pair) => !skipped.has(pairKey(pair)));
  const jobs = pairs.map((pair, id) => ({ id, susp: pair.susp, src: pair.src }));
  const { outcomes, maxRSS } = await alignAll(dir, jobs, {
    workers,
    batchSize: options.batchSize,
    onProgress: options.onProgress,
  });

  const detections = new Map<string, Detection[]>();
  for (const outcome of outcomes) {
    const pair = pairs[outcome.id];
    if ('error' in outcome) {
      const line = `${pair.where}: ${outcome.error}`;
      errors.push(line);
      report(line);
      skipped.add(pairKey(pair));
    } else {
      detections.set(pairKey(pair), outcome.detections);
    }
  }

  if (options.out !== undefined) await writeDetections(options.out, pairs, detections);

  const scores = scoreCorpus(corpus, gold, detections, skipped, errors);
  const seconds = (performance.now() - started) / 1000;
  const aligned = detections.size;
  return {
    ...scores,
    seconds,
    pairsPerSecond: seconds > 0 ? aligned / seconds : 0,
    memoryMB: Math.max(maxRSS, process.resourceUsage().maxRSS) / 1024,
  };
}

function outError(error: unknown, out: string): UserError {
  const err = error as NodeJS.ErrnoException;
  return new UserError(`cannot write detections to ${err.path ?? out}: ${err.code ?? err.message}`);
}

/** Create the --out folder (or check it is one) up front. */
async function prepareOut(out: string): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    throw outError(error, out);
  }
  await requireDirectory(out);
}

/** One XML per aligned pair, in PAN's format, even when it has no detections. */
async function writeDetections(out: string, pairs: PanPair[], detections: Map<string, Detection[]>) {
  try {
    await mkdir(out, { recursive: true });
    for (const pair of pairs) {
      const found = detections.get(pairKey(pair));
      if (found === undefined) continue; // skipped pair
      await writeFile(join(out, pairXmlName(pair)), formatDetections(pair.susp, found));
    }
  } catch (error) {
    throw outError(error, out);
  }
}
