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
import { differentialSetupArb, openWorld, sweepWorlds } from '../differential/property.js';
import { ReferenceDriver } from '../drivers/reference.js';
import { loadRegressions } from '../runners/regressions.js';
import type { Fixture } from './format.js';
import { fixtureOf } from './fixture.js';

/** Commands per run, as P-DIFFERENTIAL draws them. */
const MAX_COMMANDS = 40;

const runArb = fc.tuple(differentialSetupArb, fc.commands([commandArb], { maxCommands: MAX_COMMANDS, size: 'max' }));

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
    const sides = await openWorld((setup) => new ReferenceDriver(setup), world);
    if (sides !== null) await fc.asyncModelRun(() => sides, commands);
    const fixture = await fixtureOf(`differential-${seed}-${String(index).padStart(5, '0')}`, `npm run vectors -- --seed ${seed}: run ${index}`, world, sides?.model.log ?? []);
    total += fixture.steps.length;
    index++;
    yield fixture;
  }
}

/** The constructor sweep's worlds, `sweep:F:V` (argument F at bound variant V), as fixtures. */
export async function* sweepFixtures(): AsyncGenerator<Fixture> {
  for (const { place, world } of sweepWorlds()) yield fixtureOf(place.replaceAll(':', '-'), place, world, []);
}

/** The saved regressions (test/regressions/, or MLL_REGRESSIONS_DIR), their logged steps as they are. */
export async function* regressionFixtures(): AsyncGenerator<Fixture> {
  for (const regression of loadRegressions()) {
    yield fixtureOf(`regression-${regression.name}`, `test/regressions/${regression.name}.json: ${regression.found}`, regression.world, regression.steps);
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
