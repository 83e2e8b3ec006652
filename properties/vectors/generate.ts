/**
 * Fixture sets: random differential runs (the world and command arbitraries of P-DIFFERENTIAL,
 * played with the reference on both sides), every world of the constructor sweep, and every
 * saved regression — each turned into a fixture by fixtureOf.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { commandArb } from '../differential/commands.js';
import type { DifferentialSetup } from '../differential/property.js';
import { differentialProperty, differentialSetupArb, openWorld, sweepWorlds } from '../differential/property.js';
import type { Model, Real } from '../differential/world.js';
import { ReferenceDriver } from '../drivers/reference.js';
import { loadRegressions } from '../runners/regressions.js';
import type { Fixture } from './format.js';
import { fixtureOf } from './fixture.js';

/** Commands per run, as P-DIFFERENTIAL draws them. */
const MAX_COMMANDS = 40;

const runArb = fc.tuple(differentialSetupArb, fc.commands([commandArb], { maxCommands: MAX_COMMANDS, size: 'max' }));

/** One differential run played with the reference on both sides, as a fixture: its log holds every move of time and every call, the opening included. */
async function runFixture(
  name: string,
  source: string,
  world: DifferentialSetup,
  commands: Iterable<fc.AsyncCommand<Model, Real>>,
): Promise<Fixture> {
  const sides = await openWorld((setup) => new ReferenceDriver(setup), world);
  if (sides !== null) await fc.asyncModelRun(() => sides, commands);
  return fixtureOf(name, source, world, sides?.model.log ?? []);
}

/**
 * Random runs from `seed`, one fixture each, until their steps reach `steps`: the same seed
 * always gives the same fixtures, in order. The reference plays both sides of the run, so its
 * log holds every move of time and every call, the opening included.
 */
export async function* differentialFixtures(steps: number, seed: number): AsyncGenerator<Fixture> {
  const [runs] = fc.sample(fc.infiniteStream(runArb), { seed, numRuns: 1 });
  let total = 0;
  let index = 0;
  for (const [world, commands] of runs!) {
    if (total >= steps) return;
    const fixture = await runFixture(
      `differential-${seed}-${String(index).padStart(5, '0')}`,
      `npm run vectors -- --seed ${seed}: run ${index}`,
      world,
      commands,
    );
    total += fixture.steps.length;
    index++;
    yield fixture;
  }
}

/**
 * The first `runs` runs of P-DIFFERENTIAL's chunk with seed `seed`, drawn as its fc.assert draws
 * them (fc.sample of the property, same seed), each with the `--path` that replays it there.
 */
export async function* chunkFixtures(seed: number, runs: number): AsyncGenerator<{ readonly fixture: Fixture; readonly path: string }> {
  const drawn = fc.sample(
    differentialProperty((setup) => new ReferenceDriver(setup)),
    { seed, numRuns: runs },
  );
  for (const [index, [world, commands]] of drawn.entries()) {
    const fixture = await runFixture(
      `run-${seed}-${String(index).padStart(3, '0')}`,
      `P-DIFFERENTIAL --seed ${seed} --path ${index}`,
      world,
      commands,
    );
    yield { fixture, path: String(index) };
  }
}

/** The constructor sweep's worlds, `sweep:F:V` (argument F at bound variant V), as fixtures. */
export async function* sweepFixtures(): AsyncGenerator<Fixture> {
  for (const { place, world } of sweepWorlds()) yield fixtureOf(place.replaceAll(':', '-'), place, world, []);
}

/** The saved regressions (test/regressions/, or MLL_REGRESSIONS_DIR), their logged steps as they are. */
export async function* regressionFixtures(): AsyncGenerator<Fixture> {
  for (const regression of loadRegressions()) {
    yield fixtureOf(
      `regression-${regression.name}`,
      `test/regressions/${regression.name}.json: ${regression.found}`,
      regression.world,
      regression.steps,
    );
  }
}

/** What writeVectors wrote. */
export interface VectorsWritten {
  readonly fixtures: number;
  readonly steps: number;
  readonly bytes: number;
}

/** Writes the sweep, the regressions and random runs of at least `steps` steps to `dir`, one NAME.json per fixture. */
export async function writeVectors(dir: string, steps: number, seed: number): Promise<VectorsWritten> {
  mkdirSync(dir, { recursive: true });
  const written = { fixtures: 0, steps: 0, bytes: 0 };
  for (const source of [sweepFixtures(), regressionFixtures(), differentialFixtures(steps, seed)]) {
    for await (const fixture of source) {
      const text = `${JSON.stringify(fixture)}\n`;
      writeFileSync(join(dir, `${fixture.name}.json`), text);
      written.fixtures++;
      written.steps += fixture.steps.length;
      written.bytes += text.length;
    }
  }
  return written;
}
