/** Worker-thread entry: runs scan tasks (features, alignments) sent by the pool. */
import { parentPort } from 'node:worker_threads';
import { runTask, type Task } from './tasks.js';

parentPort?.on('message', (message: { id: number; task: Task }) => {
  try {
    parentPort?.postMessage({ id: message.id, result: runTask(message.task) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
