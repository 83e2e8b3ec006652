/**
 * The differential run as a fixed plan, so `--seed S --steps N` names the same run on any
 * machine, with any number of worker threads, whole or split into shards: the constructor sweep,
 * then LANES lanes. Lane j starts at seed S + j·LANE_STRIDE and runs chunks of consecutive seeds
 * until its share of the N steps is spent or a run fails. Worker threads and shards only decide
 * who runs which lane and which places of the sweep: shard K of N takes the sweep's places and
 * the lanes whose index is K−1 modulo N. A run's failure is the sweep's earliest failing place,
 * else the failure of the lowest failing lane — whoever ran them, so shards merge into exactly
 * the report of the one big run.
 * @internal
 * @module
 */
import { availableParallelism } from 'node:os';
import { sweepWorlds } from '../../properties/differential/property.js';
import type { DriverFactory } from '../../properties/driver.js';
import type { Exercise } from '../../properties/exercise.js';
import { addExercise, noExercise } from '../../properties/exercise.js';
import type { BudgetReport } from '../../properties/runners/budget.js';
import { mergeBudgetReports, runDifferentialBudget } from '../../properties/runners/budget.js';
import type { PropertyReport } from '../../properties/runners/check.js';
import type { Implementation } from './implementations.js';
import { runInWorker } from './parallel.js';

/** Lanes in every differential run: at most this many shards. */
export const LANES = 16;
/** Seeds of lane j start at seed + j · LANE_STRIDE, so lanes never share a seed. */
export const LANE_STRIDE = 1_000_000;
/** Runs per chunk at most (budget.ts's default). */
const MAX_CHUNK_RUNS = 50;

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export const wholeRun: Shard = { index: 1, count: 1 };

/** Parses `K/N`; a RangeError when malformed or out of range. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(index) || !Number.isSafeInteger(count))
    throw new RangeError(`--shard: expected K/N, as 2/4, got '${text}'`);
  if (count < 1 || count > LANES) throw new RangeError(`--shard: N must be 1 to ${LANES} (the lanes of a run), got '${text}'`);
  if (index < 1 || index > count) throw new RangeError(`--shard: K must be 1 to N, got '${text}'`);
  return { index, count };
}

/** Whether item `i` (a lane, a place of the sweep, a property) belongs to the shard: round robin. */
export const inShard = (shard: Shard, i: number): boolean => i % shard.count === shard.index - 1;

export interface LanePlan {
  readonly lane: number;
  readonly seed: number;
  /** Its share of the steps: the budget split exactly, the first lanes one more. */
  readonly steps: number;
  /** About four chunks per lane, at most 50 runs each (a run is ~20 steps). */
  readonly chunkRuns: number;
}

/** Every lane of a run of `steps` steps from `seed`. */
export function lanePlan(steps: number, seed: number): LanePlan[] {
  return Array.from({ length: LANES }, (_, lane) => {
    const share = Math.floor(steps / LANES) + (lane < steps % LANES ? 1 : 0);
    return {
      lane,
      seed: seed + lane * LANE_STRIDE,
      steps: share,
      chunkRuns: Math.min(MAX_CHUNK_RUNS, Math.max(1, Math.round(share / 80))),
    };
  });
}

/** What one lane did: the seeds it visited are seed … seed + chunks − 1. */
export interface LaneReport {
  readonly lane: number;
  readonly seed: number;
  readonly chunks: number;
  readonly steps: number;
  readonly runs: number;
  readonly milliseconds: number;
  readonly exercise: Exercise;
  readonly failed?: PropertyReport;
}

/** The sweep's part of a run: which places ran, and the earliest failure among them. */
export interface SweepReport {
  readonly places: readonly number[];
  readonly steps: number;
  readonly exercise: Exercise;
  /** The failing place's index in the sweep, with its report. */
  readonly failed?: { readonly index: number; readonly report: PropertyReport };
}

export interface DifferentialRun {
  readonly seed: number;
  /** The whole run's step budget (every shard's), not this shard's part. */
  readonly budget: number;
  readonly shard: Shard;
  readonly sweep: SweepReport;
  readonly lanes: readonly LaneReport[];
  readonly milliseconds: number;
}

/** Progress of a run: steps done so far (the sweep's and every lane's), failures so far. */
export type OnProgress = (steps: number, failures: number) => void;

/** Runs one lane in this thread. */
export async function runLane(
  factory: DriverFactory,
  plan: LanePlan,
  explain: boolean,
  onSteps?: (steps: number) => void,
): Promise<LaneReport> {
  const report: BudgetReport = await runDifferentialBudget(factory, {
    steps: plan.steps,
    seed: plan.seed,
    chunkRuns: plan.chunkRuns,
    explain,
    sweep: () => false,
    ...(onSteps === undefined ? {} : { onChunk: onSteps }),
  });
  const { steps, runs, milliseconds, exercise, failed } = report;
  return {
    lane: plan.lane,
    seed: plan.seed,
    chunks: Math.ceil(runs / plan.chunkRuns),
    steps,
    runs,
    milliseconds,
    exercise,
    ...(failed === undefined ? {} : { failed }),
  };
}

