// Worker thread: computes the derived views (stories take ~95 s per 100k documents) from its own
// read-only connection and posts them back whole.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/index.js';
import { computeDerived } from './derived-compute.js';

const { location } = workerData as { location: string };
try {
  const store = openStore(location, { readonly: true });
  try {
    parentPort!.postMessage({ ok: true, data: computeDerived(store) });
  } finally {
    store.close();
  }
} catch (error) {
  parentPort!.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
