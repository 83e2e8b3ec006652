/**
 * `mll check --engine embedded|native|both`: which engine takes P-DIFFERENTIAL's volume. embedded
 * is the run as ever (@ethereumjs/evm in-process). native generates the same run's fixtures on
 * the reference and replays them with forge in batches (cli/run/native.ts); a
 * divergence forge finds is replayed on the embedded engine, which shrinks it into the usual
 * timeline and replay command. both runs each, and checks each engine's failing run on the other:
 * a divergence one engine reports and the other does not is an ENGINE DISAGREEMENT.
 * @internal
 * @module
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArtifact } from '../contracts/artifact.js';
import { catalog } from '../properties/catalog.js';
import type { DriverFactory } from '../properties/driver.js';
import { replayDifferential } from '../properties/runners/budget.js';
import type { PropertyReport } from '../properties/runners/check.js';
import { verdictWithoutFailure } from '../properties/runners/check.js';
import type { Implementation } from './run/implementations.js';
import { callerPath } from './run/implementations.js';
import type { ForgeTarget } from '../properties/vectors/forge.js';
import { forgeBinary } from '../properties/vectors/forge.js';
import type { NativeRun } from './run/native.js';
import { replayRunNatively, runNativeDifferential } from './run/native.js';
import type { Progress } from './progress.js';
import type { ReportNative } from './reports.js';

export const ENGINES = ['embedded', 'native', 'both'] as const;
export type EngineChoice = (typeof ENGINES)[number];

const differential = catalog.find((p) => p.id === 'P-DIFFERENTIAL')!;

/**
 * What forge replays the vectors on: the bundled contract's source, a .sol (forge compiles it
 * with solc-js; its contract named as the file, importing nothing), or an artifact's creation
 * code (deployed as it is). A RangeError for what it cannot take; also when there is no forge.
 */
export function nativeTarget(implementation: Implementation): ForgeTarget {
  if (implementation.kind === 'reference')
    throw new RangeError('--engine native and both replay vectors on a contract with forge: not on the reference');
  // forge's replayer deploys with the spec's constructor (foundry/MllVectorReplayer.sol's deployLock)
  if (implementation.deploy !== undefined)
    throw new RangeError("--engine native deploys with the spec's constructor: a --deploy adapter runs on the embedded engine only");
  forgeBinary();
  const { file } = implementation;
  if (file === null) return fileURLToPath(new URL('../contracts/MutualLiquidityLock.sol', import.meta.url));
  if (implementation.remappings !== undefined)
    throw new RangeError('--engine native builds a .sol that imports nothing: give the artifact JSON of a contract that imports');
  if (file.endsWith('.sol')) return callerPath(file);
  return { name: basename(file, '.json').replace(/\W+/g, '_'), bytecode: loadArtifact(callerPath(file)).bytecode };
}

/** The native run in a line: fixtures, steps, batches, and where the time went. */
export function describeNativeRun(run: NativeRun): string {
  const persecond = (seconds: number): string => `${Math.round(run.steps / Math.max(seconds, 1e-9)).toLocaleString('en-US')} steps/s`;
  return (
    `P-DIFFERENTIAL on the native engine (forge): ${run.fixtures} fixtures, ${run.steps} steps in ${run.batches} batches; ` +
    `generated on the reference in ${run.generateSeconds.toFixed(1)} s (${persecond(run.generateSeconds)}), ` +
    `replayed by forge in ${run.forgeTestSeconds.toFixed(1)} s of test time (${persecond(run.forgeTestSeconds)}), ${run.forgeSeconds.toFixed(1)} s with start-up and compilation`
  );
}

const disagreement = (
  report: PropertyReport,
  message: string,
  counterexample: string,
  at: { seed: number; path: string },
): PropertyReport => ({
  ...report,
  verdict: 'fail',
  failure: {
    clause: report.failure?.clause ?? null,
    message: `ENGINE DISAGREEMENT: ${message}`,
    seed: at.seed,
    path: at.path,
    counterexample,
    ...(report.failure?.timeline === undefined ? {} : { timeline: report.failure.timeline }),
  },
});

