/**
 * Known-bad implementations (variants.ts): our contract with one behaviour of the deployed
 * contract put back. Each is compiled and run through the differential suite under a fixed
 * budget and seed; the suite must reject it, naming a clause of the area that decides the point.
 * A variant that survives is a hole in the suite, not a reason to weaken the variant.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../contracts/compile.js';
import { compileSource } from '../../contracts/compile.js';
import { evmDriverFactory } from '../../properties/drivers/evm.js';
import { runDifferentialBudget } from '../../properties/runners/budget.js';
import { replayCommand } from '../../cli/check.js';
import { conform } from '../support/conform.js';
import type { Variant } from './variants.js';
import { clauseOfFunction } from '../../properties/differential/clauses.js';
import { applyPatches, isExpectedFailure, occurrences, variants } from './variants.js';

const STEPS = 20_000;
const SEED = 1;

const source = readFileSync(new URL('../../contracts/MutualLiquidityLock.sol', import.meta.url), 'utf8');
const compile = (text: string): Artifact => compileSource('MutualLiquidityLock.sol', text, 'MutualLiquidityLock');

let originalArtifact: Artifact | undefined;
const original = (): Artifact => (originalArtifact ??= compile(source));
const variantsDir = mkdtempSync(join(tmpdir(), 'mll-known-bad-'));

const showExpected = (v: Variant): string =>
  `${v.expectedClauses instanceof RegExp ? String(v.expectedClauses) : v.expectedClauses.join(' | ')}` +
  (v.outcomesOf === undefined ? '' : `, or the outcome of ${v.outcomesOf.join(', ')}`);

describe('the table of known-bad variants', () => {
  it('has unique ids, one per line of a defect, and covers D1 … D10 and D11', () => {
    const ids = variants.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const v of variants) {
      expect(v.id.startsWith(`${v.defect}-`), v.id).toBe(true);
      expect(v.description).not.toContain('\n');
      expect(v.patches.length).toBeGreaterThan(0);
    }
    const covered = new Set(variants.map((v) => v.defect));
    for (let n = 1; n <= 11; n++) expect(covered.has(`D${n}`), `D${n}`).toBe(true);
  });

  it('applies every patch to exactly one place of the current contract', () => {
    for (const v of variants) {
      let patched = source;
      for (const patch of v.patches) {
        expect(occurrences(patched, patch.find), `${v.id}: ${JSON.stringify(patch.find)}`).toBe(1);
        patched = patched.replace(patch.find, () => patch.replace);
      }
      expect(applyPatches(source, v.patches, v.id)).toBe(patched);
      expect(patched).not.toBe(source);
    }
  });

  it('refuses a patch whose text is missing or occurs twice', () => {
    expect(() => applyPatches('a b a', [{ find: 'a', replace: 'c' }])).toThrow(/exactly one occurrence .* found 2/);
    expect(() => applyPatches('a b', [{ find: 'z', replace: 'c' }])).toThrow(/found 0/);
    expect(() => applyPatches('a b', [])).toThrow(/no patches/);
    expect(applyPatches('a b', [{ find: 'b', replace: '$&$&' }])).toBe('a $&$&');
  });

  it("accepts a function's own clause only for the outcome of a function the variant names", () => {
    const variant = variants.find((v) => v.id === 'D5-penalty-at-execution')!;
    expect(variant.outcomesOf).toEqual(['executeUnilateralExit']);
    const execute = clauseOfFunction('executeUnilateralExit');
    const outcome = (fn: string) => `${execute}: ${fn} by A at 2592001, outcome: reference {}, implementation {}`;
    expect(isExpectedFailure(variant, execute, outcome('executeUnilateralExit'))).toBe(true);
    expect(isExpectedFailure(variant, clauseOfFunction('deposit'), outcome('deposit'))).toBe(false);
    const deposit = clauseOfFunction('deposit');
    expect(isExpectedFailure(variant, deposit, `${deposit}: after deposit by A at 1, view A.share: …`)).toBe(false);
    expect(isExpectedFailure(variant, null, outcome('executeUnilateralExit'))).toBe(false);
  });
});

describe('known-bad variants are rejected by the differential suite', () => {
  for (const variant of variants) {
    it(`${variant.id}: ${variant.description} — rejected`, async () => {
      const artifact = compile(applyPatches(source, variant.patches, variant.id));
      expect(artifact.deployedBytecode, 'the variant compiles to the original').not.toBe(original().deployedBytecode);

      const report = await runDifferentialBudget(evmDriverFactory(artifact), { steps: STEPS, seed: SEED });
      expect(report.failed, `${variant.id} survived ${report.steps} steps (${report.runs} runs, seed ${SEED})`).toBeDefined();
      const failure = report.failed!.failure!;
      expect(
        isExpectedFailure(variant, failure.clause, failure.message),
        `${variant.id}: expected ${showExpected(variant)}; the suite said\n${failure.message}\n${failure.timeline ?? ''}`,
      ).toBe(true);

      // The replay `npm start` prints for this failure, run as printed on the variant's source: the same failure.
      const file = join(variantsDir, variant.id, 'MutualLiquidityLock.sol');
      mkdirSync(join(variantsDir, variant.id));
      writeFileSync(file, applyPatches(source, variant.patches, variant.id));
      const printed = replayCommand(report.failed!, file);
      const replayed = await conform(printed.slice('npm start -- '.length).split(' '));
      expect(replayed.out, printed).toContain(`P-DIFFERENTIAL failed: ${failure.message}\n`);
    }, 300_000);
  }
});
