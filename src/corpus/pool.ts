import type { Worker } from 'node:worker_threads';
import { startWorker } from '../util/worker.js';
import { runTask, type Task, type TaskResult } from './tasks.js';

/**
 * Runs tasks on worker threads, one task in flight per worker; with one worker, in-process.
 * Results come back as promises, so callers can keep a few tasks queued per worker.
 */
export class TaskPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; task: Task }[] = [];
  private readonly pending = new Map<number, { resolve: (r: TaskResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(readonly size: number) {
    if (size <= 1) return;
    for (let i = 0; i < size; i++) {
      const worker = startWorker(import.meta.url, 'worker', null);
      worker.on('message', (reply: { id: number; result?: TaskResult; error?: string }) => {
        const waiter = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (reply.error !== undefined) waiter?.reject(new Error(reply.error));
        else waiter?.resolve(reply.result!);
        this.release(worker);
      });
      worker.on('error', (error) => {
        for (const waiter of this.pending.values()) waiter.reject(error);
        this.pending.clear();
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** Tasks waiting for a worker (callers throttle on this). */
  get backlog(): number {
    return this.queue.length;
  }

  run(task: Task): Promise<TaskResult> {
    if (this.workers.length === 0) {
      try {
        return Promise.resolve(runTask(task));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const id = this.nextId++;
    const promise = new Promise<TaskResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.queue.push({ id, task });
    this.dispatch();
    return promise;
  }

  /** Runs a task once on every worker (or once in-process), e.g. to hand each one shared data. */
  async broadcast(task: Task): Promise<void> {
    if (this.workers.length === 0) {
      runTask(task);
      return;
    }
    if (this.idle.length !== this.workers.length) throw new Error('broadcast needs an idle pool');
    // Busy until each one answers (the reply handler releases it).
    this.idle.length = 0;
    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const id = this.nextId++;
            this.pending.set(id, { resolve: () => resolve(), reject });
            worker.postMessage({ id, task });
          }),
      ),
    );
  }

  private release(worker: Worker): void {
    this.idle.push(worker);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      this.idle.pop()!.postMessage(this.queue.shift());
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Bounded set of running jobs: `add` waits while full; the first failure is rethrown once. */
export class InFlight {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit: number) {}

  async add(job: Promise<void>): Promise<void> {
    const tracked: Promise<void> = job
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    if (this.running.size >= this.limit) await Promise.race(this.running);
    if (this.failure) throw this.failure.error;
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    if (this.failure) throw this.failure.error;
  }
}
