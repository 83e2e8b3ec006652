/**
 * One worker thread of a parallel differential run. A `lanes` job runs its lanes of the run
 * (lanes.ts), posting `{ kind: 'progress', lane, steps }` after the sweep and each chunk, and
 * last `{ kind: 'lanes', reports }`; a `budget` job (the bench's) runs a step budget and posts its
 * BudgetReport.
 * @internal
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BudgetReport, StepBudget } from '../../properties/runners/budget.js';
import { runDifferentialBudget } from '../../properties/runners/budget.js';
import type { Implementation } from './implementations.js';
import { driverFactoryFor } from './implementations.js';
import type { LaneMessage, LanePlan } from './lanes.js';
import { runLanes } from './lanes.js';

type Job =
  | { readonly kind?: 'budget'; readonly implementation: Implementation; readonly budget: StepBudget }
  | { readonly kind: 'lanes'; readonly implementation: Implementation; readonly plans: readonly LanePlan[]; readonly explain: boolean };

const { job } = workerData as { job: Job };
const factory = await driverFactoryFor(job.implementation);
if (job.kind === 'lanes') {
  const post = (message: LaneMessage): void => parentPort!.postMessage(message);
  const reports = await runLanes(factory, job.plans, job.explain, (lane, steps) => post({ kind: 'progress', lane, steps }));
  post({ kind: 'lanes', reports });
} else {
  const report: BudgetReport = await runDifferentialBudget(factory, job.budget);
  parentPort!.postMessage(report);
}
