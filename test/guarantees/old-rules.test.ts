/**
 * The guarantee properties (properties/guarantees.ts) find the holes of issue 8 on the old rules
 * by search, not by a scenario written in: each old rule is a known-bad variant of the contract
 * (test/known-bad/variants.ts), run through the EVM driver, and the property must fail naming
 * the guarantee the hole breaks, within a fixed seed and budget. The runs each took are printed.
 *
 * Hole 1 (D8-claim-right-after-cure): MLL-GUA-001. Hole 2 (D6-waiver-on-first-second, and the
 * waiver that survived the exiter's own default): MLL-GUA-003. Hole 3 (D1-party-poke-is-liveness):
 * MLL-GUA-005. The withdrawn 100 % penalty (D8-penalty-may-confiscate): MLL-GUA-006.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../contracts/compile.js';
import { evmDriverFactory } from '../../properties/drivers/evm.js';
import { guarantees } from '../../properties/guarantees.js';
import { checkProperty } from '../../properties/runners/check.js';
import { applyPatches, variants } from '../known-bad/variants.js';

const source = readFileSync(new URL('../../contracts/MutualLiquidityLock.sol', import.meta.url), 'utf8');

const cases = [
  { variant: 'D8-claim-right-after-cure', property: 'P-GUA-NO-LOSS-WHEN-COMPLIANT', clause: 'MLL-GUA-001', seed: 2, runs: 200 },
  { variant: 'D6-waiver-on-first-second', property: 'P-GUA-WAIVER-NEEDS-BLEED', clause: 'MLL-GUA-003', seed: 1, runs: 200 },
  { variant: 'D6-waiver-survives-own-default', property: 'P-GUA-WAIVER-NEEDS-BLEED', clause: 'MLL-GUA-003', seed: 1, runs: 300 },
  { variant: 'D1-party-poke-is-liveness', property: 'P-GUA-NO-THIRD-PARTY-EFFECT', clause: 'MLL-GUA-005', seed: 1, runs: 200 },
  { variant: 'D8-penalty-may-confiscate', property: 'P-GUA-LEAVING-BOUNDED', clause: 'MLL-GUA-006', seed: 1, runs: 200 },
] as const;

describe('the old rules of issue 8, found by the guarantee properties on the contract', () => {
  for (const c of cases) {
    it(`${c.clause}: ${c.property} rejects ${c.variant} (seed ${c.seed}, at most ${c.runs} runs)`, async () => {
      const variant = variants.find((v) => v.id === c.variant)!;
      const artifact = compileSource('MutualLiquidityLock.sol', applyPatches(source, variant.patches, variant.id), 'MutualLiquidityLock');
      const property = guarantees.find((g) => g.id === c.property)!;
      const report = await checkProperty({ ...property, subject: 'implementation' }, evmDriverFactory(artifact), {
        numRuns: c.runs,
        seed: c.seed,
      });
      expect(report.failure, `${c.variant} survived ${report.runs} runs of ${c.property}`).toBeDefined();
      expect(report.failure!.clause, report.failure!.message).toBe(c.clause);
      console.log(
        `${c.variant}: ${c.property} failed at run ${report.runs} of ${c.runs} (${report.exercise.calls} calls, ${(report.milliseconds / 1000).toFixed(1)} s): ${report.failure!.message.slice(0, 200)}`,
      );
    }, 300_000);
  }
});
