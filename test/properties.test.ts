/**
 * Every property of the catalog on the reference. MLL_RUNS scales the budget (default 300 runs
 * per property); MLL_SEED fixes the seed to replay a failure.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../properties/catalog.js';
import { ReferenceDriver } from '../properties/drivers/reference.js';
import { budgetFromEnv, checkProperty } from '../properties/runners/check.js';

const budget = budgetFromEnv(300);

describe('the property catalog on the reference', () => {
  for (const property of catalog) {
    it(`${property.id}: ${property.title} [${property.clauses.join(', ')}]`, async () => {
      const report = await checkProperty(property, (setup) => new ReferenceDriver(setup), budget);
      expect(report.failure).toBeUndefined();
      expect(report.runs).toBe(budget.numRuns);
    });
  }
});
