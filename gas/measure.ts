/**
 * The gas snapshot: every external function's gas over a fixed differential run on the bundled
 * contract (same seed, same steps, so the same calls every time). Gas is each call's execution
 * gas as a transaction sees it (fresh warm/cold sets, caller and lock warm), without the
 * 21,000 intrinsic gas and calldata — the figure a forge gas report gives for a call.
 *
 *   npm run gas        measures and writes gas/snapshot.json and gas/README.md
 * @module
 */
import { bundledArtifact } from '../contracts/compile.js';
import type { GasSample } from '../properties/drivers/evm.js';
import { evmDriverFactory } from '../properties/drivers/evm.js';
import { runDifferentialBudget } from '../properties/runners/budget.js';

export const GAS_SEED = 7;
export const GAS_STEPS = 20_000;

export interface GasFigures {
  readonly calls: number;
  readonly median: number;
  readonly max: number;
}

export interface GasSnapshot {
  readonly compilerVersion: string;
  readonly inputHash: string;
  readonly seed: number;
  readonly steps: number;
  /** Successful calls only: a revert's gas says nothing about the function's cost. */
  readonly functions: Readonly<Record<string, GasFigures>>;
}

function median(values: readonly bigint[]): number {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Number(sorted[Math.floor((sorted.length - 1) / 2)]);
}

export async function measureGas(): Promise<GasSnapshot> {
  const artifact = bundledArtifact();
  const samples = new Map<string, bigint[]>();
  const record = (sample: GasSample) => {
    if (sample.ok) samples.set(sample.fn, [...(samples.get(sample.fn) ?? []), sample.gas]);
  };
  const report = await runDifferentialBudget(evmDriverFactory(artifact, { onGas: record }), { steps: GAS_STEPS, seed: GAS_SEED });
  if (report.failed !== undefined) throw new Error(`the gas run diverged: ${report.failed.failure?.message}`);
  const functions = Object.fromEntries(
    [...samples.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([fn, gas]) => [fn, { calls: gas.length, median: median(gas), max: Number(gas.reduce((m, g) => (g > m ? g : m), 0n)) }]),
  );
  return { compilerVersion: artifact.compilerVersion, inputHash: artifact.inputHash, seed: GAS_SEED, steps: GAS_STEPS, functions };
}
