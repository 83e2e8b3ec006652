/**
 * The differential's volume on the native engine: the run `--seed S --steps N` names (lanes.ts's
 * plan — the constructor sweep, then LANES lanes of chunks of consecutive seeds), its runs drawn
 * as P-DIFFERENTIAL draws them but played on the reference alone and written as fixtures, then
 * replayed by forge in batches (the sweep, then one batch per lane). A lane stops when its
 * fixtures' steps reach its share, so it plays the same runs in the same order as the embedded
 * engine, give or take the last chunk (a fixture counts waits as steps, the embedded counter
 * counts deployments). The first failing batch ends the run, as the lowest failing lane ends the
 * embedded one; its failing fixture names the seed and --path that replay the run on the
 * embedded engine, which shrinks it into a timeline.
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sweepWorlds } from '../../properties/differential/property.js';
import type { Exercise } from '../../properties/exercise.js';
import { addExercise, noExercise } from '../../properties/exercise.js';
import { lanePlan } from './lanes.js';
import type { Fixture } from '../../properties/vectors/format.js';
import type { ForgeReplay, ForgeTarget } from '../../properties/vectors/forge.js';
import { replayWithForge } from '../../properties/vectors/forge.js';
import { chunkFixtures, sweepFixtures } from '../../properties/vectors/generate.js';

/** Where a fixture's run replays on the embedded engine: P-DIFFERENTIAL's `--seed` and `--path`. */
export interface RunPlace {
  readonly seed: number;
  readonly path: string;
}

/** The first difference forge found: in which fixture, why (the replayer's reason), and where the run replays. */
export interface NativeFailure extends RunPlace {
  readonly fixture: string;
  readonly reason: string;
}

export interface NativeRun {
  readonly fixtures: number;
  readonly steps: number;
  readonly batches: number;
  /** What reached the implementation: deployments, calls, calls that succeeded. */
  readonly exercise: Exercise;
  /** Generating the fixtures on the reference. */
  readonly generateSeconds: number;
  /** forge's whole runs, compilation included, and its own test time. */
  readonly forgeSeconds: number;
  readonly forgeTestSeconds: number;
  readonly failure: NativeFailure | null;
}

interface Batch {
  readonly name: string;
  readonly fixtures: AsyncIterable<{ readonly fixture: Fixture; readonly place: RunPlace }>;
}

async function* sweepBatch(seed: number): AsyncGenerator<{ fixture: Fixture; place: RunPlace }> {
  const places = sweepWorlds();
  let index = 0;
  for await (const fixture of sweepFixtures()) yield { fixture, place: { seed, path: places[index++]!.place } };
}

async function* laneBatch(seed: number, steps: number, chunkRuns: number): AsyncGenerator<{ fixture: Fixture; place: RunPlace }> {
  let total = 0;
  for (let chunk = seed; total < steps; chunk++) {
    for await (const { fixture, path } of chunkFixtures(chunk, chunkRuns)) {
      total += fixture.steps.length;
      yield { fixture, place: { seed: chunk, path } };
    }
  }
}

/** The fixture a failing replay names: the replayer's reason reads `CLAUSE: fixture NAME, …`. */
const failingFixture = (reason: string): string | undefined => /^[A-Z]+-[A-Z]+-\d+: fixture ([\w-]+),/.exec(reason)?.[1];

/** forge's verdict on one fixture set. */
type Replay = (dir: string) => Promise<ForgeReplay>;

/** A batch written out: its directory, where each of its fixtures' runs lies in the plan, and its tallies. */
interface Written {
  readonly name: string;
  readonly dir: string;
  readonly places: ReadonlyMap<string, RunPlace>;
  readonly fixtures: number;
  readonly steps: number;
  readonly exercise: Exercise;
  readonly generateSeconds: number;
}

/** forge's project directory for a target (.cache/forge/NAME): one per contract, so its build is cached between batches. */
const projectOf = (target: ForgeTarget): string =>
  typeof target === 'string' ? `native-${basename(target, '.sol')}` : `native-artifact-${target.name}`;

