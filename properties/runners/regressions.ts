/**
 * Counterexamples kept as regression tests: a failing differential run saved as JSON in
 * test/regressions/ (one step: `npm start -- … --save NAME`), replayed by npm test against the
 * bundled contract for ever after.
 * @module
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DifferentialSetup } from '../differential/property.js';
import { openWorld } from '../differential/property.js';
import type { LogEntry } from '../differential/world.js';
import { moveTo, step } from '../differential/world.js';
import type { DriverFactory } from '../driver.js';
import { stringify } from './check.js';

export const regressionsDir = fileURLToPath(new URL('../../test/regressions/', import.meta.url));

export interface Regression {
  readonly name: string;
  /** Why it was saved: the divergence it showed. */
  readonly found: string;
  readonly world: DifferentialSetup;
  readonly steps: readonly LogEntry[];
}

/** Writes test/regressions/NAME.json (never over an existing one); names are kebab-case so they read as test names. */
export function saveRegression(regression: Regression): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(regression.name)) {
    throw new RangeError(`--save: a regression name is kebab-case letters and digits, got '${regression.name}'`);
  }
  mkdirSync(regressionsDir, { recursive: true });
  const file = join(regressionsDir, `${regression.name}.json`);
  writeFileSync(file, `${stringify(regression)}\n`, { flag: 'wx' });
  return file;
}

/** JSON.parse's reviver for stringify's bigints ("123n"). */
export function revive(_key: string, value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value;
}

/** Reads every saved regression, bigints restored. */
export function loadRegressions(): Regression[] {
  return readdirSync(regressionsDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(regressionsDir, name), 'utf8'), revive) as Regression);
}

/** Replays a regression on the reference and an implementation; throws the divergence if any. */
export async function replayRegression(factory: DriverFactory, regression: Regression): Promise<void> {
  // The opening is among the logged steps already.
  const sides = await openWorld(factory, { ...regression.world, opening: null });
  if (sides === null) return;
  const { model, real } = sides;
  for (const { time, action } of regression.steps) {
    await moveTo(model, real, time, 'replaying');
    if (action !== undefined) await step(model, real, action);
  }
}
