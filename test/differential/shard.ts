/**
 * One shard of the differential suite on the bundled contract: its share of the step budget
 * (MLL_STEPS, default 100,000 across the shards) from its own seed (MLL_SEED shifts them all).
 */
import { expect } from 'vitest';
import { bundledArtifact } from '../../contracts/compile.js';
import { evmDriverFactory } from '../../properties/drivers/evm.js';
import { runDifferentialBudget, stepsFromEnv } from '../../properties/runners/budget.js';

export const SHARDS = 2;

export async function runShard(shard: number): Promise<void> {
  const steps = Math.ceil(stepsFromEnv(100_000) / SHARDS);
  const seed = Number(process.env.MLL_SEED ?? 20_261_123) + shard * 1_000_000;
  const report = await runDifferentialBudget(evmDriverFactory(bundledArtifact()), { steps, seed });
  expect(report.failed?.failure?.timeline ?? report.failed?.failure?.message).toBeUndefined();
  expect(report.steps).toBeGreaterThanOrEqual(steps);
}
