import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on `<name>.js` next to `moduleUrl` when compiled; under tsx, on
 * `<name>.ts` through a tiny bootstrap that registers tsx first (Node 20 ignores
 * `--import tsx` in a worker's execArgv for the worker's own entry file).
 */
export function startWorker(moduleUrl: string, name: string, workerData: unknown): Worker {
  if (!moduleUrl.endsWith('.ts')) {
    return new Worker(new URL(`./${name}.js`, moduleUrl), { workerData });
  }
  const entry = new URL(`./${name}.ts`, moduleUrl).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap =
    `import(${JSON.stringify(tsxApi)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
