/**
 * Every scenario property of the catalog on the bundled contract, at a small budget (MLL_RUNS
 * scales it): the same properties that hold the reference, now holding the contract.
 */
import { describe, expect, it } from 'vitest';
import { bundledArtifact } from '../../contracts/compile.js';
import { catalog } from '../../properties/catalog.js';
import { evmDriverFactory } from '../../properties/drivers/evm.js';
import { budgetFromEnv, checkProperty } from '../../properties/runners/check.js';

const budget = budgetFromEnv(25);

describe('the property catalog on the bundled contract', () => {
  for (const property of catalog.filter((p) => p.id !== 'P-DIFFERENTIAL')) {
    it(`${property.id}: ${property.title} [${property.clauses.join(', ')}]`, async () => {
      const report = await checkProperty(property, evmDriverFactory(bundledArtifact()), budget);
      expect(report.failure).toBeUndefined();
    }, 600_000);
  }
});