/**
 * The run of `steps` steps from `seed` on the native engine, as a property report: a pass, the
 * embedded engine's shrunk replay of the run forge failed, or an ENGINE DISAGREEMENT when the
 * embedded engine replays that run without a failure; and the run's figures for the JSON report.
 */
export async function nativeDifferential(
  target: ForgeTarget,
  factory: DriverFactory,
  budget: { readonly steps: number; readonly seed: number },
  say: (line: string) => void,
  progress: Progress,
): Promise<{ readonly report: PropertyReport; readonly run: ReportNative }> {
  const started = performance.now();
  progress.phase('P-DIFFERENTIAL (native)', budget.steps, 'steps');
  const run = await runNativeDifferential(target, budget.steps, budget.seed, (steps) => progress.update(Math.min(steps, budget.steps), 0));
  say(describeNativeRun(run));
  const figures: ReportNative = {
    seed: budget.seed,
    budget: budget.steps,
    fixtures: run.fixtures,
    steps: run.steps,
    batches: run.batches,
    generateSeconds: run.generateSeconds,
    forgeTestSeconds: run.forgeTestSeconds,
    forgeSeconds: run.forgeSeconds,
    failedFixture: run.failure?.fixture ?? null,
  };
  const { id, title, clauses, subject } = differential;
  const base: PropertyReport = {
    id,
    title,
    clauses,
    subject,
    runs: run.fixtures,
    verdict: verdictWithoutFailure(differential, run.exercise),
    milliseconds: 0,
    exercise: run.exercise,
  };
  const done = (report: PropertyReport) => ({
    report: { ...report, runs: run.fixtures, exercise: run.exercise, milliseconds: performance.now() - started },
    run: figures,
  });
  if (run.failure === null) return done(base);
  const { fixture, reason, seed, path } = run.failure;
  say(`forge: ${reason}\nreplaying that run (P-DIFFERENTIAL --seed ${seed} --path ${path}) on the embedded engine to shrink it`);
  const embedded = await replayDifferential(factory, seed, path);
  if (embedded.verdict === 'fail') return done(embedded);
  return done(
    disagreement(
      base,
      `forge: ${reason}; the embedded engine replays the same run (fixture ${fixture}) without a failure`,
      `fixture ${fixture}`,
      { seed, path },
    ),
  );
}

/**
 * Both engines' reports on one run, each failure checked on the other engine: the embedded's
 * failing run replayed by forge, the native's failing run by the embedded engine (which
 * nativeDifferential did). Agreeing engines give the embedded report, its timeline and its replay.
 */
export async function bothEngines(
  embedded: PropertyReport,
  native: PropertyReport,
  target: ForgeTarget,
  say: (line: string) => void,
): Promise<PropertyReport> {
  if (native.failure?.message.startsWith('ENGINE DISAGREEMENT') === true) return native;
  if (embedded.failure === undefined) {
    if (native.failure === undefined) say('both engines agree: no divergence');
    // forge failed a run the embedded run did not reach, and the embedded engine fails it too
    return native.failure === undefined ? embedded : native;
  }
  if (native.failure !== undefined) {
    say('both engines report a divergence');
    return embedded;
  }
  const at = {
    seed: embedded.failure.seed,
    path: embedded.failure.path.startsWith('sweep:') ? embedded.failure.path : embedded.failure.path.split(':')[0]!,
  };
  const forge = await replayRunNatively(target, at);
  if (!forge.passed) {
    say(`forge fails the same run too: ${forge.failure}`);
    return embedded;
  }
  return disagreement(
    embedded,
    `the embedded engine: ${embedded.failure.message}; forge replays the same run without a difference`,
    embedded.failure.counterexample,
    at,
  );
}