/**
 * Runs lanes in order in this thread; after a failure the rest are skipped: a higher lane's
 * failure could never be the run's.
 */
export async function runLanes(
  factory: DriverFactory,
  plans: readonly LanePlan[],
  explain: boolean,
  onSteps?: (lane: number, steps: number) => void,
): Promise<LaneReport[]> {
  const reports: LaneReport[] = [];
  for (const plan of plans) {
    const report = await runLane(factory, plan, explain, onSteps === undefined ? undefined : (steps) => onSteps(plan.lane, steps));
    reports.push(report);
    if (report.failed !== undefined) break;
  }
  return reports;
}

/** A worker thread's message: progress in a lane, or its lanes' reports (the last message). */
export type LaneMessage =
  { readonly kind: 'progress'; readonly lane: number; readonly steps: number } | { readonly kind: 'lanes'; readonly reports: LaneReport[] };

export interface LaneRunOptions {
  readonly steps: number;
  readonly seed: number;
  readonly shard?: Shard;
  readonly workers?: number;
  readonly explain?: boolean;
  readonly onProgress?: OnProgress;
}

/**
 * This shard's part of the differential run: its places of the constructor sweep here, then its
 * lanes spread over worker threads (lane i of the shard to thread i mod workers), or in this
 * thread when workers is 1.
 */
export async function runDifferentialLanes(
  implementation: Implementation,
  factory: DriverFactory,
  options: LaneRunOptions,
): Promise<DifferentialRun> {
  const started = performance.now();
  const shard = options.shard ?? wholeRun;
  const explain = options.explain !== false;
  const places = sweepWorlds()
    .map((_, i) => i)
    .filter((i) => inShard(shard, i));
  const swept = await runDifferentialBudget(factory, { steps: 0, seed: options.seed, explain, sweep: (i) => inShard(shard, i) });
  const failedPlace = swept.failed === undefined ? undefined : sweepWorlds().findIndex((w) => w.place === swept.failed!.failure!.path);
  const sweep: SweepReport = {
    places,
    steps: swept.steps,
    exercise: swept.exercise,
    ...(swept.failed === undefined ? {} : { failed: { index: failedPlace!, report: swept.failed } }),
  };
  const done = (lanes: readonly LaneReport[]): DifferentialRun => ({
    seed: options.seed,
    budget: options.steps,
    shard,
    sweep,
    lanes: [...lanes].sort((a, b) => a.lane - b.lane),
    milliseconds: performance.now() - started,
  });
  if (sweep.failed !== undefined) return done([]);

  const plans = lanePlan(options.steps, options.seed).filter((p) => inShard(shard, p.lane));
  const progress = new Map<number, number>();
  let failures = 0;
  const tell = (): void => options.onProgress?.(sweep.steps + [...progress.values()].reduce((a, b) => a + b, 0), failures);
  const onSteps = (lane: number, steps: number): void => {
    progress.set(lane, steps);
    tell();
  };
  tell();
  const workers = Math.min(options.workers ?? availableParallelism(), plans.length);
  if (workers <= 1) {
    return done(await runLanes(factory, plans, explain, (lane, steps) => onSteps(lane, steps)));
  }
  const lanes: LaneReport[] = [];
  await Promise.all(
    Array.from({ length: workers }, (_, t) =>
      runInWorker(
        new URL('./worker.ts', import.meta.url),
        { kind: 'lanes', implementation, plans: plans.filter((_, i) => i % workers === t), explain },
        (message) => {
          const m = message as LaneMessage;
          if (m.kind === 'progress') onSteps(m.lane, m.steps);
          else {
            lanes.push(...m.reports);
            failures += m.reports.filter((r) => r.failed !== undefined).length;
            tell();
          }
        },
      ),
    ),
  );
  return done(lanes);
}

/**
 * The run's verdict as one report: the sweep's failure, else the lowest failing lane's, else a
 * pass when anything reached the implementation. Also for runs merged from shards.
 */
export function differentialReport(run: Pick<DifferentialRun, 'sweep' | 'lanes' | 'milliseconds'>): PropertyReport {
  const failed = run.sweep.failed?.report ?? [...run.lanes].sort((a, b) => a.lane - b.lane).find((l) => l.failed !== undefined)?.failed;
  const base: BudgetReport = { steps: run.sweep.steps, runs: 0, milliseconds: run.milliseconds, exercise: run.sweep.exercise };
  const merged = mergeBudgetReports([
    base,
    ...run.lanes.map((l): BudgetReport => ({ steps: l.steps, runs: l.runs, milliseconds: run.milliseconds, exercise: l.exercise })),
  ]);
  if (failed === undefined) return merged;
  return {
    ...failed,
    runs: merged.runs,
    milliseconds: run.milliseconds,
    exercise: [sweepExercise(run), ...run.lanes.map((l) => l.exercise)].reduce(addExercise, noExercise),
  };
}

const sweepExercise = (run: Pick<DifferentialRun, 'sweep'>): Exercise => run.sweep.exercise;

/** Steps of a run: the sweep's and every lane's. */
export const runSteps = (run: Pick<DifferentialRun, 'sweep' | 'lanes'>): number =>
  run.sweep.steps + run.lanes.reduce((sum, l) => sum + l.steps, 0);
