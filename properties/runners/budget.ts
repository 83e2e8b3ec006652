/**
 * The differential suite under a budget counted in steps, not runs: the constructor sweep, then
 * chunks of runs with consecutive seeds until the steps are spent or a run fails. MLL_STEPS /
 * --steps scale it. A failure replays from its chunk's seed and fast-check path, or from its
 * place in the sweep.
 * @module
 */
import type * as fc from 'fast-check';
import { catalog } from '../catalog.js';
import type { DifferentialSetup } from '../differential/property.js';
import { constructorSweep, differentialProperty, sweepWorlds } from '../differential/property.js';
import type { Model, Real, StepCounter } from '../differential/world.js';
import type { DriverFactory } from '../driver.js';
import type { Exercise } from '../exercise.js';
import { addExercise, countingFactory, noExercise } from '../exercise.js';
import type { Explain, PropertyReport } from './check.js';
import { checkProperty, stringify, verdictWithoutFailure } from './check.js';
import { explainDifferential, minimalCommands } from './timeline.js';

const differential = catalog.find((p) => p.id === 'P-DIFFERENTIAL')!;

/** Runs per chunk, unless the budget says otherwise. */
const CHUNK_RUNS = 50;

/** A differential counterexample replayed into its timeline and its regression file. */
export function explainFor(factory: DriverFactory): Explain {
  return async (counterexample) => {
    const [world, commands] = counterexample as [DifferentialSetup, Iterable<fc.AsyncCommand<Model, Real>>];
    const explained = await explainDifferential(factory, world, await minimalCommands(factory, world, commands));
    return { ...explained, regression: stringify({ property: differential.id, world: explained.world, steps: explained.steps }) };
  };
}

export interface StepBudget {
  readonly steps: number;
  readonly seed: number;
  /** Runs per chunk (default CHUNK_RUNS); each chunk takes the next seed. A failure's replay does not depend on it. */
  readonly chunkRuns?: number;
  /** Whether a failure is minimised and replayed into a timeline (default true); the mutation runner only needs the verdict. */
  readonly explain?: boolean;
  /** Which places of the constructor sweep this budget runs, by index (default: every one); lanes.ts splits the sweep. */
  readonly sweep?: (index: number) => boolean;
  /** Told the steps done so far after the sweep and after each chunk, for a progress line. */
  readonly onChunk?: (steps: number) => void;
}

export interface BudgetReport {
  /** Steps of the sweep and the runs (shrinking included); the replays that explain a failure are not counted. */
  readonly steps: number;
  readonly runs: number;
  readonly milliseconds: number;
  readonly exercise: Exercise;
  /** The failing chunk's report, if any. */
  readonly failed?: PropertyReport;
}

/** Reads MLL_STEPS, or the default. */
export function stepsFromEnv(defaultSteps: number, env: NodeJS.ProcessEnv = process.env): number {
  if (env.MLL_STEPS === undefined) return defaultSteps;
  const steps = Number(env.MLL_STEPS);
  if (!Number.isSafeInteger(steps) || steps < 1)
    throw new RangeError(`steps (--steps or MLL_STEPS) must be a positive integer, got '${env.MLL_STEPS}'`);
  return steps;
}

/** The constructor sweep, or the one place of it named `only`; a report of its first failure, or null. */
async function sweep(
  factory: DriverFactory,
  seed: number,
  explain: boolean,
  only?: string | ((index: number) => boolean),
  counter?: StepCounter,
): Promise<PropertyReport | null> {
  const started = performance.now();
  const found = await constructorSweep(factory, only, counter);
  if (found === null) return null;
  const milliseconds = performance.now() - started;
  const explained = explain ? await explainDifferential(factory, found.world, []) : undefined;
  return {
    id: differential.id,
    title: differential.title,
    clauses: differential.clauses,
    subject: differential.subject,
    runs: 0,
    verdict: 'fail',
    milliseconds,
    exercise: noExercise,
    failure: {
      clause: found.error.clause,
      message: found.error.message,
      seed,
      path: found.place,
      counterexample: `the constructor sweep at ${found.place}`,
      ...(explained === undefined
        ? {}
        : {
            timeline: explained.timeline,
            regression: stringify({ property: differential.id, world: explained.world, steps: explained.steps }),
          }),
    },
  };
}

/**
 * The differential suite under a step budget: first the constructor sweep (every bound of the
 * article's defaults), then chunks of random runs.
 */
export async function runDifferentialBudget(factory: DriverFactory, budget: StepBudget): Promise<BudgetReport> {
  const started = performance.now();
  const counter: StepCounter = { steps: 0 };
  // P-DIFFERENTIAL as the catalog defines it, its runs counted in this budget's counter.
  const counted = { ...differential, build: (f: DriverFactory) => differentialProperty(f, { counter }) };
  const counting = countingFactory(factory);
  const explain = budget.explain !== false;
  const report = (runs: number, failed?: PropertyReport): BudgetReport => ({
    steps: counter.steps,
    runs,
    milliseconds: performance.now() - started,
    exercise: counting.exercise(),
    ...(failed === undefined ? {} : { failed }),
  });
  const swept = await sweep(counting.factory, budget.seed, explain, budget.sweep, counter);
  if (swept !== null) return report(0, swept);
  budget.onChunk?.(counter.steps);
  let runs = 0;
  for (let seed = budget.seed; counter.steps < budget.steps; seed++) {
    const chunk = await checkProperty(
      counted,
      counting.factory,
      { numRuns: budget.chunkRuns ?? CHUNK_RUNS, seed },
      explain ? explainFor(counting.factory) : undefined,
    );
    runs += chunk.runs;
    budget.onChunk?.(counter.steps);
    if (chunk.verdict === 'fail') return report(runs, chunk);
  }
  return report(runs);
}

/** The verdict of budget reports together (one per worker): the first failure, or a pass if anything reached the implementation. */
export function mergeBudgetReports(reports: readonly BudgetReport[]): PropertyReport {
  const failed = reports.find((r) => r.failed !== undefined)?.failed;
  if (failed !== undefined) return failed;
  const exercise = reports.map((r) => r.exercise).reduce(addExercise, noExercise);
  return {
    id: differential.id,
    title: differential.title,
    clauses: differential.clauses,
    subject: differential.subject,
    runs: reports.reduce((sum, r) => sum + r.runs, 0),
    verdict: verdictWithoutFailure(differential, exercise),
    milliseconds: Math.max(...reports.map((r) => r.milliseconds)),
    exercise,
  };
}

/** Replays one differential failure: a place of the constructor sweep (`sweep:F:V`), or a chunk's seed and fast-check path. */
export async function replayDifferential(factory: DriverFactory, seed: number, path: string): Promise<PropertyReport> {
  if (path.startsWith('sweep:')) {
    if (!sweepWorlds().some((w) => w.place === path)) throw new RangeError(`--path: the constructor sweep has no place '${path}'`);
    const counting = countingFactory(factory);
    const failed = await sweep(counting.factory, seed, true, path);
    return failed ?? mergeBudgetReports([{ steps: 1, runs: 0, milliseconds: 0, exercise: counting.exercise() }]);
  }
  return checkProperty(differential, factory, { numRuns: CHUNK_RUNS, seed, path }, explainFor(factory));
}
