/**
 * Work spread over worker threads, one per core by default. A worker is a TypeScript module
 * started through worker-boot.mjs; it receives `workerData.job` and posts messages, the last of
 * which is its result.
 * @internal
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BudgetReport, StepBudget } from '../../properties/runners/budget.js';
import type { Implementation } from './implementations.js';

/** Runs `entry` in a worker thread with `job`, passing every message to `onMessage`; resolves when it exits. */
export function runInWorker(entry: URL, job: unknown, onMessage: (message: unknown) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { entry: entry.href, job } });
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${entry.pathname} exited with ${code}`))));
  });
}

/** Seeds of worker k start at seed + k · SEED_STRIDE, so workers never share a seed. */
const SEED_STRIDE = 1_000_000;

/** The differential step budget, an equal share per worker, disjoint seeds. */
export async function runDifferentialParallel(
  implementation: Implementation,
  budget: StepBudget,
  workers = availableParallelism(),
): Promise<BudgetReport[]> {
  const share = Math.ceil(budget.steps / workers);
  const reports: BudgetReport[] = [];
  await Promise.all(
    Array.from({ length: workers }, (_, k) =>
      runInWorker(
        new URL('./worker.ts', import.meta.url),
        { implementation, budget: { ...budget, steps: share, seed: budget.seed + k * SEED_STRIDE } },
        (report) => reports.push(report as BudgetReport),
      ),
    ),
  );
  return reports;
}
