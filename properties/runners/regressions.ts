/**
 * Counterexamples kept as regression tests: a failing run saved as JSON in test/regressions/
 * (`npm start -- … --save NAME`), replayed by npm test against the bundled contract for ever
 * after. A differential failure keeps its world and every step, compared on both sides; a step
 * property's failure keeps its resolved steps, replayed with that property's check.
 * @internal
 * @module
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalog } from '../catalog.js';
import type { DifferentialSetup } from '../differential/property.js';
import { openWorld } from '../differential/property.js';
import type { LogEntry } from '../differential/world.js';
import { moveTo, step } from '../differential/world.js';
import type { DriverFactory } from '../driver.js';
import type { ResolvedStep } from '../run-scenario.js';
import { replay } from '../run-scenario.js';
import { stringify } from './check.js';

/** Whether this is an installed copy of the kit (under node_modules), not a clone. */
const installed = fileURLToPath(new URL('../../', import.meta.url))
  .split(sep)
  .includes('node_modules');

/**
 * Where --save writes and npm test reads: test/regressions/ in a clone; in an installed kit,
 * mll-regressions/ in the caller's directory (never inside node_modules); or MLL_REGRESSIONS_DIR
 * (tests that save use a directory of their own).
 */
export function regressionsDir(): string {
  if (process.env.MLL_REGRESSIONS_DIR !== undefined) return process.env.MLL_REGRESSIONS_DIR;
  if (installed) return resolve(process.env.INIT_CWD ?? process.cwd(), 'mll-regressions');
  return fileURLToPath(new URL('../../test/regressions/', import.meta.url));
}

export interface Regression {
  readonly name: string;
  /** Why it was saved: the failure it showed. */
  readonly found: string;
  /** The property that failed; P-DIFFERENTIAL when absent. */
  readonly property?: string;
  readonly world: DifferentialSetup;
  readonly steps: readonly LogEntry[];
}

/** The properties whose counterexamples can be saved: the differential suite and every step property. */
export const savableProperties: readonly string[] = catalog
  .filter((p) => p.id === 'P-DIFFERENTIAL' || p.stepCheck !== undefined)
  .map((p) => p.id);

/** The file a regression named `name` goes to; a RangeError when the name is not kebab-case or the file exists. Checked before a run, so a run is never wasted on a name that cannot be saved. */
export function regressionFile(name: string): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name))
    throw new RangeError(`--save: a regression name is kebab-case letters and digits, got '${name}'`);
  const file = join(regressionsDir(), `${name}.json`);
  if (existsSync(file)) throw new RangeError(`--save: ${file} exists already; choose another name`);
  return file;
}

/** Writes test/regressions/NAME.json, never over an existing one. */
export function saveRegression(regression: Regression): string {
  const file = regressionFile(regression.name);
  mkdirSync(regressionsDir(), { recursive: true });
  writeFileSync(file, `${stringify(regression)}\n`, { flag: 'wx' });
  return file;
}

/** JSON.parse's reviver for stringify's bigints ("123n"). */
export function revive(_key: string, value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value;
}

/** Reads every saved regression, bigints restored. */
export function loadRegressions(): Regression[] {
  const dir = regressionsDir();
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8'), revive) as Regression);
}

/** Replays a regression on an implementation, beside the reference; throws the failure if any. */
export async function replayRegression(factory: DriverFactory, regression: Regression): Promise<void> {
  const property = regression.property ?? 'P-DIFFERENTIAL';
  if (property !== 'P-DIFFERENTIAL') {
    const check = catalog.find((p) => p.id === property)?.stepCheck;
    if (check === undefined) throw new RangeError(`regression ${regression.name}: property '${property}' has no step check to replay`);
    const { params, deployTime } = regression.world;
    await replay(factory(), { params, deployTime, steps: [] }, regression.steps as readonly ResolvedStep[], check);
    return;
  }
  // The opening is among the logged steps already.
  const sides = await openWorld(factory, { ...regression.world, opening: null });
  if (sides === null) return;
  const { model, real } = sides;
  for (const { time, action } of regression.steps) {
    await moveTo(model, real, time, 'replaying');
    if (action !== undefined) await step(model, real, action);
  }
}
