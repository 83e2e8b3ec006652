/**
 * One worker thread of a parallel differential run: its share of the steps, its own seeds.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BudgetReport, StepBudget } from './budget.js';
import { runDifferentialBudget } from './budget.js';
import type { Implementation } from './implementations.js';
import { driverFactoryFor } from './implementations.js';

interface Job {
  readonly implementation: Implementation;
  readonly budget: StepBudget;
}

const job = workerData.job as Job;
const report: BudgetReport = await runDifferentialBudget(driverFactoryFor(job.implementation), job.budget);
parentPort!.postMessage(report);
