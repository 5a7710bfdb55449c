/** Worker-thread entry: aligns batches of pairs sent by the pool (see pool.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { alignPair, type PairJob } from './align-pair.js';

export interface WorkerBatch {
  jobs: PairJob[];
}

export interface WorkerReply {
  outcomes: ReturnType<typeof alignPair>[];
  /** Peak resident set size of this thread's process view, in KB. */
  maxRSS: number;
}

const { dir } = workerData as { dir: string };

parentPort?.on('message', (batch: WorkerBatch) => {
  const outcomes = batch.jobs.map((job) => alignPair(dir, job));
  const reply: WorkerReply = { outcomes, maxRSS: process.resourceUsage().maxRSS };
  parentPort?.postMessage(reply);
});