/** `batch`'s fixtures written as files into a directory of its name under `root`. */
async function writeBatch(root: string, batch: Batch): Promise<Written> {
  const dir = join(root, batch.name);
  mkdirSync(dir);
  const places = new Map<string, RunPlace>();
  const generating = performance.now();
  let fixtures = 0;
  let steps = 0;
  let exercise = noExercise;
  for await (const { fixture, place } of batch.fixtures) {
    writeFileSync(join(dir, `${fixture.name}.json`), JSON.stringify(fixture));
    places.set(fixture.name, place);
    const calls = fixture.steps.filter((s) => s.kind === 'call');
    fixtures++;
    steps += fixture.steps.length;
    // as countingFactory counts: deployments that succeeded, calls sent, calls that succeeded
    exercise = addExercise(exercise, {
      deployments: fixture.deployment.success ? 1 : 0,
      calls: calls.length,
      succeeded: calls.filter((s) => s.success).length,
    });
  }
  return { name: batch.name, dir, places, fixtures, steps, exercise, generateSeconds: (performance.now() - generating) / 1000 };
}

/**
 * Runs the differential's plan for `steps` steps from `seed` on `target` with forge, batch by
 * batch, until a batch fails. While forge replays one batch, the next is generated (forge is
 * another process, so the two share the cores); a batch generated after the failing one is
 * dropped, so the run and its figures are those of the batches forge replayed. `onSteps` is told
 * the fixture steps replayed so far.
 */
export async function runNativeDifferential(
  target: ForgeTarget,
  steps: number,
  seed: number,
  onSteps?: (steps: number) => void,
): Promise<NativeRun> {
  const root = mkdtempSync(join(tmpdir(), 'mll-native-'));
  const replay: Replay = (dir) => replayWithForge(dir, target, projectOf(target), root);
  const batches: Batch[] = [
    { name: 'sweep', fixtures: sweepBatch(seed) },
    ...lanePlan(steps, seed).map((plan) => ({
      name: `lane-${String(plan.lane).padStart(2, '0')}`,
      fixtures: laneBatch(plan.seed, plan.steps, plan.chunkRuns),
    })),
  ];
  let run = {
    fixtures: 0,
    steps: 0,
    batches: 0,
    exercise: noExercise,
    generateSeconds: 0,
    forgeSeconds: 0,
    forgeTestSeconds: 0,
  };
  try {
    let next: Written | undefined = batches.length === 0 ? undefined : await writeBatch(root, batches[0]!);
    for (let index = 0; next !== undefined; index++) {
      const written = next;
      // the following batch is generated while forge replays this one; both settle before either's error is thrown
      const [forge, following] = await Promise.allSettled([
        replay(written.dir),
        index + 1 < batches.length ? writeBatch(root, batches[index + 1]!) : Promise.resolve(undefined),
      ]);
      if (forge.status === 'rejected') throw forge.reason;
      if (following.status === 'rejected') throw following.reason;
      const replayed = forge.value;
      next = following.value;
      run = {
        fixtures: run.fixtures + written.fixtures,
        steps: run.steps + written.steps,
        batches: run.batches + 1,
        exercise: addExercise(run.exercise, written.exercise),
        generateSeconds: run.generateSeconds + written.generateSeconds,
        forgeSeconds: run.forgeSeconds + replayed.seconds,
        forgeTestSeconds: run.forgeTestSeconds + replayed.testSeconds,
      };
      onSteps?.(run.steps);
      if (!replayed.passed) {
        const reason = replayed.failure ?? replayed.output.trim().split('\n').at(-1) ?? 'forge failed';
        const fixture = failingFixture(reason);
        const place = fixture === undefined ? undefined : written.places.get(fixture);
        if (place === undefined) throw new Error(`forge failed batch ${written.name} without naming one of its fixtures: ${reason}`);
        return { ...run, failure: { fixture: fixture!, reason, ...place } };
      }
      rmSync(written.dir, { recursive: true, force: true });
    }
    return { ...run, failure: null };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** One run of the plan — a chunk's run by its seed and index, or a place of the sweep — replayed alone with forge. */
export async function replayRunNatively(target: ForgeTarget, place: RunPlace): Promise<ForgeReplay> {
  const dir = mkdtempSync(join(tmpdir(), 'mll-native-run-'));
  try {
    const source = place.path.startsWith('sweep:')
      ? sweepBatch(place.seed)
      : laneBatch(place.seed, Number.POSITIVE_INFINITY, Number(place.path) + 1);
    for await (const { fixture, place: at } of source) {
      if (at.seed !== place.seed || at.path !== place.path) continue;
      writeFileSync(join(dir, `${fixture.name}.json`), JSON.stringify(fixture));
      break;
    }
    return await replayWithForge(dir, target, projectOf(target));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
