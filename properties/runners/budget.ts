/**
 * The differential suite under a budget counted in steps, not runs: chunks of runs with
 * consecutive seeds until the steps are spent or a run fails. MLL_STEPS / --steps scale it.
 * @module
 */
import { catalog } from '../catalog.js';
import { stepCounter } from '../differential/world.js';
import type { DriverFactory } from '../driver.js';
import type { PropertyReport } from './check.js';
import type { Explain } from './check.js';
import { checkProperty, stringify } from './check.js';
import type { DifferentialSetup } from '../differential/property.js';
import { constructorSweep } from '../differential/property.js';
import { PropertyViolation } from '../violation.js';
import type { Model, Real } from '../differential/world.js';
import type * as fc from 'fast-check';
import { explainDifferential, minimalCommands } from './timeline.js';

/** A differential counterexample replayed into its timeline and its regression file. */
export function explainFor(factory: DriverFactory): Explain {
  return async (counterexample) => {
    const [world, commands] = counterexample as [DifferentialSetup, Iterable<fc.AsyncCommand<Model, Real>>];
    const explained = await explainDifferential(factory, world, await minimalCommands(factory, world, commands));
    return { timeline: explained.text, regression: stringify({ world: explained.world, steps: explained.steps }) };
  };
}

export interface StepBudget {
  readonly steps: number;
  readonly seed: number;
  /** Runs per chunk; each chunk takes the next seed. */
  readonly chunkRuns?: number;
  /** Whether a failure is minimised and replayed into a timeline (default true); the mutation runner only needs the verdict. */
  readonly explain?: boolean;
}

export interface BudgetReport {
  readonly steps: number;
  readonly runs: number;
  readonly milliseconds: number;
  /** The failing chunk's report, if any. */
  readonly failed?: PropertyReport;
}

/** Reads MLL_STEPS, or the default. */
export function stepsFromEnv(defaultSteps: number, env: NodeJS.ProcessEnv = process.env): number {
  if (env.MLL_STEPS === undefined) return defaultSteps;
  const steps = Number(env.MLL_STEPS);
  if (!Number.isSafeInteger(steps) || steps < 1) throw new RangeError(`steps (--steps or MLL_STEPS) must be a positive integer, got '${env.MLL_STEPS}'`);
  return steps;
}

/**
 * The differential suite under a step budget: first the constructor sweep (every bound of the
 * article's defaults), then chunks of random runs.
 */
export async function runDifferentialBudget(factory: DriverFactory, budget: StepBudget): Promise<BudgetReport> {
  const property = catalog.find((p) => p.id === 'P-DIFFERENTIAL')!;
  const started = performance.now();
  const first = stepCounter.steps;
  try {
    await constructorSweep(factory);
  } catch (error) {
    if (!(error instanceof PropertyViolation)) throw error;
    const milliseconds = performance.now() - started;
    const failure = { clause: error.clause, message: error.message, seed: budget.seed, path: '', counterexample: 'the constructor sweep (deterministic: any seed replays it)' };
    return { steps: stepCounter.steps - first, runs: 0, milliseconds, failed: { id: property.id, title: property.title, clauses: property.clauses, runs: 0, ok: false, milliseconds, failure } };
  }
  let runs = 0;
  for (let seed = budget.seed; stepCounter.steps - first < budget.steps; seed++) {
    const report = await checkProperty(property, factory, { numRuns: budget.chunkRuns ?? 50, seed }, budget.explain === false ? undefined : explainFor(factory));
    runs += report.runs;
    if (!report.ok) return { steps: stepCounter.steps - first, runs, milliseconds: performance.now() - started, failed: report };
  }
  return { steps: stepCounter.steps - first, runs, milliseconds: performance.now() - started };
}
