/**
 * The differential budget spread over worker threads, one per core by default: each worker
 * takes an equal share of the steps and a disjoint range of seeds.
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BudgetReport, StepBudget } from './budget.js';
import type { Implementation } from './implementations.js';

/** Seeds of worker k start at seed + k · SEED_STRIDE, so workers never share a seed. */
const SEED_STRIDE = 1_000_000;

export async function runDifferentialParallel(
  implementation: Implementation,
  budget: StepBudget,
  workers = availableParallelism(),
): Promise<BudgetReport[]> {
  const share = Math.ceil(budget.steps / workers);
  const jobs = Array.from({ length: workers }, (_, k) => ({
    implementation,
    budget: { ...budget, steps: share, seed: budget.seed + k * SEED_STRIDE },
  }));
  return Promise.all(
    jobs.map(
      (job) =>
        new Promise<BudgetReport>((resolve, reject) => {
          const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
            workerData: { entry: new URL('./worker.ts', import.meta.url).href, job },
          });
          worker.once('message', (report: BudgetReport) => {
            resolve(report);
            void worker.terminate();
          });
          worker.once('error', reject);
        }),
    ),
  );
}
