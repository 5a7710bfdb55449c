/**
 * Align many pairs, either in-process (one worker) or on worker threads fed with small
 * batches so that fast and slow pairs balance out across cores.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../util/worker.js';
import { alignPair, type PairJob, type PairOutcome } from './align-pair.js';
import type { WorkerReply } from './worker.js';

export interface PoolOptions {
  workers: number;
  /** Pairs per message: small enough to balance, large enough to amortise messaging. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface PoolResult {
  outcomes: PairOutcome[];
  /** Peak RSS in KB seen by any thread (threads share one process, so this is the process peak). */
  maxRSS: number;
}

function alignInProcess(dir: string, jobs: PairJob[], options: PoolOptions): PoolResult {
  const outcomes: PairOutcome[] = [];
  for (const job of jobs) {
    outcomes.push(alignPair(dir, job));
    options.onProgress?.(outcomes.length, jobs.length);
  }
  return { outcomes, maxRSS: process.resourceUsage().maxRSS };
}

export async function alignAll(dir: string, jobs: PairJob[], options: PoolOptions): Promise<PoolResult> {
  const workerCount = Math.max(1, Math.floor(options.workers));
  if (workerCount === 1 || jobs.length <= 1) return alignInProcess(dir, jobs, options);

  const batchSize = Math.max(1, options.batchSize ?? 16);
  const batches: PairJob[][] = [];
  for (let i = 0; i < jobs.length; i += batchSize) batches.push(jobs.slice(i, i + batchSize));

  const outcomes: PairOutcome[] = [];
  let maxRSS = 0;
  let nextBatch = 0;
  const workers: Worker[] = [];

  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const feed = (worker: Worker) => {
        if (nextBatch < batches.length) {
          worker.postMessage({ jobs: batches[nextBatch++] });
        } else {
          running -= 1;
          if (running === 0) resolve();
        }
      };
      for (let i = 0; i < Math.min(workerCount, batches.length); i++) {
        const worker = startWorker(import.meta.url, 'worker', { dir });
        workers.push(worker);
        running += 1;
        worker.on('message', (reply: WorkerReply) => {
          outcomes.push(...reply.outcomes);
          maxRSS = Math.max(maxRSS, reply.maxRSS);
          options.onProgress?.(outcomes.length, jobs.length);
          feed(worker);
        });
        worker.on('error', (error) => reject(new Error(`alignment worker failed: ${error.message}`)));
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`alignment worker exited with code ${code}`));
        });
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  outcomes.sort((x, y) => x.id - y.id);
  return { outcomes, maxRSS: Math.max(maxRSS, process.resourceUsage().maxRSS) };
}
