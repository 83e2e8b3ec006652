/**
 * `npm run bench`: speeds, measured, never asserted. Writes bench/results.json; the README quotes
 * it. Figures are medians over repeated rounds on one core.
 *
 * - referenceStepsPerSec: scenario steps (a call plus two observations) on the reference driver.
 * - propertyRunsPerSec: full P-CONSERVATION runs (random scenario, every step checked).
 * @module
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as fc from 'fast-check';
import { catalog } from '../properties/catalog.js';
import { ReferenceDriver } from '../properties/drivers/reference.js';
import { checkProperty } from '../properties/runners/check.js';
import { runScenario } from '../properties/run-scenario.js';
import { scenarioArb } from '../properties/scenario.js';

const ROUNDS = 7;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function referenceStepsPerSec(): Promise<number> {
  const scenarios = fc.sample(scenarioArb({ forcedEther: true }), { numRuns: 400, seed: 1 });
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let steps = 0;
    const started = performance.now();
    for (const scenario of scenarios) steps += (await runScenario(new ReferenceDriver(), scenario)).entries.length;
    rates.push(steps / ((performance.now() - started) / 1000));
  }
  return median(rates);
}

async function propertyRunsPerSec(): Promise<number> {
  const property = catalog.find((p) => p.id === 'P-CONSERVATION')!;
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const report = await checkProperty(property, () => new ReferenceDriver(), { numRuns: 300, seed: round + 1 });
    rates.push(report.runs / (report.milliseconds / 1000));
  }
  return median(rates);
}

const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version },
  rounds: ROUNDS,
  referenceStepsPerSec: Math.round(await referenceStepsPerSec()),
  propertyRunsPerSec: Math.round(await propertyRunsPerSec()),
};
writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
